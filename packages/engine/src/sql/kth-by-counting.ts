/**
 * The k-th smallest values of many (scope, window) groups by counting passes over value
 * buckets: no sort of the rows, no window function over them — so ClickHouse 18.16 can do it
 * (its `arraySort(groupArray(…))` over the rows hung the server at 1M rows), and PostgreSQL does
 * not sort the table (its row_number() over every row was the slowest query of the push-down).
 *
 * Each round counts the rows per (window, scope, bucket) where bucket = floor(v · M), M a power
 * of two: float64(v) · 2^j is exact, so the bucket is a non-decreasing function of the value and
 * buckets are contiguous, ordered ranges of values, whatever the float rounding of float64(v).
 * The server then adds the counts in bucket order per (window, scope) — few rows: one per
 * bucket — and sends back, per rank wanted, only the bucket holding it: its key, the rows below
 * it, its count and its smallest and largest value (PostgreSQL and DuckDB with a running SUM over
 * the counted rows joined to the ranks as VALUES; ClickHouse 18.16, without window functions,
 * with arrayCumSum over the sorted counts of each group). A bucket whose smallest and largest
 * values are equal gives the k-th value; the others are counted again, only
 * their rows (a tuple IN filter), up to 1,024 times finer; when they hold few rows, the last round counts their distinct
 * values themselves (exact, as stored). What moves over the wire is one row per rank and round
 * (usually two rounds), not one per bucket or distinct value.
 */
import type { SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { SqlParams } from './sql-dialect.js';

/** One group whose k-th values are wanted: a scope (interned id) and a window (its half-open segment range; windows do not overlap). */
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
    /** PostgreSQL: the type a bound scope value is cast to in VALUES (text, numeric, boolean). */
    scopeType: 'text' | 'numeric' | 'boolean';
    targets: readonly CountingTarget[];
    /** The smallest and largest value over all targets' rows (from the min/max already pushed down). */
    low: number;
    high: number;
    run: (query: SqlQuery) => Promise<SqlValue[][]>;
}

/**
 * Each round splits the targets' buckets into this many (a power of two): the server counts them, only the ones holding a rank come
 * back. Fewer when the targets are many (a portfolio's thousands of client windows): the server's table of counts stays about
 * COUNTED_GROUPS entries, at the price of a round more.
 */
const MAX_FAN_OUT = 1024;
const MIN_FAN_OUT = 16;
const COUNTED_GROUPS = 2 ** 19;
/** Past this many rounds the distinct values are counted whatever their number. */
const MAX_ROUNDS = 8;
/** When the targets' buckets hold at most this many rows, the next round counts their distinct values (on the server: one row per rank comes back). */
const VALUE_ROUND_ROWS = 1_000_000;
/** Counting distinct values of more rows than this gives up (the caller takes another path): the server would group them all. */
const MAX_VALUE_ROWS = 20_000_000;
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

/** What a round asks for: per (window, scope, bucket of the previous round), the ranks within it. */
interface RoundGroup {
    window: number;
    scopeId: number;
    prior: number;
    needs: number[];
}

/** The first counting round as `sla sql` shows it: rows per (segment, scope, bucket) at the power of two `scale`, before the ranks are picked. */
export function firstCountingRound(dialect: SqlDialectName, rows: SqlQuery, scale: number): SqlQuery {
    const params = new SqlParams(dialect);
    params.values.push(...rows.params);
    return { text: countsSql({ dialect, rows } as CountingInput, 'sla_segment', '', scale, undefined), params: params.values };
}

