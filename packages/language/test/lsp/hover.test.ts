import { describe, test } from 'vitest';
import { AGREEMENT, AGREEMENT_WITHOUT_EXCLUSIONS, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

/** The fixture with a counted ratio `Success` (share of requests below 500) promised `target` per rolling 7 days, in place of ErrorRate. */
function withSuccess(target: string): string {
    return AGREEMENT
        .replace('kpi ErrorRate "Share of requests that failed" =\n            count(requests where status >= 500) / count(requests)',
            'kpi Success "Share of requests that succeeded" =\n            share(requests where status < 500 of requests)')
        .replace('objective ErrorRate < 0.5% per rolling 7 days', `objective Success ${target} per rolling 7 days`);
}

/** The fixture's uptime without its own `excluding`, and an agreement exclusion `during Patching` written `terms` (and more lines before it). */
function withExclusion(terms: string, before = ''): string {
    return AGREEMENT.replace(' excluding Patching', '')
        .replace('    timezone "Europe/Berlin"\n', `    timezone "Europe/Berlin"\n${before}`)
        .replace('    service WebShop', `    exclusion Scheduled "Scheduled maintenance" during Patching${terms}\n\n    service WebShop`);
}

describe('hover on an objective', () => {
    test('calendar-month uptime objective: promise sentence and downtime per month length, DST exact, rounded down', async () => {
        // Month lengths in Europe/Berlin, 2026, and 0.1% of each (rounded DOWN to whole seconds):
        //   31-day month: 31 × 1,440 = 44,640 min × 0.001 = 44.64 min = 44 min 38.4 s → 44 min 38 s
        //   30-day month: 30 × 1,440 = 43,200 min × 0.001 = 43.2 min = 43 min 12 s
        //   February 2026: 28 × 1,440 = 40,320 min × 0.001 = 40.32 min = 40 min 19.2 s → 40 min 19 s
        //   March 2026: 44,640 − 60 (clocks skip 02:00–03:00 on 29 March) = 44,580 min × 0.001
        //     = 44.58 min = 44 min 34.8 s → 44 min 34 s (rounding down; half-up would say 35 s)
        //   October 2026: 44,640 + 60 (02:00–03:00 repeats on 25 October) = 44,700 min × 0.001
        //     = 44.7 min = 44 min 42 s
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT_WITHOUT_EXCLUSIONS),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, '
                + '40 min 19 s in February 2026, 44 min 34 s in March 2026 with the change to summer time, '
                + '44 min 42 s in October 2026 with the change back to standard time).'
        });
    });

    test('maintenance counted as available: the budget is a share of the whole month, and outages in it are no downtime', async () => {
        // As without exclusions (44,640 minutes in a 31-day month …): the maintenance stays in the month.
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT.replace(' excluding Patching', ' counting Patching as available')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, '
                + '40 min 19 s in February 2026, 44 min 34 s in March 2026 with the change to summer time, '
                + '44 min 42 s in October 2026 with the change back to standard time). '
                + 'Outages during Patching are no downtime: that time counts as available.'
        });
    });

    test('the objective keyword shows the promise, then the glossary entry', async () => {
        await hover({
            text: withCursor('objective ErrorRate'),
            index: 0,
            // 0.5% = 5/1000 = 1/200
            hover: 'WebShop promises that ErrorRate is less than 0.5% in every rolling window of 7 days, checked at the end of every day (Europe/Berlin time). '
                + 'That is fewer than 1 in 200 requests.\n\n---\n\n'
                + '**Objective**: A promise to the customer: a KPI, a comparison, a target with its unit and a measurement window. '
                + 'Each window is met, breached or has no data; no data is never reported as met.'
        });
    });

    test('rolling-window uptime objective: downtime in one window length', async () => {
        // 30 days × 1,440 = 43,200 min × 0.001 = 43.2 min = 43 min 12 s
        await hover({
            text: withCursor('per rolling 30 days', 0, AGREEMENT_WITHOUT_EXCLUSIONS),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every rolling window of 30 days, checked at the end of every day (Europe/Berlin time). '
                + 'That allows at most 43 min 12 s of downtime in any 30 days.'
        });
    });
});

