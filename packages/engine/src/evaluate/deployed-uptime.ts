import { add, EXACT_ZERO, type Exact } from './exact-value.js';
import { clipIntervals, intersectIntervals, mergeIntervals, subtractIntervals, totalLength, type Interval } from '../time/intervals.js';
import { downtimeIn, type OutageRows, type WeightedInterval } from './replica-downtime.js';

/** The outages of one scope split by the resource they are of (`deployed in … by <field>`). */
export interface ResourceOutages {
    /** Per resource: its outage rows (intervals and, with `weighted by`, their shares). */
    rows: Map<string, OutageRows>;
    /** Per resource: its outage intervals merged (to tell the time it was down while not deployed). */
    merged: Map<string, Interval[]>;
}

/** The outage rows of a scope grouped by resource (`resources[i]` is the resource of `intervals[i]`). */
export function outagesByResource(intervals: readonly Interval[], resources: readonly string[], weights: readonly number[]): ResourceOutages {
    const grouped = new Map<string, { intervals: Interval[]; weights: number[] }>();
    intervals.forEach((interval, index) => {
        const resource = resources[index] ?? '';
        let own = grouped.get(resource);
        if (own === undefined) grouped.set(resource, (own = { intervals: [], weights: [] }));
        own.intervals.push(interval);
        if (weights.length > 0) own.weights.push(weights[index]!);
    });
    const rows = new Map<string, OutageRows>();
    const merged = new Map<string, Interval[]>();
    for (const [resource, own] of grouped) {
        rows.set(resource, own.weights.length > 0 ? own : { intervals: own.intervals });
        merged.set(resource, mergeIntervals(own.intervals));
    }
    return { rows, merged };
}

/** One window of a deployed uptime: the sums over the resources, and the outage time of resources not deployed. */
export interface DeployedWindow {
    /** Σ over the resources of the eligible time while deployed (ms). */
    eligibleMs: number;
    /** Σ over the resources of their downtime while deployed (ms, and exactly). */
    downtimeMs: number;
    downtimeExact: Exact;
    /** Outage time (merged per resource) in the window while the resource was not deployed: no downtime. */
    notDeployedMs: number;
    /** The resources with such outage time, sorted. */
    notDeployed: string[];
}

/** What one window of a deployed uptime is measured from. */
export interface DeployedWindowInput {
    from: number;
    to: number;
    /** The uptime's eligible time over the period, sorted and merged (calendar, excluded maintenance). */
    eligible: readonly Interval[];
    /** The part of it in which an outage is downtime (less maintenance counted as available). */
    counting: readonly Interval[];
    /** Per resource of the scope: its deployments, merged (still deployed: to the end of the period). */
    deployments: ReadonlyMap<string, Interval[]>;
    outages: ResourceOutages;
    /** A resource's downtime before eligible time and windows (its outages combined by the options: replica-downtime.ts). */
    pieces: (resource: string) => WeightedInterval[];
    wholeMinutes: boolean;
}

/**
 * Resource-level availability (Azure SQL Database's "Maximum Available Minutes … for all
 * databases deployed"; EC2's instance "in the running state"): for each resource, its eligible
 * time is the window's eligible time while it is deployed, and its downtime its own outages
 * inside that (overlaps once per resource; `at least` and `whole minutes` per its own downtime
 * periods). The window's eligible time and downtime are the sums over the resources of the scope.
 * An outage while its resource is not deployed is no downtime: its time is returned, to be reported.
 */
export function deployedWindow(input: DeployedWindowInput): DeployedWindow {
    const { from, to } = input;
    const eligibleHere = clipIntervals(input.eligible, from, to);
    const countingHere = clipIntervals(input.counting, from, to);
    const resources = [...new Set([...input.deployments.keys(), ...input.outages.merged.keys()])].sort();
    const result: DeployedWindow = { eligibleMs: 0, downtimeMs: 0, downtimeExact: EXACT_ZERO, notDeployedMs: 0, notDeployed: [] };
    for (const resource of resources) {
        const deployed = clipIntervals(input.deployments.get(resource) ?? [], from, to);
        if (deployed.length > 0) {
            result.eligibleMs += totalLength(intersectIntervals(eligibleHere, deployed));
            if (input.outages.rows.has(resource)) {
                const { exact, ms } = downtimeIn(input.pieces(resource), intersectIntervals(countingHere, deployed), from, to, input.wholeMinutes);
                result.downtimeExact = add(result.downtimeExact, exact);
                result.downtimeMs += ms;
            }
        }
        const down = input.outages.merged.get(resource);
        if (down === undefined) continue;
        const outside = totalLength(subtractIntervals(clipIntervals(down, from, to), deployed));
        if (outside > 0) {
            result.notDeployedMs += outside;
            result.notDeployed.push(resource);
        }
    }
    return result;
}
