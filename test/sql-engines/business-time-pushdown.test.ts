/**
 * elapsed(…) pushed down to DuckDB and PostgreSQL 15 (packages/engine/src/sql/elapsed-pushdown.ts):
 * business time inside office hours across a holiday, a weekend and the DST change, in a value
 * (percentile, max) and in a filter (share); the report equals the local engine's and the figures
 * are worked out by hand. An open ticket (no end yet) makes the dataset pulled: the local result.
 * A ticket resolved before it was opened is an invalid row, as in a file: the dataset is pulled
 * whole, the evaluation stops at it, or with skipInvalid it is counted as rejected and measured by
 * no KPI.
 */
import { describe, expect, it } from 'vitest';
import { comparable, evaluateLocally } from './differential.js';
import { evaluateOnEngine, useDuckDbAndPostgres, windowsOf, writtenAgreement } from './sql-engine-fixture.js';
import { evaluateAgreement } from '../../packages/engine/src/evaluate/evaluate-agreement.js';
import { FLOAT_EXACT_UNTIL, postgresEpochMs } from '../../packages/engine/src/sql/postgres-epoch-ms.js';

// Office hours 09:00–17:00 Berlin, Monday to Friday; Tuesday 3 March is a holiday; CET (UTC+1) until 29 March, then CEST (UTC+2).
const SLA = `agreement Tickets "Business time push-down" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month

    calendar Office "Office hours" {
        monday to friday 09:00 to 17:00
        except 2026-03-03
    }

    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        priority  text
        resolved  timestamp optional
    }

    service Desk "Desk" {
        kpi Median "Median business time to resolve" = percentile(50, elapsed(tickets.opened, tickets.resolved) during Office)
        kpi Fast "Share resolved within 2 business hours" = count(tickets where elapsed(opened, resolved) during Office < 2 hours) / count(tickets)
        kpi Longest "Longest time to resolve" = max(elapsed(tickets.opened, tickets.resolved))

        objective Median <= 4 hours per calendar month
        objective Fast >= 50% per calendar month
        objective Longest <= 3 days per calendar month
    }
}
`;

const HEADER = 'opened,priority,resolved';
const ROWS = [
    // Mon 2 Mar 09:00–10:30 local: 90 business min (raw 90).
    '2026-03-02T08:00:00Z,P1,2026-03-02T09:30:00Z',
    // Mon 16:00 → Wed 10:00 local: Monday 60 + holiday 0 + Wednesday 60 = 120 (raw 42 h).
    '2026-03-02T15:00:00Z,P2,2026-03-04T09:00:00Z',
    // Fri 16:30 → Mon 9 Mar 09:30 local: 30 + 30 = 60 (raw 65 h).
    '2026-03-06T15:30:00Z,P2,2026-03-09T08:30:00Z',
    // Saturday: 0 (raw 2 h).
    '2026-03-07T10:00:00Z,P3,2026-03-07T12:00:00Z',
    // Fri 27 Mar 16:00 CET → Mon 30 Mar 10:00 CEST: 60 + 60 = 120 (raw 65 h: the weekend lost an hour).
    '2026-03-27T15:00:00Z,P1,2026-03-30T08:00:00Z',
    // Tue 10 Mar 10:00–11:00 local (CET): 60 (raw 60).
    '2026-03-10T09:00:00Z,P3,2026-03-10T10:00:00Z'
];
// Resolved an hour before it was opened (Thu 12 Mar 11:00 → 10:00 local): an invalid row.
const REVERSED = '2026-03-12T10:00:00Z,P1,2026-03-12T09:00:00Z';
const PERIOD = { from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };
const MINUTE = 60_000;

const engines = useDuckDbAndPostgres();

function expectHandWorked(report: Awaited<ReturnType<typeof evaluateOnEngine>>): void {
    // Business minutes sorted: 0, 60, 60, 90, 120, 120; the median is rank ceil(0.5 × 6) = 3: 60 min.
    expect(windowsOf(report, 'Desk.Median')[0]!.value).toBe(60 * MINUTE);
    // Under 2 business hours: 0, 60, 60, 90 of 6.
    expect(windowsOf(report, 'Desk.Fast')[0]!.value).toBeCloseTo(4 / 6, 12);
    // Raw time, the longest: 65 h (Friday 16:30 to Monday 09:30 local) = 3,900 min.
    expect(windowsOf(report, 'Desk.Longest')[0]!.value).toBe(3900 * MINUTE);
}
const agreementWith = (rows: string[]) => writtenAgreement(SLA, { 'tickets.csv': `${[HEADER, ...rows].join('\n')}\n` }, PERIOD);