describe('error budgets of an uptime with exclusions: a share of eligible time', () => {
    /** The fixture with a one-month validity and 99.5% for the calendar-month objective (Patching: every Sunday 02:00–04:00 Berlin time). */
    function oneMonth(from: string, to: string): string {
        return AGREEMENT
            .replace('valid from 2026-01-01 to 2026-12-31', `valid from ${from} to ${to}`)
            .replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.5% per calendar month');
    }

    test('March 2026 in Berlin: DST and five patching Sundays, counted by hand', async () => {
        // March 2026 in Europe/Berlin: 31 × 1,440 = 44,640 min − 60 (02:00–03:00 on the 29th does not exist) = 44,580 min.
        // Sundays 1, 8, 15, 22, 29; 02:00–04:00 is 120 min on the first four and one real hour on the 29th:
        // 4 × 120 + 60 = 540 min of patching → 44,580 − 540 = 44,040 eligible minutes.
        // 0.5% of 44,040 min = 220.2 min = 3 h 40 min 12 s.
        await hover({
            text: withCursor('>= 99.5% per calendar month', 0, oneMonth('2026-03-01', '2026-03-31')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.5% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.5% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 3 h 40 min 12 s of downtime in March 2026 (44,040 eligible minutes).'
        });
    });

    test('June 2026, a month without a DST change', async () => {
        // June 2026: 30 × 1,440 = 43,200 min; Sundays 7, 14, 21, 28: 4 × 120 = 480 min of patching
        // → 42,720 eligible minutes; 0.5% = 213.6 min = 3 h 33 min 36 s.
        await hover({
            text: withCursor('>= 99.5% per calendar month', 0, oneMonth('2026-06-01', '2026-06-30')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.5% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.5% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 3 h 33 min 36 s of downtime in June 2026 (42,720 eligible minutes).'
        });
    });

    test('a whole year: months grouped by their eligible minutes, longest first', async () => {
        // 2026 in Berlin, 99.9% (0.1%), patching every Sunday 02:00–04:00. Sundays per month: 4 in Jan, Feb, Apr, Jun, Jul,
        // Sep, Oct, Dec; 5 in Mar (1–29), May (3–31), Aug (2–30), Nov (1–29). 29 March counts 60 min, 25 October 180 min
        // (02:00–03:00 happens twice).
        //   Jan, Jul, Dec: 44,640 − 480 = 44,160; Oct: 44,700 − (3 × 120 + 180) = 44,160 → 44.16 min = 44 min 9.6 s → 44 min 9 s
        //   Mar: 44,580 − 540 = 44,040; May, Aug: 44,640 − 600 = 44,040 → 44.04 min = 44 min 2.4 s → 44 min 2 s
        //   Apr, Jun, Sep: 43,200 − 480 = 42,720 → 42.72 min = 42 min 43.2 s → 42 min 43 s
        //   Nov: 43,200 − 600 = 42,600 → 42.6 min = 42 min 36 s;  Feb: 40,320 − 480 = 39,840 → 39.84 min = 39 min 50.4 s → 39 min 50 s
        await hover({
            text: withCursor('>= 99.9% per calendar month'),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 44 min 9 s of downtime in January, July, October and December 2026 (44,160 eligible minutes each); '
                + '44 min 2 s in March, May and August 2026 (44,040 eligible minutes each); '
                + '42 min 43 s in April, June and September 2026 (42,720 eligible minutes each); '
                + '42 min 36 s in November 2026 (42,600 eligible minutes); 39 min 50 s in February 2026 (39,840 eligible minutes).'
        });
    });

    test('an exclusion during the maintenance takes its time out of the budget, as the uptime\'s own `excluding` does', async () => {
        // The evaluation applies `exclusion … during Patching` to every uptime of the agreement: the same
        // eligible minutes as the test above (it once showed the whole month's 44 min 38 s here).
        const text = withExclusion('');
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, text),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 44 min 9 s of downtime in January, July, October and December 2026 (44,160 eligible minutes each); '
                + '44 min 2 s in March, May and August 2026 (44,040 eligible minutes each); '
                + '42 min 43 s in April, June and September 2026 (42,720 eligible minutes each); '
                + '42 min 36 s in November 2026 (42,600 eligible minutes); 39 min 50 s in February 2026 (39,840 eligible minutes).'
        });
    });

    test('a capped exclusion takes out the maintenance until its cap is used, from the start of each year', async () => {
        // Sunday 02:00–04:00 Berlin, at most 4 hours per calendar year: 4 and 11 January 2026 (2 h each), nothing after.
        // January 44,640 − 240 = 44,400 min → 44.4 min = 44 min 24 s; the other months whole: 31 days 44 min 38 s (44,640),
        // March 44,580 (summer time) → 44 min 34 s, October 44,700 → 44 min 42 s, 30 days 43 min 12 s, February 40,320 → 40 min 19 s.
        const text = withExclusion(', at most 4 hours per calendar year');
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, text),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching (at most 4 hours per calendar year). '
                + 'That allows at most 44 min 42 s of downtime in October 2026 (44,700 eligible minutes); '
                + '44 min 38 s in May, July, August and December 2026 (44,640 eligible minutes each); '
                + '44 min 34 s in March 2026 (44,580 eligible minutes); 44 min 24 s in January 2026 (44,400 eligible minutes); '
                + '43 min 12 s in April, June, September and November 2026 (43,200 eligible minutes each); 40 min 19 s in February 2026 (40,320 eligible minutes).'
        });
    });

    test('a cap per fiscal year counts from the fiscal year\'s start', async () => {
        // Fiscal years from February: January 2026 belongs to the year from 1 February 2025, whose first two Sundays
        // used the 4 hours: nothing is taken out of it (44,640 minutes). 1 February 2026 starts a new year: 1 and 8 February,
        // 4 hours: 40,320 − 240 = 40,080 minutes → 40.08 min = 40 min 4.8 s → 40 min 4 s. The other months whole.
        const text = withExclusion(', at most 4 hours per fiscal year', '    fiscal year from february\n');
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, text),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching (at most 4 hours per fiscal year). '
                + 'That allows at most 44 min 42 s of downtime in October 2026 (44,700 eligible minutes); '
                + '44 min 38 s in January, May, July, August and December 2026 (44,640 eligible minutes each); '
                + '44 min 34 s in March 2026 (44,580 eligible minutes); '
                + '43 min 12 s in April, June, September and November 2026 (43,200 eligible minutes each); 40 min 4 s in February 2026 (40,080 eligible minutes).'
        });
    });

    test('an exclusion counted as available leaves the whole month as the budget\'s base', async () => {
        const text = withExclusion(', counted as available');
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, text),
            index: 0,
            hover: /^WebShop promises that Availability is at least 99\.9% in every calendar month \(Europe\/Berlin time\)\. That allows at most 44 min 38 s of downtime in a 31-day month/
        });
    });

    test('during a calendar: only its hours are eligible', async () => {
        // June 2026, SupportHours Monday–Friday 08:00–18:00: 22 weekdays (June 1 is a Monday; 30 days − 8 weekend days)
        // × 600 min = 13,200 eligible minutes (Sunday patching never falls inside them); 0.5% = 66 min = 1 h 6 min.
        await hover({
            text: withCursor('>= 99.5% per calendar month', 0, oneMonth('2026-06-01', '2026-06-30').replace(' excluding Patching', ' during SupportHours excluding Patching')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.5% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.5% of eligible time: the SupportHours hours of each month, minus maintenance Patching. '
                + 'That allows at most 1 h 6 min of downtime in June 2026 (13,200 eligible minutes).'
        });
    });

    // Without a validity, or with one over 100 years (2026–2926, a mistyped year: 10,812 months of Sunday
    // patching in Berlin time would cost seconds of CPU at each hover), the share only, and why.
    test.each([
        ['no validity period', '    valid from 2026-01-01 to 2026-12-31\n', '', 'without a validity period, eligible time cannot be counted'],
        ['a validity over 100 years', 'valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 2926-12-31',
            'the validity runs over 100 years, too long to count eligible time window by window']
    ])('%s: the share only, and why no minutes are given', async (_name, validity, replacement, why) => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT.replace(validity, replacement)),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. '
                + `That allows at most 0.1% of each month's eligible time as downtime (${why}).`
        });
    });

    test('a validity of exactly 100 years is still counted window by window', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT.replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 2126-12-31')),
            index: 0,
            hover: /That allows at most 44 min 9 s of downtime in .* \(44,160 eligible minutes each\)/
        });
    });

    test('rolling window: the share, and the whole-window allowance as the upper bound', async () => {
        // 30 days × 1,440 = 43,200 min × 0.001 = 43 min 12 s, reached only by a window without patching.
        await hover({
            text: withCursor('per rolling 30 days'),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every rolling window of 30 days, checked at the end of every day (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: the 30 days minus maintenance Patching. '
                + 'That allows at most 43 min 12 s of downtime in any 30 days, less where time is removed from the window.'
        });
    });
});

