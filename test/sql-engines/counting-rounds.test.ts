/**
 * The k-th values by counting rounds (packages/engine/src/sql/kth-by-counting.ts) on the two
 * servers that use them: PostgreSQL 15 (a running SUM over the bucket counts) and a two-shard
 * ClickHouse 18.16 cluster behind a Distributed table (arrayCumSum over the sorted counts of each
 * group). Each round must send back one row per rank still open — not one per bucket or value —
 * and the values must be the nearest ranks worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection, SqlQuery, SqlValue } from '../../packages/engine/src/sql/sql-connection.js';
import { kthValuesByCounting, type CountingTarget } from '../../packages/engine/src/sql/kth-by-counting.js';
import { nearestRankK } from '../../packages/engine/src/sql/pushdown.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadClickHouseTable, loadPostgresTable, type TableData } from '../../packages/engine/test/sql-servers/table-loader.js';

const scopes = ['a', 'b', 'c', 'd', 'e', 'f'];

/** seg, scope, v — the groups the cases below reason about. */
function table(): TableData {
    const rows: [number, string, string][] = [];
    // a, segment 0: 0.1, 0.2, …, 100.0 (i / 10, i = 1…1000).
    for (let i = 1; i <= 1000; i++) rows.push([0, 'a', (i / 10).toFixed(1)]);
    // b, segments 0 and 1: 1…5 in segment 0, 6…10 in segment 1.
    for (let i = 1; i <= 5; i++) rows.push([0, 'b', String(i)], [1, 'b', String(i + 5)]);
    // c, segment 0: 1,000,000.000001 … 1,000,000.000100 (a millionth apart at a magnitude of a million).
    for (let i = 1; i <= 100; i++) rows.push([0, 'c', `1000000.${String(i).padStart(6, '0')}`]);
    // d, segment 0: ties, 300 × −7 then 700 × 4.25.
    for (let i = 0; i < 1000; i++) rows.push([0, 'd', i < 300 ? '-7' : '4.25']);
    // e, segment 0: n = 1, the value 3.5. f, segment 0: n = 2, the values 9 and 2.
    rows.push([0, 'e', '3.5'], [0, 'f', '9'], [0, 'f', '2']);
    return {
        columns: [
            { name: 'seg', type: 'integer', scale: 0, nullable: false },
            { name: 'scope', type: 'text', scale: 0, nullable: false },
            { name: 'v', type: 'decimal', scale: 6, nullable: false }
        ],
        rows
    };
}

const source: SqlQuery = { text: 'SELECT seg AS sla_segment, scope AS sla_scope, v AS sla_value FROM counted', params: [] };

async function search(connection: SqlConnection, targets: CountingTarget[], low: number, high: number) {
    const sent: number[] = [];
    const run = async (query: SqlQuery): Promise<SqlValue[][]> => {
        const result = await connection.query(query);
        sent.push(result.rows.length);
        return result.rows;
    };
    const found = await kthValuesByCounting({ dialect: connection.dialect, rows: source, scopeCell: (id) => scopes[id], scopeType: 'text', targets, low, high, run });
    return { found: found!, sent };
}

let postgres: PostgresServer | undefined;
let cluster: ClickHouseCluster | undefined;
const connections: Record<'postgres' | 'clickhouse', SqlConnection | undefined> = { postgres: undefined, clickhouse: undefined };

beforeAll(async () => {
    [postgres, cluster] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 2 })]);
    connections.postgres = await postgres.connect();
    connections.clickhouse = await cluster.connect();
    await loadPostgresTable(connections.postgres, 'counted', table());
    await loadClickHouseTable(cluster, 'counted', table());
}, 180_000);

afterAll(async () => {
    await connections.postgres?.close();
    await connections.clickhouse?.close();
    await postgres?.stop();
    await cluster?.stop();
});

