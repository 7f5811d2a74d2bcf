/**
 * Maintenance periods listed in a change log (`periods(…)`) with the uptime pushed down to
 * DuckDB and PostgreSQL: the change log is a table of the same engine, read before the pass;
 * the push-down counts only the periods announced in time. The report equals the local
 * engine's, and the figures are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { comparable, evaluateLocally, evaluateOn, withTables } from './differential.js';
import { useDuckDbAndPostgres, windowsOf, writtenAgreement } from './sql-engine-fixture.js';

const SLA = `agreement Listed "Listed maintenance" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset changes "Change log" from "changes.csv" {
        kind      one of "maintenance", "emergency"
        start     timestamp
        end       timestamp
        announced timestamp optional
    }

    maintenance Patching "Patching, announced 72 hours ahead" {
        periods(changes where kind = "maintenance", from start to end, announced at announced)
        notice 72 hours
    }

    dataset incidents "Incidents" from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }

    kpi Up "Up outside patching" = uptime(incidents, from started to resolved) excluding Patching
    objective Up >= 99% per calendar day
}
`;

// 7 March 01:00–03:00 announced on 1 March (counts); 2 March 10:00–10:30 announced the same morning (late: ordinary time).
const CHANGES = `kind,start,end,announced
maintenance,2026-03-07T01:00:00Z,2026-03-07T03:00:00Z,2026-03-01T08:00:00Z
maintenance,2026-03-02T10:00:00Z,2026-03-02T10:30:00Z,2026-03-02T09:00:00Z
emergency,2026-03-04T12:00:00Z,2026-03-04T13:00:00Z,2026-03-04T11:55:00Z
`;

const INCIDENTS = `started,resolved
2026-03-02T10:00:00Z,2026-03-02T10:45:00Z
2026-03-04T12:00:00Z,2026-03-04T12:20:00Z
2026-03-07T00:30:00Z,2026-03-07T02:00:00Z
`;

const PERIOD = { from: '2026-03-01', to: '2026-03-10', now: Date.parse('2026-04-15T00:00:00Z') };
const engines = useDuckDbAndPostgres();
let tables = 0;

describe.each(engines)('listed maintenance with the uptime pushed down to $name', (engine) => {
    it('counts the periods announced in time, from a table of the engine: the local report and the hand-worked values', async () => {
        const agreement = await writtenAgreement(SLA, { 'changes.csv': CHANGES, 'incidents.csv': INCIDENTS }, PERIOD);
        const local = await evaluateLocally(agreement);
        const models = await withTables([agreement], 'warehouse', (name, data) => engine.load(name, data), { tableName: () => `listed_${++tables}` });
        const remote = await evaluateOn(models.get(agreement.label)!, PERIOD, { warehouse: engine.connection() });
        // (comparable leaves out the late period's place: a line of the file here, a row of the table there.)
        expect(comparable(remote)).toEqual(comparable(local));
        expect(local.notes.join('\n')).toContain('changes.csv:3, announced 1 h ahead)');
        expect(remote.notes.join('\n')).toMatch(/warehouse:listed_\d+:2, announced 1 h ahead\)/);
        expect(remote.engines?.pushedDown).toEqual(['Up']);
        const day = (date: string) => windowsOf(remote, 'Up').find((window) => window.start.startsWith(date))?.value;
        // 2 March: the late period is no maintenance: 45 min down of 1,440 (counted, it would be 15 of 1,410).
        expect(day('2026-03-02')).toBeCloseTo((1440 - 45) / 1440, 12);
        // 4 March: an emergency change is no maintenance: 20 min of 1,440.
        expect(day('2026-03-04')).toBeCloseTo((1440 - 20) / 1440, 12);
        // 7 March: 00:30–02:00 down, 01:00–03:00 maintenance: 30 min down of 1,440 − 120 = 1,320.
        expect(day('2026-03-07')).toBeCloseTo((1320 - 30) / 1320, 12);
        expect(remote.listedMaintenance).toMatchObject([{ maintenance: 'Patching', dataset: 'changes', rows: 2, periods: 2, counted: 1, notice: '72 hours', lateNotice: [{ ahead: '1 h' }] }]);
    }, 60_000);
});