describe('error budgets of other calendar windows (Europe/Berlin, 2026, 99.9%)', () => {
    test('per calendar quarter: the quarters with a DST change are named', async () => {
        // Q1: 31 + 28 + 31 = 90 d = 129,600 min − 60 (29 March) = 129,540 min × 0.001 = 129.54 min = 2 h 9 min 32.4 s → 2 h 9 min 32 s
        // Q2: 30 + 31 + 30 = 91 d = 131,040 min → 131.04 min = 2 h 11 min 2.4 s → 2 h 11 min 2 s
        // Q3: 31 + 31 + 30 = 92 d = 132,480 min → 132.48 min = 2 h 12 min 28.8 s → 2 h 12 min 28 s (rounded down)
        // Q4: 31 + 30 + 31 = 92 d = 132,480 + 60 (25 October) = 132,540 min → 132.54 min = 2 h 12 min 32.4 s → 2 h 12 min 32 s
        await hover({
            text: withCursor('>= 99.9% per calendar quarter', 0, AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar quarter')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar quarter (Europe/Berlin time). '
                + 'That allows at most 2 h 12 min 28 s of downtime in a 92-day quarter (2 h 11 min 2 s in a 91-day quarter, '
                + '2 h 9 min 32 s in Q1 2026 with the change to summer time, 2 h 12 min 32 s in Q4 2026 with the change back to standard time).'
        });
    });

    test('per calendar day: the 23- and 25-hour days', async () => {
        // 24 h = 1,440 min × 0.001 = 1.44 min = 86.4 s → 1 min 26 s; 23 h: 1.38 min = 82.8 s → 1 min 22 s; 25 h: 1.5 min = 1 min 30 s
        await hover({
            text: withCursor('>= 99.9% per calendar day', 0, AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar day')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar day (Europe/Berlin time). '
                + 'That allows at most 1 min 26 s of downtime in a day (1 min 22 s on 29 March 2026, a 23-hour day with the change to summer time, '
                + '1 min 30 s on 25 October 2026, a 25-hour day with the change back to standard time).'
        });
    });
});

describe('error budgets without a calendar or as events', () => {
    test('no validity period: plain month lengths, and the reason DST months are not listed', async () => {
        // 31 d: 44,640 min × 0.001 = 44 min 38.4 s → 44 min 38 s; 30 d: 43 min 12 s;
        // 29 d: 41,760 min × 0.001 = 41.76 min = 41 min 45.6 s → 41 min 45 s; 28 d: 40,320 → 40 min 19.2 s → 40 min 19 s
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT_WITHOUT_EXCLUSIONS.replace('    valid from 2026-01-01 to 2026-12-31\n', '')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, 41 min 45 s in a 29-day month, '
                + '40 min 19 s in a 28-day month; without a validity period, months with a daylight-saving change are not counted exactly).'
        });
    });

    test('a counted ratio with a lower bound: the budget as events', async () => {
        // 99.9% → 1 − 999/1,000 = 1/1,000
        const text = withSuccess('>= 99.9%');
        await hover({
            text: withCursor('>= 99.9% per rolling 7 days', 0, text),
            index: 0,
            hover: 'WebShop promises that Success is at least 99.9% in every rolling window of 7 days, checked at the end of every day (Europe/Berlin time). '
                + 'That leaves an error budget of 1 in 1,000 requests.'
        });
    });
});

