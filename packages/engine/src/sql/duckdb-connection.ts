/**
 * DuckDB embedded, through `@duckdb/node-api` loaded on first use (an optional dependency:
 * the CLI and the extension start without it; a clear message says how to add it).
 * Results come back as JSON values: BIGINT, HUGEINT and DECIMAL as exact strings.
 */
import type { SqlConnection, SqlQuery, SqlQueryOptions, SqlResult, SqlValue } from './sql-connection.js';

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
    const instance = await duckdb.DuckDBInstance.create(duckDbPath(url));
    const connection = await instance.connect();
    return {
        dialect: 'duckdb',
        async query(query: SqlQuery, options?: SqlQueryOptions): Promise<SqlResult> {
            options?.signal?.throwIfAborted();
            const onAbort = (): void => connection.interrupt();
            options?.signal?.addEventListener('abort', onAbort, { once: true });
            const timer = options?.timeoutMs === undefined ? undefined : setTimeout(onAbort, options.timeoutMs);
            try {
                const reader = await connection.runAndReadAll(query.text, query.params.map(toDuckDbValue));
                options?.signal?.throwIfAborted();
                return { columns: reader.columnNames(), rows: reader.getRowsJson() as SqlValue[][] };
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
