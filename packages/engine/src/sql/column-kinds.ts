/**
 * What a SQL column holds, from the type its engine names (DuckDB's DESCRIBE, PostgreSQL's
 * information_schema `data_type`, ClickHouse's system.columns), and which columns a field of
 * each kind can read — the rules a file reader's decoders set: a number field reads numbers
 * (or text holding them), a boolean field booleans or integers 0/1 (or text), a text field any
 * column's text. Timestamp columns have their own rules (server-column-types.ts, pulled-rows.ts).
 */
import { DECIMAL_FIELD_KINDS, type FieldSpec } from '../data/spec.js';
import type { SqlDialectName } from './sql-connection.js';

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'float' | 'boolean' | 'other';

const KINDS: Record<SqlDialectName, [ColumnKind, RegExp][]> = {
    duckdb: [
        ['text', /^VARCHAR$/],
        ['integer', /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/],
        ['decimal', /^DECIMAL/],
        ['float', /^(FLOAT|DOUBLE|REAL)$/],
        ['boolean', /^BOOLEAN$/]
    ],
    postgres: [
        ['text', /^(text|character varying|character|name|"char"|citext)$/],
        ['integer', /^(smallint|integer|bigint)$/],
        ['decimal', /^numeric$/],
        ['float', /^(real|double precision)$/],
        ['boolean', /^boolean$/]
    ],
    clickhouse: [
        ['text', /^(String|FixedString\(\d+\))$/],
        ['integer', /^U?Int(8|16|32|64|128|256)$/],
        ['decimal', /^Decimal(32|64|128)?\(/],
        ['float', /^Float(32|64)$/],
        ['boolean', /^Bool$/]
    ]
};

/** The kind of a column type; ClickHouse's `Nullable(…)` and `LowCardinality(…)` wrappers are looked through. */
export function columnKind(dialect: SqlDialectName, type: string): ColumnKind {
    const inner = dialect === 'clickhouse' ? unwrapped(type) : type;
    return KINDS[dialect].find(([, pattern]) => pattern.test(inner))?.[0] ?? 'other';
}

/** `LowCardinality(Nullable(String))` → `String`. */
function unwrapped(type: string): string {
    const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
    return inner === null ? type : unwrapped(inner[1]!);
}

/**
 * Why a column of `kind` cannot hold a field (what the field reads instead), or undefined when it
 * can. Timestamp fields are not judged here.
 */
export function fieldColumnProblem(field: FieldSpec, kind: ColumnKind): string | undefined {
    if (DECIMAL_FIELD_KINDS.has(field.kind)) return kind === 'other' || kind === 'boolean' ? `${article(field.kind)} ${field.kind} field reads a number column (integer, decimal, float) or text holding numbers` : undefined;
    if (field.kind === 'boolean') return kind === 'boolean' || kind === 'integer' || kind === 'text' ? undefined : 'a boolean field reads a boolean column, integers 0 and 1, or text holding true/false';
    return undefined;
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}
