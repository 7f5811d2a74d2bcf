import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/** `total` request rows of one region on the 10th of a month, the first `failed` of them with status 503. */
function requests(month: string, region: string, total: number, failed: number): string[] {
    const rows: string[] = [];
    for (let i = 0; i < total; i++) {
        const time = new Date(Date.parse(`2026-${month}-10T00:00:00Z`) + i * 1000).toISOString();
        rows.push(`${time},${region},${i < failed ? 503 : 200}`);
    }
    return rows;
}

/**
 * Success per region and month (share of requests without a 5xx):
 *   March  eu 995/1000 = 99.5 %  → 10 %      us 1000/1000 = 100 %  → none
 *   April  eu 1000/1000 = 100 %  → none      us 980/1000 = 98 %    → 25 %
 *          ap 98/100 = 98 %      → 25 %      (ap has no requests in March: no value, no credit)
 * All regions together, March: 5 failed of 2,000 = 99.75 % — the credit on that value would
 * be 10 % of all of March's charges (700 USD) = 70 USD, not 10 % of eu's 200 USD.
 */
const REQUESTS = ['time,region,status',
    ...requests('03', 'eu', 1000, 5), ...requests('03', 'us', 1000, 0),
    ...requests('04', 'eu', 1000, 0), ...requests('04', 'us', 1000, 20), ...requests('04', 'ap', 100, 2)].join('\n') + '\n';

/**
 * Charges per region and month (USD): March eu 120.40 + 79.60 = 200.00, us 500.00;
 * April eu 180.00, us 333.33 + 66.67 = 400.00; ap none at all.
 */
const BILLING = `time,region,amount
2026-03-05T12:00:00Z,eu,120.40
2026-03-20T12:00:00Z,eu,79.60
2026-03-10T12:00:00Z,us,500.00
2026-04-03T12:00:00Z,eu,180.00
2026-04-15T12:00:00Z,us,333.33
2026-04-28T12:00:00Z,us,66.67
`;

const DATASETS = `
    dataset requests "Request log" from "requests.csv" {
        time timestamp
        region text
        status integer
    }
    dataset billing "Charges" from "billing.csv" {
        time timestamp
        region text
        amount number in USD
    }`;

const storage = (fee: string, scope: string, objectiveScope = scope) => `agreement Store "Object storage" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    ${fee}
${DATASETS}
    kpi Success "Requests without a server error" = share(requests where status < 500 of requests)
    objective Success >= 99.9% per calendar month${objectiveScope}
    credit for Success per calendar month${scope}, capped at 100% of fee {
        below 99.9% : 10% of fee
        below 99.0% : 25% of fee
    }
}
`;

const options = { from: '2026-03-01', to: '2026-04-30' };

