/**
 * The last step of the per-row path (RowSink.offer → FilterGroup.accept → ValueChannel.accept)
 * for scans of the common shape, hand-written: a dataset read for counts, sums, means and
 * percentiles of numeric fields (or of `elapsed(a, b)` between two timestamp fields, wall-clock
 * or `during` a calendar, or of `+`, `-`, `*` or `/` of two such values or of one and a
 * number: `(a + b) * 2`), under no filter or a filter of conditions joined by `and`, `or`, `not` and `in` (as
 * alternatives of conditions, `alternativesOf`), each a comparison of a numeric field or such an
 * `elapsed(…)` or arithmetic with a number (`status >= 500`), of two numeric fields
 * (`responded <= due`), a boolean field alone or `=` / `!=` `true` / `false` (read as 1 or 0), or
 * an (in)equality of a text field with a text (`region = "eu"`: the row's id of the field, as a
 * scope field's, against the text's id, see `directTextFilter`). An `elapsed(…)` and two fields
 * compared are differences of two fields (in working time for an `elapsed(…) during C`:
 * `workingElapsed`; an arithmetic value is such a derived number too, by the general path's own
 * operation: `arithmeticOf`; and `elapsed(…) during C <op> N business days` is the exact sign of
 * the row's business days − N, compared with 0: `businessDaySign`), each one more number per row after the dataset's (`withDifferences`),
 * one more column in a typed batch (`widenBatch`). The general path calls a compiled closure for the
 * filter, then one for each value, through three layers of objects, for each of millions of
 * rows; here the filters and values are read from the row directly (one small switch), and the
 * accumulators are updated in place. Everything else — a filter of another form, a value
 * that is a nested expression, routed groups — makes `compileDirectRowPath` answer undefined, and
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
import { NUMBER_FIELD_KINDS, type FieldKind, type FieldSpec } from '../data/spec.js';
import type { Expr } from '../model.js';
import type { ScopeInterner } from './scope-interner.js';
import { businessDayComparisonIn, workingDurationIn, type WorkingCalendar } from '../time/calendar.js';
import type { DatasetScan } from './evaluation-plan.js';
import type { ChannelScope, FilterGroup, GroupScope, ValueChannel } from './filter-group.js';
import { numericOperation, type Row } from './row-expression.js';
import { ValueBuffer } from './value-buffer.js';

/** Comparisons of a condition; Any: a group's filter of several alternatives (never a condition's). */
const Op = { None: 0, Lt: 1, Le: 2, Gt: 3, Ge: 4, Eq: 5, Ne: 6, TextEq: 7, TextNe: 8, Any: 9 } as const;
const OPS: Record<string, number> = { '<': Op.Lt, '<=': Op.Le, '>': Op.Gt, '>=': Op.Ge, '=': Op.Eq, '!=': Op.Ne };
/** A comparison with its sides swapped: `a < b` is `b > a`. */
const TURNED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/**
 * A filter `field = "text"` or `field != "text"` (either side) on a text or enumeration field of
 * the scan's dataset: the plan gives that field a scope interner (evaluation-plan.ts), so every
 * row carries its id. A missing value is in neither (`=` and `!=` are not true for it).
 */
export function directTextFilter(where: Expr | undefined, dataset: string, fields: readonly FieldSpec[]): { field: string; op: '=' | '!='; text: string } | undefined {
    if (where === undefined || where.type !== 'binary' || (where.op !== '=' && where.op !== '!=')) return undefined;
    const [reference, literal] = where.left.type === 'field' ? [where.left, where.right] : [where.right, where.left];
    if (reference.type !== 'field' || reference.dataset !== dataset || literal.type !== 'string') return undefined;
    const kind = fields.find((field) => field.name === reference.field)?.kind;
    return kind === 'text' || kind === 'enum' ? { field: reference.field, op: where.op, text: literal.value } : undefined;
}

/**
 * A condition on a boolean field: the field alone (`cached`: `= true`), or `=` / `!=` with `true` or
 * `false`, either side. Its field is -1 when the field is not one the path reads as a boolean (the
 * condition is then the general path's); undefined when the condition is of another form.
 */
function booleanCondition(condition: Expr, booleanIndex: (expr: Expr) => number): { field: number; op: '=' | '!='; value: boolean } | undefined {
    if (condition.type === 'field') return { field: booleanIndex(condition), op: '=', value: true };
    if (condition.type !== 'binary' || (condition.op !== '=' && condition.op !== '!=')) return undefined;
    const [reference, literal] = condition.left.type === 'boolean' ? [condition.right, condition.left] : [condition.left, condition.right];
    if (literal.type !== 'boolean') return undefined;
    return { field: booleanIndex(reference), op: condition.op, value: literal.value };
}

/** More alternatives than this (a long `and` of `or`s): the general path. */
const MAX_ALTERNATIVES = 16;
const NEGATED: Record<string, Extract<Expr, { type: 'binary' }>['op']> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '=': '!=', '!=': '=' };

