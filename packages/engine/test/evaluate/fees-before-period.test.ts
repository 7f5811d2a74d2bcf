/**
 * Fees from billing data that need rows before the evaluation period (previous-fees.ts,
 * docs/language-reference.md § 3.4): `fee from sum(billing.amount) of previous <unit>` — each
 * credit window paid on the charges of the last whole period of that unit ending at or before
 * the window starts, also for the first window when the period starts inside it — and
 * `fee from sum(billing.amount)` with `--from` inside a window, whose fee is its charges over the
 * whole window inside the validity (the window is judged whole: evaluation-period.ts).
 *
 * Data (UTC): a 1-hour outage on 20 January, 20 February and 20 March 2026 (10:00–11:00).
 * Every month and week holding one is below 99.9 %: January 60 of 44,640 min down → 99.866 %,
 * February 60 of 40,320 → 99.851 %, March → 99.866 %, a week 60 of 10,080 → 99.405 %
 * (cut windows too: 15–31 January 60 of 24,480 → 99.755 %, 15–28 February 60 of 20,160 → 99.702 %).
 * Bills, each on the 1st: October 2025 100, November 100, December 900, January 2026 1,000,
 * February 2,000, March 3,000. The credit: 10 % of the fee below 99.9 %.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, evaluatePortfolio, type AgreementModel, type CalendarUnit, type WindowSpec } from '../../src/index.js';
import { aggregate, agreement, at, dataset, field, ref, tempDir, writeCsv } from './fixtures.js';

const NOW = at('2026-12-06T00:00:00Z');
const MONTH: WindowSpec = { kind: 'calendar', unit: 'month' };
const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };
const QUARTER: WindowSpec = { kind: 'calendar', unit: 'quarter' };

function billed(options: { validityFrom?: string; window?: WindowSpec; previous?: CalendarUnit } = {}): { model: AgreementModel; billing: string } {
    const dir = tempDir();
    const incidents = writeCsv(dir, 'incidents.csv', ['started', 'resolved'], [
        ['2026-01-20T10:00:00Z', '2026-01-20T11:00:00Z'],
        ['2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z'],
        ['2026-03-20T10:00:00Z', '2026-03-20T11:00:00Z']
    ]);
    const billing = writeCsv(dir, 'billing.csv', ['day', 'amount'], [
        ['2025-10-01T00:00:00Z', 100], ['2025-11-01T00:00:00Z', 100], ['2025-12-01T00:00:00Z', 900],
        ['2026-01-01T00:00:00Z', 1000], ['2026-02-01T00:00:00Z', 2000], ['2026-03-01T00:00:00Z', 3000]
    ]);
    const window = options.window ?? MONTH;
    const model = agreement({
        timezone: 'UTC',
        validity: { from: options.validityFrom ?? '2026-01-01', to: '2026-12-31' },
        datasets: {
            incidents: dataset('incidents', incidents, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]),
            billing: { ...dataset('billing', billing, [field('day', 'timestamp'), field('amount', 'number')]), completeTo: '2026-12-31' }
        },
        kpis: [
            { key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } },
            { key: 'fee of Test', name: 'fee', unitKind: 'money', currency: 'USD', formula: aggregate('sum', 'billing', ref('billing', 'amount')) }
        ],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window }],
        credits: [{
            kpi: 'Availability', window,
            fee: { kind: 'data', source: 'agreement', kpi: 'fee of Test', currency: 'USD', ...(options.previous !== undefined ? { previous: options.previous } : {}) },
            tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' }]
        }]
    });
    return { model, billing };
}

async function credit(model: AgreementModel, from?: string) {
    const report = await evaluateAgreement(model, { ...(from !== undefined ? { from } : {}), to: '2026-03-31', now: NOW });
    const found = report.credits[0]!;
    return { windows: found.windows.map((w) => [w.start.slice(0, 10), w.fee, w.amount, w.feeMissing ?? false]), total: found.total, notes: report.notes };
}

describe('fees of the previous month when the period starts inside the first credit window', () => {
    it('a validity from 15 January pays January on December\'s charges', async () => {
        // January (cut by the validity, 99.755 %) → December 900 → 90; February → January 1,000 → 100;
        // March → February 2,000 → 200. Total 390 (was 300: January "no billing rows").
        const { windows, total, notes } = await credit(billed({ validityFrom: '2026-01-15', previous: 'month' }).model);
        expect(windows).toEqual([['2026-01-01', 900, 90, false], ['2026-02-01', 1000, 100, false], ['2026-03-01', 2000, 200, false]]);
        expect(total).toBe(390);
        expect(notes.some((note) => note.includes('give no fee'))).toBe(false);
    });

    it('`--from 2026-02-15` pays February on January\'s charges, as `--from 2026-02-01` does', async () => {
        // February (judged whole from the 1st, 99.851 %) → January 1,000 → 100; March → 2,000 → 200. Total 300 (was 200).
        const { model } = billed({ previous: 'month' });
        const cut = await credit(model, '2026-02-15');
        expect(cut.windows).toEqual([['2026-02-01', 1000, 100, false], ['2026-03-01', 2000, 200, false]]);
        expect(cut.total).toBe(300);
        // Not triggered: from the 1st, the same fees (this worked before).
        const whole = await credit(model, '2026-02-01');
        expect(whole.windows).toEqual([['2026-02-01', 1000, 100, false], ['2026-03-01', 2000, 200, false]]);
    });

    it('a validity starting on the 1st is unaffected: January on December\'s 900', async () => {
        const { windows, total } = await credit(billed({ previous: 'month' }).model);
        expect(windows).toEqual([['2026-01-01', 900, 90, false], ['2026-02-01', 1000, 100, false], ['2026-03-01', 2000, 200, false]]);
        expect(total).toBe(390);
    });
});

describe('the previous period of a unit longer than the credit window is the last one ended', () => {
    it('monthly credits `of previous quarter` are all paid on Q4 2025, never on the quarter running', async () => {
        // Q4 2025 = October 100 + November 100 + December 900 = 1,100 → 110 for each of January,
        // February, March. Total 330 (was 1,310: February and March on Q1 2026's 6,000, March's bill included).
        const { windows, total } = await credit(billed({ previous: 'quarter' }).model);
        expect(windows).toEqual([['2026-01-01', 1100, 110, false], ['2026-02-01', 1100, 110, false], ['2026-03-01', 1100, 110, false]]);
        expect(total).toBe(330);
    });

    it('a quarterly credit `of previous quarter` (aligned) is unaffected: Q1 2026 on Q4 2025', async () => {
        // Q1: 180 of 129,600 min down → 99.861 % < 99.9 %: 10 % of 1,100 = 110.
        const { windows, total } = await credit(billed({ window: QUARTER, previous: 'quarter' }).model);
        expect(windows).toEqual([['2026-01-01', 1100, 110, false]]);
        expect(total).toBe(110);
    });

    it('weekly credits `of previous month` are paid on the last month ended before the week starts', async () => {
        // Week of 29 December 2025 → November 100 (December is not over on the 29th); weeks starting in
        // January → December 900; in February → January 1,000; in March → February 2,000.
        // Breached: 19 January → 90, 16 February → 100, 16 March → 200. Total 390 (was 100 + 200 + 300 = 600).
        const { windows, total } = await credit(billed({ window: WEEK, previous: 'month' }).model);
        const fees = windows.map(([start, fee]) => [start, fee]);
        expect(fees).toEqual([
            ['2025-12-29', 100], ['2026-01-05', 900], ['2026-01-12', 900], ['2026-01-19', 900], ['2026-01-26', 900],
            ['2026-02-02', 1000], ['2026-02-09', 1000], ['2026-02-16', 1000], ['2026-02-23', 1000],
            ['2026-03-02', 2000], ['2026-03-09', 2000], ['2026-03-16', 2000], ['2026-03-23', 2000], ['2026-03-30', 2000]
        ]);
        expect(windows.filter(([, , amount]) => amount !== 0)).toEqual([['2026-01-19', 900, 90, false], ['2026-02-16', 1000, 100, false], ['2026-03-16', 2000, 200, false]]);
        expect(total).toBe(390);
    });
});

describe('the fee of a window `--from` falls inside is its charges over the whole window', () => {
    it('`--from 2026-02-15` counts February\'s bill of the 1st', async () => {
        // February → 2,000 → 200 (was "no billing rows"); March → 3,000 → 300. Total 500.
        const cut = await credit(billed().model, '2026-02-15');
        expect(cut.windows).toEqual([['2026-02-01', 2000, 200, false], ['2026-03-01', 3000, 300, false]]);
        expect(cut.total).toBe(500);
    });

    it('not triggered: `--from 2026-02-01` gives the same; a validity from 15 February still cuts the fee', async () => {
        expect((await credit(billed().model, '2026-02-01')).windows).toEqual([['2026-02-01', 2000, 200, false], ['2026-03-01', 3000, 300, false]]);
        // The validity cuts a window's fee (the charges of 15–28 February: none): February cannot be computed, March 300.
        const valid = await credit(billed({ validityFrom: '2026-02-15' }).model);
        expect(valid.windows).toEqual([['2026-02-01', null, 0, true], ['2026-03-01', 3000, 300, false]]);
        expect(valid.total).toBe(300);
    });

    it('reads the billing file once: `--from` inside February reads February whole in the pass', async () => {
        const { model, billing } = billed();
        const readsOfBilling = async (from: string) => (await evaluatePortfolio([model], { from, to: '2026-03-31', now: NOW })).dataFiles.find((file) => file.path === billing)!.reads;
        // Before whole windows (evaluation-period.ts), February's charges were evaluated apart: 2 reads.
        expect(await readsOfBilling('2026-02-15')).toBe(1);
        expect(await readsOfBilling('2026-02-01')).toBe(1);
    });
});
