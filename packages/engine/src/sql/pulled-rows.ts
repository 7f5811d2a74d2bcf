/**
 * The pull path: a dataset's rows selected from a SQL engine (only the declared columns; only
 * the client scope's rows when a statistics query counts the others) and fed to the same pass as a file's rows. Every value goes through
 * the project's own field decoders, so the rules and messages are those of files; timestamps
 * arrive as epoch milliseconds when the column holds instants (no zone arithmetic in SQL).
 */
import { requireUsableRows } from '../data/usable-rows.js';
import { MAX_REJECTED_SAMPLES, ScanContext, type OnRow, type ScanOptions, type ScanResult, type ValueLocation } from '../data/scan-context.js';
import { displayPath } from '../data/data-error.js';
import { cellLocation } from '../data/csv.js';
import { CsvRecordLines } from '../data/csv-record-lines.js';
import { csvSeparatorOf, type DatasetSpec, type FieldSpec } from '../data/spec.js';
import { supersededOf, type DatasetPassResult } from '../evaluate/dataset-pass.js';
import type { RowSink } from '../evaluate/row-sink.js';
import type { ClientLookalike } from '../evaluate/client-lookalikes.js';
import type { SqlConnection, SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { datasetSqlError, describeColumns, describeRelation, relationSql, type DatasetRelation } from './dataset-relation.js';
import { epochMs, quoteIdentifier, SqlParams } from './sql-dialect.js';
import { columnKind, fieldColumnProblem } from './column-kinds.js';
import { withLookalikes } from './client-lookalikes-sql.js';
import { checkColumnTypes, columnMismatchError, naiveTimestampColumn, POSTGRES_NAIVE, serverColumnTypes, type ColumnMismatch } from './server-column-types.js';

/** How a selected column becomes a field value: epoch ms (a number), or text for the field's decoder. */
export type CellReading = 'ms' | 'text';

export interface SelectedField {
    field: FieldSpec;
    sql: string;
    reading: CellReading;
}

/**
 * The select expression of each field, checked against the relation's column types when the
 * engine tells them (DuckDB): a missing column, or columns of the wrong type (every one at once,
 * by the rules of column-kinds.ts), are the user's error, named with the dataset and its .sla line.
 */
export function selectFields(dialect: SqlDialectName, relation: DatasetRelation, types: Map<string, string> | undefined, serverTypes?: Map<string, string>): SelectedField[] {
    const dataset = relation.dataset;
    const naive = dialect === 'postgres' ? naiveTimestampColumn(dataset, serverTypes) : undefined;
    const mismatches: ColumnMismatch[] = [];
    const selected = dataset.fields.map((field): SelectedField => {
        const column = quoteIdentifier(dialect, field.column);
        // PostgreSQL's naive timestamp outside a UTC dataset: wall-clock text, which the decoder places in the dataset's zone (or refuses without one, as for files).
        if (naive !== undefined && field.kind === 'timestamp' && serverTypes?.get(field.column) === POSTGRES_NAIVE) return { field, sql: `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS')`, reading: 'text' };
        if (types === undefined) return field.kind === 'timestamp' ? { field, sql: epochMs(dialect, column), reading: 'ms' } : { field, sql: column, reading: 'text' };
        const type = types.get(field.column);
        if (type === undefined) {
            const names = [...types.keys()];
            // As the local reader (data/csv.ts): a file none of whose columns is declared may be no data file at all, and is
            // not quoted (a file that says why, another separator or a title line first, was refused before: dataset-relation.ts).
            const quotable = relation.kind === 'table' || dataset.fields.some((declared) => types.has(declared.column));
            const known = quotable ? `its columns: ${names.map((name) => `"${name}"`).join(', ')}` : `${names.length} column${names.length === 1 ? '' : 's'}, not quoted: none of them is a declared column`;
            throw datasetSqlError(dataset, `the ${describeRelation(relation)} has no column "${field.column}" for field ${field.name} (${known}); map the field with column "…" or fix the ${relation.kind === 'table' ? 'table' : 'file'}`);
        }
        if (type === 'VARCHAR') return { field, sql: column, reading: 'text' };
        if (field.kind === 'timestamp') {
            if (type === 'TIMESTAMP WITH TIME ZONE') return { field, sql: epochMs(dialect, column), reading: 'ms' };
            // A naive timestamp is a wall-clock reading: the project's time code places it in the dataset's zone (or refuses it without one, as for files).
            if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(type)) return { field, sql: `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%g')`, reading: 'text' };
            mismatches.push({ field, type, wanted: "a timestamp field reads TIMESTAMP WITH TIME ZONE, a TIMESTAMP (a wall-clock time in the dataset's zone) or text: declare the field with the column's type, or convert the column" });
        } else {
            const problem = fieldColumnProblem(field, columnKind(dialect, type));
            if (problem !== undefined) mismatches.push({ field, type, wanted: `${problem}: declare the field with the column's type, or convert the column` });
        }
        return { field, sql: `CAST(${column} AS VARCHAR)`, reading: 'text' };
    });
    const error = columnMismatchError(relation, mismatches);
    if (error !== undefined) throw error;
    return selected;
}