/**
 * A filter as alternatives (joined by `or`) of conditions (joined by `and`): a row is taken when
 * every condition of some alternative is true. `x in (a, b)` is `x = a or x = b`. `not` is moved onto the comparisons (`not (a > 5)`
 * is `a <= 5`, both not true for a missing value, as `not` of an unknown stays unknown); `and` and
 * `or` of unknowns distribute as true/false do. No filter: one alternative without conditions.
 * Undefined when a `not` is over something other than a comparison, or past MAX_ALTERNATIVES.
 */
export function alternativesOf(where: Expr | undefined, negated = false): Expr[][] | undefined {
    if (where === undefined) return [[]];
    if (where.type === 'not') return alternativesOf(where.operand, !negated);
    // `x in (a, b)` is `x = a or x = b`, for a missing x too (unknown either way); an empty list is the general path's.
    if (where.type === 'in') {
        if (where.list.length === 0) return undefined;
        const equalities = where.list.map((item): Expr => ({ type: 'binary', op: '=', left: where.value, right: item }));
        return alternativesOf(equalities.reduce((either, equality) => ({ type: 'binary', op: 'or', left: either, right: equality })), negated);
    }
    if (where.type === 'binary' && (where.op === 'and' || where.op === 'or')) {
        const left = alternativesOf(where.left, negated);
        const right = alternativesOf(where.right, negated);
        if (left === undefined || right === undefined) return undefined;
        // De Morgan: under a `not`, an `and` is an `or` and an `or` an `and`.
        const either = (where.op === 'or') !== negated;
        const alternatives = either ? [...left, ...right] : left.flatMap((l) => right.map((r) => [...l, ...r]));
        return alternatives.length <= MAX_ALTERNATIVES ? alternatives : undefined;
    }
    if (!negated) return [[where]];
    // `not cached` (a boolean field alone) is `cached = false`: not true for a missing value either.
    if (where.type === 'field') return [[{ type: 'binary', op: '=', left: where, right: { type: 'boolean', value: false } }]];
    const flipped = where.type === 'binary' ? NEGATED[where.op] : undefined;
    return flipped === undefined ? undefined : [[{ ...where, op: flipped } as Expr]];
}

export class DirectRowPath {
    private constructor(
        private readonly groups: FilterGroup[],
        private readonly planIndex: Int32Array,
        private readonly scopeSlot: Int32Array,
        /** per group: its first alternative, and how many it has (a row is taken when one has all its conditions true) */
        private readonly firstAlternative: Int32Array,
        private readonly alternativeCount: Int32Array,
        /** per alternative: its first condition, and how many it has (0: every row) */
        private readonly firstCondition: Int32Array,
        private readonly conditionCount: Int32Array,
        /** per condition: its comparison, field position (a text condition's: its scope slot) and number */
        private readonly op: Int32Array,
        private readonly filterField: Int32Array,
        private readonly constant: Float64Array,
        /** per text condition: the text, and its slot's interner, which gives the text's id once a row held it */
        private readonly filterText: string[],
        private readonly interners: readonly ScopeInterner[],
        /** per group, its channels and each channel's field position */
        private readonly channels: ValueChannel[][],
        private readonly channelField: Int32Array[],
        /** the fields read (filters and values; the two of each difference) */
        readonly fields: Int32Array,
        /**
         * per difference (a derived number: a difference of two fields, a working time, an
         * arithmetic value): its two operands' fields (for a plain difference, the field subtracted
         * from and the field subtracted); difference d is kept in `numbers` at index
         * `firstDifference + d` (after the dataset's fields), see withDifferences
         */
        private readonly differenceFrom: Int32Array,
        private readonly differenceOf: Int32Array,
        private readonly firstDifference: number,
        /**
         * per difference: how it is measured when not `from − of` (a calendar's working time, an
         * arithmetic operation), undefined for a plain difference; an operand of an arithmetic one
         * may be a number (its field -1 in differenceFrom / differenceOf, its value in fromConstant / ofConstant)
         */
        measures: readonly (DerivedMeasure | undefined)[],
        private readonly fromConstant: Float64Array,
        private readonly ofConstant: Float64Array
    ) {
        this.anyMeasure = measures.some((measure) => measure !== undefined);
        this.differenceMeasure = measures.map(measureFunction);
        this.textIds = new Int32Array(filterText.length).fill(-1);
        this.textLookedUpAt = new Int32Array(filterText.length).fill(-1);
        this.batchConstant = new Float64Array(op.length);
    }

