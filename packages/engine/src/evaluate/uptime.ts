import type { WorkingCalendar } from '../time/calendar.js';
import { eligibleIntervals } from '../time/eligible-time.js';
import { clipIntervals, intersectIntervals, mergeIntervals, totalLength, type Interval } from '../time/intervals.js';
import type { MaintenanceSchedule } from '../time/maintenance.js';
import type { UptimeExpr } from '../model.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import type { OutageCollector, OutageScope } from './outage-collector.js';

export interface UptimeResult {
    value: number | null;
    eligibleMs: number;
    downtimeMs: number;
    /** Outage rows overlapping the window. */
    rows: number;
    /** Of those, outages without an end (counted as ongoing until the end of the period). */
    open: number;
}

/**
 * uptime = (eligible − downtime) / eligible per window, where eligible time is the
 * window (inside the `during` calendar, if any) minus excluded maintenance, and
 * downtime is the merged outage intervals (overlaps once) inside eligible time.
 * An open outage lasts until the end of the evaluation period.
 */
export class UptimeCalculator {
    /** Eligible time over the whole evaluation period, sorted and merged. */
    private readonly eligible: Interval[];
    private readonly downtimeByScope = new Map<number, { merged: Interval[]; raw: Interval[]; open: boolean[] }>();

    constructor(
        expr: UptimeExpr,
        private readonly collector: OutageCollector,
        private readonly period: EvaluationPeriod,
        zone: string,
        calendars: Readonly<Record<string, WorkingCalendar>>,
        maintenance: Readonly<Record<string, MaintenanceSchedule>>
    ) {
        let during: WorkingCalendar | undefined;
        if (expr.during !== undefined) {
            during = calendars[expr.during];
            if (!during) throw new Error(`unknown calendar '${expr.during}'`);
        }
        const excluding = expr.excluding.map(name => {
            const schedule = maintenance[name];
            if (!schedule) throw new Error(`unknown maintenance '${name}'`);
            return schedule;
        });
        const cappedExcluding = (expr.cappedExcluding ?? []).map(({ maintenance: name, cap }) => {
            const schedule = maintenance[name];
            if (!schedule) throw new Error(`unknown maintenance '${name}'`);
            return { schedule, cap };
        });
        this.eligible = eligibleIntervals({ during, excluding, cappedExcluding }, zone, period.start, period.end);
    }

    /**
     * `openEnd`: end open outages there instead of at the end of the period (the extreme
     * "every open outage ended where the data end" that tells a provisional window).
     */
    windowUptime(from: number, to: number, scopeId: number, openEnd?: number): UptimeResult {
        const eligibleMs = totalLength(clipIntervals(this.eligible, from, to));
        const downtime = scopeId < 0 ? undefined : this.downtime(scopeId);
        let merged = downtime?.merged;
        if (downtime !== undefined && openEnd !== undefined && downtime.open.includes(true)) {
            const ended = downtime.raw.map(([start, end], index): Interval => (downtime.open[index] ? [start, Math.max(start, Math.min(end, openEnd))] : [start, end]));
            merged = intersectIntervals(mergeIntervals(ended), this.eligible);
        }
        const downtimeMs = merged === undefined ? 0 : totalLength(clipIntervals(merged, from, to));
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
        return { value: eligibleMs > 0 ? (eligibleMs - downtimeMs) / eligibleMs : null, eligibleMs, downtimeMs, rows, open };
    }

    private downtime(scopeId: number): { merged: Interval[]; raw: Interval[]; open: boolean[] } | undefined {
        let cached = this.downtimeByScope.get(scopeId);
        if (cached === undefined) {
            const scope: OutageScope | undefined = this.collector.scopes[scopeId];
            if (scope === undefined) return undefined;
            const raw: Interval[] = scope.starts.map((start, i) => {
                const end = scope.ends[i]!;
                return [start, Number.isNaN(end) ? Math.max(start, this.period.end) : end];
            });
            cached = { merged: intersectIntervals(mergeIntervals(raw), this.eligible), raw, open: scope.ends.map((end) => Number.isNaN(end)) };
            this.downtimeByScope.set(scopeId, cached);
        }
        return cached;
    }
}
