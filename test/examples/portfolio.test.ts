// The portfolio example evaluates, as one portfolio, to the outcomes its README works out by
// hand: per client and month the availability (minutes up ÷ minutes of the month in the
// client's own time zone), met or breached, the credits per currency, the early warning,
// the expiring agreement, the deviations from the offerings, and each shared file read once.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortfolioReport } from '@sla/engine';
import { beforeAll, describe, expect, test } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../packages/language/src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'portfolio');
const CLIENTS = ['adatum', 'alpine', 'coho', 'fabrikam', 'litware', 'lucerne', 'margie', 'northwind', 'proseware', 'tailspin', 'wingtip', 'woodgrove'];
/** The morning after the quarter (README): Lucerne's agreement, valid to 30 April, is still running. */
const NOW = Date.parse('2026-04-01T08:00:00+02:00');

let portfolio: PortfolioReport;
const opened: string[] = [];

beforeAll(async () => {
    const files = CLIENTS.map((client) => path.join(folder, `${client}.sla`));
    const { documents, services } = await loadSlaFiles(files);
    const clients = documents.filter((document) => files.includes(document.uri.fsPath));
    for (const document of documents) {
        const errors = (document.diagnostics ?? []).filter((d) => d.severity === 1 || d.severity === 2);
        expect(errors.map((d) => `${document.uri.fsPath}:${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    }
    portfolio = await evaluatePortfolioDocuments(portfolioAgreements(clients), services, {
        from: '2026-01-01', to: '2026-03-31', now: NOW, onFileOpen: (file: string) => opened.push(path.basename(file))
    } as Parameters<typeof evaluatePortfolioDocuments>[2]);
}, 120_000);

const entry = (agreement: string) => portfolio.entries.find((e) => e.agreement === agreement)!;
/** An objective's windows as [month, availability rounded to 6 decimals or ms, status]. */
const windows = (agreement: string, kpi: string) => entry(agreement).report.objectives.find((o) => o.kpi === kpi)!
    .windows.map((w) => [w.start.slice(0, 7), w.value === null ? null : Math.round(w.value * 1e6) / 1e6, w.status]);
const MINUTE = 60_000;

describe('examples/portfolio: designed outcomes (README.md)', () => {
    test('8 of 12 clients breached, 4 met, none at risk', () => {
        expect(portfolio.totals).toMatchObject({ agreements: 12, breached: 8, atRisk: 0, met: 4, noData: 0 });
        expect(portfolio.entries.filter((e) => e.status === 'met').map((e) => e.agreement).sort())
            .toEqual(['AdatumHosting', 'AlpineMail', 'LucerneHosting', 'WoodgroveMail']);
    });

    test('availability per month in the client\'s zone', () => {
        // Northwind 99.95 %: January 44,610 / 44,640 = 0.999328 breached.
        expect(windows('NorthwindHosting', 'Availability')).toEqual([['2026-01', 0.999328, 'breached'], ['2026-02', 1, 'met'], ['2026-03', 1, 'met']]);
        // Fabrikam: February 40,260 / 40,320 = 0.998512.
        expect(windows('FabrikamHosting', 'Availability')[1]).toEqual(['2026-02', 0.998512, 'breached']);
        // Tailspin: 28 Feb 15:00–23:20 UTC is 1 March in Tokyo: March 44,140 / 44,640 = 0.988799, February untouched.
        expect(windows('TailspinHosting', 'Availability')).toEqual([['2026-01', 1, 'met'], ['2026-02', 1, 'met'], ['2026-03', 0.988799, 'breached']]);
        // Wingtip: January 44,590 / 44,640 = 0.99888.
        expect(windows('WingtipHosting', 'Availability')[0]).toEqual(['2026-01', 0.99888, 'breached']);
        // Litware: hosting March 44,560 / 44,580 (Berlin March has 44,580 minutes) = 0.999551; added mail February 40,020 / 40,320 = 0.99256.
        expect(windows('LitwareHosting', 'Availability')[2]).toEqual(['2026-03', 0.999551, 'met']);
        expect(windows('LitwareHosting', 'MailAvailability')[1]).toEqual(['2026-02', 0.99256, 'breached']);
        // Lucerne: 01:50 CET – 03:20 CEST on 29 March is 30 minutes: 44,550 / 44,580 = 0.999327.
        expect(windows('LucerneHosting', 'Availability')[2]).toEqual(['2026-03', 0.999327, 'met']);
        // Mail: Alpine 44,520 / 44,640; Coho (99.9 %) 40,260 / 40,320; Margie (New York, March 44,580) 44,340 / 44,580; Woodgrove 44,460 / 44,640.
        expect(windows('AlpineMail', 'Availability')[0]).toEqual(['2026-01', 0.997312, 'met']);
        expect(windows('CohoMail', 'Availability')[1]).toEqual(['2026-02', 0.998512, 'breached']);
        expect(windows('MargieMail', 'Availability')[2]).toEqual(['2026-03', 0.994616, 'breached']);
        expect(windows('WoodgroveMail', 'Availability')[0]).toEqual(['2026-01', 0.995968, 'met']);
        expect(windows('AdatumHosting', 'Availability').map((w) => w[2])).toEqual(['met', 'met', 'met']);
    });

    test('P1 response: 10 minutes everywhere, Proseware\'s January 30 minutes (nearest-rank 90th percentile of 20 and 30) against its 20', () => {
        expect(windows('ProsewareHosting', 'P1Response')).toEqual([['2026-01', 30 * MINUTE, 'breached'], ['2026-02', 10 * MINUTE, 'met'], ['2026-03', 10 * MINUTE, 'met']]);
        expect(windows('FabrikamHosting', 'P1Response')).toEqual([['2026-01', 10 * MINUTE, 'met'], ['2026-02', 10 * MINUTE, 'met'], ['2026-03', 10 * MINUTE, 'met']]);
    });

    test('credits per client and per currency, never added across currencies', () => {
        const credits = (agreement: string) => entry(agreement).credits.filter((c) => c.total > 0).map((c) => [c.currency, c.total]);
        expect(credits('NorthwindHosting')).toEqual([['EUR', 400]]); // 10 % × 4,000
        expect(credits('FabrikamHosting')).toEqual([['EUR', 500]]); // 10 % × 5,000
        expect(credits('WingtipHosting')).toEqual([['EUR', 600]]); // replaced tier: 20 % × 3,000
        expect(credits('TailspinHosting')).toEqual([['JPY', 200_000]]); // tier 2: 25 % × 800,000
        expect(credits('CohoMail')).toEqual([['JPY', 7_500]]); // 5 % × 150,000
        expect(credits('MargieMail')).toEqual([['USD', 60]]); // 5 % × 1,200
        expect(credits('LitwareHosting')).toEqual([]);
        expect(credits('ProsewareHosting')).toEqual([]);
        expect(portfolio.totals.credits.map((c) => [c.currency, c.total, c.provisionalTotal]))
            .toEqual([['EUR', 1_500, 0], ['JPY', 207_500, 0], ['USD', 60, 0]]);
    });

    test('Lucerne: the early warning of March and the agreement expiring on 30 April', () => {
        expect(entry('LucerneHosting').earlyWarnings.map((w) => [w.kpi, w.start.slice(0, 7)])).toEqual([['Availability', '2026-03']]);
        expect(portfolio.entries.filter((e) => e.earlyWarnings.length > 0).map((e) => e.agreement)).toEqual(['LucerneHosting']);
        expect(portfolio.entries.filter((e) => e.expiresOn !== undefined).map((e) => [e.agreement, e.expiresOn])).toEqual([['LucerneHosting', '2026-04-30']]);
    });

    test('clients, offerings and deviations from them', () => {
        expect(entry('NorthwindHosting')).toMatchObject({ client: 'Northwind Traders', template: 'ManagedHosting' });
        expect(entry('CohoMail')).toMatchObject({ client: 'Coho Winery Japan', template: 'HostedMail' });
        const deviations = portfolio.entries.flatMap((e) => e.deviations.map((d) => `${e.agreement} ${d.kind} ${d.member}`)).sort();
        expect(deviations).toEqual([
            'CohoMail tightened objective Mail.Availability',
            'LitwareHosting added service Mail',
            'NorthwindHosting tightened objective Hosting.Availability',
            'ProsewareHosting tightened objective Hosting.P1Response',
            'WingtipHosting replaced credit Hosting.Availability'
        ]);
    });

    test('each shared file read once for every agreement that uses it', () => {
        expect(portfolio.dataFiles.map((f) => [path.basename(f.path), f.agreements, f.reads]).sort())
            .toEqual([['incidents.csv', 12, 1], ['tickets.csv', 8, 1]]);
        expect(opened.filter((file) => file === 'incidents.csv')).toHaveLength(1);
    });
});
