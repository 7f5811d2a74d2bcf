/**
 * uptime(…) pushed down to DuckDB and PostgreSQL 15 (packages/engine/src/sql/outage-pushdown.ts):
 * overlapping, nested and touching outages merged, clipped to calendar days across the DST
 * change, maintenance excluded or counted as available, office hours across a holiday, scopes, days without data; the
 * report equals the local engine's and the figures below are worked out by hand. Open outages
 * and outages ending before they start make the dataset pulled: the local result and error.
 * ClickHouse 18.16 (no window functions) pulls outage datasets: clickhouse-differential covers it.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../packages/engine/src/report/report-types.js';
import { comparable, evaluateLocally, type ExampleAgreement } from './differential.js';
import { evaluateOnEngine, useDuckDbAndPostgres, windowsOf, writtenAgreement } from './sql-engine-fixture.js';

// Berlin: UTC+1 until Sunday 29 March 2026 02:00, then UTC+2 (that day has 23 hours).
const SLA = `agreement Outages "Outage push-down" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month

    calendar Office "Office hours" {
        monday to friday 09:00 to 17:00
        except 2026-03-03
    }

    maintenance Patching "Patching" {
        every saturday 02:00 to 04:00
        notice 72 hours
    }

    dataset incidents "Incidents" from "incidents.csv" {
        started   timestamp
        service   text
        resolved  timestamp optional
    }

    service S "S" {
        kpi Up "Up outside patching" = uptime(incidents, from started to resolved) excluding Patching
        kpi UpAvailable "Up, patching counted as available" = uptime(incidents, from started to resolved) counting Patching as available
        kpi OfficeUp "Up in office hours" = uptime(incidents, from started to resolved) during Office
        kpi WebUp "Web up, outages of 10 minutes or more" = uptime(incidents where service = "web", from started to resolved, at least 10 minutes)

        objective Up >= 99% per calendar day for each service
        objective UpAvailable >= 99% per calendar day for each service
        objective OfficeUp >= 99.9% per calendar month for each service
        objective WebUp >= 99% per calendar day
    }
}
`;

const HEADER = 'started,service,resolved';
const ROWS = [
    // web, Monday 2 March (Berlin day = 1 Mar 23:00Z … 2 Mar 23:00Z): A, B overlapping A, C nested in A: union 10:00–10:45Z = 45 min (11:00–11:45 office time).
    '2026-03-02T10:00:00Z,web,2026-03-02T10:30:00Z',
    '2026-03-02T10:15:00Z,web,2026-03-02T10:45:00Z',
    '2026-03-02T10:20:00Z,web,2026-03-02T10:25:00Z',
    // web, D across midnight Berlin (23:30–01:30 local): 30 min on 2 March, 90 min on 3 March; outside office hours.
    '2026-03-02T22:30:00Z,web,2026-03-03T00:30:00Z',
    // web, E on Saturday 7 March 00:30–02:00Z; Patching is 02:00–04:00 CET = 01:00–03:00Z: 30 min count, the day is 22 h eligible.
    '2026-03-07T00:30:00Z,web,2026-03-07T02:00:00Z',
    // web, F on the DST day 29 March 00:00–01:30Z (01:00 CET – 03:30 CEST): 90 min of a 23-hour day.
    '2026-03-29T00:00:00Z,web,2026-03-29T01:30:00Z',
    // api: on the holiday 3 March 10:00–11:00Z (60 min, none in office time).
    '2026-03-03T10:00:00Z,api,2026-03-03T11:00:00Z',
    // api: a zero-length outage (a row, no downtime) on 10 March.
    '2026-03-10T12:00:00Z,api,2026-03-10T12:00:00Z',
    // api: touching outages on Wednesday 11 March 08:00–09:00Z and 09:00–09:30Z: 90 min, all office time (09:00–10:30 local).
    '2026-03-11T08:00:00Z,api,2026-03-11T09:00:00Z',
    '2026-03-11T09:00:00Z,api,2026-03-11T09:30:00Z',
    // db: one outage in February only: a scope with no downtime in March (100 %, never missing).
    '2026-02-10T08:00:00Z,db,2026-02-10T09:00:00Z',
    // web: 5 min on 12 March (under WebUp's 10-minute minimum: counts for Up, not for WebUp).
    '2026-03-12T12:00:00Z,web,2026-03-12T12:05:00Z'
];
const PERIOD = { from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };
/** Without --to the data are known until their last event (SEMANTICS.md, data coverage). */
const UNTIL_LAST_EVENT = { from: '2026-03-01', now: Date.parse('2026-04-15T00:00:00Z') };

