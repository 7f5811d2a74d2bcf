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

/**
 * DuckDB's CSV reader refusing a file: its sniffer's "Error when sniffing file … Possible fixes: …" (options the
 * evaluation fixes), its parser's "CSV Error on Line: 2 … Original Line: <another line>". Files the local reader reads
 * otherwise are refused before with their line (duckdb-csv-check.ts); this is for the rest (a file changed since).
 */
const CSV_READER_ERROR = /^[A-Za-z ]+ Error: (Error when sniffing file|CSV Error on Line|The CSV Parser state machine|Maximum line size)/;

/** `where`: the database ("DuckDB database /data/w.duckdb"). */
export function duckDbError(error: unknown, where: string): unknown {
    if (error instanceof SqlConnectionError || !(error instanceof Error)) return error;
    if (CSV_READER_ERROR.test(error.message)) {
        // Its line numbers count records, not always the file's lines: said as DuckDB's, with what to do.
        const line = /CSV Error on Line: (\d+)/.exec(error.message)?.[1];
        const at = line === undefined ? '' : ` (near record line ${line}, as DuckDB counts)`;
        return new SqlConnectionError('other', `DuckDB's CSV reader cannot read the file${at} with the options the built-in reader follows (RFC 4180, one kind of line ending, UTF-8): evaluate it with the built-in engine (without --engine duckdb), which names the line it cannot read, or correct the file`);
    }
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
