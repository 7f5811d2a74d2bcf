/**
 * Push-down of `uptime(…)`: outage interval unions computed where the data live.
 *
 * Per outage collector (one filter, one from/to pair, one scope field), the engine returns
 * only O(windows × scopes × uptimes) rows:
 * - a check: outages without an end and outages ending before they start. Either makes the
 *   dataset pulled, so that the local engine gives its own result (open outages last until the
 *   end of the period, and are listed by line) and its own error (the row, the fields);
 * - the distinct scope values (a scope without any outage has an uptime of 100 %, as locally);
 * - per uptime: the outages of each scope merged into islands (gaps and islands with window
 *   functions: a row starts an island when it begins after every earlier row of its scope has
 *   ended, as time/intervals.ts mergeIntervals), islands shorter than `at least …` dropped, then
 *   intersected with the eligible time of each window and summed;
 * - outage rows overlapping each window (the report's row counts).
 *
 * No time-zone arithmetic in SQL: eligible time (working calendars, holidays, maintenance
 * slots, their zones and DST) is computed by the project's own code (uptime.ts
 * uptimeEligibility: the part of it in which outages count), cut to each window and shipped as literal half-open UTC instants in a
 * VALUES list; SQL only compares and subtracts epoch milliseconds.
 *
 * ClickHouse 18.16 has no window functions (and sorting arrays per group failed at 1M rows,
 * see docs/databases.md): outage datasets are pulled there. Replicas (`across`), weights
 * (`weighted by`), `whole minutes` and resources over their deployed time (`deployed in`) are
 * computed locally too (pulled).
 */
