/**
 * Cancel reaches the server: an evaluation reading a table whose every row takes a millisecond
 * (a view that sleeps per row, about 100 s in all) is aborted through its AbortSignal — the editor's Cancel — and
 * the statement is gone from the server (PostgreSQL: pg_stat_activity; ClickHouse:
 * system.processes) within seconds, instead of running on for the 100 s it would take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWithEngines } from '../../packages/engine/src/sql/evaluate-with-engines.js';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';

let postgres: PostgresServer;
let pg: SqlConnection;
let clickhouse: ClickHouseCluster;
let ch: SqlConnection;

beforeAll(async () => {
    [postgres, clickhouse] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 1 })]);
    pg = await postgres.connect();
    ch = await clickhouse.connect();
    // 100,000 rows at 1 ms each (the sleep depends on the row, so it runs for each): about 100 s to read.
    await pg.query({
        text: `CREATE VIEW slow_requests AS SELECT timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute' AS "time", 200 AS status
               FROM generate_series(1, 100000) g CROSS JOIN LATERAL (SELECT pg_sleep(0.001 + g * 0)) AS nap`,
        params: []
    });
    await clickhouse.shards[0]!.exec(
        // 2,000,000 rows at 40 µs each (sleepEachRow sleeps at most 3 s per block of 65,536 rows): about 80 s.
        "CREATE VIEW slow_requests AS SELECT toInt64(1767225600000 + number * 60) AS time, toInt32(200) AS status FROM system.numbers WHERE number < 2000000 AND sleepEachRow(0.00004) = 0"
    );
}, 120_000);

afterAll(async () => {
    await pg?.close();
    await ch?.close();
    await postgres?.stop();
    await clickhouse?.stop();
});

function model(connection: string): AgreementModel {
    return {
        id: 'Cancel',
        timezone: 'UTC',
        validity: { from: '2026-01-01', to: '2026-12-31' },
        calendars: {},
        maintenance: {},
        datasets: {
            requests: {
                name: 'requests',
                path: `${connection}:slow_requests`,
                format: 'csv',
                table: { connection, name: 'slow_requests' },
                fields: [
                    { name: 'time', column: 'time', kind: 'timestamp', optional: false },
                    { name: 'status', column: 'status', kind: 'integer', optional: false }
                ]
            }
        },
        kpis: [{ key: 'Requests', name: 'Requests', unitKind: 'count', formula: { type: 'aggregate', fn: 'count', dataset: 'requests' } }],
        objectives: [{ kpi: 'Requests', kpiName: 'Requests', comparison: '>=', target: 1, unitKind: 'count', window: { kind: 'calendar', unit: 'month' } }],
        internalTargets: [],
        credits: []
    };
}

async function running(count: () => Promise<number>): Promise<number> {
    const deadline = Date.now() + 5_000;
    let n = await count();
    while (n > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        n = await count();
    }
    return n;
}

describe('cancelling an evaluation stops the query on the server', () => {
    for (const [engine, name] of [['PostgreSQL', 'warehouse'], ['ClickHouse', 'lake']] as const) {
        for (const pushDown of [true, false]) {
            it(`${engine}, ${pushDown ? 'pushed down' : 'pulled'}`, async () => {
                const controller = new AbortController();
                const started = Date.now();
                const evaluation = evaluateWithEngines(model(name), { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-06-01T00:00:00Z'), connections: { warehouse: pg, lake: ch }, pushDown, signal: controller.signal });
                setTimeout(() => controller.abort(), 500);
                await expect(evaluation).rejects.toThrow(/cancel|abort/i);
                // Far less than the 80–100 s the view takes to read.
                expect(Date.now() - started).toBeLessThan(10_000);
                const left =
                    engine === 'PostgreSQL'
                        ? await running(async () => Number((await pg.query({ text: "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%slow_requests%' AND pid <> pg_backend_pid()", params: [] })).rows[0]![0]))
                        : await running(async () => Number((await ch.query({ text: "SELECT count() FROM system.processes WHERE query LIKE '%slow_requests%' AND query NOT LIKE '%system.processes%'", params: [] })).rows[0]![0]));
                expect(left).toBe(0);
            });
        }
    }
});