describe.each(engines)('business time pushed down to $name', (engine) => {
    it('counts working time only, across a holiday, weekends and the DST change: the local report', async () => {
        const agreement = await agreementWith(ROWS);
        const local = await evaluateLocally(agreement);
        const remote = await evaluateOnEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets).toMatchObject([{ name: 'tickets', engine: engine.name, mode: 'pushed down' }]);
        expectHandWorked(remote);
    }, 60_000);

    it('a ticket resolved before it was opened: the file\'s error; with skipInvalid, 1 rejected and the hand-worked report of the others', async () => {
        const agreement = await agreementWith([...ROWS, REVERSED]);
        // The file: line 8 (header, 6 rows, then the reversed one), its end's cell (column 3).
        await expect(evaluateLocally(agreement)).rejects.toThrow('tickets.csv:8:3: invalid row: resolved 2026-03-12T10:00:00+01:00 in column 3 (resolved) is before opened 2026-03-12T11:00:00+01:00 in column 1 (opened): elapsed(opened, resolved) cannot be negative');
        // The table, ordered by opening: 2, 2, 6, 7, 10, 12, 27 March, so row 6.
        await expect(evaluateOnEngine(engine, agreement)).rejects.toThrow(/table "pushdown_\d+" of connection warehouse row 6: invalid row: resolved 2026-03-12T10:00:00\+01:00 in column "resolved" is before opened 2026-03-12T11:00:00\+01:00 in column "opened": elapsed\(opened, resolved\) cannot be negative/);
        const local = await evaluateAgreement(agreement.model, { ...agreement.period, skipInvalid: true });
        const remote = await evaluateOnEngine(engine, agreement, { skipInvalid: true });
        // Equal but for where the rejected row is (a file's line and column, a table's row).
        const located = (report: typeof local): unknown => JSON.parse(JSON.stringify(comparable(report), (key, value: unknown) => (key === 'rejectedSamples' ? (value as { value: string; field: string }[]).map(({ value: cell, field }) => ({ cell, field })) : value)));
        expect(located(remote)).toEqual(located(local));
        expect(remote.engines?.datasets[0]).toMatchObject({ mode: 'pulled', reason: expect.stringMatching(/^1 row\(s\) have missing or invalid values/) });
        expect(remote.datasets[0]).toMatchObject({ rows: 6, rejected: 1, rejectedSamples: [{ field: 'resolved', value: '2026-03-12T10:00:00+01:00' }] });
        // The six others, as without the reversed row (−60 business minutes and a median of 0 if it were measured).
        expectHandWorked(remote);
    }, 60_000);

    it('an open ticket: the rows are pulled, the local report', async () => {
        const agreement = await agreementWith([...ROWS, '2026-03-20T10:00:00Z,P1,']);
        const local = await evaluateLocally(agreement);
        const remote = await evaluateOnEngine(engine, agreement);
        // Equal but for where the rejected row is (a file's line and column, a table's row).
        const located = (report: typeof local): unknown => JSON.parse(JSON.stringify(comparable(report), (key, value: unknown) => (key === 'rejectedSamples' ? (value as { value: string; field: string }[]).map(({ value: cell, field }) => ({ cell, field })) : value)));
        expect(located(remote)).toEqual(located(local));
        expect(remote.engines?.datasets[0]).toMatchObject({ mode: 'pulled', reason: expect.stringMatching(/start without its end/) });
    }, 60_000);
});

// Two working ranges a day (a lunch break): two intervals start on one day, so DuckDB's day look-up weighs two terms; the
// holiday, weekends and the DST change as above; tickets of every hour of March, some across days, some resolved at once.
const SPLIT_SLA = SLA.replace('monday to friday 09:00 to 17:00', 'monday to friday 09:00 to 12:00, 13:00 to 17:00');

describe.each(engines)('business time with a lunch break pushed down to $name', (engine) => {
    it('a lunch break: 10:00 to 14:30 local is 3.5 business hours; 500 tickets over March give the local report', async () => {
        const rows = [
            // Monday 2 March 10:00–14:30 CET (09:00Z–13:30Z): 2 h before lunch + 1.5 h after = 210 business min (raw 270).
            '2026-03-02T09:00:00Z,P1,2026-03-02T13:30:00Z'
        ];
        const start = Date.parse('2026-03-01T00:00:00Z');
        for (let i = 0; i < 500; i++) {
            const opened = start + i * 89 * 60_000; // every 89 minutes: every hour of the day in turn
            const resolved = opened + ((i * 37) % 61) * 60 * 60_000; // 0 h … 60 h: some at once (i = 0, 61, …)
            rows.push(`${new Date(opened).toISOString()},P${1 + (i % 3)},${new Date(resolved).toISOString()}`);
        }
        const agreement = await writtenAgreement(SPLIT_SLA, { 'tickets.csv': `${[HEADER, ...rows].join('\n')}\n` }, PERIOD);
        const local = await evaluateLocally(agreement);
        const remote = await evaluateOnEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets[0]?.mode).toBe('pushed down');
        const one = await writtenAgreement(SPLIT_SLA, { 'tickets.csv': `${[HEADER, rows[0]!].join('\n')}\n` }, PERIOD);
        expect(windowsOf(await evaluateOnEngine(engine, one), 'Desk.Median')[0]!.value).toBe(210 * MINUTE);
    }, 60_000);
});

describe('PostgreSQL epoch milliseconds by date_part (postgres-epoch-ms.ts)', () => {
    it('equal the numeric floor(extract(epoch …) * 1000) for 300,000 random microsecond instants of 1970–2038 and the last ones before 2^31 s', async () => {
        const postgres = engines.find((engine) => engine.name === 'postgres')!.connection();
        const fast = postgresEpochMs('t');
        const differing = (instants: string) => ({ text: `SELECT count(*) FILTER (WHERE floor(extract(epoch from t) * 1000)::bigint <> ${fast}), count(*) FROM (${instants}) AS s`, params: [] });
        // Random microseconds over [0, 2^31 s), and the 100,000 microseconds before 2^31 s (where the rounding errors are largest).
        const random = await postgres.query(differing(`SELECT to_timestamp(0) + (random() * ${2 ** 31} * 1e6)::bigint * interval '1 microsecond' AS t FROM generate_series(1, 300000)`));
        const last = await postgres.query(differing(`SELECT '2038-01-19T03:14:08Z'::timestamptz - g * interval '1 microsecond' AS t FROM generate_series(1, 100000) AS g`));
        expect(random.rows[0]!.map(Number)).toEqual([0, 300_000]);
        expect(last.rows[0]!.map(Number)).toEqual([0, 100_000]);
        expect(FLOAT_EXACT_UNTIL).toBe(Date.parse('2038-01-19T03:14:08Z'));
    }, 60_000);
});
