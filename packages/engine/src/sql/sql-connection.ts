/**
 * One connection to a SQL engine that holds an agreement's data (DuckDB embedded, PostgreSQL,
 * ClickHouse over HTTP). The evaluation plan is compiled per dialect (`sql-dialect.ts`) into
 * queries that return decomposable statistics; everything above them (ratios, objectives,
 * credits, caps) stays in the engine's own code, shared with local evaluation.
 * Native clients are loaded on first use (dynamic import), so the extension and the CLI start
 * without them.
 */
export type SqlDialectName = 'duckdb' | 'postgres' | 'clickhouse';

/** A value bound to a query parameter, or read from a result cell. Decimals and 64-bit integers travel as strings. */
export type SqlValue = string | number | bigint | boolean | null;

/** Query text with `$1`, `$2`… placeholders and their values (each connection binds them its own way; never by string concatenation of user data). */
export interface SqlQuery {
    text: string;
    params: SqlValue[];
}

export interface SqlResult {
    columns: string[];
    rows: SqlValue[][];
    /** Bytes received from the engine, when the transport can tell (the benchmark's "moved over the wire"). */
    bytesReceived?: number;
}

export interface SqlQueryOptions {
    /** Cancels the query on the server too. */
    signal?: AbortSignal;
    timeoutMs?: number;
}

export interface SqlConnection {
    readonly dialect: SqlDialectName;
    query(query: SqlQuery, options?: SqlQueryOptions): Promise<SqlResult>;
    close(): Promise<void>;
}

/** A named connection as configured (`.slarc.json` "connections", VS Code settings, `--connection NAME=URL`); the password never appears here, only the environment variable that holds it. */
export interface ConnectionConfig {
    name: string;
    /** `postgres://user@host:port/db`, `clickhouse://host:port/db` (HTTP port), `duckdb:///path/file.duckdb` or `duckdb::memory:`. */
    url: string;
    /** Environment variable holding the password (default `SLA_<NAME>_PASSWORD`, upper-cased). */
    passwordEnv?: string;
}