    /**
     * The direct path for the scan's groups, or undefined when one of them has a filter or a
     * value it does not read (see the file comment). Groups the general path dispatches by an
     * equality (FilterDispatch) are here each filtered by their own text filter.
     */
    static compile(scan: DatasetScan): DirectRowPath | undefined {
        const fieldIndex = (expr: Expr, kinds: (kind: FieldKind) => boolean): number => {
            if (expr.type !== 'field' || expr.dataset !== scan.name) return -1;
            const k = scan.spec.fields.findIndex((field) => field.name === expr.field);
            if (k < 0 || !kinds(scan.spec.fields[k]!.kind) || scan.context.fieldIndex.get(expr.field) !== k) return -1;
            return k;
        };
        const numericIndex = (expr: Expr): number => fieldIndex(expr, (kind) => NUMBER_FIELD_KINDS.has(kind));
        // Derived numbers ("differences": an elapsed(…), two fields compared, arithmetic), each read as one more number.
        const firstDifference = scan.spec.fields.length;
        const differenceFrom: number[] = [];
        const differenceOf: number[] = [];
        const measures: (DerivedMeasure | undefined)[] = [];
        const fromConstant: number[] = [];
        const ofConstant: number[] = [];
        const sameMeasure = (a: DerivedMeasure | undefined, b: DerivedMeasure | undefined): boolean => {
            if (a === b) return true;
            if (a === undefined || b === undefined || a.kind !== b.kind) return false;
            switch (a.kind) {
                case 'working': return a.calendar === (b as typeof a).calendar;
                case 'businessDays': return a.calendar === (b as typeof a).calendar && Object.is(a.days, (b as typeof a).days);
                case 'arithmetic': return a.op === (b as typeof a).op;
            }
        };
        /** A derived number (`from` and `of` fields, or -1 for the constants given), its index in `numbers`. */
        const difference = (from: number, of: number, measure?: DerivedMeasure, constants: [number, number] = [0, 0]): number => {
            for (let d = 0; d < differenceFrom.length; d++) {
                if (differenceFrom[d] === from && differenceOf[d] === of && sameMeasure(measures[d], measure) && Object.is(fromConstant[d], constants[0]) && Object.is(ofConstant[d], constants[1])) return firstDifference + d;
            }
            differenceFrom.push(from);
            differenceOf.push(of);
            measures.push(measure);
            fromConstant.push(constants[0]);
            ofConstant.push(constants[1]);
            return firstDifference + differenceFrom.length - 1;
        };
        /**
         * a numeric field, or `elapsed(a, b)` between two of them, wall-clock (b − a) or in a
         * calendar's working time (as the general path's: row-expression.ts); -1 for anything else
         * (business days, pauses)
         */
        const valueIndex = (expr: Expr): number => {
            if (expr.type === 'binary') return arithmeticIndex(expr);
            if (expr.type !== 'elapsed') return numericIndex(expr);
            if (expr.pauses !== undefined || expr.unit !== undefined) return -1;
            const calendar = expr.calendar === undefined ? undefined : scan.context.calendars[expr.calendar];
            if (expr.calendar !== undefined && calendar === undefined) return -1; // the general path names the unknown calendar
            const start = numericIndex(expr.start);
            const end = numericIndex(expr.end);
            return start < 0 || end < 0 ? -1 : difference(end, start, calendar === undefined ? undefined : { kind: 'working', calendar });
        };
        /**
         * `a op b` of two values the path reads (numeric fields, `elapsed(…)`, arithmetic again:
         * `(a + b) * 2`), or of one and a number (`latency / 1000`), as one derived number (after
         * those it is made of, so that each row computes them first); -1 for anything else
         */
        const arithmeticIndex = (expr: Extract<Expr, { type: 'binary' }>): number => {
            const op = expr.op;
            if (op !== '+' && op !== '-' && op !== '*' && op !== '/') return -1;
            const operand = (side: Expr): { field: number; value: number } | undefined => {
                if (side.type === 'number') return { field: -1, value: side.value };
                const field = valueIndex(side);
                return field < 0 ? undefined : { field, value: 0 };
            };
            const left = operand(expr.left);
            const right = operand(expr.right);
            // Two numbers are a number: not a value of the rows (the general path's own, should a formula hold one).
            if (left === undefined || right === undefined || (left.field < 0 && right.field < 0)) return -1;
            return difference(left.field, right.field, { kind: 'arithmetic', op }, [left.value, right.value]);
        };
        /**
         * `elapsed(a, b) during C <op> N business days` (either order; `<`, `<=`, `>`, `>=`, as the general
         * path reads it: row-expression.ts) as the derived number sign(business days − N), exact, and
         * the comparison of that sign with 0; index -1 for another form (pauses, no calendar, no number).
         */
        const businessDayIndex = (condition: Extract<Expr, { type: 'binary' }>): { index: number; op: string } => {
            const turned = isBusinessDays(condition.right);
            const elapsed = turned ? condition.right : condition.left;
            const limit = turned ? condition.left : condition.right;
            const op = turned ? TURNED[condition.op]! : condition.op;
            const none = { index: -1, op };
            if (elapsed.type !== 'elapsed' || limit.type !== 'number' || elapsed.pauses !== undefined || elapsed.calendar === undefined) return none;
            if (op !== '<' && op !== '<=' && op !== '>' && op !== '>=') return none;
            const calendar = scan.context.calendars[elapsed.calendar];
            if (calendar === undefined) return none;
            const start = numericIndex(elapsed.start);
            const end = numericIndex(elapsed.end);
            if (start < 0 || end < 0) return none;
            return { index: difference(end, start, { kind: 'businessDays', calendar, days: limit.value }), op };
        };
        /** a boolean field, read as 1 (true) or 0 (false) (see numbersOf; the typed reader's Flag columns) */
        const booleanIndex = (expr: Expr): number => fieldIndex(expr, (kind) => kind === 'boolean');
        const count = scan.groups.length;
        const firstAlternative = new Int32Array(count);
        const alternativeCount = new Int32Array(count);
        const firstCondition: number[] = [];
        const conditionCount: number[] = [];
        const op: number[] = [];
        const filterField: number[] = [];
        const constant: number[] = [];
        const filterText: string[] = [];
        const channelField: Int32Array[] = [];
        for (let g = 0; g < count; g++) {
            const group = scan.groups[g]!;
            const alternatives = alternativesOf(group.whereExpr);
            if (alternatives === undefined) return undefined;
            firstAlternative[g] = firstCondition.length;
            alternativeCount[g] = alternatives.length;
            for (const conditions of alternatives) {
                firstCondition.push(op.length);
                for (const condition of conditions) {
                    const text = directTextFilter(condition, scan.name, scan.spec.fields);
                    if (text !== undefined) {
                        const slot = scan.interners.findIndex((interner) => interner.field === text.field);
                        if (slot < 0) return undefined;
                        op.push(text.op === '=' ? Op.TextEq : Op.TextNe);
                        filterField.push(slot);
                        constant.push(0);
                        filterText.push(text.text);
                        continue;
                    }
                    // A boolean field alone (`where cached`) is `cached = true`; `cached = false`, `!=`, either side: 1 or 0.
                    const flag = booleanCondition(condition, booleanIndex);
                    if (flag !== undefined) {
                        if (flag.field < 0) return undefined;
                        op.push(flag.op === '=' ? Op.Eq : Op.Ne);
                        filterField.push(flag.field);
                        constant.push(flag.value ? 1 : 0);
                        filterText.push('');
                        continue;
                    }
                    // `value op number`, or `number op value` read the other way round (500 <= status is status >= 500).
                    if (condition.type !== 'binary' || OPS[condition.op] === undefined) return undefined;
                    if (isBusinessDays(condition.left) || isBusinessDays(condition.right)) {
                        const k = businessDayIndex(condition);
                        if (k.index < 0) return undefined;
                        op.push(OPS[k.op]!);
                        filterField.push(k.index);
                        constant.push(0);
                        filterText.push('');
                        continue;
                    }
                    const turned = condition.left.type === 'number';
                    const number = turned ? condition.left : condition.right;
                    if (number.type !== 'number') {
                        // Two numeric fields: `a op b` is `a − b op 0`, exactly (the sign of a difference of doubles is
                        // that of the comparison, and it is 0 only for equal values).
                        const left = numericIndex(condition.left);
                        const right = numericIndex(condition.right);
                        if (left < 0 || right < 0) return undefined;
                        op.push(OPS[condition.op]!);
                        filterField.push(difference(left, right));
                        constant.push(0);
                        filterText.push('');
                        continue;
                    }
                    const k = valueIndex(turned ? condition.right : condition.left);
                    if (k < 0) return undefined;
                    op.push(OPS[turned ? TURNED[condition.op]! : condition.op]!);
                    filterField.push(k);
                    constant.push(number.value);
                    filterText.push('');
                }
                conditionCount.push(op.length - firstCondition[firstCondition.length - 1]!);
            }
            const fields = new Int32Array(group.channels.length);
            for (let c = 0; c < group.channels.length; c++) {
                const k = valueIndex(group.channels[c]!.valueExpr);
                if (k < 0) return undefined;
                fields[c] = k;
            }
            channelField.push(fields);
        }
        const read = new Set<number>();
        // The fields of a derived number, through those it is made of (`(a + b) * 2`).
        const reads = (k: number): void => {
            if (k < firstDifference) read.add(k);
            else {
                const from = differenceFrom[k - firstDifference]!;
                const of = differenceOf[k - firstDifference]!;
                if (from >= 0) reads(from);
                if (of >= 0) reads(of);
            }
        };
        for (let c = 0; c < op.length; c++) if (op[c]! < Op.TextEq) reads(filterField[c]!);
        for (let g = 0; g < count; g++) for (const k of channelField[g]!) reads(k);
        return new DirectRowPath(
            scan.groups,
            Int32Array.from(scan.groups, (group) => group.planIndex),
            Int32Array.from(scan.groups, (group) => group.scopeSlot),
            firstAlternative,
            alternativeCount,
            Int32Array.from(firstCondition),
            Int32Array.from(conditionCount),
            Int32Array.from(op),
            Int32Array.from(filterField),
            Float64Array.from(constant),
            filterText,
            scan.interners,
            scan.groups.map((group) => group.channels),
            channelField,
            Int32Array.from(read),
            Int32Array.from(differenceFrom),
            Int32Array.from(differenceOf),
            firstDifference,
            measures,
            Float64Array.from(fromConstant),
            Float64Array.from(ofConstant)
        );
    }

