/**
 * Sorting the portfolio table by the worst objective's margin and by credits: margins in
 * different units and amounts in different currencies are never compared as raw numbers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PortfolioEntry, PortfolioReport } from '@sla/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementModelOf, agreementsOf } from '../../language/src/evaluation/evaluate-document.js';
import { evaluatePortfolioModels } from '../../language/src/evaluation/evaluate-portfolio.js';
import { withCustomer } from '../../language/src/lsp/portfolio/customer-party.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildPortfolioView, clientRow } from '../src/portfolio/build-portfolio-view.js';
import { PORTFOLIO_COLUMNS, sortRows } from '../src/portfolio/portfolio-table.js';
import type { ClientRowView } from '../src/portfolio/portfolio-view.js';
import { worstRelativeMargin } from '../src/portfolio/worst-relative-margin.js';

const names = (rows: ClientRowView[]): string[] => rows.map((row) => row.agreement);

/** An agreement on one objective over January 2026 (UTC), with its data. */
function agreement(name: string, dataset: string, columns: string, kpi: string, objective: string): string {
    return `agreement ${name} "${name}" {
    provider P "Prov"
    customer ${name}Customer "${name} Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    dataset ${dataset} "${dataset}" from "data/${dataset}.csv" {
${columns}
    }
    service S "S" {
        ${kpi}
        ${objective}
    }
}
`;
}