import type { FieldSpec } from '../data/spec.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { EvaluationPeriod } from '../evaluate/evaluation-period.js';
import type { OutageCollector, PushedDowntime } from '../evaluate/outage-collector.js';
import { eligibilityKey } from '../evaluate/uptime.js';
import { clipIntervals } from '../time/intervals.js';
import type { SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { relationSql, type DatasetRelation } from './dataset-relation.js';
import { clientScopeColumn } from './pulled-rows.js';
import { conditionSql, fieldOf, NotPushable, rowValueOf, whereClause } from './pushdown.js';
import { presentSql, scopeValueSql } from './field-sql.js';
import { epochMs, quoteIdentifier, SqlParams } from './sql-dialect.js';
import { cumulativeTimeSql, type InstantOperand } from './cumulative-time-sql.js';
import { instantSql } from './instant-sql.js';

/** Eligible pieces (window × working interval) per query beyond which the uptime is computed locally: the VALUES list would outgrow the query. */
const MAX_ELIGIBLE_PIECES = 20_000;

/** Why a scan's uptimes cannot be pushed down to this dialect, or undefined when they can. */
export function outagesRefusal(dialect: SqlDialectName, scan: DatasetScan): string | undefined {
    if (scan.outages.length === 0) return undefined;
    if (dialect === 'clickhouse') return 'uptime(…) (outage interval unions) needs window functions, which ClickHouse 18.16 lacks: computed locally';
    for (const collector of scan.outages) {
        for (const { expr, plan, maintenancePerScope } of collector.uses) {
            if (expr.across !== undefined || expr.weightedBy !== undefined || expr.wholeMinutes === true) return 'uptime(…) across replicas, weighted by a share or in whole minutes is computed locally';
            // Each resource's outages inside its own deployed time: the outages are pulled with their resource, the inventory too.
            if (expr.deployed !== undefined) return `uptime(…) deployed in ${expr.deployed.inventory} (each ${expr.deployed.field} over its deployed time) is computed locally`;
            if (maintenancePerScope === true) return 'uptime(…) excluding maintenance listed per scope value is computed locally';
            if ('sliceMs' in plan) return 'uptime(…) inside slices(…) is computed locally';
        }
        if (collector.uses.length === 0) return 'an outage dataset read without an uptime is computed locally';
    }
    return undefined;
}

/** The compiled push-down of one outage collector. */
interface OutageQueries {
    collector: OutageCollector;
    /** One row: outages without an end, outages ending before they start. */
    check: SqlQuery;
    /** Distinct scope values (undefined when the uptime has no scope). */
    scopes: SqlQuery | undefined;
    /** The eligibility rules (uptime.ts eligibilityKey) and their windows. */
    keys: { key: string; windows: { from: number; to: number }[] }[];
    /** Every window of the collector (the row counts). */
    windows: { from: number; to: number }[];
    /** Rows (0, 0, window, scope, outage rows overlapping the window) and (1, rule, window of the rule, scope, downtime ms); undefined without windows. */
    query: SqlQuery | undefined;
    /** PostgreSQL: the windows' sorted boundaries; the query returns buckets and segments of them instead (kinds 2 and 3). */
    boundaries: number[] | undefined;
    /** Per eligibility rule of the query, its index in `keys`. */
    ruleKeys: number[];
    /** PostgreSQL: per rule, the eligible time of each segment between boundaries (the wholly down segments' downtime). */
    segmentEligible: number[][];
}

/** Compiles every outage collector of a scan (throws NotPushable with the reason when one cannot be). */
export function compileOutages(dialect: SqlDialectName, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, types: Map<string, string> | undefined, postgresTypes?: Map<string, string>): OutageQueries[] {
    const fields = new Map(scan.spec.fields.map((field) => [field.name, field]));
    const column = (field: FieldSpec): string => quoteIdentifier(dialect, field.column);
    return scan.outages.map((collector) => {
        const { expr } = collector.uses[0]!;
        const fromField = fieldOf(fields, expr.from);
        const toField = fieldOf(fields, expr.to);
        for (const field of [fromField, toField]) {
            if (field.kind !== 'timestamp') throw new NotPushable(`outage field ${field.name} (${field.kind}) is not a timestamp`);
            const type = types?.get(field.column);
            if (types !== undefined && type !== 'TIMESTAMP WITH TIME ZONE') throw new NotPushable(`outage column "${field.column}" is ${type ?? 'missing'}, not an instant (TIMESTAMP WITH TIME ZONE)`);
        }
        const start = epochMs(dialect, column(fromField));
        const end = epochMs(dialect, column(toField));
        const scopeField = collector.scopeSlot < 0 ? undefined : fieldOf(fields, scan.interners[collector.scopeSlot]!.field);
        const columnTypes = postgresTypes ?? types;
        const scopeSql = scopeField === undefined ? '0' : scopeValueSql(dialect, scopeField, columnTypes);
        // The rows the local collector is offered: the client's, with a scope value, passing the uptime's filter.
        const offered = (params: SqlParams): { from: string; conditions: string[] } => {
            const client = clientScopeColumn(scan.spec);
            const conditions: string[] = [];
            if (client !== undefined) conditions.push(`${quoteIdentifier(dialect, client.column)} = ${params.bind(client.value)}`);
            if (scopeField !== undefined) conditions.push(presentSql(dialect, scopeField, columnTypes));
            if (expr.where !== undefined) conditions.push(conditionSql(expr.where, fields, dialect, params, columnTypes));
            return { from: relationSql(dialect, relation, params), conditions };
        };

        const checkParams = new SqlParams(dialect);
        const checked = offered(checkParams);
        const check: SqlQuery = {
            // Compared in the columns' own type (no epoch conversion per row): a row ending within the millisecond it starts,
            // but before, is counted too and makes the dataset pulled, where the local engine judges it.
            text: `SELECT SUM(CASE WHEN ${column(toField)} IS NULL THEN 1 ELSE 0 END) AS sla_open, SUM(CASE WHEN ${column(toField)} < ${column(fromField)} THEN 1 ELSE 0 END) AS sla_backwards FROM ${checked.from}${whereClause([...checked.conditions, `${column(fromField)} IS NOT NULL`])}`,
            params: checkParams.values
        };

        let scopes: SqlQuery | undefined;
        if (scopeField !== undefined) {
            // Every row of the dataset names a scope locally, whatever its filter or time (row-sink.ts interns them all).
            const params = new SqlParams(dialect);
            const client = clientScopeColumn(scan.spec);
            const conditions = [presentSql(dialect, scopeField, columnTypes)];
            if (client !== undefined) conditions.push(`${quoteIdentifier(dialect, client.column)} = ${params.bind(client.value)}`);
            scopes = { text: `SELECT DISTINCT ${scopeSql} AS sla_scope FROM ${relationSql(dialect, relation, params)}${whereClause(conditions)}`, params: params.values };
        }

        // Outages as the collector keeps them: with a start and an end (open ones make the dataset pulled), not ended before the
        // period (floor(b) > P exactly when b >= P + 1 ms, compared in the column's own type on PostgreSQL: no conversion per row).
        const endInstant = instantSql(dialect, column(toField), types === undefined ? postgresTypes?.get(toField.column) : undefined);
        const outagesSql = (params: SqlParams): string => {
            const { from, conditions } = offered(params);
            conditions.push(`${column(fromField)} IS NOT NULL`, `${column(toField)} IS NOT NULL`, `${endInstant.value} >= ${endInstant.bind(params, period.start + 1)}`);
            return `SELECT ${scopeSql} AS sla_scope, ${start} AS sla_a, ${end} AS sla_b FROM ${from}${whereClause(conditions)}`;
        };

        const byKey = new Map<string, { expr: typeof expr; counting: () => [number, number][]; windows: Map<string, { from: number; to: number }> }>();
        for (const use of collector.uses) {
            const key = eligibilityKey(use.expr);
            let entry = byKey.get(key);
            if (entry === undefined) byKey.set(key, (entry = { expr: use.expr, counting: use.counting, windows: new Map() }));
            for (const window of use.plan.windows) entry.windows.set(`${window.from}|${window.to}`, { from: window.from, to: window.to });
        }
        const allWindows = new Map<string, { from: number; to: number }>();
        const keys: OutageQueries['keys'] = [];
        // Per eligibility rule (calendar, exclusions, minimum): (rule, window) rows of a VALUES list, and E(t) of its eligible time.
        const pairs: string[] = [];
        const eligibleBefore: ((t: InstantOperand) => string)[] = [];
        const minimums: number[] = [];
        const eligibleIntervals: [number, number][][] = [];
        /** Per rule (with eligible time), its index in `keys`. */
        const ruleKeys: number[] = [];
        for (const [key, entry] of byKey) {
            const windows = [...entry.windows.values()];
            for (const window of windows) allWindows.set(`${window.from}|${window.to}`, window);
            keys.push({ key, windows });
            // The eligible time in which outages count (less maintenance counted as available) over the windows' span, as E(t)
            // (cumulative-time-sql.ts): an island's downtime in a window is E(min(b, to)) − E(max(a, from)), so islands are
            // joined with the few windows instead of every eligible piece. The windows' eligible time itself is counted locally.
            const eligible = clipIntervals(entry.counting(), Math.min(...windows.map((w) => w.from)), Math.max(...windows.map((w) => w.to)));
            if (eligible.length > MAX_ELIGIBLE_PIECES) throw new NotPushable(`the eligible time of an uptime has ${eligible.length} intervals over its windows (more than ${MAX_ELIGIBLE_PIECES}): computed locally`);
            if (eligible.length === 0 || dialect === 'clickhouse') continue; // no eligible time in any window: no downtime
            const rule = eligibleBefore.length;
            eligibleBefore.push(cumulativeTimeSql(dialect, eligible));
            eligibleIntervals.push(eligible);
            const minimum = entry.expr.minimumOutageMs ?? 0;
            minimums.push(minimum);
            ruleKeys.push(keys.length - 1);
            windows.forEach((window, id) => pairs.push(`(${integer(rule)}, ${integer(keys.length - 1)}, ${integer(id)}, ${integer(window.from)}, ${integer(window.to)}, ${integer(minimum)})`));
        }
        const windows = [...allWindows.values()];
        let query: SqlQuery | undefined;
        let boundaries: number[] | undefined;
        /** PostgreSQL: per rule, the eligible time of each segment [B_k, B_k+1) (index k − 1). */
        let segmentEligible: number[][] = [];
        if (windows.length > 0) {
            const params = new SqlParams(dialect);
            const e = (t: string, rule: string): string => (eligibleBefore.length === 1 ? eligibleBefore[0]!({ ms: t }) : `(CASE ${rule} ${eligibleBefore.map((cumulative, index) => `WHEN ${index} THEN ${cumulative({ ms: t })}`).join(' ')} END)`);
            // How far the earlier outages of the scope reach (sorted by start, then end); empty outages are dropped before merging, as mergeIntervals does.
            const reach = `sla_m AS (SELECT sla_scope, sla_a, sla_b, MAX(sla_b) OVER (PARTITION BY sla_scope ORDER BY sla_a, sla_b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS sla_reach FROM sla_o WHERE sla_b > sla_a),`;
            const islands = minimums.some((minimum) => minimum > 0)
                ? [
                      reach,
                      // An outage starting after that reach starts an island; touching outages (start = reach) merge, as locally.
                      `sla_g AS (SELECT sla_scope, sla_a, sla_b, SUM(CASE WHEN sla_reach IS NULL OR sla_a > sla_reach THEN 1 ELSE 0 END) OVER (PARTITION BY sla_scope ORDER BY sla_a, sla_b ROWS UNBOUNDED PRECEDING) AS sla_island FROM sla_m),`,
                      `sla_i AS (SELECT sla_scope, MIN(sla_a) AS sla_a, MAX(sla_b) AS sla_b FROM sla_g GROUP BY sla_scope, sla_island)`
                  ].join(' ')
                : // Without a minimum length the islands themselves are not needed, only their union: each outage adds what lies
                  // beyond the reach of the earlier ones, [max(a, reach), b) — disjoint pieces whose union is the islands' (one sort less).
                  `${reach} sla_i AS (SELECT sla_scope, CASE WHEN sla_reach IS NULL OR sla_a > sla_reach THEN sla_a ELSE sla_reach END AS sla_a, sla_b FROM sla_m WHERE sla_reach IS NULL OR sla_b > sla_reach)`;
            // Materialized: each row's epoch milliseconds computed once, not again in every later expression (PostgreSQL reads
            // the outages once for the union and counts the rows in a scan of its own, so it needs no materializing).
            const outages = `WITH sla_o AS ${dialect === 'postgres' ? '' : 'MATERIALIZED '}(${outagesSql(params)})`;
            if (dialect === 'postgres') {
                // PostgreSQL joins by nested loops only (no range join): instead, each island is cut at the windows' boundaries
                // B (found by binary search, width_bucket) into segments [B_k, B_k+1), and the rows are counted per bucket of
                // their start and of their end; the project adds segments and buckets up into windows. Rows:
                // (2, bucket of a, bucket of b − 1, scope, rows), (3, rule, segment, scope, downtime ms) and (4, rule, segment, scope, ±islands).
                boundaries = [...new Set(windows.flatMap((window) => [window.from, window.to]))].sort((x, y) => x - y);
                const b = `'{${boundaries.map(integer).join(',')}}'::bigint[]`;
                // Buckets in the columns' own type where known (no epoch conversion): floor(a) >= B exactly when a >= B, and
                // b − 1 ms >= B exactly when b >= B + 1 ms. Rows (2, bucket of a, bucket of b − 1, scope, rows).
                const bucket = (field: FieldSpec, ms: string, shift: number): string => {
                    const type = postgresTypes?.get(field.column);
                    if (type !== 'timestamp with time zone' && type !== 'timestamp without time zone') return `width_bucket(${ms}${shift === 0 ? '' : ` - ${shift}`}, ${b})`;
                    const text = (instant: number) => (type === 'timestamp with time zone' ? new Date(instant).toISOString() : new Date(instant).toISOString().slice(0, -1));
                    return `width_bucket(${column(field)}, '{${boundaries!.map((instant) => `"${text(instant + shift)}"`).join(',')}}'::${type === 'timestamp with time zone' ? 'timestamptz' : 'timestamp'}[])`;
                };
                const counted = offered(params);
                counted.conditions.push(`${column(fromField)} IS NOT NULL`, `${column(toField)} IS NOT NULL`, `${endInstant.value} >= ${endInstant.bind(params, period.start + 1)}`);
                const parts = [
                    `${outages}${pairs.length > 0 ? `, ${islands}` : ''}`,
                    `SELECT 2 AS sla_kind, ${bucket(fromField, start, 0)} AS sla_key, ${bucket(toField, end, 1)} AS sla_at, ${scopeSql} AS sla_scope, COUNT(*) AS sla_value FROM ${counted.from}${whereClause(counted.conditions)} GROUP BY 2, 3, 4`
                ];
                if (pairs.length > 0) {
                    // Each island (or piece) touches segments ka … kb: its first and last segment get their part, E(min(b, B_k+1)) −
                    // E(max(a, B_k)); the segments between are wholly down: a marker +1 at ka + 1 and −1 at kb, which the project
                    // adds up and multiplies by the segment's eligible time (no generate_series: its estimate of 1,000 rows an
                    // island made PostgreSQL compile the query with JIT for a second).
                    const rules = eligibleBefore.map((_, rule) => `(${integer(rule)}, ${integer(minimums[rule]!)})`).join(', ');
                    const n = boundaries.length;
                    const part = (k: string) => `SUM(${e(`LEAST(sla_k.sla_b, (${b})[${k} + 1])`, 'sla_r.sla_rule')} - ${e(`GREATEST(sla_k.sla_a, (${b})[${k}])`, 'sla_r.sla_rule')})`;
                    // Islands shorter than the rule's minimum are dropped whole (as locally), before they are cut.
                    const from = `FROM sla_k JOIN (VALUES ${rules}) AS sla_r(sla_rule, sla_min) ON sla_k.sla_b - sla_k.sla_a >= sla_r.sla_min`;
                    parts[0] += `, sla_k AS (SELECT sla_scope, sla_a, sla_b, GREATEST(1, width_bucket(sla_a, ${b})) AS sla_ka, LEAST(${n - 1}, width_bucket(sla_b - 1, ${b})) AS sla_kb FROM sla_i)`;
                    parts.push(
                        `UNION ALL SELECT 3, sla_r.sla_rule, sla_k.sla_ka, sla_k.sla_scope, ${part('sla_k.sla_ka')} ${from} WHERE sla_k.sla_ka <= sla_k.sla_kb GROUP BY 2, 3, 4`,
                        `UNION ALL SELECT 3, sla_r.sla_rule, sla_k.sla_kb, sla_k.sla_scope, ${part('sla_k.sla_kb')} ${from} WHERE sla_k.sla_ka < sla_k.sla_kb GROUP BY 2, 3, 4`,
                        `UNION ALL SELECT 4, sla_r.sla_rule, sla_k.sla_ka + 1, sla_k.sla_scope, COUNT(*) ${from} WHERE sla_k.sla_ka + 1 < sla_k.sla_kb GROUP BY 2, 3, 4`,
                        `UNION ALL SELECT 4, sla_r.sla_rule, sla_k.sla_kb, sla_k.sla_scope, -COUNT(*) ${from} WHERE sla_k.sla_ka + 1 < sla_k.sla_kb GROUP BY 2, 3, 4`
                    );
                    segmentEligible = eligibleIntervals.map((eligible) => boundaries!.slice(0, -1).map((start, k) => clipIntervals(eligible, start, boundaries![k + 1]!).reduce((sum, [x, y]) => sum + y - x, 0)));
                }
                query = { text: parts.join(' '), params: params.values };
            } else {
                const counted = windows.map((window, id) => `(${integer(id)}, ${integer(window.from)}, ${integer(window.to)})`).join(', ');
                const parts = [
                    `${outages}${pairs.length > 0 ? `, ${islands}` : ''}`,
                    // The outage rows overlapping each window (zero-length ones too: the report's row counts).
                    `SELECT 0 AS sla_kind, 0 AS sla_key, sla_c.sla_window, sla_o.sla_scope, COUNT(*) AS sla_value FROM sla_o JOIN (VALUES ${counted}) AS sla_c(sla_window, sla_from, sla_to) ON sla_o.sla_a < sla_c.sla_to AND sla_o.sla_b > sla_c.sla_from GROUP BY sla_c.sla_window, sla_o.sla_scope`
                ];
                // Islands shorter than the rule's minimum are dropped whole (as locally), before they are cut to windows.
                if (pairs.length > 0) {
                    parts.push(
                        `UNION ALL SELECT 1 AS sla_kind, sla_w.sla_key, sla_w.sla_window, sla_i.sla_scope, SUM(${e('LEAST(sla_i.sla_b, sla_w.sla_to)', 'sla_w.sla_rule')} - ${e('GREATEST(sla_i.sla_a, sla_w.sla_from)', 'sla_w.sla_rule')}) AS sla_value` +
                            ` FROM sla_i JOIN (VALUES ${pairs.join(', ')}) AS sla_w(sla_rule, sla_key, sla_window, sla_from, sla_to, sla_min) ON sla_i.sla_a < sla_w.sla_to AND sla_i.sla_b > sla_w.sla_from AND sla_i.sla_b - sla_i.sla_a >= sla_w.sla_min` +
                            ' GROUP BY sla_w.sla_key, sla_w.sla_window, sla_i.sla_scope'
                    );
                }
                query = { text: parts.join(' '), params: params.values };
            }
        }
        return { collector, check, scopes, keys, windows, query, boundaries, ruleKeys, segmentEligible };
    });
}

/** Runs the compiled outage queries and sets each collector's pushed downtime; or says why the dataset must be pulled. */
export async function pushOutages(compiled: OutageQueries[], scan: DatasetScan, run: (query: SqlQuery) => Promise<{ rows: SqlValue[][] }>): Promise<{ queries: number; rowsTransferred: number } | { reason: string }> {
    let queries = 0;
    let transferred = 0;
    const runCounted = async (query: SqlQuery): Promise<SqlValue[][]> => {
        const result = await run(query);
        queries++;
        transferred += result.rows.length;
        return result.rows;
    };
    // Checks first: an open or backwards outage makes the whole dataset pulled, before anything is set.
    for (const { check } of compiled) {
        const [cells = []] = await runCounted(check);
        const open = Number(cells[0] ?? 0);
        const backwards = Number(cells[1] ?? 0);
        if (backwards > 0) return { reason: `${backwards} outage row(s) end before they start: the rows are pulled so that the error names the row` };
        if (open > 0) return { reason: `${open} outage(s) have no end yet: the rows are pulled, and open outages are computed locally (they last until the end of the period, and are listed by line)` };
    }
    const results: { collector: OutageCollector; pushed: PushedDowntime }[] = [];
    for (const { collector, scopes, keys, windows, query, boundaries, ruleKeys, segmentEligible } of compiled) {
        const pushed: PushedDowntime = { windows: new Set(), downtime: new Map(), rows: new Map() };
        const scopeField = collector.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[collector.scopeSlot]!.field)!;
        const scopeId = (cell: SqlValue): number => (scopeField === undefined ? 0 : scan.interners[collector.scopeSlot]!.intern(rowValueOf(scopeField, cell)));
        if (scopes !== undefined) for (const [cell] of await runCounted(scopes)) if (cell !== null && cell !== undefined) scopeId(cell);
        for (const { key, windows: ruleWindows } of keys) for (const window of ruleWindows) pushed.windows.add(`${key}|${window.from}|${window.to}`);
        const rows = query === undefined ? [] : await runCounted(query);
        if (boundaries !== undefined) {
            addUpSegments(rows, boundaries, windows, keys, ruleKeys, segmentEligible, scopeId, pushed);
            results.push({ collector, pushed });
            continue;
        }
        for (const cells of rows) {
            if (Number(cells[0]) === 0) {
                const window = windows[Number(cells[2])]!;
                pushed.rows.set(`${scopeId(cells[3]!)}|${window.from}|${window.to}`, Number(cells[4]));
            } else {
                const { key, windows: ruleWindows } = keys[Number(cells[1])]!;
                const window = ruleWindows[Number(cells[2])]!;
                pushed.downtime.set(`${key}|${scopeId(cells[3]!)}|${window.from}|${window.to}`, Number(cells[4]));
            }
        }
        results.push({ collector, pushed });
    }
    for (const { collector, pushed } of results) collector.pushed = pushed;
    return { queries, rowsTransferred: transferred };
}

