import type { WorkingCalendar } from '../time/calendar.js';
import { eligibility, type Eligibility, type EligibilityRules } from '../time/eligible-time.js';
import { clipIntervals, totalLength, type Interval } from '../time/intervals.js';
import type { MaintenanceSchedule } from '../time/maintenance.js';
import type { MaintenanceModel, UptimeExpr } from '../model.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { Exact } from './exact-value.js';
import type { InventoryCollector } from './inventory-collector.js';
import type { DeploymentInventory } from './deployment-inventory.js';
import { deployedWindow, outagesByResource, type ResourceOutages } from './deployed-uptime.js';
import type { OutageCollector, OutageScope } from './outage-collector.js';
import { combinedDowntime, downtimeIn, type WeightedInterval } from './replica-downtime.js';
import { maintenanceOfScope } from './scoped-maintenance.js';

export interface UptimeResult {
    value: number | null;
    eligibleMs: number;
    /** Downtime in ms (weighted downtime rounded down to whole ms; see downtimeExact). */
    downtimeMs: number;
    /** Downtime exactly: Σ length × share affected. */
    downtimeExact: Exact;
    /** Outage rows overlapping the window. */
    rows: number;
    /** Of those, outages without an end (counted as ongoing until the end of the period). */
    open: number;
    /** `across … of <inventory>`: the instances of the deployment in this scope (fewer than 2: not replicated, no value). */
    instances?: number;
    /** `deployed in …`: outage time of resources while not deployed (no downtime), and which resources (sorted). */
    notDeployed?: { ms: number; resources: string[] };
}

/** The rules of an uptime's eligible time (time/eligible-time.ts), its calendar and maintenance looked up. */
export function eligibilityRulesOf(expr: UptimeExpr, calendars: Readonly<Record<string, WorkingCalendar>>, maintenance: Readonly<Record<string, MaintenanceSchedule>>): EligibilityRules {
    let during: WorkingCalendar | undefined;
    if (expr.during !== undefined) {
        during = calendars[expr.during];
        if (!during) throw new Error(`unknown calendar '${expr.during}'`);
    }
    const schedule = (name: string): MaintenanceSchedule => {
        const found = maintenance[name];
        if (!found) throw new Error(`unknown maintenance '${name}'`);
        return found;
    };
    const cappedExcluding = (expr.cappedExcluding ?? []).map(({ maintenance: name, cap, countedAsAvailable }) => ({
        schedule: schedule(name), cap, ...(countedAsAvailable === true ? { countedAsAvailable } : {})
    }));
    return { during, excluding: expr.excluding.map(schedule), available: (expr.available ?? []).map(schedule), cappedExcluding };
}

/**
 * An uptime's eligible time over the whole evaluation period, and the part of it in which an
 * outage is downtime, sorted and merged: the period (inside the `during` calendar, if any)
 * minus excluded maintenance, less maintenance counted as available — computed by the
 * project's own time code (zones, holidays); SQL push-down ships the second as instants.
 */
export function uptimeEligibility(expr: UptimeExpr, period: EvaluationPeriod, zone: string, calendars: Readonly<Record<string, WorkingCalendar>>, maintenance: Readonly<Record<string, MaintenanceSchedule>>): Eligibility {
    return eligibility(eligibilityRulesOf(expr, calendars, maintenance), zone, period.start, period.end);
}

/** Which eligible time an uptime counts in (uptimes with the same key share pushed-down downtime). */
export function eligibilityKey(expr: UptimeExpr): string {
    return JSON.stringify([expr.during ?? null, expr.excluding, expr.available ?? [], expr.cappedExcluding ?? null, expr.minimumOutageMs ?? null]);
}

interface ScopeDowntime {
    raw: Interval[];
    open: boolean[];
    instances: string[];
    weights: number[];
    /** Combined downtime (across, minimum, weights), open outages lasting to the end of the period; per instance set. */
    pieces: Map<string, WeightedInterval[]>;
    /** Per outage: its resource (`deployed in … by`). */
    resources: string[];
    /** `deployed in …`: the outages grouped by resource, and each resource's combined downtime (open outages to the end of the period). */
    byResource?: { outages: ResourceOutages; pieces: Map<string, WeightedInterval[]> };
}

/**
 * uptime = (eligible − downtime) / eligible per window, where eligible time is the
 * window (inside the `during` calendar, if any) minus excluded maintenance, and
 * downtime is the merged outage intervals (overlaps once) inside eligible time, outside
 * maintenance counted as available —
 * combined across replicas, filtered by a minimum length, weighted by the share of users
 * affected and cut to whole minutes as the options say (replica-downtime.ts).
 * An open outage lasts until the end of the evaluation period.
 */
