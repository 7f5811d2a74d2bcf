/**
 * The ClickHouse connection against a real two-shard cluster of Debian's clickhouse-server
 * (18.16.1 on these machines): binding, result types, errors in the user's terms without the
 * password, cancel and timeout that stop the query on the server, bytes counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClickHouse } from '../../src/sql/clickhouse-connection.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from './clickhouse-cluster.js';
import { connectionFailure } from './connection-failure.js';
import { HOSTILE_STRINGS } from './hostile-values.js';
import { freePort } from './server-process.js';

let cluster: ClickHouseCluster;
let connection: SqlConnection;

beforeAll(async () => {
    cluster = await startClickHouseCluster({ shards: 2 });
    connection = await cluster.connect();
}, 60_000);

afterAll(async () => {
    await connection?.close();
    await cluster?.stop();
});

describe('ClickHouse connection (real server)', () => {
    it('runs on the installed release', () => {
        // Debian bookworm ships 18.16.1; the docs name it as the tested release.
        expect(cluster.version).toMatch(/^\d+\.\d+/);
    });

    it('reads every hostile string back unchanged: a bound value is data, never SQL', async () => {
        const result = await connection.query({ text: `SELECT ${HOSTILE_STRINGS.map((_, i) => `$${i + 1} AS c${i}`).join(', ')}`, params: [...HOSTILE_STRINGS] });
        expect(result.rows).toEqual([HOSTILE_STRINGS]);
    });

    it('compares a hostile value as data in a WHERE clause (no row matches, no statement runs)', async () => {
        await cluster.shards[0]!.exec('CREATE TABLE names (name String) ENGINE = Memory');
        await cluster.shards[0]!.exec('INSERT INTO names FORMAT TabSeparated', "O\\'Brien\nplain\n");
        const hit = await connection.query({ text: 'SELECT count() FROM names WHERE name = $1', params: ["O'Brien"] });
        expect(hit.rows).toEqual([['1']]);
        const miss = await connection.query({ text: 'SELECT count() FROM names WHERE name = $1', params: ["x' OR '1'='1"] });
        expect(miss.rows).toEqual([['0']]);
        const stillThere = await connection.query({ text: "SELECT count() FROM names WHERE name = $1 OR name = 'plain'", params: ["'; DROP TABLE names; --"] });
        expect(stillThere.rows).toEqual([['1']]);
    });

    it('binds numbers exactly: negatives never form a comment, bigints keep every digit', async () => {
        // 10 - (-3) = 13; pasted naively, `10-$1` would read `10--3`, a comment.
        const result = await connection.query({ text: 'SELECT 10-$1, $2, $3 + 0, $4', params: [-3, 0.1, 9007199254740993n, true] });
        expect(result.rows).toEqual([[13, 0.1, '9007199254740993', 1]]);
    });

    it('returns 64-bit integers and Decimals as exact strings, small integers as numbers, NULL as null', async () => {
        const result = await connection.query({
            text: "SELECT toInt64(9007199254740993), toDecimal128('12345678901234567890.12', 2), toUInt32(7), toNullable(toInt32(1)), NULL, 'a\\tb'",
            params: []
        });
        expect(result.rows).toEqual([['9007199254740993', '12345678901234567890.12', 7, 1, null, 'a\tb']]);
    });

    it('counts the bytes received', async () => {
        const small = await connection.query({ text: 'SELECT number FROM system.numbers LIMIT 10', params: [] });
        const large = await connection.query({ text: 'SELECT number FROM system.numbers LIMIT 10000', params: [] });
        expect(small.bytesReceived).toBeGreaterThan(0);
        // 10,000 rows of up to 4 digits and a newline: at least 10,000 bytes more.
        expect(large.bytesReceived! - small.bytesReceived!).toBeGreaterThan(10_000);
    });
});

describe('ClickHouse errors in the user terms, never with the password', () => {
    it('wrong password: authentication failed, naming the user and not the password', async () => {
        const error = await connectionFailure(connectClickHouse({ url: cluster.shards[0]!.url, password: `${cluster.password}x` }));
        expect(error.kind).toBe('authentication');
        expect(error.message).toContain('authentication failed for user "sla"');
        expect(error.message).not.toContain(cluster.password);
        // Nor the Basic credentials that carry it.
        expect(error.message).not.toContain(Buffer.from(`sla:${cluster.password}x`, 'utf8').toString('base64'));
    });

    it('refused connection on a port nobody listens on', async () => {
        const port = await freePort();
        const error = await connectionFailure(connectClickHouse({ url: `clickhouse://sla@127.0.0.1:${port}/default`, password: cluster.password }));
        expect(error.kind).toBe('connection-refused');
        expect(error.message).toContain(`127.0.0.1:${port}`);
        expect(error.message).not.toContain(cluster.password);
    });

    it('a password in the URL is refused without repeating it', async () => {
        const error = await connectionFailure(connectClickHouse({ url: 'clickhouse://sla:Secret123@127.0.0.1:1/default' }));
        expect(error.kind).toBe('configuration');
        expect(error.message).not.toContain('Secret123');
    });

    it('missing database, table and column; a wrong type', async () => {
        const noDb = await connectionFailure(connectClickHouse({ url: cluster.shards[0]!.url.replace(/\/default$/, '/nowhere'), password: cluster.password }));
        expect(noDb.kind).toBe('missing-database');
        const table = await connectionFailure(connection.query({ text: 'SELECT * FROM no_such_table', params: [] }));
        expect(table.kind).toBe('missing-table');
        expect(table.message).toContain('no_such_table');
        const column = await connectionFailure(connection.query({ text: 'SELECT no_such_column FROM system.one', params: [] }));
        expect(column.kind).toBe('missing-column');
        expect(column.message).toContain('no_such_column');
        const type = await connectionFailure(connection.query({ text: "SELECT 'text' + 1", params: [] }));
        expect(type.kind).toBe('wrong-type');
        for (const e of [noDb, table, column, type]) expect(e.message).not.toContain(cluster.password);
    });

    it('cancel stops the query on the server (KILL QUERY by its id)', async () => {
        const controller = new AbortController();
        const started = Date.now();
        const running = connection.query({ text: 'SELECT count() FROM system.numbers WHERE sleep(0) = 0 AND number < 100000000000', params: [] }, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        const error = await connectionFailure(running);
        expect(error.kind).toBe('cancelled');
        expect(Date.now() - started).toBeLessThan(5_000);
        await expectNoRunningQuery('100000000000');
    });

    it('a timeout stops the query on the server and says so', async () => {
        const error = await connectionFailure(connection.query({ text: 'SELECT count() FROM system.numbers WHERE number < 200000000000', params: [] }, { timeoutMs: 400 }));
        expect(error.kind).toBe('timeout');
        expect(error.message).toContain('400 ms');
        await expectNoRunningQuery('200000000000');
        // The connection is still usable.
        expect((await connection.query({ text: 'SELECT 1', params: [] })).rows).toEqual([[1]]);
    });
});

/** No query containing `marker` is left in system.processes (KILL … ASYNC takes a moment). */
async function expectNoRunningQuery(marker: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    let running = -1;
    while (Date.now() < deadline) {
        const result = await connection.query({ text: "SELECT count() FROM system.processes WHERE query LIKE $1 AND query NOT LIKE '%system.processes%'", params: [`%${marker}%`] });
        running = Number(result.rows[0]![0]);
        if (running === 0) return;
        await new Promise((r) => setTimeout(r, 100));
    }
    expect(running).toBe(0);
}
