/**
 * The last step of the per-row path (RowSink.offer → FilterGroup.accept → ValueChannel.accept)
 * for scans of the common shape, hand-written: a dataset read for counts, sums, means and
 * percentiles of numeric fields, under no filter or one comparison of a numeric field with a
 * number (`status >= 500`). The general path calls a compiled closure for the filter, then
 * one for each value, through three layers of objects, for each of millions of rows; here
 * the filters and values are read from the row directly (one small switch), and the
 * accumulators are updated in place. Everything else — a filter of another form, a value
 * that is an expression, routed groups — makes `compileDirectRowPath` answer undefined, and
 * the general path is used.
 *
 * The values come as a Float64Array per field (NaN: missing): straight from the CSV reader
 * (data/csv-typed-record.ts), or copied from a row array (`numbersOf`).
 *
 * The results are the general path's: a filter `field op number` is, for a numeric field,
 * `value op number` when the value is present and not true (null) when it is missing; a value
 * channel skips missing values. Numeric fields hold numbers or null (their decoders give
 * nothing else, and never NaN), so a missing value is NaN here.
 */
import type { Expr } from '../model.js';
import type { DatasetScan } from './evaluation-plan.js';
import type { FilterGroup, ValueChannel } from './filter-group.js';
import type { Row } from './row-expression.js';
import { ValueBuffer } from './value-buffer.js';

/** Field kinds whose non-missing values are numbers. */
const NUMERIC_KINDS = new Set(['timestamp', 'duration', 'number', 'integer', 'percent']);

const Op = { None: 0, Lt: 1, Le: 2, Gt: 3, Ge: 4, Eq: 5, Ne: 6 } as const;
const OPS: Record<string, number> = { '<': Op.Lt, '<=': Op.Le, '>': Op.Gt, '>=': Op.Ge, '=': Op.Eq, '!=': Op.Ne };

export class DirectRowPath {
    private constructor(
        private readonly groups: FilterGroup[],
        private readonly planIndex: Int32Array,
        private readonly scopeSlot: Int32Array,
        /** per group: the filter's comparison (Op.None: no filter), field position and number */
        private readonly op: Int32Array,
        private readonly filterField: Int32Array,
        private readonly constant: Float64Array,
        /** per group, its channels and each channel's field position */
        private readonly channels: ValueChannel[][],
        private readonly channelField: Int32Array[],
        /** the fields read (filters and values) */
        readonly fields: Int32Array
    ) {}

    /**
     * The direct path for the scan's groups, or undefined when one of them has a filter or a
     * value it does not read (see the file comment). `routed`: the groups are dispatched by an
     * equality (FilterDispatch), which this path does not do.
     */
    static compile(scan: DatasetScan, routed: boolean): DirectRowPath | undefined {
        if (routed) return undefined;
        const numericIndex = (expr: Expr): number => {
            if (expr.type !== 'field' || expr.dataset !== scan.name) return -1;
            const k = scan.spec.fields.findIndex((field) => field.name === expr.field);
            if (k < 0 || !NUMERIC_KINDS.has(scan.spec.fields[k]!.kind) || scan.context.fieldIndex.get(expr.field) !== k) return -1;
            return k;
        };
        const count = scan.groups.length;
        const op = new Int32Array(count);
        const filterField = new Int32Array(count).fill(-1);
        const constant = new Float64Array(count);
        const channelField: Int32Array[] = [];
        for (let g = 0; g < count; g++) {
            const group = scan.groups[g]!;
            const where = group.whereExpr;
            if (where !== undefined) {
                if (where.type !== 'binary' || where.right.type !== 'number' || OPS[where.op] === undefined) return undefined;
                const k = numericIndex(where.left);
                if (k < 0) return undefined;
                op[g] = OPS[where.op]!;
                filterField[g] = k;
                constant[g] = where.right.value;
            }
            const fields = new Int32Array(group.channels.length);
            for (let c = 0; c < group.channels.length; c++) {
                const k = numericIndex(group.channels[c]!.valueExpr);
                if (k < 0) return undefined;
                fields[c] = k;
            }
            channelField.push(fields);
        }
        const read = new Set<number>();
        for (let g = 0; g < count; g++) {
            if (filterField[g]! >= 0) read.add(filterField[g]!);
            for (const k of channelField[g]!) read.add(k);
        }
        return new DirectRowPath(
            scan.groups,
            Int32Array.from(scan.groups, (group) => group.planIndex),
            Int32Array.from(scan.groups, (group) => group.scopeSlot),
            op,
            filterField,
            constant,
            scan.groups.map((group) => group.channels),
            channelField,
            Int32Array.from(read)
        );
    }

