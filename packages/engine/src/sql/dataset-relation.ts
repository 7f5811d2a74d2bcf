/**
 * Where a dataset's rows come from in SQL: a table or view of a connection, or a file DuckDB
 * reads (CSV as text, Parquet typed; one file or a glob). The relation is written with its
 * path bound as a parameter and its names quoted per dialect.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { DataError, displayPath } from '../data/data-error.js';
import { foreignEncodingAt, foreignEncodingProblem } from '../data/text-encoding.js';
import { firstCsvHeader, headerMismatchReason } from '../data/csv.js';
import { FIRST_RECORD_PREFIX_BYTES } from '../data/first-record.js';
import { MAX_RECORD_BYTES } from '../data/chunked-file.js';
import type { DatasetSpec } from '../data/spec.js';
import { csvSeparatorOf, inferFormat } from '../data/spec.js';
import type { SqlConnection, SqlDialectName } from './sql-connection.js';
import { SqlParams, tableReference } from './sql-dialect.js';
import { parquetGlobTypeProblem } from './parquet-glob-types.js';
import { checkCsvForDuckDb } from './duckdb-csv-check.js';

export type DatasetRelation =
    | { kind: 'table'; dataset: DatasetSpec; connection: string }
    | { kind: 'csv'; dataset: DatasetSpec; quotedLineBreaks?: boolean }
    | { kind: 'parquet'; dataset: DatasetSpec };

/** How the rows of a dataset are read with engine `duckdb` for files: undefined for JSON (local reader only). */
export function relationOf(spec: DatasetSpec, engine: 'local' | 'duckdb'): DatasetRelation | undefined {
    if (spec.table !== undefined) return { kind: 'table', dataset: spec, connection: spec.table.connection };
    const format = spec.format ?? inferFormat(spec.path);
    if (format === 'parquet') return { kind: 'parquet', dataset: spec };
    if (format === 'csv' && engine === 'duckdb') {
        requireReadableCsv(spec);
        // Every record as the local reader reads it, or an error with its line (duckdb-csv-check.ts).
        const reading = checkCsvForDuckDb(spec.path, csvSeparatorOf(spec));
        return { kind: 'csv', dataset: spec, ...(reading?.quotedLineBreaks === true ? { quotedLineBreaks: true } : {}) };
    }
    return undefined;
}

/**
 * A CSV file that the local reader refuses at its start is refused before DuckDB reads it, with
 * the local reader's words: UTF-16 or UTF-32 text (DuckDB: "Error when sniffing file … not
 * possible to automatically detect the CSV parsing dialect"), a header further down after a
 * title line, or a header of one column holding another separator. Read: the file's first 64 KB.
 * A file that cannot be opened here is left to DuckDB, which says why.
 */
function requireReadableCsv(spec: DatasetSpec): void {
    // DuckDB's own UTF-16 reader refused a byte order mark and characters outside the BMP (1.5: "File is not utf-16
    // encoded"), and Windows-1252 needs its encodings extension, which it would download: the built-in engine reads them.
    if (spec.encoding !== undefined) {
        throw datasetSqlError(spec, `the CSV file ${spec.path} is declared encoding "${spec.encoding}", and DuckDB reads CSV files as UTF-8 here: evaluate it with the built-in engine (without --engine duckdb), or save the file as UTF-8`);
    }
    let start: Buffer;
    try {
        const fd = openSync(spec.path, 'r');
        try {
            start = Buffer.alloc(FIRST_RECORD_PREFIX_BYTES);
            start = start.subarray(0, readSync(fd, start, 0, start.length, 0));
        } finally {
            closeSync(fd);
        }
    } catch {
        return;
    }
    const encoding = foreignEncodingAt(start, 0, start.length);
    if (encoding !== undefined) throw datasetSqlError(spec, `cannot read the CSV file ${spec.path}: ${foreignEncodingProblem(encoding, true)}`);
    const wholeFile = start.length < FIRST_RECORD_PREFIX_BYTES;
    const separator = csvSeparatorOf(spec);
    const header = firstCsvHeader(start, wholeFile, separator);
    const why = header === undefined ? undefined : headerMismatchReason(start, header, spec.fields.map((field) => field.column), wholeFile, separator);
    if (why !== undefined) throw datasetSqlError(spec, `the CSV file ${spec.path} has none of the declared columns in its first line: ${why}`);
    // A declared column named twice: DuckDB would read the first (as `id` and `id_1`); the local reader refuses it, as a guess.
    const declared = new Set(spec.fields.map((field) => field.column));
    header?.forEach((name, c) => {
        const first = header.indexOf(name);
        if (first < c && declared.has(name)) {
            throw new DataError(`${displayPath(spec.path)}:1:${c + 1}: the header names column ${JSON.stringify(name)} twice (columns ${first + 1} and ${c + 1}): rename one of them`, { file: spec.path, line: 1, column: c + 1 });
        }
    });
}

