/**
 * Business days with pauses excluded (`elapsed(…) during C excluding pauses(…) <= 2 business days`)
 * read from DuckDB and PostgreSQL 15 tables: elapsed-pushdown.ts computes such an elapsed(…) locally
 * (the tickets and their pauses are pulled), so the report equals the local engine's, with the
 * hand-worked figures of packages/language/test/evaluation/paused-desk.ts (hours
 * Monday–Friday 08:00–18:00, Berlin):
 *   T1 2.3 − 0.5 = 1.8; T2 2.5 − 0.5 (two overlapping pauses, merged) = exactly 2; T3 2.1 (a weekend pause
 *   removes nothing); T4 open, waiting for the customer: 0.1 so far, pending.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparable, evaluateLocally, evaluateOn, withTables } from './differential.js';
import { AGREEMENT as SLA, PAUSES, TICKETS } from '../../packages/language/test/evaluation/paused-desk.js';
import { useDuckDbAndPostgres, windowsOf, writtenAgreement } from './sql-engine-fixture.js';

const PERIOD = { from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

const engines = useDuckDbAndPostgres();
let loads = 0;

describe.each(engines)('business days with pauses excluded on $name', (engine) => {
    // All resolved: without T4 and its pause (a pause of an unknown ticket is noted with its file line, a table has none).
    it.each([['with an open ticket', TICKETS, PAUSES], ['all resolved', TICKETS.replace(/^.*T4,\n/m, ''), PAUSES.replace(/^T4,.*\n/m, '')]])('%s: the local report, the rows pulled', async (_, tickets, pauses) => {
        const agreement = await writtenAgreement(SLA, { 'tickets.csv': tickets, 'pauses.csv': pauses }, PERIOD);
        const prefix = `paused_days_${++loads}`;
        const models = await withTables([agreement], 'warehouse', (table, data) => engine.load(table, data), { tableName: (file) => `${prefix}_${path.basename(file, '.csv')}` });
        const local = await evaluateLocally(agreement);
        const remote = await evaluateOn(models.get(agreement.label)!, agreement.period, { warehouse: engine.connection() });
        expect(comparable(remote)).toEqual(comparable(local));
        const datasets = remote.engines?.datasets ?? [];
        expect(datasets.map((d) => d.name).sort()).toEqual(['ticketPauses', 'tickets']);
        expect(datasets.every((d) => d.engine === engine.name && d.mode === 'pulled')).toBe(true);
        expect(datasets.find((d) => d.name === 'tickets')!.reason).toMatch(/business days or excluding pauses/);
        // The hand-worked figures: T1 (1.8) and T2 (exactly 2) of T1–T3 within 2 business days, only T1 under 2.
        expect(windowsOf(remote, 'Support.WithinTwo')[0]!.value).toBeCloseTo(2 / 3, 12);
        expect(windowsOf(remote, 'Support.UnderTwo')[0]!.value).toBeCloseTo(1 / 3, 12);
        const each = remote.objectives.find((objective) => objective.each !== undefined)!.windows[0]!;
        expect(each.items).toMatchObject({ judged: 3, passed: 2, failed: 1, pending: tickets === TICKETS ? 1 : 0 });
        expect(each.items!.failures.map((item) => item.id)).toEqual(['T3']);
        expect(each.items!.failures[0]!.value).toBeCloseTo(2.1, 12);
    }, 60_000);
});