describe.each(['postgres', 'clickhouse'] as const)('k-th values by counting rounds on %s', (dialect) => {
    const connection = () => connections[dialect]!;

    it('nearest ranks of 0.1 … 100.0 (n = 1,000), p = 99.9 % included, one row per rank and round', async () => {
        // k = ceil(p/100 · 1000) for p = 1, 50, 95, 99, 99.9, 100: 10, 500, 950, 990, 999, 1000; the k-th value is k / 10.
        const ks = [1, 50, 95, 99, 99.9, 100].map((p) => nearestRankK(p, 1000));
        expect(ks).toEqual([10, 500, 950, 990, 999, 1000]);
        const { found, sent } = await search(connection(), [{ scopeId: 0, first: 0, end: 1, ks }], 0.1, 100);
        expect(found.get('0:0:1')).toEqual([1, 50, 95, 99, 99.9, 100]);
        // Six ranks open at most: each round sends at most six rows, never one per bucket (up to 1,024) or per value (1,000).
        for (const rows of sent) expect(rows).toBeLessThanOrEqual(6);
    });

    it('ties: 300 × −7 then 700 × 4.25, ranks either side of the step', async () => {
        // k = 1 and 300 are −7 (the first and last of the −7s), k = 301 and 1000 are 4.25.
        const { found } = await search(connection(), [{ scopeId: 3, first: 0, end: 1, ks: [1, 300, 301, 1000] }], -7, 4.25);
        expect(found.get('3:0:1')).toEqual([-7, -7, 4.25, 4.25]);
    });

    it('tiny n: one value, and two values in reverse order', async () => {
        // e: n = 1, every rank is 1: 3.5. f: sorted 2, 9: p50 → k = ceil(1.0) = 1 → 2; p51 → k = ceil(1.02) = 2 → 9.
        const { found } = await search(connection(), [{ scopeId: 4, first: 0, end: 1, ks: [nearestRankK(50, 1)] }, { scopeId: 5, first: 0, end: 1, ks: [nearestRankK(50, 2), nearestRankK(51, 2)] }], 2, 9);
        expect(found.get('4:0:1')).toEqual([3.5]);
        expect(found.get('5:0:1')).toEqual([2, 9]);
    });

    it('values a millionth apart at a magnitude of a million', async () => {
        // c: the 37th smallest is 1,000,000.000037, the 1st 1,000,000.000001, the 100th 1,000,000.0001.
        const { found, sent } = await search(connection(), [{ scopeId: 2, first: 0, end: 1, ks: [37, 1, 100] }], 1000000.000001, 1000000.0001);
        expect(found.get('2:0:1')).toEqual([1000000.000037, 1000000.000001, 1000000.0001]);
        for (const rows of sent) expect(rows).toBeLessThanOrEqual(3);
    });

    it('adds the counts of a window of two segments, and of windows of several scopes in the same rounds', async () => {
        // b over segments 0 and 1 (1…10): k = 5 → 5 (the last of segment 0), k = 6 → 6. a and d over the same window:
        // a holds only segment 0 (0.1 … 100.0): k = 950 → 95; d: k = 300 → −7.
        const { found } = await search(
            connection(),
            [
                { scopeId: 1, first: 0, end: 2, ks: [5, 6] },
                { scopeId: 0, first: 0, end: 2, ks: [950] },
                { scopeId: 3, first: 0, end: 2, ks: [300] }
            ],
            -7,
            100
        );
        expect(found.get('1:0:2')).toEqual([5, 6]);
        expect(found.get('0:0:2')).toEqual([95]);
        expect(found.get('3:0:2')).toEqual([-7]);
    });

    it('says so when the table holds fewer rows than a rank the counts promised', async () => {
        // b, segment 1 holds 5 rows: rank 6 is not there.
        await expect(search(connection(), [{ scopeId: 1, first: 1, end: 2, ks: [6] }], 6, 10)).rejects.toThrow(/rows changed/);
    });
});
