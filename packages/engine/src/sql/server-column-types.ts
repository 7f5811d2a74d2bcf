/**
 * The declared types of a server table's columns (PostgreSQL's information_schema, ClickHouse's
 * system.columns): a column that cannot hold its field is the user's error, named before any
 * query reads it; a number stored in a text column compares as text in SQL ('1e-2' > '1'), so
 * such a dataset is pulled instead and its cells read by the project's own decoders, as a CSV
 * file's are.
 */
import type { DatasetSpec, FieldSpec } from '../data/spec.js';
import type { SqlConnection, SqlDialectName } from './sql-connection.js';
import { datasetSqlError, describeRelation, type DatasetRelation } from './dataset-relation.js';
import { columnKind, fieldColumnProblem } from './column-kinds.js';

/** Field kinds the push-down reads as numbers (sums, min/max, comparisons with numbers). */
const NUMERIC_KINDS: ReadonlySet<FieldSpec['kind']> = new Set(['number', 'integer', 'duration', 'percent', 'boolean']);

/** Column name → type of a server table, or undefined for DuckDB relations (DESCRIBE tells those). */
export async function serverColumnTypes(connection: SqlConnection, relation: DatasetRelation, signal?: AbortSignal): Promise<Map<string, string> | undefined> {
    if (relation.kind !== 'table' || connection.dialect === 'duckdb') return undefined;
    const table = relation.dataset.table!;
    const options = signal === undefined ? {} : { signal };
    const result =
        connection.dialect === 'postgres'
            ? await connection.query({ text: 'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = COALESCE($1::text, current_schema()) AND table_name = $2::text', params: [table.schema ?? null, table.name] }, options)
            : await connection.query({ text: `SELECT name, type FROM system.columns WHERE database = ${table.schema === undefined ? 'currentDatabase()' : '$1'} AND table = $2`, params: [table.schema ?? '', table.name] }, options);
    return new Map(result.rows.map((row) => [String(row[0]), String(row[1])]));
}

/** The first field the push-down would read as a number whose column holds text, if any (DuckDB: the types DESCRIBE tells). */
export function numberInTextColumn(fields: readonly FieldSpec[], types: Map<string, string>, dialect: SqlDialectName): { field: FieldSpec; type: string } | undefined {
    for (const field of fields) {
        const type = types.get(field.column);
        if (NUMERIC_KINDS.has(field.kind) && type !== undefined && columnKind(dialect, type) === 'text') return { field, type };
    }
    return undefined;
}

/** PostgreSQL's naive timestamp: a wall-clock reading, not an instant. */
export const POSTGRES_NAIVE = 'timestamp without time zone';

/**
 * The first timestamp field whose PostgreSQL column is a naive `timestamp` that must be read in
 * the dataset's zone: a file's naive times are wall-clock readings in the dataset's `timezone`
 * (and refused without one), so such a column is pulled as wall-clock text and placed by the
 * project's time code (pulled-rows.ts). Only in a UTC dataset is it the instant SQL reads.
 */
export function naiveTimestampColumn(dataset: DatasetSpec, types: Map<string, string> | undefined): FieldSpec | undefined {
    if (types === undefined || dataset.timezone === 'UTC' || dataset.timezone === 'Etc/UTC') return undefined;
    return dataset.fields.find((field) => field.kind === 'timestamp' && types.get(field.column) === POSTGRES_NAIVE);
}

/** Server column types that hold a timestamp field's instants: PostgreSQL timestamptz (or timestamp holding UTC), ClickHouse Int64 epoch ms. */
const POSTGRES_INSTANT = /^timestamp with(out)? time zone$/;
const CLICKHOUSE_INSTANT = /^(Nullable\()?U?Int64\)?$/;

/** A field whose column cannot hold its values: the column's type, and what the field reads instead (with what to do). */
export interface ColumnMismatch {
    field: FieldSpec;
    type: string;
    wanted: string;
}

/**
 * The fields of a server table whose columns cannot hold them: a timestamp field over a column that
 * holds no instants (a text column of ISO texts, a ClickHouse DateTime of whole seconds), a number
 * field over a timestamp or boolean column, a boolean field over a decimal, float or date column
 * (column-kinds.ts); every one of them at once.
 * Without this check PostgreSQL answered with its own SQL error ("operator does not exist:
 * timestamp with time zone < bigint") and ClickHouse read DateTime seconds as milliseconds. A
 * missing column is left to the query that reports it.
 */
export function serverColumnMismatches(fields: readonly FieldSpec[], types: Map<string, string>, dialect: 'postgres' | 'clickhouse'): ColumnMismatch[] {
    const mismatches: ColumnMismatch[] = [];
    for (const field of fields) {
        const type = types.get(field.column);
        if (type === undefined) continue;
        if (field.kind === 'timestamp') {
            if ((dialect === 'postgres' ? POSTGRES_INSTANT : CLICKHOUSE_INSTANT).test(type)) continue;
            const wanted =
                dialect === 'postgres'
                    ? `a timestamp field's column holds instants: timestamptz (ALTER TABLE … ALTER COLUMN "${field.column}" TYPE timestamptz USING "${field.column}"::timestamptz), or a view that converts it`
                    : `a timestamp field's column holds Int64 epoch milliseconds on ClickHouse (18.16 has no DateTime64, and DateTime holds whole seconds): toInt64(toUnixTimestamp(c)) * 1000 in a view, for example`;
            mismatches.push({ field, type, wanted });
            continue;
        }
        const problem = fieldColumnProblem(field, columnKind(dialect, type));
        if (problem !== undefined) mismatches.push({ field, type, wanted: `${problem}: declare the field with the column's type, or convert the column in a view` });
    }
    return mismatches;
}

/**
 * The user's error naming every column that cannot hold its field, at the dataset's declaration
 * (exit 2; a diagnostic on the dataset), undefined when there is none.
 */
export function columnMismatchError(relation: DatasetRelation, mismatches: readonly ColumnMismatch[]): Error | undefined {
    const [only] = mismatches;
    if (only === undefined) return undefined;
    if (mismatches.length === 1) return datasetSqlError(relation.dataset, `column "${only.field.column}" of the ${describeRelation(relation)} is ${only.type}, which cannot hold field ${only.field.name} (${only.field.kind}); ${only.wanted}`);
    const each = mismatches.map(({ field, type, wanted }) => `column "${field.column}" is ${type}, which cannot hold field ${field.name} (${field.kind}${field.declaredAt === undefined ? '' : `, declared at ${field.declaredAt}`}); ${wanted}`);
    return datasetSqlError(relation.dataset, `${mismatches.length} columns of the ${describeRelation(relation)} cannot hold their fields — ${each.join(' — ')}`);
}

/** Asks a server table's column types (unless known) and throws the error naming every column that cannot hold its field, if any (DuckDB: selectFields checks). */
export async function checkColumnTypes(connection: SqlConnection, relation: DatasetRelation, signal?: AbortSignal, known?: Map<string, string>): Promise<void> {
    if (connection.dialect === 'duckdb' || relation.kind !== 'table') return;
    const types =
        known ??
        (await serverColumnTypes(connection, relation, signal).catch((error: unknown) => {
            throw datasetSqlError(relation.dataset, `cannot read the column types of the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
        }));
    const error = types === undefined ? undefined : columnMismatchError(relation, serverColumnMismatches(relation.dataset.fields, types, connection.dialect));
    if (error !== undefined) throw error;
}