describe('credit for each region, fee from billing data', async () => {
    const report = await evaluateFixture({ 'store.sla': storage('fee from sum(billing.amount)', ' for each region'), 'requests.csv': REQUESTS, 'billing.csv': BILLING }, options);
    const credit = report.credits[0]!;
    const window = (region: string, start: string) => credit.windows.find(w => w.scopeValue === region && w.start.startsWith(start))!;

    it('each region is judged on its own value and paid on its own charges', () => {
        // March eu: 99.5 % → 10 % of 200.00 USD = 20.00 USD.
        expect(window('eu', '2026-03')).toMatchObject({ value: 0.995, tier: 1, fee: 200, amount: 20 });
        // March us: 100 % → nothing, on a fee of 500.00 USD.
        expect(window('us', '2026-03')).toMatchObject({ value: 1, tier: null, fee: 500, amount: 0 });
        // April us: 98 % → 25 % of 400.00 USD = 100.00 USD.
        expect(window('us', '2026-04')).toMatchObject({ value: 0.98, tier: 2, fee: 400, amount: 100 });
        expect(window('eu', '2026-04')).toMatchObject({ value: 1, amount: 0, fee: 180 });
    });

    it('a region without billing rows in a window where a tier applies has no amount, says so, and is not in the total', () => {
        // April ap: 98 % → 25 % of an unknown fee.
        expect(window('ap', '2026-04')).toMatchObject({ value: 0.98, tier: 2, fee: null, amount: 0, feeMissing: true });
        expect(report.notes.join('\n')).toContain('the billing data give no fee for 1 window(s) where a tier applies (ap 2026-04-01');
        // ap in March: no requests, no value, no credit — and no missing-fee flag (no tier applies).
        expect(window('ap', '2026-03')).toMatchObject({ value: null, amount: 0 });
        expect(window('ap', '2026-03').feeMissing).toBeUndefined();
    });

    it('the report gives the scope, the fee source and the total per region; the total is their sum', () => {
        expect(credit.scope).toBe('region');
        expect(credit.feeSource).toBe('billing data');
        expect(credit.currency).toBe('USD');
        // ap 0, eu 20.00, us 100.00 (sorted by value); total 120.00.
        expect(credit.scopeTotals).toEqual([
            { scopeValue: 'ap', total: 0, provisionalTotal: 0 },
            { scopeValue: 'eu', total: 20, provisionalTotal: 0 },
            { scopeValue: 'us', total: 100, provisionalTotal: 0 }
        ]);
        expect(credit.total).toBe(120);
    });

    it('without for each, the same data give the all-regions value and the all-regions charges', async () => {
        const whole = await evaluateFixture({ 'store.sla': storage('fee from sum(billing.amount)', ''), 'requests.csv': REQUESTS, 'billing.csv': BILLING }, options);
        const [march, april] = whole.credits[0]!.windows;
        // March: 5 of 2,000 failed = 99.75 % → 10 % of 700.00 USD = 70.00 USD.
        expect(march).toMatchObject({ value: 0.9975, fee: 700, amount: 70 });
        // April: 22 of 2,100 failed = 98.952… % → 25 % of 580.00 USD = 145.00 USD.
        expect(april!.value).toBeCloseTo(2078 / 2100, 12);
        expect(april).toMatchObject({ fee: 580, amount: 145 });
        expect(whole.credits[0]!.scope).toBeUndefined();
    });
});

describe('a yearly cap in % of a fee from billing data', async () => {
    // capped at 10% of fee per calendar year: 10 % of each region's charges in the evaluated part of 2026 (March–April).
    const text = storage('fee from sum(billing.amount)', ' for each region').replace('capped at 100% of fee', 'capped at 10% of fee per calendar year');
    const report = await evaluateFixture({ 'store.sla': text, 'requests.csv': REQUESTS, 'billing.csv': BILLING }, options);
    const credit = report.credits[0]!;
    const region = (name: string) => credit.windows.filter(w => w.scopeValue === name);

    it("eu: 20.00 USD, under its cap of 10 % × (200.00 + 180.00) = 38.00 USD", () => {
        expect(region('eu').map(w => w.amount)).toEqual([20, 0]);
    });

    it('us: 25 % × 400.00 = 100.00 USD, capped at 10 % × (500.00 + 400.00) = 90.00 USD', () => {
        expect(region('us')[1]).toMatchObject({ uncappedAmount: 100, amount: 90, cap: 'year' });
    });

    it('ap: no billing rows in the year, so neither the credit nor its cap can be computed', () => {
        expect(region('ap')[1]).toMatchObject({ tier: 2, amount: 0, feeMissing: true });
        // 20.00 + 90.00 = 110.00 USD.
        expect(credit.total).toBe(110);
    });
});

describe('caps of a credit for each region apply to each region', async () => {
    // Fixed fee 1,000 EUR a month: 10 % = 100 EUR, 25 % = 250 EUR; capped at 150 EUR per calendar year.
    const text = storage('fee 1000 EUR per calendar month', ' for each region').replace('capped at 100% of fee', 'capped at 150 EUR per calendar year');
    // eu: March 980/1000 = 98 %, April 995/1000 = 99.5 %; us and ap as above (April 98 % each).
    const data = ['time,region,status',
        ...requests('03', 'eu', 1000, 20), ...requests('03', 'us', 1000, 0),
        ...requests('04', 'eu', 1000, 5), ...requests('04', 'us', 1000, 20), ...requests('04', 'ap', 100, 2)].join('\n') + '\n';
    const report = await evaluateFixture({ 'store.sla': text, 'requests.csv': data, 'billing.csv': BILLING }, options);
    const credit = report.credits[0]!;

    it("eu earns 250 EUR in March, reduced to 150 by its own yearly cap; April's 100 EUR finds eu's cap used up", () => {
        // March eu 98 % → 25 % = 250 EUR, capped at 150 EUR for 2026; April eu 99.5 % → 10 % = 100 EUR → 0 (cap reached).
        const eu = credit.windows.filter(w => w.scopeValue === 'eu');
        expect(eu.map(w => [w.value, w.uncappedAmount, w.amount, w.cap ?? null])).toEqual([[0.98, 250, 150, 'year'], [0.995, 100, 0, 'year']]);
    });

    it('us and ap are capped separately: us April 250 → 150, ap April 250 → 150', () => {
        const us = credit.windows.filter(w => w.scopeValue === 'us');
        expect(us.map(w => w.amount)).toEqual([0, 150]);
        const ap = credit.windows.filter(w => w.scopeValue === 'ap');
        expect(ap.map(w => w.amount)).toEqual([0, 150]);
        // 150 + 150 + 150 = 450 EUR: three regions, each with its own cap of 150 EUR.
        expect(credit.total).toBe(450);
        expect(credit.feeSource).toBe('agreement');
    });
});

