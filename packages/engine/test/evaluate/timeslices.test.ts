import { describe, expect, it } from 'vitest';
import { evaluateAgreement, exactSum, type AgreementModel, type EmptySliceRule, type Expr, type ObjectiveModel, type SliceAggregation, type WindowSpec } from '../../src/index.js';
import { exactRatio, toNumber } from '../../src/evaluate/exact-value.js';
import { agreement, at, bin, count, dataset, field, MINUTE, MONTH, num, ref, tempDir, writeCsv } from './fixtures.js';

/** share(requests where status >= 500 of requests): the error rate of a slice (null without requests). */
const errorRate: Expr = { type: 'share', dataset: 'requests', part: bin('>=', ref('requests', 'status'), num(500)), whole: undefined };

function slices(aggregation: SliceAggregation, value: Expr, empty: EmptySliceRule, sliceMinutes: number, minimumRun?: number, timeField?: string): Expr {
    return { type: 'timeslices', sliceMs: sliceMinutes * MINUTE, aggregation, value, empty, minimumRun, timeField };
}

/** A request log (time, status[, region]) declared complete to `completeTo`, and one objective per KPI formula. */
function requestsAgreement(rows: (string | number)[][], formula: Expr, options: { zone?: string; completeTo?: string; unitKind?: ObjectiveModel['unitKind']; scopeField?: string; window?: WindowSpec } = {}): AgreementModel {
    const header = rows[0]?.length === 3 ? ['time', 'status', 'region'] : ['time', 'status'];
    const fields = [field('time', 'timestamp'), field('status', 'integer')];
    if (header.length === 3) fields.push(field('region', 'text'));
    const path = writeCsv(tempDir(), 'requests.csv', header, rows);
    const unitKind = options.unitKind ?? 'ratio';
    return agreement({
        timezone: options.zone ?? 'UTC',
        datasets: { requests: { ...dataset('requests', path, fields), completeTo: options.completeTo } },
        kpis: [{ key: 'K', name: 'K', unitKind, formula }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison: '>=', target: 0, unitKind, window: options.window ?? MONTH, scopeField: options.scopeField }]
    });
}

const NOW = at('2027-01-01T00:00:00Z');

/** `n` requests at `iso` (UTC), the first `errors` of them failing with 503. */
function requests(iso: string, n: number, errors: number, region?: string): (string | number)[][] {
    return Array.from({ length: n }, (_, i) => (region === undefined ? [iso, i < errors ? 503 : 200] : [iso, i < errors ? 503 : 200, region]));
}

async function firstWindow(model: AgreementModel, from: string, to: string) {
    const report = await evaluateAgreement(model, { from, to, now: NOW });
    return report.objectives[0]!.windows[0]!;
}

describe('timeslices: how many slices a window has', () => {
    // Five-minute slices are 12 an hour: a 31-day month 31 × 24 × 12 = 8,928; a 30-day month 8,640;
    // Europe/Berlin's March 2026 lost an hour (29 March) → 8,928 − 12 = 8,916; October 2026 gained one → 8,940.
    it('counts 8,928 in a 31-day month, 8,640 in a 30-day month, 12 fewer and more in Berlin DST months', async () => {
        const rows = ['2026-01-10', '2026-03-10', '2026-04-10', '2026-10-10'].flatMap((day) => requests(`${day}T12:00:00Z`, 1, 0));
        const model = requestsAgreement(rows, slices('avg', errorRate, { kind: 'value', value: 0 }, 5), { zone: 'Europe/Berlin', completeTo: '2026-12-31' });
        const report = await evaluateAgreement(model, { from: '2026-01-01', to: '2026-10-31', now: NOW });
        const totals = Object.fromEntries(report.objectives[0]!.windows.map((w) => [w.start.slice(0, 7), w.slices?.total]));
        expect(totals['2026-01']).toBe(8_928);
        expect(totals['2026-03']).toBe(8_916);
        expect(totals['2026-04']).toBe(8_640);
        expect(totals['2026-10']).toBe(8_940);
    });
});