export class UptimeCalculator {
    /**
     * Over the whole evaluation period, sorted and merged: eligible time, and the part of it in
     * which an outage is downtime (less maintenance counted as available).
     */
    private readonly eligibility: Eligibility;
    /** The same per scope value (as text), when maintenance is listed per value of the scope field. */
    private readonly eligibilityByScope = new Map<string, Eligibility>();
    private readonly downtimeByScope = new Map<number, ScopeDowntime>();
    /** `deployed in …`: per scope value (as text), each resource's deployments. */
    private readonly deploymentsByScope = new Map<string, Map<string, Interval[]>>();

    constructor(
        private readonly expr: UptimeExpr,
        private readonly collector: OutageCollector,
        private readonly period: EvaluationPeriod,
        private readonly zone: string,
        private readonly calendars: Readonly<Record<string, WorkingCalendar>>,
        private readonly maintenance: Readonly<Record<string, MaintenanceModel>>,
        private readonly inventory?: InventoryCollector,
        /** The `for each` field the uptime is evaluated per value of (maintenance listed per value: scoped-maintenance.ts). */
        private readonly scopeField?: string,
        /** `deployed in …`: the inventory of the resources' deployments. */
        private readonly deployments?: DeploymentInventory
    ) {
        if (expr.deployed !== undefined && expr.across !== undefined) throw new Error(`uptime(…) cannot combine 'deployed in' with 'across'`);
        this.eligibility = uptimeEligibility(expr, period, zone, calendars, maintenance);
    }

    /**
     * `openEnd`: end open outages there instead of at the end of the period (the extreme
     * "every open outage ended where the data end" that tells a provisional window).
     * `scopeValue`: the scope's value, to find its instances in an inventory.
     */
    windowUptime(from: number, to: number, scopeId: number, openEnd?: number, scopeValue?: unknown): UptimeResult {
        const { eligible, counting } = this.eligibilityOf(scopeValue);
        if (this.collector.pushed !== undefined) {
            // sql/outage-pushdown.ts refuses `deployed in …` (computed here from the pulled rows): pushed outages have no resources.
            if (this.deployments !== undefined) throw new Error(`internal error: the outages of an uptime 'deployed in ${this.expr.deployed?.inventory ?? ''}' were pushed down`);
            return this.pushedUptime(from, to, scopeId, totalLength(clipIntervals(eligible, from, to)));
        }
        const downtime = scopeId < 0 ? undefined : this.downtime(scopeId);
        let rows = 0;
        let open = 0;
        if (downtime !== undefined) {
            downtime.raw.forEach(([start, end], index) => {
                if (start < to && end > from) {
                    rows++;
                    if (downtime.open[index]) open++;
                }
            });
        }
        if (this.deployments !== undefined) return this.deployedUptime(from, to, eligible, counting, downtime, rows, open, openEnd, scopeValue);
        const eligibleMs = totalLength(clipIntervals(eligible, from, to));
        const instanceSet = this.instanceSet(scopeValue);
        // A deployment with fewer than two instances is not replicated: no value, never "100 % met".
        if (this.inventory !== undefined && instanceSet !== undefined && instanceSet.size < 2) {
            return { value: null, eligibleMs, downtimeMs: 0, downtimeExact: { num: 0n, den: 1n }, rows, open, instances: instanceSet.size };
        }
        let pieces: WeightedInterval[] = [];
        if (downtime !== undefined) {
            if (openEnd !== undefined && downtime.open.includes(true)) {
                const ended = downtime.raw.map(([start, end], index): Interval => (downtime.open[index] ? [start, Math.max(start, Math.min(end, openEnd))] : [start, end]));
                pieces = this.combine(ended, downtime, instanceSet);
            } else {
                const key = instanceSet === undefined ? '' : [...instanceSet].sort().join('\u0000');
                let cached = downtime.pieces.get(key);
                if (cached === undefined) downtime.pieces.set(key, (cached = this.combine(downtime.raw, downtime, instanceSet)));
                pieces = cached;
            }
        }
        const { exact, ms } = downtimeIn(pieces, counting, from, to, this.expr.wholeMinutes === true);
        const result: UptimeResult = { value: eligibleMs > 0 ? (eligibleMs - ms) / eligibleMs : null, eligibleMs, downtimeMs: ms, downtimeExact: exact, rows, open };
        if (instanceSet !== undefined && this.inventory !== undefined) result.instances = instanceSet.size;
        return result;
    }