/** Instants and ids the project computed (never user text): written as literals, so no parameter limit or type inference applies. */
function integer(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
}

/**
 * PostgreSQL's rows into the collector's figures: a window [B_p, B_q) holds the outage rows starting before B_q less those
 * ending at or before B_p (these start before B_q too), i.e. the buckets of a below q less the buckets of b − 1 below p
 * (width_bucket(x, B) = how many B_i ≤ x); its downtime is the sum of its segments k = p … q − 1, each the parts of the
 * islands ending or starting in it plus, as often as the markers say (0 or 1: islands are disjoint), its whole eligible time.
 */
function addUpSegments(rows: SqlValue[][], boundaries: number[], windows: { from: number; to: number }[], keys: { key: string; windows: { from: number; to: number }[] }[], ruleKeys: number[], segmentEligible: number[][], scopeId: (cell: SqlValue) => number, pushed: PushedDowntime): void {
    const position = new Map(boundaries.map((instant, index) => [instant, index + 1]));
    const buckets = new Map<number, { starts: number[]; ends: number[] }>();
    const segments = new Map<string, { parts: number[]; markers: number[] }>(); // `${rule}|${scope}`, per segment k (1-based)
    for (const cells of rows) {
        const kind = Number(cells[0]);
        const scope = scopeId(cells[3]!);
        const at = Number(cells[2]);
        const value = Number(cells[4]);
        if (kind === 2) {
            let counts = buckets.get(scope);
            if (counts === undefined) buckets.set(scope, (counts = { starts: new Array<number>(boundaries.length + 1).fill(0), ends: new Array<number>(boundaries.length + 1).fill(0) }));
            counts.starts[Number(cells[1])]! += value;
            counts.ends[at]! += value;
            continue;
        }
        const id = `${Number(cells[1])}|${scope}`;
        let segment = segments.get(id);
        if (segment === undefined) segments.set(id, (segment = { parts: new Array<number>(boundaries.length + 1).fill(0), markers: new Array<number>(boundaries.length + 1).fill(0) }));
        (kind === 3 ? segment.parts : segment.markers)[at]! += value;
    }
    const below = (counts: number[], i: number): number => counts.slice(0, i).reduce((sum, n) => sum + n, 0);
    for (const [scope, counts] of buckets) {
        for (const window of windows) {
            const n = below(counts.starts, position.get(window.to)!) - below(counts.ends, position.get(window.from)!);
            if (n > 0) pushed.rows.set(`${scope}|${window.from}|${window.to}`, n);
        }
    }
    for (const [id, { parts, markers }] of segments) {
        const [rule, scope] = id.split('|').map(Number) as [number, number];
        const downtime = new Array<number>(boundaries.length).fill(0);
        let whole = 0;
        for (let k = 1; k < boundaries.length; k++) {
            whole += markers[k]!;
            downtime[k] = parts[k]! + whole * segmentEligible[rule]![k - 1]!;
        }
        const { key, windows: ruleWindows } = keys[ruleKeys[rule]!]!;
        for (const window of ruleWindows) {
            let sum = 0;
            for (let k = position.get(window.from)!; k < position.get(window.to)!; k++) sum += downtime[k]!;
            if (sum > 0) pushed.downtime.set(`${key}|${scope}|${window.from}|${window.to}`, sum);
        }
    }
}
