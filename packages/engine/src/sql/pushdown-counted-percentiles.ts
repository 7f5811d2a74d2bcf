/**
 * The push-down's percentiles on PostgreSQL and ClickHouse for windows that do not overlap
 * (calendar windows): the k-th values of every (window, scope) of a channel found by counting
 * rounds over value buckets (kth-by-counting.ts), k = ceil(p·n) from the counts already read.
 * Fills `pushedPercentiles` as the other percentile paths of pushdown.ts do.
 */
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { ChannelScope, FilterGroup, ValueChannel } from '../evaluate/filter-group.js';
import type { FieldSpec } from '../data/spec.js';
import type { SqlQuery, SqlValue } from './sql-connection.js';
import { kthValuesByCounting, type CountingTarget } from './kth-by-counting.js';
import { nearestRankK, type PushDownPlan } from './pushdown.js';

/** True when the plan's percentiles are found by counting rounds (PostgreSQL, ClickHouse; windows that do not overlap). */
export function countsPercentiles(plan: PushDownPlan, scan: DatasetScan, disjoint: (windowPlan: DatasetScan['plans'][number]) => boolean): boolean {
    if (plan.dialect === 'duckdb') return false; // in process: its batched row_number() query is one pass and moves nothing over a wire
    return plan.groups.every(({ group, channels }) => channels.every((channel) => channel.percentiles.length === 0) || disjoint(scan.plans[group.planIndex]!));
}

/**
 * Finds the k-th values of a channel's (window, scope) groups; false when counting would send
 * too many rows (the caller's other path then fills what is missing).
 */
export async function countedPercentiles(rows: SqlQuery, plan: PushDownPlan, channel: ValueChannel, group: FilterGroup, scan: DatasetScan, scopeValues: Map<string, SqlValue>, run: (query: SqlQuery) => Promise<SqlValue[][]>): Promise<boolean> {
    const windowPlan = scan.plans[group.planIndex]!;
    const scopeField: FieldSpec | undefined = group.scopeSlot < 0 ? undefined : scan.spec.fields.find((field) => field.name === scan.interners[group.scopeSlot]!.field)!;
    const targets: CountingTarget[] = [];
    const seen = new Set<string>();
    const bounds = { low: Number.POSITIVE_INFINITY, high: Number.NEGATIVE_INFINITY };
    for (const [scopeId, scopeStats] of channel.scopes.entries()) {
        if (scopeStats === undefined) continue;
        for (const window of windowPlan.windows) {
            const key = `${scopeId}:${window.firstSegment}:${window.endSegment}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const n = countInSegments(scopeStats, window.firstSegment, window.endSegment, bounds);
            if (n === 0) continue;
            targets.push({ scopeId, first: window.firstSegment, end: window.endSegment, ks: channel.percentiles.map((p) => nearestRankK(p, n)) });
        }
    }
    if (targets.length === 0) return true;
    const found = await kthValuesByCounting({
        dialect: plan.dialect,
        rows,
        scopeCell: (scopeId) => (scopeField === undefined ? undefined : scopeValues.get(`${group.scopeSlot}:${scopeId}`)),
        scopeType: scopeField === undefined || scopeField.kind === 'text' || scopeField.kind === 'enum' ? 'text' : scopeField.kind === 'boolean' ? 'boolean' : 'numeric',
        targets,
        low: bounds.low,
        high: bounds.high,
        run
    });
    if (found === undefined) return false;
    channel.pushedPercentiles ??= new Map();
    for (const [key, values] of found) channel.pushedPercentiles.set(key, values);
    return true;
}

/** The number of values a scope has in the segments [first, end), widening `bounds` to their smallest and largest. */
export function countInSegments(scopeStats: ChannelScope, first: number, end: number, bounds: { low: number; high: number }): number {
    let n = 0;
    for (let s = first; s < end; s++) {
        const count = scopeStats.count[s]!;
        n += count;
        if (count > 0) {
            bounds.low = Math.min(bounds.low, scopeStats.min[s]!);
            bounds.high = Math.max(bounds.high, scopeStats.max[s]!);
        }
    }
    return n;
}
