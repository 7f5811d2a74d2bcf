import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * `fee from sum(billing.amount) of previous month`: each credit window is paid on the charges
 * of the calendar month before it, per region with `for each region`.
 * Requests (UTC): March and April, eu 100 requests with 2 errors (98 %), us 100 requests, none (100 %).
 * Billing: eu 1,000 (Feb), 1,500 (Mar), 9,999 (Apr, never used); us 700 (Feb, Mar). No eu row in
 * January, and no charges at all before February.
 */
function requests(): string {
    const rows = ['time,region,status'];
    for (const month of ['03', '04']) {
        for (let i = 0; i < 100; i++) rows.push(`2026-${month}-10T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,eu,${i < 2 ? 500 : 200}`);
        for (let i = 0; i < 100; i++) rows.push(`2026-${month}-11T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,us,200`);
    }
    return rows.join('\n') + '\n';
}

const BILLING = `time,region,amount
2026-02-01T00:00:00Z,eu,600.00
2026-02-15T00:00:00Z,eu,400.00
2026-02-01T00:00:00Z,us,700.00
2026-03-01T00:00:00Z,eu,1500.00
2026-03-01T00:00:00Z,us,700.00
2026-04-01T00:00:00Z,eu,9999.00
`;

const agreement = (fee: string) => `agreement Store "Store" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    ${fee}
    dataset requests "Requests" from "requests.csv" {
        time timestamp
        region text
        status integer
        complete to 2026-04-30
    }
    dataset billing "Charges" from "billing.csv" {
        time timestamp
        region text
        amount number in USD
        complete to 2026-04-30
    }
    kpi Success "Requests without a server error" = count(requests where status < 500) / count(requests)
    objective Success >= 99% per calendar month for each region
    credit for Success per calendar month for each region, capped at 100% of fee {
        below 99% : 10% of fee
    }
}
`;

const options = { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') };

describe('fees of the previous month', () => {
    it('each region\'s credit is 10 % of that region\'s charges of the month before', async () => {
        const report = await evaluateFixture({ 'store.sla': agreement('fee from sum(billing.amount) of previous month'), 'requests.csv': requests(), 'billing.csv': BILLING }, options);
        const credit = report.credits[0]!;
        // eu: 98 % < 99 % both months. March is paid on February's 600 + 400 = 1,000 → 100 USD;
        // April on March's 1,500 → 150 USD (April's own 9,999 is never read). us: 100 %, no tier; fees 700 and 700.
        expect(credit.windows.map(w => [w.scopeValue, w.start.slice(0, 7), w.fee, w.amount])).toEqual([
            ['eu', '2026-03', 1_000, 100],
            ['eu', '2026-04', 1_500, 150],
            ['us', '2026-03', 700, 0],
            ['us', '2026-04', 700, 0]
        ]);
        expect(credit).toMatchObject({ total: 250, feeSource: 'billing data', feePrevious: 'month' });
    });

    it('without `of previous month` the same data pay on the month\'s own charges', async () => {
        const report = await evaluateFixture({ 'store.sla': agreement('fee from sum(billing.amount)'), 'requests.csv': requests(), 'billing.csv': BILLING }, options);
        // eu March 1,500 → 150; April 9,999 → 999.90. Total 1,149.90.
        expect(report.credits[0]!.windows.filter(w => w.scopeValue === 'eu').map(w => [w.fee, w.amount])).toEqual([[1_500, 150], [9_999, 999.9]]);
        expect(report.credits[0]!.feePrevious).toBeUndefined();
    });

    it('a previous month without charges: the fee is missing and the credit is not computed (never a silent 0)', async () => {
        // Evaluating February too: eu February has no requests (no data, no tier); evaluating from January,
        // a January breach would need December's charges, which the data do not have.
        const rows = requests().replace(/2026-03-10/g, '2026-02-10');
        const report = await evaluateFixture({ 'store.sla': agreement('fee from sum(billing.amount) of previous month'), 'requests.csv': rows, 'billing.csv': BILLING }, { ...options, from: '2026-02-01' });
        const eu = report.credits[0]!.windows.filter(w => w.scopeValue === 'eu');
        // February: 98 % < 99 %, paid on January's charges — none: feeMissing, amount 0, not in the total.
        expect(eu[0]).toMatchObject({ start: expect.stringMatching(/^2026-02/), fee: null, amount: 0, feeMissing: true });
        expect(report.notes.some(note => note.includes('the billing data give no fee for 1 window(s)'))).toBe(true);
    });
});
