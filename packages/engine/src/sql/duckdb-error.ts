/**
 * DuckDB's errors in the user's terms, as PostgreSQL's and ClickHouse's are (sql-error.ts): a
 * missing database file, table or column, or a column of the wrong type, classified by DuckDB's
 * own error class and said with what to check — never the raw "Catalog Error: …" with an
 * excerpt of SQL the user did not write. Other errors (interruptions, time limits) are kept.
 */
import { SqlConnectionError, sqlError, type SqlErrorKind } from './sql-error.js';

const KINDS: { pattern: RegExp; kind: SqlErrorKind; summary: string }[] = [
    { pattern: /^IO Error: Cannot open database .* database does not exist/, kind: 'missing-database', summary: 'the database file does not exist' },
    { pattern: /^Catalog Error: (Table|View|Schema) with name /, kind: 'missing-table', summary: 'a table does not exist' },
    { pattern: /^Binder Error: Referenced column /, kind: 'missing-column', summary: 'a column does not exist' },
    { pattern: /^(Binder Error: No function matches|Conversion Error: )/, kind: 'wrong-type', summary: 'a column has the wrong type' }
];

/** `where`: the database ("DuckDB database /data/w.duckdb"). */
export function duckDbError(error: unknown, where: string): unknown {
    if (error instanceof SqlConnectionError || !(error instanceof Error)) return error;
    const known = KINDS.find((entry) => entry.pattern.test(error.message));
    if (known === undefined) return error;
    // DuckDB's first line without its class, and its suggestion ("Did you mean …?"); not the candidate lists nor the SQL excerpt.
    const lines = error.message.split('\n');
    // (A suggestion of DuckDB's own catalog views, "pg_indexes" for a table of an empty database, is no help.)
    const suggestion = lines.slice(1, 2).filter((line) => line.startsWith('Did you mean') && !/"(pg_|duckdb_|sqlite_|information_schema)/.test(line));
    const detail = [lines[0]!.replace(/^[A-Za-z ]+ Error: /, ''), ...suggestion].join(' ');
    // A database file is a path, not a name on a server: said so, as the evaluation never creates one.
    if (known.kind === 'missing-database') return new SqlConnectionError(known.kind, `${where}: ${known.summary} (check the path in the connection URL: duckdb:///absolute/path.duckdb, or duckdb:path relative to the working folder; evaluating opens it read-only and never creates it)`);
    return sqlError(known.kind, `${where}: ${known.summary}`, detail, []);
}