async function agreementWith(rows: string[], period: ExampleAgreement['period'] = PERIOD): Promise<ExampleAgreement> {
    return writtenAgreement(SLA, { 'incidents.csv': `${[HEADER, ...rows].join('\n')}\n` }, period);
}

const engines = useDuckDbAndPostgres();
const onEngine = evaluateOnEngine;

function dayValue(report: Report, kpi: string, day: string, scope?: string): number | null | undefined {
    return windowsOf(report, `S.${kpi}`).find((window) => window.start.startsWith(day) && window.scopeValue === scope)?.value;
}

describe.each(engines)('uptime pushed down to $name', (engine) => {
    it('merges overlapping, nested and touching outages per scope, clips them to days across the DST change and excludes maintenance: the local report', async () => {
        const agreement = await agreementWith(ROWS);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets).toMatchObject([{ name: 'incidents', engine: engine.name, mode: 'pushed down' }]);
        expect(remote.engines?.pushedDown).toEqual(expect.arrayContaining(['S.Up', 'S.UpAvailable', 'S.OfficeUp', 'S.WebUp']));
        // Few rows come back: per uptime, window and scope at most one (plus checks and scope values), never one per outage.
        // (PostgreSQL: row counts per bucket of start and of end, downtime per segment between window boundaries; many outages: see below.)
        expect(remote.engines!.datasets[0]!.rowsTransferred).toBeLessThan(60);

        // By hand (window starts are local midnights, written with their offset).
        expect(dayValue(remote, 'Up', '2026-03-02', 'web')).toBeCloseTo((1440 - 75) / 1440, 12); // 45 min union + 30 min of D
        expect(dayValue(remote, 'Up', '2026-03-03', 'web')).toBeCloseTo((1440 - 90) / 1440, 12); // 90 min of D
        expect(dayValue(remote, 'Up', '2026-03-07', 'web')).toBeCloseTo((1320 - 30) / 1320, 12); // maintenance 2 h out of the day
        // Counted as available: the same 30 min down, over the whole day (E's hour in Patching is no downtime).
        expect(dayValue(remote, 'UpAvailable', '2026-03-07', 'web')).toBeCloseTo((1440 - 30) / 1440, 12);
        expect(dayValue(remote, 'UpAvailable', '2026-03-02', 'web')).toBeCloseTo((1440 - 75) / 1440, 12);
        expect(dayValue(remote, 'Up', '2026-03-29', 'web')).toBeCloseTo((1380 - 90) / 1380, 12); // 23-hour day
        expect(dayValue(remote, 'Up', '2026-03-03', 'api')).toBeCloseTo((1440 - 60) / 1440, 12);
        expect(dayValue(remote, 'Up', '2026-03-10', 'api')).toBe(1); // zero-length outage: no downtime
        expect(dayValue(remote, 'Up', '2026-03-11', 'api')).toBeCloseTo((1440 - 90) / 1440, 12); // touching: 60 + 30
        expect(dayValue(remote, 'Up', '2026-03-11', 'db')).toBe(1); // a scope without outages in March: 100 %, not missing
        // Outage rows overlapping the day: A, B, C and D.
        expect(windowsOf(remote, 'S.Up').find((window) => window.start.startsWith('2026-03-02') && window.scopeValue === 'web')?.rows).toBe(4);
        // Office hours, March: 22 weekdays − 1 holiday = 21 × 8 h = 10,080 min; web 45 min (A∪B∪C) + 5 min (12 March 13:00 local), api 90 min (the holiday's hour does not count).
        expect(windowsOf(remote, 'S.OfficeUp').find((window) => window.scopeValue === 'web')?.value).toBeCloseTo((10080 - 50) / 10080, 12);
        expect(windowsOf(remote, 'S.OfficeUp').find((window) => window.scopeValue === 'api')?.value).toBeCloseTo((10080 - 90) / 10080, 12);
        // At least 10 minutes: the 5-minute outage of 12 March does not count for WebUp, but does for Up.
        expect(dayValue(remote, 'WebUp', '2026-03-12')).toBe(1);
        expect(dayValue(remote, 'Up', '2026-03-12', 'web')).toBeCloseTo((1440 - 5) / 1440, 12);
    }, 60_000);

    it('an open outage: the rows are pulled and the report is the local one (open until the end of the period, listed)', async () => {
        const agreement = await agreementWith([...ROWS, '2026-03-20T10:00:00Z,web,']);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets[0]).toMatchObject({ mode: 'pulled', reason: expect.stringMatching(/no end/) });
        expect(dayValue(remote, 'Up', '2026-03-21', 'web')).toBe(0); // down the whole day
    }, 60_000);

    it('an outage ending before it starts: the local error, naming the fields', async () => {
        const agreement = await agreementWith([...ROWS, '2026-03-20T10:00:00Z,web,2026-03-20T09:00:00Z']);
        await expect(evaluateLocally(agreement)).rejects.toThrow(/the outage ends before it starts \(resolved 2026-03-20T09:00:00.000Z is before started 2026-03-20T10:00:00.000Z\)/);
        await expect(onEngine(engine, agreement)).rejects.toThrow(/the outage ends before it starts \(resolved 2026-03-20T09:00:00.000Z is before started 2026-03-20T10:00:00.000Z\)/);
    }, 60_000);

    it('days after the last outage start, without --to: no value, never 0 or 100 %', async () => {
        const agreement = await agreementWith(ROWS, UNTIL_LAST_EVENT);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets[0]?.mode).toBe('pushed down');
        // The last start is 29 March 00:00Z (01:00 CET): that day is evaluated, the next ones have no data.
        expect(dayValue(remote, 'Up', '2026-03-29', 'web')).toBeCloseTo((1380 - 90) / 1380, 12);
        expect(dayValue(remote, 'Up', '2026-03-30', 'web')).toBeNull();
        expect(dayValue(remote, 'Up', '2026-03-30', 'db')).toBeNull();
    }, 60_000);

    it('only an outage before the period, without --to: every March day has no data', async () => {
        const agreement = await agreementWith(['2026-02-10T08:00:00Z,db,2026-02-10T09:00:00Z'], UNTIL_LAST_EVENT);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(windowsOf(remote, 'S.Up').length).toBeGreaterThan(0);
        expect(windowsOf(remote, 'S.Up').every((window) => window.value === null)).toBe(true);
    }, 60_000);
});

