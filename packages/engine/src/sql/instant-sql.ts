/**
 * How the push-down compares a row's event time with the plan's half-open UTC instants.
 *
 * The instants are the project's own (epoch ms, computed by its time code); SQL only compares.
 * On PostgreSQL a `timestamptz` column is compared with the instants bound as `timestamptz`
 * parameters ('2026-01-01T00:00:00.000Z'): an 8-byte integer comparison per row, where
 * `floor(extract(epoch from c) * 1000)::bigint` computed a numeric per row and comparison (at
 * 1M rows that made the push-down slower than pulling every row). Both forms agree: for an
 * integer B, floor(x) >= B exactly when x >= B, and a timestamptz holds microseconds, so
 * c >= B ms exactly when its epoch ms, floored, is >= B. A `timestamp` (without zone) column
 * is compared with `timestamp` parameters (PostgreSQL ignores the `Z` of the text, as
 * extract(epoch …) reads such a column as UTC). Any other column type, or an unknown one, keeps
 * the epoch-ms expression. DuckDB and ClickHouse keep theirs (epoch_ms(c) is cheap; ClickHouse
 * columns hold Int64 epoch ms already).
 */
import type { SqlDialectName } from './sql-connection.js';
import { epochMs, type SqlParams } from './sql-dialect.js';

export interface InstantSql {
    /** The expression compared with bound instants. */
    readonly value: string;
    /** A bound instant (epoch ms) comparable with `value`. */
    bind(params: SqlParams, ms: number): string;
    /** Epoch ms (bigint) of an expression of the same type as `value` (e.g. MIN(value)). */
    epochMsOf(expression: string): string;
}

/** PostgreSQL's `data_type` of a column (information_schema.columns), when known. */
export function instantSql(dialect: SqlDialectName, column: string, postgresType: string | undefined): InstantSql {
    if (dialect === 'postgres' && (postgresType === 'timestamp with time zone' || postgresType === 'timestamp without time zone')) {
        const cast = postgresType === 'timestamp with time zone' ? 'timestamptz' : 'timestamp';
        return {
            value: column,
            bind: (params, ms) => `${params.bind(isoInstant(ms))}::${cast}`,
            epochMsOf: (expression) => epochMs(dialect, expression)
        };
    }
    const value = epochMs(dialect, column);
    return { value, bind: (params, ms) => params.bind(ms), epochMsOf: (expression) => expression };
}

/** An instant as PostgreSQL reads it exactly: ISO 8601 in UTC with milliseconds ('2026-01-01T00:00:00.000Z'). */
export function isoInstant(ms: number): string {
    if (!Number.isSafeInteger(ms)) throw new Error(`not an instant: ${ms}`);
    return new Date(ms).toISOString();
}
