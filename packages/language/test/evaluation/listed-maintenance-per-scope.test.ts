import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Maintenance listed per database: a change log with a `database` column, an objective
 * `for each database`. Each database is excused only its own periods.
 * April 2026 (30 days, UTC) = 43,200 min.
 *
 * The change log lists one period, for db1: 10 April 00:00–04:00 (240 min), announced 9 days ahead.
 * db1 and db2 are each down 10 April 01:00–03:00 (120 min).
 *   db1: its outage lies inside its maintenance → eligible 43,200 − 240 = 42,960 min, downtime 0 → 100 %;
 *   db2: no maintenance of its own → eligible 43,200 min, downtime 120 → 43,080 / 43,200 = 99.7222 %.
 */
const OUTAGES = `database,started,ended
db1,2026-04-10T01:00:00Z,2026-04-10T03:00:00Z
db2,2026-04-10T01:00:00Z,2026-04-10T03:00:00Z
`;

const CHANGES = `database,start,end,announced
db1,2026-04-10T00:00:00Z,2026-04-10T04:00:00Z,2026-04-01T00:00:00Z
`;

const agreement = (options: { changeFields?: string; uptime?: string; more?: string } = {}) => `agreement PerDbMaintenance "Maintenance listed per database" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 4320 EUR per calendar month
    dataset outages "Outages per database" from "outages.csv" {
        database text
        started timestamp
        ended timestamp optional
        complete to 2026-04-30
    }
    dataset changes "Maintenance per database, announced" from "changes.csv" {
        ${options.changeFields ?? 'database text'}
        start timestamp
        end timestamp
        announced timestamp
    }
    maintenance Planned "Planned maintenance of a database" {
        periods(changes, from start to end, announced at announced)
        notice 48 hours
    }
    ${options.more ?? ''}
    kpi Uptime "Uptime per database" = uptime(outages, from started to ended) ${options.uptime ?? 'excluding Planned'}
    objective Uptime >= 99.9% per calendar month for each database
}
`;

const options = { from: '2026-04-01', to: '2026-04-30', now: Date.UTC(2026, 5, 1) };
const evaluate = (sla: string, changes = CHANGES) => evaluateFixture({ 'm.sla': sla, 'outages.csv': OUTAGES, 'changes.csv': changes }, options);

/** Each database's April value and status. */
async function byDatabase(sla: string, changes?: string) {
    const report = await evaluate(sla, changes);
    const objective = report.objectives[0]!;
    return Object.fromEntries(objective.windows.map((window) => [String(window.scopeValue), { value: window.value, status: window.status }]));
}

describe('maintenance listed per scope value: each excused only its own periods', () => {
    it('db1 is excused its maintenance (100 %), db2 is not: 43,080 / 43,200 = 99.7222 %, breached', async () => {
        expect(await byDatabase(agreement())).toEqual({
            db1: { value: 1, status: 'met' },
            db2: { value: 43_080 / 43_200, status: 'breached' }
        });
    });

    it('a row that leaves the database empty is maintenance of every database', async () => {
        // An optional database field; the only period has none → both are excused: 42,960 eligible min, no downtime.
        const everyone = 'database,start,end,announced\n,2026-04-10T00:00:00Z,2026-04-10T04:00:00Z,2026-04-01T00:00:00Z\n';
        expect(await byDatabase(agreement({ changeFields: 'database text optional' }), everyone)).toEqual({
            db1: { value: 1, status: 'met' },
            db2: { value: 1, status: 'met' }
        });
    });

    it('a change log without the scope field lists maintenance of every database, as before', async () => {
        const unscoped = 'site,start,end,announced\nberlin,2026-04-10T00:00:00Z,2026-04-10T04:00:00Z,2026-04-01T00:00:00Z\n';
        expect(await byDatabase(agreement({ changeFields: 'site text' }), unscoped)).toEqual({
            db1: { value: 1, status: 'met' },
            db2: { value: 1, status: 'met' }
        });
    });

    it('a capped exclusion during the maintenance takes each database its own time, and reports it per database', async () => {
        // `at most 3 hours per calendar month`: db1 has the first 180 min of its 240 excluded (00:00–03:00),
        // its outage 01:00–03:00 inside → eligible 43,020 min, downtime 0 → 100 %, 180 min excluded.
        // db2 has no maintenance: nothing excluded, 43,080 / 43,200.
        const sla = agreement({ uptime: '', more: 'exclusion Scheduled "Planned maintenance, at most 3 hours a month" during Planned, at most 3 hours per calendar month' });
        const report = await evaluate(sla);
        const windows = Object.fromEntries(report.objectives[0]!.windows.map((window) => [String(window.scopeValue), window]));
        expect(windows.db1).toMatchObject({ value: 1, excluded: [{ exclusion: 'Scheduled', timeMs: 180 * 60_000 }] });
        expect(windows.db2).toMatchObject({ value: 43_080 / 43_200, excluded: [{ exclusion: 'Scheduled', timeMs: 0 }] });
    });

    it('a credit per database reads its own eligible time: db2 paid on its 120 minutes down', async () => {
        // db2: downtime = (1 − 43,080 / 43,200) × 43,200 min = 120 min, exactly;
        // 10 × 120 / 43,200 × 4,320 EUR = 120 EUR. (With db1's eligible time, 42,960 min: 119.33 min, 119.33 EUR.)
        const sla = agreement({ more: '' }).replace('objective Uptime', `credit for Uptime per calendar month for each database {
        below 99.9% : 10 * downtime / window * fee
    }
    objective Uptime`);
        const report = await evaluate(sla);
        const db2 = report.credits[0]!.windows.find((window) => window.scopeValue === 'db2')!;
        expect(db2).toMatchObject({ amount: 120 });
        expect(db2.formula).toMatchObject({ downtimeMs: 120 * 60_000 });
    });
});
