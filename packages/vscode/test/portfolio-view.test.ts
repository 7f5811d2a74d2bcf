/**
 * The portfolio webview's model (issue 14, "VS Code"): rows, sorting, filtering, the credits
 * chart, and names from someone else's files kept as plain text. The portfolio is built from
 * real evaluations of the repository's examples over January 2026, whose outcomes
 * examples/expected-outcomes.json gives (worked out by hand in each example's README):
 * AcmeHosting, HelixServiceDesk and NimbusObjectStorage meet every objective in January;
 * FabrikamErp breaches ERP.Availability (tier 1, €425.00) and meets ERP.P1Response.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgreementModel, PortfolioReport } from '@sla/engine';
import { svgMarkup, type SvgNode } from '@sla/engine/chart';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildPortfolioView } from '../src/portfolio/build-portfolio-view.js';
import { parsePortfolioMessage } from '../src/portfolio/portfolio-message.js';
import { filterRows, sortRows } from '../src/portfolio/portfolio-table.js';
import type { PortfolioView } from '../src/portfolio/portfolio-view.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PERIOD = { from: '2026-01-01', to: '2026-01-31' };
const HOSTILE_TITLE = 'Mallory <img src=x onerror="alert(1)"> & </td><script>alert(2)</script>';

let scratch: string;
let portfolio: PortfolioReport;
let view: PortfolioView;

/** The models of every agreement of `files`, with their customer, as the language server's sla.evaluatePortfolio builds them. */
async function modelsOf(files: string[]): Promise<AgreementModel[]> {
    const { documents, services } = await loadSlaFiles(files);
    return documents.filter((d) => files.includes(d.uri.fsPath))
        .flatMap((document) => agreementsOf(document).map((agreement) => withCustomer(agreementModelOf(document, services, agreement.name), agreement)));
}

beforeAll(async () => {
    // A client whose title is markup: written and evaluated for real (the e2e fixture's agreement and data).
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-view-'));
    fs.cpSync(path.join(repo, 'test/e2e/fixtures/workspace/data'), path.join(scratch, 'data'), { recursive: true });
    const hostile = fs.readFileSync(path.join(repo, 'test/e2e/fixtures/workspace/hosting.sla'), 'utf8')
        .replace('customer Acme "Acme Corp"', `customer Mallory ${JSON.stringify(HOSTILE_TITLE)}`)
        .replace('"Hosting for the extension tests"', JSON.stringify(HOSTILE_TITLE));
    fs.writeFileSync(path.join(scratch, 'hostile.sla'), hostile);
    const files = [
        'examples/managed-hosting/acme-hosting.sla', 'examples/object-storage/nimbus-object-storage.sla',
        'examples/service-desk/helix-service-desk.sla', 'examples/provider-library/client-fabrikam.sla'
    ].map((file) => path.join(repo, file));
    const models = [...await modelsOf(files), ...await modelsOf([path.join(scratch, 'hostile.sla')])];
    // The engine's one-pass evaluation of the whole portfolio, as the server runs it.
    portfolio = await evaluatePortfolioModels(models, { ...PERIOD, now: Date.parse('2026-06-01T00:00:00Z') });
    view = buildPortfolioView({ folder: 'examples', report: portfolio, failures: [] });
}, 120_000);

afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** The first word of each client (the customer's title: `Acme Corp` → `Acme`). */
const clients = (rows: Array<{ client: string }>) => rows.map((row) => row.client.split(' ')[0]);

describe('portfolio view model', () => {
    it('lists breached clients first, then the others by name', () => {
        // Fabrikam breached; Acme, Globex (Nimbus), Initech (Helix) and Mallory (the fixture: 30 min down of 44,640 = 99.933 % ≥ 99.9 %) met.
        expect(view.rows.map((row) => [row.client.split(' ')[0], row.status])).toEqual([
            ['Fabrikam', 'breached'], ['Acme', 'met'], ['Globex', 'met'], ['Initech', 'met'], ['Mallory', 'met']
        ]);
        expect(view.headline).toBe('5 agreements: 1 breached, 0 at risk, 4 met, 0 without data');
    });

    it('shows each client\'s counts, worst objective and credits in its currency', () => {
        const fabrikam = view.rows.find((row) => row.client.startsWith('Fabrikam'))!;
        expect(fabrikam).toMatchObject({ agreement: 'FabrikamErp', statusWord: 'BREACHED', met: 1, breached: 1, noData: 0, credits: '€425.00', template: '—' });
        // The engine names the window by its start.
        expect(fabrikam.worst).toMatch(/^ERP · Availability \(2026-01-01\) −/);
        // Helix: 7 objectives met, credits in USD of 0 are not "owed".
        expect(view.rows.find((row) => row.client.startsWith('Initech'))).toMatchObject({ met: 7, breached: 0, credits: '—' });
        expect(view.creditTotals).toEqual(['€425.00', '$0.00']);
    });

    it('sorts by any column both ways, ties by status then name', () => {
        expect(clients(sortRows(view.rows, 'client', 'ascending'))).toEqual(['Acme', 'Fabrikam', 'Globex', 'Initech', 'Mallory']);
        expect(clients(sortRows(view.rows, 'client', 'descending'))).toEqual(['Mallory', 'Initech', 'Globex', 'Fabrikam', 'Acme']);
        // Only Fabrikam owes credits; the others tie at 0 and fall back to status, then name.
        expect(clients(sortRows(view.rows, 'credits', 'descending'))).toEqual(['Fabrikam', 'Acme', 'Globex', 'Initech', 'Mallory']);
        expect(clients(sortRows(view.rows, 'met', 'descending'))[0]).toBe('Initech');
        // The breached client has the only negative margin: first when the smallest margin comes first.
        expect(clients(sortRows(view.rows, 'worst', 'ascending'))[0]).toBe('Fabrikam');
        expect(clients(sortRows(view.rows, 'status', 'descending'))[4]).toBe('Fabrikam');
    });

    it('puts a missing value last in both directions', () => {
        const rows = view.rows.map((row) => (row.client.startsWith('Globex') ? { ...row, sort: { ...row.sort, worstRelativeMargin: null } } : row));
        expect(clients(sortRows(rows, 'worst', 'ascending')).at(-1)).toBe('Globex');
        expect(clients(sortRows(rows, 'worst', 'descending')).at(-1)).toBe('Globex');
    });

    it('filters by words in client, title, agreement or template, and by status', () => {
        expect(clients(filterRows(view.rows, { text: 'initech' }))).toEqual(['Initech']);
        // "Service desk for Initech" is HelixServiceDesk's title; both words must occur.
        expect(clients(filterRows(view.rows, { text: 'desk INITECH' }))).toEqual(['Initech']);
        expect(clients(filterRows(view.rows, { text: 'desk globex' }))).toEqual([]);
        expect(clients(filterRows(view.rows, { statuses: ['breached'] }))).toEqual(['Fabrikam']);
        expect(clients(filterRows(view.rows, { statuses: ['at-risk', 'no-data'] }))).toEqual([]);
        expect(filterRows(view.rows, { text: '  ' })).toHaveLength(5);
        // Text is matched as text, never as a pattern.
        expect(filterRows(view.rows, { text: '(.*[' })).toEqual([]);
    });

    it('keeps a hostile title as plain text: neither interpreted nor escaped twice', () => {
        const mallory = view.rows.find((row) => row.client.startsWith('Mallory'))!;
        // The webview puts it into textContent; an escaped copy would show "&lt;img" to the user.
        expect(mallory.title).toBe(HOSTILE_TITLE);
        expect(clients(filterRows(view.rows, { text: '<script>' }))).toEqual(['Mallory']);
        expect(mallory.client).toBe(HOSTILE_TITLE);
        expect(JSON.stringify(view)).not.toContain('&lt;');
    });

    it('draws credits per month per currency, with each month\'s clients in the bar\'s tooltip', () => {
        // Only Fabrikam owes anything: €425.00 for January; dollars owed nothing, so there is no USD chart.
        expect(view.charts.map((chart) => [chart.currency, chart.months])).toEqual([['EUR', [{ month: '2026-01', total: 425, provisional: 0 }]]]);
        expect(view.charts[0]!.rows).toEqual([{ month: 'Jan 2026', total: '€425.00', provisional: '—' }]);
        const bars: SvgNode[] = (view.charts[0]!.svg.children ?? []).filter((child): child is SvgNode => typeof child !== 'string' && child.tag === 'rect');
        expect(bars).toHaveLength(1);
        expect(JSON.stringify(bars[0]!.children)).toContain('Jan 2026: €425.00 (Fabrikam Manufacturing AG €425.00)');
        expect(svgMarkup(view.charts[0]!.svg)).toContain('aria-label="Credits owed per month in EUR, over all clients"');
    });
});

describe('portfolio view model: clients at risk', () => {
    it('shows a window in progress that misses its target as at risk, with the budget used so far, between breached and met', async () => {
        // The e2e fixture's two clients on 12 January, 12:00 UTC, one outage of 30 minutes on 10 January so far:
        // Globex (99.95 %: budget 0.05 % × 44,640 = 22.32 min) has used 30 / 22.32 = 134.4 % of January's budget,
        // Mallory (99.9 %: 44.64 min) 30 / 44.64 = 67.2 %; both below target so far: at risk, projected breached.
        // Copied beside the data copy of beforeAll (data/ next to them instead of ../data/).
        const files = ['globex.sla', 'mallory.sla'].map((name) => {
            const text = fs.readFileSync(path.join(repo, 'test/e2e/fixtures/workspace/portfolio', name), 'utf8').replace('"../data/incidents.csv"', '"data/incidents.csv"');
            fs.writeFileSync(path.join(scratch, name), text);
            return path.join(scratch, name);
        });
        const models = await modelsOf(files);
        const report = await evaluatePortfolioModels(models, { from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-01-12T12:00:00Z') });
        const atRisk = buildPortfolioView({ folder: 'portfolio', report, failures: [] });
        expect(atRisk.rows.map((row) => [row.agreement, row.status, row.statusWord, row.atRisk])).toEqual([
            // Same status: by client name, and "<b>Mallory</b> Ltd" sorts before "Globex Corporation".
            ['MalloryHosting', 'at-risk', 'AT RISK', 'WebShop · Availability: 67.2 % of the budget used, projected breached'],
            ['GlobexHosting', 'at-risk', 'AT RISK', 'WebShop · Availability: 134.4 % of the budget used, projected breached']
        ]);
        expect(atRisk.headline).toBe('2 agreements: 0 breached, 2 at risk, 0 met, 0 without data');
        // Ranked after a breached row and before a met one.
        const mixed = [...view.rows, ...atRisk.rows];
        expect(sortRows(mixed).map((row) => row.status)).toEqual(['breached', 'at-risk', 'at-risk', 'met', 'met', 'met', 'met']);
        expect(filterRows(mixed, { statuses: ['at-risk'] })).toHaveLength(2);
    });
});

describe('parsePortfolioMessage', () => {
    it('accepts the messages the portfolio webview sends', () => {
        expect(parsePortfolioMessage({ type: 'ready' })).toEqual({ type: 'ready' });
        expect(parsePortfolioMessage({ type: 'exportCsv', path: '/etc/passwd' })).toEqual({ type: 'exportCsv' });
        expect(parsePortfolioMessage({ type: 'openClient', key: '/ws/fabrikam.sla#FabrikamErp', extra: '/etc/passwd' })).toEqual({ type: 'openClient', key: '/ws/fabrikam.sla#FabrikamErp' });
        expect(parsePortfolioMessage({ type: 'cspViolation', directive: 'img-src', blocked: 'https://x.example/\na' }))
            .toEqual({ type: 'cspViolation', directive: 'img-src', blocked: 'https://x.example/ a' });
    });

    it('refuses anything else', () => {
        for (const message of [undefined, null, 'ready', [], {}, { type: 'openClient' }, { type: 'openClient', key: '' },
            { type: 'openClient', key: 42 }, { type: 'openClient', key: 'x'.repeat(4_597) }, { type: 'openClient', agreement: 'FabrikamErp' }, { type: 'openFile', path: '/etc/passwd' },
            { type: 'export', format: 'json' }, { type: 'cspViolation', directive: 1, blocked: '' }]) {
            expect(parsePortfolioMessage(message), JSON.stringify(message)).toBeUndefined();
        }
    });
});

describe('portfolio view model: termination rights', () => {
    it('a fired right, with its notice deadline, and a right one breach away lead the at-risk column', async () => {
        // Two-hour outages (a breach of 99.9 % in any month), evaluated January–June 2026:
        // Northwind breached February–April (fired at the end of April, notice by 29 June = 30 April + 60 days);
        // Contoso breached May and June (July would fire it).
        const agreement = (name: string) => `agreement ${name} "Hosting for ${name}" {
    provider P "Provider GmbH"
    customer ${name} "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset incidents "Outages" from "${name.toLowerCase()}.csv" {
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month
    termination ChronicFailure "Three months in a row" when Uptime is breached in 3 consecutive windows, notice within 60 days
}
`;
        const outages = (months: string[]) => `started,resolved\n${months.map((m) => `2026-${m}-10T10:00:00Z,2026-${m}-10T12:00:00Z`).join('\n')}\n`;
        fs.writeFileSync(path.join(scratch, 'northwind.csv'), outages(['02', '03', '04']));
        fs.writeFileSync(path.join(scratch, 'contoso.csv'), outages(['05', '06']));
        const files = ['Northwind', 'Contoso'].map((name) => {
            fs.writeFileSync(path.join(scratch, `${name.toLowerCase()}.sla`), agreement(name));
            return path.join(scratch, `${name.toLowerCase()}.sla`);
        });
        const report = await evaluatePortfolioModels(await modelsOf(files), { from: '2026-01-01', to: '2026-06-30', now: Date.parse('2027-01-01T00:00:00Z') });
        const rows = buildPortfolioView({ folder: 'portfolio', report, failures: [] }).rows;
        expect(rows.map((row) => [row.agreement, row.statusWord, row.atRisk, row.sort.atRisk])).toEqual([
            ['Contoso', 'BREACHED', 'termination right ChronicFailure at risk', 1],
            ['Northwind', 'BREACHED', 'termination right ChronicFailure FIRED, notice by 2026-06-29', 1]
        ]);
    });
});