// Without `at least …` the union is computed without island grouping (each outage adds what lies beyond the earlier ones'
// reach), and on PostgreSQL outages are cut at the windows' boundaries: outages over several days exercise both.
const SLA_NO_MINIMUM = SLA.replace(/\n\s*kpi WebUp .*\n/, '\n').replace(/\n\s*objective WebUp .*\n/, '\n');
const LONG_ROWS = [
    // web, L: Friday 27 March 23:00 CET (22:00Z) to Monday 30 March 08:00 CEST (06:00Z), across Saturday's patching slot and the DST change.
    '2026-03-27T22:00:00Z,web,2026-03-30T06:00:00Z',
    // web: nested in L on Saturday (no change), and one touching L's end, to 09:30 CEST (merges: 90 more minutes, 30 of them office time).
    '2026-03-28T12:00:00Z,web,2026-03-28T13:00:00Z',
    '2026-03-30T06:00:00Z,web,2026-03-30T07:30:00Z',
    // api: from February into March, ending Monday 2 March 01:00 CET (00:00Z).
    '2026-02-27T00:00:00Z,api,2026-03-02T00:00:00Z'
];

describe.each(engines)('uptime without a minimum length pushed down to $name', (engine) => {
    it('outages over several days, across maintenance and the DST change, nested and touching: the local report and the hand-worked values', async () => {
        const agreement = await writtenAgreement(SLA_NO_MINIMUM, { 'incidents.csv': `${[HEADER, ...LONG_ROWS].join('\n')}\n` }, PERIOD);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets[0]?.mode).toBe('pushed down');
        expect(dayValue(remote, 'Up', '2026-03-27', 'web')).toBeCloseTo((1440 - 60) / 1440, 12); // 23:00–24:00
        expect(dayValue(remote, 'Up', '2026-03-28', 'web')).toBe(0); // down all day; the 2 h of patching are not counted at all (22 h eligible)
        expect(dayValue(remote, 'Up', '2026-03-29', 'web')).toBe(0); // the 23-hour day, down throughout
        expect(dayValue(remote, 'Up', '2026-03-30', 'web')).toBeCloseTo((1440 - 570) / 1440, 12); // 00:00–09:30 CEST
        expect(dayValue(remote, 'Up', '2026-03-01', 'api')).toBe(0); // Sunday 1 March, wholly inside the February outage
        expect(dayValue(remote, 'Up', '2026-03-02', 'api')).toBeCloseTo((1440 - 60) / 1440, 12); // 00:00–01:00 CET
        // Rows overlapping the Saturday: L and the nested one; the Monday: L and the touching one.
        expect(windowsOf(remote, 'S.Up').find((window) => window.start.startsWith('2026-03-28') && window.scopeValue === 'web')?.rows).toBe(2);
        expect(windowsOf(remote, 'S.Up').find((window) => window.start.startsWith('2026-03-30') && window.scopeValue === 'web')?.rows).toBe(2);
        // Office time down in March: web 09:00–09:30 on Monday 30 March only (30 of 10,080 min); api none (1 March is a Sunday, 2 March ends at 01:00).
        expect(windowsOf(remote, 'S.OfficeUp').find((window) => window.scopeValue === 'web')?.value).toBeCloseTo((10080 - 30) / 10080, 12);
        expect(windowsOf(remote, 'S.OfficeUp').find((window) => window.scopeValue === 'api')?.value).toBe(1);
    }, 60_000);

    it('2,000 outages: the local report, and far fewer rows over the wire than outages', async () => {
        // Every 20 minutes of March a 5- to 29-minute outage of web or api (overlapping and touching its neighbours now and then).
        const rows: string[] = [];
        const start = Date.parse('2026-03-01T00:00:00Z');
        for (let i = 0; i < 2000; i++) {
            const from = start + i * 20 * 60_000;
            rows.push(`${new Date(from).toISOString()},${i % 3 === 0 ? 'api' : 'web'},${new Date(from + (5 + ((i * 7) % 25)) * 60_000).toISOString()}`);
        }
        const agreement = await writtenAgreement(SLA_NO_MINIMUM, { 'incidents.csv': `${[HEADER, ...rows].join('\n')}\n` }, PERIOD);
        const local = await evaluateLocally(agreement);
        const remote = await onEngine(engine, agreement);
        expect(comparable(remote)).toEqual(comparable(local));
        expect(remote.engines?.datasets[0]?.mode).toBe('pushed down');
        // O(windows × scopes): 31 days + 1 month, 2 scopes, a few kinds of row — not one per outage.
        expect(remote.engines!.datasets[0]!.rowsTransferred).toBeLessThan(400);
    }, 60_000);
});
