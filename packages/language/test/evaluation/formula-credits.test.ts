import { reportTables } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Formula credits (a tier's amount computed per window), per-item credits and claim terms,
 * evaluated end to end. Every expected amount is computed by hand in the comment above it.
 */

/**
 * Cloudflare's enterprise credit: 25 × (outage minutes × affected customer ratio) / minutes
 * in the month × monthly fee. January 2026 (31 days = 44,640 minutes, UTC): one outage of
 * 40 minutes affecting 25 % → 10 weighted minutes; fee 20,000 USD:
 * 25 × 10 / 44,640 × 20,000 = 5,000,000 / 44,640 = 112.0071… → 112.01 USD.
 * February (28 days = 40,320 minutes): one outage of 1 s at 25 % → 0.25 s = 250 ms:
 * 25 × 250 / 2,419,200,000 × 20,000 = 0.0516… → 0.05 USD, below the 1 USD minimum: not paid.
 * March: 1,000 minutes at 100 % → 25 × 1,000 / 44,640 × 20,000 = 11,200.72 USD, capped at
 * 50 % of the fee = 10,000 USD.
 */
const OUTAGES = `started,ended,affected
2026-01-10T10:00:00Z,2026-01-10T10:40:00Z,25
2026-02-10T10:00:00Z,2026-02-10T10:00:01Z,25
2026-03-05T00:00:00Z,2026-03-05T16:40:00Z,100
`;

const CLOUDFLARE = `agreement Edge "CDN" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 20000 USD per calendar month
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended timestamp
        affected percent
    }
    service Cdn "CDN" {
        kpi AffectedDowntime "Outage minutes weighted by the share of customers affected" =
            sum(elapsed(outages.started, ended) wall-clock * affected)
        objective AffectedDowntime <= 1 minute per calendar month
        credit for AffectedDowntime per calendar month, capped at 50% of fee {
            above 0 minutes : 25 * downtime / window * fee
            claim within 30 days
            no credit below 1 USD
            applied to next invoice
        }
    }
}
`;

describe('formula credits: Cloudflare, 25 × weighted outage minutes / minutes in the month × fee', async () => {
    const report = await evaluateFixture({ 'cdn.sla': CLOUDFLARE, 'outages.csv': OUTAGES }, { from: '2026-01-01', to: '2026-03-31' });
    const credit = report.credits[0]!;
    const [january, february, march] = credit.windows;

    it('January: 40 minutes × 25 % in a 31-day month of a 20,000 USD fee is 112.01 USD', () => {
        expect(january).toMatchObject({ value: 600_000, tier: 1, amount: 112.01, uncappedAmount: 112.01, capped: false });
        expect(january!.formula).toEqual({ text: '25 * downtime / window * fee', downtimeMs: 600_000, windowMs: 44_640 * 60_000 });
    });

    it('a credit below the minimum is not paid, and the window says so', () => {
        expect(february).toMatchObject({ amount: 0, uncappedAmount: 0.05, belowMinimum: true });
        expect(february!.claimBy).toBeUndefined();
        expect(report.notes.join('\n')).toContain('1 window(s) earned less than the minimum credit of 1 USD');
    });

    it('the cap applies to a formula amount like to any other', () => {
        expect(march).toMatchObject({ amount: 10_000, uncappedAmount: 11_200.72, capped: true, cap: 'window' });
    });

    it('each credited window states the last day to claim: 30 days after its end', () => {
        // January ends with 31 January: + 30 days = 2 March 2026; March ends 31 March: + 30 days = 30 April.
        expect(january!.claimBy).toBe('2026-03-02');
        expect(march!.claimBy).toBe('2026-04-30');
        expect(credit).toMatchObject({ claimWithinDays: 30, minimumCredit: 1, appliedToNextInvoice: true });
        expect(report.notes.join('\n')).toContain('applied to the next invoice');
    });

    it('the total adds the paid windows exactly: 112.01 + 0 + 10,000', () => {
        expect(credit.total).toBe(10_112.01);
    });

    it('the table shows the formula, the unpaid minimum and the last day to claim', () => {
        const table = reportTables(report).find(candidate => candidate.title.startsWith('Credits for'))!;
        expect(table.headers).toEqual(['window', 'value', 'tier', 'amount', 'cap', 'claim by']);
        expect(table.rows[0]).toEqual(['2026-01-01 – 2026-01-31', '10 min', '1: above 0 minutes (25 * downtime / window * fee, with downtime 10 min and window 44,640 min)', '$112.01', '', '2026-03-02']);
        expect(table.rows[1]![3]).toBe('$0.00 (below the minimum of $1.00: not paid)');
    });
});

/**
 * Slack: 10 × what the customer paid while Slack was down, per calendar quarter, on an annual
 * fee of 15,000 USD (an even rate per minute: 15,000 / 525,600 minutes). Q1 2026 has
 * 90 days = 129,600 minutes; one 30-minute outage → uptime 1 − 30 / 129,600 = 99.977 % < 99.99 %.
 * The quarter's fee is 15,000 × 90 / 365 = 3,698.63…; the credit is
 * 10 × 30 / 129,600 × 15,000 × 90 / 365 = 10 × 30 × 15,000 / 525,600 = 8.5616… → 8.56 USD.
 * Q2 (91 days): no outage, 100 %: no credit.
 */
const SLACK = `agreement Chat "Team chat" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 15000 USD per calendar year
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    service Chat "Chat" {
        kpi Uptime "Share of minutes the service was available" = uptime(incidents, from started to resolved)
        objective Uptime >= 99.99% per calendar quarter
        credit for Uptime per calendar quarter, capped at 100% of fee {
            below 99.99% : 10 * downtime / window * fee
        }
    }
}
`;

describe('formula credits: Slack, 10 × what was paid during the down time', async () => {
    const incidents = 'started,resolved\n2026-02-10T10:00:00Z,2026-02-10T10:30:00Z\n';
    const report = await evaluateFixture({ 'chat.sla': SLACK, 'incidents.csv': incidents }, { from: '2026-01-01', to: '2026-06-30' });
    const [q1, q2] = report.credits[0]!.windows;

    it('Q1: 30 minutes down of 129,600: 10 × 30 / 525,600 × 15,000 = 8.56 USD', () => {
        expect(q1).toMatchObject({ tier: 1, amount: 8.56 });
        // (1 − value) × eligible time = the 30 minutes, exactly.
        expect(q1!.formula).toEqual({ text: '10 * downtime / window * fee', downtimeMs: 30 * 60_000, windowMs: 129_600 * 60_000 });
        expect(q1!.value).toBeCloseTo(1 - 30 / 129_600, 12);
    });

    it('Q2 without downtime earns nothing and reports no formula', () => {
        expect(q2).toMatchObject({ tier: null, amount: 0 });
        expect(q2!.formula).toBeUndefined();
    });
});

/**
 * Per-item credits (#16.4): 200 EUR for each P1 incident resolved late (more than 4 hours),
 * capped at 500 EUR per month. March: 2 late P1 (5 h, 6 h), one on time (1 h), one late P2
 * → 2 × 200 = 400 EUR. April: 3 late P1 → 600 EUR, capped at 500 EUR. May: none → 0.
 */
const TICKETS = `id,opened,priority,resolved
INC-1,2026-03-02T08:00:00Z,P1,2026-03-02T13:00:00Z
INC-2,2026-03-03T08:00:00Z,P1,2026-03-03T14:00:00Z
INC-3,2026-03-04T08:00:00Z,P1,2026-03-04T09:00:00Z
INC-4,2026-03-05T08:00:00Z,P2,2026-03-05T20:00:00Z
INC-5,2026-04-01T08:00:00Z,P1,2026-04-01T13:00:00Z
INC-6,2026-04-02T08:00:00Z,P1,2026-04-02T13:00:00Z
INC-7,2026-04-03T08:00:00Z,P1,2026-04-03T13:00:00Z
INC-8,2026-05-04T08:00:00Z,P1,2026-05-04T09:00:00Z
`;

const DESK = `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 5000 EUR per calendar month
    dataset tickets "Tickets" from "tickets.csv" {
        id text
        opened timestamp
        priority one of "P1", "P2"
        resolved timestamp
    }
    service Support "Service desk" {
        kpi LateP1 "P1 incidents resolved after 4 hours" =
            count(tickets where priority = "P1" and elapsed(opened, resolved) wall-clock > 4 hours)
        objective LateP1 <= 0 per calendar month
        credit for LateP1 per calendar month, capped at 500 EUR {
            above 0 : 200 EUR * LateP1
            claim within 2 weeks
        }
    }
}
`;

describe('per-item credits: 200 EUR for each P1 incident resolved late, capped per month', async () => {
    const report = await evaluateFixture({ 'desk.sla': DESK, 'tickets.csv': TICKETS }, { from: '2026-03-01', to: '2026-05-31' });
    const [march, april, may] = report.credits[0]!.windows;

    it('two late P1 incidents in March: 400 EUR; the count is the window value, the items are listed', () => {
        expect(march).toMatchObject({ value: 2, amount: 400, capped: false });
        // INC-1 (5 h) and INC-2 (6 h) on data lines 2 and 3; INC-3 took 1 h, INC-4 is a P2.
        expect(march!.items).toEqual({ dataset: 'tickets', count: 2, first: [
            { line: 2, at: '2026-03-02T08:00:00+00:00', id: 'INC-1' },
            { line: 3, at: '2026-03-03T08:00:00+00:00', id: 'INC-2' }
        ] });
        // 31 March + 14 days = 14 April.
        expect(march!.claimBy).toBe('2026-04-14');
    });

    it('three in April: 600 EUR capped at 500 EUR', () => {
        expect(april).toMatchObject({ value: 3, amount: 500, uncappedAmount: 600, capped: true });
        expect(april!.items?.first.map(item => item.id)).toEqual(['INC-5', 'INC-6', 'INC-7']);
    });

    it('the table names the items counted', () => {
        const table = reportTables(report).find(candidate => candidate.title.startsWith('Credits for'))!;
        expect(table.rows[0]![3]).toBe('€400.00 (2 item(s): INC-1, INC-2)');
    });

    it('none in May: no tier, no claim', () => {
        expect(may).toMatchObject({ value: 0, tier: null, amount: 0 });
        expect(may!.claimBy).toBeUndefined();
        expect(may!.items).toBeUndefined();
    });
});

/**
 * An open ticket counts when it has already failed (docs/language-reference.md § 14.7): INC-9,
 * a P1 opened 2026-06-01 08:00 and never resolved, has run 5 hours by the last event (INC-11
 * opened at 13:00: the data are known until then): already past 4 hours, so the count of June
 * counts it and the credit lists it. INC-10, a P1 opened at 12:00 and still open, has run 1 hour
 * by then: pending, neither counted nor listed. INC-11 is a P2.
 * June: 1 late P1 → 200 EUR, the item INC-9 (data line 10).
 */
const OPEN_TICKETS = `${TICKETS}INC-9,2026-06-01T08:00:00Z,P1,
INC-10,2026-06-01T12:00:00Z,P1,
INC-11,2026-06-01T13:00:00Z,P2,2026-06-01T14:00:00Z
`;

describe('per-item credits list an open item the count judged failed, not a pending one', async () => {
    const report = await evaluateFixture({ 'desk.sla': DESK.replace('resolved timestamp\n', 'resolved timestamp optional\n'), 'tickets.csv': OPEN_TICKETS }, { from: '2026-06-01', now: Date.parse('2026-06-01T15:00:00Z') });
    const june = report.credits[0]!.windows[0]!;

    it('June: the failed open INC-9 is counted, paid for and listed; INC-10 is pending', () => {
        expect(june).toMatchObject({ value: 1, amount: 200 });
        expect(june.items).toEqual({ dataset: 'tickets', count: 1, first: [{ line: 10, at: '2026-06-01T08:00:00+00:00', id: 'INC-9' }] });
    });
});

/**
 * The window input is the part inside the validity period, like the fee: an agreement valid
 * from 16 January pays on 16 of 31 days of the 3,100 EUR fee (1,600 EUR) and `window` is 16
 * days, so fee / window stays 100 EUR a day. A 3-hour outage on 20 January → uptime
 * 1 − 3 / 384 (16 days = 384 hours) and 10 × 3 h / 384 h × 1,600 = 125 EUR.
 */
describe('formula credits in a window cut by the validity period', async () => {
    const agreement = SLACK.replace('valid from 2026-01-01', 'valid from 2026-01-16').replace('fee 15000 USD per calendar year', 'fee 3100 USD per calendar month')
        .replaceAll('per calendar quarter', 'per calendar month');
    const incidents = 'started,resolved\n2026-01-20T10:00:00Z,2026-01-20T13:00:00Z\n';
    const report = await evaluateFixture({ 'chat.sla': agreement, 'incidents.csv': incidents }, { from: '2026-01-16', to: '2026-01-31' });
    const [january] = report.credits[0]!.windows;

    it('fee and window are both the 16 days inside the validity: 125 USD', () => {
        expect(january).toMatchObject({ fee: 1600, amount: 125 });
        expect(january!.formula).toMatchObject({ downtimeMs: 3 * 3_600_000, windowMs: 16 * 86_400_000 });
    });
});

describe('a formula without a value pays nothing, and the report says so', async () => {
    // downtime / (window − window) divides by zero in every window: no value, no credit, a note.
    const agreement = SLACK.replace('10 * downtime / window * fee', '10 * (downtime / (window - window)) * fee');
    const incidents = 'started,resolved\n2026-02-10T10:00:00Z,2026-02-10T10:30:00Z\n';
    const report = await evaluateFixture({ 'chat.sla': agreement, 'incidents.csv': incidents }, { from: '2026-01-01', to: '2026-03-31' });

    it('the tier fires, the amount is 0 and a note names the window', () => {
        expect(report.credits[0]!.windows[0]).toMatchObject({ tier: 1, amount: 0 });
        expect(report.notes.join('\n')).toContain('the credit formula has no value in the window(s) starting 2026-01-01');
    });
});

describe('per-item credits list the first 10 items and count them all', async () => {
    // 12 late P1 incidents on 1–12 June (5 h each): count 12, 12 × 200 = 2,400 EUR capped at 500 EUR, ids INC-1 … INC-10 listed.
    const rows = Array.from({ length: 12 }, (_, i) => `INC-${i + 1},2026-06-${String(i + 1).padStart(2, '0')}T08:00:00Z,P1,2026-06-${String(i + 1).padStart(2, '0')}T13:00:00Z`);
    const report = await evaluateFixture({ 'desk.sla': DESK, 'tickets.csv': `id,opened,priority,resolved\n${rows.join('\n')}\n` }, { from: '2026-06-01', to: '2026-06-30' });
    const [june] = report.credits[0]!.windows;

    it('count 12, the first 10 listed in data order', () => {
        expect(june).toMatchObject({ value: 12, amount: 500, uncappedAmount: 2400 });
        expect(june!.items!.count).toBe(12);
        expect(june!.items!.first.map(item => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `INC-${i + 1}`));
    });

    it('rows out of time order (a table read from several shards): the 10 earliest, in time order', async () => {
        // The same 12 incidents written 12, 11, …, 1: the list is INC-1 … INC-10 all the same, each with its own line (13 − i + 1).
        const reversed = await evaluateFixture({ 'desk.sla': DESK, 'tickets.csv': `id,opened,priority,resolved\n${[...rows].reverse().join('\n')}\n` }, { from: '2026-06-01', to: '2026-06-30' });
        const items = reversed.credits[0]!.windows[0]!.items!;
        expect(items.count).toBe(12);
        expect(items.first.map(item => [item.id, item.line])).toEqual(Array.from({ length: 10 }, (_, i) => [`INC-${i + 1}`, 13 - i]));
    });
});

/**
 * `eligible`: Cloudflare's "Scheduled Availability", the minutes of the month less Customer
 * Planned Downtime (UTC, fee 20,000 USD a month, credit 25 × downtime / eligible × fee).
 * March 2026 (44,640 minutes) has 2 hours of planned downtime on the 14th (01:00–03:00), so
 * 44,520 eligible minutes; the outage inside it (02:00–02:30, 100 %) counts for nothing; the
 * outage of 20 March, 40 minutes at 25 %, is 10 weighted minutes:
 * 25 × 10 / 44,520 × 20,000 = 5,000,000 / 44,520 = 112.309… → 112.31 USD (`window` would
 * give 112.01). April (43,200 minutes, no planned downtime): 60 minutes at 50 % = 30 minutes,
 * 25 × 30 / 43,200 × 20,000 = 347.222… → 347.22 USD. Total 459.531… → 459.53 USD.
 */
const PLANNED = `agreement Edge "CDN" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 20000 USD per calendar month
    maintenance CustomerPlanned "Customer Planned Downtime" {
        on 2026-03-14 01:00 to 03:00
    }
    exclusion PlannedByCustomer "Customer Planned Downtime" during CustomerPlanned
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended timestamp
        affected percent
    }
    service Cdn "CDN" {
        kpi Availability "Weighted availability" = uptime(outages, from started to ended, weighted by affected)
        objective Availability >= 100% per calendar month
        credit for Availability per calendar month {
            below 100% : 25 * downtime / eligible * fee
        }
    }
}
`;
const PLANNED_OUTAGES = `started,ended,affected
2026-03-14T02:00:00Z,2026-03-14T02:30:00Z,100
2026-03-20T10:00:00Z,2026-03-20T10:40:00Z,25
2026-04-07T10:00:00Z,2026-04-07T11:00:00Z,50
`;

describe('formula credits: eligible, the window less the time the uptime does not count', async () => {
    const report = await evaluateFixture({ 'cdn.sla': PLANNED, 'outages.csv': PLANNED_OUTAGES }, { from: '2026-03-01', to: '2026-04-30' });
    const credit = report.credits[0]!;
    const [march, april] = credit.windows;

    it('March: 10 weighted minutes over 44,520 eligible minutes (2 hours of planned downtime out) is 112.31 USD', () => {
        expect(march).toMatchObject({ tier: 1, amount: 112.31 });
        expect(march!.formula).toEqual({ text: '25 * downtime / eligible * fee', downtimeMs: 10 * 60_000, eligibleMs: 44_520 * 60_000 });
    });

    it('the table gives the inputs the formula read, to check the amount by hand', () => {
        const table = reportTables(report).find(candidate => candidate.title.startsWith('Credits for'))!;
        expect(table.rows[0]![2]).toBe('1: below 100% (25 * downtime / eligible * fee, with downtime 10 min and eligible 44,520 min)');
    });

    it('April, without planned downtime: eligible is the whole month, 347.22 USD', () => {
        expect(april).toMatchObject({ tier: 1, amount: 347.22 });
        expect(april!.formula).toEqual({ text: '25 * downtime / eligible * fee', downtimeMs: 30 * 60_000, eligibleMs: 43_200 * 60_000 });
        expect(credit.total).toBe(459.53);
    });

    it('a window cut by the validity: eligible covers the same part as window and the fee', async () => {
        // Valid from 10 March: 22 days = 31,680 minutes, less 120 planned = 31,560 eligible; the fee
        // prorated to 20,000 × 22 / 31; 25 × 10 / 31,560 × 20,000 × 22 / 31 = 112.433… → 112.43 USD.
        const cut = await evaluateFixture({ 'cdn.sla': PLANNED.replace('valid from 2026-01-01', 'valid from 2026-03-10'), 'outages.csv': PLANNED_OUTAGES }, { from: '2026-03-01', to: '2026-03-31' });
        const [window] = cut.credits[0]!.windows;
        expect(window).toMatchObject({ amount: 112.43 });
        expect(window!.formula?.eligibleMs).toBe(31_560 * 60_000);
    });

    it('an uptime during business hours: eligible is the calendar time of the window', async () => {
        // Monday to Friday 09:00–17:00 UTC: April 2026 has 22 weekdays = 176 hours = 10,560 minutes.
        // One hour down at 100 % on Tuesday 7 April: 60 minutes; a Saturday outage, outside the
        // hours, counts for nothing:
        // 25 × 60 / 10,560 × 20,000 = 2,840.909… → 2,840.91 USD (`window` would give 694.44).
        const hours = PLANNED
            .replace('    maintenance CustomerPlanned', '    calendar Office "Office hours" {\n        monday to friday 09:00 to 17:00\n    }\n    maintenance CustomerPlanned')
            .replace('weighted by affected)', 'weighted by affected) during Office');
        const outages = 'started,ended,affected\n2026-04-07T10:00:00Z,2026-04-07T11:00:00Z,100\n2026-04-11T10:00:00Z,2026-04-11T12:00:00Z,100\n';
        const office = await evaluateFixture({ 'cdn.sla': hours, 'outages.csv': outages }, { from: '2026-04-01', to: '2026-04-30' });
        const [window] = office.credits[0]!.windows;
        expect(window).toMatchObject({ amount: 2840.91 });
        expect(window!.formula).toEqual({ text: '25 * downtime / eligible * fee', downtimeMs: 60 * 60_000, eligibleMs: 10_560 * 60_000 });
    });
});

/**
 * `claim within 2 months` (Microsoft Online Services: "within two months of the end of the month
 * in which the Incident occurred"): calendar months, not 60 days. January's credit is due by 31
 * March (60 days would be 1 April), March's by 31 May.
 */
describe('claim deadlines in calendar months', async () => {
    const text = CLOUDFLARE.replace('claim within 30 days', 'claim within 2 months');
    const report = await evaluateFixture({ 'cdn.sla': text, 'outages.csv': OUTAGES }, { from: '2026-01-01', to: '2026-03-31' });
    const credit = report.credits[0]!;

    it('each credited window is due by the last day of the month two months on', () => {
        expect(credit.windows.map((window) => window.claimBy)).toEqual(['2026-03-31', undefined, '2026-05-31']);
        expect(credit.claimWithinMonths).toBe(2);
        expect(credit.claimWithinDays).toBeUndefined();
        expect(report.notes.join('\n')).toContain('must be claimed within 2 month(s) after the end of their window');
    });
});

/**
 * Rackspace-style block credits: "5 % of the monthly fee for each 30 minutes of network downtime,
 * up to 100 %". 75 minutes down in January (2,000 USD fee): each 30 minutes begun, `ceil`, is 3
 * blocks = 15 % = 300 USD; each full 30 minutes, `floor`, is 2 blocks = 200 USD. February's 60
 * minutes are 2 blocks either way: 200 USD.
 */
describe('credits per block of downtime: floor and ceil', async () => {
    const rackspace = (round: 'floor' | 'ceil') => `agreement Rack "Hosting" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 2000 USD per calendar month
    dataset outages "Network outages" from "outages.csv" {
        started timestamp
        ended timestamp optional
    }
    service Network "Network" {
        kpi Up "Share of time the network was up" = uptime(outages, from started to ended)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month, capped at 100% of fee {
            below 99.9% : 5% * ${round}(downtime / 30 minutes) * fee
        }
    }
}
`;
    const outages = 'started,ended\n2026-01-10T10:00:00Z,2026-01-10T11:15:00Z\n2026-02-10T10:00:00Z,2026-02-10T11:00:00Z\n';
    const amounts = async (round: 'floor' | 'ceil') => (await evaluateFixture({ 'rack.sla': rackspace(round), 'outages.csv': outages }, { from: '2026-01-01', to: '2026-02-28' })).credits[0]!.windows.map((window) => window.amount);

    it('each 30 minutes begun (ceil): 300 USD for 75 minutes, 200 USD for 60', async () => {
        expect(await amounts('ceil')).toEqual([300, 200]);
    });

    it('each full 30 minutes (floor): 200 USD for 75 minutes, 200 USD for 60', async () => {
        expect(await amounts('floor')).toEqual([200, 200]);
    });
});

/**
 * Blocks of a count: "5 % of the monthly fee for each three late tickets, or part of three". In
 * January four tickets took 5 hours each (over the 4 hours): Late = 4, ceil(4 / 3) = ceil(1.33…)
 * = 2 blocks, 2 × 5 % = 10 % of the 1,000 EUR fee = 100 EUR.
 */
describe('credits per block of a count: ceil(Late / 3)', async () => {
    const agreement = `agreement PerBlock "A credit per started block of three late tickets" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    dataset tickets "Tickets" from "tickets.csv" {
        opened   timestamp
        resolved timestamp optional
    }
    kpi Late "Tickets resolved after 4 hours" = count(tickets where elapsed(opened, resolved) wall-clock > 4 hours)
    objective Late <= 0 per calendar month
    credit for Late per calendar month, capped at 100% of fee {
        above 0 : 5% * ceil(Late / 3) * fee
    }
}
`;
    const tickets = 'opened,resolved\n' + [5, 6, 7, 8].map((day) => `2026-01-0${day}T08:00:00Z,2026-01-0${day}T13:00:00Z`).join('\n') + '\n';
    const report = await evaluateFixture({ 'blocks.sla': agreement, 'tickets.csv': tickets }, { from: '2026-01-01', to: '2026-01-31' });

    it('4 late tickets are 2 blocks begun: 10 % of the 1,000 EUR fee, 100 EUR', () => {
        expect(report.credits[0]!.windows[0]).toMatchObject({ value: 4, tier: 1, amount: 100 });
    });
});
