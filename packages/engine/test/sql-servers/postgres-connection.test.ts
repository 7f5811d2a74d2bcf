/**
 * The PostgreSQL connection against a real throw-away PostgreSQL 15 cluster: server-side
 * binding, result types, errors in the user's terms without the password, cancel requests and
 * timeouts that stop the statement on the server.
 */
import { createServer, connect as connectTcp, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/sql/postgres-connection.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openServerConnection } from '../../src/sql/server-connection.js';
import { connectionFailure } from './connection-failure.js';
import { HOSTILE_STRINGS } from './hostile-values.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { freePort } from './server-process.js';

let server: PostgresServer;
let connection: SqlConnection;

beforeAll(async () => {
    server = await startPostgres();
    connection = await server.connect();
}, 60_000);

afterAll(async () => {
    await connection?.close();
    await server?.stop();
});

describe('PostgreSQL connection (real server)', () => {
    it('runs PostgreSQL 15', () => {
        expect(server.version).toMatch(/^15\./);
    });

    it('reads every hostile string back unchanged: values are bound by the server', async () => {
        // PostgreSQL text cannot hold NUL: those values are left to the error test below.
        const values = HOSTILE_STRINGS.filter((s) => !s.includes('\0'));
        const result = await connection.query({ text: `SELECT ${values.map((_, i) => `$${i + 1}::text`).join(', ')}`, params: values });
        expect(result.rows).toEqual([values]);
    });

    it('a hostile value in WHERE is compared as data', async () => {
        await connection.query({ text: 'CREATE TABLE names (name text)', params: [] });
        await connection.query({ text: 'INSERT INTO names VALUES ($1), ($2)', params: ["O'Brien", 'plain'] });
        const miss = await connection.query({ text: 'SELECT count(*) FROM names WHERE name = $1', params: ["x' OR '1'='1"] });
        expect(miss.rows).toEqual([['0']]);
        await connection.query({ text: 'SELECT count(*) FROM names WHERE name = $1', params: ["'; DROP TABLE names; --"] });
        const all = await connection.query({ text: 'SELECT count(*) FROM names', params: [] });
        expect(all.rows).toEqual([['2']]);
    });

    it('returns bigint and numeric as exact strings, timestamps as the server text, never a Date', async () => {
        const result = await connection.query({
            text: "SELECT $1::bigint, 0.1::numeric + 0.2::numeric, 7::int4, true, NULL::text, '2026-03-29 01:30:00+00'::timestamptz, '2026-03-29'::date",
            params: [9007199254740993n]
        });
        // numeric 0.1 + 0.2 is exactly 0.3 (a double would give 0.30000000000000004); the session zone is UTC.
        expect(result.rows).toEqual([['9007199254740993', '0.3', 7, true, null, '2026-03-29 01:30:00+00', '2026-03-29']]);
    });

    it('counts the bytes received', async () => {
        const small = await connection.query({ text: 'SELECT g FROM generate_series(1, 10) g', params: [] });
        const large = await connection.query({ text: 'SELECT g FROM generate_series(1, 10000) g', params: [] });
        expect(small.bytesReceived).toBeGreaterThan(0);
        // Each DataRow message is at least 11 bytes (type, length, column count, value length): 10,000 rows ≥ 110,000 bytes.
        expect(large.bytesReceived! - small.bytesReceived!).toBeGreaterThan(100_000);
    });

    it('opens a configured connection with the password from its environment variable', async () => {
        const opened = await openServerConnection({ name: 'warehouse', url: server.url }, { env: { SLA_WAREHOUSE_PASSWORD: server.password } });
        expect((await opened.query({ text: 'SELECT 1', params: [] })).rows).toEqual([[1]]);
        await opened.close();
        const missing = await connectionFailure(openServerConnection({ name: 'warehouse', url: server.url }, { env: {} }));
        expect(missing.kind).toBe('authentication');
    });
});

