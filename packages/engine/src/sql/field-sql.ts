/**
 * A field's column as the push-down reads it, so that SQL sees the values a file reader sees:
 * an empty text ('') is a missing value, as an empty CSV cell or a JSON "" is (NULL in a
 * comparison; not a `for each` value; refused for a required field, see invalidRowConditions),
 * and a text field over a column of another type reads the column's text. Column types are the
 * engine's own names (DESCRIBE, information_schema, system.columns); unknown ones (`sla sql`)
 * are taken to be the documented layout: text fields in text columns.
 */
import type { FieldSpec } from '../data/spec.js';
import type { SqlDialectName } from './sql-connection.js';
import { columnKind } from './column-kinds.js';
import { quoteIdentifier } from './sql-dialect.js';

/** Text and enumeration fields: their cells are texts. */
function readsText(field: FieldSpec): boolean {
    return field.kind === 'text' || field.kind === 'enum';
}

/** True when the field's column can hold '' (a text field over a text column, or one of unknown type). */
export function mayHoldEmptyText(dialect: SqlDialectName, field: FieldSpec, types: Map<string, string> | undefined): boolean {
    const type = types?.get(field.column);
    return readsText(field) && (type === undefined || columnKind(dialect, type) === 'text');
}

/** The field's value as selected and grouped (a `for each` value): its column, or the column's text for a text field over another type. */
export function scopeValueSql(dialect: SqlDialectName, field: FieldSpec, types: Map<string, string> | undefined): string {
    const column = quoteIdentifier(dialect, field.column);
    if (!readsText(field) || mayHoldEmptyText(dialect, field, types)) return column;
    switch (dialect) {
        case 'postgres':
            return `(${column})::text`;
        case 'duckdb':
            return `CAST(${column} AS VARCHAR)`;
        case 'clickhouse':
            return `toString(${column})`;
    }
}

/** The condition that a row has the field's value (a `for each` value): not NULL, and not '' for a text. */
export function presentSql(dialect: SqlDialectName, field: FieldSpec, types: Map<string, string> | undefined): string {
    const value = scopeValueSql(dialect, field, types);
    return mayHoldEmptyText(dialect, field, types) ? `${value} IS NOT NULL AND ${value} <> ''` : `${value} IS NOT NULL`;
}

/** The field's value in a comparison: '' read as NULL (missing), as a file reader reads an empty cell. */
export function comparedValueSql(dialect: SqlDialectName, field: FieldSpec, types: Map<string, string> | undefined): string {
    const value = scopeValueSql(dialect, field, types);
    return mayHoldEmptyText(dialect, field, types) ? `${dialect === 'clickhouse' ? 'nullIf' : 'NULLIF'}(${value}, '')` : value;
}

/** The condition that a row misses the field's value: NULL, or '' for a text. */
export function missingSql(dialect: SqlDialectName, field: FieldSpec, types: Map<string, string> | undefined): string {
    const column = quoteIdentifier(dialect, field.column);
    return mayHoldEmptyText(dialect, field, types) ? `${column} IS NULL OR ${column} = ''` : `${column} IS NULL`;
}