describe('error budgets of a strict `>`: less than the budget', () => {
    test('an uptime: a downtime of exactly 0.1% of the month breaches `> 99.9%`', async () => {
        // 30-day month: 43,200 min × 0.001 = 43 min 12 s exactly; `>` is breached at 43 min 12 s of downtime
        await hover({
            text: withCursor('> 99.9% per rolling 30 days', 0, AGREEMENT_WITHOUT_EXCLUSIONS.replace('>= 99.9% per rolling 30 days', '> 99.9% per rolling 30 days')),
            index: 0,
            hover: 'WebShop promises that Availability is more than 99.9% in every rolling window of 30 days, checked at the end of every day (Europe/Berlin time). '
                + 'That allows less than 43 min 12 s of downtime in any 30 days.'
        });
    });

    test('a counted ratio: 3 failures in 200 are exactly 98.5 %, a breach of `> 98.5%`', async () => {
        // 98.5% → 1 − 197/200 = 3/200
        const text = withSuccess('> 98.5%');
        await hover({
            text: withCursor('> 98.5% per rolling 7 days', 0, text),
            index: 0,
            hover: 'WebShop promises that Success is more than 98.5% in every rolling window of 7 days, checked at the end of every day (Europe/Berlin time). '
                + 'That leaves an error budget of fewer than 3 in 200 requests.'
        });
    });
});