describe('PostgreSQL errors in the user terms, never with the password', () => {
    it('wrong password: authentication failed, naming the user and not the password', async () => {
        const error = await connectionFailure(connectPostgres({ url: server.url, password: `${server.password}x` }));
        expect(error.kind).toBe('authentication');
        expect(error.message).toContain('authentication failed for user "sla"');
        expect(error.message).not.toContain(server.password);
    });

    it('refused connection on a port nobody listens on', async () => {
        const port = await freePort();
        const error = await connectionFailure(connectPostgres({ url: `postgres://sla@127.0.0.1:${port}/sla`, password: server.password }));
        expect(error.kind).toBe('connection-refused');
        expect(error.message).toContain(`127.0.0.1:${port}`);
        expect(error.message).not.toContain(server.password);
    });

    it('a password in the URL is refused without repeating it', async () => {
        const error = await connectionFailure(connectPostgres({ url: 'postgres://sla:Secret123@127.0.0.1:1/sla' }));
        expect(error.kind).toBe('configuration');
        expect(error.message).not.toContain('Secret123');
    });

    it('missing database, table and column; a wrong type', async () => {
        const noDb = await connectionFailure(connectPostgres({ url: server.url.replace(/\/sla$/, '/nowhere'), password: server.password }));
        expect(noDb.kind).toBe('missing-database');
        const table = await connectionFailure(connection.query({ text: 'SELECT * FROM no_such_table', params: [] }));
        expect(table.kind).toBe('missing-table');
        expect(table.message).toContain('no_such_table');
        const column = await connectionFailure(connection.query({ text: 'SELECT no_such_column FROM names', params: [] }));
        expect(column.kind).toBe('missing-column');
        expect(column.message).toContain('no_such_column');
        const type = await connectionFailure(connection.query({ text: 'SELECT name + 1 FROM names', params: [] }));
        expect(type.kind).toBe('wrong-type');
        const nul = await connectionFailure(connection.query({ text: 'SELECT $1::text', params: ['nul\0byte'] }));
        expect(nul.kind).not.toBe('cancelled');
        for (const e of [noDb, table, column, type, nul]) expect(e.message).not.toContain(server.password);
    });

    it('cancel sends a cancel request: the statement stops on the server', async () => {
        const controller = new AbortController();
        const started = Date.now();
        const running = connection.query({ text: 'SELECT pg_sleep(60)', params: [] }, { signal: controller.signal });
        setTimeout(() => controller.abort(), 300);
        const error = await connectionFailure(running);
        expect(error.kind).toBe('cancelled');
        expect(Date.now() - started).toBeLessThan(5_000);
        await expectNoRunningStatement('pg_sleep(60)');
        expect((await connection.query({ text: 'SELECT 1', params: [] })).rows).toEqual([[1]]);
    });

    it('a statement cancelled by someone else (pg_cancel_backend) is reported as cancelled, not as a timeout', async () => {
        const other = await server.connect();
        const pid = (await connection.query({ text: 'SELECT pg_backend_pid()', params: [] })).rows[0]![0];
        const running = connection.query({ text: 'SELECT pg_sleep(63)', params: [] });
        // Cancelled once the statement is on the server.
        const deadline = Date.now() + 5_000;
        let cancelled = false;
        while (!cancelled && Date.now() < deadline) {
            const active = await other.query({ text: "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%pg_sleep(63)%' AND pid = $1", params: [pid as number] });
            if (Number(active.rows[0]![0]) > 0) cancelled = (await other.query({ text: 'SELECT pg_cancel_backend($1)', params: [pid as number] })).rows[0]![0] === true;
            else await new Promise((r) => setTimeout(r, 50));
        }
        expect(cancelled).toBe(true);
        const error = await connectionFailure(running);
        expect(error.kind).toBe('cancelled');
        expect(error.message).toContain('cancelled on the server');
        expect((await connection.query({ text: 'SELECT 1', params: [] })).rows).toEqual([[1]]);
        await other.close();
    });

    it('waits for its cancel request a bounded time: a cancel connection the server never closes holds the next statement ≈ 3 s, not for ever', async () => {
        // A proxy to the server: the first connection (the session) is forwarded; any later one (the
        // cancel request) is taken and held open, as a server that stopped answering would.
        const cancelRequests: Buffer[] = [];
        const held: Socket[] = [];
        let sessions = 0;
        // allowHalfOpen: the held connection does not answer our end with its own (a hung server would not).
        const proxy = createServer({ allowHalfOpen: true }, (incoming) => {
            if (sessions++ === 0) {
                const upstream = connectTcp(server.port, '127.0.0.1');
                incoming.pipe(upstream).pipe(incoming);
                incoming.on('error', () => upstream.destroy());
                upstream.on('error', () => incoming.destroy());
                return;
            }
            held.push(incoming);
            incoming.on('data', (bytes: Buffer) => cancelRequests.push(bytes));
            incoming.on('error', () => undefined);
        });
        await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        const proxyPort = (proxy.address() as AddressInfo).port;
        const proxied = await connectPostgres({ url: server.url.replace(`:${server.port}/`, `:${proxyPort}/`), password: server.password });
        try {
            const started = Date.now();
            // The timeout's cancel never reaches the server: the statement runs its second to the end and gives its result…
            const result = await proxied.query({ text: 'SELECT pg_sleep(1), 7', params: [] }, { timeoutMs: 200 });
            const elapsed = Date.now() - started;
            expect(result.rows[0]![1]).toBe(7);
            // …once the cancel request's socket gave up (3 s without an answer), not before, and not never.
            expect(elapsed).toBeGreaterThanOrEqual(3_000);
            expect(elapsed).toBeLessThan(10_000);
            // The request was sent: 16 bytes, code 80877102 (CancelRequest).
            const request = Buffer.concat(cancelRequests);
            expect(request.length).toBe(16);
            expect(request.readInt32BE(4)).toBe(80877102);
            expect((await proxied.query({ text: 'SELECT 1', params: [] })).rows).toEqual([[1]]);
        } finally {
            await proxied.close();
            for (const socket of held) socket.destroy();
            await new Promise((resolve) => proxy.close(resolve));
        }
    }, 30_000);

    it('a timeout stops the statement and says so', async () => {
        const error = await connectionFailure(connection.query({ text: 'SELECT pg_sleep(61)', params: [] }, { timeoutMs: 400 }));
        expect(error.kind).toBe('timeout');
        expect(error.message).toContain('400 ms');
        await expectNoRunningStatement('pg_sleep(61)');
    });

    it('the server-side statement timeout of the session is reported as a timeout', async () => {
        const limited = await connectPostgres({ url: server.url, password: server.password, statementTimeoutMs: 300 });
        const error = await connectionFailure(limited.query({ text: 'SELECT pg_sleep(62)', params: [] }));
        expect(error.kind).toBe('timeout');
        await limited.close();
    });
});

async function expectNoRunningStatement(marker: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    let running = -1;
    while (Date.now() < deadline) {
        const result = await connection.query({ text: "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()", params: [`%${marker}%`] });
        running = Number(result.rows[0]![0]);
        if (running === 0) return;
        await new Promise((r) => setTimeout(r, 100));
    }
    expect(running).toBe(0);
}
