/**
 * The declared types of a server table's columns (PostgreSQL's information_schema, ClickHouse's
 * system.columns), asked only by the push-down: a number stored in a text column compares as
 * text in SQL ('1e-2' > '1'), so such a dataset is pulled instead and its cells read by the
 * project's own decoders, as a CSV file's are.
 */
import type { FieldSpec } from '../data/spec.js';
import type { SqlConnection } from './sql-connection.js';
import type { DatasetRelation } from './dataset-relation.js';

const POSTGRES_TEXT = /^(text|character varying|character|name|"char"|citext)$/;
const CLICKHOUSE_TEXT = /^(Nullable\()?(LowCardinality\()?(Nullable\()?(String|FixedString\(\d+\))\)*$/;
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

/** The first field the push-down would read as a number whose server column holds text, if any. */
export function numberInTextColumn(fields: readonly FieldSpec[], types: Map<string, string>, dialect: 'postgres' | 'clickhouse'): { field: FieldSpec; type: string } | undefined {
    const text = dialect === 'postgres' ? POSTGRES_TEXT : CLICKHOUSE_TEXT;
    for (const field of fields) {
        const type = types.get(field.column);
        if (NUMERIC_KINDS.has(field.kind) && type !== undefined && text.test(type)) return { field, type };
    }
    return undefined;
}