    /** The length of the `numbers` array this path reads: the dataset's fields, then its differences. */
    get numberCount(): number {
        return this.firstDifference + this.differenceFrom.length;
    }

    /** Whether this path reads differences (they are not in a typed batch's columns: see RowSink.batchTaker). */
    get hasDifferences(): boolean {
        return this.differenceFrom.length > 0;
    }

    /** Some difference is not a plain one (then each is computed by `differenceValue`). */
    private readonly anyMeasure: boolean;
    /** per difference: its value of its two operands (`from`, `of`) when not `from − of` (measureFunction), else undefined */
    private readonly differenceMeasure: readonly (((from: number, of: number) => number) | undefined)[];

    /** Fills the differences of `numbers` from its fields (NaN when either is missing). */
    private withDifferences(numbers: Float64Array): void {
        const from = this.differenceFrom;
        const of = this.differenceOf;
        const first = this.firstDifference;
        if (this.anyMeasure) {
            for (let d = 0; d < from.length; d++) {
                const a = from[d]!;
                const b = of[d]!;
                numbers[first + d] = this.differenceValue(d, a < 0 ? this.fromConstant[d]! : numbers[a]!, b < 0 ? this.ofConstant[d]! : numbers[b]!);
            }
            return;
        }
        for (let d = 0; d < from.length; d++) numbers[first + d] = numbers[from[d]!]! - numbers[of[d]!]!;
    }

