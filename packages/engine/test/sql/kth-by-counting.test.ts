/**
 * The k-th smallest values by counting rounds over value buckets (sql/kth-by-counting.ts), run
 * on a real DuckDB (in process; the PostgreSQL and ClickHouse forms are run by
 * test/sql-engines/*-differential.test.ts). Expected values are worked out by hand in comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import type { SqlConnection, SqlQuery, SqlValue } from '../../src/sql/sql-connection.js';
import { kthValuesByCounting, type CountingTarget } from '../../src/sql/kth-by-counting.js';

let connection: SqlConnection;

beforeAll(async () => {
    connection = await openDuckDb();
    await connection.query({ text: 'CREATE TABLE t (seg INTEGER, scope VARCHAR, v DECIMAL(18, 6))', params: [] });
    const rows: string[] = [];
    // Scope a, segment 0: 0.1, 0.2, …, 100.0 (i / 10, i = 1…1000).
    for (let i = 1; i <= 1000; i++) rows.push(`(0, 'a', ${(i / 10).toFixed(1)})`);
    // Scope b, segments 0 and 1: 1…5 in segment 0, 6…10 in segment 1 (a window of two segments).
    for (let i = 1; i <= 5; i++) rows.push(`(0, 'b', ${i})`, `(1, 'b', ${i + 5})`);
    // Scope c, segment 0: 1,000,000.000001 … 1,000,000.000100 (100 values a millionth apart, at a large magnitude).
    for (let i = 1; i <= 100; i++) rows.push(`(0, 'c', 1000000.${String(i).padStart(6, '0')})`);
    // Scope d, segment 0: ties, 300 × −7 and 700 × 4.25.
    for (let i = 0; i < 1000; i++) rows.push(`(0, 'd', ${i < 300 ? '-7' : '4.25'})`);
    await connection.query({ text: `INSERT INTO t VALUES ${rows.join(', ')}`, params: [] });
});

afterAll(async () => {
    await connection?.close();
});

const source: SqlQuery = { text: 'SELECT seg AS sla_segment, scope AS sla_scope, v AS sla_value FROM t', params: [] };
const scopes = ['a', 'b', 'c', 'd'];

async function search(targets: CountingTarget[], low: number, high: number) {
    const sent: number[] = [];
    const run = async (query: SqlQuery): Promise<SqlValue[][]> => {
        const result = await connection.query(query);
        sent.push(result.rows.length);
        return result.rows;
    };
    const found = await kthValuesByCounting({ dialect: 'duckdb', rows: source, scopeCell: (id) => scopes[id], scopeType: 'text', targets, low, high, run });
    return { found: found!, sent };
}

describe('k-th values by counting rounds', () => {
    it('finds nearest ranks among decimals whose float products round (0.1 … 100.0), a few rows per round', async () => {
        // n = 1,000: k = 10, 500, 950, 990, 1000 → the k-th value is k / 10.
        const { found, sent } = await search([{ scopeId: 0, first: 0, end: 1, ks: [10, 500, 950, 990, 1000] }], 0.1, 100);
        expect(found.get('0:0:1')).toEqual([1, 50, 95, 99, 100]);
        // Each round sends one row per open rank (5 ranks: the bucket holding it), never one per bucket or value.
        for (const rows of sent) expect(rows).toBeLessThanOrEqual(5);
    });

    it('adds the counts of a window that spans two segments', async () => {
        // Scope b over segments 0 and 1: 1…10; k = 7 → 7, k = 5 → 5 (the last of segment 0), k = 10 → 10.
        const { found } = await search([{ scopeId: 1, first: 0, end: 2, ks: [7, 5, 10] }], 1, 10);
        expect(found.get('1:0:2')).toEqual([7, 5, 10]);
    });

    it('separates values a millionth apart at a magnitude of a million', async () => {
        // The 37th smallest of 1,000,000.000001 … 1,000,000.000100 is 1,000,000.000037.
        const { found } = await search([{ scopeId: 2, first: 0, end: 1, ks: [37, 1, 100] }], 1000000.000001, 1000000.0001);
        expect(found.get('2:0:1')).toEqual([1000000.000037, 1000000.000001, 1000000.0001]);
    });

    it('reads ties and negative values: 300 × −7 then 700 × 4.25', async () => {
        // k = 300 is the last −7, k = 301 the first 4.25.
        const { found } = await search([{ scopeId: 3, first: 0, end: 1, ks: [1, 300, 301, 1000] }], -7, 4.25);
        expect(found.get('3:0:1')).toEqual([-7, -7, 4.25, 4.25]);
    });

    it('asks nothing when every value is the same', async () => {
        const { found, sent } = await search([{ scopeId: 3, first: 0, end: 1, ks: [1, 2] }], 5, 5);
        expect(found.get('3:0:1')).toEqual([5, 5]);
        expect(sent).toEqual([]);
    });

    it('several scopes and windows in the same rounds', async () => {
        const { found, sent } = await search(
            [
                { scopeId: 0, first: 0, end: 1, ks: [950] },
                { scopeId: 1, first: 1, end: 2, ks: [3] },
                { scopeId: 3, first: 0, end: 1, ks: [500] }
            ],
            -7,
            100
        );
        // a: 95; b, segment 1 only (6…10): the 3rd is 8; d: k = 500 > 300 → 4.25.
        expect(found.get('0:0:1')).toEqual([95]);
        expect(found.get('1:1:2')).toEqual([8]);
        expect(found.get('3:0:1')).toEqual([4.25]);
        expect(sent.length).toBeGreaterThan(1);
    });

    it('5,000 scopes at once (the many windows of a portfolio: fewer buckets per round), one row per rank and round', async () => {
        // Scope m0 … m4999, segment 0: the values i, i + 0.5 and i + 1 for scope mi (n = 3): k = 2 is i + 0.5, k = 3 is i + 1.
        const many = await openDuckDb();
        try {
            await many.query({ text: 'CREATE TABLE m (seg INTEGER, scope VARCHAR, v DECIMAL(18, 1))', params: [] });
            await many.query({ text: "INSERT INTO m SELECT 0, 'm' || i, i + d FROM range(5000) AS r(i), (VALUES (0.0), (0.5), (1.0)) AS d(d)", params: [] });
            const sent: number[] = [];
            const targets: CountingTarget[] = Array.from({ length: 5000 }, (_, i) => ({ scopeId: i, first: 0, end: 1, ks: [2, 3] }));
            const found = await kthValuesByCounting({
                dialect: 'duckdb',
                rows: { text: 'SELECT seg AS sla_segment, scope AS sla_scope, v AS sla_value FROM m', params: [] },
                scopeCell: (id) => `m${id}`,
                scopeType: 'text',
                targets,
                low: 0,
                high: 5000,
                run: async (query) => {
                    const result = await many.query(query);
                    sent.push(result.rows.length);
                    return result.rows;
                }
            });
            expect([0, 1, 2500, 4999].map((i) => found!.get(`${i}:0:1`))).toEqual([[0.5, 1], [1.5, 2], [2500.5, 2501], [4999.5, 5000]]);
            // 10,000 ranks: never more rows than ranks in a round (not one per bucket: 64 buckets a round here, 5,000 × 64 counted).
            for (const rows of sent) expect(rows).toBeLessThanOrEqual(10_000);
        } finally {
            await many.close();
        }
    });

    it('says so when the table holds fewer rows than a rank the counts promised', async () => {
        await expect(search([{ scopeId: 1, first: 1, end: 2, ks: [6] }], 6, 10)).rejects.toThrow(/rows changed/);
    });
});
