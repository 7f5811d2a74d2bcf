/**
 * PostgreSQL through npm `pg` (an optional dependency, imported on first use so that the CLI and
 * the extension start without it). Parameters are bound by the server (`$1…`), a cancel or a
 * timeout sends PostgreSQL's cancel request for the running statement, and every timestamp or
 * date comes back as the server's text (never a JavaScript Date in the process's zone).
 */
import { connect } from 'node:net';
import type { SqlConnection, SqlQuery, SqlQueryOptions, SqlResult, SqlValue } from './sql-connection.js';
import { SqlConnectionError, sqlError, type SqlErrorKind } from './sql-error.js';
import { parseServerUrl } from './server-url.js';

type PgModule = typeof import('pg');
type PgClient = import('pg').Client;

export interface PostgresConnectOptions {
    /** `postgres://user@host:5432/database`. */
    url: string;
    password?: string;
    /** Server-side `statement_timeout` for every statement of the session. */
    statementTimeoutMs?: number;
    connectTimeoutMs?: number;
}

let pgModule: Promise<PgModule> | undefined;

async function loadPg(): Promise<PgModule> {
    pgModule ??= import('pg').then((m) => ((m as unknown as { default?: PgModule }).default ?? m) as PgModule);
    try {
        return await pgModule;
    } catch {
        pgModule = undefined;
        throw sqlError('missing-client', 'The PostgreSQL client (npm package "pg") is not installed', undefined, []);
    }
}

/** Type OIDs whose default parsers build JavaScript Dates: kept as the server's text instead. */
const TEXT_TYPES = new Set([1082 /* date */, 1083 /* time */, 1114 /* timestamp */, 1184 /* timestamptz */, 1266 /* timetz */]);

export async function connectPostgres(options: PostgresConnectOptions): Promise<SqlConnection> {
    const url = parseServerUrl(options.url);
    if (url.scheme !== 'postgres') throw new SqlConnectionError('configuration', 'Not a postgres:// URL');
    const pg = await loadPg();
    const where = `PostgreSQL at ${url.host}:${url.port}`;
    const secrets = [options.password];
    const client = new pg.Client({
        host: url.host,
        port: url.port,
        user: url.user,
        database: url.database,
        password: options.password ?? '',
        application_name: 'sla',
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
        statement_timeout: options.statementTimeoutMs,
        types: {
            getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
                TEXT_TYPES.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser
        }
    });
    // A server that goes away between queries emits 'error' on the idle client; the next query reports it.
    client.on('error', () => undefined);
    try {
        await client.connect();
    } catch (error) {
        await client.end().catch(() => undefined);
        throw postgresError(error, where, url.user, secrets);
    }
    return new PostgresConnection(client, where, url.user, url.host, url.port, secrets);
}

/** How long a cancel request may take to reach the server before it is given up (the statement then settles). */
const CANCEL_REQUEST_TIMEOUT_MS = 3_000;

class PostgresConnection implements SqlConnection {
    readonly dialect = 'postgres' as const;
    readonly #client: PgClient;
    readonly #where: string;
    readonly #user?: string;
    readonly #host: string;
    readonly #port: number;
    readonly #secrets: (string | undefined)[];
    /** pg runs one statement at a time; the chain tells which of ours is on the wire, so a cancel hits only that one. */
    #queue: Promise<unknown> = Promise.resolve();

    constructor(client: PgClient, where: string, user: string | undefined, host: string, port: number, secrets: (string | undefined)[]) {
        this.#client = client;
        this.#where = where;
        this.#user = user;
        this.#host = host;
        this.#port = port;
        this.#secrets = secrets;
    }

    query(query: SqlQuery, options: SqlQueryOptions = {}): Promise<SqlResult> {
        const run = this.#queue.then(() => this.#run(query, options));
        this.#queue = run.catch(() => undefined);
        return run;
    }

