/**
 * Writes a dataset's rows into a table of PostgreSQL or of the ClickHouse cluster, so that the
 * same agreement can be evaluated from the file and from the table.
 *
 * Layout (agreed with the compiler, /work notes "sql-servers"): every declared column keeps its
 * name. Timestamps are UTC instants — PostgreSQL `timestamptz`, ClickHouse `Int64` epoch
 * milliseconds (18.16 has no DateTime64); they are read through the project's own timestamp
 * parser, so a naive time in the dataset's zone lands on the instant the spec says. Numeric
 * fields become exact numbers (`numeric` / `Decimal(38, s)` or 64-bit integers), booleans
 * `boolean` / `UInt8`, everything else text, with their text exactly as in the file.
 */
import { scanDataset, type DatasetSpec, type FieldSpec } from '../../src/data/index.js';
import { quoteIdentifier } from '../../src/sql/sql-dialect.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import type { ClickHouseCluster } from './clickhouse-cluster.js';

export type ColumnType = 'timestamp' | 'integer' | 'decimal' | 'boolean' | 'text';

export interface TableColumn {
    name: string;
    type: ColumnType;
    /** Digits after the decimal point (decimal columns). */
    scale: number;
    nullable: boolean;
}

/** Cells: timestamps as epoch ms, booleans as booleans, everything else the file's text; null when empty. */
export type Cell = number | string | boolean | null;

export interface TableData {
    columns: TableColumn[];
    rows: Cell[][];
}

const NUMERIC_KINDS = new Set(['number', 'integer', 'percent', 'duration']);
const BOOLEAN_TEXT: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** The declared columns of a dataset file and its rows (rows the engine would reject are kept as long as a table can hold them). */
export async function readDatasetTable(spec: DatasetSpec): Promise<TableData> {
    const fields = uniqueColumns(spec.fields);
    // Read every column as text except timestamps: the table holds what the file says, and the
    // evaluation's own decoders read it again (a duration in seconds stays "1.5", not 1500 ms).
    const textSpec: DatasetSpec = {
        ...spec,
        fields: fields.map((f): FieldSpec => (f.kind === 'timestamp' ? { ...f, optional: true } : { name: f.name, column: f.column, kind: 'text', optional: true }))
    };
    const rows: Cell[][] = [];
    await scanDataset(textSpec, (row) => rows.push(row.map((v) => (v === '' ? null : v))), { skipInvalid: true });
    // A number written with an exponent (`1e-2`) is the same number in plain notation, and one written with a decimal
    // comma (`decimal ","`) the same with a point: the table holds numbers, not their spelling.
    fields.forEach((field, index) => {
        if (!NUMERIC_KINDS.has(field.kind)) return;
        for (const row of rows) {
            if (typeof row[index] === 'string') row[index] = plainDecimal(spec.decimalComma === true ? (row[index] as string).replace(',', '.') : (row[index] as string));
        }
    });
    const columns = fields.map((field, index): TableColumn => columnOf(field, rows.map((row) => row[index]!)));
    for (const [index, column] of columns.entries()) {
        if (column.type !== 'boolean') continue;
        for (const row of rows) if (row[index] !== null) row[index] = BOOLEAN_TEXT[String(row[index]).toLowerCase()]!;
    }
    return { columns, rows };
}

/** `1e-2` → `0.01`, `-1.5E3` → `-1500`, exactly (digit shifting, no floating point); other text unchanged. */
export function plainDecimal(text: string): string {
    const match = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text.trim());
    if (!match) return text;
    const [, sign, whole, fraction = '', exponent] = match;
    const digits = `${whole}${fraction}`;
    const point = whole!.length + Number(exponent);
    const padded = point <= 0 ? `${'0'.repeat(1 - point)}${digits}` : point > digits.length ? `${digits}${'0'.repeat(point - digits.length)}` : digits;
    const at = Math.max(point, 1);
    const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '');
    const decimals = padded.slice(at).replace(/0+$/, '');
    return `${sign === '-' ? '-' : ''}${integer}${decimals ? `.${decimals}` : ''}`;
}

function uniqueColumns(fields: readonly FieldSpec[]): FieldSpec[] {
    const seen = new Set<string>();
    return fields.filter((f) => !seen.has(f.column) && seen.add(f.column) !== undefined);
}

function columnOf(field: FieldSpec, values: Cell[]): TableColumn {
    const present = values.filter((v) => v !== null);
    const nullable = present.length < values.length || field.optional;
    if (field.kind === 'timestamp') return { name: field.column, type: 'timestamp', scale: 0, nullable };
    const texts = present.map(String);
    if (NUMERIC_KINDS.has(field.kind) && texts.every((t) => /^-?\d{1,18}$/.test(t))) return { name: field.column, type: 'integer', scale: 0, nullable };
    if (NUMERIC_KINDS.has(field.kind) && texts.every((t) => /^-?\d{1,20}(\.\d{1,17})?$/.test(t))) {
        const scale = Math.max(0, ...texts.map((t) => (t.split('.')[1] ?? '').length));
        return { name: field.column, type: 'decimal', scale, nullable };
    }
    if (field.kind === 'boolean' && texts.every((t) => t.toLowerCase() in BOOLEAN_TEXT)) return { name: field.column, type: 'boolean', scale: 0, nullable };
    return { name: field.column, type: 'text', scale: 0, nullable };
}

// ---------------------------------------------------------------- PostgreSQL

const PG_TYPES: Record<ColumnType, (c: TableColumn) => string> = {
    timestamp: () => 'timestamptz',
    integer: () => 'bigint',
    decimal: () => 'numeric',
    boolean: () => 'boolean',
    text: () => 'text'
};

