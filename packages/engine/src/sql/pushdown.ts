/**
 * The push-down path: a dataset's decomposable statistics computed where the data live, per
 * (client scope, scope value, window segment, filter, value): row counts, counts of values,
 * exact DECIMAL sums, min and max; then the k-th smallest value of each percentile per window
 * and scope, with k = ceil(p·n) computed here in integers (never percentile_disc or
 * quantileExact: neither is nearest rank) — on DuckDB and PostgreSQL one query per percentile
 * channel for all windows and scopes (row_number() over the rows joined to the windows' instants),
 * on ClickHouse 18.16 (no window functions) counts of each value per segment, or one query per
 * window and scope when they are few. The results fill the very accumulators a file pass
 * fills (FilterGroup, ValueChannel), so ratios, objectives, credits and caps are the local
 * engine's code. Segment boundaries are the plan's own half-open UTC instants (epoch ms),
 * bound as parameters: SQL only compares integers, no zone arithmetic.
 *
 * A dataset is pushed down only when every consumer of its pass is a filter group over its
 * event time and every filter and value compiles to SQL (plain fields, literals, comparisons,
 * and/or/not, in); otherwise its rows are pulled (pulled-rows.ts) and the report says why.
 */
import type { Expr } from '../model.js';
import type { DatasetSpec, FieldSpec } from '../data/spec.js';
import type { DatasetPassResult } from '../evaluate/dataset-pass.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { EvaluationPeriod } from '../evaluate/evaluation-period.js';
import type { FilterGroup, ValueChannel } from '../evaluate/filter-group.js';
import type { SqlConnection, SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { datasetSqlError, describeColumns, describeRelation, relationSql, type DatasetRelation } from './dataset-relation.js';
import { clientScopeColumn, selectFields } from './pulled-rows.js';
import { checkColumnTypes, naiveTimestampColumn, numberInTextColumn, serverColumnTypes } from './server-column-types.js';
import { epochMs, quoteIdentifier, SqlParams } from './sql-dialect.js';
import { instantSql } from './instant-sql.js';
import { countedPercentiles, countsPercentiles } from './pushdown-counted-percentiles.js';
import { compileOutages, outagesRefusal, pushOutages } from './outage-pushdown.js';
import { elapsedRefusal, prepareElapsed, type ElapsedSql } from './elapsed-pushdown.js';
import { materialiseRows, materialisesBusinessTime, type MaterialisedRows } from './materialised-rows.js';
import { foldStats, statsLookalikes, statsScopeFields } from './stats-scope-values.js';
import { lookalikeKeySql, withLookalikes } from './client-lookalikes-sql.js';
import { clickhouseTruth, truthValue } from './clickhouse-truth.js';
import { columnKind } from './column-kinds.js';
import { orderedTimesConditions } from './ordered-times-sql.js';
import { comparedValueSql, missingSql, presentSql, scopeValueSql } from './field-sql.js';

export type PushDownOutcome = { result: DatasetPassResult; queries: number; rowsTransferred: number; bytesTransferred?: number } | { reason: string };

/** Plans with more segments than this (one-minute slices of a month) are pulled: the CASE over boundaries would outgrow the query. */
const MAX_SEGMENTS = 2000;
/** More k-th value queries than this and the values are counted per segment instead (each query reads the window's rows again). */
const MAX_PERCENTILE_QUERIES = 500;
/** ClickHouse 18.16 has no window functions to batch k-th values: past this many k-th value queries its values are counted per segment. */
const MAX_CLICKHOUSE_PERCENTILE_QUERIES = 20;
/** Batched k-th values join each row to every window holding it: past this many windows per segment on average (rolling windows), values are counted instead. */
const MAX_BATCH_OVERLAP = 4;
/** More (segment, scope, value) counts than this and the dataset is pulled. */
const MAX_VALUE_COUNT_ROWS = 1_000_000;

export class NotPushable extends Error {}

/** The compiled push-down of one dataset: the queries to run and how to read their results back. */
export interface PushDownPlan {
    dialect: SqlDialectName;
    /** Rows, rows in the period, first and last event time, rows with values a file pass would reject. */
    stats: SqlQuery;
    groups: { group: FilterGroup; query: SqlQuery; channels: ValueChannel[]; valueCounts: { channel: ValueChannel; query: SqlQuery; rows: SqlQuery }[] }[];
    /** Writes the k-th smallest value query of a channel for one window and scope value. */
    kthValue: (channel: ValueChannel, group: FilterGroup, from: number, to: number, scope: SqlValue | undefined, k: number) => SqlQuery;
    /**
     * Writes one query for the k-th smallest values of a channel in many windows and every scope
     * value at once (DuckDB, PostgreSQL: window functions): rows `(window, scope, rank, value)`
     * for the wanted ranks of each window. Undefined for ClickHouse 18.16 (no window functions).
     */
    /** uptime(…): outage unions per window and scope (outage-pushdown.ts). */
    outages: ReturnType<typeof compileOutages>;
    kthValues: ((channel: ValueChannel, group: FilterGroup, windows: readonly BatchWindow[], ranks: readonly { window: number; k: number }[], disjoint: boolean) => SqlQuery) | undefined;
}

/** A window of a batched k-th value query: its number and half-open UTC instants (epoch ms). */
export interface BatchWindow {
    id: number;
    from: number;
    to: number;
}

/** The push-down plan of a scan, or why it cannot be pushed down. `types`: column types when the engine tells them (DuckDB). */
export function planPushDown(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, types: Map<string, string> | undefined, eventColumnType?: string, elapsed?: ElapsedSql, serverTypes?: Map<string, string>, materialised?: MaterialisedRows): PushDownPlan | { reason: string } {
    if (relation.kind === 'csv') return { reason: 'a CSV file is text: its cells are decoded by the project (timestamps, decimals), so its rows are pulled' };
    if (relation.dataset.oneRowPer !== undefined) return { reason: ROW_KEY_REASON };
    const outageRefusal = outagesRefusal(dialect, scan);
    if (outageRefusal !== undefined) return { reason: outageRefusal };
    if (scan.inventories.length > 0 || scan.deployments.length > 0 || scan.items.length > 0 || scan.pauseKeys.length > 0) return { reason: 'inventories, item objectives and pause joins are computed locally' };
    if (scan.elapsed.length > 0 && elapsed === undefined) return { reason: elapsedRefusal(dialect, scan) ?? 'elapsed(…) (calendars, open rows) is computed locally' };
    if (scan.eventIndex < 0) return { reason: 'the dataset has no timestamp field' };
    if (scan.plans.some((plan) => plan.timeField !== undefined || plan.segmentCount > MAX_SEGMENTS)) return { reason: `slices by another field or of more than ${MAX_SEGMENTS} segments are computed locally` };
    const eventField = scan.spec.fields[scan.eventIndex]!;
    const eventType = types?.get(eventField.column);
    if (types !== undefined && eventType !== 'TIMESTAMP WITH TIME ZONE') return { reason: `the event time column "${eventField.column}" is ${eventType ?? 'missing'}, not an instant (TIMESTAMP WITH TIME ZONE)` };
    try {
        return compilePlan(dialect, relation, scan, period, types, eventColumnType, materialised?.elapsed ?? elapsed, serverTypes, materialised);
    } catch (error) {
        if (error instanceof NotPushable) return { reason: error.message };
        throw error;
    }
}

function compilePlan(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, types: Map<string, string> | undefined, eventColumnType: string | undefined, elapsed: ElapsedSql | undefined, serverTypes?: Map<string, string>, materialised?: MaterialisedRows): PushDownPlan {
    const fields = new Map(scan.spec.fields.map((field) => [field.name, field]));
    const column = (field: FieldSpec): string => quoteIdentifier(dialect, field.column);
    const time = epochMs(dialect, column(scan.spec.fields[scan.eventIndex]!));
    const instant = instantSql(dialect, column(scan.spec.fields[scan.eventIndex]!), eventColumnType); // compared with bound instants (instant-sql.ts)
    const scope = clientScopeColumn(scan.spec);
    // The columns' types in the engine's own names: the server's (information_schema, system.columns) or DuckDB's DESCRIBE.
    const columnTypes = serverTypes ?? types;
    // The rows with their business time computed once (materialised-rows.ts) hold the client's rows only.
    const base = (params: SqlParams): { from: string; where: string[] } => materialised !== undefined ? { from: materialised.from(params), where: [] } : ({
        from: relationSql(dialect, relation, params),
        where: scope === undefined ? [] : [`${quoteIdentifier(dialect, scope.column)} = ${params.bind(scope.value)}`]
    });

    const stats = datasetStatsQuery(dialect, relation, scan, period, eventColumnType, columnTypes);

    const valueSql = (expr: Expr): string => {
        if (expr.type === 'elapsed' && elapsed !== undefined) return elapsed.sql(expr);
        if (expr.type !== 'field') throw new NotPushable('a value other than a plain field is computed locally (exact decimal arithmetic)');
        const field = fieldOf(fields, expr.field);
        if (field.kind !== 'number' && field.kind !== 'integer' && !(field.kind === 'duration' && (field.durationUnitMs ?? 1) === 1)) throw new NotPushable(`field ${field.name} (${field.kind}) is converted by the project's decoders`);
        // Floats: their SQL sum is not exact (PostgreSQL's float8 → numeric keeps 15 digits), so the rows are pulled and summed as decimals.
        const type = columnTypes?.get(field.column);
        if (type !== undefined && columnKind(dialect, type) === 'float') throw new NotPushable(`column "${field.column}" is ${type}: its sum would not be exact in SQL`);
        return column(field);
    };
    // PostgreSQL: a column's sum in numeric (exact for decimals and integers); elapsed(…) is bigint, whose SUM is exact already (an int128 state,
    // a numeric result) and about a third cheaper than converting every row to numeric.
    const sumSql = (value: string, expr?: Expr): string => (dialect === 'postgres' && expr?.type !== 'elapsed' ? `SUM(${value}::numeric)` : `SUM(${value})`);
    const castText = (value: string): string => (dialect === 'clickhouse' ? `toString(${value})` : dialect === 'postgres' ? `(${value})::text` : `CAST(${value} AS VARCHAR)`);

    const groups = scan.groups.map((group) => {
        const plan = scan.plans[group.planIndex]!;
        const params = new SqlParams(dialect);
        const { from, where } = base(params);
        const boundaries = plan.boundaries;
        if (boundaries.length < 2) throw new NotPushable('the plan has no windows in the period');
        const conditions = [...where, `${instant.value} >= ${instant.bind(params, boundaries[0]!)}`, `${instant.value} < ${instant.bind(params, boundaries[boundaries.length - 1]!)}`];
        if (group.whereExpr !== undefined) conditions.push(conditionSql(group.whereExpr, fields, dialect, params, columnTypes, elapsed));
        const arms: string[] = [];
        for (let s = 0; s < plan.segmentCount - 1; s++) arms.push(`WHEN ${instant.value} < ${instant.bind(params, boundaries[s + 1]!)} THEN ${s}`);
        const segment = arms.length === 0 ? '0' : `CASE ${arms.join(' ')} ELSE ${plan.segmentCount - 1} END`;
        const scopeField = group.scopeSlot < 0 ? undefined : fieldOf(fields, scan.interners[group.scopeSlot]!.field);
        if (scopeField !== undefined) conditions.push(presentSql(dialect, scopeField, columnTypes));
        const select = [`${segment} AS sla_segment`, scopeField === undefined ? `0 AS sla_scope` : `${scopeValueSql(dialect, scopeField, columnTypes)} AS sla_scope`, 'COUNT(*) AS sla_n'];
        const channels = group.channels;
        channels.forEach((channel, index) => {
            const value = valueSql(channel.valueExpr);
            select.push(`COUNT(${value}) AS sla_c${index}`, `${castText(sumSql(value, channel.valueExpr))} AS sla_s${index}`, `MIN(${value}) AS sla_min${index}`, `MAX(${value}) AS sla_max${index}`);
        });
        const groupBy = scopeField === undefined ? 'sla_segment' : 'sla_segment, sla_scope';
        // For percentiles over many windows (rolling ones): how often each value occurs per segment and scope (additive over segments, so exact for any window).
        const valueCounts = channels.filter((channel) => channel.percentiles.length > 0).map((channel) => {
            const value = valueSql(channel.valueExpr);
            // ClickHouse 18.16 stops grouping by a Decimal(38, s) beside a String (kth-by-counting.ts): grouped by its float64, the exact value read as MIN.
            const text = dialect === 'clickhouse'
                ? `SELECT ${select[0]}, ${select[1]}, MIN(${value}) AS sla_value, COUNT(*) AS sla_n FROM ${from}${whereClause([...conditions, `${value} IS NOT NULL`])} GROUP BY ${groupBy}, toFloat64(${value})`
                : `SELECT ${select[0]}, ${select[1]}, ${value} AS sla_value, COUNT(*) AS sla_n FROM ${from}${whereClause([...conditions, `${value} IS NOT NULL`])} GROUP BY ${groupBy}, sla_value`;
            // The same rows uncounted, for the counting rounds of kth-by-counting.ts.
            const rows = `SELECT ${select[0]}, ${select[1]}, ${value} AS sla_value FROM ${from}${whereClause([...conditions, `${value} IS NOT NULL`])}`;
            return { channel, query: { text, params: params.values }, rows: { text: rows, params: params.values } };
        });
        return { group, channels, valueCounts, query: { text: `SELECT ${select.join(', ')} FROM ${from}${whereClause(conditions)} GROUP BY ${groupBy}`, params: params.values } };
    });

    const kthValue = (channel: ValueChannel, group: FilterGroup, fromMs: number, toMs: number, scopeValue: SqlValue | undefined, k: number): SqlQuery => {
        const params = new SqlParams(dialect);
        const { from, where } = base(params);
        const value = valueSql(channel.valueExpr);
        const conditions = [...where, `${instant.value} >= ${instant.bind(params, fromMs)}`, `${instant.value} < ${instant.bind(params, toMs)}`, `${value} IS NOT NULL`];
        if (group.whereExpr !== undefined) conditions.push(conditionSql(group.whereExpr, fields, dialect, params, columnTypes, elapsed));
        if (group.scopeSlot >= 0) conditions.push(`${scopeValueSql(dialect, fieldOf(fields, scan.interners[group.scopeSlot]!.field), columnTypes)} = ${params.bind(scopeValue ?? null)}`);
        // The k-th smallest (1-based): ORDER BY … LIMIT 1 OFFSET k − 1, which all three dialects accept (ClickHouse 18.16 included).
        return { text: `SELECT ${value} AS sla_value FROM ${from}${whereClause(conditions)} ORDER BY ${value} LIMIT 1 OFFSET ${Math.max(0, k - 1)}`, params: params.values };
    };
    // Windows and ranks are integers the project computed (never user text): written as literals, so no parameter limit or type inference applies.
    const integer = (value: number): string => {
        if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
        return String(value);
    };
    const kthValues = dialect === 'clickhouse' ? undefined : (channel: ValueChannel, group: FilterGroup, windows: readonly BatchWindow[], ranks: readonly { window: number; k: number }[], disjoint: boolean): SqlQuery => {
        const params = new SqlParams(dialect);
        const { from, where } = base(params);
        const value = valueSql(channel.valueExpr);
        const lowest = Math.min(...windows.map((window) => window.from));
        const highest = Math.max(...windows.map((window) => window.to));
        const conditions = [...where, `${instant.value} >= ${instant.bind(params, lowest)}`, `${instant.value} < ${instant.bind(params, highest)}`, `${value} IS NOT NULL`];
        if (group.whereExpr !== undefined) conditions.push(conditionSql(group.whereExpr, fields, dialect, params, columnTypes, elapsed));
        const scopeField = group.scopeSlot < 0 ? undefined : fieldOf(fields, scan.interners[group.scopeSlot]!.field);
        const scopeColumn = scopeField === undefined ? undefined : scopeValueSql(dialect, scopeField, columnTypes);
        if (scopeField !== undefined) conditions.push(presentSql(dialect, scopeField, columnTypes));
        const windowRows = windows.map((window) => `(${integer(window.id)}, ${integer(window.from)}, ${integer(window.to)})`).join(', ');
        const rankRows = ranks.map((rank) => `(${integer(rank.window)}, ${integer(rank.k)})`).join(', ');
        let ranked: string;
        if (disjoint) {
            // Calendar windows: a CASE over the windows' instants places each row in its one window (no join for the planner to loop over).
            // The epoch ms computed once per row (PostgreSQL's extract(epoch …) is not free), then compared with each window's instants.
            const arms = windows.map((window) => `WHEN sla_t >= ${integer(window.from)} AND sla_t < ${integer(window.to)} THEN ${integer(window.id)}`).join(' ');
            const timed = `SELECT ${time} AS sla_t, ${scopeColumn ?? '0'} AS sla_scope, ${value} AS sla_value FROM ${from}${whereClause(conditions)}`;
            const placed = `SELECT CASE ${arms} ELSE -1 END AS sla_window, sla_scope, sla_value FROM (${timed}) AS sla_e`;
            ranked = `SELECT sla_window, sla_scope, sla_value, row_number() OVER (PARTITION BY sla_window, sla_scope ORDER BY sla_value) AS sla_rank FROM (${placed}) AS sla_p WHERE sla_window >= 0`;
        } else {
            const partition = scopeColumn === undefined ? 'sla_w.sla_window' : `sla_w.sla_window, ${scopeColumn}`;
            // Each row joins the windows that hold it (half-open instants), is ranked within (window, scope) by value, and only the wanted ranks come back.
            ranked = `SELECT sla_w.sla_window AS sla_window, ${scopeColumn ?? '0'} AS sla_scope, ${value} AS sla_value, row_number() OVER (PARTITION BY ${partition} ORDER BY ${value}) AS sla_rank FROM ${from} JOIN (VALUES ${windowRows}) AS sla_w(sla_window, sla_from, sla_to) ON ${time} >= sla_w.sla_from AND ${time} < sla_w.sla_to${whereClause(conditions)}`;
        }
        return {
            text: `SELECT sla_r.sla_window, sla_r.sla_scope, sla_r.sla_rank, sla_r.sla_value FROM (${ranked}) AS sla_r JOIN (VALUES ${rankRows}) AS sla_k(sla_window, sla_rank) ON sla_r.sla_window = sla_k.sla_window AND sla_r.sla_rank = sla_k.sla_rank`,
            params: params.values
        };
    };
    return { dialect, stats, groups, kthValue, kthValues, outages: compileOutages(dialect, relation, scan, period, types, serverTypes) };
}

/**
 * Rows, rows in the period, first and last event time (epoch ms), rows a file pass would
 * reject (then the rows are pulled whole, to be reported as for files), rows of other
 * clients than the agreement's (`clientScope`), and the client's rows without an event time
 * (NULL: in no window, not outside the period): the dataset's line of the report without
 * reading its rows. As in the local pass (row-sink.ts), a row is the client's when its scope
 * value equals the client's; a missing one (NULL) is another client's, whatever its time.
 * Rows in the period count the client's rows only; the first and last event time are those
 * of all rows, every client's (the dataset's coverage: docs/language-reference.md § 14.10);
 * rejected rows are any client's. Grouped by the client's lookalike values too, whose other
 * clients' rows `statsLookalikes` reads (stats-scope-values.ts).
 */
export function datasetStatsQuery(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, eventColumnType?: string, columnTypes?: Map<string, string>): SqlQuery {
    const params = new SqlParams(dialect);
    const instant = instantSql(dialect, quoteIdentifier(dialect, scan.spec.fields[scan.eventIndex]!.column), eventColumnType);
    const time = instant.value;
    const from = relationSql(dialect, relation, params);
    const scope = clientScopeColumn(scan.spec);
    // NULL = value is not true, so CASE takes the ELSE arm: the row is another client's, as locally.
    const mine = scope === undefined ? undefined : `${quoteIdentifier(dialect, scope.column)} = ${params.bind(scope.value)}`;
    const onlyMine = (condition: string): string => (mine === undefined ? condition : `(${mine}) AND (${condition})`);
    const rows = mine === undefined ? 'COUNT(*)' : `SUM(CASE WHEN ${mine} THEN 1 ELSE 0 END)`;
    const others = mine === undefined ? '0' : `SUM(CASE WHEN ${mine} THEN 0 ELSE 1 END)`;
    const invalid = invalidRowConditions(dialect, scan.spec, params, columnTypes);
    // Grouped by the `for each` columns: a value seen only outside the period is listed as locally (stats-scope-values.ts folds the rows).
    const scopes = statsScopeFields(scan).map(({ field }, index) => ({ column: scopeValueSql(dialect, field, columnTypes), alias: `sla_k${index}` }));
    // Then by the client's lookalike values (client-lookalikes-sql.ts): the other clients' rows of each, counted in this same scan (sla_other).
    const lookalike = scope === undefined ? undefined : lookalikeKeySql(dialect, scan.spec, columnTypes, [scope.value], params);
    if (lookalike !== undefined) scopes.push({ column: lookalike, alias: 'sla_lookalike' });
    const grouped = scopes.length === 0 ? '' : ` GROUP BY ${scopes.map((scope) => scope.column).join(', ')}`;
    return {
        text: `SELECT ${rows} AS sla_rows, SUM(CASE WHEN ${onlyMine(`${time} >= ${instant.bind(params, period.start)} AND ${time} < ${instant.bind(params, period.end)}`)} THEN 1 ELSE 0 END) AS sla_in_period, ${instant.epochMsOf(`MIN(${time})`)} AS sla_first, ${instant.epochMsOf(`MAX(${time})`)} AS sla_last, SUM(CASE WHEN ${invalid.length === 0 ? '1 = 0' : invalid.join(' OR ')} THEN 1 ELSE 0 END) AS sla_invalid, ${others} AS sla_other, SUM(CASE WHEN ${onlyMine(`${time} IS NULL`)} THEN 1 ELSE 0 END) AS sla_no_time${scopes.map((scope) => `, ${scope.column} AS ${scope.alias}`).join('')} FROM ${from}${grouped}`,
        params: params.values
    };
}

/**
 * A pulled dataset may bring only the rows of the evaluation period when nothing reads rows
 * outside it: no outages (placed by their own from/to), pause keys, inventories (a deployment
 * created before the period counts inside it) or slices by
 * another field; and its event time is an instant in SQL.
 */
export function periodFilterAllowed(scan: DatasetScan, eventType: string | undefined, relation: DatasetRelation): boolean {
    // Every row of a dataset with `one row per …` is read: a repeated key outside the period is as wrong as one inside.
    if (relation.kind === 'csv' || scan.eventIndex < 0 || scan.spec.oneRowPer !== undefined) return false;
    if (eventType !== undefined && eventType !== 'TIMESTAMP WITH TIME ZONE') return false;
    return scan.outages.length === 0 && scan.pauseKeys.length === 0 && scan.inventories.length === 0 && scan.deployments.length === 0 && scan.plans.every((plan) => plan.timeField === undefined);
}

/** Why a dataset with `one row per …` is pulled: each row's key is checked against the others' (data/row-keys.ts). */
export const ROW_KEY_REASON = 'the dataset has one row per key: every row is read to check that no key repeats, so its rows are pulled';

/** Runs the push-down of a scan and fills its accumulators; or says why it must be pulled. */
export async function pushDown(connection: SqlConnection, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, signal?: AbortSignal): Promise<PushDownOutcome> {
    if (relation.kind === 'csv') return { reason: 'a CSV file is text: its cells are decoded by the project (timestamps, decimals), so its rows are pulled' };
    if (relation.dataset.oneRowPer !== undefined) return { reason: ROW_KEY_REASON };
    const options = signal === undefined ? {} : { signal };
    let bytes: number | undefined;
    const run = async (query: SqlQuery) => {
        try {
            const result = await connection.query(query, options);
            if (result.bytesReceived !== undefined) bytes = (bytes ?? 0) + result.bytesReceived;
            return result;
        } catch (error) {
            throw datasetSqlError(relation.dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    };
    const types = await describeColumns(connection, relation, signal).catch((error: unknown) => {
        throw datasetSqlError(relation.dataset, `cannot read the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (types !== undefined) {
        const missing = relation.dataset.fields.find((field) => !types.has(field.column));
        if (missing !== undefined) return { reason: `column "${missing.column}" is missing` }; // the pull reports it, located
        selectFields(connection.dialect, relation, types); // a column of the wrong type is the user's error, named with the dataset and its line
    }
    let serverTypes: Map<string, string> | undefined;
    if (connection.dialect !== 'duckdb') {
        serverTypes = await serverColumnTypes(connection, relation, signal).catch((error: unknown) => {
            throw datasetSqlError(relation.dataset, `cannot read the column types of the ${describeRelation(relation)}: ${error instanceof Error ? error.message : String(error)}`);
        });
        await checkColumnTypes(connection, relation, signal, serverTypes); // columns that cannot hold their fields: the user's error, located
        const naive = connection.dialect === 'postgres' ? naiveTimestampColumn(relation.dataset, serverTypes) : undefined;
        if (naive !== undefined) return { reason: `column "${naive.column}" of field ${naive.name} is a timestamp without time zone: its wall-clock times are placed in the dataset's time zone by the project, so the rows are pulled` };
    }
    const columnTypes = serverTypes ?? types;
    const textual = columnTypes === undefined ? undefined : numberInTextColumn(relation.dataset.fields, columnTypes, connection.dialect);
    // Compared as text in SQL, '1e-2' would sort above '1' (and DuckDB cannot sum VARCHAR): the rows are pulled and read by the project's decoders.
    if (textual !== undefined) return { reason: `column "${textual.field.column}" of field ${textual.field.name} (${textual.field.kind}) is ${textual.type}: its values are read by the project's decoders, so the rows are pulled` };
    const prepared = await prepareElapsed(connection.dialect, relation, scan, period, types, run, serverTypes);
    if ('reason' in prepared) return prepared;
    const eventColumnType = serverTypes?.get(relation.dataset.fields[scan.eventIndex]?.column ?? '');
    let plan = planPushDown(connection.dialect, relation, scan, period, types, eventColumnType, prepared.elapsed, serverTypes);
    if ('reason' in plan) return plan;
    let queries = 1 + prepared.queries;
    let transferred = 0;
    const statsResult = await run(plan.stats);
    transferred += statsResult.rows.length;
    const stats = foldStats(statsResult.rows, scan);
    if (Number(stats[4] ?? 0) > 0) return { reason: `${Number(stats[4])} row(s) have missing or invalid values: the rows are pulled so that they are reported as for files` };
    const rows = Number(stats[0] ?? 0);
    const inPeriod = Number(stats[1] ?? 0);
    const otherClientRows = Number(stats[5] ?? 0);
    const withoutEventTime = Number(stats[6] ?? 0);
    const outages = await pushOutages(plan.outages, scan, run);
    if ('reason' in outages) return outages;
    queries += outages.queries;
    transferred += outages.rowsTransferred;
    // PostgreSQL, business time: each row's business time computed once, in a temp table (or a fenced subquery) that the
    // group queries and the counting rounds read instead of the table (materialised-rows.ts).
    let materialised: MaterialisedRows | undefined;
    const range = windowRange(scan);
    if (connection.dialect === 'postgres' && prepared.elapsed !== undefined && materialisesBusinessTime(scan) && range !== undefined) {
        materialised = await materialiseRows(connection, { relation, scan, elapsed: prepared.elapsed, from: range.from, to: range.to, eventColumnType }, signal).catch((error: unknown) => {
            throw datasetSqlError(relation.dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        queries += materialised.statements;
        const replanned = planPushDown(connection.dialect, relation, scan, period, types, eventColumnType, prepared.elapsed, serverTypes, materialised);
        if ('reason' in replanned) {
            await materialised.drop();
            return replanned;
        }
        plan = replanned;
    }
    try {
        const scopeValues = new Map<string, SqlValue>();
        const results: SqlValue[][][] = [];
        for (const { query } of plan.groups) {
            const result = await run(query);
            queries++;
            transferred += result.rows.length;
            results.push(result.rows);
        }
        // One k-th value query per percentile, window and scope value: past a bound (rolling windows of many scopes) the rows are pulled instead.
        let percentileQueries = 0;
        plan.groups.forEach(({ group, channels }, index) => {
            const percentiles = channels.reduce((total, channel) => total + channel.percentiles.length, 0);
            if (percentiles === 0) return;
            const scopes = new Set(results[index]!.map((cells) => String(cells[1]))).size;
            percentileQueries += percentiles * scopes * scan.plans[group.planIndex]!.windows.length;
        });
        // Batched (DuckDB, PostgreSQL): one query per percentile channel ranks the values of every window and scope at once, when the
        // windows overlap little (each row is ranked once per window holding it). Otherwise, past the bound, one query per channel
        // counts each value per segment and scope (bounded too: beyond it the rows are pulled); below it, one query per window and scope.
        // PostgreSQL and ClickHouse, calendar windows: counting rounds over value buckets (pushdown-counted-percentiles.ts).
        const counting = countsPercentiles(plan, scan, windowsDisjoint);
        const batched = !counting && plan.groups.every(({ group }) => batchesPercentiles(plan, scan.plans[group.planIndex]!));
        let valueCounts: Map<ValueChannel, SqlValue[][]> | undefined;
        if (!counting && !batched && percentileQueries > (connection.dialect === 'clickhouse' ? MAX_CLICKHOUSE_PERCENTILE_QUERIES : MAX_PERCENTILE_QUERIES)) {
            valueCounts = new Map();
            let total = 0;
            counting: for (const { valueCounts: counted } of plan.groups) {
                for (const { channel, query } of counted) {
                    const result = await run(query);
                    queries++;
                    transferred += result.rows.length;
                    total += result.rows.length;
                    if (total > MAX_VALUE_COUNT_ROWS) {
                        if (percentileQueries > MAX_PERCENTILE_QUERIES) return { reason: `the percentiles would take ${percentileQueries} k-th value queries, and counting their values per segment more than ${MAX_VALUE_COUNT_ROWS} rows` };
                        valueCounts = undefined; // few enough k-th value queries after all
                        break counting;
                    }
                    valueCounts.set(channel, result.rows);
                }
            }
        }
        for (const [index, { group, channels }] of plan.groups.entries()) {
            const result = { rows: results[index]! };
            const scopeField = group.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[group.scopeSlot]!.field)!;
            for (const cells of result.rows) {
                let scopeId = 0;
                if (scopeField !== undefined) {
                    const value = rowValueOf(scopeField, cells[1]!);
                    scopeId = scan.interners[group.scopeSlot]!.intern(value);
                    scopeValues.set(`${group.scopeSlot}:${scopeId}`, cells[1]!);
                }
                addGroupRow(group, channels, scopeId, cells);
            }
        }
        if (valueCounts !== undefined) {
            for (const { group, channels } of plan.groups) {
                for (const channel of channels) {
                    const rows = valueCounts.get(channel);
                    if (rows !== undefined) percentilesFromValueCounts(channel, group, scan, rows);
                }
            }
        }
        for (const { group, valueCounts: counted } of counting ? plan.groups : []) {
            for (const { channel, rows } of counted) {
                const found = await countedPercentiles(rows, plan, channel, group, scan, scopeValues, async (query) => {
                    const result = await run(query);
                    queries++;
                    transferred += result.rows.length;
                    return result.rows;
                });
                if (!found) channel.pushedPercentiles = undefined; // the k-th value queries below find them
            }
        }
        if (batched && percentileQueries > 0) {
            for (const { group, channels } of plan.groups) {
                for (const channel of channels) {
                    if (channel.percentiles.length === 0) continue;
                    const query = batchedPercentiles(plan, channel, group, scan);
                    if (query === undefined) continue;
                    const result = await run(query.query);
                    queries++;
                    transferred += result.rows.length;
                    query.read(result.rows);
                }
            }
        }
        // Percentiles: per window and scope, n from the counts above, k in integers, then the k-th value.
        for (const { group, channels } of valueCounts === undefined && !batched ? plan.groups : []) {
            const windowPlan = scan.plans[group.planIndex]!;
            for (const channel of channels) {
                if (channel.percentiles.length === 0) continue;
                channel.pushedPercentiles ??= new Map();
                for (const [scopeId, scopeStats] of channel.scopes.entries()) {
                    if (scopeStats === undefined) continue;
                    for (const window of windowPlan.windows) {
                        const first = window.firstSegment;
                        const end = window.endSegment;
                        const n = rowsInSegments(scopeStats.count, first, end);
                        const key = `${scopeId}:${first}:${end}`;
                        if (n === 0 || channel.pushedPercentiles.has(key)) continue;
                        const values: (number | null)[] = [];
                        for (const p of channel.percentiles) {
                            const query = plan.kthValue(channel, group, windowPlan.boundaries[first]!, windowPlan.boundaries[end]!, scopeValues.get(`${group.scopeSlot}:${scopeId}`), nearestRankK(p, n));
                            const result = await run(query);
                            queries++;
                            transferred += result.rows.length;
                            values.push(result.rows[0] === undefined ? null : Number(result.rows[0][0]));
                        }
                        channel.pushedPercentiles.set(key, values);
                    }
                }
            }
        }
        return {
            result: {
                // As a file pass counts: every valid row, the other clients' included (the report shows rows − otherClientRows).
                rows: rows + otherClientRows,
                rejected: 0,
                rejectedSamples: [],
                bytes: 0,
                outsidePeriod: rows - inPeriod - withoutEventTime,
                withoutEventTime,
                // Over no row at all ClickHouse gives MIN/MAX of a non-nullable column as 0, not NULL.
                firstTime: stats[2] === null || stats[2] === undefined || rows + otherClientRows === 0 ? null : Number(stats[2]),
                lastTime: stats[3] === null || stats[3] === undefined || rows + otherClientRows === 0 ? null : Number(stats[3]),
                threads: 1,
                otherClientRows,
                ...withLookalikes(statsLookalikes(statsResult.rows, scan))
            },
            queries,
            rowsTransferred: transferred,
            ...(bytes === undefined ? {} : { bytesTransferred: bytes })
        };
    } finally {
        await materialised?.drop();
    }
}

/** The instants [from, to) of every group's windows (the rows the push-down reads), undefined without windows. */
export function windowRange(scan: DatasetScan): { from: number; to: number } | undefined {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const group of scan.groups) {
        const boundaries = scan.plans[group.planIndex]!.boundaries;
        if (boundaries.length < 2) continue;
        from = Math.min(from, boundaries[0]!);
        to = Math.max(to, boundaries[boundaries.length - 1]!);
    }
    return from < to ? { from, to } : undefined;
}

/** True when no segment is in two windows (calendar windows): a CASE over their instants then places each row in its one window. */
export function windowsDisjoint(plan: DatasetScan['plans'][number]): boolean {
    const ranges = [...new Map(plan.windows.map((window) => [`${window.firstSegment}:${window.endSegment}`, window])).values()].sort((a, b) => a.firstSegment - b.firstSegment);
    return ranges.every((window, index) => index === 0 || window.firstSegment >= ranges[index - 1]!.endSegment);
}

/** True when the k-th values of a window plan are fetched in one query per percentile channel (DuckDB, PostgreSQL; windows that overlap little). */
export function batchesPercentiles(plan: PushDownPlan, windowPlan: DatasetScan['plans'][number]): boolean {
    return plan.kthValues !== undefined && windowOverlap(windowPlan) <= MAX_BATCH_OVERLAP;
}

/** How many windows hold a segment on average: 1 for calendar windows, about the window length for rolling ones. */
function windowOverlap(plan: DatasetScan['plans'][number]): number {
    if (plan.segmentCount === 0) return 0;
    return plan.windows.reduce((total, window) => total + (window.endSegment - window.firstSegment), 0) / plan.segmentCount;
}

/**
 * The batched k-th value query of a channel: every window with values (one entry per distinct
 * segment range), the ranks k = ceil(p·n) each needs over all scopes (n from the counts already
 * read), and how to put the values returned into `pushedPercentiles`.
 */
function batchedPercentiles(plan: PushDownPlan, channel: ValueChannel, group: FilterGroup, scan: DatasetScan): { query: SqlQuery; read: (rows: SqlValue[][]) => void } | undefined {
    const windowPlan = scan.plans[group.planIndex]!;
    const scopeField = group.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[group.scopeSlot]!.field)!;
    const windows: (BatchWindow & { first: number; end: number })[] = [];
    const windowIds = new Map<string, number>();
    const ranks = new Map<string, { window: number; k: number }>();
    // (scope id, window id) → the ranks its percentiles need, in the channel's order.
    const wanted: { scopeId: number; window: number; ks: number[] }[] = [];
    channel.pushedPercentiles ??= new Map();
    for (const [scopeId, scopeStats] of channel.scopes.entries()) {
        if (scopeStats === undefined) continue;
        for (const window of windowPlan.windows) {
            const first = window.firstSegment;
            const end = window.endSegment;
            const n = rowsInSegments(scopeStats.count, first, end);
            if (n === 0) continue;
            const range = `${first}:${end}`;
            let id = windowIds.get(range);
            if (id === undefined) {
                id = windows.length;
                windowIds.set(range, id);
                windows.push({ id, from: windowPlan.boundaries[first]!, to: windowPlan.boundaries[end]!, first, end });
            }
            if (wanted.some((entry) => entry.scopeId === scopeId && entry.window === id)) continue;
            const ks = channel.percentiles.map((p) => nearestRankK(p, n));
            for (const k of ks) ranks.set(`${id}:${k}`, { window: id, k });
            wanted.push({ scopeId, window: id, ks });
        }
    }
    if (wanted.length === 0) return undefined;
    const query = plan.kthValues!(channel, group, windows, [...ranks.values()], windowsDisjoint(windowPlan));
    const read = (rows: SqlValue[][]): void => {
        // (scope id, window id, rank) → value
        const found = new Map<string, number>();
        for (const cells of rows) {
            const scopeId = scopeField === undefined ? 0 : scan.interners[group.scopeSlot]!.intern(rowValueOf(scopeField, cells[1]!));
            found.set(`${scopeId}:${Number(cells[0])}:${Number(cells[2])}`, Number(cells[3]));
        }
        for (const { scopeId, window, ks } of wanted) {
            const { first, end } = windows[window]!;
            channel.pushedPercentiles!.set(`${scopeId}:${first}:${end}`, ks.map((k) => found.get(`${scopeId}:${window}:${k}`) ?? null));
        }
    };
    return { query, read };
}

/**
 * Nearest rank k = ceil(p/100 · n), at least 1, in integer arithmetic on p's decimal digits
 * (99.9 → 999/10), so that p = 99.9 % at n = 1,000 is rank 999 exactly (in doubles 99.9 × 1000 / 100 is 999.0000000000001).
 */
export function nearestRankK(p: number, n: number): number {
    const { numerator, denominator } = percentFraction(p);
    const k = (numerator * BigInt(n) + denominator - 1n) / denominator;
    return Math.min(n, Math.max(1, Number(k)));
}

/** p/100 as a fraction of integers from p's decimal digits: 99.9 → 999/1000. */
function percentFraction(p: number): { numerator: bigint; denominator: bigint } {
    const [whole, fraction = ''] = String(p).split('.');
    return { numerator: BigInt(`${whole}${fraction}`), denominator: 100n * 10n ** BigInt(fraction.length) };
}

/** The value the file decoders would give a scope cell (text stays text, numbers numbers). */
export function rowValueOf(field: FieldSpec, cell: SqlValue): string | number | boolean {
    switch (field.kind) {
        case 'number':
        case 'integer':
            return Number(cell);
        case 'boolean':
            return cell === true || cell === 1 || cell === 'true' || cell === '1';
        default:
            return String(cell);
    }
}

export function fieldOf(fields: Map<string, FieldSpec>, name: string): FieldSpec {
    const field = fields.get(name);
    if (field === undefined) throw new NotPushable(`unknown field ${name}`);
    return field;
}

export function whereClause(conditions: string[]): string {
    return conditions.length === 0 ? '' : ` WHERE ${conditions.map((condition) => `(${condition})`).join(' AND ')}`;
}

/**
 * A row filter in SQL: three-valued logic as the project's (Kleene: false wins over missing; an
 * empty text is missing, field-sql.ts). `types`: the columns' types in the engine's own names,
 * when known. ClickHouse 18.16 is not Kleene: its filters are written by clickhouse-truth.ts.
 */
export function conditionSql(expr: Expr, fields: Map<string, FieldSpec>, dialect: SqlDialectName, params: SqlParams, types: Map<string, string> | undefined, elapsed?: ElapsedSql): string {
    const unsupported = (node: Expr): never => {
        throw new NotPushable(node.type === 'binary' ? `'${node.op}' in a filter is computed locally (exact decimal arithmetic)` : `a filter with ${node.type} is computed locally`);
    };
    const operand = (node: Expr): string => {
        switch (node.type) {
            case 'field': {
                const field = fieldOf(fields, node.field);
                if (field.kind === 'percent' || field.kind === 'timestamp' || (field.kind === 'duration' && (field.durationUnitMs ?? 1) !== 1)) throw new NotPushable(`field ${field.name} (${field.kind}) is converted by the project's decoders`);
                const type = types?.get(field.column);
                if (field.kind === 'boolean' && type !== undefined && !holdsBooleans(dialect, type)) throw new NotPushable(`boolean field ${field.name} is stored as ${type}`);
                return comparedValueSql(dialect, field, types);
            }
            case 'number':
                return params.bind(node.value);
            case 'string':
                return params.bind(node.value);
            case 'boolean':
                return node.value ? '(1 = 1)' : '(1 = 0)';
            case 'elapsed':
                if (elapsed === undefined) throw new NotPushable('elapsed(…) is computed locally');
                return elapsed.sql(node);
            default:
                return dialect === 'clickhouse' ? truthValue(clickhouseTruth(node, { operand, unsupported })) : `(${conditionSql(node, fields, dialect, params, types, elapsed)})`;
        }
    };
    if (dialect === 'clickhouse') return clickhouseTruth(expr, { operand, unsupported }).isTrue;
    switch (expr.type) {
        case 'not':
            return `NOT (${conditionSql(expr.operand, fields, dialect, params, types, elapsed)})`;
        case 'in': {
            const value = operand(expr.value);
            const list = `${value} IN (${expr.list.map(operand).join(', ')})`;
            // A missing item matches nothing (row-expression.ts), where SQL's IN would be NULL: only a missing value makes it missing.
            return expr.list.every((item) => item.type === 'number' || item.type === 'string' || item.type === 'boolean') ? list : `CASE WHEN ${value} IS NULL THEN NULL WHEN ${list} THEN TRUE ELSE FALSE END`;
        }
        case 'binary':
            switch (expr.op) {
                case 'and':
                case 'or':
                    return `(${conditionSql(expr.left, fields, dialect, params, types, elapsed)}) ${expr.op.toUpperCase()} (${conditionSql(expr.right, fields, dialect, params, types, elapsed)})`;
                case '=':
                case '<':
                case '<=':
                case '>':
                case '>=':
                    return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
                case '!=':
                    return `${operand(expr.left)} <> ${operand(expr.right)}`;
                default:
                    return unsupported(expr);
            }
        case 'boolean':
            return expr.value ? '1 = 1' : '1 = 0';
        case 'field':
            return `${operand(expr)} = TRUE`;
        default:
            return unsupported(expr);
    }
}

/** Columns a boolean filter reads in SQL: booleans; on ClickHouse also integers (UInt8 0/1, its documented boolean). */
function holdsBooleans(dialect: SqlDialectName, type: string): boolean {
    const kind = columnKind(dialect, type);
    return kind === 'boolean' || (dialect === 'clickhouse' && kind === 'integer');
}

/**
 * Conditions under which a file pass would reject a row: a required value missing (NULL, or an empty text: field-sql.ts), an enum
 * value not declared, a value out of its range, a negative duration, an integer beyond ±(2^53 − 1) (a file reader refuses it: it would
 * be read rounded, and so would a sum here) or with a fraction (2.5 in a numeric or float column: "expected an integer"), a boolean
 * column of integers holding another value than 0 or 1, an elapsed(a, b) whose end is before its start (ordered-times-sql.ts).
 * `types`: the columns' types in the engine's own names, when known.
 */
export function invalidRowConditions(dialect: SqlDialectName, spec: DatasetSpec, params: SqlParams, types?: Map<string, string>): string[] {
    const conditions: string[] = [];
    for (const field of spec.fields) {
        const column = quoteIdentifier(dialect, field.column);
        const type = types?.get(field.column);
        const kind = type === undefined ? undefined : columnKind(dialect, type);
        if (!field.optional) conditions.push(missingSql(dialect, field, types));
        if (field.kind === 'enum' && field.enumValues !== undefined && field.enumValues.length > 0) {
            // A missing value is no undeclared one (ClickHouse: NULL NOT IN (…) is 1).
            const value = comparedValueSql(dialect, field, types);
            conditions.push(`${value} IS NOT NULL AND ${value} NOT IN (${field.enumValues.map((enumValue) => params.bind(enumValue)).join(', ')})`);
        }
        if (field.range !== undefined && field.kind !== 'percent') conditions.push(`${column} < ${params.bind(field.range.min)} OR ${column} > ${params.bind(field.range.max)}`);
        if (field.kind === 'duration') conditions.push(`${column} < 0`);
        // Integer literals (not parameters): compared exactly in the column's type, never as doubles — but ClickHouse 18.16 cannot
        // compare a Decimal(P ≤ 9, S) with them ("Can't compare"): there a decimal is compared as its float64, exact for integers up
        // to 2^53, and a fraction is refused below anyway.
        const bounded = dialect === 'clickhouse' && kind === 'decimal' ? `toFloat64(${column})` : column;
        if (field.kind === 'integer') conditions.push(`${bounded} < -${Number.MAX_SAFE_INTEGER} OR ${bounded} > ${Number.MAX_SAFE_INTEGER}`);
        // floor() keeps a DECIMAL a DECIMAL on all three engines: compared exactly.
        if (field.kind === 'integer' && (kind === 'decimal' || kind === 'float')) conditions.push(`${column} <> floor(${column})`);
        if (field.kind === 'boolean' && kind === 'integer') conditions.push(`${column} IS NOT NULL AND ${column} NOT IN (0, 1)`);
    }
    conditions.push(...orderedTimesConditions(dialect, spec, types));
    return conditions;
}

/**
 * Percentiles from value counts per segment and scope: for each window and scope, the counts of
 * its segments merged and sorted, then the k-th smallest value (k = ceil(p·n) in integers).
 */
function percentilesFromValueCounts(channel: ValueChannel, group: FilterGroup, scan: DatasetScan, rows: SqlValue[][]): void {
    const plan = scan.plans[group.planIndex]!;
    const scopeField = group.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[group.scopeSlot]!.field)!;
    // scope id → segment → [value, count][]
    const byScope = new Map<number, Map<number, [number, number][]>>();
    for (const cells of rows) {
        const scopeId = scopeField === undefined ? 0 : scan.interners[group.scopeSlot]!.intern(rowValueOf(scopeField, cells[1]!));
        let segments = byScope.get(scopeId);
        if (segments === undefined) byScope.set(scopeId, (segments = new Map()));
        const segment = Number(cells[0]);
        let list = segments.get(segment);
        if (list === undefined) segments.set(segment, (list = []));
        list.push([Number(cells[2]), Number(cells[3])]);
    }
    channel.pushedPercentiles ??= new Map();
    for (const [scopeId, segments] of byScope) {
        for (const window of plan.windows) {
            const merged: [number, number][] = [];
            for (let s = window.firstSegment; s < window.endSegment; s++) for (const entry of segments.get(s) ?? []) merged.push(entry);
            if (merged.length === 0) continue;
            merged.sort((a, b) => a[0] - b[0]);
            const n = merged.reduce((total, entry) => total + entry[1], 0);
            channel.pushedPercentiles.set(`${scopeId}:${window.firstSegment}:${window.endSegment}`, channel.percentiles.map((p) => {
                const k = nearestRankK(p, n);
                let seen = 0;
                for (const [value, count] of merged) {
                    seen += count;
                    if (seen >= k) return value;
                }
                return null;
            }));
        }
    }
}

/**
 * One row of a group query — segment, scope, rows, then count, exact sum, min and max per
 * channel — added to the group's accumulators of the scope `scopeId`.
 */
export function addGroupRow(group: FilterGroup, channels: readonly ValueChannel[], scopeId: number, cells: readonly SqlValue[]): void {
    const segment = Number(cells[0]);
    group.scopeOrNew(scopeId).rows[segment]! += Number(cells[2]);
    channels.forEach((channel, index) => {
        const at = 3 + index * 4;
        const count = Number(cells[at]);
        if (count === 0) return;
        const target = channel.scopeOrNew(scopeId);
        target.count[segment]! += count;
        target.sums.addDecimalText(segment, String(cells[at + 1]));
        const min = Number(cells[at + 2]);
        const max = Number(cells[at + 3]);
        if (min < target.min[segment]!) target.min[segment] = min;
        if (max > target.max[segment]!) target.max[segment] = max;
    });
}

/** The rows a scope counted in the segments [first, end): a window's n for its percentiles. */
function rowsInSegments(count: ArrayLike<number>, first: number, end: number): number {
    let n = 0;
    for (let s = first; s < end; s++) n += count[s]!;
    return n;
}
