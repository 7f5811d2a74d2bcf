import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementModelOf } from '../../src/evaluation/evaluate-document.js';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { agreementOf, catalogueClientText, hostingCatalogue } from './hosting-catalogue.js';

/**
 * Counts a `count` parameter stands for: the windows of a termination right and of a default
 * rule. UTC; each outage lasts two hours, a breach of 99.9 % in any month (February: 120 of
 * 40,320 minutes, 99.70 %; March 99.73 %; May 99.73 %). Evaluated January–June 2026.
 * - Northwind, the defaults (3 consecutive; 2 of any 3): outages in February and May. No right
 *   fires; May's window of three (March–May) holds one miss: no default.
 * - Contoso, `breaches = 2`: outages in February and March. The right fires at the end of March
 *   (2026-04-01), notice by 30 May (60 days, the first being 1 April); March is the second miss
 *   of three: a default.
 * - Fabrikam, `breaches = 4, lookback = 4`: outages in February and May. No right fires; May's
 *   window of four (February–May) holds two misses: a default. 4 breaches is a loosening of the
 *   right (a warning), a look back of 4 a tightening of the promise (2 of any 4 leaves 4 − 2 = 2
 *   other windows among the misses, 2 of any 3 one).
 * Each member is judged as a whole, with the client's values against the defaults, as an
 * override would be.
 */
const CATALOGUE = hostingCatalogue(`    parameter breaches count default 3
    parameter lookback count default 3
    objective Uptime >= 99.9% per calendar month, default when breached in 2 of any lookback consecutive windows
    termination Chronic "Months in a row below the promise" when Uptime is breached in breaches consecutive windows, notice within 60 days
`);

const outage = (client: string, month: string) => `${client},2026-${month}-10T10:00:00Z,2026-${month}-10T12:00:00Z`;

