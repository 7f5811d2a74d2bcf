/**
 * ClickHouse over its HTTP interface with Node's own `fetch` (no npm client: the tested release,
 * Debian's 18.16.1, predates what `@clickhouse/client` expects, and plain HTTP works with every
 * release). Each query gets its own `query_id`, so a cancel or a timeout can `KILL QUERY` it on
 * the server; the user and password travel in an `Authorization: Basic` header (UTF-8, base64:
 * any password works, where `X-ClickHouse-Key` would refuse non-Latin-1 characters), never in
 * the URL.
 */
import { randomUUID } from 'node:crypto';
import { bindClickHouseParameters, clickHouseLiteral } from './clickhouse-literal.js';
import { parseClickHouseTsv } from './clickhouse-result.js';
import type { SqlConnection, SqlQuery, SqlQueryOptions, SqlResult } from './sql-connection.js';
import { SqlConnectionError, sqlError, type SqlErrorKind } from './sql-error.js';
import { parseServerUrl } from './server-url.js';

export interface ClickHouseConnectOptions {
    /** `clickhouse://user@host:8123/database` (the HTTP port). */
    url: string;
    password?: string;
    /** Server-side limit for every query (`max_execution_time`), unless a query gives its own. */
    timeoutMs?: number;
}

/** Opens a connection and checks it with `SELECT 1`, so a wrong port or password fails here, not in the first evaluation. */
export async function connectClickHouse(options: ClickHouseConnectOptions): Promise<SqlConnection> {
    const url = parseServerUrl(options.url);
    if (url.scheme !== 'clickhouse') throw new SqlConnectionError('configuration', 'Not a clickhouse:// URL');
    const connection = new ClickHouseConnection(
        `http://${url.host.includes(':') ? `[${url.host}]` : url.host}:${url.port}/`,
        url.user ?? 'default',
        options.password ?? '',
        url.database ?? 'default',
        options.timeoutMs
    );
    await connection.query({ text: 'SELECT 1', params: [] });
    return connection;
}

class ClickHouseConnection implements SqlConnection {
    readonly dialect = 'clickhouse' as const;
    readonly #endpoint: string;
    readonly #user: string;
    readonly #password: string;
    readonly #database: string;
    readonly #defaultTimeoutMs?: number;
    /** What must never appear in a message: the password and the Basic credentials that carry it. */
    readonly #secrets: string[];
    #closed = false;

    constructor(endpoint: string, user: string, password: string, database: string, defaultTimeoutMs?: number) {
        this.#endpoint = endpoint;
        this.#user = user;
        this.#password = password;
        this.#database = database;
        this.#defaultTimeoutMs = defaultTimeoutMs;
        this.#secrets = password === '' ? [] : [password, Buffer.from(`${user}:${password}`, 'utf8').toString('base64')];
    }

    get #where(): string {
        return `ClickHouse at ${this.#endpoint.replace(/^http:\/\/|\/$/g, '')}`;
    }

    async query(query: SqlQuery, options: SqlQueryOptions = {}): Promise<SqlResult> {
        if (this.#closed) throw new SqlConnectionError('configuration', 'The ClickHouse connection is closed');
        const text = bindClickHouseParameters(query.text, query.params);
        const queryId = `sla-${randomUUID()}`;
        const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
        const search = new URLSearchParams({
            query_id: queryId,
            database: this.#database,
            default_format: 'TabSeparatedWithNamesAndTypes',
            // The whole result is buffered on the server, so an error half-way through a result
            // comes back as an HTTP error instead of text appended to rows already sent.
            wait_end_of_query: '1'
        });
        if (timeoutMs !== undefined) search.set('max_execution_time', String(Math.max(1, Math.ceil(timeoutMs / 1000))));
        // The server parses at most 256 KiB of query text by default; a portfolio's shared push-down ships every client's windows with it.
        if (text.length > 200_000) search.set('max_query_size', String(2 * Buffer.byteLength(text)));

        const controller = new AbortController();
        let stoppedBy: 'cancelled' | 'timeout' | undefined;
        const stop = (reason: 'cancelled' | 'timeout') => {
            if (stoppedBy) return;
            stoppedBy = reason;
            controller.abort();
            // Aborting the request does not stop the query on an 18.x server: kill it by its id.
            void this.#kill(queryId);
        };
        if (options.signal?.aborted) throw sqlError('cancelled', `${this.#where}: the query was cancelled`, undefined, []);
        const onAbort = () => stop('cancelled');
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = timeoutMs !== undefined ? setTimeout(() => stop('timeout'), timeoutMs) : undefined;
        try {
            let response: Response;
            let body: Uint8Array;
            try {
                response = await fetch(`${this.#endpoint}?${search.toString()}`, {
                    method: 'POST',
                    headers: this.#headers(),
                    body: text,
                    signal: controller.signal
                });
                body = new Uint8Array(await response.arrayBuffer());
            } catch (error) {
                if (stoppedBy === 'timeout') throw sqlError('timeout', `${this.#where}: the query took longer than ${timeoutMs} ms and was stopped`, undefined, this.#secrets);
                if (stoppedBy === 'cancelled') throw sqlError('cancelled', `${this.#where}: the query was cancelled`, undefined, this.#secrets);
                throw this.#transportError(error);
            }
            const bodyText = new TextDecoder().decode(body);
            if (!response.ok) throw this.#serverError(bodyText, stoppedBy, timeoutMs);
            return { ...parseClickHouseTsv(bodyText), bytesReceived: body.byteLength };
        } finally {
            if (timer) clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
        }
    }

    async close(): Promise<void> {
        this.#closed = true;
    }

    #headers(): Record<string, string> {
        const credentials = Buffer.from(`${this.#user}:${this.#password}`, 'utf8').toString('base64');
        return { Authorization: `Basic ${credentials}`, 'Content-Type': 'text/plain; charset=utf-8' };
    }

    async #kill(queryId: string): Promise<void> {
        try {
            const response = await fetch(this.#endpoint, {
                method: 'POST',
                headers: this.#headers(),
                body: `KILL QUERY WHERE query_id = ${clickHouseLiteral(queryId)} ASYNC`
            });
            await response.arrayBuffer();
        } catch {
            // The server is gone: nothing left to stop.
        }
    }

    #transportError(error: unknown): SqlConnectionError {
        const code = networkCode(error);
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
            return sqlError('connection-refused', `${this.#where}: cannot connect`, code, this.#secrets);
        }
        return sqlError('other', `${this.#where}: the request failed`, error instanceof Error ? error.message : String(error), this.#secrets);
    }

    #serverError(body: string, stoppedBy: 'cancelled' | 'timeout' | undefined, timeoutMs: number | undefined): SqlConnectionError {
        const { code, message } = parseClickHouseError(body);
        let kind = code === undefined ? 'other' : (ERROR_KINDS[code] ?? 'other');
        if (stoppedBy) kind = stoppedBy;
        const summary =
            kind === 'timeout'
                ? `${this.#where}: the query took longer than ${timeoutMs ?? 'the allowed'} ms and was stopped`
                : kind === 'cancelled'
                  ? `${this.#where}: the query was cancelled`
                  : kind === 'authentication'
                    ? `${this.#where}: authentication failed for user "${this.#user}"`
                    : `${this.#where}: ${SUMMARY[kind] ?? 'the query failed'}`;
        return sqlError(kind, summary, message, this.#secrets, code === undefined ? undefined : String(code));
    }
}