/** `${scopeId}:${first}:${end}` → the k-th values in `ks` order; undefined when the rows to count would be too many. */
export async function kthValuesByCounting(input: CountingInput): Promise<Map<string, (number | null)[]> | undefined> {
    const states: SearchState[] = [];
    for (const target of input.targets) for (const k of new Set(target.ks)) states.push({ target, k, offset: 0, bucket: undefined, count: Number.POSITIVE_INFINITY, value: undefined });
    if (input.high === input.low) {
        for (const state of states) state.value = input.low; // every value is the same
    } else {
        const window = windowSql(input.targets);
        const windowScopes = new Set(input.targets.map((target) => `${target.scopeId}:${target.first}`)).size;
        const fanOut = Math.min(MAX_FAN_OUT, Math.max(MIN_FAN_OUT, 2 ** Math.floor(Math.log2(COUNTED_GROUPS / windowScopes))));
        let scale = 2 ** Math.floor(Math.log2(fanOut / (input.high - input.low))); // (high − low) · scale ∈ (fanOut / 2, fanOut]
        let previous: number | undefined;
        for (let round = 1; states.some((state) => state.value === undefined); round++) {
            const open = states.filter((state) => state.value === undefined);
            const openRows = sumOverBuckets(open);
            const largest = Math.max(Math.abs(input.low), Math.abs(input.high)) * scale;
            const byValue = previous !== undefined && (openRows <= VALUE_ROUND_ROWS || largest > MAX_BUCKET || round > MAX_ROUNDS);
            if (byValue && openRows > MAX_VALUE_ROWS) return undefined;
            const groups = roundGroups(open);
            const rows = await input.run(roundQuery(input, window, groups, byValue ? undefined : scale, previous));
            place(open, groups, rows, byValue);
            previous = scale;
            scale *= fanOut;
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

/** The window of a row from its segment: the window's first segment (windows do not overlap), −1 outside every window. */
function windowSql(targets: readonly CountingTarget[]): string {
    const ranges = [...new Map(targets.map((target) => [`${target.first}:${target.end}`, target])).values()].sort((a, b) => a.first - b.first || a.end - b.end);
    for (let i = 1; i < ranges.length; i++) if (ranges[i]!.first < ranges[i - 1]!.end) throw new Error('counting rounds need windows that do not overlap');
    if (ranges.every((range) => range.end === range.first + 1)) return 'sla_segment';
    return `CASE ${ranges.map((range) => `WHEN sla_segment >= ${integer(range.first)} AND sla_segment < ${integer(range.end)} THEN ${integer(range.first)}`).join(' ')} ELSE -1 END`;
}

/** The open states' (window, scope, previous bucket) groups and the ranks wanted in each, counted from the group's first row. */
function roundGroups(open: SearchState[]): RoundGroup[] {
    const groups = new Map<string, RoundGroup>();
    for (const state of open) {
        const prior = state.bucket ?? 0;
        const key = `${state.target.first}:${state.target.scopeId}:${prior}`;
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { window: state.target.first, scopeId: state.target.scopeId, prior, needs: [] }));
        const need = state.k - state.offset;
        if (!group.needs.includes(need)) group.needs.push(need);
    }
    return [...groups.values()];
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
 * The counts of a round: rows (window, scope, previous bucket, key, count, smallest, largest value)
 * per (window, scope, key), key the bucket at `scale` or the value itself when `scale` is undefined;
 * `filter` keeps only the rows of the open groups' buckets.
 */
function countsSql(input: CountingInput, window: string, filter: string, scale: number | undefined, previous: number | undefined): string {
    const { dialect } = input;
    // ClickHouse 18.16 stops (a crash) grouping by a Decimal(38, s) beside a String: its values are grouped by their float64 and the exact value read as MIN.
    const key = scale === undefined ? (dialect === 'clickhouse' ? 'toFloat64(sla_value)' : 'sla_value') : bucketSql(dialect, dialect === 'postgres' ? 'sla_f' : 'sla_value', scale);
    const prior = previous === undefined ? '0' : bucketSql(dialect, dialect === 'postgres' ? 'sla_f' : 'sla_value', previous);
    // PostgreSQL converts numeric to float8 through text, and repeats an expression a flattened subquery names in several places:
    // the float computed once per row in a subquery the planner keeps (OFFSET 0).
    const source = dialect === 'postgres'
        ? `(SELECT ${window} AS sla_window, sla_scope, sla_value, (sla_value)::float8 AS sla_f FROM (${input.rows.text}) AS sla_r OFFSET 0)`
        : dialect === 'clickhouse'
          // Nullable columns make every expression over them Nullable, and 18.16 refuses the arrays of a Nullable key ("Nested type
          // Array(UInt8) cannot be inside Nullable type"): the rows hold no NULL (filtered out), so their types drop Nullable.
          ? `(SELECT assumeNotNull(${window}) AS sla_window, assumeNotNull(sla_scope) AS sla_scope, assumeNotNull(sla_value) AS sla_value FROM (${input.rows.text}) AS sla_r)`
          : `(SELECT ${window} AS sla_window, sla_scope, sla_value FROM (${input.rows.text}) AS sla_r)`;
    const where = [window === 'sla_segment' ? '' : 'sla_window >= 0', filter].filter((condition) => condition !== '');
    // The previous bucket is a function of the key (floor(1024x) determines floor(x); a value its bucket): read as MIN, not grouped by (fewer keys, and 18.16 crashed on some key sets).
    return `SELECT sla_window, sla_scope, ${previous === undefined ? prior : `MIN(${prior})`} AS sla_prior, ${key} AS sla_key, COUNT(*) AS sla_n, MIN(sla_value) AS sla_low, MAX(sla_value) AS sla_high FROM ${source} AS sla_rows${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} GROUP BY sla_window, sla_scope, sla_key`;
}

/**
 * One round: the counts (countsSql), then per wanted rank only the bucket holding it, as rows
 * (group number, rank within the group, key, rows below the bucket, rows in it, smallest, largest value).
 */
function roundQuery(input: CountingInput, window: string, groups: RoundGroup[], scale: number | undefined, previous: number | undefined): SqlQuery {
    const { dialect } = input;
    const params = new SqlParams(dialect);
    params.values.push(...input.rows.params);
    const scopes = new Map<number, string>();
    // A scope value bound once however many groups name it; PostgreSQL and DuckDB infer no type inside VALUES: cast.
    // ClickHouse types a literal by its spelling: a number column's value goes as a number (Int64 and Decimal cells arrive as text).
    const scopeSql = (scopeId: number): string => {
        let placeholder = scopes.get(scopeId);
        if (placeholder === undefined) {
            const cell = input.scopeCell(scopeId);
            if (cell === undefined) placeholder = '0';
            else if (dialect === 'postgres') placeholder = `${params.bind(cell)}::${input.scopeType}`;
            else if (dialect === 'duckdb') placeholder = `CAST(${params.bind(cell)} AS ${input.scopeType === 'text' ? 'VARCHAR' : input.scopeType === 'boolean' ? 'BOOLEAN' : 'DOUBLE'})`;
            else placeholder = params.bind(input.scopeType === 'numeric' && typeof cell === 'string' ? numberLiteral(cell) : cell);
            scopes.set(scopeId, placeholder);
        }
        return placeholder;
    };
    let filter = '';
    if (previous !== undefined) {
        const prior = bucketSql(dialect, dialect === 'postgres' ? 'sla_f' : 'sla_value', previous);
        const tuples = groups.map((group) => `(${integer(group.window)}, ${scopeSql(group.scopeId)}, ${integer(group.prior)})`);
        // PostgreSQL hashes a VALUES list (a semi-join); a plain IN list of rows would be an OR tested row by row. ClickHouse builds a set from the literal tuples.
        filter = `(sla_window, sla_scope, ${prior}) IN (${dialect === 'clickhouse' ? tuples.join(', ') : `VALUES ${tuples.join(', ')}`})`;
    }
    const counts = countsSql(input, window, filter, scale, previous);
    if (dialect !== 'clickhouse') {
        // A running sum of the counts in key order per group (few rows: one per bucket), joined to the ranks wanted: the bucket where it passes each rank.
        const wanted = groups.flatMap((group, index) => group.needs.map((need) => `(${integer(index + 1)}, ${integer(group.window)}, ${scopeSql(group.scopeId)}, ${integer(group.prior)}, ${integer(need)})`));
        const running = `SELECT sla_b.*, SUM(sla_n) OVER (PARTITION BY sla_window, sla_scope, sla_prior ORDER BY sla_key) AS sla_cum FROM (${counts}) AS sla_b`;
        return {
            text: `SELECT sla_t.sla_group, sla_t.sla_need, sla_c.sla_key, sla_c.sla_cum - sla_c.sla_n AS sla_below, sla_c.sla_n, sla_c.sla_low, sla_c.sla_high FROM (${running}) AS sla_c JOIN (VALUES ${wanted.join(', ')}) AS sla_t(sla_group, sla_window, sla_scope, sla_prior, sla_need) ON sla_c.sla_window = sla_t.sla_window AND sla_c.sla_scope = sla_t.sla_scope AND sla_c.sla_prior = sla_t.sla_prior AND sla_c.sla_cum >= sla_t.sla_need AND sla_c.sla_cum - sla_c.sla_n < sla_t.sla_need`,
            params: params.values
        };
    }
    // ClickHouse 18.16 (no window functions): the counted rows (few) numbered by their group with transform (a hash lookup) over the groups' keys
    // `window|prior|scope` (one array of string literals: a portfolio has thousands of groups, and the server refuses queries of more
    // than 50,000 syntax nodes), gathered per group into arrays sorted by key, and the first running sum reaching each rank picked.
    // A number or boolean scope is compared as the server's text of it (the cell arrived as that text, or as a number that prints the same).
    const keys = groups.map((group) => {
        const cell = input.scopeCell(group.scopeId);
        return params.bind(`${integer(group.window)}|${integer(group.prior)}|${cell === undefined ? '0' : String(cell)}`);
    });
    const scopeText = input.scopeType === 'text' && input.scopeCell(groups[0]?.scopeId ?? 0) !== undefined ? 'sla_scope' : 'toString(sla_scope)';
    const needs = `[${groups.map((group) => `[${group.needs.map(integer).join(', ')}]`).join(', ')}]`;
    const sorted = (column: string): string => `arraySort((sla_x, sla_k) -> sla_k, groupArray(${column}), groupArray(sla_key))`;
    const numbered = `SELECT transform(concat(toString(sla_window), '|', toString(sla_prior), '|', ${scopeText}), [${keys.join(', ')}], [${keys.map((_, index) => integer(index + 1)).join(', ')}], 0) AS sla_group, sla_key, sla_n, sla_low, sla_high FROM (${counts})`;
    const gathered = `SELECT sla_group, arraySort(groupArray(sla_key)) AS sla_keys, ${sorted('sla_n')} AS sla_ns, ${sorted('sla_low')} AS sla_lows, ${sorted('sla_high')} AS sla_highs FROM (${numbered}) WHERE sla_group > 0 GROUP BY sla_group`;
    const ranked = `SELECT sla_group, arrayJoin(${needs}[sla_group]) AS sla_need, sla_keys, sla_ns, arrayCumSum(sla_ns) AS sla_cums, sla_lows, sla_highs FROM (${gathered})`;
    return {
        text: `SELECT sla_group, sla_need, sla_keys[sla_i] AS sla_key, sla_cums[sla_i] - sla_ns[sla_i] AS sla_below, sla_ns[sla_i] AS sla_n, sla_lows[sla_i] AS sla_low, sla_highs[sla_i] AS sla_high FROM (SELECT *, arrayFirstIndex(sla_c -> sla_c >= sla_need, sla_cums) AS sla_i FROM (${ranked})) WHERE sla_i > 0`,
        params: params.values
    };
}

/** Reads a round: per open state, the bucket holding its rank (or its value when the bucket holds one value). */
function place(open: SearchState[], groups: RoundGroup[], rows: SqlValue[][], byValue: boolean): void {
    // `${group number}:${need}` → [key, below, count, smallest, largest]
    const found = new Map<string, [SqlValue, number, number, SqlValue, SqlValue]>();
    for (const cells of rows) found.set(`${Number(cells[0])}:${Number(cells[1])}`, [cells[2]!, Number(cells[3]), Number(cells[4]), cells[5]!, cells[6]!]);
    const numbers = new Map(groups.map((group, index) => [`${group.window}:${group.scopeId}:${group.prior}`, index + 1]));
    for (const state of open) {
        const need = state.k - state.offset;
        const hit = found.get(`${numbers.get(`${state.target.first}:${state.target.scopeId}:${state.bucket ?? 0}`)}:${need}`);
        // The counts come from the rows the earlier queries counted: none now means the table changed under the evaluation.
        if (hit === undefined) throw new Error(`the rows changed during the evaluation: rank ${state.k} of a window is not there now`);
        const [key, below, count, smallest, largest] = hit;
        state.offset += below;
        state.count = count;
        // The same value at both ends (as stored, compared as text): every row of the bucket holds it.
        if (byValue || String(smallest) === String(largest)) state.value = Number(smallest);
        else state.bucket = Number(key);
    }
}
