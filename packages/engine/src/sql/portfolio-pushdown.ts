/**
 * One push-down for many agreements that read the same table of a connection, each with its
 * client scope (`client scope client = "c042"`): a portfolio of 400 client agreements over one
 * request log asks its statistics in one set of queries, not 400 × the queries of one agreement.
 *
 * Each client's windows are its own (its zone, its validity): the project's time code computes
 * them as half-open UTC instants, as for one agreement, and they are shipped with the query — on
 * PostgreSQL as a VALUES list (client, first segment number, period, boundaries as an array)
 * joined on the client column, the row's segment found by width_bucket over its client's
 * boundaries; on ClickHouse 18.16 (no joins worth the name) as constant arrays looked up with
 * transform(client, …) and arrayFirstIndex; on DuckDB (a table, or a Parquet file) as two
 * VALUES lists, the clients and every client's segments (start, end in epoch ms), joined on the
 * client column and on the segment's range. SQL only compares instants. Every (client, segment)
 * has its own number, so the statistics come back grouped by (segment, scope) exactly as one
 * agreement's, and the counting rounds of percentiles (kth-by-counting.ts) run once for every
 * client's windows. The rows are then split back to each agreement, whose own accumulators they
 * fill as its own push-down would (pushdown.ts): ratios, objectives and credits stay the local
 * engine's code, so each report is the one the agreement alone gets.
 *
 * Only plain cases are shared: a table (PostgreSQL, ClickHouse, DuckDB) or a Parquet file (DuckDB)
 * read by agreements whose datasets declare the same fields, a text client scope, and the same filters, values and
 * percentiles per filter group (the same agreement template for many clients); percentiles over
 * calendar windows; no outages, inventories or pause joins. Elapsed times on PostgreSQL when
 * every agreement's elapsed SQL is the same (business time: the same working intervals, i.e. the
 * same calendar and zone): no client with an open row in its period, and business time computed
 * once per row for every client (materialised-rows.ts). Anything else is evaluated agreement by
 * agreement, as before.
 */
import type { FieldSpec } from '../data/spec.js';
import type { DatasetPassResult } from '../evaluate/dataset-pass.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { EvaluationPeriod } from '../evaluate/evaluation-period.js';
import type { FilterGroup, ValueChannel } from '../evaluate/filter-group.js';
import type { SqlConnection, SqlDialectName, SqlQuery, SqlValue } from './sql-connection.js';
import { datasetSqlError, describeColumns, describeRelation, relationSql, type DatasetRelation } from './dataset-relation.js';
import { clientScopeColumn, selectFields } from './pulled-rows.js';
import { numberInTextColumn, serverColumnTypes } from './server-column-types.js';
import { quoteIdentifier, SqlParams } from './sql-dialect.js';
import { instantSql, isoInstant, type InstantSql } from './instant-sql.js';
import { kthValuesByCounting, type CountingTarget } from './kth-by-counting.js';
import { statsScopeFields } from './stats-scope-values.js';
import { addGroupRow, conditionSql, invalidRowConditions, nearestRankK, planPushDown, ROW_KEY_REASON, rowValueOf, whereClause, windowRange, windowsDisjoint, type PushDownOutcome } from './pushdown.js';
import { countInSegments } from './pushdown-counted-percentiles.js';
import { elapsedRefusal, elapsedSqlOver, measuredSpan, measuredSpanSelect, openRowCondition, type ElapsedSql } from './elapsed-pushdown.js';
import { materialiseRows, materialisesBusinessTime, type MaterialisedRows } from './materialised-rows.js';
import { presentSql, scopeValueSql } from './field-sql.js';
import type { ClientLookalike } from '../evaluate/client-lookalikes.js';
import { lookalikeKeySql, lookalikesOfClients, withLookalikes } from './client-lookalikes-sql.js';

/** One agreement's scan of the shared table, planned for its own period. */
export interface SharedMember {
    scan: DatasetScan;
    period: EvaluationPeriod;
}

/** What the shared queries found for one member: replayed into the agreement's own scan by `applySharedResult`. */
export interface SharedMemberResult {
    /** Per filter group: rows (segment, scope, n, then count, sum, min, max per channel), segments the member's own. */
    groups: SqlValue[][][];
    /** Per filter group and channel: the k-th values per (scope cell, window segments). */
    percentiles: { group: number; channel: number; cell: SqlValue | undefined; first: number; end: number; values: (number | null)[] }[];
    /** The `for each` values of the member's client's rows, whatever their time or filter (as a file pass lists them): field and cell. */
    scopeCells: { field: FieldSpec; cell: SqlValue }[];
    /**
     * `first`/`last`: the event times of all the table's rows, every client's (the dataset's coverage), not only the member's;
     * `lookalikes`: the other clients' rows whose value looks like the member's (client-lookalikes-sql.ts).
     */
    stats: { rows: number; inPeriod: number; withoutEventTime: number; first: number | null; last: number | null; otherClientRows: number; lookalikes?: ClientLookalike[] };
    queries: number;
    rowsTransferred: number;
    bytesTransferred?: number;
    sharedBy: number;
}

