import { DataError, formatRowLocation } from '../data/data-error.js';
import type { Row, RowFunction } from './row-expression.js';

/** The dataset file and the fields an uptime reads, to name them when a row is invalid. */
export interface OutageFields {
    file: string;
    from: string;
    to: string;
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

    constructor(
        readonly key: string,
        readonly scopeSlot: number,
        readonly where: RowFunction | undefined,
        private readonly fromIndex: number,
        private readonly toIndex: number,
        private readonly periodStart: number,
        private readonly fields: OutageFields
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
        if (Number.isNaN(end)) {
            this.openCount++;
            if (this.openSamples.length < MAX_OPEN_SAMPLES) this.openSamples.push({ line, start: from });
        }
    }

    private endsBeforeStart(line: number, from: number, end: number): DataError {
        const { file, from: fromField, to: toField } = this.fields;
        return new DataError(
            `${formatRowLocation(file, line)}: invalid row: the outage ends before it starts (${toField} ${new Date(end).toISOString()} is before ${fromField} ${new Date(from).toISOString()}); correct the row (swapped columns? a wrong time zone?)`,
            { file, line, field: toField }
        );
    }
}