describe('hover on a KPI', () => {
    test('formula in plain language, unit, data read, owner, then the doc comment', async () => {
        await hover({
            text: withCursor('Availability "Share'),
            index: 0,
            hover: '**KPI WebShop.Availability** — Share of time the shop was up\n\n'
                + 'Measured as the share of time not covered by the intervals of incidents where severity is "outage", each from started to resolved, '
                + 'not counting Patching (excluded from both downtime and eligible time).\n\n'
                + '- Unit: a percentage\n'
                + '- Reads: incidents (`data/incidents.csv`)\n'
                + '- Owner: Platform team\n\n'
                + 'Agreed with Acme\'s CTO in the 2025 review.'
        });
    });

    test('an uptime that counts maintenance as available says so', async () => {
        await hover({
            text: withCursor('Availability "Share', 0, AGREEMENT.replace(' excluding Patching', ' counting Patching as available')),
            index: 0,
            hover: '**KPI WebShop.Availability** — Share of time the shop was up\n\n'
                + 'Measured as the share of time not covered by the intervals of incidents where severity is "outage", each from started to resolved, '
                + 'counting Patching as available (no downtime during it; its time stays eligible time).\n\n'
                + '- Unit: a percentage\n'
                + '- Reads: incidents (`data/incidents.csv`)\n'
                + '- Owner: Platform team\n\n'
                + 'Agreed with Acme\'s CTO in the 2025 review.'
        });
    });

    test('a reference to a KPI shows the KPI', async () => {
        await hover({
            text: withCursor('ErrorRate < 0.5%'),
            index: 0,
            hover: '**KPI WebShop.ErrorRate** — Share of requests that failed\n\n'
                + 'Measured as the number of requests where status is at least 500 divided by the number of requests.\n\n'
                + '- Unit: a percentage\n'
                + '- Reads: requests (`data/requests.csv`)\n'
                + '- Owner: not named (add `owner "…"`)'
        });
    });
});

describe('hover on a credit', () => {
    test('tiers as sentences with amounts from the fee, and the cap', async () => {
        // 10% of 12,000 EUR = 1,200 EUR; 25% = 3,000 EUR; cap 50% = 6,000 EUR
        await hover({
            text: withCursor('credit for'),
            index: 0,
            hover: '**Service credit for Availability** per calendar month. The fee is 12,000.00 EUR per calendar month.\n\n'
                + '- If Availability is below 99.9%, the customer receives 10% of the fee (1,200.00 EUR).\n'
                + '- If Availability is below 99%, the customer receives 25% of the fee (3,000.00 EUR).\n\n'
                + 'Only the most severe tier that applies is paid; tiers do not add up.\n\n'
                + 'Credits are capped at 50% of the fee (6,000.00 EUR) per credit window.\n\n---\n\n'
                + '**Service credit**: The amount the provider owes the customer when an objective is missed, per window: the most severe tier whose threshold '
                + 'the value falls below (tiers do not add up), as a share of that window\'s fee or a money amount, then limited by the cap per window and per year.'
        });
    });
});

describe('hover on keywords and built-ins', () => {
    test('rolling', async () => {
        await hover({
            text: withCursor('rolling 7'),
            index: 0,
            hover: '**Rolling window**: `per rolling 7 days` looks back over the last 7 × 24 hours, evaluated at the end of every calendar day; '
                + 'each day\'s window overlaps the previous one. The report shows the worst window per month and how many windows met the objective.'
        });
    });

    test('uptime', async () => {
        await hover({
            text: withCursor('uptime('),
            index: 0,
            hover: /^\*\*Uptime\*\*: `uptime\(outages, from start to end\)` is the share of eligible time not covered by outage intervals/
        });
    });

    test('counting … as available', async () => {
        await hover({
            text: withCursor('counting Patching', 0, AGREEMENT.replace(' excluding Patching', ' counting Patching as available')),
            index: 0,
            hover: /^\*\*Counted as available\*\*: `counting Patching as available` .* keeps the maintenance windows in the measurement as available time/
        });
    });

    test('excluding', async () => {
        await hover({
            text: withCursor('excluding Patching'),
            index: 0,
            hover: '**Excluding**: `excluding Patching` removes the maintenance windows from the measurement: an outage inside a maintenance window '
                + 'is not downtime, and the window does not count as eligible time either.'
        });
    });
});