    /** Difference d of its operands: `from − of`, or its measure of them (measureFunction); NaN when either is missing. */
    private differenceValue(d: number, from: number, of: number): number {
        const measure = this.differenceMeasure[d];
        if (measure === undefined) return from - of;
        return measure(from, of);
    }

    /**
     * Each field's column in a batch widened by this path's differences (difference d in column
     * stride + d), and the widened stride; columns undefined when a difference's field is not in
     * the batch (`fieldColumn`: each field's column in the batch as it comes, -1: not in it).
     */
    widenedColumns(fieldColumn: Int32Array, stride: number): { columns: Int32Array | undefined; stride: number } {
        const from = this.differenceFrom;
        const of = this.differenceOf;
        const columns = new Int32Array(this.numberCount).fill(-1);
        columns.set(fieldColumn.subarray(0, Math.min(fieldColumn.length, this.firstDifference)));
        // An operand that is a number (-1) is in no column; one that is a derived number is in the widened batch (its own operands checked before it).
        const inBatch = (field: number): boolean => field < 0 || field >= this.firstDifference || (fieldColumn[field] ?? -1) >= 0;
        for (let d = 0; d < from.length; d++) {
            if (!inBatch(from[d]!) || !inBatch(of[d]!)) return { columns: undefined, stride };
            columns[this.firstDifference + d] = stride + d;
        }
        return { columns, stride: stride + from.length };
    }

    /**
     * Copies a typed batch (rows of `stride` doubles, `fieldColumn` giving each field's column) into
     * `into`, widened by this path's differences (difference d in column stride + d, as
     * widenedColumns says). For a batch taker of a path with differences (RowSink.batchTaker).
     */
    widenBatch(rows: Float64Array, count: number, stride: number, fieldColumn: Int32Array, into: Float64Array): void {
        const from = this.differenceFrom;
        const of = this.differenceOf;
        const wide = stride + from.length;
        if (this.anyMeasure) {
            // Each operand's column in the widened row, or -1 for a number: a field's as it came, a derived number's
            // after the fields (computed before any derived number made of it: the operands are read from `into`).
            const column = (field: number): number => (field < 0 ? -1 : field >= this.firstDifference ? stride + field - this.firstDifference : fieldColumn[field]!);
            const fromColumn = Int32Array.from(from, column);
            const ofColumn = Int32Array.from(of, column);
            for (let r = 0, at = 0, to = 0; r < count; r++, at += stride, to += wide) {
                for (let j = 0; j < stride; j++) into[to + j] = rows[at + j]!;
                for (let d = 0; d < from.length; d++) {
                    const a = fromColumn[d]!;
                    const b = ofColumn[d]!;
                    into[to + stride + d] = this.differenceValue(d, a < 0 ? this.fromConstant[d]! : into[to + a]!, b < 0 ? this.ofConstant[d]! : into[to + b]!);
                }
            }
            return;
        }
        for (let r = 0, at = 0, to = 0; r < count; r++, at += stride, to += wide) {
            for (let j = 0; j < stride; j++) into[to + j] = rows[at + j]!;
            for (let d = 0; d < from.length; d++) into[to + stride + d] = rows[at + fieldColumn[from[d]!]!]! - rows[at + fieldColumn[of[d]!]!]!;
        }
    }