    async #run(query: SqlQuery, options: SqlQueryOptions): Promise<SqlResult> {
        if (options.signal?.aborted) throw sqlError('cancelled', `${this.#where}: the query was cancelled`, undefined, []);
        let stoppedBy: 'cancelled' | 'timeout' | undefined;
        /** our cancel request, until the server has taken it (see finally) */
        let cancelling: Promise<void> | undefined;
        const stop = (reason: 'cancelled' | 'timeout') => {
            if (stoppedBy) return;
            stoppedBy = reason;
            cancelling = this.#cancelRunning();
        };
        const onAbort = () => stop('cancelled');
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = options.timeoutMs !== undefined ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
        const socket = (this.#client as unknown as { connection?: { stream?: { bytesRead?: number } } }).connection?.stream;
        const bytesBefore = socket?.bytesRead;
        try {
            const result = await this.#client.query({ text: query.text, values: query.params.map(toPgParameter), rowMode: 'array' });
            const bytesAfter = socket?.bytesRead;
            return {
                columns: result.fields.map((f) => f.name),
                rows: (result.rows as unknown[][]).map((row) => row.map(fromPgValue)),
                bytesReceived: bytesBefore !== undefined && bytesAfter !== undefined ? bytesAfter - bytesBefore : undefined
            };
        } catch (error) {
            if (stoppedBy === 'timeout') throw sqlError('timeout', `${this.#where}: the query took longer than ${options.timeoutMs} ms and was stopped`, undefined, this.#secrets);
            if (stoppedBy === 'cancelled') throw sqlError('cancelled', `${this.#where}: the query was cancelled`, undefined, this.#secrets);
            throw postgresError(error, this.#where, this.#user, this.#secrets);
        } finally {
            if (timer) clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            // The next statement goes on the wire only once the server has taken our cancel request: one
            // still on its way when this statement ended anyway would stop the next one. (Taken while the
            // session is idle, PostgreSQL drops it.)
            if (cancelling !== undefined) await cancelling;
        }
    }

    /**
     * PostgreSQL's cancel request: a separate connection sends the backend's process id and
     * secret key (protocol 3.0, "CancelRequest"), and the server stops the running statement.
     * Written out here because pg exposes it only through an internal helper.
     */
    #cancelRunning(): Promise<void> {
        const { processID, secretKey } = this.#client as unknown as { processID: number | null; secretKey: number | null };
        if (processID === null || secretKey === null) return Promise.resolve();
        return new Promise((resolve) => {
            const socket = connect(this.#port, this.#host);
            // A statement waits for this request (see #run): bounded, should the server stop answering.
            socket.setTimeout(CANCEL_REQUEST_TIMEOUT_MS, () => socket.destroy());
            socket.on('connect', () => {
                const message = Buffer.alloc(16);
                message.writeInt32BE(16, 0);
                message.writeInt32BE(80877102, 4);
                message.writeInt32BE(processID, 8);
                message.writeInt32BE(secretKey, 12);
                socket.end(message);
            });
            socket.on('close', () => resolve());
            socket.on('error', () => resolve());
        });
    }

    async close(): Promise<void> {
        await this.#client.end().catch(() => undefined);
    }
}

function toPgParameter(value: SqlValue): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' && !Number.isFinite(value)) throw new SqlConnectionError('configuration', `Cannot bind ${String(value)} to a PostgreSQL query`);
    return String(value);
}

function fromPgValue(value: unknown): SqlValue {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value;
    // Arrays, JSON and byte strings are not statistics the plan asks for: their text is honest.
    return typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : String(value);
}

/** SQLSTATE classes by what the user must fix (PostgreSQL, Appendix A). */
const SQLSTATE_KINDS: Record<string, SqlErrorKind> = {
    '28P01': 'authentication', // invalid_password
    '28000': 'authentication', // invalid_authorization_specification (no pg_hba entry, unknown role)
    '3D000': 'missing-database', // invalid_catalog_name
    '42P01': 'missing-table', // undefined_table
    '3F000': 'missing-table', // invalid_schema_name
    '42703': 'missing-column', // undefined_column
    '42804': 'wrong-type', // datatype_mismatch
    '42883': 'wrong-type', // undefined_function (an operator on the wrong types)
    '22P02': 'wrong-type', // invalid_text_representation
    '22007': 'wrong-type', // invalid_datetime_format
    '22008': 'wrong-type', // datetime_field_overflow
    '57014': 'timeout' // query_canceled: statement_timeout (our own cancels are recognised before this)
};

const SUMMARY: Partial<Record<SqlErrorKind, string>> = {
    'missing-database': 'the database does not exist',
    'missing-table': 'a table does not exist',
    'missing-column': 'a column does not exist',
    'wrong-type': 'a column has the wrong type',
    timeout: 'the statement timeout stopped the query'
};

function postgresError(error: unknown, where: string, user: string | undefined, secrets: readonly (string | undefined)[]): SqlConnectionError {
    if (error instanceof SqlConnectionError) return error;
    const e = (error ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    const message = typeof e.message === 'string' ? e.message : String(error);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
        return sqlError('connection-refused', `${where}: cannot connect`, code, secrets);
    }
    if (/timeout expired|Connection terminated due to connection timeout/i.test(message)) {
        return sqlError('connection-refused', `${where}: cannot connect`, 'no answer within the connection timeout', secrets);
    }
    if (code === 'ECONNRESET' || /Connection terminated/i.test(message) || (code !== undefined && /^(08|57P0)/.test(code))) {
        return sqlError('other', `${where}: the connection to the server was lost`, message, secrets, code);
    }
    // pg's own message when a server asks for a password and none was given.
    if (/client password must be a string|SASL: SCRAM-SERVER-FIRST-MESSAGE: client password/i.test(message)) {
        return sqlError('authentication', `${where}: authentication failed for user "${user ?? ''}"`, 'the server asks for a password and none was given', secrets);
    }
    // query_canceled is a statement timeout, or a cancel someone else sent (pg_cancel_backend, an administrator):
    // told apart by the server's message (in English; a server with translated messages reads as a timeout).
    const cancelledElsewhere = code === '57014' && /due to user request/i.test(message);
    const kind = cancelledElsewhere ? 'cancelled' : code !== undefined ? (SQLSTATE_KINDS[code] ?? 'other') : 'other';
    if (cancelledElsewhere) return sqlError('cancelled', `${where}: the query was cancelled on the server`, message, secrets, code);
    const summary = kind === 'authentication' ? `authentication failed for user "${user ?? ''}"` : (SUMMARY[kind] ?? 'the query failed');
    return sqlError(kind, `${where}: ${summary}`, message, secrets, code);
}
