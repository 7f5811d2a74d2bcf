import { parameterSlaType } from '../model/template-parameters.js';
import { inCreditFormula, wholeNumberCall } from '../model/whole-number-calls.js';
import { WorkspaceCache, type AstNode } from 'langium';
import {
    isAggregate, isBinaryExpression, isBooleanLiteral, isCreditInput, isDataset, isElapsed, isField, isKpi, isListExpression,
    isLogicalExpression, isNameReference, isNegationExpression, isNotExpression, isNumberLiteral, isParameter, isShare,
    isStringLiteral, isTimeslices, isUptime, type Aggregate, type Timeslices, type BinaryExpression, type Expression, type Field, type FieldType,
    type Kpi, type NumberLiteral, type Quantity, type Selection
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { compatible, isNumeric, typeName, UNKNOWN, type SlaType, type ValueLevel } from './sla-type.js';
import { creditInputType } from '../model/credit-inputs.js';
import { allowedUnitsDescription, classifyUnit, fractionAsPercent, nearestUnits, percentAdvice } from './units.js';
import { fieldRange } from './field-range.js';
import { astNodes } from '../model/ast-walk.js';

/** A type or unit error found while inferring a formula's type, reported by the validator. */
export interface TypeProblem {
    node: AstNode;
    property?: string;
    code: 'unit-unknown' | 'unit-missing' | 'unit-mismatch' | 'field-type' | 'aggregate-required' | 'enum-value-unknown';
    message: string;
    /** For unit-missing: the type whose unit the bare number lacks (so a fix can add it). */
    expected?: SlaType;
}

type Report = (problem: TypeProblem) => void;

/**
 * The one type-and-unit service every tool uses (validator, hovers, inlay hints, the
 * evaluation model): the type of each expression, the level it lives at (per row, per
 * window), and the type of KPIs, fields and written quantities.
 */
export class SlaTypeComputer {
    private readonly types: WorkspaceCache<AstNode, SlaType>;
    private readonly problems: WorkspaceCache<AstNode, TypeProblem[]>;
    private readonly visiting = new Set<Kpi>();

    constructor(services: SlaServices) {
        this.types = new WorkspaceCache(services.shared);
        this.problems = new WorkspaceCache(services.shared);
    }

    /** Type of an expression (cached until the workspace changes). */
    typeOf(expression: Expression): SlaType {
        return this.infer(expression);
    }

    /**
     * Every type problem in an expression tree, each reported once at its own node. Cached
     * per tree: a KPI formula is analysed once, whether the validator or a type query comes first.
     */
    problemsOf(expression: Expression): TypeProblem[] {
        const cached = this.problems.get(expression);
        if (cached) return cached;
        const problems: TypeProblem[] = [];
        this.infer(expression, problem => problems.push(problem));
        this.problems.set(expression, problems);
        return problems;
    }

    /** Type of a KPI: its declared unit when given, else its formula's type. */
    kpiType(kpi: Kpi): SlaType {
        const cached = this.types.get(kpi);
        if (cached) return cached;
        if (this.visiting.has(kpi)) return UNKNOWN; // a cycle: sla/kpi-cycle reports it
        // The KPIs it refers to are typed first, deepest first, so that inferring each formula
        // finds its KPIs cached: a chain of thousands of KPIs then never nests calls. The
        // order is the depth-first order plain recursion would take, so cycles end as before.
        const order = this.uncachedDependencies(kpi);
        for (const dependency of order) this.visiting.add(dependency);
        try {
            for (const dependency of order) {
                this.visiting.delete(dependency);
                this.kpiTypeOfFormula(dependency);
            }
        } finally {
            for (const dependency of order) this.visiting.delete(dependency);
        }
        return this.types.get(kpi) ?? UNKNOWN;
    }

    /**
     * `kpi` and the uncached KPIs its formula reaches, each after those it refers to
     * (post-order of an iterative depth-first walk; a KPI on the walk's path is not entered
     * again, which is where a cycle stops).
     */
    private uncachedDependencies(kpi: Kpi): Kpi[] {
        const order: Kpi[] = [];
        const entered = new Set<Kpi>([kpi]);
        const stack: Array<{ kpi: Kpi; next: Iterator<Kpi> }> = [{ kpi, next: referencedKpis(kpi) }];
        while (stack.length > 0) {
            const frame = stack[stack.length - 1]!;
            const step = frame.next.next();
            if (step.done) {
                stack.pop();
                order.push(frame.kpi);
                continue;
            }
            const target = step.value;
            if (entered.has(target) || this.visiting.has(target) || this.types.get(target)) continue;
            entered.add(target);
            stack.push({ kpi: target, next: referencedKpis(target) });
        }
        return order;
    }

    private kpiTypeOfFormula(kpi: Kpi): SlaType {
        const cached = this.types.get(kpi);
        if (cached) return cached;
        this.visiting.add(kpi);
        try {
            // Analysing the formula with its problems caches its type and theirs in one pass.
            if (kpi.formula) this.problemsOf(kpi.formula);
            let type = kpi.formula ? this.infer(kpi.formula) : UNKNOWN;
            if (kpi.unit) {
                const declared = typeOfUnit(kpi.unit);
                if (declared.kind !== 'unknown' && (type.kind === 'unknown' || type.kind === 'count' || type.kind === 'number')) {
                    type = declared;
                }
            }
            this.types.set(kpi, type);
            return type;
        } finally {
            this.visiting.delete(kpi);
        }
    }

    fieldType(field: Field): SlaType {
        return fieldTypeOf(field.type);
    }

    /** Where an expression's value lives: per row of a dataset, per window, or constant. */
    levelOf(expression: Expression): ValueLevel {
        if (isNumberLiteral(expression) || isStringLiteral(expression) || isBooleanLiteral(expression)) return 'constant';
        if (isAggregate(expression) || isShare(expression) || isUptime(expression) || isTimeslices(expression)) return 'aggregate';
        if (isElapsed(expression)) return 'row';
        if (isNameReference(expression)) {
            const target = expression.target?.ref;
            if (isKpi(target) || isCreditInput(target)) return 'aggregate';
            if (isField(target) || isDataset(target)) return 'row';
            return 'constant';
        }
        const children: Expression[] = [];
        if (isBinaryExpression(expression) || isLogicalExpression(expression)) children.push(expression.left, expression.right);
        else if (isNotExpression(expression) || isNegationExpression(expression)) children.push(expression.operand);
        else if (isListExpression(expression)) for (const item of expression.items) children.push(item); // a spread of 200,000 items overflows the stack
        const levels = children.filter(Boolean).map(child => this.levelOf(child));
        if (levels.includes('row')) return 'row';
        if (levels.includes('aggregate')) return 'aggregate';
        return 'constant';
    }

    private infer(expression: Expression, report?: Report): SlaType {
        if (!expression) return UNKNOWN;
        // Literals are typed in constant time: caching them would only grow the cache.
        if (isNumberLiteral(expression) || isStringLiteral(expression) || isBooleanLiteral(expression)) return this.compute(expression, report);
        if (!report) {
            const cached = this.types.get(expression);
            if (cached) return cached;
        }
        const type = this.compute(expression, report);
        // Reporting does not change the type: cache it either way, so that the validator's
        // problemsOf(formula) and the later kpiType(kpi) infer each formula only once.
        this.types.set(expression, type);
        return type;
    }

    private compute(e: Expression, report?: Report): SlaType {
        if (isNumberLiteral(e)) {
            if (!e.unit) return { kind: 'number', integer: Number.isInteger(e.value) };
            const type = typeOfUnit(e.unit);
            if (type.kind === 'unknown') report?.(unknownUnit(e, e.unit));
            return type;
        }
        if (isStringLiteral(e)) return { kind: 'text' };
        if (isBooleanLiteral(e)) return { kind: 'boolean' };
        if (isNameReference(e)) {
            const target = e.target?.ref;
            if (isKpi(target)) return this.kpiType(target);
            if (isField(target)) return this.fieldType(target);
            if (isDataset(target)) return { kind: 'dataset', dataset: target };
            if (isCreditInput(target)) return creditInputType(target);
            if (isParameter(target)) return parameterSlaType(target);
            return UNKNOWN;
        }
        if (isNegationExpression(e)) {
            const operand = this.infer(e.operand, report);
            if (operand.kind !== 'unknown' && !isNumeric(operand)) {
                report?.({ node: e, code: 'unit-mismatch', message: `A minus sign needs a number, but this is ${typeName(operand)}.` });
                return UNKNOWN;
            }
            return operand;
        }
        if (isNotExpression(e)) {
            const operand = this.infer(e.operand, report);
            if (operand.kind !== 'unknown' && operand.kind !== 'boolean') {
                report?.({ node: e, code: 'unit-mismatch', message: `'not' needs a condition, but this is ${typeName(operand)}. Write 'not (…)' around the whole comparison, or use '!='.` });
            }
            return { kind: 'boolean' };
        }
        if (isLogicalExpression(e)) {
            for (const side of [e.left, e.right]) {
                const type = this.infer(side, report);
                if (type.kind !== 'unknown' && type.kind !== 'boolean') {
                    report?.({ node: side, code: 'unit-mismatch', message: `'${e.operator}' joins conditions, but this is ${typeName(type)}.` });
                }
            }
            return { kind: 'boolean' };
        }
        if (isListExpression(e)) return { kind: 'list', items: e.items.map(item => this.infer(item, report)) };
        const whole = wholeNumberCall(e);
        // Outside a credit formula, floor and ceil are refused as such (fallback-syntax.ts): no type.
        if (whole && !inCreditFormula(e)) return UNKNOWN;
        if (whole?.operand) {
            // A whole number of blocks: of a plain number (`downtime / 30 minutes`, a duration over a duration: a ratio; `Late / 3`,
            // a count of things), not of a duration or an amount.
            const operand = this.infer(whole.operand, report);
            if (operand.kind !== 'unknown' && operand.kind !== 'number' && operand.kind !== 'ratio' && operand.kind !== 'count') {
                report?.({ node: e, code: 'unit-mismatch', message: `'${whole.round}(…)' counts whole blocks of a plain number, but this is ${typeName(operand)}: divide by the block's length first, e.g. ${whole.round}(downtime / 30 minutes).` });
                return UNKNOWN;
            }
            return { kind: 'number', integer: true };
        }
        if (isBinaryExpression(e)) return withoutScale(this.binary(e, report), e.operator);
        if (isAggregate(e)) return this.aggregate(e, report);
        if (isShare(e)) {
            const part = this.selection(e.part, report);
            const whole = this.selection(e.whole, report);
            for (const [selection, type] of [[e.part, part], [e.whole, whole]] as const) {
                if (type.kind !== 'unknown' && type.kind !== 'dataset') {
                    report?.({ node: selection, code: 'field-type', message: `share(…) compares rows of a dataset: write share(requests where <condition> of requests where <condition>).` });
                }
            }
            if (part.kind === 'dataset' && whole.kind === 'dataset' && part.dataset !== whole.dataset) {
                report?.({ node: e, code: 'unit-mismatch', message: `share(…) needs the same dataset on both sides of 'of', but it reads '${part.dataset.name}' and '${whole.dataset.name}'.` });
            }
            return { kind: 'ratio' };
        }
        if (isUptime(e)) {
            const source = this.selection(e.selection, report);
            if (source.kind !== 'unknown' && source.kind !== 'dataset') {
                report?.({ node: e.selection, code: 'field-type', message: `uptime(…) reads outage rows of a dataset: write uptime(incidents where …, from started to resolved).` });
            }
            for (const [bound, property] of [[e.start, 'start'], [e.end, 'end']] as const) {
                const type = this.infer(bound, report);
                if (type.kind !== 'unknown' && type.kind !== 'timestamp') {
                    report?.({ node: e, property, code: 'field-type', message: `uptime(…) needs timestamp fields for 'from' and 'to', but this is ${typeName(type)}.` });
                }
            }
            return { kind: 'ratio' };
        }
        if (isTimeslices(e)) return this.timeslices(e, report);
        if (isElapsed(e)) {
            for (const [bound, property] of [[e.start, 'start'], [e.end, 'end']] as const) {
                const type = this.infer(bound, report);
                if (type.kind !== 'unknown' && type.kind !== 'timestamp') {
                    report?.({ node: e, property, code: 'field-type', message: `elapsed(…) measures the time between two timestamps, but this is ${typeName(type)}.` });
                }
            }
            return { kind: 'duration' };
        }
        return UNKNOWN;
    }

    private selection(selection: Selection | undefined, report?: Report): SlaType {
        if (!selection?.value) return UNKNOWN;
        const type = this.infer(selection.value, report);
        if (selection.condition) {
            const condition = this.infer(selection.condition, report);
            if (condition.kind !== 'unknown' && condition.kind !== 'boolean') {
                report?.({ node: selection.condition, code: 'unit-mismatch', message: `A 'where' filter needs a condition (e.g. status >= 500), but this is ${typeName(condition)}.` });
            }
            if (report) this.reportNestedAggregates(selection.condition, report);
        }
        if (report && this.levelOf(selection.value) === 'aggregate') {
            report({ node: selection.value, code: 'aggregate-required', message: `An aggregate reads per-row values of a dataset, but this is already one value per window (a KPI or an aggregate). Aggregates cannot be nested.` });
        }
        return type;
    }

    private reportNestedAggregates(condition: Expression, report: Report): void {
        if (this.levelOf(condition) === 'aggregate' || hasAggregate(condition)) {
            report({ node: condition, code: 'aggregate-required', message: `A 'where' filter is checked row by row; it cannot contain an aggregate or a KPI. Compare fields of the row instead.` });
        }
    }

    /**
     * `slices(every 5 minutes: avg of X, …)` has X's type (a slice average of a percentage is a
     * percentage); `count where C` is a count, `duration where C` a duration, `share where C`
     * a percentage. X and C are one value per slice: they read the data through aggregates.
     */
    private timeslices(e: Timeslices, report?: Report): SlaType {
        const value = this.infer(e.value, report);
        if (report && e.value) {
            const level = this.levelOf(e.value);
            if (level !== 'aggregate') {
                report({ node: e.value, code: 'aggregate-required', message: level === 'row'
                    ? `A slice is judged on one value per slice, but this is a value per row: aggregate the rows of the slice, e.g. share(requests where status >= 500 of requests) or avg(requests.latency).`
                    : `A slice value must read the data of the slice (an aggregate such as share(requests where status >= 500 of requests)); this is the same constant in every slice.` });
            }
        }
        if (e.aggregation === 'avg') {
            if (value.kind === 'unknown') return UNKNOWN;
            if (!isNumeric(value)) {
                report?.({ node: e, property: 'value', code: 'unit-mismatch', message: `'avg of' averages one value per slice (a percentage, a duration or a number), but this is ${typeName(value)}. To count the slices where a condition holds, write 'count where <condition>'.` });
                return UNKNOWN;
            }
            return value;
        }
        if (value.kind !== 'unknown' && value.kind !== 'boolean') {
            report?.({ node: e, property: 'value', code: 'unit-mismatch', message: `'${e.aggregation} where' counts the slices where a condition holds (e.g. share(requests where status >= 500 of requests) > 5%), but this is ${typeName(value)}. To average the slice values, write 'avg of …'.` });
        }
        switch (e.aggregation) {
            case 'count': return { kind: 'count' };
            case 'duration': return { kind: 'duration' };
            default: return { kind: 'ratio' };
        }
    }

    private aggregate(e: Aggregate, report?: Report): SlaType {
        const value = this.selection(e.selection, report);
        if (e.function === 'count') {
            if (value.kind !== 'unknown' && value.kind !== 'dataset') {
                report?.({ node: e.selection, code: 'field-type', message: `count(…) counts the rows of a dataset: write count(tickets where …), not count of ${typeName(value)}.` });
            }
            return { kind: 'count' };
        }
        if (e.function === 'percentile' && e.parameter) {
            const rank = this.infer(e.parameter, report);
            if (rank.kind !== 'unknown' && rank.kind !== 'number') {
                report?.({ node: e.parameter, code: 'unit-mismatch', message: `The percentile rank is a plain number between 0 and 100 (e.g. percentile(95, …)), not ${typeName(rank)}.` });
            }
        }
        if (value.kind === 'unknown') return UNKNOWN;
        const allowsTimestamps = e.function === 'min' || e.function === 'max';
        const numeric = isNumeric(value) || (value.kind === 'timestamp' && allowsTimestamps);
        if (!numeric) {
            const what = value.kind === 'dataset' ? `the dataset '${value.dataset.name}' itself` : `${typeName(value)} values`;
            report?.({ node: e.selection, code: 'field-type', message: `${e.function}(…) needs numeric values (a duration, number or amount), but it is given ${what}. Pick a numeric field, e.g. ${e.function}(requests.latency).` });
            return UNKNOWN;
        }
        return value;
    }

    private binary(e: BinaryExpression, report?: Report): SlaType {
        const left = this.infer(e.left, report);
        const right = this.infer(e.right, report);
        const op = e.operator;
        if (left.kind === 'unknown' || right.kind === 'unknown') {
            return ['<', '<=', '>', '>=', '=', '!=', 'in'].includes(op) ? { kind: 'boolean' } : UNKNOWN;
        }
        const mismatch = (message: string): SlaType => {
            report?.({ node: e, code: 'unit-mismatch', message });
            return UNKNOWN;
        };
        switch (op) {
            case '+':
            case '-': {
                if (left.kind === 'timestamp' && right.kind === 'timestamp' && op === '-') return { kind: 'duration' };
                if (left.kind === 'timestamp' && right.kind === 'duration') return left;
                if (isNumeric(left) && isNumeric(right) && compatible(left, right)) {
                    return left.kind === 'number' ? right : left;
                }
                return mismatch(`Cannot ${op === '+' ? 'add' : 'subtract'} ${typeName(right)} ${op === '+' ? 'to' : 'from'} ${typeName(left)}: both sides need the same unit.`);
            }
            case '*': {
                if (!isNumeric(left) || !isNumeric(right)) return mismatch(`Cannot multiply ${typeName(left)} by ${typeName(right)}.`);
                if (left.kind === 'number') return right;
                if (right.kind === 'number') return left;
                if (left.kind === 'ratio') return right;
                if (right.kind === 'ratio') return left;
                if (left.kind === 'count' && right.kind === 'count') return { kind: 'count' };
                if (left.kind === 'count') return right;
                if (right.kind === 'count') return left;
                return mismatch(`Cannot multiply ${typeName(left)} by ${typeName(right)}: the result has no unit the language knows.`);
            }
            case '/': {
                if (!isNumeric(left) || !isNumeric(right)) return mismatch(`Cannot divide ${typeName(left)} by ${typeName(right)}.`);
                // Two measured numbers divided (sum(failed) / sum(total)) are a share; dividing by
                // a written constant (bytes / 1024) only rescales.
                if (left.kind === 'number' && right.kind === 'number' && this.levelOf(e.left) !== 'constant' && this.levelOf(e.right) !== 'constant') {
                    return { kind: 'ratio' };
                }
                if (right.kind === 'number') return left;
                if (left.kind === right.kind && compatible(left, right)) return { kind: 'ratio' };
                if (right.kind === 'count') return left.kind === 'number' ? { kind: 'number' } : left;
                return mismatch(`Cannot divide ${typeName(left)} by ${typeName(right)}: divide values of the same unit (giving a percentage) or by a count or a number.`);
            }
            case 'in': {
                const items = right.kind === 'list' ? right.items : [right];
                items.forEach((item, index) => {
                    const node = isListExpression(e.right) ? e.right.items[index] : e.right;
                    this.checkComparable(left, item, node, report);
                });
                return { kind: 'boolean' };
            }
            default: {
                if (left.kind === 'businessDays' || right.kind === 'businessDays') {
                    this.checkBusinessDays(e, left, right, report);
                    return { kind: 'boolean' };
                }
                this.checkComparable(left, right, e, report);
                if ((op !== '=' && op !== '!=') && (left.kind === 'text' || left.kind === 'enum' || left.kind === 'boolean')) {
                    report?.({ node: e, code: 'unit-mismatch', message: `'${op}' orders numbers, durations and timestamps; ${typeName(left)} values can only be compared with = or !=.` });
                }
                return { kind: 'boolean' };
            }
        }
    }

    /** `elapsed(a, b) during C <= 2 business days`: the only comparison business days have. */
    private checkBusinessDays(e: BinaryExpression, left: SlaType, right: SlaType, report?: Report): void {
        if (!report) return;
        const other = left.kind === 'businessDays' ? e.right : e.left;
        const otherType = left.kind === 'businessDays' ? right : left;
        if (left.kind === 'businessDays' && right.kind === 'businessDays') {
            report({ node: e, code: 'unit-mismatch', message: `Business days are compared with an elapsed time during a calendar, e.g. 'elapsed(opened, resolved) during BusinessHours <= 2 business days'.` });
        } else if (e.operator === '=' || e.operator === '!=') {
            report({ node: e, code: 'unit-mismatch', message: `'${e.operator}' cannot compare a time with business days: write '<=', '<', '>=' or '>'.` });
        } else if (!isElapsed(other)) {
            report({ node: e, code: 'unit-mismatch', message: `Business days count the working days of a calendar, so they are compared only with 'elapsed(…) during <calendar>' itself, but this is ${typeName(otherType)}. Compare the elapsed time directly, or write the limit in hours.` });
        } else if (!other.calendar) {
            report({ node: e, code: 'unit-mismatch', message: `Business days count the working days of a calendar, but this elapsed time has no calendar. Add 'during <calendar>' to the elapsed(…), or write the limit in days of wall-clock time ('2 days').` });
        }
    }

    private checkComparable(left: SlaType, right: SlaType, node: AstNode, report?: Report): void {
        if (!report || left.kind === 'unknown' || right.kind === 'unknown') return;
        const enumSide = left.kind === 'enum' ? left : right.kind === 'enum' ? right : undefined;
        if (enumSide) {
            const literal = left.kind === 'enum' ? findStringLiteral(node, 'right') : findStringLiteral(node, 'left');
            if (literal && !enumSide.values.includes(literal.value)) {
                report({
                    node: literal.node, code: 'enum-value-unknown',
                    message: `"${literal.value}" is not a value of this field; it is one of ${enumSide.values.map(v => `"${v}"`).join(', ')}.`
                });
            }
            if (compatible(left, right)) return;
        }
        if (!compatible(left, right)) {
            // `latency < 300`: a bare number where a unit is needed is a missing unit, not a mismatch.
            const bare = bareNumberAgainstUnit(node, left, right);
            if (bare) {
                const written = bare.literal.$cstNode?.text ?? String(bare.literal.value);
                // `ErrorRate > 0.01` means 1 %, not 0.01 %.
                const advice = bare.expected.kind === 'ratio' && fractionAsPercent(written) !== undefined
                    ? percentAdvice(written)
                    : `Write e.g. '${bare.literal.value}${bare.expected.kind === 'ratio' ? '%' : bare.expected.kind === 'duration' ? ' ms' : ` ${typeName(bare.expected)}`}'.`;
                report({
                    node: bare.literal, code: 'unit-missing', expected: bare.expected,
                    message: `'${written}' has no unit, but it is compared with ${typeName(bare.expected) === 'percentage' ? 'a percentage' : typeName(bare.expected) === 'duration' ? 'a duration' : `an amount in ${typeName(bare.expected)}`}. ${advice}`
                });
                return;
            }
            const hint = (left.kind === 'ratio' && right.kind === 'number') || (left.kind === 'number' && right.kind === 'ratio')
                ? ' Write percentages with %, e.g. 99.9%.'
                : ((left.kind === 'duration' && isPlainNumber(right)) || (right.kind === 'duration' && isPlainNumber(left))) ? ' Give the number a duration unit, e.g. 300 ms.' : '';
            report({ node, code: 'unit-mismatch', message: `Cannot compare ${typeName(left)} with ${typeName(right)}.${hint}` });
        }
    }
}

/** The KPIs a formula names, in the order its inference meets them (the tree, depth first). */
function* referencedKpis(kpi: Kpi): Generator<Kpi> {
    if (!kpi.formula) return;
    for (const node of astNodes(kpi.formula)) {
        if (isNameReference(node) && isKpi(node.target?.ref)) yield node.target.ref;
    }
}

/** A unit-less number literal on one side of a comparison whose other side has a unit. */
function bareNumberAgainstUnit(node: AstNode, left: SlaType, right: SlaType): { literal: NumberLiteral; expected: SlaType } | undefined {
    if (!isBinaryExpression(node)) return undefined;
    const hasUnit = (t: SlaType) => t.kind === 'duration' || t.kind === 'ratio' || t.kind === 'money';
    if (isNumberLiteral(node.right) && !node.right.unit && hasUnit(left)) return { literal: node.right, expected: left };
    if (isNumberLiteral(node.left) && !node.left.unit && hasUnit(right)) return { literal: node.left, expected: right };
    return undefined;
}

function findStringLiteral(node: AstNode, side: 'left' | 'right'): { node: AstNode; value: string } | undefined {
    if (isStringLiteral(node)) return { node, value: node.value };
    if (isBinaryExpression(node)) {
        const candidate = node[side];
        if (isStringLiteral(candidate)) return { node: candidate, value: candidate.value };
    }
    return undefined;
}

function hasAggregate(expression: Expression): boolean {
    if (isAggregate(expression) || isShare(expression) || isUptime(expression) || isTimeslices(expression)) return true;
    if (isNameReference(expression)) return isKpi(expression.target?.ref);
    if (isBinaryExpression(expression) || isLogicalExpression(expression)) return hasAggregate(expression.left) || hasAggregate(expression.right);
    if (isNotExpression(expression) || isNegationExpression(expression)) return hasAggregate(expression.operand);
    if (isListExpression(expression)) return expression.items.some(hasAggregate);
    return false;
}

function unknownUnit(node: AstNode, unit: string): TypeProblem {
    const nearest = nearestUnits(unit);
    const suggestion = nearest.length > 0 ? ` Did you mean ${nearest.map(u => `'${u}'`).join(' or ')}?` : '';
    return { node, property: 'unit', code: 'unit-unknown', message: `Unknown unit '${unit}': use ${allowedUnitsDescription()}.${suggestion}` };
}

/** The type a written unit gives a number: `ms` → duration, `%` → ratio, `EUR` → money. */
export function typeOfUnit(unit: string): SlaType {
    const unitClass = classifyUnit(unit);
    if (!unitClass) return UNKNOWN;
    switch (unitClass.kind) {
        case 'duration': return { kind: 'duration' };
        case 'businessDays': return { kind: 'businessDays' };
        case 'ratio': return { kind: 'ratio' };
        case 'money': return { kind: 'money', currency: unitClass.currency };
    }
}

/** A written quantity (`99.9%`, `300 ms`, `12000 EUR`) in canonical units, with its type. */
export function quantityValue(quantity: Pick<Quantity, 'value' | 'unit'>): { value: number; type: SlaType } {
    if (!quantity.unit) return { value: quantity.value, type: { kind: 'number', integer: Number.isInteger(quantity.value) } };
    const unitClass = classifyUnit(quantity.unit);
    if (!unitClass) return { value: quantity.value, type: UNKNOWN };
    switch (unitClass.kind) {
        case 'duration': return { value: decimal(quantity.value * unitClass.ms), type: { kind: 'duration' } };
        // Not a fixed length: the engine counts working days of the compared elapsed time's calendar.
        case 'businessDays': return { value: quantity.value, type: { kind: 'businessDays' } };
        case 'ratio': return { value: decimal(quantity.value / 100), type: { kind: 'ratio' } };
        case 'money': return { value: quantity.value, type: { kind: 'money', currency: unitClass.currency } };
    }
}

/**
 * Undoes binary floating-point noise of a unit conversion (99.9 / 100 = 0.9990000000000001):
 * a written quantity has at most 15 significant digits, so its canonical value has too.
 */
function decimal(value: number): number {
    return Number(value.toPrecision(15));
}

export function fieldTypeOf(type: FieldType | undefined): SlaType {
    switch (type?.$type) {
        case 'TimestampType': return { kind: 'timestamp' };
        case 'DurationType': return { kind: 'duration' };
        case 'NumberType': return type.unit ? typeOfUnit(type.unit) : { kind: 'number' };
        case 'IntegerType': return { kind: 'number', integer: true };
        case 'PercentType': return { kind: 'ratio' };
        case 'TextType': return { kind: 'text' };
        case 'BooleanType': return { kind: 'boolean' };
        case 'EnumType': return { kind: 'enum', values: type.values };
        case 'ScoreType': {
            const range = fieldRange(type);
            return range ? { kind: 'number', scale: { low: range.min, high: range.max } } : { kind: 'number' };
        }
        default: return UNKNOWN;
    }
}

/** Arithmetic on a score gives a plain number: `Satisfaction * 20` is no longer on the 1–5 scale. */
function withoutScale(type: SlaType, operator: string): SlaType {
    if (type.kind !== 'number' || !type.scale || !['+', '-', '*', '/'].includes(operator)) return type;
    return { kind: 'number', integer: type.integer };
}

function isPlainNumber(type: SlaType): boolean {
    return type.kind === 'number' || type.kind === 'count';
}