async function portfolioOf(clients: Record<string, string>, rows: string[]) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-count-parameters-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved\n${rows.join('\n')}\n`);
    for (const [name, args] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, { args }));
    const { documents, services } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;
    return { folder, documents, services, documentOf };
}

describe('count parameters across a portfolio', async () => {
    const { documents, services, documentOf } = await portfolioOf(
        { Northwind: '', Contoso: 'breaches = 2', Fabrikam: 'breaches = 4, lookback = 4' },
        [outage('northwind', '02'), outage('northwind', '05'), outage('contoso', '02'), outage('contoso', '03'), outage('fabrikam', '02'), outage('fabrikam', '05')]
    );
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-01-01', to: '2026-06-30', now: Date.UTC(2027, 0, 1) });
    const entryOf = (agreement: string) => portfolio.entries.find(entry => entry.agreement === agreement)!;
    const defaultsOf = (agreement: string) => entryOf(agreement).report.objectives[0]!.windows.filter(w => w.default).map(w => `${w.start.slice(0, 7)} ${w.default}`);

    it('each client\'s right counts its own number of breached windows', () => {
        expect(entryOf('Northwind').report.terminations!.map(t => t.rule)).toEqual(['3 consecutive windows']);
        expect(entryOf('Contoso').report.terminations!.map(t => t.rule)).toEqual(['2 consecutive windows']);
        expect(entryOf('Fabrikam').report.terminations!.map(t => t.rule)).toEqual(['4 consecutive windows']);
        expect(entryOf('Northwind').terminations).toBeUndefined();
        expect(entryOf('Contoso').terminations).toEqual([{ name: 'Chronic', status: 'fired', firedAt: '2026-04-01T00:00:00+00:00', noticeBy: '2026-05-30' }]);
        expect(entryOf('Fabrikam').terminations).toBeUndefined();
    });

    it('each client\'s default rule looks back over its own number of windows', () => {
        expect(defaultsOf('Northwind')).toEqual([]);
        expect(defaultsOf('Contoso')).toEqual(['2026-03 repeated']);
        expect(defaultsOf('Fabrikam')).toEqual(['2026-05 repeated']);
    });

    it('a larger count of breaches loosens the right (a warning at the argument); a longer look back tightens the promise', () => {
        expect(entryOf('Northwind').deviations).toEqual([]);
        expect(entryOf('Contoso').deviations).toEqual([
            { member: 'termination Chronic', kind: 'tightened', text: '2 consecutive windows, notice within 60 days instead of 3 consecutive windows, notice within 60 days (breaches)' }
        ]);
        expect(entryOf('Fabrikam').deviations).toEqual([
            { member: 'objective Uptime', kind: 'tightened', text: '99.9%, default when breached in 2 of any 4 consecutive windows instead of 99.9%, default when breached in 2 of any 3 consecutive windows (lookback)' },
            { member: 'termination Chronic', kind: 'loosened', text: '4 consecutive windows, notice within 60 days instead of 3 consecutive windows, notice within 60 days (breaches)' }
        ]);
        const fabrikam = documentOf('Fabrikam').diagnostics ?? [];
        expect(fabrikam.map(d => [d.code, d.range.start.line, d.severity])).toEqual([['sla/template-loosened', 7, 2]]);
        // `    with breaches = 4, …`: the argument starts at column 9.
        expect(fabrikam[0]!.range.start.character).toBe(9);
        expect(fabrikam[0]!.message).toContain("This loosens the template's termination right (termination Chronic: 4 consecutive windows, notice within 60 days instead of 3");
        expect(documentOf('Northwind').diagnostics ?? []).toEqual([]);
        expect(documentOf('Contoso').diagnostics ?? []).toEqual([]);
    });

    it('the resolved copy reads as the client\'s contract: the numbers written in, no parameter left', () => {
        const contoso = resolveClient(agreementOf(documentOf('Contoso')))!;
        const termination = contoso.agreement.members.find(m => m.$type === 'Termination') as unknown as Record<string, unknown> & { $cstNode: { text: string } };
        expect([termination.count, termination.countParameter]).toEqual([2, undefined]);
        expect(termination.$cstNode.text).toContain('when Uptime is breached in 2 consecutive windows');
        expect(agreementModelOf(documentOf('Contoso'), services).terminations?.map(t => [t.breached, t.span])).toEqual([[2, undefined]]);
        expect(agreementModelOf(documentOf('Fabrikam'), services).objectives[0]!.defaultRule).toEqual({ breached: 2, span: 4 });
    });
});

describe('a client\'s count that cannot be counted', async () => {
    const { documentOf } = await portfolioOf({ Delta: 'lookback = 1', Echo: 'breaches = 2.5' }, []);

    it('2 of any 1 windows: reported at the argument, with the template\'s line', () => {
        const diagnostics = documentOf('Delta').diagnostics ?? [];
        // A look back of 1 is also shorter than the template's 3: a loosening, said at the argument.
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/template-loosened', 7, 9], ['sla/range-invalid', 7, 20]]);
        expect(diagnostics[1]!.message).toMatch(/^With lookback = 1: '2 of any 1 consecutive windows' cannot hold/);
        // catalogue.sla: the objective's default rule is on its 10th line (0-based 9).
        expect(diagnostics[1]!.relatedInformation?.[0]?.location.range.start.line).toBe(9);
    });

    it('a count that is not whole: the argument\'s type, and nothing else', () => {
        const diagnostics = documentOf('Echo').diagnostics ?? [];
        expect(diagnostics.map(d => d.code)).toContain('sla/template-argument-type');
        expect(diagnostics.find(d => d.code === 'sla/template-argument-type')!.message).toContain('2.5 is not a whole number');
    });
});

/**
 * The other counts: a minimum sample, an earn-back and a run of slices. A service desk whose
 * objective needs at least `minTickets` tickets a month, whose credit is earned back after
 * `earnBack` met months, and whose KPI counts hours with more than 5 tickets only in runs of
 * `run` such hours.
 */
const DESK = `template Desk "Service desk" {
    parameter minTickets count default 20
    parameter earnBack count default 3
    parameter run count default 2
    dataset tickets "Tickets of every client" from "tickets.csv" {
        client text
        opened timestamp
    }
    kpi Handled "Tickets handled" = count(tickets)
    kpi BusyHours "Hours with more than 5 tickets" = slices(every 1 hour: count where count(tickets) > 5, at least run consecutive, empty as good)
    objective Handled >= 10 per calendar month with at least minTickets tickets
    objective BusyHours <= 20 per calendar month
    credit for Handled per calendar month, capped at 50 % of fee {
        below 10: 5 % of fee
        earned back after earnBack met windows
    }
}
`;

describe('a minimum sample, an earn-back and a run of slices as count parameters', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-count-parameters-desk-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), DESK);
    fs.writeFileSync(path.join(folder, 'tickets.csv'), 'client,opened\n');
    const desk = (name: string, args: string, lines = '') => catalogueClientText(name, { template: 'Desk', fee: '1000 EUR', args, lines });
    const clients = { Standard: '', Custom: 'minTickets = 30, earnBack = 2, run = 3', Strict: 'minTickets = 10, earnBack = 4', Override: 'minTickets = 10' };
    for (const [name, args] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), desk(name, args));
    // Its own objective needs 40 tickets: against the template's with this client's 10, a loosening.
    fs.writeFileSync(path.join(folder, 'override.sla'), desk('Override', 'minTickets = 10', '    objective Handled >= 10 per calendar month with at least 40 tickets\n'));
    const { documents, services } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;
    const counts = (name: string) => {
        const model = agreementModelOf(documentOf(name), services);
        const busy = model.kpis.find(kpi => kpi.name === 'BusyHours')!;
        return {
            minimumRows: model.objectives.find(o => o.kpiName === 'Handled')!.minimumRows,
            earnBack: model.credits[0]!.claimTerms?.earnBackWindows,
            run: (busy.formula as { minimumRun?: number }).minimumRun
        };
    };

    it('each client\'s model has its own numbers, else the defaults', () => {
        expect(counts('Standard')).toEqual({ minimumRows: 20, earnBack: 3, run: 2 });
        expect(counts('Custom')).toEqual({ minimumRows: 30, earnBack: 2, run: 3 });
        expect(counts('Strict')).toEqual({ minimumRows: 10, earnBack: 4, run: 2 });
    });

    it('a larger minimum sample and a sooner earn-back loosen (warnings at the argument); a run has no direction', () => {
        const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
        expect(deviations('Standard')).toEqual([]);
        expect(deviations('Custom')).toEqual([
            'loosened objective Handled: 10 with at least 30 tickets instead of 10 with at least 20 tickets (minTickets)',
            'loosened credit Handled: earned back after 2 met windows instead of earned back after 3 met windows (earnBack)'
        ]);
        expect(deviations('Strict')).toEqual([
            'tightened objective Handled: 10 with at least 10 tickets instead of 10 with at least 20 tickets (minTickets)',
            'tightened credit Handled: earned back after 4 met windows instead of earned back after 3 met windows (earnBack)'
        ]);
        // Its own objective against the catalogue's standard (minTickets 20), not its argument (10).
        expect(deviations('Override')).toEqual(['loosened objective Handled: 10 with at least 40 tickets instead of 10 with at least 20 tickets']);
        const warnings = (name: string) => (documentOf(name).diagnostics ?? []).map(d => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${String(d.message).slice(0, 60)}`);
        expect(warnings('Standard')).toEqual([]);
        expect(warnings('Strict')).toEqual([]);
        // `    with minTickets = 30, earnBack = 2, run = 3` (line 8, 0-based): the arguments at columns 9 and 26.
        expect(warnings('Custom')).toEqual([
            "sla/template-loosened 8:9 This loosens the template's promise (objective Handled: 10 w",
            "sla/template-loosened 8:26 This loosens the template's credit (credit Handled: earned b"
        ]);
    });
});