/** One request log per service; March only. ERP 990/1000 = 99 % → 10 %; Desk 990/1000 = 99 % → 10 %. */
const SERVICE_REQUESTS = ['time,region,status', ...requests('03', 'erp', 1000, 10)].join('\n') + '\n';

const services = (agreementFee: string, erpFee: string, deskFee: string) => `agreement Paris "ERP and service desk" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"
    ${agreementFee}
    dataset requests "Request log" from "requests.csv" {
        time timestamp
        region text
        status integer
    }
    kpi Success "Requests without a server error" = share(requests where status < 500 of requests)
    objective Success >= 99.5% per calendar month
    credit for Success per calendar month, capped at 50% of fee {
        below 99.5% : 10% of fee
    }
    service ERP "ERP" {
        ${erpFee}
        kpi Available "ERP requests without a server error" = share(requests where status < 500 of requests)
        objective Available >= 99.5% per calendar month
        credit for Available per calendar month, capped at 50% of fee {
            below 99.5% : 10% of fee
        }
    }
    service Desk "Service desk" {
        ${deskFee}
        kpi Answered "Desk requests without a server error" = share(requests where status < 500 of requests)
        objective Answered >= 99.5% per calendar month
        credit for Answered per calendar month, capped at 50% of fee {
            below 99.5% : 10% of fee
        }
    }
}
`;

describe('fees per service', async () => {
    const march = { from: '2026-03-01', to: '2026-03-31' };
    const byKpi = (report: Awaited<ReturnType<typeof evaluateFixture>>, kpi: string) => report.credits.find(c => c.kpi === kpi)!;

    it("a credit in a service with its own fee is a share of that fee; one in a service without is a share of the agreement's", async () => {
        const report = await evaluateFixture({ 'paris.sla': services('fee 5000 EUR per calendar month', 'fee 3000 EUR per calendar month', ''), 'requests.csv': SERVICE_REQUESTS }, march);
        // 99 % in every credit: 10 % of the ERP's 3,000 EUR = 300 EUR; the desk and the agreement: 10 % of 5,000 EUR = 500 EUR.
        expect(byKpi(report, 'Available')).toMatchObject({ total: 300, feeSource: 'service' });
        expect(byKpi(report, 'Available').windows[0]).toMatchObject({ fee: 3000, amount: 300 });
        expect(byKpi(report, 'Answered')).toMatchObject({ total: 500, feeSource: 'agreement' });
        expect(byKpi(report, 'Success')).toMatchObject({ total: 500, feeSource: 'agreement' });
    });

    it("without an agreement fee, the agreement's fee is the sum of the services' fees", async () => {
        const report = await evaluateFixture({ 'paris.sla': services('', 'fee 3000 EUR per calendar month', 'fee 1000.50 EUR per calendar month'), 'requests.csv': SERVICE_REQUESTS }, march);
        // 3,000 + 1,000.50 = 4,000.50 EUR; 10 % = 400.05 EUR. The desk: 10 % of 1,000.50 = 100.05 EUR.
        expect(byKpi(report, 'Success').windows[0]).toMatchObject({ fee: 4000.5, amount: 400.05 });
        expect(byKpi(report, 'Answered').windows[0]).toMatchObject({ fee: 1000.5, amount: 100.05 });
        expect(byKpi(report, 'Available').total).toBe(300);
    });
});
