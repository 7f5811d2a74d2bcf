/**
 * At risk (docs/cli.md, "Portfolio report"): a window in progress that the end of the validity
 * cuts ends there — the window, its length and its budget are those of the days in force, as the
 * credit already prorates them. Figures worked out by hand from the rows written here.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, renderPortfolioTable, type AgreementModel } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

/** Cherry's and Dora's February so far, the same for both: 5 requests (1st–5th, 12:00 UTC), 3 good. */
function februaryRows(): string {
    const rows: (string | number)[][] = [];
    for (const client of ['cherry', 'dora']) {
        for (let day = 1; day <= 5; day++) rows.push([`2026-02-0${day}T12:00:00Z`, client, day <= 3 ? 200 : 500]);
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], rows);
}

/** A Tokyo client agreement, `>= 90 %` of requests per calendar month, 10 % of 100,000 JPY below it. */
function tokyoClient(client: string, path: string, validTo: string): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('status', 'integer')]);
    requests.clientScope = { field: 'client', value: client };
    return agreement({
        id: client,
        timezone: 'Asia/Tokyo',
        customer: { name: client, title: client },
        validity: { from: '2026-01-01', to: validTo },
        fee: { amount: 100000, currency: 'JPY', period: MONTH },
        datasets: { requests },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ service: 'Web', kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.9, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Success', window: MONTH, tiers: [{ upper: { value: 0.9, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 90%' }] }]
    });
}

describe('at risk: a window the validity ends', () => {
    it('ends with the validity: its budget is that of the days in force, and the window shown ends on the last day', async () => {
        const path = februaryRows();
        // 20 February 23:00 in Tokyo (14:00 UTC): Cherry's last day, valid to 20 February, is not over.
        const report = await evaluatePortfolio([tokyoClient('cherry', path, '2026-02-20'), tokyoClient('dora', path, '2026-12-31')], { from: '2026-02-01', now: at('2026-02-20T14:00:00Z') });
        const risk = (id: string) => report.entries.find((entry) => entry.agreement === id)!.atRisk;
        // b = (1 − 3/5)/(1 − 0.9) = 0.4/0.1 = 4 for both. Evaluated: 1 Feb 00:00 JST to 20 Feb 23:00 JST = 19 d 23 h = 479 h.
        // Cherry's window ends with the validity, 21 Feb 00:00 JST: 20 d = 480 h long → 4 × 479/480 = 3.99167 (399.2 %).
        expect(risk('cherry')).toEqual([{ kpi: 'Success', service: 'Web', window: 'calendar month', start: '2026-02-01T00:00:00+09:00', end: '2026-02-21T00:00:00+09:00', budgetConsumed: expect.closeTo((4 * 479) / 480, 9), projected: 'breached' }]);
        // Dora's February runs to 1 March 00:00 JST: 28 d = 672 h → 4 × 479/672 = 2.85119 (285.1 %).
        expect(risk('dora')).toEqual([{ kpi: 'Success', service: 'Web', window: 'calendar month', start: '2026-02-01T00:00:00+09:00', end: '2026-03-01T00:00:00+09:00', budgetConsumed: expect.closeTo((4 * 479) / 672, 9), projected: 'breached' }]);
        const table = renderPortfolioTable(report);
        expect(table).toMatch(/cherry\s+Web\.Success\s+2026-02-01 – 2026-02-20\s+399\.2 %\s+BREACHED/);
        expect(table).toMatch(/dora\s+Web\.Success\s+2026-02-01 – 2026-02-28\s+285\.1 %\s+BREACHED/);
        // The credit was already prorated to the 20 days in force: 10 % × 100,000 × 20/28 = 7,142.86 → 7,143 JPY.
        expect(report.entries.find((entry) => entry.agreement === 'cherry')!.credits).toEqual([{ currency: 'JPY', total: 0, provisionalTotal: 7143 }]);
    });
});