/** `SELECT <fields> FROM <relation> [WHERE scope = $n] [ORDER BY event time]`: the rows the local pass reads. */
export function pullQuery(dialect: SqlDialectName, relation: DatasetRelation, selected: SelectedField[], clientScope: { column: string; value: string } | undefined, orderBy: string | undefined, period?: { time: string; start: number; end: number }): SqlQuery {
    const params = new SqlParams(dialect);
    const from = relationSql(dialect, relation, params);
    const list = selected.map((item, index) => `${item.sql} AS ${quoteIdentifier(dialect, `f${index}`)}`).join(', ');
    const conditions: string[] = [];
    if (clientScope !== undefined) conditions.push(`${quoteIdentifier(dialect, clientScope.column)} = ${params.bind(clientScope.value)}`);
    if (period !== undefined) conditions.push(`${period.time} >= ${params.bind(period.start)}`, `${period.time} < ${params.bind(period.end)}`);
    const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
    // Files keep their order (DuckDB preserves insertion order); tables have none: order by event time so row numbers are stable.
    const order = relation.kind === 'table' && orderBy !== undefined ? ` ORDER BY ${orderBy}` : '';
    return { text: `SELECT ${list} FROM ${from}${where}${order}`, params: params.values };
}

/** The client scope's column, when the dataset has one (`client scope client = "northwind"`). */
export function clientScopeColumn(dataset: DatasetSpec & { clientScope?: { field: string; value: string } }): { column: string; value: string } | undefined {
    const scope = dataset.clientScope;
    if (scope === undefined) return undefined;
    const field = dataset.fields.find((candidate) => candidate.name === scope.field);
    return field === undefined ? undefined : { column: field.column, value: scope.value };
}

/**
 * Runs the pull query and hands every valid row to `onRow`, as a file scan does. Row locations:
 * a CSV file's line as if each record were one line (header on line 1), else the row's 1-based
 * position in the result (Parquet files and tables have no lines). A rejected row of a CSV file that
 * is reported is located as the local reader locates it: the physical line its record starts on (a
 * quoted value may hold line breaks) and its column's number, found in the file (csv-record-lines.ts).
 */