describe('hover on dataset fields and terms', () => {
    test('a field used in a formula: type, unit, column, file', async () => {
        await hover({
            text: withCursor('latency   duration'),
            index: 0,
            hover: '**Field latency** of dataset requests\n\n'
                + '- Type: duration\n'
                + '- Unit: milliseconds\n'
                + '- Column: `latency_ms`\n'
                + '- File: `data/requests.csv` (csv)\n'
                + '- Required: every row must have it'
        });
    });

    test('a timestamp field says how its values are written: ISO-8601, or its declared layout with an example', async () => {
        // The fixture's incidents name no time zone: a value without an offset is rejected, as the dataset's hover says.
        await hover({
            text: withCursor('started   timestamp'),
            index: 0,
            hover: '**Field started** of dataset incidents\n\n- Type: timestamp\n'
                + '- Written as ISO-8601 with a UTC offset or `Z`: `2026-03-01T09:30:00Z`, `2026-03-01 09:30:00+01:00`; the dataset names no time zone, '
                + 'so a value without an offset is rejected (if the export writes local time, declare its zone: `timezone "…"`)\n'
                + '- Column: `started` (the field name)\n- File: `data/incidents.csv` (csv)\n- Required: every row must have it'
        });
        const zoned = AGREEMENT.replace('        severity  one of', '        timezone "Europe/Berlin"\n        severity  one of');
        await hover({ text: withCursor('started   timestamp', 0, zoned), index: 0, hover: /\n- Written as ISO-8601: `2026-03-01T09:30:00Z`, `2026-03-01 09:30:00\+01:00`, or without an offset in Europe\/Berlin time \(the dataset's time zone\)\n/ });
        const jira = AGREEMENT.replace('started   timestamp', 'started   timestamp format "DD/MMM/YY h:mm A"');
        await hover({ text: withCursor('started   timestamp', 0, jira), index: 0, hover: /\n- Written as `DD\/MMM\/YY h:mm A`, e\.g\. `01\/Mar\/26 9:30 AM`: a wall-clock time, but the dataset names no time zone, so its rows are rejected \(declare its zone: `timezone "…"`\)\n/ });
        await hover({ text: withCursor('started   timestamp', 0, jira.replace('        severity  one of', '        timezone "Europe/Berlin"\n        severity  one of')), index: 0, hover: /\n- Written as `DD\/MMM\/YY h:mm A`, e\.g\. `01\/Mar\/26 9:30 AM`: a wall-clock time in Europe\/Berlin time \(the dataset's time zone\)\n/ });
        const offset = AGREEMENT.replace('started   timestamp', 'started   timestamp format "YYYY-MM-DD HH:mm Z"');
        await hover({ text: withCursor('started   timestamp', 0, offset), index: 0, hover: /\n- Written as `YYYY-MM-DD HH:mm Z`, e\.g\. `2026-03-01 09:30 \+01:00`, with its UTC offset\n/ });
        // A Parquet file's timestamps are typed: no layout is named.
        const parquet = AGREEMENT.replace('"data/incidents.csv"', '"data/incidents.parquet"');
        await hover({ text: withCursor('started   timestamp', 0, parquet), index: 0, hover: /^(?![\s\S]*Written as)[\s\S]*\(parquet\)/ });
        const wrong = AGREEMENT.replace('started   timestamp', 'started   timestamp format "DD.MM.YYYY HH:mm Uhr"');
        await hover({ text: withCursor('started   timestamp', 0, wrong), index: 0, hover: /\n- Written as `DD\.MM\.YYYY HH:mm Uhr`: not a format the readers know \(the letter 'U' means nothing/ });
    });

    test('a percent field says its scale, and how a share written in it is read', async () => {
        const text = AGREEMENT.replace('        severity  one of', '        affected  percent\n        severity  one of');
        await hover({
            text: withCursor('affected  percent', 0, text),
            index: 0,
            hover: '**Field affected** of dataset incidents\n\n- Type: percentage\n- Unit: %\n'
                + '- Written on the 0–100 scale: `99.5` and `99.5%` are 99.5 %; a value written as a share (`0.995`) is read as 0.995 % (an evaluation warns when every value it reads lies between 0 and 1)\n'
                + '- Column: `affected` (the field name)\n- File: `data/incidents.csv` (csv)\n- Required: every row must have it'
        });
    });

    test('a field named like a keyword, referenced in a where clause', async () => {
        await hover({
            text: withCursor('status >= 500'),
            index: 0,
            hover: '**Field status** of dataset requests\n\n- Type: integer\n- Column: `status` (the field name)\n- File: `data/requests.csv` (csv)\n- Required: every row must have it'
        });
    });

    test('complete to: the data end, what it means for windows after it, and the option overriding it', async () => {
        const text = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        complete to 2026-03-31');
        await hover({
            text: withCursor('2026-03-31', 0, text),
            index: 0,
            hover: '**Complete to**: Data complete through 31 March 2026 (the whole day, in the agreement\'s time zone): windows starting after it have no data, '
                + 'never met, 100 % or a credit; rows still open are judged on their elapsed time up to then. `--data-end` on the command line overrides it.'
        });
    });

    test('one row per: what it promises of the data and what evaluation does with a second row', async () => {
        const text = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        one row per started, severity');
        const sentence = 'One row per started and severity: a row with the same started and severity as an earlier row is invalid (the same item counted twice), '
            + 'so evaluation stops at it with both rows\' places; with `--skip-invalid` the earlier row is kept and this one skipped and listed. '
            + 'Every row of the dataset is read, by one reader, to check it.';
        await hover({ text: withCursor('one row per', 0, text), index: 0, hover: `**One row per key**: ${sentence}` });
        await hover({ text: withCursor('row per', 0, text), index: 0, hover: `**One row per key**: ${sentence}` });
        // On a field it names: the field's own hover; on the dataset: the key among its facts.
        await hover({ text: withCursor('severity\n', 0, text), index: 0, hover: /^\*\*Field severity\*\* of dataset incidents/ });
        await hover({ text: withCursor('incidents "Incident register"', 0, text), index: 0, hover: new RegExp(`\\n- ${sentence.replace(/[()`.;\\']/g, '\\$&')}\\n`) });
    });

    test('one row per …, latest by: the latest version counts, the others are superseded', async () => {
        const text = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        one row per severity, latest by started');
        await hover({
            text: withCursor('latest by', 0, text),
            index: 0,
            hover: '**One row per key**: One row per severity, the latest by started: of the rows with the same severity, only the one with the greatest started is counted; '
                + 'the others are superseded (counted apart in the report, read by no KPI). Two rows with the same severity and the same started are one version when the values the agreement reads agree; '
                + 'otherwise, when that started is the greatest, no one can tell which is the latest, and evaluation stops at the later one (with `--skip-invalid` it is skipped and listed). '
                + 'Every row of the dataset is read, by one reader, and the latest rows are kept until the end of the file.'
        });
    });

    test('a dataset without one row per says nothing of keys', async () => {
        await hover({ text: withCursor('incidents "Incident register"'), index: 0, hover: /^(?![\s\S]*One row per)/ });
    });

    test('separator and decimal: how the CSV file is written, on the line and on the dataset', async () => {
        const text = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        separator ";"\n        decimal ","');
        const dialect = 'Columns separated by semicolons (`;`); a value holding it must be quoted; numbers written with a decimal comma (1,5 is one and a half; '
            + 'a number with a point, such as 1.234, is an invalid value: it could be a thousands separator)';
        await hover({ text: withCursor('separator', 0, text), index: 0, hover: `**CSV dialect of dataset incidents**: ${dialect}.` });
        await hover({ text: withCursor('","', 0, text), index: 0, hover: `**CSV dialect of dataset incidents**: ${dialect}.` });
        await hover({ text: withCursor('incidents "Incident register"', 0, text), index: 0, hover: new RegExp(`\\n- ${dialect.replace(/[()`.;]/g, '\\$&')}\\n`) });
        // Tabs alone.
        const tabs = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        separator "\\t"');
        await hover({ text: withCursor('separator', 0, tabs), index: 0, hover: '**CSV dialect of dataset incidents**: Columns separated by tabs; a value holding it must be quoted.' });
    });

    test('encoding: the text encoding the CSV file is read in, with the dialect', async () => {
        const text = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        separator ";"\n        encoding "windows-1252"');
        const dialect = 'Columns separated by semicolons (`;`); a value holding it must be quoted; '
            + 'text in Windows-1252, as Excel\'s plain "CSV" saves it (read as UTF-8 after conversion: `ä` is the byte 0xE4, `€` 0x80)';
        await hover({ text: withCursor('encoding', 0, text), index: 0, hover: `**CSV dialect of dataset incidents**: ${dialect}.` });
        await hover({ text: withCursor('separator', 0, text), index: 0, hover: `**CSV dialect of dataset incidents**: ${dialect}.` });
        const unicode = AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', '$&\n        encoding "utf-16"');
        await hover({ text: withCursor('"utf-16"', 0, unicode), index: 0, hover: '**CSV dialect of dataset incidents**: Text in UTF-16, as Excel\'s "Unicode Text" saves it (byte order from its mark; little-endian without one).' });
    });

    test('a dataset without separator or decimal says nothing of a dialect', async () => {
        await hover({ text: withCursor('incidents "Incident register"'), index: 0, hover: /^(?![\s\S]*separated by)/ });
    });

    test('a dataset without complete to: its data end at the last event', async () => {
        await hover({
            text: withCursor('incidents "Incident register"'),
            index: 0,
            hover: /\n- Data end: at the last event in the file, unless `--to`, `--data-end` or `complete to` says the data run further; windows starting after it have no data\.$/
        });
    });

    test('validity: whole days, inclusive, in the agreement zone', async () => {
        await hover({
            text: withCursor('2026-12-31'),
            index: 0,
            hover: '**Validity**: the agreement is in force on every day from 1 January 2026 through 31 December 2026, both days included, '
                + 'in Europe/Berlin time: from 2026-01-01 00:00 up to, not including, 2027-01-01 00:00.'
        });
    });
});

describe('hover on business days, minimum samples and field ranges', () => {
    const text = AGREEMENT
        .replace('priority  one of "P1", "P2", "P3"', 'priority  one of "P1", "P2", "P3"\n        rating    integer 1 to 5 optional')
        .replace('objective ErrorRate < 0.5% per rolling 7 days', 'objective ErrorRate < 0.5% per rolling 7 days with at least 1000 requests')
        .replace('        objective Availability >= 99.9% per calendar month\n', `        objective Availability >= 99.9% per calendar month
        kpi Quick "P1 tickets answered within a business day" =
            share(tickets where elapsed(opened, responded) during SupportHours <= 1 business day of tickets)
        objective Quick >= 90% per calendar month
`);

    test('the business keyword explains what N business days are', async () => {
        await hover({
            text: withCursor('business day of', 0, text),
            index: 0,
            hover: /^\*\*Business days\*\*: .*the working days the ticket crossed, plus the worked share of its first and last day\. With hours 08:00–18:00 a ticket opened Monday 15:00 is due Wednesday 15:00/
        });
    });

    test('an objective with a minimum sample says what a thin window is', async () => {
        // 0.5% = 1/200
        await hover({
            text: withCursor('< 0.5% per rolling 7 days with', 0, text),
            index: 0,
            hover: 'WebShop promises that ErrorRate is less than 0.5% in every rolling window of 7 days, checked at the end of every day (Europe/Berlin time). '
                + 'That is fewer than 1 in 200 requests. '
                + 'A window with fewer than 1,000 requests is insufficient data: reported like no data, never met or breached, and it earns no credit.'
        });
    });

    test('an objective with the small-volume rule says how a thin window is judged', async () => {
        await hover({
            text: withCursor('>= 90% per calendar month with', 0, text.replace('objective Quick >= 90% per calendar month', 'objective Quick >= 90% per calendar month with at least 20 tickets, else at most 1 failing')),
            index: 0,
            hover: /A window with fewer than 20 tickets, but some, is met when at most 1 of them fails and breached otherwise \(its value is still the share, and a breached one earns the credit of the tier that value falls in\); a window without tickets is no data\.$/
        });
    });

    test('a field with a range shows it', async () => {
        await hover({
            text: withCursor('rating    integer', 0, text),
            index: 0,
            hover: /- Range: 1 to 5, both included; a value outside is an invalid row\n/
        });
    });
});
