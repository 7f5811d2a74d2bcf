/**
 * Push-down of `elapsed(a, b)` in filters and values: plain elapsed time is `b − a` in epoch
 * milliseconds; `elapsed(a, b) during C` (business time) is the overlap of `[a, b)` with the
 * calendar's working intervals — computed by the project's own time code (zones, DST,
 * holidays) over the span of the table's instants, and shipped as literal half-open UTC
 * instants; SQL only compares and subtracts integers: W(b) − W(a), W(t) the working time
 * before t (cumulative-time-sql.ts: one or a few terms LEAST(t − X, Y) found by a binary
 * search on PostgreSQL, by a bucket look-up on DuckDB). A row with `b` before `a` is never
 * measured: a file pass rejects it as invalid (data/scan-context.ts), and so the statistics query
 * counts it (ordered-times-sql.ts) and the dataset is pulled, to reject it as for files.
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
import { cumulativeTimeSql, stagedCumulativeTimeSql, type InstantOperand, type StagedCumulativeTime } from './cumulative-time-sql.js';
import { instantSql, type InstantSql } from './instant-sql.js';
import { FLOAT_EXACT_UNTIL, postgresEpochMs } from './postgres-epoch-ms.js';

type ElapsedExpr = Extract<Expr, { type: 'elapsed' }>;

/** Working intervals beyond which business time is computed locally (the VALUES list would outgrow the query). */
const MAX_WORKING_INTERVALS = 20_000;
/** PostgreSQL writes three arrays of the intervals several times per elapsed(…): fewer (5,000 is about 20 years of weekdays). */
const MAX_POSTGRES_INTERVALS = 5_000;