export async function pullInto(connection: SqlConnection, relation: DatasetRelation, onRow: OnRow, options: ScanOptions & { signal?: AbortSignal; eventField?: string; period?: { start: number; end: number }; clientScopeInSql?: boolean }): Promise<ScanResult & { query: SqlQuery; rowsTransferred: number }> {
    const dataset = relation.dataset as DatasetSpec & { clientScope?: { field: string; value: string } };
    const types = await describeColumns(connection, relation, options.signal).catch((error: unknown) => {
        throw datasetSqlError(dataset, `cannot read the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const serverTypes = connection.dialect !== 'duckdb' && relation.kind === 'table' ? await columnTypesOf(connection, relation, options.signal) : undefined;
    await checkColumnTypes(connection, relation, options.signal, serverTypes); // PostgreSQL, ClickHouse: columns that cannot hold their fields are the user's error
    const selected = selectFields(connection.dialect, relation, types, serverTypes);
    const eventIndex = options.eventField === undefined ? -1 : selected.findIndex((item) => item.field.name === options.eventField);
    const event = eventIndex < 0 ? undefined : selected[eventIndex]!;
    const period = options.period !== undefined && event?.reading === 'ms' ? { time: event.sql, ...options.period } : undefined;
    // Other clients' rows are filtered in SQL only when their count is known otherwise (the statistics query):
    // else they come over too, so that the pass counts them and a CSV file's line numbers stay its lines.
    const query = pullQuery(connection.dialect, relation, selected, options.clientScopeInSql === true ? clientScopeColumn(dataset) : undefined, event?.sql, period);
    const result = await connection.query(query, options.signal === undefined ? {} : { signal: options.signal }).catch((error: unknown) => {
        throw datasetSqlError(dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const { rowReader: _reader, period: _period, clientScopeInSql: _scope, ...scanOptions } = options;
    const context = new ScanContext(dataset, onRow, scanOptions);
    const shown = relation.kind === 'table' ? describeRelation(relation) : displayPath(dataset.path);
    const firstLine = relation.kind === 'csv' ? 2 : 1;
    // The rows' positions are their records' only when SQL filtered none out.
    const recordLines = relation.kind === 'csv' && period === undefined && options.clientScopeInSql !== true ? new CsvRecordLines(dataset.path, csvSeparatorOf(dataset)) : undefined;
    // Looked for in the file only for the rows a report names (an error stops the pass; else the first samples).
    const reported = (): boolean => !options.skipInvalid || options.onInvalid !== undefined || context.rejectedSamples.length < MAX_REJECTED_SAMPLES;
    // A value's place: a CSV file's line and column, a table's (or Parquet file's) row, and the column's name.
    const locate = (column: string, line: number): ValueLocation => {
        const physical = recordLines !== undefined && reported() ? recordLines.lineOf(line - firstLine) : undefined;
        const header = recordLines?.header;
        const index = physical === undefined || header === undefined ? -1 : header.indexOf(column);
        if (index >= 0) return cellLocation(context, physical!, index, header!);
        return { prefix: relation.kind === 'csv' ? `${shown}:${line}: ` : `${shown} row ${line}: `, where: ` in column "${column}"`, line, column: null, locator: 'line' };
    };
    try {
        decodeRows(result.rows, context, selected, firstLine, locate, options.signal);
    } finally {
        recordLines?.close();
    }
    return { ...context.result(result.bytesReceived ?? 0), query, rowsTransferred: result.rows.length };
}

/** Each pulled row through the fields' decoders, into the context (which hands valid rows on and rejects the others). */
function decodeRows(rows: readonly SqlValue[][], context: ScanContext, selected: readonly SelectedField[], firstLine: number, locate: (column: string, line: number) => ValueLocation, signal: AbortSignal | undefined): void {
    const { decoders, row } = context;
    rows: for (let r = 0; r < rows.length; r++) {
        if ((r & 0xffff) === 0) signal?.throwIfAborted();
        const cells = rows[r]!;
        const line = firstLine + r;
        for (let k = 0; k < decoders.length; k++) {
            const decoder = decoders[k]!;
            const cell = cells[k];
            const location = (): ValueLocation => locate(decoder.field.column, line);
            if (cell === null || cell === undefined || cell === '') {
                if (decoder.field.optional) {
                    row[k] = null;
                    continue;
                }
                context.rejectMissing(decoder.field, location(), 'empty value');
                continue rows;
            }
            if (selected[k]!.reading === 'ms') {
                row[k] = Number(cell);
                continue;
            }
            const text = String(cell);
            try {
                row[k] = decoder.fromText(text);
            } catch (problem) {
                context.rejectValue(problem, decoder.field, location(), text);
                continue rows;
            }
        }
        context.emit(line, locate); // an elapsed(a, b) out of order is rejected there, as by a file pass
    }
}

/**
 * The pull path of a dataset pass: the rows into the pass's sink. With `windowed` (see
 * pushdown.ts, periodFilterAllowed) only the rows of the evaluation period come over the wire and
 * the dataset's counts come from one statistics query; a dataset with rows a file pass would
 * reject is pulled whole, so that they are reported as for files.
 */
export async function pullRows(connection: SqlConnection, relation: DatasetRelation, sink: RowSink, options: { skipInvalid: boolean; signal?: AbortSignal; readFields?: ReadonlySet<string>; eventField?: string; windowed?: { stats: SqlQuery; period: { start: number; end: number }; fold: (rows: readonly SqlValue[][]) => SqlValue[]; lookalikes?: (rows: readonly SqlValue[][]) => ClientLookalike[] | undefined } }): Promise<DatasetPassResult & { query: SqlQuery; rowsTransferred: number; queries: number }> {
    const { windowed, ...scanOptions } = options;
    let stats: SqlValue[] | undefined;
    let lookalikes: ClientLookalike[] | undefined;
    if (windowed !== undefined) {
        const result = await connection.query(windowed.stats, options.signal === undefined ? {} : { signal: options.signal }).catch((error: unknown) => {
            throw datasetSqlError(relation.dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        // Grouped by scope values (stats-scope-values.ts): folded into one row, the client's values interned.
        stats = windowed.fold(result.rows);
        if (Number(stats[4] ?? 0) > 0) stats = undefined;
        // The other clients' rows stay in the database: their lookalikes come from the same query's groups.
        else lookalikes = windowed.lookalikes?.(result.rows);
    }
    const pulled = await pullInto(connection, relation, (row, line) => sink.accept(row, line), { ...scanOptions, ...(stats === undefined ? {} : { period: windowed!.period, clientScopeInSql: true }) });
    requireUsableRows(relation.dataset, pulled.rows, pulled.rejected, pulled.rejectedSamples[0]);
    const queries = windowed === undefined ? 1 : 2;
    if (stats !== undefined && pulled.rejected === 0) {
        const rows = Number(stats[0] ?? 0);
        const otherClientRows = Number(stats[5] ?? 0);
        const withoutEventTime = Number(stats[6] ?? 0);
        return {
            // As a file pass counts: every valid row, the other clients' included (the report shows rows − otherClientRows).
            rows: rows + otherClientRows,
            rejected: 0,
            rejectedSamples: [],
            bytes: pulled.bytes,
            outsidePeriod: rows - Number(stats[1] ?? 0) - withoutEventTime,
            withoutEventTime,
            // Over no row at all ClickHouse gives MIN/MAX of a non-nullable column as 0, not NULL.
            firstTime: stats[2] === null || stats[2] === undefined || rows + otherClientRows === 0 ? null : Number(stats[2]),
            lastTime: stats[3] === null || stats[3] === undefined || rows + otherClientRows === 0 ? null : Number(stats[3]),
            threads: 1,
            otherClientRows,
            ...withLookalikes(lookalikes),
            query: pulled.query,
            rowsTransferred: pulled.rowsTransferred + 1,
            queries
        };
    }
    return {
        rows: pulled.rows,
        rejected: pulled.rejected,
        rejectedSamples: pulled.rejectedSamples,
        bytes: pulled.bytes,
        ...supersededOf(pulled),
        outsidePeriod: sink.outsidePeriod,
        withoutEventTime: sink.withoutEventTime,
        firstTime: Number.isFinite(sink.firstTime) ? sink.firstTime : null,
        lastTime: Number.isFinite(sink.lastTime) ? sink.lastTime : null,
        threads: 1,
        // All rows were pulled: the sink counted the other clients' as a file pass does.
        otherClientRows: sink.otherClientRows,
        ...withLookalikes(sink.lookalikes?.entries()),
        query: pulled.query,
        rowsTransferred: pulled.rowsTransferred,
        queries
    };
}

/** A server table's column types, or the user's error naming the dataset. */
async function columnTypesOf(connection: SqlConnection, relation: DatasetRelation, signal?: AbortSignal): Promise<Map<string, string> | undefined> {
    return serverColumnTypes(connection, relation, signal).catch((error: unknown) => {
        throw datasetSqlError(relation.dataset, `cannot read the column types of the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
    });
}
