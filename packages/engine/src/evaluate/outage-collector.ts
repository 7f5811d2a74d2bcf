import { DataError, formatRowLocation } from '../data/data-error.js';
import type { Row, RowFunction } from './row-expression.js';
import type { UptimeExpr } from '../model.js';
import type { Interval } from '../time/intervals.js';
import type { WindowPlan } from './window-plan.js';

/** The dataset file and the fields an uptime reads, to name them when a row is invalid. */
export interface OutageFields {
    file: string;
    from: string;
    to: string;
    /** `weighted by` field, to name it when a share is invalid. */
    weight?: string;
}

/** An outage row whose end is missing: open until the end of the evaluation period. */
export interface OpenOutage {
    line: number;
    start: number;
}

/** Open outages listed by line in the report (all are counted). */
export const MAX_OPEN_SAMPLES = 20;

/** The outage intervals [from, to) of one scope. */
export class OutageScope {
    readonly starts: number[] = [];
    /** NaN = still open. */
    readonly ends: number[] = [];
    /** Per outage: the instance it is of (`across <field>`), as text; empty when not read. */
    readonly instances: string[] = [];
    /** Per outage: the share of users affected (`weighted by <field>`), 0..1; empty when not read. */
    readonly weights: number[] = [];
    /** Per outage: the resource it is of (`deployed in … by <field>`), as text; empty when not read. */
    readonly resources: string[] = [];
}

/**
 * An uptime reading this collector over a window plan, with the time over the period in which its
 * outages count as downtime (eligible time less maintenance counted as available; for SQL push-down).
 */
export interface OutageUse {
    expr: UptimeExpr;
    plan: WindowPlan;
    counting: () => Interval[];
    /** Its maintenance is listed per value of its scope field: each scope has its own eligible time (computed locally). */
    maintenancePerScope?: true;
}

/**
 * Downtime computed by a SQL engine instead of from collected intervals (sql/outage-pushdown.ts):
 * keys `eligibility|scope id|from|to` (downtime ms) and `scope id|from|to` (outage rows overlapping
 * the window); `windows` lists every `eligibility|from|to` computed (a missing key there is an error, not 0).
 */
export interface PushedDowntime {
    windows: Set<string>;
    downtime: Map<string, number>;
    rows: Map<string, number>;
}

/** Optional per-outage fields: the instance (`across`), the share affected (`weighted by`) and the resource (`deployed in … by`). */
export interface OutageExtras {
    instanceIndex?: number;
    weightIndex?: number;
    resourceIndex?: number;
}

/**
 * Collects the outage intervals that an `uptime(...)` reads: every row passing the
 * filter, whatever its event time (an outage that began before a window still
 * counts inside it). Windows are applied after the scan.
 */
export class OutageCollector {
    readonly scopes: OutageScope[] = [];
    openCount = 0;
    readonly openSamples: OpenOutage[] = [];
    /** The uptimes that read this collector and their window plans (filled by the evaluation plan). */
    readonly uses: OutageUse[] = [];
    /** Set when a SQL engine computed the downtime: then no interval is collected. */
    pushed: PushedDowntime | undefined;

    constructor(
        readonly key: string,
        readonly scopeSlot: number,
        readonly where: RowFunction | undefined,
        private readonly fromIndex: number,
        private readonly toIndex: number,
        private readonly periodStart: number,
        private readonly fields: OutageFields,
        private readonly extras: OutageExtras = {}
    ) {}

    scopeOrNew(scopeId: number): OutageScope {
        let scope = this.scopes[scopeId];
        if (scope === undefined) {
            scope = new OutageScope();
            this.scopes[scopeId] = scope;
        }
        return scope;
    }

    accept(row: Row, scopeId: number, line: number): void {
        const from = row[this.fromIndex];
        if (typeof from !== 'number') return;
        const to = row[this.toIndex];
        const end = typeof to === 'number' ? to : NaN;
        // An outage that ends before it starts is not "no outage": the row is wrong (swapped
        // columns, a wrong zone), and counting it as nothing would report 100 %.
        if (end < from) throw this.endsBeforeStart(line, from, end);
        if (end <= this.periodStart) return; // ended before anything we evaluate
        const scope = this.scopeOrNew(scopeId);
        scope.starts.push(from);
        scope.ends.push(end);
        if (this.extras.instanceIndex !== undefined) scope.instances.push(String(row[this.extras.instanceIndex] ?? ''));
        if (this.extras.weightIndex !== undefined) scope.weights.push(this.weight(row[this.extras.weightIndex], line));
        if (this.extras.resourceIndex !== undefined) scope.resources.push(String(row[this.extras.resourceIndex] ?? ''));
        if (Number.isNaN(end)) {
            this.openCount++;
            if (this.openSamples.length < MAX_OPEN_SAMPLES) this.openSamples.push({ line, start: from });
        }
    }

    /** A share affected is 0..1 (a `percent` field reads 25 % as 0.25); a missing one counts as every user. */
    private weight(value: unknown, line: number): number {
        if (value === null || value === undefined) return 1;
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
            const { file } = this.fields;
            throw new DataError(`${formatRowLocation(file, line)}: invalid row: the share of users affected is ${String(value)}, not between 0 and 1 (declare the field as percent for values like 25%)`, { file, line, field: this.fields.weight ?? null });
        }
        return value;
    }

    private endsBeforeStart(line: number, from: number, end: number): DataError {
        const { file, from: fromField, to: toField } = this.fields;
        return new DataError(
            `${formatRowLocation(file, line)}: invalid row: the outage ends before it starts (${toField} ${new Date(end).toISOString()} is before ${fromField} ${new Date(from).toISOString()}); correct the row (swapped columns? a wrong time zone?)`,
            { file, line, field: toField }
        );
    }
}