    /** per text condition: its text's id, and how many values its interner had when it was looked up */
    private readonly textIds: Int32Array;
    private readonly textLookedUpAt: Int32Array;
    /** per condition, its number for the batch being offered (a text condition's: its text's id) */
    private readonly batchConstant: Float64Array;

    /** The id of condition c's text in its slot's interner, -1 while no row held it (looked up again only once the interner grew). */
    private textId(c: number): number {
        const interner = this.interners[this.filterField[c]!]!;
        const size = interner.values.length;
        if (this.textLookedUpAt[c] !== size) {
            this.textIds[c] = interner.idOf(this.filterText[c]!);
            this.textLookedUpAt[c] = size;
        }
        return this.textIds[c]!;
    }

    /** Copies the fields this path reads from a row array into `numbers` (NaN for a missing value; a boolean as 1 or 0). */
    numbersOf(row: Row, numbers: Float64Array): void {
        const fields = this.fields;
        for (let f = 0; f < fields.length; f++) {
            const value = row[fields[f]!];
            numbers[fields[f]!] = typeof value === 'number' ? value : value === true ? 1 : value === false ? 0 : NaN;
        }
    }

    /**
     * The columns of rows laid out `stride` doubles apart that hold what this path reads:
     * `fieldColumn` per field, `slotColumn` per scope slot (-1: not in the row). Undefined when
     * a filter, value or scope the groups read is not in the row.
     */
    batchLayout(fieldColumn: Int32Array, slotColumn: Int32Array, stride: number): BatchLayout | undefined {
        const count = this.groups.length;
        const scopeColumn = new Int32Array(count).fill(-1);
        const filterColumn = new Int32Array(this.op.length).fill(-1);
        const channelColumn: Int32Array[] = [];
        for (let c = 0; c < this.op.length; c++) {
            // A text condition reads its field's id, in the slot's column.
            const field = this.filterField[c]!;
            filterColumn[c] = (this.op[c]! >= Op.TextEq ? (field < slotColumn.length ? slotColumn[field] : -1) : fieldColumn[field]) ?? -1;
            if (filterColumn[c]! < 0) return undefined;
        }
        for (let g = 0; g < count; g++) {
            const slot = this.scopeSlot[g]!;
            if (slot >= 0) {
                scopeColumn[g] = slot < slotColumn.length ? slotColumn[slot]! : -1;
                if (scopeColumn[g]! < 0) return undefined;
            }
            const fields = this.channelField[g]!;
            const columns = Int32Array.from(fields, (field) => fieldColumn[field] ?? -1);
            if (columns.some((column) => column < 0)) return undefined;
            channelColumn.push(columns);
        }
        return { stride, scopeColumn, filterColumn, channelColumn };
    }