/** ClickHouse: up to this many boundary sets (zones × validities) and boundaries in all, a row's segment is found by comparisons and a flat table. */
const MAX_SLOT_SETS = 32;
const MAX_SLOTS = 600;

/** The members' results in their order, or why they are not shared (each agreement then runs its own push-down). */
export async function pushDownShared(connection: SqlConnection, relation: DatasetRelation, members: readonly SharedMember[], signal?: AbortSignal): Promise<SharedMemberResult[] | { reason: string }> {
    const dialect = connection.dialect;
    if (relation.kind === 'csv') return { reason: 'a CSV file is text: its cells are decoded by the project, so each agreement pulls its rows' };
    if (relation.dataset.oneRowPer !== undefined) return { reason: ROW_KEY_REASON };
    if (relation.kind !== 'table' && dialect !== 'duckdb') return { reason: 'only tables and Parquet files are shared by a portfolio' };
    const first = members[0]!.scan;
    const client = clientScopeColumn(first.spec);
    const clientField = first.spec.clientScope === undefined ? undefined : first.spec.fields.find((field) => field.name === first.spec.clientScope!.field);
    if (client === undefined || clientField === undefined || (clientField.kind !== 'text' && clientField.kind !== 'enum')) return { reason: 'the agreements have no text client scope' };
    const signature = memberSignature(first);
    if (members.some((member) => memberSignature(member.scan) !== signature)) return { reason: 'the agreements read the table with other fields, filters or values' };
    const clients = members.map((member) => clientScopeColumn(member.scan.spec)!.value);
    if (new Set(clients).size !== clients.length) return { reason: 'two agreements have the same client' };

    let bytes: number | undefined;
    let queries = 0;
    let transferred = 0;
    const options = signal === undefined ? {} : { signal };
    const run = async (query: SqlQuery): Promise<SqlValue[][]> => {
        try {
            const result = await connection.query(query, options);
            queries++;
            transferred += result.rows.length;
            if (result.bytesReceived !== undefined) bytes = (bytes ?? 0) + result.bytesReceived;
            return result.rows;
        } catch (error) {
            throw datasetSqlError(relation.dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    };
    // DuckDB tells the column types of a table or Parquet file (DESCRIBE), as one agreement's push-down reads them (pushdown.ts).
    let types: Map<string, string> | undefined;
    if (dialect === 'duckdb') {
        types = await describeColumns(connection, relation, signal);
        if (types !== undefined) {
            if (relation.dataset.fields.some((field) => !types!.has(field.column))) return { reason: 'a column is missing' };
            selectFields(dialect, relation, types); // a column of the wrong type: the user's error, which each agreement reports at its dataset
        }
    }
    const serverTypes = dialect === 'duckdb' ? undefined : await serverColumnTypes(connection, relation, signal);
    queries++;
    if (serverTypes !== undefined && dialect !== 'duckdb') {
        if (relation.dataset.fields.some((field) => !serverTypes.has(field.column))) return { reason: 'a column is missing' };
        if (numberInTextColumn(relation.dataset.fields, serverTypes, dialect) !== undefined) return { reason: 'a number field is stored as text' };
    }
    const eventField = first.spec.fields[first.eventIndex];
    if (eventField === undefined) return { reason: 'the dataset has no timestamp field' };
    const eventColumnType = serverTypes?.get(eventField.column);
    const sql = new SharedSql(dialect, relation, first, types ?? serverTypes, client.column, instantSql(dialect, quoteIdentifier(dialect, eventField.column), eventColumnType), eventColumnType);
    // elapsed(…) (PostgreSQL): no client may have an open row in its period, and every agreement's business time must be the same SQL
    // (the same working intervals: same calendars and zone) — then it is computed once per row for all of them (materialised-rows.ts).
    let elapsed: ElapsedSql | undefined;
    if (first.elapsed.length > 0) {
        const refusal = elapsedRefusal(dialect, first);
        if (refusal !== undefined) return { reason: refusal };
        if (dialect !== 'postgres') return { reason: `elapsed(…) is pushed down agreement by agreement on ${dialect === 'duckdb' ? 'DuckDB' : 'ClickHouse'}` };
        const [checks = []] = await run(sql.elapsedChecks(clients, members.map((member) => member.period), openRowCondition(dialect, first), measuredSpanSelect(dialect, first, serverTypes)));
        if (Number(checks[0] ?? 0) > 0) return { reason: 'a client has rows with an elapsed(…) start without its end: each agreement is evaluated on its own' };
        const texts: string[] = [];
        for (const member of members) {
            const { low, high } = measuredSpan(checks.slice(1), member.period);
            const own = elapsedSqlOver(dialect, member.scan, low, high, serverTypes);
            if ('reason' in own) return own;
            elapsed ??= own;
            texts.push(member.scan.elapsed.map((node) => own.sql(node)).join('\u0000'));
        }
        if (texts.some((text) => text !== texts[0])) return { reason: 'the agreements measure business time with different working hours (calendars, zones): each agreement is evaluated on its own' };
    }
    for (const member of members) {
        const plan = planPushDown(dialect, relation, member.scan, member.period, types, eventColumnType, elapsed, serverTypes);
        if ('reason' in plan) return plan;
        if (plan.outages.length > 0) return { reason: 'uptime(…) is pushed down agreement by agreement' };
        for (const { group, channels } of plan.groups) {
            if (channels.some((channel) => channel.percentiles.length > 0) && !windowsDisjoint(member.scan.plans[group.planIndex]!)) return { reason: 'percentiles over overlapping windows are pushed down agreement by agreement' };
        }
    }

    // The table's rows, the rows a file pass would reject and the first and last event time (any client's), then each client's rows and rows in its period.
    // The totals come grouped by the clients' lookalike values (one row per value, and one for all other rows): added up here.
    const totalRows = await run(sql.totals(clients));
    if (totalRows.some((cells) => Number(cells[1] ?? 0) > 0)) return { reason: 'rows with missing or invalid values: each agreement pulls its rows, to report them as for files' };
    const tableRows = totalRows.reduce((total, cells) => total + Number(cells[0] ?? 0), 0);
    const time = (cell: SqlValue | undefined): number | null => (cell === null || cell === undefined ? null : Number(cell));
    // Coverage is judged on all rows of the dataset (docs/language-reference.md § 14.10): every member gets the table's first and last.
    // (Over no row at all ClickHouse gives MIN/MAX of a non-nullable column as 0, not NULL.)
    const extreme = (index: number, pick: (a: number, b: number) => number): number | null =>
        tableRows === 0 ? null : totalRows.reduce<number | null>((found, cells) => {
            const ms = time(cells[index]);
            return ms === null ? found : found === null ? ms : pick(found, ms);
        }, null);
    const tableFirst = extreme(2, Math.min);
    const tableLast = extreme(3, Math.max);
    const scopeFields = statsScopeFields(first).map(({ field }) => field);
    // Grouped by the `for each` columns too: a client's value seen only outside its period is listed, as locally (stats-scope-values.ts);
    // the cells go with each member's result and are interned in its own scan (applySharedResult).
    const perClient = new Map<string, { rows: number; inPeriod: number; withoutEventTime: number; scopeCells: { field: FieldSpec; cell: SqlValue }[] }>();
    for (const cells of await run(sql.clientStats(clients, members.map((member) => member.period), scopeFields))) {
        const client = String(cells[0]);
        const counted = perClient.get(client) ?? { rows: 0, inPeriod: 0, withoutEventTime: 0, scopeCells: [] };
        counted.rows += Number(cells[1] ?? 0);
        counted.inPeriod += Number(cells[2] ?? 0);
        counted.withoutEventTime += Number(cells[5] ?? 0);
        scopeFields.forEach((field, k) => {
            const cell = cells[6 + k];
            if (cell !== null && cell !== undefined && cell !== '') counted.scopeCells.push({ field, cell }); // '' is a missing value (field-sql.ts)
        });
        perClient.set(client, counted);
    }
    // Each member's lookalikes: the values of no member the totals grouped, and the other members' own values (a portfolio
    // may hold `northwind` and `Northwind`), whose rows the client statistics counted; each value goes to the members it looks like.
    const lookalikes = lookalikesOfClients(clients, [
        ...totalRows.map((cells) => ({ value: cells[4], rows: Number(cells[0] ?? 0) })),
        ...[...perClient].map(([client, counted]) => ({ value: client, rows: counted.rows }))
    ]);
    const results: SharedMemberResult[] = members.map((_, index) => {
        const counted = perClient.get(clients[index]!);
        const rows = counted?.rows ?? 0;
        return {
            groups: [],
            percentiles: [],
            scopeCells: counted?.scopeCells ?? [],
            stats: { rows, inPeriod: counted?.inPeriod ?? 0, withoutEventTime: counted?.withoutEventTime ?? 0, first: tableFirst, last: tableLast, otherClientRows: tableRows - rows, lookalikes: lookalikes[index]! },
            queries: 0,
            rowsTransferred: 0,
            sharedBy: members.length
        };
    });

    // Business time: each row's computed once for every client (a temp table, or a fenced subquery), read by the group queries and rounds.
    let materialised: MaterialisedRows | undefined;
    if (elapsed !== undefined && materialisesBusinessTime(first)) {
        const ranges = members.map((member) => windowRange(member.scan)).filter((range) => range !== undefined);
        if (ranges.length > 0) {
            const input = { relation, scan: first, elapsed, from: Math.min(...ranges.map((range) => range.from)), to: Math.max(...ranges.map((range) => range.to)), eventColumnType, clients };
            materialised = await materialiseRows(connection, input, signal).catch((error: unknown) => {
                throw datasetSqlError(relation.dataset, `the query on the ${describeRelation(relation)} failed: ${error instanceof Error ? error.message : String(error)}`);
            });
            queries += materialised.statements;
        }
    }
    sql.rows = materialised;
    sql.elapsed = elapsed;
    try {
        for (const [groupIndex, group] of first.groups.entries()) {
            // Each member's segments numbered from its base: (member, segment) ↔ base + segment.
            const plans = members.map((member) => member.scan.plans[member.scan.groups[groupIndex]!.planIndex]!);
            const bases: number[] = [];
            let next = 0;
            for (const plan of plans) {
                bases.push(next);
                next += plan.segmentCount;
            }
            const memberOf = (segment: number): number => {
                let low = 0;
                let high = bases.length - 1;
                while (low < high) {
                    const middle = (low + high + 1) >> 1;
                    if (bases[middle]! <= segment) low = middle;
                    else high = middle - 1;
                }
                return low;
            };
            const placed = sql.placedRows(group, clients, plans.map((plan) => Array.from(plan.boundaries)), bases);
            const rows = await run(placed.groupQuery);
            for (const result of results) result.groups.push([]);
            for (const cells of rows) {
                const segment = Number(cells[0]);
                const member = memberOf(segment);
                results[member]!.groups[groupIndex]!.push([segment - bases[member]!, ...cells.slice(1)]);
                results[member]!.rowsTransferred++;
            }
            // The members' own accumulators, filled now for the percentiles' n, min and max (applySharedResult fills the evaluation's).
            members.forEach((member, index) => fillGroup(member.scan, member.scan.groups[groupIndex]!, results[index]!.groups[groupIndex]!));
            for (const [channelIndex, channel] of group.channels.entries()) {
                if (channel.percentiles.length === 0) continue;
                // Scope cells interned across members (each member's scan interns its own ids).
                const cellIds = new Map<string, number>();
                const cells: SqlValue[] = [];
                const targets: CountingTarget[] = [];
                const owners: number[] = [];
                const bounds = { low: Number.POSITIVE_INFINITY, high: Number.NEGATIVE_INFINITY };
                members.forEach((member, index) => {
                    const memberGroup = member.scan.groups[groupIndex]!;
                    const memberChannel = memberGroup.channels[channelIndex]!;
                    const scopeCells = scopeCellsOf(results[index]!.groups[groupIndex]!, member.scan, memberGroup);
                    for (const [scopeId, scopeStats] of memberChannel.scopes.entries()) {
                        if (scopeStats === undefined) continue;
                        const cell = scopeCells.get(scopeId);
                        const text = cell === undefined ? '' : String(cell);
                        let id = cellIds.get(text);
                        if (id === undefined) {
                            cellIds.set(text, (id = cells.length));
                            cells.push(cell ?? null);
                        }
                        const seen = new Set<string>();
                        for (const window of plans[index]!.windows) {
                            const range = `${window.firstSegment}:${window.endSegment}`;
                            if (seen.has(range)) continue;
                            seen.add(range);
                            const n = countInSegments(scopeStats, window.firstSegment, window.endSegment, bounds);
                            if (n === 0) continue;
                            targets.push({ scopeId: id, first: bases[index]! + window.firstSegment, end: bases[index]! + window.endSegment, ks: memberChannel.percentiles.map((p) => nearestRankK(p, n)) });
                            owners.push(index);
                        }
                    }
                });
                if (targets.length === 0) continue;
                const scopeField = group.scopeSlot < 0 ? undefined : first.spec.fields.find((field) => field.name === first.interners[group.scopeSlot]!.field)!;
                const found = await kthValuesByCounting({
                    dialect,
                    rows: placed.valueRows(channel),
                    scopeCell: (id) => (scopeField === undefined ? undefined : cells[id]!),
                    scopeType: scopeField === undefined || scopeField.kind === 'text' || scopeField.kind === 'enum' ? 'text' : scopeField.kind === 'boolean' ? 'boolean' : 'numeric',
                    targets,
                    low: bounds.low,
                    high: bounds.high,
                    run: async (query) => {
                        const rows = await run(query);
                        // A round's rows belong to every member with an open rank: counted once, against the first member.
                        results[0]!.rowsTransferred += rows.length;
                        return rows;
                    }
                });
                if (found === undefined) return { reason: 'counting the percentiles would send too many rows' };
                targets.forEach((target, index) => {
                    const owner = owners[index]!;
                    results[owner]!.percentiles.push({ group: groupIndex, channel: channelIndex, cell: scopeField === undefined ? undefined : cells[target.scopeId]!, first: target.first - bases[owner]!, end: target.end - bases[owner]!, values: found.get(`${target.scopeId}:${target.first}:${target.end}`)! });
                });
            }
        }
    } finally {
        await materialised?.drop();
    }
    for (const result of results) {
        result.queries = queries;
        result.rowsTransferred += 1; // its line of the client statistics
        if (bytes !== undefined) result.bytesTransferred = Math.round(bytes / results.length);
    }
    results[0]!.rowsTransferred += totalRows.length; // the totals rows
    return results;
}

/** Fills an agreement's own scan from its shared result, as its own push-down would, and gives the pass's result. */
export function applySharedResult(scan: DatasetScan, result: SharedMemberResult): PushDownOutcome & { sharedBy: number } {
    for (const { field, cell } of result.scopeCells) scan.interners.find((interner) => interner.field === field.name)?.intern(rowValueOf(field, cell));
    scan.groups.forEach((group, index) => fillGroup(scan, group, result.groups[index] ?? []));
    for (const entry of result.percentiles) {
        const group = scan.groups[entry.group]!;
        const channel: ValueChannel = group.channels[entry.channel]!;
        const scopeField = scopeFieldOf(scan, group);
        const scopeId = scopeField === undefined || entry.cell === undefined ? 0 : scan.interners[group.scopeSlot]!.intern(rowValueOf(scopeField, entry.cell));
        channel.pushedPercentiles ??= new Map();
        channel.pushedPercentiles.set(`${scopeId}:${entry.first}:${entry.end}`, entry.values);
    }
    const { stats } = result;
    const pass: DatasetPassResult = {
        // As a file pass counts: every valid row, the other clients' included.
        rows: stats.rows + stats.otherClientRows,
        rejected: 0,
        rejectedSamples: [],
        bytes: 0,
        outsidePeriod: stats.rows - stats.inPeriod - stats.withoutEventTime,
        withoutEventTime: stats.withoutEventTime,
        firstTime: stats.first,
        lastTime: stats.last,
        threads: 1,
        otherClientRows: stats.otherClientRows,
        ...withLookalikes(stats.lookalikes)
    };
    return { result: pass, queries: result.queries, rowsTransferred: result.rowsTransferred, ...(result.bytesTransferred === undefined ? {} : { bytesTransferred: result.bytesTransferred }), sharedBy: result.sharedBy };
}

/** What must be equal for agreements to share the queries: fields, event field, per filter group its filter, scope field and channels, and the ordered times (the rows a file pass rejects). */
export function memberSignature(scan: DatasetScan): string {
    const fields = scan.spec.fields.map(({ declaredAt: _declaredAt, ...field }) => field);
    const groups = scan.groups.map((group) => [group.whereExpr ?? null, group.scopeSlot < 0 ? null : scan.interners[group.scopeSlot]!.field, group.channels.map((channel) => [channel.valueExpr, channel.percentiles])]);
    return JSON.stringify([fields, scan.eventIndex, scan.spec.clientScope?.field ?? null, groups, scan.spec.orderedTimes ?? []]);
}

function scopeFieldOf(scan: DatasetScan, group: FilterGroup): FieldSpec | undefined {
    return group.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[group.scopeSlot]!.field)!;
}

/** Scope id → the cell it came from, for the rows of one group. */
function scopeCellsOf(rows: SqlValue[][], scan: DatasetScan, group: FilterGroup): Map<number, SqlValue> {
    const found = new Map<number, SqlValue>();
    const scopeField = scopeFieldOf(scan, group);
    if (scopeField === undefined) return found;
    for (const cells of rows) found.set(scan.interners[group.scopeSlot]!.intern(rowValueOf(scopeField, cells[1]!)), cells[1]!);
    return found;
}

/** Rows (segment, scope, n, then count, sum, min, max per channel) into a group's accumulators: the reading of pushdown.ts's group queries. */
function fillGroup(scan: DatasetScan, group: FilterGroup, rows: SqlValue[][]): void {
    const scopeField = scopeFieldOf(scan, group);
    for (const cells of rows) {
        const scopeId = scopeField === undefined ? 0 : scan.interners[group.scopeSlot]!.intern(rowValueOf(scopeField, cells[1]!));
        addGroupRow(group, group.channels, scopeId, cells);
    }
}

/** The SQL of the shared push-down: rows placed in their client's segments, per dialect. */
class SharedSql {
    constructor(
        private readonly dialect: SqlDialectName,
        private readonly relation: DatasetRelation,
        private readonly scan: DatasetScan,
        /** The relation's column types in the engine's own names (DuckDB's DESCRIBE, the server's), as conditionSql reads them. */
        private readonly types: Map<string, string> | undefined,
        clientColumn: string,
        private readonly instant: InstantSql,
        private readonly eventColumnType: string | undefined
    ) {
        this.client = quoteIdentifier(dialect, clientColumn);
    }
    private readonly client: string;
    /** Business time (PostgreSQL): the rows with it computed once, read instead of the table by the group queries and rounds. */
    rows: MaterialisedRows | undefined;
    elapsed: ElapsedSql | undefined;

    /** Rows of the clients with an open elapsed(…) in their period; then the span of the measured instants over the whole table (as one agreement's push-down asks it). */
    elapsedChecks(clients: string[], periods: EvaluationPeriod[], open: string, span: string[]): SqlQuery {
        const params = new SqlParams(this.dialect);
        const time = this.instant.value;
        const values = clients.map((client, index) => `(${params.bind(client)}::text, ${this.boundSql(params, periods[index]!.start)}, ${this.boundSql(params, periods[index]!.end)})`);
        const openRows = `(SELECT COUNT(*) FROM ${relationSql(this.dialect, this.relation, params)} JOIN (VALUES ${values.join(', ')}) AS sla_c(sla_client, sla_start, sla_end) ON ${this.client} = sla_c.sla_client WHERE ${time} >= sla_c.sla_start AND ${time} < sla_c.sla_end AND (${open}))`;
        return { text: span.length === 0 ? `SELECT ${openRows}` : `SELECT ${[openRows, ...span].join(', ')} FROM ${relationSql(this.dialect, this.relation, params)}`, params: params.values };
    }

    private column(field: FieldSpec): string {
        return quoteIdentifier(this.dialect, field.column);
    }

    /**
     * Rows of the table, rows a file pass would reject, and the first and last event time of all rows (epoch ms), grouped by the
     * value of the client column when it may look like a client's and is none of theirs (column 4; NULL for the other rows):
     * the clients' lookalikes counted in the same scan (client-lookalikes-sql.ts).
     */
    totals(clients: readonly string[]): SqlQuery {
        const params = new SqlParams(this.dialect);
        const invalid = invalidRowConditions(this.dialect, this.scan.spec, params, this.types);
        const from = relationSql(this.dialect, this.relation, params);
        const time = this.instant.value;
        const lookalike = lookalikeKeySql(this.dialect, this.scan.spec, this.types, clients, params);
        const grouped = lookalike === undefined ? ` FROM ${from}` : `, ${lookalike} AS sla_lookalike FROM ${from} GROUP BY ${lookalike}`;
        return {
            text: `SELECT COUNT(*) AS sla_rows, SUM(CASE WHEN ${invalid.length === 0 ? '1 = 0' : invalid.join(' OR ')} THEN 1 ELSE 0 END) AS sla_invalid, ${this.instant.epochMsOf(`MIN(${time})`)} AS sla_first, ${this.instant.epochMsOf(`MAX(${time})`)} AS sla_last${grouped}`,
            params: params.values
        };
    }

    /** Per client: its rows, its rows in its period, its first and last event time (epoch ms; the members' coverage is the table's: `totals`), its rows without an event time. */
    clientStats(clients: string[], periods: EvaluationPeriod[], scopeFields: readonly FieldSpec[] = []): SqlQuery {
        const params = new SqlParams(this.dialect);
        const from = relationSql(this.dialect, this.relation, params);
        const time = this.instant.value;
        // Then one row per client and combination of `for each` values (columns 6…), added up by the caller.
        const noTime = `SUM(CASE WHEN ${time} IS NULL THEN 1 ELSE 0 END) AS sla_no_time`;
        const scopes = scopeFields.map((field) => scopeValueSql(this.dialect, field, this.types));
        const selected = scopes.map((column, index) => `, ${column} AS sla_k${index}`).join('');
        const grouped = scopes.map((column) => `, ${column}`).join('');
        if (this.dialect !== 'clickhouse') {
            const values = clients.map((client, index) => `(${params.bind(client)}::text, ${this.boundSql(params, periods[index]!.start)}, ${this.boundSql(params, periods[index]!.end)})`);
            return {
                text: `SELECT sla_c.sla_client, COUNT(*) AS sla_rows, SUM(CASE WHEN ${time} >= sla_c.sla_start AND ${time} < sla_c.sla_end THEN 1 ELSE 0 END) AS sla_in_period, ${this.instant.epochMsOf(`MIN(${time})`)} AS sla_first, ${this.instant.epochMsOf(`MAX(${time})`)} AS sla_last, ${noTime}${selected} FROM ${from} JOIN (VALUES ${values.join(', ')}) AS sla_c(sla_client, sla_start, sla_end) ON ${this.client} = sla_c.sla_client GROUP BY sla_c.sla_client${grouped}`,
                params: params.values
            };
        }
        const list = `[${clients.map((client) => params.bind(client)).join(', ')}]`;
        const lookup = (values: number[]): string => `transform(${this.client}, ${list}, [${values.map((value) => `toInt64(${integer(value)})`).join(', ')}], toInt64(0))`;
        return {
            text: `SELECT ${this.client} AS sla_client, COUNT(*) AS sla_rows, SUM(CASE WHEN ${time} >= ${lookup(periods.map((period) => period.start))} AND ${time} < ${lookup(periods.map((period) => period.end))} THEN 1 ELSE 0 END) AS sla_in_period, MIN(${time}) AS sla_first, MAX(${time}) AS sla_last, ${noTime}${selected} FROM ${from} WHERE ${this.client} IN (${clients.map((client) => params.bind(client)).join(', ')}) GROUP BY sla_client${grouped}`,
            params: params.values
        };
    }

    /** An instant bound for a VALUES list (typed: PostgreSQL infers nothing there). */
    private boundSql(params: SqlParams, ms: number): string {
        const text = this.instant.bind(params, ms);
        return text.includes('::') ? text : `${text}::bigint`;
    }

    /**
     * The rows of one filter group placed in their client's segment (number base + segment):
     * the group query (counts, sums, min, max per segment and scope) and, per channel, the rows
     * the counting rounds count.
     */
    placedRows(group: FilterGroup, clients: string[], boundaries: number[][], bases: number[]): { groupQuery: SqlQuery; valueRows: (channel: ValueChannel) => SqlQuery } {
        const { dialect } = this;
        const params = new SqlParams(dialect);
        const fields = new Map(this.scan.spec.fields.map((field) => [field.name, field]));
        const time = this.instant.value;
        let from = this.rows === undefined ? relationSql(dialect, this.relation, params) : this.rows.from(params);
        const elapsed = this.rows?.elapsed ?? this.elapsed;
        let segment: string;
        const conditions: string[] = [];
        if (dialect === 'postgres') {
            // Each client's boundaries as one array (bound as its text), its row found by a hash join on the client column.
            const arrayType = this.eventColumnType === 'timestamp with time zone' ? 'timestamptz' : this.eventColumnType === 'timestamp without time zone' ? 'timestamp' : 'bigint'; // as instant-sql.ts compares
            const element = (ms: number): string => (arrayType === 'bigint' ? integer(ms) : isoInstant(ms));
            const values = clients.map((client, index) => {
                const bounds = boundaries[index]!;
                return `(${params.bind(client)}::text, ${integer(bases[index]!)}, ${this.boundSql(params, bounds[0]!)}, ${this.boundSql(params, bounds[bounds.length - 1]!)}, ${params.bind(`{${bounds.map(element).join(',')}}`)}::${arrayType}[])`;
            });
            from = `${from} JOIN (VALUES ${values.join(', ')}) AS sla_c(sla_client, sla_base, sla_start, sla_end, sla_bounds) ON ${this.client} = sla_c.sla_client`;
            conditions.push(`${time} >= sla_c.sla_start`, `${time} < sla_c.sla_end`);
            // width_bucket: i with bounds[i] <= t < bounds[i + 1] (1-based), a binary search per row.
            segment = `sla_c.sla_base + width_bucket(${time}, sla_c.sla_bounds) - 1`;
        } else if (dialect === 'duckdb') {
            // DuckDB: each client's segments as rows (client number, segment number, start, end; integers, epoch ms as the row's
            // epoch_ms compares), joined on the client (a hash join on the client column) and on the segment's range.
            const clientRows = clients.map((client, index) => `(${params.bind(client)}::text, ${integer(index)})`);
            const segmentRows: string[] = [];
            boundaries.forEach((bounds, index) => {
                for (let s = 0; s + 1 < bounds.length; s++) segmentRows.push(`(${integer(index)}, ${integer(bases[index]! + s)}, ${integer(bounds[s]!)}::bigint, ${integer(bounds[s + 1]!)}::bigint)`);
            });
            from = `${from} JOIN (VALUES ${clientRows.join(', ')}) AS sla_c(sla_client, sla_k) ON ${this.client} = sla_c.sla_client JOIN (VALUES ${segmentRows.join(', ')}) AS sla_g(sla_k, sla_segment_no, sla_start, sla_end) ON sla_c.sla_k = sla_g.sla_k AND ${time} >= sla_g.sla_start AND ${time} < sla_g.sla_end`;
            segment = 'sla_g.sla_segment_no';
        } else {
            // ClickHouse 18.16: clients with the same boundaries (same zone and validity) share one boundary set; a client's set and its
            // first segment number by transform (a hash lookup), the set's boundaries from a constant array of equally long arrays (padded
            // with the largest Int64). Its lambdas cannot read a column beside such an array: the time goes in as an array too.
            const list = `[${clients.map((client) => params.bind(client)).join(', ')}]`;
            const sets = new Map<string, number>();
            const setOf = boundaries.map((bounds) => {
                const key = bounds.join(',');
                let set = sets.get(key);
                if (set === undefined) sets.set(key, (set = sets.size + 1));
                return set;
            });
            const distinct = [...sets.keys()].map((key) => key.split(',').map(Number));
            const int64s = (values: number[]): string => `[${values.map((value) => `toInt64(${integer(value)})`).join(', ')}]`;
            const set = `transform(${this.client}, ${list}, [${setOf.map(integer).join(', ')}], 0)`;
            const base = `transform(${this.client}, ${list}, ${int64s(bases)}, toInt64(0))`;
            const union = [...new Set(distinct.flat())].sort((a, b) => a - b);
            if (distinct.length <= MAX_SLOT_SETS && union.length <= MAX_SLOTS) {
                // Few boundary sets (zones): the row's slot among all sets' boundaries by comparisons (vectorised, no lambda), then its
                // segment in its set from a flat table, (set, slot) → segment or −1 (set 0: a client not in the portfolio).
                const slot = `multiIf(${union.map((bound, index) => `${time} < ${integer(bound)}, ${integer(index)}`).join(', ')}, ${integer(union.length)})`;
                const table: number[] = Array.from({ length: union.length + 1 }, () => -1);
                for (const bounds of distinct) {
                    table.push(-1); // slot 0: before every boundary
                    for (let j = 1; j <= union.length; j++) {
                        const from = union[j - 1]!;
                        table.push(from >= bounds[0]! && from < bounds[bounds.length - 1]! ? bounds.filter((bound) => bound <= from).length - 1 : -1);
                    }
                }
                const local = `[${table.map(integer).join(', ')}][${set} * ${integer(union.length + 1)} + ${slot} + 1]`;
                conditions.push(`${local} >= 0`);
                segment = `(${base} + ${local})`;
            } else {
                // Many boundary sets: the set's boundaries from a constant array of equally long arrays (padded with the largest Int64).
                // Its lambdas cannot read a column beside such an array: the time goes in as an array too.
                const width = Math.max(...distinct.map((bounds) => bounds.length));
                const padded = distinct.map((bounds) => `[${[...bounds.map((value) => `toInt64(${integer(value)})`), ...Array.from({ length: width - bounds.length }, () => 'toInt64(9223372036854775807)')].join(', ')}]`);
                conditions.push(`${this.client} IN (${list.slice(1, -1)})`, `${time} >= ${int64s(distinct.map((bounds) => bounds[0]!))}[${set}]`, `${time} < ${int64s(distinct.map((bounds) => bounds[bounds.length - 1]!))}[${set}]`);
                segment = `(${base} + arrayFirstIndex((sla_b, sla_t) -> sla_t < sla_b, [${padded.join(', ')}][${set}], arrayResize(emptyArrayInt64(), ${integer(width)}, toInt64(${time}))) - 2)`;
            }
        }
        if (group.whereExpr !== undefined) conditions.push(conditionSql(group.whereExpr, fields, dialect, params, this.types, elapsed));
        const scopeField = scopeFieldOf(this.scan, group);
        if (scopeField !== undefined) conditions.push(presentSql(dialect, scopeField, this.types));
        const scope = scopeField === undefined ? '0' : scopeValueSql(dialect, scopeField, this.types);
        const valueOf = (channel: ValueChannel): string => {
            if (channel.valueExpr.type === 'elapsed' && elapsed !== undefined) return elapsed.sql(channel.valueExpr);
            if (channel.valueExpr.type !== 'field') throw new Error('a shared push-down reads plain fields and elapsed(…) only'); // planPushDown accepted only these
            return this.column(fields.get(channel.valueExpr.field)!);
        };
        const select = [`${segment} AS sla_segment`, `${scope} AS sla_scope`, 'COUNT(*) AS sla_n'];
        group.channels.forEach((channel, index) => {
            const value = valueOf(channel);
            // PostgreSQL: elapsed(…) is bigint, whose SUM is exact without a numeric cast per row (as pushdown.ts sums it).
            const sum = dialect === 'postgres' ? (channel.valueExpr.type === 'elapsed' ? `(SUM(${value}))::text` : `(SUM(${value}::numeric))::text`) : dialect === 'duckdb' ? `CAST(SUM(${value}) AS VARCHAR)` : `toString(SUM(${value}))`;
            select.push(`COUNT(${value}) AS sla_c${index}`, `${sum} AS sla_s${index}`, `MIN(${value}) AS sla_min${index}`, `MAX(${value}) AS sla_max${index}`);
        });
        const groupBy = scopeField === undefined ? 'sla_segment' : 'sla_segment, sla_scope';
        return {
            groupQuery: { text: `SELECT ${select.join(', ')} FROM ${from}${whereClause(conditions)} GROUP BY ${groupBy}`, params: params.values },
            valueRows: (channel) => {
                const value = valueOf(channel);
                return { text: `SELECT ${segment} AS sla_segment, ${scope} AS sla_scope, ${value} AS sla_value FROM ${from}${whereClause([...conditions, `${value} IS NOT NULL`])}`, params: params.values };
            }
        };
    }
}

function integer(value: number): string {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
}