    /** Copies the fields this path reads from a row array into `numbers` (NaN for a missing value). */
    numbersOf(row: Row, numbers: Float64Array): void {
        const fields = this.fields;
        for (let f = 0; f < fields.length; f++) {
            const value = row[fields[f]!];
            numbers[fields[f]!] = typeof value === 'number' ? value : NaN;
        }
    }

    /** Offers a row (its values in `numbers`, placed in `segments`, its scopes' ids in `scopeIds`) to every group. */
    offer(numbers: Float64Array, segments: Int32Array, scopeIds: Int32Array): void {
        // The path's arrays in locals: the calls below (a new scope, a new chunk) would make the JIT read them again.
        const groups = this.groups;
        const count = groups.length;
        const planIndex = this.planIndex;
        const scopeSlot = this.scopeSlot;
        const ops = this.op;
        const filterField = this.filterField;
        const constant = this.constant;
        const allChannels = this.channels;
        const allFields = this.channelField;
        for (let g = 0; g < count; g++) {
            const segment = segments[planIndex[g]!]!;
            if (segment < 0) continue;
            const slot = scopeSlot[g]!;
            const scopeId = slot < 0 ? 0 : scopeIds[slot]!;
            if (scopeId < 0) continue;
            const op = ops[g]!;
            if (op !== Op.None) {
                const value = numbers[filterField[g]!]!;
                if (value !== value || !compare(op, value, constant[g]!)) continue;
            }
            const group = groups[g]!;
            const scope = group.scopes[scopeId] ?? group.scopeOrNew(scopeId);
            scope.rows[segment]!++;
            const channels = allChannels[g]!;
            const fields = allFields[g]!;
            for (let c = 0; c < channels.length; c++) {
                const number = numbers[fields[c]!]!;
                if (number !== number) continue;
                const channel = channels[c]!;
                const values = channel.scopes[scopeId] ?? channel.scopeOrNew(scopeId);
                values.count[segment]!++;
                // As ValueChannel.accept: sums only when an aggregate reads them (not for percentiles alone), minima and maxima only for a min or max.
                const kept = values.values;
                if (kept !== undefined) {
                    let buffer = kept[segment];
                    if (buffer === undefined) {
                        buffer = new ValueBuffer();
                        kept[segment] = buffer;
                    }
                    if (channel.keepStats) {
                        // The value kept for percentiles is scaled and checked once for the exact sum too.
                        const scaled = buffer.pushScaled(number);
                        if (scaled === scaled) values.sums.addKnown(segment, number, scaled, buffer.multiplier!);
                        else values.sums.add(segment, number);
                    } else {
                        buffer.push(number);
                    }
                } else if (channel.keepStats) {
                    values.sums.add(segment, number);
                }
                if (channel.keepExtremes) {
                    if (number < values.min[segment]!) values.min[segment] = number;
                    if (number > values.max[segment]!) values.max[segment] = number;
                }
            }
        }
    }
}

function compare(op: number, value: number, constant: number): boolean {
    switch (op) {
        case Op.Lt:
            return value < constant;
        case Op.Le:
            return value <= constant;
        case Op.Gt:
            return value > constant;
        case Op.Ge:
            return value >= constant;
        case Op.Eq:
            return value === constant;
        default:
            return value !== constant;
    }
}