/** `else at most allowedLate failing`: the small-volume rule's allowance as a count parameter (default 1). */
const INCIDENT_DESK = `template Desk "Managed service" {
    parameter allowedLate count default 1
    dataset incidents "Incidents of every client" from "incidents.csv" {
        client text
        late boolean
    }
    kpi OnTime "Incidents resolved in time" = share(incidents where not late of incidents)
    objective OnTime >= 95% per calendar month with at least 20 incidents, else at most allowedLate failing
}
`;

describe('the small-volume allowance as a count parameter', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-count-parameters-small-volume-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), INCIDENT_DESK);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,late\n');
    const clients = { Standard: '', Lenient: 'allowedLate = 2' };
    for (const [name, args] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, { template: 'Desk', fee: '1000 EUR', args }));
    const { documents, services } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;

    it('each client\'s model has its allowance, else the default; more allowed failing items loosen', () => {
        expect(agreementModelOf(documentOf('Standard'), services).objectives[0]).toMatchObject({ minimumRows: 20, smallVolumeAllowed: 1 });
        expect(agreementModelOf(documentOf('Lenient'), services).objectives[0]).toMatchObject({ minimumRows: 20, smallVolumeAllowed: 2 });
        const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
        expect(deviations('Standard')).toEqual([]);
        expect(deviations('Lenient')).toEqual(['loosened objective OnTime: 95% with at least 20 incidents, else at most 2 failing instead of 95% with at least 20 incidents, else at most 1 failing (allowedLate)']);
    });
});
