/**
 * DuckDB embedded, through `@duckdb/node-api` loaded on first use (an optional dependency:
 * the CLI and the extension start without it; a clear message says how to add it).
 * Results come back as JSON values: BIGINT, HUGEINT and DECIMAL as exact strings.
 */
import type { SqlConnection, SqlQuery, SqlQueryOptions, SqlResult, SqlValue } from './sql-connection.js';
import { duckDbError } from './duckdb-error.js';

type DuckDbModule = typeof import('@duckdb/node-api');

let loaded: Promise<DuckDbModule> | undefined;

/** The native module, imported once; a missing optional dependency becomes a message that says what to install. */
export function loadDuckDb(): Promise<DuckDbModule> {
    loaded ??= import('@duckdb/node-api').catch((error: unknown) => {
        loaded = undefined;
        throw new Error(`DuckDB is needed for Parquet files, DuckDB tables and --engine duckdb, but '@duckdb/node-api' cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): install it with 'npm install @duckdb/node-api'`);
    });
    return loaded;
}

/** `duckdb::memory:` (or `duckdb:`) for an in-memory database, `duckdb:///abs/path.duckdb` or `duckdb:relative.duckdb` for a file. */
export function duckDbPath(url: string): string {
    const rest = url.replace(/^duckdb:/, '');
    if (rest === '' || rest === ':memory:') return ':memory:';
    return rest.startsWith('//') ? decodeURIComponent(rest.slice(2)) : decodeURIComponent(rest);
}

export async function openDuckDb(url = 'duckdb::memory:'): Promise<SqlConnection> {
    const duckdb = await loadDuckDb();
    const path = duckDbPath(url);
    // A database file is opened read-only: evaluating never writes to it, nor creates a missing one.
    const where = path === ':memory:' ? 'DuckDB (in memory)' : `DuckDB database ${path}`;
    const instance = await duckdb.DuckDBInstance.create(path, path === ':memory:' ? {} : { access_mode: 'READ_ONLY' }).catch((error: unknown) => {
        throw duckDbError(error, where);
    });
    const connection = await instance.connect();
    return {
        dialect: 'duckdb',
        async query(query: SqlQuery, options?: SqlQueryOptions): Promise<SqlResult> {
            options?.signal?.throwIfAborted();
            const onAbort = (): void => connection.interrupt();
            options?.signal?.addEventListener('abort', onAbort, { once: true });
            // Set when the timer interrupted the query: its "Interrupted!" error is then the time limit's.
            let timedOut = false;
            const timer = options?.timeoutMs === undefined ? undefined : setTimeout(() => {
                timedOut = true;
                onAbort();
            }, options.timeoutMs);
            const started = Date.now();
            // The results are converted on this thread, where no timer fires: the limit is checked around it too.
            const overdue = (): void => {
                if (options?.timeoutMs !== undefined && (timedOut || Date.now() - started > options.timeoutMs)) throw new Error(`the query ran longer than its time limit of ${options.timeoutMs} ms and was stopped`);
            };
            try {
                const reader = await connection.runAndReadAll(query.text, query.params.map(toDuckDbValue)).catch((error: unknown) => {
                    overdue();
                    throw duckDbError(error, where);
                });
                options?.signal?.throwIfAborted();
                overdue();
                const rows = rowsOf(reader.getColumnsJS(), reader.currentRowCount);
                overdue();
                return { columns: reader.columnNames(), rows };
            } finally {
                if (timer !== undefined) clearTimeout(timer);
                options?.signal?.removeEventListener('abort', onAbort);
            }
        },
        async close(): Promise<void> {
            connection.closeSync();
            instance.closeSync();
        }
    };
}

function toDuckDbValue(value: SqlValue): string | number | bigint | boolean | null {
    return value;
}

/**
 * Rows from DuckDB's columns of JS values (converting column-wise is several times faster than
 * row-wise JSON). 64-bit integers become exact strings, as the connection contract says; the
 * compiler casts decimals it needs exact (sums) to text, and a DECIMAL read as a number is
 * its scaled integer over a power of ten, the same double as its text.
 */
function rowsOf(columns: unknown[][], count: number): SqlValue[][] {
    const rows = new Array<SqlValue[]>(count);
    for (let r = 0; r < count; r++) {
        const row = new Array<SqlValue>(columns.length);
        for (let c = 0; c < columns.length; c++) row[c] = cellOf(columns[c]![r]);
        rows[r] = row;
    }
    return rows;
}

function cellOf(value: unknown): SqlValue {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
        case 'string':
        case 'number':
        case 'boolean':
            return value;
        case 'bigint':
            return value.toString();
        default:
            return String(value);
    }
}