    /**
     * `deployed in …`: each resource of the scope over its deployed time, summed (deployed-uptime.ts).
     * No eligible time (no resource deployed in the window) is no data.
     */
    private deployedUptime(from: number, to: number, eligible: Interval[], counting: Interval[], downtime: ScopeDowntime | undefined, rows: number, open: number, openEnd: number | undefined, scopeValue: unknown): UptimeResult {
        const key = String(scopeValue ?? '');
        let deployments = this.deploymentsByScope.get(key);
        if (deployments === undefined) this.deploymentsByScope.set(key, (deployments = this.deployments!.resourcesOf(scopeValue, this.period.end)));
        let outages: ResourceOutages = { rows: new Map(), merged: new Map() };
        let pieces = (_resource: string): WeightedInterval[] => [];
        if (downtime !== undefined) {
            if (openEnd !== undefined && downtime.open.includes(true)) {
                // The 'now' extreme: open outages end where the data end (not cached).
                const ended = downtime.raw.map(([start, end], index): Interval => (downtime.open[index] ? [start, Math.max(start, Math.min(end, openEnd))] : [start, end]));
                outages = outagesByResource(ended, downtime.resources, downtime.weights);
                const own = outages;
                pieces = (resource) => combinedDowntime(own.rows.get(resource)!, this.expr);
            } else {
                const byResource = (downtime.byResource ??= { outages: outagesByResource(downtime.raw, downtime.resources, downtime.weights), pieces: new Map() });
                outages = byResource.outages;
                pieces = (resource) => {
                    let cached = byResource.pieces.get(resource);
                    if (cached === undefined) byResource.pieces.set(resource, (cached = combinedDowntime(byResource.outages.rows.get(resource)!, this.expr)));
                    return cached;
                };
            }
        }
        const window = deployedWindow({ from, to, eligible, counting, deployments, outages, pieces, wholeMinutes: this.expr.wholeMinutes === true });
        const result: UptimeResult = {
            value: window.eligibleMs > 0 ? (window.eligibleMs - window.downtimeMs) / window.eligibleMs : null,
            eligibleMs: window.eligibleMs,
            downtimeMs: window.downtimeMs,
            downtimeExact: window.downtimeExact,
            rows,
            open
        };
        if (window.notDeployedMs > 0) result.notDeployed = { ms: window.notDeployedMs, resources: window.notDeployed };
        return result;
    }

    /** The window's downtime and outage rows as a SQL engine computed them (sql/outage-pushdown.ts: no open outage, no replicas, no weights). */
    private pushedUptime(from: number, to: number, scopeId: number, eligibleMs: number): UptimeResult {
        const pushed = this.collector.pushed!;
        const key = eligibilityKey(this.expr);
        if (!pushed.windows.has(`${key}|${from}|${to}`)) throw new Error(`internal error: the window ${new Date(from).toISOString()} – ${new Date(to).toISOString()} of an uptime was not computed by the SQL engine`);
        const downtimeMs = scopeId < 0 ? 0 : pushed.downtime.get(`${key}|${scopeId}|${from}|${to}`) ?? 0;
        const rows = scopeId < 0 ? 0 : pushed.rows.get(`${scopeId}|${from}|${to}`) ?? 0;
        return { value: eligibleMs > 0 ? (eligibleMs - downtimeMs) / eligibleMs : null, eligibleMs, downtimeMs, downtimeExact: { num: BigInt(downtimeMs), den: 1n }, rows, open: 0 };
    }

    /** The eligible time of one scope value: its own listed maintenance, when listed per value. */
    private eligibilityOf(scopeValue: unknown): Eligibility {
        const maintenance = maintenanceOfScope(this.maintenance, this.scopeField, scopeValue);
        if (maintenance === this.maintenance) return this.eligibility;
        const key = String(scopeValue);
        let scoped = this.eligibilityByScope.get(key);
        if (scoped === undefined) this.eligibilityByScope.set(key, (scoped = uptimeEligibility(this.expr, this.period, this.zone, this.calendars, maintenance)));
        return scoped;
    }

    private instanceSet(scopeValue: unknown): ReadonlySet<string> | undefined {
        const across = this.expr.across;
        if (across === undefined) return undefined;
        if (across.instances !== undefined) return new Set(across.instances);
        return this.inventory?.instancesOf(scopeValue);
    }

    private combine(intervals: Interval[], downtime: ScopeDowntime, instanceSet: ReadonlySet<string> | undefined): WeightedInterval[] {
        return combinedDowntime({ intervals, instances: downtime.instances, weights: downtime.weights }, this.expr, instanceSet);
    }

    private downtime(scopeId: number): ScopeDowntime | undefined {
        let cached = this.downtimeByScope.get(scopeId);
        if (cached === undefined) {
            const scope: OutageScope | undefined = this.collector.scopes[scopeId];
            if (scope === undefined) return undefined;
            const raw: Interval[] = scope.starts.map((start, i) => {
                const end = scope.ends[i]!;
                return [start, Number.isNaN(end) ? Math.max(start, this.period.end) : end];
            });
            cached = { raw, open: scope.ends.map((end) => Number.isNaN(end)), instances: scope.instances, weights: scope.weights, pieces: new Map(), resources: scope.resources };
            this.downtimeByScope.set(scopeId, cached);
        }
        return cached;
    }
}