describe('timeslices in rolling windows', () => {
    it('cuts each rolling window from its own start', async () => {
        // per rolling 1 day, evaluated at the end of every day (UTC): each window is one day of
        // 288 five-minute slices. One request failing at 2026-03-02 10:02 → the window ending
        // 3 March 00:00 has one bad slice of 288; the window ending 2 March has none (1 request, good, at 1 March 12:00).
        const rows = [...requests('2026-03-01T12:00:00Z', 1, 0), ...requests('2026-03-02T10:02:00Z', 1, 1)];
        const model = requestsAgreement(rows, slices('count', bin('>', errorRate, num(0.05, 'ratio')), { kind: 'good' }, 5), {
            completeTo: '2026-03-31', unitKind: 'count', window: { kind: 'rolling', lengthMs: 86_400_000, label: '1 day' }
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-03', now: NOW });
        const byEnd = Object.fromEntries(report.objectives[0]!.windows.map((w) => [w.end.slice(0, 10), { value: w.value, total: w.slices?.total }]));
        expect(byEnd['2026-03-02']).toEqual({ value: 0, total: 288 });
        expect(byEnd['2026-03-03']).toEqual({ value: 1, total: 288 });
    });
});

describe('timeslices: the average of slice values (S3)', () => {
    // March 2026 (UTC, 8,928 five-minute slices). Slice 00:00: 4 requests, 1 error → 25 %;
    // slice 00:05: 2 requests, 2 errors → 100 %; the other 8,926 slices have no requests.
    const rows = [...requests('2026-03-01T00:01:00Z', 4, 1), ...requests('2026-03-01T00:06:00Z', 2, 2)];
    const uptime = (empty: EmptySliceRule): Expr => bin('-', num(1, 'ratio'), slices('avg', errorRate, empty, 5));

    it('empty as 0%: 100 % − (25 % + 100 %) / 8,928', async () => {
        const window = await firstWindow(requestsAgreement(rows, uptime({ kind: 'value', value: 0 }), { completeTo: '2026-03-31' }), '2026-03-01', '2026-03-31');
        // 1 − 1.25 / 8,928 = 8,926.75 / 8,928 = 0.99985999…
        expect(window.value).toBe(toNumber(exactRatio(892_675, 892_800)));
        expect(window.slices).toEqual({ lengthMs: 5 * MINUTE, total: 8_928, empty: 8_926, unknown: 0 });
        expect(window.rows).toBe(6);
    });

    it('empty as no data: the average of the two slices with requests, 62.5 % → 37.5 %', async () => {
        const window = await firstWindow(requestsAgreement(rows, uptime({ kind: 'noData' }), { completeTo: '2026-03-31' }), '2026-03-01', '2026-03-31');
        expect(window.value).toBe(0.375);
        expect(window.slices?.empty).toBe(8_926);
    });

    it('slices after the data end are unknown, not empty', async () => {
        // No `complete to`: the data end after the last row (00:06), so only the slices 00:00 and
        // 00:05 are known; 8,926 unknown; empty as 0% then averages the two: 62.5 %.
        // (No --to either: a given end of the period would declare the data complete to it.)
        const report = await evaluateAgreement(requestsAgreement(rows, uptime({ kind: 'value', value: 0 })), { from: '2026-03-01', now: NOW });
        const window = report.objectives[0]!.windows[0]!;
        expect(window.slices).toEqual({ lengthMs: 5 * MINUTE, total: 8_928, empty: 0, unknown: 8_926 });
        expect(window.value).toBe(0.375);
    });

    it('a window without any row is no data, whatever the rule', async () => {
        // April has no rows (complete to 30 April): empty as 0 % would make it 100 %; it is no data.
        const report = await evaluateAgreement(requestsAgreement(rows, uptime({ kind: 'value', value: 0 }), { completeTo: '2026-04-30' }), { from: '2026-03-01', to: '2026-04-30', now: NOW });
        const april = report.objectives[0]!.windows[1]!;
        expect(april.status).toBe('no data');
        expect(april.value).toBeNull();
        expect(april.slices?.empty).toBe(8_640);
    });

    it('adds the slice values exactly (three slices of 1/3 average to exactly 1/3)', async () => {
        // Each of three slices: 3 requests, 1 error → 1/3; empty as no data → (1/3 + 1/3 + 1/3) / 3 = 1/3.
        const thirds = ['00:01', '00:06', '00:11'].flatMap((time) => requests(`2026-03-01T${time}:00Z`, 3, 1));
        const window = await firstWindow(requestsAgreement(thirds, slices('avg', errorRate, { kind: 'noData' }, 5), { completeTo: '2026-03-31' }), '2026-03-01', '2026-03-31');
        expect(window.value).toBe(1 / 3);
        expect(exactSum([exactRatio(1, 3), exactRatio(1, 3), exactRatio(1, 3)])).toEqual({ num: 1n, den: 1n });
        expect(exactSum([exactRatio(1, 6), exactRatio(1, 4), exactRatio(7, 12)])).toEqual({ num: 1n, den: 1n });
    });
});

describe('timeslices: bad slices (Atlassian Downtime Minutes, Google Downtime Periods)', () => {
    // April 2026 (UTC): 30 × 1,440 = 43,200 one-minute slices. On 1 April:
    //   minutes 10–16: 1 request, 1 error (100 %)   → 7 bad
    //   minute 17: no requests                      → empty
    //   minutes 18–20: 1 request, 1 error           → 3 bad
    //   minute 21: 10 requests, 0 errors            → good
    //   minute 22: 20 requests, 1 error = 5 %       → good (not more than 5 %)
    //   minute 23: 20 requests, 2 errors = 10 %     → bad
    // Slices with requests: 7 + 3 + 1 + 1 + 1 = 13; empty: 43,200 − 13 = 43,187.
    const minute = (m: number) => `2026-04-01T00:${String(m).padStart(2, '0')}:30Z`;
    const rows = [
        ...[10, 11, 12, 13, 14, 15, 16, 18, 19, 20].flatMap((m) => requests(minute(m), 1, 1)),
        ...requests(minute(21), 10, 0),
        ...requests(minute(22), 20, 1),
        ...requests(minute(23), 20, 2)
    ];
    const bad = bin('>', errorRate, num(0.05, 'ratio'));
    const evaluate = async (aggregation: SliceAggregation, empty: EmptySliceRule, minimumRun?: number) => {
        const unitKind = aggregation === 'count' ? 'count' : aggregation === 'duration' ? 'duration' : 'ratio';
        return firstWindow(requestsAgreement(rows, slices(aggregation, bad, empty, 1, minimumRun), { completeTo: '2026-04-30', unitKind }), '2026-04-01', '2026-04-30');
    };

    it('counts the bad minutes under each rule for empty minutes', async () => {
        expect((await evaluate('count', { kind: 'good' })).value).toBe(11); // 7 + 3 + 1
        expect((await evaluate('count', { kind: 'noData' })).value).toBe(11);
        const allBad = await evaluate('count', { kind: 'bad' });
        expect(allBad.value).toBe(11 + 43_187);
        expect(allBad.slices).toEqual({ lengthMs: MINUTE, total: 43_200, empty: 43_187, bad: 43_198, unknown: 0 });
    });

    it('counts only runs of at least 5 consecutive bad minutes', async () => {
        // Empty as good: the run 10–16 (7) counts, 18–20 (3) and 23 (1) do not.
        expect((await evaluate('count', { kind: 'good' }, 5)).value).toBe(7);
        // Empty as no data: minute 17 ends the run as well → 7.
        expect((await evaluate('count', { kind: 'noData' }, 5)).value).toBe(7);
        // Empty as bad: 0–20 is one run of 21 (17 is bad), 23 to the month's end one of 43,177 → 43,198.
        expect((await evaluate('count', { kind: 'bad' }, 5)).value).toBe(21 + 43_177);
    });

    it('gives the time of bad minutes as a duration and their share of the time with data', async () => {
        expect((await evaluate('duration', { kind: 'good' }, 5)).value).toBe(7 * MINUTE);
        expect((await evaluate('duration', { kind: 'good' })).value).toBe(11 * MINUTE);
        // share: bad time over the time of slices with a value: 11 / 43,200 with empty as good; 11 / 13 with no data.
        expect((await evaluate('share', { kind: 'good' })).value).toBe(toNumber(exactRatio(11, 43_200)));
        expect((await evaluate('share', { kind: 'noData' })).value).toBe(toNumber(exactRatio(11, 13)));
        // Google: 100 % − share of Downtime Periods (≥ 5 consecutive minutes) = 1 − 7 / 43,200.
        const model = requestsAgreement(rows, bin('-', num(1, 'ratio'), slices('share', bad, { kind: 'good' }, 1, 5)), { completeTo: '2026-04-30' });
        expect((await firstWindow(model, '2026-04-01', '2026-04-30')).value).toBe(toNumber(exactRatio(43_193, 43_200)));
    });
});

describe('timeslices: placing rows and scopes', () => {
    it('places rows by the field named after `by`', async () => {
        // Two timestamps: received 00:00:30, answered 00:02:30. By answered, the request lies in
        // minute 2 (of 1 March, UTC): minutes with requests = 1; by received, also 1, but minute 0.
        // The condition count(requests) >= 1 is bad where requests were: count where … = 1 either way;
        // at least 1 consecutive from minute 2 vs 0 is told apart by a data end: complete to 31 March.
        const path = writeCsv(tempDir(), 'requests.csv', ['received', 'answered', 'status'], [['2026-03-01T00:00:30Z', '2026-03-01T00:02:30Z', 200]]);
        const model = (timeField?: string): AgreementModel => agreement({
            timezone: 'UTC',
            datasets: { requests: { ...dataset('requests', path, [field('received', 'timestamp'), field('answered', 'timestamp'), field('status', 'integer')]), completeTo: '2026-03-31' } },
            // The share of time before the first minute with requests: duration where count = 0, no data → counts nothing;
            // use 'empty as bad' and count the bad minutes: all but the one with the request.
            kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula: slices('count', bin('>=', count('requests'), num(1)), { kind: 'good' }, 1, 3, timeField) }],
            objectives: [{ kpi: 'K', kpiName: 'K', comparison: '>=', target: 0, unitKind: 'count', window: MONTH }]
        });
        // One bad minute, a run of 1 < 3: 0 either way. The slices' rows tell where the row went: the window reads 1 row.
        const byAnswered = await firstWindow(model('answered'), '2026-03-01', '2026-03-31');
        expect(byAnswered.value).toBe(0);
        expect(byAnswered.rows).toBe(1);
        await expect(evaluateAgreement(model('status'), { from: '2026-03-01', to: '2026-03-31', now: NOW })).rejects.toThrow(/no timestamp field 'status' to place its rows in slices/);
    });

    it('counts a row in the slice of its own field even when its event time is outside the period', async () => {
        // received 28 Feb 23:59:30 (before the period), answered 1 March 00:00:30: in March's minute 0 by answered.
        const path = writeCsv(tempDir(), 'requests.csv', ['received', 'answered', 'status'], [['2026-02-28T23:59:30Z', '2026-03-01T00:00:30Z', 503]]);
        const model = agreement({
            timezone: 'UTC',
            datasets: { requests: { ...dataset('requests', path, [field('received', 'timestamp'), field('answered', 'timestamp'), field('status', 'integer')]), completeTo: '2026-03-31' } },
            kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula: slices('count', bin('>', errorRate, num(0.05, 'ratio')), { kind: 'good' }, 1, undefined, 'answered') }],
            objectives: [{ kpi: 'K', kpiName: 'K', comparison: '>=', target: 0, unitKind: 'count', window: MONTH }]
        });
        expect((await firstWindow(model, '2026-03-01', '2026-03-31')).value).toBe(1);
    });

    it('evaluates each scope on its own slices (for each region)', async () => {
        // eu: minute 0 all failing (1 bad minute); us: minute 0 fine, minute 1 failing (1 bad). Empty as good.
        const rows = [...requests('2026-03-01T00:00:10Z', 2, 2, 'eu'), ...requests('2026-03-01T00:00:20Z', 2, 0, 'us'), ...requests('2026-03-01T00:01:20Z', 1, 1, 'us')];
        const model = requestsAgreement(rows, slices('count', bin('>', errorRate, num(0.05, 'ratio')), { kind: 'good' }, 1), { completeTo: '2026-03-31', unitKind: 'count', scopeField: 'region' });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: NOW });
        const byRegion = Object.fromEntries(report.objectives[0]!.windows.map((w) => [w.scopeValue, w.value]));
        expect(byRegion).toEqual({ eu: 1, us: 1 });
    });
});

