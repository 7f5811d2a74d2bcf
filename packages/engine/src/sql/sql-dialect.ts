/**
 * What differs between the three SQL dialects the compiler writes: identifier quoting, how a
 * bound parameter is typed, and how a timestamp column becomes epoch milliseconds. Everything
 * else the compiler writes is SQL all three accept (ClickHouse 18.16 included: no window
 * functions, no DateTime64). No time-zone arithmetic is ever written: instants are compared
 * as integers (epoch ms) computed by the project's own time code.
 */
import type { TableSource } from '../data/spec.js';
import type { SqlDialectName, SqlValue } from './sql-connection.js';

export const SQL_DIALECTS: readonly SqlDialectName[] = ['duckdb', 'postgres', 'clickhouse'];

/** `"a""b"` (DuckDB, PostgreSQL) or `` `a``b` `` (ClickHouse): a name from a .sla file is always data, never SQL. */
export function quoteIdentifier(dialect: SqlDialectName, name: string): string {
    if (name.includes('\0')) throw new Error(`a SQL name cannot contain a NUL character: ${JSON.stringify(name)}`);
    if (dialect === 'clickhouse') return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '``')}\``;
    return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"` or `"table"`. */
export function tableReference(dialect: SqlDialectName, table: TableSource): string {
    return table.schema === undefined ? quoteIdentifier(dialect, table.name) : `${quoteIdentifier(dialect, table.schema)}.${quoteIdentifier(dialect, table.name)}`;
}

/** The epoch milliseconds of a timestamp column (ClickHouse: the column already holds Int64 epoch ms; 18.16 has no DateTime64). */
export function epochMs(dialect: SqlDialectName, column: string): string {
    switch (dialect) {
        case 'duckdb':
            return `epoch_ms(${column})`;
        case 'postgres':
            return `floor(extract(epoch from ${column}) * 1000)::bigint`;
        case 'clickhouse':
            return `toInt64(${column})`;
    }
}

/** Collects bound values and writes their placeholders: `$1`, cast where PostgreSQL cannot infer a type. */
export class SqlParams {
    readonly values: SqlValue[] = [];
    constructor(private readonly dialect: SqlDialectName) {}

    /** A placeholder compared with a column (its type comes from the column). */
    bind(value: SqlValue): string {
        this.values.push(value);
        return `$${this.values.length}`;
    }

    /** A placeholder standing alone (VALUES, SELECT list): typed explicitly. */
    bindTyped(value: SqlValue, type: 'bigint' | 'text' | 'numeric'): string {
        const placeholder = this.bind(value);
        if (this.dialect === 'postgres') return `${placeholder}::${type}`;
        if (this.dialect === 'duckdb') return `CAST(${placeholder} AS ${type === 'bigint' ? 'BIGINT' : type === 'numeric' ? 'DECIMAL(38, 10)' : 'VARCHAR'})`;
        return type === 'bigint' ? `toInt64(${placeholder})` : placeholder;
    }
}
