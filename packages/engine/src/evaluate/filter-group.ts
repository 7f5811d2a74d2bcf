import type { Expr } from '../model.js';
import type { Row, RowFunction } from './row-expression.js';
import { ExactSegmentSums } from './exact-sum.js';
import { ValueBuffer } from './value-buffer.js';

/** Per-scope statistics of one value expression, one slot per window segment. */
export class ChannelScope {
    readonly count: Float64Array;
    /** Exact sums (scaled integers) of the values, per segment. */
    readonly sums: ExactSegmentSums;
    readonly min: Float64Array;
    readonly max: Float64Array;
    readonly values: (ValueBuffer | undefined)[] | undefined;

    constructor(segments: number, keepValues: boolean) {
        this.count = new Float64Array(segments);
        this.sums = new ExactSegmentSums(segments);
        this.min = new Float64Array(segments).fill(Infinity);
        this.max = new Float64Array(segments).fill(-Infinity);
        this.values = keepValues ? new Array<ValueBuffer | undefined>(segments).fill(undefined) : undefined;
    }
}

/**
 * One value expression aggregated under a filter group: count of non-missing values,
 * sum, min, max, and — only when a percentile reads it — every value.
 */
export class ValueChannel {
    readonly scopes: ChannelScope[] = [];
    keepValues = false;
    /**
     * Sums, minima and maxima are kept only when a sum, avg, min or max reads the channel: a
     * channel read by percentiles alone (a p95 latency over every request) skips the exact sum
     * per row.
     */
    keepStats = false;
    /**
     * Minima and maxima per row only when a min or max reads the channel, or its value is a
     * percent field (whatever reads it: the report warns when they all lie between 0 and 1,
     * fraction-percent-note.ts); an avg or sum alone does not: two comparisons per row less on
     * the hot path. (SQL push-downs fill them from their own aggregates either way.)
     */
    keepExtremes = false;
    /** The percentiles read from this channel: computed together, one copy and one selection pass per window. */
    readonly percentiles: number[] = [];
    /**
     * Percentiles computed where the data live (sql/pushdown.ts), by `scopeId:firstSegment:endSegment`,
     * aligned with `percentiles`: read instead of the kept values, which a push-down does not fetch.
     */
    pushedPercentiles: Map<string, (number | null)[]> | undefined;
    /**
     * Percentiles worked out while a parallel pass still reads (early-percentiles.ts), by
     * `scopeId:firstSegment:endSegment`, with the number of values they were worked out from.
     * Kept values are only ever appended to, so a window that still holds exactly that many
     * values at the end holds the same values, and these are its percentiles.
     */
    readonly earlyPercentiles = new Map<string, { count: number; results: (number | null)[] }>();

    constructor(
        readonly key: string,
        private readonly segments: number,
        private readonly value: RowFunction,
        /** The value as written: open rows (see open-judgement.ts) are judged from it. */
        readonly valueExpr: Expr
    ) {}

    scope(scopeId: number): ChannelScope | undefined {
        return this.scopes[scopeId];
    }

    scopeOrNew(scopeId: number): ChannelScope {
        let scope = this.scopes[scopeId];
        if (scope === undefined) {
            scope = new ChannelScope(this.segments, this.keepValues);
            this.scopes[scopeId] = scope;
        }
        return scope;
    }

    accept(row: Row, segment: number, scopeId: number): void {
        let scope = this.scopes[scopeId];
        if (scope === undefined) scope = this.scopeOrNew(scopeId);
        const value = this.value(row);
        if (value === null) return; // a missing value; rows with a missing end never get here (RowSink keeps them apart)
        const number = value as number;
        scope.count[segment]!++;
        if (this.keepStats) scope.sums.add(segment, number);
        // Apart from the sums: a percentile alone of a percent field keeps them too (see keepExtremes).
        if (this.keepExtremes) {
            if (number < scope.min[segment]!) scope.min[segment] = number;
            if (number > scope.max[segment]!) scope.max[segment] = number;
        }
        if (scope.values !== undefined) {
            let buffer = scope.values[segment];
            if (buffer === undefined) {
                buffer = new ValueBuffer();
                scope.values[segment] = buffer;
            }
            buffer.push(number);
        }
    }
}

/** Counts of rows per scope and segment under one filter. */
export class GroupScope {
    readonly rows: Float64Array;
    constructor(segments: number) {
        this.rows = new Float64Array(segments);
    }
}

/**
 * All aggregates of one dataset that share a filter (`where`), a window plan and a
 * scope field. The filter runs once per row for all of them; count() reads the row
 * counts, the other aggregates read a value channel.
 */
export class FilterGroup {
    readonly scopes: GroupScope[] = [];
    readonly channels: ValueChannel[] = [];
    private readonly channelByKey = new Map<string, ValueChannel>();

    constructor(
        readonly key: string,
        readonly planIndex: number,
        /** Index into the scan's scope interners, or -1 when unscoped. */
        readonly scopeSlot: number,
        readonly segments: number,
        readonly where: RowFunction | undefined,
        /** The filter as written; lets a dataset pass route rows by an equality in it. */
        readonly whereExpr: Expr | undefined
    ) {}

    channel(key: string, create: () => ValueChannel): ValueChannel {
        let channel = this.channelByKey.get(key);
        if (channel === undefined) {
            channel = create();
            this.channelByKey.set(key, channel);
            this.channels.push(channel);
        }
        return channel;
    }

    scope(scopeId: number): GroupScope | undefined {
        return this.scopes[scopeId];
    }

    scopeOrNew(scopeId: number): GroupScope {
        let scope = this.scopes[scopeId];
        if (scope === undefined) {
            scope = new GroupScope(this.segments);
            this.scopes[scopeId] = scope;
        }
        return scope;
    }

    accept(row: Row, segment: number, scopeId: number): void {
        const scope = this.scopeOrNew(scopeId);
        scope.rows[segment]!++;
        const channels = this.channels;
        for (let i = 0; i < channels.length; i++) channels[i]!.accept(row, segment, scopeId);
    }
}
