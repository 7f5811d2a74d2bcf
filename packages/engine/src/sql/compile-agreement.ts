/**
 * The SQL an evaluation sends, for review (`sla sql`): per dataset read through SQL, the
 * push-down queries (statistics per segment and scope; the k-th value query of each percentile,
 * shown for k = 1: the real k = ceil(p·n) is computed from the counts) or, when the plan cannot
 * be pushed down, the pull query and why. Column types are not asked (no connection is opened):
 * a DuckDB evaluation may still pull a dataset whose columns turn out not to fit.
 */
import type { AgreementModel } from '../model.js';
import { planAgreement } from '../evaluate/agreement-plan.js';
import { agreementPeriod } from '../evaluate/evaluation-period.js';
import type { EvaluateOptions } from '../evaluate/evaluate-agreement.js';
import type { SqlDialectName, SqlQuery } from './sql-connection.js';
import { relationOf, type DatasetRelation } from './dataset-relation.js';
import { batchesPercentiles, planPushDown, windowRange, windowsDisjoint } from './pushdown.js';
import { createTemporaryTable, materialisesBusinessTime, temporaryTableRows } from './materialised-rows.js';
import { countsPercentiles } from './pushdown-counted-percentiles.js';
import { firstCountingRound } from './kth-by-counting.js';
import { elapsedSqlOver } from './elapsed-pushdown.js';
import { pullQuery, selectFields, clientScopeColumn } from './pulled-rows.js';

export interface CompiledQuery {
    dataset: string;
    purpose: 'statistics' | 'percentile' | 'pull';
    /** KPIs of the model that read the dataset. */
    note?: string;
    query: SqlQuery;
}