    /**
     * offer() for each of `count` rows laid out as `layout` says, in order: row r placed by
     * plan p in `segments[p * count + r]` (-1: in no segment). The same counts, sums and kept
     * values as one offer() per row: each group takes its rows in their order, and each
     * channel's values go to its buffers in that order. Group by group, then channel by
     * channel, so what holds for a group or channel is read once per batch, not per row.
     */
    offerBatch(layout: BatchLayout, rows: Float64Array, count: number, segments: Int32Array): void {
        if (pickedAt.length < count) {
            pickedAt = new Int32Array(count);
            pickedSegment = new Int32Array(count);
            pickedScope = new Int32Array(count);
        }
        const at = pickedAt, segmentOf = pickedSegment, scopeOf = pickedScope;
        const stride = layout.stride;
        const groups = this.groups;
        // A text condition compares ids: the text's, which every row of the batch holding it already gave it.
        const constants = this.batchConstant;
        for (let c = 0; c < constants.length; c++) constants[c] = this.op[c]! >= Op.TextEq ? this.textId(c) : this.constant[c]!;
        for (let g = 0; g < groups.length; g++) {
            const group = groups[g]!;
            const segmentBase = this.planIndex[g]! * count;
            const scopeColumn = layout.scopeColumn[g]!;
            // One alternative (most filters): its first condition in locals, the others, when there are, by passesRest;
            // several alternatives: passesAny.
            const alternative = this.firstAlternative[g]!;
            const alternatives = this.alternativeCount[g]!;
            const first = this.firstCondition[alternative]!;
            const conditions = alternatives === 1 ? this.conditionCount[alternative]! : 0;
            const op = alternatives > 1 ? Op.Any : conditions > 0 ? this.op[first]! : Op.None;
            const filterColumn = conditions > 0 ? layout.filterColumn[first]! : -1;
            const constant = conditions > 0 ? constants[first]! : 0;
            const scopes = group.scopes;
            const channels = this.channels[g]!;
            /** whether the rows taken are kept for the channels (a group that only counts has none) */
            const keep = channels.length > 0;
            let taken = 0;
            let lastId = -1;
            let lastScope: GroupScope | undefined;
            for (let r = 0, offset = 0; r < count; r++, offset += stride) {
                const segment = segments[segmentBase + r]!;
                if (segment < 0) continue;
                const scopeId = scopeColumn < 0 ? 0 : rows[offset + scopeColumn]! | 0;
                if (scopeId < 0) continue;
                if (op === Op.Any) {
                    if (!this.passesAny(layout.filterColumn, rows, offset, alternative, alternative + alternatives)) continue;
                } else if (op !== Op.None) {
                    const value = rows[offset + filterColumn]!;
                    if (value !== value || !compare(op, value, constant)) continue;
                    if (conditions > 1 && !this.passesRest(layout.filterColumn, rows, offset, first + 1, first + conditions)) continue;
                }
                if (scopeId !== lastId) {
                    lastScope = scopes[scopeId] ?? group.scopeOrNew(scopeId);
                    lastId = scopeId;
                }
                lastScope!.rows[segment]!++;
                if (keep) {
                    at[taken] = offset;
                    segmentOf[taken] = segment;
                    scopeOf[taken] = scopeId;
                    taken++;
                }
            }
            if (taken === 0) continue;
            const columns = layout.channelColumn[g]!;
            for (let c = 0; c < channels.length; c++) {
                const channel = channels[c]!;
                const column = columns[c]!;
                const keepStats = channel.keepStats;
                const keepExtremes = channel.keepExtremes;
                const channelScopes = channel.scopes;
                let valuesId = -1;
                let values: ChannelScope | undefined;
                for (let i = 0; i < taken; i++) {
                    const number = rows[at[i]! + column]!;
                    if (number !== number) continue;
                    const scopeId = scopeOf[i]!;
                    const segment = segmentOf[i]!;
                    if (scopeId !== valuesId) {
                        values = channelScopes[scopeId] ?? channel.scopeOrNew(scopeId);
                        valuesId = scopeId;
                    }
                    const scope = values!;
                    scope.count[segment]!++;
                    // As offer().
                    const kept = scope.values;
                    if (kept !== undefined) {
                        let buffer = kept[segment];
                        if (buffer === undefined) {
                            buffer = new ValueBuffer();
                            kept[segment] = buffer;
                        }
                        if (keepStats) {
                            const scaled = buffer.pushScaled(number);
                            if (scaled === scaled) scope.sums.addKnown(segment, number, scaled, buffer.multiplier!);
                            else scope.sums.add(segment, number);
                        } else {
                            buffer.push(number);
                        }
                    } else if (keepStats) {
                        scope.sums.add(segment, number);
                    }
                    if (keepExtremes) {
                        if (number < scope.min[segment]!) scope.min[segment] = number;
                        if (number > scope.max[segment]!) scope.max[segment] = number;
                    }
                }
            }
        }
    }

    /** Whether the row at `offset` meets every condition of one of alternatives [from, end), with the batch's constants. */
    private passesAny(filterColumn: Int32Array, rows: Float64Array, offset: number, from: number, end: number): boolean {
        for (let a = from; a < end; a++) {
            const first = this.firstCondition[a]!;
            if (this.passesRest(filterColumn, rows, offset, first, first + this.conditionCount[a]!)) return true;
        }
        return false;
    }

    /** Whether the row at `offset` meets conditions [from, end) (an alternative's after its first), with the batch's constants. */
    private passesRest(filterColumn: Int32Array, rows: Float64Array, offset: number, from: number, end: number): boolean {
        for (let c = from; c < end; c++) {
            const value = rows[offset + filterColumn[c]!]!;
            if (value !== value || !compare(this.op[c]!, value, this.batchConstant[c]!)) return false;
        }
        return true;
    }