/** `FROM …` of the relation. CSV is read as text (all_varchar): the project's own decoders read its cells, as for the local engine. */
export function relationSql(dialect: SqlDialectName, relation: DatasetRelation, params: SqlParams): string {
    switch (relation.kind) {
        case 'table':
            return tableReference(dialect, relation.dataset.table!);
        case 'csv':
            // Every option the local reader fixes, fixed: DuckDB's sniffer would otherwise skip lines it takes
            // for a preamble (a report title before the header, Excel's `sep=,`) and read on where the local reader stops.
            // The separator (one of CSV_SEPARATORS) as a literal, quotes doubled; decimal commas are read by the project's decoders (all_varchar).
            // No comment character: given a record of fewer cells, the sniffer took `#` for one and dropped every row whose
            // first cell starts with it (`#2,…` of an export). A record of fewer cells reads its missing cells as empty (NULL),
            // as the local reader does; one of more cells is refused (strict mode), as by the local reader. Records up to its limit.
            // A quoted value with a line break: DuckDB's parallel reader refuses it with null_padding ("Parameter Not Allowed").
            return `read_csv(${params.bind(relation.dataset.path)}, header = true, skip = 0, all_varchar = true, delim = '${csvSeparatorOf(relation.dataset).replaceAll("'", "''")}', quote = '"', escape = '"', comment = '', null_padding = true, strict_mode = true, max_line_size = ${MAX_RECORD_BYTES}${relation.quotedLineBreaks === true ? ', parallel = false' : ''})`;
        case 'parquet':
            // By name, and numbers widened to a type that holds every file's (the first file's types converted the others':
            // a DECIMAL 2.50 read as BIGINT 3); other differences are refused by describeColumns (parquet-glob-types.ts).
            return `read_parquet(${params.bind(relation.dataset.path)}, union_by_name = true)`;
    }
}

/** The display name of the relation in messages: `table "public"."requests" of connection warehouse`, `file data/x.parquet`. */
export function describeRelation(relation: DatasetRelation): string {
    if (relation.kind === 'table') {
        const table = relation.dataset.table!;
        return `table ${table.schema === undefined ? '' : `"${table.schema}".`}"${table.name}" of connection ${table.connection}`;
    }
    return `${relation.kind === 'csv' ? 'CSV' : 'Parquet'} file ${relation.dataset.path}`;
}

/** An error of a dataset read through SQL, located at its declaration in the .sla file (exit 2; a diagnostic on the dataset). */
export function datasetSqlError(dataset: DatasetSpec, message: string): DataError {
    const place = dataset.declaration;
    const where = dataset.declaredAt === undefined ? '' : ` (declared at ${dataset.declaredAt})`;
    return new DataError(`dataset ${dataset.name}${where}: ${message}`, { file: place?.file ?? dataset.path, line: place?.line ?? 1, column: place?.column ?? 1 });
}

/**
 * The columns of a relation and their SQL types, from DuckDB's DESCRIBE (PostgreSQL and ClickHouse: not asked, the server reports a missing column).
 * A glob of Parquet files whose files give a declared column types DuckDB would convert is refused here (every read asks this first).
 */
export async function describeColumns(connection: SqlConnection, relation: DatasetRelation, signal?: AbortSignal): Promise<Map<string, string> | undefined> {
    if (connection.dialect !== 'duckdb') return undefined;
    if (relation.kind === 'parquet') {
        const problem = await parquetGlobTypeProblem(connection, relation.dataset, signal);
        if (problem !== undefined) throw new Error(problem);
    }
    const params = new SqlParams('duckdb');
    const from = relationSql('duckdb', relation, params);
    const result = await connection.query({ text: `DESCRIBE SELECT * FROM ${from}`, params: params.values }, signal === undefined ? {} : { signal });
    const name = result.columns.indexOf('column_name');
    const type = result.columns.indexOf('column_type');
    return new Map(result.rows.map((row) => [String(row[name]), String(row[type])]));
}