/** `CREATE TABLE` and batched `INSERT … VALUES ($1::type, …)`: values bound, never pasted. */
export async function loadPostgresTable(connection: SqlConnection, table: string, data: TableData, schema?: string): Promise<void> {
    const name = schema === undefined ? quoteIdentifier('postgres', table) : `${quoteIdentifier('postgres', schema)}.${quoteIdentifier('postgres', table)}`;
    if (schema !== undefined) await connection.query({ text: `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier('postgres', schema)}`, params: [] });
    await connection.query({ text: `DROP TABLE IF EXISTS ${name}`, params: [] });
    const definitions = data.columns.map((c) => `${quoteIdentifier('postgres', c.name)} ${PG_TYPES[c.type](c)}${c.nullable ? '' : ' NOT NULL'}`);
    await connection.query({ text: `CREATE TABLE ${name} (${definitions.join(', ')})`, params: [] });
    const perRow = Math.max(1, data.columns.length);
    const batch = Math.max(1, Math.floor(30_000 / perRow));
    for (let start = 0; start < data.rows.length; start += batch) {
        const rows = data.rows.slice(start, start + batch);
        const params: (string | boolean | null)[] = [];
        const tuples = rows.map((row) => {
            const cells = data.columns.map((column, i) => {
                const value = row[i]!;
                params.push(value === null ? null : column.type === 'timestamp' ? new Date(value as number).toISOString() : column.type === 'boolean' ? (value as boolean) : String(value));
                return `$${params.length}::${PG_TYPES[column.type](column)}`;
            });
            return `(${cells.join(', ')})`;
        });
        if (data.columns.length === 0) continue;
        await connection.query({ text: `INSERT INTO ${name} (${data.columns.map((c) => quoteIdentifier('postgres', c.name)).join(', ')}) VALUES ${tuples.join(', ')}`, params });
    }
}

// ---------------------------------------------------------------- DuckDB

const DUCKDB_TYPES: Record<ColumnType, (c: TableColumn) => string> = {
    timestamp: () => 'TIMESTAMPTZ',
    integer: () => 'BIGINT',
    decimal: (c) => `DECIMAL(38, ${c.scale})`,
    boolean: () => 'BOOLEAN',
    text: () => 'VARCHAR'
};

/** A DuckDB table (an in-memory database in tests): timestamps as TIMESTAMPTZ from their UTC text, other values bound. */
export async function loadDuckDbTable(connection: SqlConnection, table: string, data: TableData): Promise<void> {
    const name = quoteIdentifier('duckdb', table);
    await connection.query({ text: `DROP TABLE IF EXISTS ${name}`, params: [] });
    await connection.query({ text: `CREATE TABLE ${name} (${data.columns.map((c) => `${quoteIdentifier('duckdb', c.name)} ${DUCKDB_TYPES[c.type](c)}`).join(', ')})`, params: [] });
    for (const row of data.rows) {
        const params: (string | boolean | null)[] = [];
        const cells = data.columns.map((column, i) => {
            const value = row[i]!;
            params.push(value === null ? null : column.type === 'timestamp' ? new Date(value as number).toISOString().replace('T', ' ').replace('Z', '+00') : column.type === 'boolean' ? (value as boolean) : String(value));
            return `CAST($${params.length} AS ${DUCKDB_TYPES[column.type](column)})`;
        });
        await connection.query({ text: `INSERT INTO ${name} VALUES (${cells.join(', ')})`, params });
    }
}

// ---------------------------------------------------------------- ClickHouse

function clickHouseType(column: TableColumn): string {
    const base = { timestamp: 'Int64', integer: 'Int64', decimal: `Decimal(38, ${column.scale})`, boolean: 'UInt8', text: 'String' }[column.type];
    return column.nullable ? `Nullable(${base})` : base;
}

/** TabSeparated cells: backslash, tab and newline escaped, NULL as `\N`. */
function tsvCell(value: Cell, column: TableColumn): string {
    if (value === null) return '\\N';
    if (column.type === 'boolean') return value ? '1' : '0';
    return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\0/g, '\\0');
}

/**
 * A `MergeTree` table `<table>_local` on every shard holding row i on shard i mod N, and on every
 * shard a `Distributed` table `<table>` over them all: a query on `<table>` reads every shard.
 */
export async function loadClickHouseTable(cluster: ClickHouseCluster, table: string, data: TableData): Promise<void> {
    const local = `${table}_local`;
    const definitions = data.columns.map((c) => `${quoteIdentifier('clickhouse', c.name)} ${clickHouseType(c)}`).join(', ');
    const n = cluster.shards.length;
    for (const [index, shard] of cluster.shards.entries()) {
        await shard.exec(`DROP TABLE IF EXISTS ${quoteIdentifier('clickhouse', table)}`);
        await shard.exec(`DROP TABLE IF EXISTS ${quoteIdentifier('clickhouse', local)}`);
        await shard.exec(`CREATE TABLE ${quoteIdentifier('clickhouse', local)} (${definitions}) ENGINE = MergeTree ORDER BY tuple()`);
        await shard.exec(
            `CREATE TABLE ${quoteIdentifier('clickhouse', table)} AS ${quoteIdentifier('clickhouse', local)} ENGINE = Distributed(${cluster.cluster}, default, ${clickHouseString(local)})`
        );
        const lines: string[] = [];
        for (let r = index; r < data.rows.length; r += n) {
            const row = data.rows[r]!;
            lines.push(data.columns.map((c, i) => tsvCell(row[i]!, c)).join('\t'));
        }
        if (lines.length > 0) await shard.exec(`INSERT INTO ${quoteIdentifier('clickhouse', local)} FORMAT TabSeparated`, `${lines.join('\n')}\n`);
    }
}

/** The local table's name as the string argument of `Distributed(…)`. */
function clickHouseString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
