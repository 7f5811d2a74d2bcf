/**
 * Push-down of `elapsed(a, b)` in filters and values: plain elapsed time is `b − a` in epoch
 * milliseconds; `elapsed(a, b) during C` (business time) is the overlap of `[a, b)` with the
 * calendar's working intervals — computed by the project's own time code (zones, DST,
 * holidays) over the span of the table's instants, and shipped as literal half-open UTC
 * instants; SQL only compares and subtracts integers: W(b) − W(a), W(t) the working time
 * before t (PostgreSQL: a binary search in arrays of the intervals; DuckDB: a correlated sum
 * over a VALUES list). `b` before `a` gives minus the working time from b to a, as locally
 * (evaluate/row-expression.ts).
 *
 * A dataset is pulled instead when a row of the period is open (an `a` without `b`: judged
 * locally after the pass, open-rows.ts), when elapsed(…) counts business days or stops for
 * pauses, on ClickHouse 18.16 (no correlated subqueries), or when the span needs more than
 * MAX_WORKING_INTERVALS intervals.
 */
import type { Expr } from '../model.js';
import type { FieldSpec } from '../data/spec.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { EvaluationPeriod } from '../evaluate/evaluation-period.js';
import { workingIntervals } from '../time/calendar.js';
import type { SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { relationSql, type DatasetRelation } from './dataset-relation.js';
import { clientScopeColumn } from './pulled-rows.js';
import { epochMs, quoteIdentifier, SqlParams } from './sql-dialect.js';

type ElapsedExpr = Extract<Expr, { type: 'elapsed' }>;

/** Working intervals beyond which business time is computed locally (the VALUES list would outgrow the query). */
const MAX_WORKING_INTERVALS = 20_000;
/** PostgreSQL writes three arrays of the intervals several times per elapsed(…): fewer (5,000 is about 20 years of weekdays). */
const MAX_POSTGRES_INTERVALS = 5_000;

/** Writes the SQL of an elapsed(…) node of the scan (throws with the reason when it cannot). */
export interface ElapsedSql {
    sql(node: ElapsedExpr): string;
}

/** Why a scan's elapsed(…) cannot be pushed down to this dialect, or undefined. */
export function elapsedRefusal(dialect: SqlDialectName, scan: DatasetScan): string | undefined {
    if (scan.elapsed.length === 0) return undefined;
    if (dialect === 'clickhouse') return 'elapsed(…) (business time, open rows) is computed locally on ClickHouse';
    if (scan.elapsed.some((node) => node.pauses !== undefined || node.unit === 'businessDays')) return 'elapsed(…) in business days or excluding pauses is computed locally';
    for (const node of scan.elapsed) if (timestampField(scan, node.start) === undefined || timestampField(scan, node.end) === undefined) return 'elapsed(…) of other than two timestamp fields is computed locally';
    return undefined;
}

function timestampField(scan: DatasetScan, expr: Expr): FieldSpec | undefined {
    if (expr.type !== 'field') return undefined;
    const field = scan.spec.fields.find((candidate) => candidate.name === expr.field);
    return field?.kind === 'timestamp' ? field : undefined;
}

/**
 * One query over the table: open rows in the period (an elapsed start without its end) and the
 * earliest and latest instant of the measured fields; then the SQL of each node. Undefined
 * when the scan measures no elapsed time.
 */
export async function prepareElapsed(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, types: Map<string, string> | undefined, run: (query: SqlQuery) => Promise<{ rows: SqlValue[][] }>): Promise<{ elapsed: ElapsedSql | undefined; queries: number } | { reason: string }> {
    if (scan.elapsed.length === 0) return { elapsed: undefined, queries: 0 };
    const refusal = elapsedRefusal(dialect, scan);
    if (refusal !== undefined) return { reason: refusal };
    // DuckDB tells column types: an instant is TIMESTAMP WITH TIME ZONE (a naive TIMESTAMP or text is read by the project, in the dataset's zone).
    for (const node of scan.elapsed) {
        for (const field of [timestampField(scan, node.start)!, timestampField(scan, node.end)!]) {
            const type = types?.get(field.column);
            if (types !== undefined && type !== 'TIMESTAMP WITH TIME ZONE') return { reason: `the column "${field.column}" of elapsed(…) is ${type ?? 'missing'}, not an instant (TIMESTAMP WITH TIME ZONE): computed locally` };
        }
    }
    const ms = (expr: Expr): string => epochMs(dialect, quoteIdentifier(dialect, timestampField(scan, expr)!.column));
    const params = new SqlParams(dialect);
    const from = relationSql(dialect, relation, params);
    const client = clientScopeColumn(scan.spec);
    const mine = client === undefined ? '1 = 1' : `${quoteIdentifier(dialect, client.column)} = ${params.bind(client.value)}`;
    const time = epochMs(dialect, quoteIdentifier(dialect, scan.spec.fields[scan.eventIndex]!.column));
    const open = scan.elapsed.map((node) => `(${ms(node.start)} IS NOT NULL AND ${ms(node.end)} IS NULL)`).join(' OR ');
    const select = [`SUM(CASE WHEN (${mine}) AND ${time} >= ${params.bind(period.start)} AND ${time} < ${params.bind(period.end)} AND (${open}) THEN 1 ELSE 0 END) AS sla_open`];
    const instants = [...new Set(scan.elapsed.filter((node) => node.calendar !== undefined).flatMap((node) => [ms(node.start), ms(node.end)]))];
    for (const instant of instants) select.push(`MIN(${instant})`, `MAX(${instant})`);
    const [cells = []] = (await run({ text: `SELECT ${select.join(', ')} FROM ${from}`, params: params.values })).rows;
    const openRows = Number(cells[0] ?? 0);
    if (openRows > 0) return { reason: `${openRows} row(s) of the period have an elapsed(…) start without its end: the rows are pulled, and open rows are judged locally` };
    const found = cells.slice(1).filter((cell) => cell !== null && cell !== undefined).map(Number);
    const low = found.length === 0 ? period.start : Math.min(...found);
    const high = found.length === 0 ? period.start : Math.max(...found) + 1;
    const elapsed = elapsedSqlOver(dialect, scan, low, high);
    return 'reason' in elapsed ? elapsed : { elapsed, queries: 1 };
}

/** The SQL of the scan's elapsed(…) nodes, business time from working intervals over `[low, high)` (the span of the rows' instants). */
export function elapsedSqlOver(dialect: SqlDialectName, scan: DatasetScan, low: number, high: number): ElapsedSql | { reason: string } {
    const refusal = elapsedRefusal(dialect, scan);
    if (refusal !== undefined) return { reason: refusal };
    const ms = (expr: Expr): string => epochMs(dialect, quoteIdentifier(dialect, timestampField(scan, expr)!.column));
    // Per calendar: how one instant's cumulative working time W(t) is written; elapsed business time is then W(b) − W(a),
    // which is also minus the working time from b to a when b is before a, as locally.
    const cumulativeOf = new Map<string, (t: string) => string>();
    for (const node of scan.elapsed) {
        if (node.calendar === undefined || cumulativeOf.has(node.calendar)) continue;
        const calendar = scan.context.calendars[node.calendar];
        if (calendar === undefined) return { reason: `unknown calendar '${node.calendar}'` };
        const intervals = workingIntervals(calendar, low, high);
        const limit = dialect === 'postgres' ? MAX_POSTGRES_INTERVALS : MAX_WORKING_INTERVALS;
        if (intervals.length > limit) return { reason: `the working time of calendar ${node.calendar} over the data has ${intervals.length} intervals (more than ${limit}): computed locally` };
        cumulativeOf.set(node.calendar, dialect === 'postgres' ? cumulativeByBinarySearch(intervals) : cumulativeBySum(intervals, low));
    }
    return {
        sql(node) {
            const start = ms(node.start);
            const end = ms(node.end);
            if (node.calendar === undefined) return `(${end} - ${start})`;
            const cumulative = cumulativeOf.get(node.calendar)!;
            return `(CASE WHEN ${start} IS NULL OR ${end} IS NULL THEN NULL ELSE ${cumulative(end)} - ${cumulative(start)} END)`;
        }
    };
}

/**
 * PostgreSQL: W(t) by binary search over the intervals' starts (`width_bucket` with a sorted array of thresholds): in the
 * interval j holding or preceding t, the working time before j plus the part of j before t. Two searches a row, where a
 * correlated sum over a VALUES list scans every interval for every row (measured: minutes at 100,000 rows).
 */
function cumulativeByBinarySearch(intervals: readonly (readonly [number, number])[]): (t: string) => string {
    if (intervals.length === 0) return () => '0';
    const before: number[] = [];
    let total = 0;
    for (const [from, to] of intervals) {
        before.push(total);
        total += to - from;
    }
    const array = (values: number[]): string => `'{${values.map(integer).join(',')}}'::bigint[]`;
    const starts = array(intervals.map(([from]) => from));
    const ends = array(intervals.map(([, to]) => to));
    const sums = array(before);
    return (t) => {
        const j = `width_bucket(${t}, ${starts})`;
        return `(CASE WHEN ${j} = 0 THEN 0 ELSE (${sums})[${j}] + LEAST(${t}, (${ends})[${j}]) - (${starts})[${j}] END)`;
    };
}

/** DuckDB: W(t) as the sum of the working time before t over the intervals (DuckDB turns the correlated subquery into a join). */
function cumulativeBySum(intervals: readonly (readonly [number, number])[], low: number): (t: string) => string {
    // No working time at all in the span: one empty interval keeps the VALUES list valid and adds nothing.
    const values = intervals.length === 0 ? `(${integer(low)}, ${integer(low)})` : intervals.map(([a, b]) => `(${integer(a)}, ${integer(b)})`).join(', ');
    return (t) => `(SELECT CAST(COALESCE(SUM(LEAST(${t}, sla_wt.sla_to) - sla_wt.sla_from), 0) AS BIGINT) FROM (VALUES ${values}) AS sla_wt(sla_from, sla_to) WHERE sla_wt.sla_from < ${t})`;
}

/** Instants the project computed (never user text): written as literals. */
function integer(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
}