describe('timeslices: a formula with two slices(…) terms reports each', () => {
    // March 2026 (UTC). 10:02: 10 requests, 2 errors (20 %); 10:07: 10 requests, 0 errors.
    // Term 1, five-minute slices, bad when > 5 % errors: 8,928 slices, 1 bad (10:00), 8,926 empty (good).
    // Term 2, one-hour slices, bad when > 5 % errors: 744 slices; hour 10:00 has 20 requests, 2 errors = 10 % → 1 bad, 743 empty.
    const rows = [...requests('2026-03-01T10:02:00Z', 10, 2), ...requests('2026-03-01T10:07:00Z', 10, 0)];
    const bad = bin('>', errorRate, num(0.05, 'ratio'));

    it('sliceTerms lists both terms in formula order; slices stays the first', async () => {
        const formula = bin('+', slices('count', bad, { kind: 'good' }, 5), slices('count', bad, { kind: 'good' }, 60));
        const window = await firstWindow(requestsAgreement(rows, formula, { completeTo: '2026-03-31', unitKind: 'count' }), '2026-03-01', '2026-03-31');
        // 1 bad five-minute slice + 1 bad hour = 2.
        expect(window.value).toBe(2);
        expect(window.slices).toEqual({ lengthMs: 5 * MINUTE, total: 8_928, empty: 8_926, bad: 1, unknown: 0 });
        expect(window.sliceTerms).toEqual([
            { lengthMs: 5 * MINUTE, total: 8_928, empty: 8_926, bad: 1, unknown: 0 },
            { lengthMs: 60 * MINUTE, total: 744, empty: 743, bad: 1, unknown: 0 }
        ]);
    });

    it('one term: no sliceTerms (slices says it all)', async () => {
        const window = await firstWindow(requestsAgreement(rows, slices('count', bad, { kind: 'good' }, 5), { completeTo: '2026-03-31', unitKind: 'count' }), '2026-03-01', '2026-03-31');
        expect(window.sliceTerms).toBeUndefined();
        expect(window.slices?.bad).toBe(1);
    });
});

