/**
 * The declared types of a server table's columns (PostgreSQL's information_schema, ClickHouse's
 * system.columns), asked only by the push-down: a number stored in a text column compares as
 * text in SQL ('1e-2' > '1'), so such a dataset is pulled instead and its cells read by the
 * project's own decoders, as a CSV file's are.
 */
import type { DatasetSpec, FieldSpec } from '../data/spec.js';
import type { SqlConnection, SqlDialectName } from './sql-connection.js';
import { datasetSqlError, describeRelation, type DatasetRelation } from './dataset-relation.js';

const POSTGRES_TEXT = /^(text|character varying|character|name|"char"|citext)$/;
const CLICKHOUSE_TEXT = /^(Nullable\()?(LowCardinality\()?(Nullable\()?(String|FixedString\(\d+\))\)*$/;
const DUCKDB_TEXT = /^VARCHAR$/;
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
    const text = dialect === 'postgres' ? POSTGRES_TEXT : dialect === 'clickhouse' ? CLICKHOUSE_TEXT : DUCKDB_TEXT;
    for (const field of fields) {
        const type = types.get(field.column);
        if (NUMERIC_KINDS.has(field.kind) && type !== undefined && text.test(type)) return { field, type };
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

/**
 * The user's error when a timestamp field's server column cannot hold instants (a text column of
 * ISO texts, a ClickHouse DateTime of whole seconds, a number of another kind): named with the
 * dataset and its .sla line, as DuckDB's column checks are (pulled-rows.ts selectFields). Without
 * it, PostgreSQL answered with its own SQL error and ClickHouse read DateTime seconds as
 * milliseconds. A missing column is left to the query that reports it.
 */
export function timestampColumnError(relation: DatasetRelation, types: Map<string, string>, dialect: 'postgres' | 'clickhouse'): Error | undefined {
    for (const field of relation.dataset.fields) {
        const type = types.get(field.column);
        if (field.kind !== 'timestamp' || type === undefined) continue;
        if ((dialect === 'postgres' ? POSTGRES_INSTANT : CLICKHOUSE_INSTANT).test(type)) continue;
        const wanted =
            dialect === 'postgres'
                ? `a timestamp field's column holds instants: timestamptz (ALTER TABLE … ALTER COLUMN "${field.column}" TYPE timestamptz USING "${field.column}"::timestamptz), or a view that converts it`
                : `a timestamp field's column holds Int64 epoch milliseconds on ClickHouse (18.16 has no DateTime64, and DateTime holds whole seconds): toInt64(toUnixTimestamp(c)) * 1000 in a view, for example`;
        return datasetSqlError(relation.dataset, `column "${field.column}" of the ${describeRelation(relation)} is ${type}, which cannot hold field ${field.name} (timestamp); ${wanted}`);
    }
    return undefined;
}

/** Asks a server table's column types and throws timestampColumnError's error, if any (DuckDB: selectFields checks). */
export async function checkTimestampColumns(connection: SqlConnection, relation: DatasetRelation, signal?: AbortSignal, known?: Map<string, string>): Promise<void> {
    if (connection.dialect === 'duckdb' || relation.kind !== 'table' || !relation.dataset.fields.some((field) => field.kind === 'timestamp')) return;
    const types =
        known ??
        (await serverColumnTypes(connection, relation, signal).catch((error: unknown) => {
            throw datasetSqlError(relation.dataset, `cannot read the column types of the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
        }));
    const error = types === undefined ? undefined : timestampColumnError(relation, types, connection.dialect);
    if (error !== undefined) throw error;
}