    /** Offers a row (its fields' values in `numbers`, placed in `segments`, its scopes' ids in `scopeIds`) to every group. */
    offer(numbers: Float64Array, segments: Int32Array, scopeIds: Int32Array): void {
        if (this.differenceFrom.length > 0) this.withDifferences(numbers);
        // The path's arrays in locals: the calls below (a new scope, a new chunk) would make the JIT read them again.
        const groups = this.groups;
        const count = groups.length;
        const planIndex = this.planIndex;
        const scopeSlot = this.scopeSlot;
        const ops = this.op;
        const filterField = this.filterField;
        const constant = this.constant;
        const firstAlternative = this.firstAlternative;
        const alternativeCount = this.alternativeCount;
        const firstCondition = this.firstCondition;
        const conditionCount = this.conditionCount;
        const allChannels = this.channels;
        const allFields = this.channelField;
        for (let g = 0; g < count; g++) {
            const segment = segments[planIndex[g]!]!;
            if (segment < 0) continue;
            const slot = scopeSlot[g]!;
            const scopeId = slot < 0 ? 0 : scopeIds[slot]!;
            if (scopeId < 0) continue;
            // Taken when every condition of one alternative holds.
            let taken = false;
            for (let a = firstAlternative[g]!, lastAlternative = a + alternativeCount[g]!; a < lastAlternative && !taken; a++) {
                taken = true;
                for (let c = firstCondition[a]!, end = c + conditionCount[a]!; c < end; c++) {
                    const op = ops[c]!;
                    const value = op >= Op.TextEq ? scopeIds[filterField[c]!]! : numbers[filterField[c]!]!;
                    if (value !== value || !compare(op, value, op >= Op.TextEq ? this.textId(c) : constant[c]!)) {
                        taken = false;
                        break;
                    }
                }
            }
            if (!taken) continue;
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

/**
 * Where a batch's rows hold what the direct path reads (see DirectRowPath.batchLayout): per
 * group its scope id's column (-1: the group has no scope, id 0), per condition its field's
 * column (a text condition's: its id's), and per channel its value's column.
 */
export interface BatchLayout {
    readonly stride: number;
    readonly scopeColumn: Int32Array;
    readonly filterColumn: Int32Array;
    readonly channelColumn: Int32Array[];
}

/** The batch loop's scratch: per row taken by a group, its offset in the batch, segment and scope id. */
let pickedAt = new Int32Array(0);
let pickedSegment = new Int32Array(0);
let pickedScope = new Int32Array(0);

/**
 * `value op constant`; for a text filter, value and constant are ids (a missing value's is -1, a
 * text no row held yet has none: -1 too), and a missing value is in neither `=` nor `!=`.
 */
function compare(op: number, value: number, constant: number): boolean {
    switch (op) {
        case Op.TextEq:
            return value >= 0 && value === constant;
        case Op.TextNe:
            return value >= 0 && value !== constant;
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

/** How a derived number is measured when it is not a plain difference of two fields. */
type DerivedMeasure =
    | { kind: 'working'; calendar: WorkingCalendar }
    | { kind: 'businessDays'; calendar: WorkingCalendar; days: number }
    | { kind: 'arithmetic'; op: '+' | '-' | '*' | '/' };

/** An `elapsed(…)` counted in business days (`<= 2 business days`). */
function isBusinessDays(expr: Expr): boolean {
    return expr.type === 'elapsed' && expr.unit === 'businessDays';
}

/**
 * A measure's value of a derived number's two operands (a difference's `from` and `of`: for
 * `elapsed(a, b)`, b and a; for `x op y`, x and y), NaN when either is missing.
 */
function measureFunction(measure: DerivedMeasure | undefined): ((from: number, of: number) => number) | undefined {
    if (measure === undefined) return undefined;
    switch (measure.kind) {
        case 'working': {
            const workingTime = workingDurationIn(measure.calendar);
            return (to, from) => workingElapsed(workingTime, from, to);
        }
        case 'businessDays': {
            const compare = businessDayComparisonIn(measure.calendar, measure.days);
            return (to, from) => businessDaySign(compare, from, to);
        }
        case 'arithmetic':
            return arithmeticOf(measure.op);
    }
}

/**
 * The sign of `elapsed(from, to) during C` in business days − N (`compare`: businessDayComparisonIn
 * of C and N), exact, as the general path compares them (row-expression.ts); NaN when either
 * instant is missing (the row then meets no comparison, as the general path's null).
 */
function businessDaySign(compare: (from: number, to: number) => number, from: number, to: number): number {
    if (from !== from || to !== to) return NaN;
    return compare(from, to);
}

/**
 * `x op y` as the general path computes it (row-expression.ts's numericOperation: exact decimal
 * `+`, `-`, `*`; `/` by 0 is missing), NaN for missing.
 */
function arithmeticOf(op: '+' | '-' | '*' | '/'): (x: number, y: number) => number {
    const apply = numericOperation(op);
    return (x, y) => {
        if (x !== x || y !== y) return NaN;
        const value = apply(x, y);
        return typeof value === 'number' ? value : NaN;
    };
}

/**
 * `elapsed(from, to) during calendar` of two instants (`workingTime`: the calendar's,
 * workingDurationIn), as the general path computes it (row-expression.ts: the working time
 * between them, negative when `to` is before `from`); NaN when either is missing
 * (workingDuration would read a NaN bound as an empty interval).
 */
function workingElapsed(workingTime: (from: number, to: number) => number, from: number, to: number): number {
    if (from !== from || to !== to) return NaN;
    return to >= from ? workingTime(from, to) : -workingTime(to, from);
}