describe('timeslices: a run of bad slices across the edge between two windows', () => {
    // UTC, one-minute slices, empty as good. Each listed minute has one request, failing (100 % > 5 %).
    const bad = bin('>', errorRate, num(0.05, 'ratio'));
    const failing = (...isos: string[]) => isos.flatMap((iso) => requests(iso, 1, 1));
    // 31 March 23:58, 23:59 and 1 April 00:00, 00:01, 00:02: five bad minutes in a row, two in March, three in April.
    const acrossMidnight = failing('2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z', '2026-04-01T00:00:30Z', '2026-04-01T00:01:30Z', '2026-04-01T00:02:30Z');
    const model = (rows: (string | number)[][], minimumRun: number | undefined, options: { completeTo?: string; comparison?: '<=' | '>='; target?: number } = {}) => {
        const base = requestsAgreement(rows, slices('count', bad, { kind: 'good' }, 1, minimumRun), { completeTo: options.completeTo ?? '2026-04-30', unitKind: 'count' });
        return { ...base, objectives: [{ ...base.objectives[0]!, comparison: options.comparison ?? '>=', target: options.target ?? 0 }] };
    };
    const months = async (agreementModel: AgreementModel, from = '2026-03-01', to = '2026-04-30') => {
        const report = await evaluateAgreement(agreementModel, { from, to, now: NOW });
        return report.objectives[0]!.windows.map((window) => ({ start: window.start.slice(0, 10), value: window.value, status: window.status, provisional: window.provisional === true }));
    };

    it('counts a Downtime Period of five minutes over midnight: its two minutes in March, its three in April', async () => {
        const values = (await months(model(acrossMidnight, 5))).map(({ value }) => value);
        // Each month alone has a run of 2 or 3 (< 5): before, neither counted.
        expect(values).toEqual([2, 3]);
        // Without a minimum run every bad minute counts where it lies, as before.
        expect((await months(model(acrossMidnight, undefined))).map(({ value }) => value)).toEqual([2, 3]);
    });

    it('does not count a run shorter than the minimum, however it is split', async () => {
        // The same five minutes under `at least 6 consecutive`.
        expect((await months(model(acrossMidnight, 6))).map(({ value }) => value)).toEqual([0, 0]);
        // Four in March (23:56–23:59) and one in April (00:00): five in a row → 4 and 1 under `at least 5`.
        const fourAndOne = failing('2026-03-31T23:56:30Z', '2026-03-31T23:57:30Z', '2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z', '2026-04-01T00:00:30Z');
        expect((await months(model(fourAndOne, 5))).map(({ value }) => value)).toEqual([4, 1]);
        // A good minute at 00:00 (a request without error) breaks it: 4 in March, and nothing after → 0 and 0.
        const broken = [...failing('2026-03-31T23:56:30Z', '2026-03-31T23:57:30Z', '2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z', '2026-04-01T00:01:30Z'), ...requests('2026-04-01T00:00:30Z', 1, 0)];
        expect((await months(model(broken, 5))).map(({ value }) => value)).toEqual([0, 0]);
    });

    it('goes on across an edge of the evaluation period: a month counts the same whichever period is asked for', async () => {
        // From 1 April: March is outside the period, but its last two minutes are read, so April's three are still a run of 5.
        expect(await months(model(acrossMidnight, 5), '2026-04-01', '2026-04-30')).toEqual([{ start: '2026-04-01', value: 3, status: 'met', provisional: false }]);
        // Read for the run, March's two rows are still outside the period in the dataset's counts, and in no window's rows.
        const fromApril = await evaluateAgreement(model(acrossMidnight, 5), { from: '2026-04-01', to: '2026-04-30', now: NOW });
        expect(fromApril.datasets[0]).toMatchObject({ rows: 5, outsidePeriod: 2 });
        expect(fromApril.objectives[0]!.windows[0]!.rows).toBe(3);
        // The same read by the typed reader on two threads (a large file's way): the same value and counts.
        const twoThreads = await evaluateAgreement(model(acrossMidnight, 5), { from: '2026-04-01', to: '2026-04-30', now: NOW, parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 });
        expect(twoThreads.datasets[0]).toMatchObject({ rows: 5, outsidePeriod: 2 });
        expect(twoThreads.objectives[0]!.windows[0]).toMatchObject({ value: 3, rows: 3 });
        // To 31 March: April's first three minutes are read (the data are complete to 30 April), so March's two count.
        expect(await months(model(acrossMidnight, 5), '2026-03-01', '2026-03-31')).toEqual([{ start: '2026-03-01', value: 2, status: 'met', provisional: false }]);
        // Without a declared data end the rows past the period's end are known as far as they go (here to 00:02:30).
        const undeclared = { ...model(acrossMidnight, 5), datasets: { requests: { ...model(acrossMidnight, 5).datasets.requests!, completeTo: undefined } } };
        expect(await months(undeclared, '2026-03-01', '2026-03-31')).toEqual([{ start: '2026-03-01', value: 2, status: 'met', provisional: false }]);
        // No row past the period's end (the export stops at 23:59:30): whether March's two minutes count waits on the next data.
        const twoOnly = failing('2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z');
        const waiting = { ...model(twoOnly, 5, { comparison: '<=', target: 1 }), datasets: { requests: { ...model(twoOnly, 5).datasets.requests!, completeTo: undefined } } };
        expect(await months(waiting, '2026-03-01', '2026-03-31')).toEqual([{ start: '2026-03-01', value: 0, status: 'met', provisional: true }]);
    });

    it('slices by another field (`slices(every 1 minute by checked: …)`): the run goes on across the period\'s edge by that field', async () => {
        // Five failing checks a minute apart from 31 March 23:58 to 1 April 00:02, all logged (the event time) on 1 April:
        // placed by `checked`, two lie before the period from 1 April, read for the run only.
        const checks = ['2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z', '2026-04-01T00:00:30Z', '2026-04-01T00:01:30Z', '2026-04-01T00:02:30Z'];
        const path = writeCsv(tempDir(), 'checks.csv', ['logged', 'checked', 'status'], checks.map((checked) => ['2026-04-01T06:00:00Z', checked, 503]));
        const failed = bin('>', { type: 'share', dataset: 'checks', part: bin('>=', ref('checks', 'status'), num(500)), whole: undefined }, num(0.05, 'ratio'));
        const byChecked = agreement({
            timezone: 'UTC',
            datasets: { checks: { ...dataset('checks', path, [field('logged', 'timestamp'), field('checked', 'timestamp'), field('status', 'integer')]), completeTo: '2026-04-30' } },
            kpis: [{ key: 'K', name: 'K', unitKind: 'count', formula: slices('count', failed, { kind: 'good' }, 1, 5, 'checked') }],
            objectives: [{ kpi: 'K', kpiName: 'K', comparison: '>=', target: 0, unitKind: 'count', window: MONTH }]
        });
        expect((await months(byChecked, '2026-04-01', '2026-04-30')).map(({ value }) => value)).toEqual([3]);
        expect((await months(byChecked, '2026-03-01', '2026-04-30')).map(({ value }) => value)).toEqual([2, 3]);
    });

    it('cuts a run at the agreement validity, not where --from falls inside a window', async () => {
        // An agreement valid from 1 April: nothing before it is read, so April's three minutes are a run of 3.
        const fromApril = { ...model(acrossMidnight, 5), validity: { from: '2026-04-01', to: '2026-12-31' } };
        expect((await months(fromApril, '2026-04-01', '2026-04-30')).map(({ value }) => value)).toEqual([0]);
        // Valid to 31 March: March's two minutes are the end of what is promised.
        const toMarch = { ...model(acrossMidnight, 5), validity: { from: '2026-01-01', to: '2026-03-31' } };
        expect((await months(toMarch, '2026-03-01', '2026-03-31')).map(({ value }) => value)).toEqual([0]);
        // A period from 2 April judges April whole, from 1 April (evaluation-period.ts): the same five minutes a
        // day later, 1 April 23:58 to 2 April 00:02, are one run of 5 from 2 April as from 1 April (before: 0 from 2 April).
        const acrossSecond = failing('2026-04-01T23:58:30Z', '2026-04-01T23:59:30Z', '2026-04-02T00:00:30Z', '2026-04-02T00:01:30Z', '2026-04-02T00:02:30Z');
        expect((await months(model(acrossSecond, 5), '2026-04-02', '2026-04-30')).map(({ value }) => value)).toEqual([5]);
        expect((await months(model(acrossSecond, 5), '2026-04-01', '2026-04-30')).map(({ value }) => value)).toEqual([5]);
    });

    it('leaves a window provisional when its last run goes on past the data end', async () => {
        // Data complete to 31 March; the two bad minutes at its end could begin a Downtime Period.
        // Objective `<= 1` bad minute per month: March as known has 0 (the run is cut at the data end) → met;
        // if 00:00–00:02 turn out bad, the run is 5 long and March has 2 → breached: provisional.
        const endOfMarch = failing('2026-03-31T23:58:30Z', '2026-03-31T23:59:30Z');
        const windows = await months(model(endOfMarch, 5, { completeTo: '2026-03-31', comparison: '<=', target: 1 }));
        expect(windows[0]).toEqual({ start: '2026-03-01', value: 0, status: 'met', provisional: true });
        // The report says which slices wait: the two at the end of March.
        const report = await evaluateAgreement(model(endOfMarch, 5, { completeTo: '2026-03-31', comparison: '<=', target: 1 }), { from: '2026-03-01', to: '2026-04-30', now: NOW });
        expect(report.objectives[0]!.windows[0]!.slices).toMatchObject({ bad: 0, runAtDataEnd: 2 });
        expect(report.objectives[0]!.windows[1]!.slices?.runAtDataEnd).toBeUndefined();
        // 23:58 bad, 23:59 good: March's last run does not reach its last minute, so nothing after the data end can change March.
        const notAtTheEnd = [...failing('2026-03-31T23:58:30Z'), ...requests('2026-03-31T23:59:30Z', 1, 0)];
        const settled = await months(model(notAtTheEnd, 5, { completeTo: '2026-03-31', comparison: '<=', target: 1 }));
        expect(settled[0]).toEqual({ start: '2026-03-01', value: 0, status: 'met', provisional: false });
        // The data end inside the window (complete to 15 March): the same two minutes at 23:58 and 23:59 on the 15th.
        const midMarch = failing('2026-03-15T23:58:30Z', '2026-03-15T23:59:30Z');
        const cut = await evaluateAgreement(model(midMarch, 5, { completeTo: '2026-03-15', comparison: '<=', target: 1 }), { from: '2026-03-01', to: '2026-04-30', now: NOW });
        expect(cut.objectives[0]!.windows[0]).toMatchObject({ value: 0, status: 'met', provisional: true, slices: { bad: 0, runAtDataEnd: 2 } });
        const settledReport = await evaluateAgreement(model(notAtTheEnd, 5, { completeTo: '2026-03-31', comparison: '<=', target: 1 }), { from: '2026-03-01', to: '2026-04-30', now: NOW });
        expect(settledReport.objectives[0]!.windows[0]!.slices?.runAtDataEnd).toBeUndefined();
        // With the data complete to April, the same two minutes followed by good ones are settled: no slices wait.
        const known = await evaluateAgreement(model([...endOfMarch, ...requests('2026-04-01T00:00:30Z', 1, 0)], 5, { comparison: '<=', target: 1 }), { from: '2026-03-01', to: '2026-04-30', now: NOW });
        expect(known.objectives[0]!.windows[0]).toMatchObject({ value: 0, status: 'met' });
        expect(known.objectives[0]!.windows[0]!.provisional).toBeUndefined();
        expect(known.objectives[0]!.windows[0]!.slices?.runAtDataEnd).toBeUndefined();
    });
});