describe('sorting by the worst objective (margin)', () => {
    let scratch: string;
    let report: PortfolioReport;

    beforeAll(async () => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-sorting-'));
        fs.mkdirSync(path.join(scratch, 'data'));
        // AvailCo: down 10 January 00:00 to 11 January 13:12 = 37 h 12 min = 2,232 min of January's 44,640:
        //   (44,640 − 2,232) / 44,640 = 95 % against >= 99.9 %: margin −0.049, relative −0.049 / 0.999 = −4.9 %.
        // TicketCo: one ticket 08:00 to 12:01 = 4 h 1 min = 14,460,000 ms against <= 4 hours (14,400,000 ms):
        //   margin −60,000 ms, relative −60,000 / 14,400,000 = −0.42 %.
        // AvailCo misses by more: it comes first when the smallest margin comes first (raw margins put TicketCo's −60,000 first).
        fs.writeFileSync(path.join(scratch, 'data/incidents.csv'), 'started,resolved\n2026-01-10T00:00:00Z,2026-01-11T13:12:00Z\n');
        fs.writeFileSync(path.join(scratch, 'data/tickets.csv'), 'id,opened,resolved\nT1,2026-01-05T08:00:00Z,2026-01-05T12:01:00Z\n');
        fs.writeFileSync(path.join(scratch, 'avail.sla'), agreement('AvailCo', 'incidents', '        started timestamp\n        resolved timestamp optional',
            'kpi Availability "Up" = uptime(incidents, from started to resolved)', 'objective Availability >= 99.9% per calendar month'));
        fs.writeFileSync(path.join(scratch, 'tickets.sla'), agreement('TicketCo', 'tickets', '        id text\n        opened timestamp\n        resolved timestamp optional',
            'kpi Resolution "Resolution" unit minutes = max(elapsed(tickets.opened, tickets.resolved) wall-clock)', 'objective Resolution <= 4 hours per calendar month'));
        const files = ['avail.sla', 'tickets.sla'].map((file) => path.join(scratch, file));
        const { documents, services } = await loadSlaFiles(files);
        const models = documents.filter((d) => files.includes(d.uri.fsPath))
            .flatMap((document) => agreementsOf(document).map((each) => withCustomer(agreementModelOf(document, services, each.name), each)));
        report = await evaluatePortfolioModels(models, { from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-06-01T00:00:00Z') });
    }, 120_000);

    afterAll(() => {
        if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    it('compares margins relative to the target, as the engine picks the worst objective', () => {
        const [avail, tickets] = ['AvailCo', 'TicketCo'].map((name) => report.entries.find((entry) => entry.agreement === name)!);
        expect(avail!.worst).toMatchObject({ margin: expect.closeTo(-0.049, 12), unit: 'ratio' });
        expect(tickets!.worst).toMatchObject({ margin: -60_000, unit: 'ms' });
        expect(worstRelativeMargin(avail!)).toBeCloseTo(-0.049 / 0.999, 12);
        expect(worstRelativeMargin(tickets!)).toBeCloseTo(-60_000 / 14_400_000, 12);
        const view = buildPortfolioView({ folder: 'pf', report, failures: [] });
        expect(names(sortRows(view.rows, 'worst', 'ascending'))).toEqual(['AvailCo', 'TicketCo']);
        expect(names(sortRows(view.rows, 'worst', 'descending'))).toEqual(['TicketCo', 'AvailCo']);
    });
});

/** An entry with a worst objective, as the engine's report has it, with only what the view reads. */
function withWorst(agreement: string, margin: number, target: number, windowTarget?: number): PortfolioEntry {
    const window = { start: '2026-01-01T00:00:00+00:00', margin, status: margin < 0 ? 'breached' : 'met', ...(windowTarget === undefined ? {} : { target: windowTarget }) };
    return {
        agreement, client: agreement, sourceFile: `/ws/${agreement}.sla`, status: margin < 0 ? 'breached' : 'met',
        objectives: { met: margin < 0 ? 0 : 1, breached: margin < 0 ? 1 : 0, noData: 0 },
        worst: { kpi: 'Availability', service: 'Web', window: window.start, margin, unit: 'ratio', status: window.status },
        credits: [], earlyWarnings: [], atRisk: [], deviations: [], coverage: [],
        report: { credits: [], objectives: [{ kpi: 'Availability', service: 'Web', target, unit: 'ratio', windows: [window] }] }
    } as unknown as PortfolioEntry;
}

describe('the worst objective\'s relative margin', () => {
    it('is the margin over the window\'s own target when the promise steps up, the margin itself for a target of 0', () => {
        // 99.5 % → 99.9 % in March: a March window 0.2 points short is −0.002 / 0.999, not / 0.995.
        expect(worstRelativeMargin(withWorst('Stepped', -0.002, 0.995, 0.999))).toBeCloseTo(-0.002 / 0.999, 15);
        expect(worstRelativeMargin(withWorst('Zero', -3, 0))).toBe(-3);
        expect(worstRelativeMargin({ ...withWorst('None', 0, 1), worst: undefined })).toBeNull();
    });

    it('leaves the order of margins in one unit against one target as it was', () => {
        // Both >= 99.9 %: −0.1 point and +0.05 point; relative −0.1 % and +0.05 %, the same order as the margins.
        const rows = [withWorst('Small', 0.0005, 0.999), withWorst('Breached', -0.001, 0.999)].map(clientRow);
        expect(names(sortRows(rows, 'worst', 'ascending'))).toEqual(['Breached', 'Small']);
        expect(names(sortRows(rows, 'worst', 'descending'))).toEqual(['Small', 'Breached']);
    });
});

/** An entry owing `credits` (per currency: firm, provisional). */
function owing(agreement: string, credits: Array<[string, number, number]>): PortfolioEntry {
    return {
        agreement, client: agreement, sourceFile: `/ws/${agreement}.sla`, status: 'breached',
        objectives: { met: 0, breached: 1, noData: 0 },
        credits: credits.map(([currency, total, provisionalTotal]) => ({ currency, total, provisionalTotal })),
        earlyWarnings: [], atRisk: [], deviations: [], coverage: [], report: { credits: [], objectives: [] }
    } as unknown as PortfolioEntry;
}

describe('sorting by credits', () => {
    // Coho owes ¥7,500 (about €45), Wingtip €600: the yen amount is not "more". Litware owes €100 and €900 provisional:
    // only its €100 is owed. Northwind owes €10 and $20: it sorts by its euros (EUR before USD). Tailspin owes only €300 provisional.
    const rows = [
        owing('Coho', [['JPY', 7_500, 0]]), owing('Wingtip', [['EUR', 600, 0]]), owing('Litware', [['EUR', 100, 900]]),
        owing('Northwind', [['EUR', 10, 0], ['USD', 20, 0]]), owing('Tailspin', [['EUR', 0, 300]]), owing('Fabrikam', [['USD', 50, 0]]),
        owing('Proseware', [['EUR', 0, 0]])
    ].map(clientRow);

    it('groups by currency in code order, then by the amount owed, provisional credits breaking ties; no credits last', () => {
        // Before: the largest of firm + provisional in any currency: Coho 7,500, Litware 1,000, Wingtip 600, Tailspin 300, Fabrikam 50, Northwind 20, Proseware 0.
        expect(names(sortRows(rows, 'credits', 'descending'))).toEqual(['Wingtip', 'Litware', 'Northwind', 'Tailspin', 'Coho', 'Fabrikam', 'Proseware']);
        expect(names(sortRows(rows, 'credits', 'ascending'))).toEqual(['Tailspin', 'Northwind', 'Litware', 'Wingtip', 'Coho', 'Fabrikam', 'Proseware']);
    });

    it('orders clients owing in one currency by the amount, as before', () => {
        const euros = [owing('A', [['EUR', 425, 0]]), owing('B', [['EUR', 1_200, 0]]), owing('C', [['EUR', 800, 0]])].map(clientRow);
        expect(names(sortRows(euros, 'credits', 'descending'))).toEqual(['B', 'C', 'A']);
        expect(names(sortRows(euros, 'credits', 'ascending'))).toEqual(['A', 'C', 'B']);
    });

    it('puts a client owing nothing last in both directions (it has no currency to be sorted in)', () => {
        const rows = [owing('None', [['EUR', 0, 0]]), owing('Some', [['EUR', 425, 0]])].map(clientRow);
        expect(names(sortRows(rows, 'credits', 'ascending'))).toEqual(['Some', 'None']);
        expect(names(sortRows(rows, 'credits', 'descending'))).toEqual(['Some', 'None']);
    });

    it('says the rule in the column header\'s tooltip', () => {
        const notes = Object.fromEntries(PORTFOLIO_COLUMNS.map((column) => [column.column, column.sortNote]));
        expect(notes.credits).toMatch(/^Sort by currency \(in code order: EUR, JPY, USD\), then by the amount owed in it, provisional credits breaking ties; amounts in different currencies are never compared/);
        expect(notes.worst).toMatch(/relative to the target/);
        expect(notes.client).toBeUndefined();
    });
});
