/**
 * Every bundled example, evaluated by the local engine from its files and on a real two-shard
 * ClickHouse cluster (two clickhouse-server processes; each table split across both shards
 * behind a Distributed table): the same JSON report (differential.ts says what is set aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { loadClickHouseTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { expectCountedPercentiles } from './counted-percentiles.js';
import { comparable, differentialTests, evaluateLocally, evaluateOn, examplesAndCorpus, withTables } from './differential.js';

/**
 * ClickHouse 18.16 writes the query it sends to the other shards of a Distributed table without
 * the quotes of its column names: `interval`, `not` and `distinct` then fail as syntax, and `null`
 * silently reads NULL (no row matches). The tables name such columns otherwise, and the
 * agreement maps them (`column "interval_"`), as docs/databases.md tells users.
 */
const DISTRIBUTED_18_TRAPS = new Set(['interval', 'not', 'null', 'distinct']);
const clickHouseSafeColumn = (column: string) => (DISTRIBUTED_18_TRAPS.has(column.toLowerCase()) ? `${column}_` : column);

const { agreements, corpus, tableName, removeCorpus } = await examplesAndCorpus();
let cluster: ClickHouseCluster;
let connection: SqlConnection;
let models: Map<string, AgreementModel>;

beforeAll(async () => {
    cluster = await startClickHouseCluster({ shards: 2 });
    connection = await cluster.connect();
    models = await withTables(agreements, 'lake', (table, data) => loadClickHouseTable(cluster, table, data), { columnName: clickHouseSafeColumn, tableName });
}, 120_000);

afterAll(async () => {
    removeCorpus();
    await connection?.close();
    await cluster?.stop();
}, 60_000); // two servers shutting down on a loaded machine take more than the default 10 s

describe('the examples are split across two shards', () => {
    it('each shard holds part of every table with more than one row, and the Distributed table all of it', async () => {
        const acme = models.get('managed-hosting/acme-hosting.sla')!;
        const table = acme.datasets.requests!.table!.name;
        const counts = await Promise.all(cluster.shards.map(async (shard) => Number((await shard.exec(`SELECT count() FROM ${table}_local`)).trim())));
        const all = await connection.query({ text: `SELECT count() FROM ${table}`, params: [] });
        // 452 request rows (examples/expected-outcomes.json): row i on shard i mod 2 → 226 each.
        expect(counts).toEqual([226, 226]);
        expect(all.rows).toEqual([['452']]);
    });
});

describe('examples on a two-shard ClickHouse give the local report', () => {
    it('a number field in a text column gives the local report or a clear error, never other numbers', async () => {
        const sums = agreements.find((a) => a.label === 'corpus/decimal-sums.sla')!;
        const model = models.get(sums.label)!;
        const payments = model.datasets.payments!;
        const source = payments.table!.name;
        for (const shard of cluster.shards) {
            await shard.exec('CREATE TABLE payments_text_local (time Int64, region String, amount String) ENGINE = MergeTree ORDER BY tuple()');
            await shard.exec(`INSERT INTO payments_text_local SELECT time, region, if(amount = toDecimal64('0.01', 2), '1e-2', toString(amount)) FROM ${source}_local`);
            await shard.exec(`CREATE TABLE payments_text AS payments_text_local ENGINE = Distributed(${cluster.cluster}, default, 'payments_text_local')`);
        }
        const changed = { ...model, datasets: { payments: { ...payments, table: { ...payments.table!, name: 'payments_text' } } } };
        let remote;
        try {
            remote = await evaluateOn(changed, sums.period, { lake: connection });
        } catch (error) {
            // The dataset and the kind of problem, in the user terms.
            expect(String(error)).toMatch(/dataset payments .*(type|amount)/);
            return;
        }
        expect(comparable(remote)).toEqual(comparable(await evaluateLocally(sums)));
    });

    differentialTests(agreements, () => models, () => ({ lake: connection }), 'clickhouse');

    it('percentiles per client by counting rounds: the hand-worked values, pushed down, a few rows per window back', async () => {
        const counted = corpus.find((a) => a.label === 'corpus/counted-percentiles.sla')!;
        const local = await evaluateLocally(counted);
        expectCountedPercentiles(local);
        const remote = await evaluateOn(models.get(counted.label)!, counted.period, { lake: connection });
        expectCountedPercentiles(remote);
        const values = remote.engines!.datasets.find((d) => d.name === 'values')!;
        expect(values).toMatchObject({ engine: 'clickhouse', mode: 'pushed down' });
        // 2,011 rows in the table; 6 (client, month) windows × 6 percentiles: each round sends at most 9 buckets per window.
        expect(values.rowsTransferred).toBeLessThan(400);
    });
});