/** Writes the SQL of an elapsed(…) node of the scan (throws with the reason when it cannot). */
export interface ElapsedSql {
    sql(node: ElapsedExpr): string;
    /**
     * PostgreSQL business time in two steps, for a query that computes per-row inputs once in an inner query: the inputs (each
     * instant's epoch ms and its binary search), and the value from references to them. Undefined for plain elapsed time.
     */
    staged?(node: ElapsedExpr): { inputs: string[]; value(refs: readonly string[]): string } | undefined;
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
export async function prepareElapsed(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, types: Map<string, string> | undefined, run: (query: SqlQuery) => Promise<{ rows: SqlValue[][] }>, serverTypes?: Map<string, string>): Promise<{ elapsed: ElapsedSql | undefined; queries: number } | { reason: string }> {
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
    // Compared and aggregated in the columns' own types (PostgreSQL: no epoch conversion per row, instant-sql.ts), converted once.
    const columnOf = (expr: Expr): string => quoteIdentifier(dialect, timestampField(scan, expr)!.column);
    const instantOf = (column: string, name: string): InstantSql => instantSql(dialect, column, serverTypes?.get(name));
    const params = new SqlParams(dialect);
    const from = relationSql(dialect, relation, params);
    const client = clientScopeColumn(scan.spec);
    const mine = client === undefined ? '1 = 1' : `${quoteIdentifier(dialect, client.column)} = ${params.bind(client.value)}`;
    const eventColumn = scan.spec.fields[scan.eventIndex]!.column;
    const time = instantOf(quoteIdentifier(dialect, eventColumn), eventColumn);
    const open = scan.elapsed.map((node) => `(${columnOf(node.start)} IS NOT NULL AND ${columnOf(node.end)} IS NULL)`).join(' OR ');
    const select = [`SUM(CASE WHEN (${mine}) AND ${time.value} >= ${time.bind(params, period.start)} AND ${time.value} < ${time.bind(params, period.end)} AND (${open}) THEN 1 ELSE 0 END) AS sla_open`];
    const measured = [...new Set(scan.elapsed.filter((node) => node.calendar !== undefined).flatMap((node) => [timestampField(scan, node.start)!.column, timestampField(scan, node.end)!.column]))];
    for (const name of measured) {
        const instant = instantOf(quoteIdentifier(dialect, name), name);
        select.push(instant.epochMsOf(`MIN(${instant.value})`), instant.epochMsOf(`MAX(${instant.value})`));
    }
    const [cells = []] = (await run({ text: `SELECT ${select.join(', ')} FROM ${from}`, params: params.values })).rows;
    const openRows = Number(cells[0] ?? 0);
    if (openRows > 0) return { reason: `${openRows} row(s) of the period have an elapsed(…) start without its end: the rows are pulled, and open rows are judged locally` };
    const found = cells.slice(1).filter((cell) => cell !== null && cell !== undefined).map(Number);
    const low = found.length === 0 ? period.start : Math.min(...found);
    const high = found.length === 0 ? period.start : Math.max(...found) + 1;
    const elapsed = elapsedSqlOver(dialect, scan, low, high, serverTypes);
    return 'reason' in elapsed ? elapsed : { elapsed, queries: 1 };
}

/** A row with an elapsed(…) start and no end (open, judged locally): the condition, over the scan's columns. */
export function openRowCondition(dialect: SqlDialectName, scan: DatasetScan): string {
    const columnOf = (expr: Expr): string => quoteIdentifier(dialect, timestampField(scan, expr)!.column);
    return scan.elapsed.map((node) => `(${columnOf(node.start)} IS NOT NULL AND ${columnOf(node.end)} IS NULL)`).join(' OR ');
}

/** The earliest and latest instant (epoch ms) of the fields business time measures, as SELECT items (the span its working intervals cover). */
export function measuredSpanSelect(dialect: SqlDialectName, scan: DatasetScan, serverTypes?: Map<string, string>): string[] {
    const measured = [...new Set(scan.elapsed.filter((node) => node.calendar !== undefined).flatMap((node) => [timestampField(scan, node.start)!.column, timestampField(scan, node.end)!.column]))];
    return measured.flatMap((name) => {
        const instant = instantSql(dialect, quoteIdentifier(dialect, name), serverTypes?.get(name));
        return [instant.epochMsOf(`MIN(${instant.value})`), instant.epochMsOf(`MAX(${instant.value})`)];
    });
}

/** The span [low, high) of the measured instants from the cells of measuredSpanSelect (the period's start when there are none). */
export function measuredSpan(cells: readonly unknown[], period: EvaluationPeriod): { low: number; high: number } {
    const found = cells.filter((cell) => cell !== null && cell !== undefined).map(Number);
    return found.length === 0 ? { low: period.start, high: period.start } : { low: Math.min(...found), high: Math.max(...found) + 1 };
}

/** The SQL of the scan's elapsed(…) nodes, business time from working intervals over `[low, high)` (the span of the rows' instants). */
export function elapsedSqlOver(dialect: SqlDialectName, scan: DatasetScan, low: number, high: number, postgresTypes?: Map<string, string>): ElapsedSql | { reason: string } {
    const refusal = elapsedRefusal(dialect, scan);
    if (refusal !== undefined || dialect === 'clickhouse') return { reason: refusal ?? 'computed locally on ClickHouse' };
    const ms = (expr: Expr): string => {
        const column = quoteIdentifier(dialect, timestampField(scan, expr)!.column);
        // PostgreSQL: extract(epoch …) is numeric arithmetic, evaluated several times a row; date_part's float8 is exact for
        // instants from 1970 to 2038 (postgres-epoch-ms.ts), the span the data were found in.
        return dialect === 'postgres' && low >= 0 && high <= FLOAT_EXACT_UNTIL ? postgresEpochMs(column) : epochMs(dialect, column);
    };
    // PostgreSQL finds an instant's working interval in its column's own type (information_schema; timestamptz when not known, as for `sla sql`).
    const instant = (expr: Expr): InstantOperand => {
        const column = timestampField(scan, expr)!.column;
        if (dialect !== 'postgres') return { ms: ms(expr) };
        const type = postgresTypes?.get(column) ?? 'timestamp with time zone';
        const searched = type === 'timestamp with time zone' ? 'timestamptz' : type === 'timestamp without time zone' ? 'timestamp' : undefined;
        return searched === undefined ? { ms: ms(expr) } : { ms: ms(expr), column: { sql: quoteIdentifier(dialect, column), type: searched } };
    };
    // Per calendar: how one instant's cumulative working time W(t) is written; elapsed business time is then W(b) − W(a)
    // (b is never before a here: such a row makes the dataset pulled, see the file comment).
    const cumulativeOf = new Map<string, (t: InstantOperand) => string>();
    const stagedOf = new Map<string, StagedCumulativeTime>();
    for (const node of scan.elapsed) {
        if (node.calendar === undefined || cumulativeOf.has(node.calendar)) continue;
        const calendar = scan.context.calendars[node.calendar];
        if (calendar === undefined) return { reason: `unknown calendar '${node.calendar}'` };
        const intervals = workingIntervals(calendar, low, high);
        const limit = dialect === 'postgres' ? MAX_POSTGRES_INTERVALS : MAX_WORKING_INTERVALS;
        if (intervals.length > limit) return { reason: `the working time of calendar ${node.calendar} over the data has ${intervals.length} intervals (more than ${limit}): computed locally` };
        cumulativeOf.set(node.calendar, cumulativeTimeSql(dialect, intervals));
        if (dialect === 'postgres') stagedOf.set(node.calendar, stagedCumulativeTimeSql(intervals));
    }
    return {
        sql(node) {
            const start = ms(node.start);
            const end = ms(node.end);
            if (node.calendar === undefined) return `(${end} - ${start})`;
            // NULL when either instant is NULL.
            const cumulative = cumulativeOf.get(node.calendar)!;
            return `(${cumulative(instant(node.end))} - ${cumulative(instant(node.start))})`;
        },
        staged(node) {
            const staged = node.calendar === undefined ? undefined : stagedOf.get(node.calendar);
            if (staged === undefined) return undefined;
            const end = instant(node.end);
            const start = instant(node.start);
            return {
                inputs: [end.ms, staged.search(end), start.ms, staged.search(start)],
                value: ([endMs, endJ, startMs, startJ]) => `(${staged.term(endMs!, endJ!)} - ${staged.term(startMs!, startJ!)})`
            };
        }
    };
}

