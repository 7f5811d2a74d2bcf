/**
 * The k-th smallest values of many (scope, window) groups by counting passes over value
 * buckets: no sort, no window function, no arrays — so ClickHouse 18.16 can do it (its
 * `arraySort(groupArray(…))` hung the server at 1M rows, and counting every distinct value per
 * segment sent 609,412 rows at 1M rows), and PostgreSQL does not sort the table (its
 * row_number() over every row was the slowest query of the push-down).
 *
 * Each round counts the rows per (segment, scope, bucket) where bucket = floor(v · M), M a
 * power of two: float64(v) · 2^j is exact, so the bucket is a non-decreasing function of the
 * value and buckets are contiguous, ordered ranges of values, whatever the float rounding of
 * float64(v). The project then finds, per target (scope, window, k), the bucket holding the
 * k-th value by adding counts in bucket order, and the next round counts only the rows of the
 * targets' buckets (a tuple IN filter) with M eight times finer. When the targets' buckets hold
 * few rows, the last round counts their distinct values themselves (exact, as stored), and the
 * k-th value is read off. What moves over the wire is about nine rows per target and round,
 * not one per distinct value.
 */
import type { SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { SqlParams } from './sql-dialect.js';

/** One group whose k-th values are wanted: a scope (interned id) and a window (its half-open segment range). */
export interface CountingTarget {
    scopeId: number;
    first: number;
    end: number;
    /** Ranks wanted (1-based), in the percentiles' order. */
    ks: number[];
}

export interface CountingInput {
    dialect: SqlDialectName;
    /** `SELECT … AS sla_segment, … AS sla_scope, … AS sla_value FROM … WHERE …` (values and scopes not NULL). */
    rows: SqlQuery;
    /** The scope cell to bind for an interned scope id; undefined when the group has no scope (sla_scope is 0). */
    scopeCell: (scopeId: number) => SqlValue | undefined;
    /** The interned scope id of a returned sla_scope cell. */
    scopeIdOf: (cell: SqlValue) => number;
    /** PostgreSQL: the type a bound scope value is cast to in VALUES (text, numeric, boolean). */
    scopeType: 'text' | 'numeric' | 'boolean';
    targets: readonly CountingTarget[];
    /** The smallest and largest value over all targets' rows (from the min/max already pushed down). */
    low: number;
    high: number;
    run: (query: SqlQuery) => Promise<SqlValue[][]>;
}

/** Each round refines the targets' buckets this many times. */
const FAN_OUT = 8;
/** Past this many rounds the distinct values are counted whatever their number. */
const MAX_ROUNDS = 12;
/** Counting distinct values that would send more rows than this gives up (the caller takes another path). */
const MAX_VALUE_ROWS = 200_000;
/** Buckets past 2^50 would lose the exactness of float64 · 2^j as integers: count values instead. */
const MAX_BUCKET = 2 ** 50;

interface SearchState {
    target: CountingTarget;
    k: number;
    /** Rows of the group below the current bucket. */
    offset: number;
    /** The bucket holding the k-th value at the previous round's M (undefined before the first round). */
    bucket: number | undefined;
    /** Rows in that bucket. */
    count: number;
    value: number | undefined;
}

/** The first counting round as `sla sql` shows it: rows per (segment, scope, bucket) at the power of two `scale`. */
export function firstCountingRound(dialect: SqlDialectName, rows: SqlQuery, scale: number): SqlQuery {
    return countingQuery({ dialect, rows } as CountingInput, [], scale, undefined);
}

/** `${scopeId}:${first}:${end}` → the k-th values in `ks` order; undefined when the rows to count would be too many. */
export async function kthValuesByCounting(input: CountingInput): Promise<Map<string, (number | null)[]> | undefined> {
    const states: SearchState[] = [];
    for (const target of input.targets) for (const k of new Set(target.ks)) states.push({ target, k, offset: 0, bucket: undefined, count: Number.POSITIVE_INFINITY, value: undefined });
    if (input.high === input.low) {
        for (const state of states) state.value = input.low; // every value is the same
    } else {
        let scale = 2 ** Math.floor(Math.log2(FAN_OUT / (input.high - input.low))); // (high − low) · scale ∈ (FAN_OUT / 2, FAN_OUT]
        let previous: number | undefined;
        for (let round = 1; states.some((state) => state.value === undefined); round++) {
            const open = states.filter((state) => state.value === undefined);
            const openRows = sumOverBuckets(open);
            const largest = Math.max(Math.abs(input.low), Math.abs(input.high)) * scale;
            const byValue = previous !== undefined && (openRows <= FAN_OUT * open.length || largest > MAX_BUCKET || round > MAX_ROUNDS);
            if (byValue && openRows > MAX_VALUE_ROWS) return undefined;
            const rows = await input.run(countingQuery(input, open, byValue ? undefined : scale, previous));
            place(input, open, rows, byValue);
            previous = scale;
            scale *= FAN_OUT;
        }
    }
    const found = new Map<string, (number | null)[]>();
    for (const target of input.targets) {
        const mine = states.filter((state) => state.target === target);
        found.set(`${target.scopeId}:${target.first}:${target.end}`, target.ks.map((k) => mine.find((state) => state.k === k)!.value ?? null));
    }
    return found;
}

/** Rows in the open states' buckets, each (scope, window, bucket) once. */
function sumOverBuckets(open: SearchState[]): number {
    const seen = new Map<string, number>();
    for (const state of open) seen.set(`${state.target.scopeId}:${state.target.first}:${state.target.end}:${state.bucket}`, state.count);
    let total = 0;
    for (const count of seen.values()) total += count;
    return total;
}

/** Power-of-two multipliers as exact decimal literals (JavaScript prints them exactly, 2^-10 = 0.0009765625). */
function multiplier(scale: number): string {
    const text = String(scale);
    if (!Number.isFinite(scale) || scale <= 0 || Number(text) !== scale) throw new Error(`not a multiplier: ${scale}`);
    return text;
}

function bucketSql(dialect: SqlDialectName, value: string, scale: number): string {
    switch (dialect) {
        case 'postgres':
            return `floor(${value} * ${multiplier(scale)}::float8)::bigint`;
        case 'duckdb':
            return `CAST(floor(CAST(${value} AS DOUBLE) * CAST(${multiplier(scale)} AS DOUBLE)) AS BIGINT)`;
        case 'clickhouse':
            return `toInt64(floor(toFloat64(${value}) * ${multiplier(scale)}))`;
    }
}

/** A number cell's text as a bound value: whole numbers exactly (bigint), others as doubles. */
function numberLiteral(text: string): bigint | number {
    return /^-?\d+$/.test(text) ? BigInt(text) : Number(text);
}

function integer(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
}

/**
 * One counting round: rows (segment, scope, previous bucket, key, count) where key is the bucket
 * at `scale`, or the value itself when `scale` is undefined; after the first round only the rows
 * of the open states' buckets (segments of their windows, their scope, their bucket at `previous`).
 */
function countingQuery(input: CountingInput, open: SearchState[], scale: number | undefined, previous: number | undefined): SqlQuery {
    const { dialect } = input;
    const params = new SqlParams(dialect);
    params.values.push(...input.rows.params);
    // ClickHouse 18.16 stops (a crash) grouping by a Decimal(38, s) beside a String: its values are grouped by their float64 and the exact value read as MIN.
    const exactByFloat = scale === undefined && dialect === 'clickhouse';
    // PostgreSQL converts numeric to float8 through text, and repeats an expression a flattened subquery names in several places:
    // the float computed once per row in a subquery the planner keeps (OFFSET 0).
    const float = dialect === 'postgres' ? 'sla_f' : 'sla_value';
    const key = scale === undefined ? (exactByFloat ? 'toFloat64(sla_value)' : 'sla_value') : bucketSql(dialect, float, scale);
    const prior = previous === undefined ? '0' : bucketSql(dialect, float, previous);
    const source = dialect === 'postgres' ? `(SELECT sla_segment, sla_scope, sla_value, (sla_value)::float8 AS sla_f FROM (${input.rows.text}) AS sla_r OFFSET 0)` : `(${input.rows.text})`;
    let filter = '';
    if (previous !== undefined) {
        const scopes = new Map<number, string>();
        const scopeSql = (scopeId: number): string => {
            let placeholder = scopes.get(scopeId);
            if (placeholder === undefined) {
                const cell = input.scopeCell(scopeId);
                // PostgreSQL infers no type inside VALUES: cast. ClickHouse types a literal by its spelling: a number column's value goes as a number (Int64 and Decimal cells arrive as text).
                placeholder = cell === undefined ? '0' : dialect === 'postgres' ? `${params.bind(cell)}::${input.scopeType}` : params.bind(input.scopeType === 'numeric' && typeof cell === 'string' ? numberLiteral(cell) : cell);
                scopes.set(scopeId, placeholder);
            }
            return placeholder;
        };
        const tuples = new Set<string>();
        for (const state of open) {
            for (let segment = state.target.first; segment < state.target.end; segment++) tuples.add(`(${integer(segment)}, ${scopeSql(state.target.scopeId)}, ${integer(state.bucket!)})`);
        }
        // PostgreSQL hashes a VALUES list (a semi-join); a plain IN list of rows would be an OR tested row by row. ClickHouse builds a set from the literal tuples.
        const list = dialect === 'clickhouse' ? [...tuples].join(', ') : `VALUES ${[...tuples].join(', ')}`;
        filter = ` WHERE (sla_segment, sla_scope, ${prior}) IN (${list})`;
    }
    // The previous bucket is a function of the key (floor(8x) determines floor(x); a value its bucket): read as MIN, not grouped by (fewer keys, and 18.16 crashed on some key sets).
    return {
        text: `SELECT sla_segment, sla_scope, ${previous === undefined ? prior : `MIN(${prior})`} AS sla_prior, ${key} AS sla_key, COUNT(*) AS sla_n${exactByFloat ? ', MIN(sla_value) AS sla_exact' : ''} FROM ${source} AS sla_rows${filter} GROUP BY sla_segment, sla_scope, sla_key`,
        params: params.values
    };
}

/** Reads a round's counts: per open state, its bucket's counts in order, the one holding rank k − offset. */
function place(input: CountingInput, open: SearchState[], rows: SqlValue[][], byValue: boolean): void {
    // scope id → segment → [prior, key, count, exact value][]
    const byScope = new Map<number, Map<number, [number, SqlValue, number, SqlValue][]>>();
    for (const cells of rows) {
        const scopeId = input.scopeIdOf(cells[1]!);
        let segments = byScope.get(scopeId);
        if (segments === undefined) byScope.set(scopeId, (segments = new Map()));
        const segment = Number(cells[0]);
        let list = segments.get(segment);
        if (list === undefined) segments.set(segment, (list = []));
        list.push([Number(cells[2]), cells[3]!, Number(cells[4]), cells[5] ?? cells[3]!]);
    }
    for (const state of open) {
        const segments = byScope.get(state.target.scopeId);
        // key → [order, count, exact value]: the same key from several segments of the window is one entry.
        const merged = new Map<string, [number, number, SqlValue]>();
        for (let segment = state.target.first; segment < state.target.end; segment++) {
            for (const [prior, key, count, exact] of segments?.get(segment) ?? []) {
                if (state.bucket !== undefined && prior !== state.bucket) continue;
                const text = String(key);
                const entry = merged.get(text);
                if (entry === undefined) merged.set(text, [Number(key), count, exact]);
                else entry[1] += count;
            }
        }
        const ordered = [...merged.values()].sort((a, b) => a[0] - b[0]);
        const need = state.k - state.offset;
        let seen = 0;
        let placed = false;
        for (const [order, count, exact] of ordered) {
            if (seen + count >= need) {
                state.offset += seen;
                state.count = count;
                if (byValue) state.value = Number(exact);
                else state.bucket = order;
                placed = true;
                break;
            }
            seen += count;
        }
        // The counts come from the rows the earlier queries counted: fewer now means the table changed under the evaluation.
        if (!placed) throw new Error(`the rows changed during the evaluation: rank ${state.k} of a window has ${state.offset + seen} rows now`);
    }
}