export function compileAgreementQueries(model: AgreementModel, dialect: SqlDialectName, options: EvaluateOptions = {}): CompiledQuery[] {
    const now = options.now ?? Date.now();
    const period = agreementPeriod(model, { ...options, now });
    const plan = planAgreement(model, period, options.dataOverrides);
    const compiled: CompiledQuery[] = [];
    for (const scan of plan.scans.values()) {
        const found = relationOf(scan.spec, 'duckdb');
        if (found === undefined) continue;
        // `sla sql --dialect postgres` on a file dataset: shown as the table it would be.
        const relation: DatasetRelation = dialect !== 'duckdb' && found.kind !== 'table' ? { kind: 'table', dataset: { ...scan.spec, table: { connection: '', name: scan.name } }, connection: '' } : found;
        // Business time shown with the working intervals of the evaluation period (an evaluation covers the span of the table's instants).
        const elapsed = scan.elapsed.length === 0 ? undefined : elapsedSqlOver(dialect, scan, period.start, period.end);
        // PostgreSQL: the event time column as the documented layout has it (timestamptz), compared with bound instants.
        const eventColumnType = dialect === 'postgres' ? 'timestamp with time zone' : undefined;
        let pushed = elapsed !== undefined && 'reason' in elapsed ? elapsed : planPushDown(dialect, relation, scan, period, undefined, eventColumnType, elapsed);
        // PostgreSQL business time: computed once per row into a temp table, which the queries after the statistics read (materialised-rows.ts).
        let materialise: CompiledQuery | undefined;
        const range = windowRange(scan);
        if (!('reason' in pushed) && dialect === 'postgres' && elapsed !== undefined && !('reason' in elapsed) && materialisesBusinessTime(scan) && range !== undefined) {
            const input = { relation, scan, elapsed, from: range.from, to: range.to, eventColumnType };
            const table = 'pg_temp.sla_rows';
            const replanned = planPushDown(dialect, relation, scan, period, undefined, eventColumnType, elapsed, undefined, temporaryTableRows(input, table));
            if (!('reason' in replanned)) {
                pushed = replanned;
                materialise = { dataset: scan.name, purpose: 'statistics', note: `business time computed once per row: the rows of the windows with each elapsed(…) during … as a column, in a temp table that the queries below read, inside a transaction (BEGIN … ROLLBACK; the table's name gets a random suffix when run). Where the server refuses a temp table (no TEMP privilege, a read-only transaction) the queries below read this SELECT as a subquery fenced with OFFSET 0 instead`, query: createTemporaryTable(input, table) };
            }
        }
        if ('reason' in pushed) {
            // CSV is read as text (all_varchar): every column VARCHAR.
            const selected = selectFields(dialect, relation, relation.kind === 'csv' ? new Map(scan.spec.fields.map((field) => [field.column, 'VARCHAR'])) : undefined);
            const eventIndex = selected.findIndex((item) => item.field.name === scan.eventField);
            compiled.push({ dataset: scan.name, purpose: 'pull', note: pushed.reason, query: pullQuery(dialect, relation, selected, clientScopeColumn(scan.spec), eventIndex < 0 ? undefined : selected[eventIndex]!.sql) });
            continue;
        }
        compiled.push({ dataset: scan.name, purpose: 'statistics', note: 'rows, rows in the period, first and last event, invalid rows', query: pushed.stats });
        if (materialise !== undefined) compiled.push(materialise);
        for (const { group, query, channels, valueCounts } of pushed.groups) {
            compiled.push({ dataset: scan.name, purpose: 'statistics', note: `${scan.plans[group.planIndex]!.key}: counts${channels.length > 0 ? ', counts of values, exact sums, min, max' : ''} per segment${group.scopeSlot >= 0 ? ' and scope value' : ''}`, query });
            for (const channel of channels) {
                if (channel.percentiles.length === 0) continue;
                const window = scan.plans[group.planIndex]!.windows[0];
                if (window === undefined) continue;
                const windowPlan = scan.plans[group.planIndex]!;
                const boundaries = windowPlan.boundaries;
                const counted = valueCounts.find((entry) => entry.channel === channel);
                if (counted !== undefined && countsPercentiles(pushed, scan, windowsDisjoint)) {
                    compiled.push({ dataset: scan.name, purpose: 'percentile', note: `percentiles ${channel.percentiles.join(', ')}: counting rounds over value buckets floor(v · 2^j) for every window and scope; k = ceil(p·n) from the counts; the server sends back only the bucket holding each rank (a running sum of the counts); later rounds count only those buckets' rows (a tuple IN filter), 1,024 times finer, then the distinct values there (round 1's counts shown with 2^j = 1)`, query: firstCountingRound(dialect, counted.rows, 1) });
                    continue;
                }
                if (batchesPercentiles(pushed, windowPlan)) {
                    const windows = windowPlan.windows.map((w, id) => ({ id, from: boundaries[w.firstSegment]!, to: boundaries[w.endSegment]! }));
                    compiled.push({ dataset: scan.name, purpose: 'percentile', note: `percentiles ${channel.percentiles.join(', ')}: one query for every window and scope value, k = ceil(p·n) from the counts per (window, k) (shown with k = 1)`, query: pushed.kthValues!(channel, group, windows, windows.map((w) => ({ window: w.id, k: 1 })), windowsDisjoint(windowPlan)) });
                    continue;
                }
                compiled.push({ dataset: scan.name, purpose: 'percentile', note: `percentiles ${channel.percentiles.join(', ')}: the k-th smallest value per window and scope, k = ceil(p·n) from the counts (shown for the first window, k = 1)`, query: pushed.kthValue(channel, group, boundaries[window.firstSegment]!, boundaries[window.endSegment]!, group.scopeSlot >= 0 ? '…' : undefined, 1) });
            }
            for (const counted of countsPercentiles(pushed, scan, windowsDisjoint) ? [] : valueCounts) {
                compiled.push({ dataset: scan.name, purpose: 'percentile', note: `instead, when the k-th value queries would be more than 500 (rolling windows, many scopes): each value counted per segment and scope, the k-th value found by the project`, query: counted.query });
            }
        }
        for (const { check, scopes, query } of pushed.outages) {
            compiled.push({ dataset: scan.name, purpose: 'statistics', note: 'uptime: open outages and outages ending before they start (either: the rows are pulled)', query: check });
            if (scopes !== undefined) compiled.push({ dataset: scan.name, purpose: 'statistics', note: 'uptime: the scope values', query: scopes });
            if (query !== undefined) compiled.push({ dataset: scan.name, purpose: 'statistics', note: 'uptime: outage rows overlapping each window; outages merged per scope (gaps and islands), their eligible time per window E(min(b, to)) − E(max(a, from))', query });
        }
    }
    return compiled;
}

/** The queries as a reviewer reads them: each with its purpose, then its text and bound values. */
export function formatCompiledQueries(queries: CompiledQuery[]): string {
    if (queries.length === 0) return '-- No dataset of this agreement is read through SQL (tables, Parquet, or CSV with --engine duckdb).\n';
    return queries.map((item) => [
        `-- ${item.dataset}: ${item.purpose}${item.note === undefined ? '' : ` (${item.note})`}`,
        `${item.query.text};`,
        ...(item.query.params.length === 0 ? [] : [`-- parameters: ${item.query.params.map((value, index) => `$${index + 1} = ${JSON.stringify(value)}`).join(', ')}`])
    ].join('\n')).join('\n\n') + '\n';
}