/** ClickHouse error codes (ErrorCodes.cpp; the same numbers in 18.x and 24.x) by what the user must fix. */
const ERROR_KINDS: Record<number, SqlErrorKind> = {
    192: 'authentication', // UNKNOWN_USER
    193: 'authentication', // WRONG_PASSWORD
    194: 'authentication', // REQUIRED_PASSWORD
    195: 'authentication', // IP_ADDRESS_NOT_ALLOWED
    516: 'authentication', // AUTHENTICATION_FAILED (newer releases)
    81: 'missing-database', // UNKNOWN_DATABASE
    60: 'missing-table', // UNKNOWN_TABLE
    47: 'missing-column', // UNKNOWN_IDENTIFIER
    16: 'missing-column', // NO_SUCH_COLUMN_IN_TABLE
    6: 'wrong-type', // CANNOT_PARSE_TEXT
    27: 'wrong-type', // CANNOT_PARSE_INPUT_ASSERTION_FAILED
    38: 'wrong-type', // CANNOT_PARSE_DATE
    41: 'wrong-type', // CANNOT_PARSE_DATETIME
    43: 'wrong-type', // ILLEGAL_TYPE_OF_ARGUMENT
    53: 'wrong-type', // TYPE_MISMATCH
    70: 'wrong-type', // CANNOT_CONVERT_TYPE
    72: 'wrong-type', // CANNOT_PARSE_NUMBER
    386: 'wrong-type', // NO_COMMON_TYPE
    159: 'timeout', // TIMEOUT_EXCEEDED
    394: 'cancelled', // QUERY_WAS_CANCELLED
    210: 'connection-refused', // NETWORK_ERROR (a shard of a Distributed table)
    279: 'connection-refused' // ALL_CONNECTION_TRIES_FAILED (a shard of a Distributed table)
};

const SUMMARY: Partial<Record<SqlErrorKind, string>> = {
    'missing-database': 'the database does not exist',
    'missing-table': 'a table does not exist',
    'missing-column': 'a column does not exist',
    'wrong-type': 'a column has the wrong type',
    'connection-refused': 'a server of the cluster cannot be reached'
};

/** `Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = …` (18.x) or `Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE) (version 24…)`. */
export function parseClickHouseError(body: string): { code?: number; message: string } {
    const text = body.trim();
    const match = /^Code: (\d+)[.,]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?([\s\S]*?)(?:, e\.what\(\) = [\s\S]*)?$/.exec(text);
    if (!match) return { message: text.slice(0, 500) };
    const message = match[2]!.replace(/\s*\(version [\s\S]*$/, '').trim();
    return { code: Number(match[1]), message: message.slice(0, 500) };
}

function networkCode(error: unknown): string | undefined {
    let current: unknown = error;
    for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
        const code = (current as { code?: unknown }).code;
        if (typeof code === 'string') return code;
        current = (current as { cause?: unknown }).cause;
    }
    return undefined;
}
