import { describe, expect, it } from 'vitest';
import { renderMarkdown, type CreditReport, type CreditWindowReport, type Report } from '../../src/index.js';
import { creditTable } from '../../src/report/report-tables.js';

function creditWindow(parts: Partial<CreditWindowReport>): CreditWindowReport {
    return { start: '2026-04-01T00:00:00Z', end: '2026-05-01T00:00:00Z', partial: false, value: 1, provisional: false, tier: null, tierLabel: null, percentOfFee: null, fee: null, amount: 0, uncappedAmount: 0, capped: false, ...parts };
}

/** April, per region: eu met on 180 USD of charges; us 98 % → 25 % of 400 USD = 100 USD; ap 98 % with no billing rows. */
const credit: CreditReport = {
    kpi: 'Success', kpiKey: 'Success', window: 'calendar month', unit: 'ratio', currency: 'USD', thresholds: [0.999, 0.99], feeProrated: false,
    total: 100, provisionalTotal: 0, scope: 'region', feeSource: 'billing data',
    scopeTotals: [{ scopeValue: 'ap', total: 0, provisionalTotal: 0 }, { scopeValue: 'eu', total: 0, provisionalTotal: 0 }, { scopeValue: 'us', total: 100, provisionalTotal: 0 }],
    windows: [
        creditWindow({ scopeValue: 'ap', value: 0.98, tier: 2, tierLabel: 'below 99.0%', percentOfFee: 25, feeMissing: true }),
        creditWindow({ scopeValue: 'eu', fee: 180 }),
        creditWindow({ scopeValue: 'us', value: 0.98, tier: 2, tierLabel: 'below 99.0%', percentOfFee: 25, fee: 400, amount: 100, uncappedAmount: 100 })
    ]
};

describe('the credit table of a credit for each region, with a fee from billing data', () => {
    const table = creditTable(credit);

    it('has a column for the region and one for the fee; the title gives the total per region that has credits', () => {
        expect(table.headers).toEqual(['region', 'window', 'value', 'tier', 'fee', 'amount', 'cap']);
        expect(table.title).toBe('Credits for Success per calendar month for each region: total $100.00 (us $100.00)');
    });

    it('says which window has no fee, instead of a 0 amount', () => {
        expect(table.rows[0]).toEqual(['ap', expect.any(String), '98 %', '2: below 99.0% (25 % of fee)', 'no billing rows', 'not computable (no fee)', '']);
        expect(table.rows[2]!.slice(3, 6)).toEqual(['2: below 99.0% (25 % of fee)', '$400.00', '$100.00']);
    });

    it('a credit without scope or billing fee keeps its five columns', () => {
        const plain = creditTable({ ...credit, scope: undefined, scopeTotals: undefined, feeSource: 'agreement', windows: [credit.windows[2]!] });
        expect(plain.headers).toEqual(['window', 'value', 'tier', 'amount', 'cap']);
    });

    it('appears in the Markdown report', () => {
        const report = { schemaVersion: 1, agreement: 'Store', timezone: 'UTC', period: { from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' }, generatedAt: '2026-05-02T00:00:00Z', datasets: [], objectives: [], internalTargets: [], credits: [credit], openItems: [], notes: [], totals: { windows: 0, met: 0, breached: 0, noData: 0 } } as Report;
        expect(renderMarkdown(report)).toContain('| region | window | value | tier | fee | amount | cap |');
    });
});
