import type { ValidationAcceptor } from 'langium';
import { isNumberLiteral, isQuantity, type NumberLiteral, type Quantity } from '../generated/ast.js';
import { MS_PER_DAY } from '@sla/engine';
import { enclosingTemplate, isParameterTypeName, parameterNamed } from '../model/template-parameters.js';
import type { SlaType } from '../types/sla-type.js';
import { quantityValue, type TypeProblem } from '../types/type-computer.js';
import { typeName } from '../types/sla-type.js';
import { allowedUnitsDescription, classifyUnit, fractionAsPercent, nearestUnits, percentAdvice } from '../types/units.js';
import { fix, insertAfterNode, replaceNode, type QuickFix, writeFixes } from './quick-fix.js';
import { propertyNode, quote, report } from './report.js';

/** A number as written: a target quantity or a literal in a formula. */
export type WrittenNumber = Quantity | NumberLiteral;

/** Units a reader would add to a bare number of this type, best first. */
export function unitsFor(type: SlaType): string[] {
    switch (type.kind) {
        case 'duration': return ['ms', 's'];
        case 'ratio': return ['%'];
        case 'money': return [type.currency];
        default: return [];
    }
}

function hasUnit(type: SlaType): boolean {
    return unitsFor(type).length > 0;
}

/**
 * Fixes that add a unit after a bare number. Where a percentage is meant and the number looks
 * like a fraction (`0.95`), the preferred fix writes it as the percentage it stands for
 * (`95%`): adding '%' would make it 0.95 %, a promise any data meets.
 */
export function addUnitFixes(quantity: WrittenNumber, units: string[]): QuickFix[] {
    const anchor = propertyNode(quantity, 'value') ?? quantity.$cstNode;
    if (!anchor) return [];
    const percent = units[0] === '%' ? fractionAsPercentage(quantity) : undefined;
    const valueNode = propertyNode(quantity, 'value');
    const asPercent = percent !== undefined && valueNode ? [fix(`Write '${percent}%'`, [replaceNode(valueNode, `${percent}%`)], true)] : [];
    return [...asPercent, ...units.map((unit, i) => fix(`Add '${unit}'`, [insertAfterNode(anchor, unit === '%' ? '%' : ` ${unit}`)], i === 0 && asPercent.length === 0))];
}

/** The percentage a bare number stands for when it looks like a fraction (see fractionAsPercent). */
export function fractionAsPercentage(quantity: WrittenNumber): string | undefined {
    return quantity.unit === undefined ? fractionAsPercent(writtenValue(quantity)) : undefined;
}

/** What to write for a bare number where a percentage is meant (see percentAdvice). */
export function percentAdviceFor(quantity: WrittenNumber, ofWhat = ''): string {
    return percentAdvice(writtenValue(quantity), ofWhat);
}

function writtenValue(quantity: WrittenNumber): string {
    return propertyNode(quantity, 'value')?.text ?? String(quantity.value);
}

/** The parameter types whose values have a unit, each as a place wanting it is described. */
const UNIT_PARAMETER_TYPES = { duration: 'a duration', percentage: 'a percentage', money: 'an amount of money' } as const;

/**
 * A template's parameter name, without a unit, where a quantity with a unit is wanted
 * (`<= limit`): true when the quantity is one, and the caller reports nothing more. A unit cannot
 * be added to a name (the advice for a bare number read 'NaN ms' for a parameter without a
 * default). A name no parameter has is reported as such (sla/unresolved-reference). A parameter
 * of the type wanted has no unit only without a default (money: each client gives the amount,
 * in its currency) and is checked at each client. One of another type is reported here, as a
 * parameter to declare with the type wanted; its clients, who cannot give a count a unit, are
 * not told again (client-problems.ts: the template reports the code at that place).
 */
export function checkParameterWithoutUnit(quantity: WrittenNumber, wanted: keyof typeof UNIT_PARAMETER_TYPES, where: string, accept: ValidationAcceptor): boolean {
    if (quantity.unit !== undefined || !isQuantity(quantity) || !quantity.parameter) return false;
    const name = quantity.parameter.$refText;
    const parameter = parameterNamed(enclosingTemplate(quantity), name);
    if (!parameter || parameter.type === wanted || !isParameterTypeName(parameter.type)) return true;
    report(accept, 'unit-missing',
        `'${name}' is a ${parameter.type} parameter, without a unit, but ${where} is ${UNIT_PARAMETER_TYPES[wanted]}: declare it 'parameter ${name} ${wanted}'.`,
        { node: quantity });
    return true;
}

/**
 * A period of whole calendar days (or weeks) after the end of a window: a claim deadline, a
 * customer's notice after a termination right fires. A bare number gets the fixes 'days' and
 * 'weeks' (`after` says after what); another unit, a fraction of a day or no time at all is
 * `unit-mismatch` with `mismatch` as its message.
 */
export function checkWholeDays(period: Quantity | undefined, after: string, mismatch: (written: string) => string, accept: ValidationAcceptor): void {
    if (!period || period.value === undefined) return;
    if (period.unit === undefined) {
        if (checkParameterWithoutUnit(period, 'duration', `a period ${after}`, accept)) return;
        report(accept, 'unit-missing', `${quote(period)}: days or weeks? Write '${period.value} days' (${after}).`,
            { node: period, property: 'value' }, { fixes: addUnitFixes(period, ['days', 'weeks']) });
        return;
    }
    const unit = classifyUnit(period.unit);
    if (unit?.kind !== 'duration' || !/^(day|days|week|weeks)$/.test(period.unit) || quantityValue(period).value % MS_PER_DAY !== 0 || period.value <= 0) {
        report(accept, 'unit-mismatch', mismatch(quote(period)), { node: period });
    }
}

/**
 * Checks a written quantity against the type it must have (a KPI's type for a target, a
 * duration for a notice period, money for a fee). Returns whether the quantity is usable
 * for further checks (known unit, compatible).
 */
export function checkQuantity(quantity: Quantity | undefined, expected: SlaType, what: string, accept: ValidationAcceptor): boolean {
    // No number (a template's default written `ms`, a name of nothing: reported where it is written) has no unit to check.
    if (!quantity || quantity.value === undefined || Number.isNaN(quantity.value) && !quantity.parameter) return false;
    if (quantity.unit === undefined) {
        if (!hasUnit(expected)) return true;
        if (checkParameterWithoutUnit(quantity, expected.kind === 'ratio' ? 'percentage' : expected.kind as 'duration' | 'money', what, accept)) return false;
        const units = unitsFor(expected);
        const advice = units[0] === '%' && fractionAsPercentage(quantity) !== undefined
            ? percentAdviceFor(quantity)
            : `${quote(quantity)} of what? Write e.g. '${quantity.value}${units[0] === '%' ? '%' : ` ${units[0]}`}'.`;
        report(accept, 'unit-missing',
            `${quote(quantity)} has no unit, but ${what} is ${describe(expected)}: ${advice}`,
            { node: quantity, property: 'value' },
            { fixes: addUnitFixes(quantity, units) });
        return false;
    }
    const unitClass = classifyUnit(quantity.unit);
    if (!unitClass) {
        reportUnknownUnit(quantity, accept);
        return false;
    }
    if (unitClass.kind === 'duration' && unitClass.calendarLength) {
        const unitNode = propertyNode(quantity, 'unit');
        const cst = quantity.$cstNode;
        const days = quantity.value * (/^month/.test(quantity.unit) ? 30 : /^quarter/.test(quantity.unit) ? 91 : 365);
        report(accept, 'fixed-month-duration',
            `${quote(quantity)} is not a fixed duration: a ${quantity.unit.replace(/s$/, '')} has ${/^month/.test(quantity.unit) ? '28–31' : /^quarter/.test(quantity.unit) ? '90–92' : '365–366'} days. Write the length in days, e.g. '${days} days'.`,
            { node: quantity, property: 'unit' },
            { fixes: cst && unitNode ? [fix(`Write '${days} days'`, [replaceNode(cst, `${days} days`)], true)] : [] });
    }
    const actualKind = unitClass.kind;
    if (expected.kind === 'unknown') return true;
    const compatibleKind = actualKind === expected.kind
        && (actualKind !== 'money' || expected.kind !== 'money' || unitClass.kind !== 'money' || unitClass.currency === expected.currency);
    if (!compatibleKind) {
        if (unitClass.kind === 'businessDays') {
            // A target, notice or tier is one value: business days are counted per row, from its start.
            report(accept, 'unit-mismatch',
                `${quote(quantity)} counts working days from the start of each row, so it is compared only inside a formula: 'elapsed(opened, resolved) during <calendar> <= ${quantity.value} ${quantity.unit}', e.g. share(tickets where … of tickets) >= 90%.${expected.kind === 'duration' ? ' Here, write the duration in hours.' : ''}`,
                { node: quantity, property: 'unit' });
            return false;
        }
        report(accept, 'unit-mismatch',
            `${quote(quantity)} is ${actualKind === 'money' && unitClass.kind === 'money' ? `an amount in ${unitClass.currency}` : actualKind === 'ratio' ? 'a percentage' : 'a duration'}, but ${what} is ${describe(expected)}: the two cannot be compared.`,
            { node: quantity, property: 'unit' });
        return false;
    }
    return true;
}

/**
 * The type computer's problems of a formula or condition, each with the fixes it can have: an
 * unknown unit of a number (`5 msec`) the units it may mean, a number without the unit its
 * comparison needs (`latency < 5`) the units that fit. One place, so that a KPI's formula, a
 * credit formula, a fee and every `where` condition offer the same fixes.
 */
export function reportTypeProblems(problems: readonly TypeProblem[], accept: ValidationAcceptor): void {
    for (const problem of problems) {
        if (problem.code === 'unit-unknown' && isNumberLiteral(problem.node)) {
            reportUnknownUnit(problem.node, accept);
            continue;
        }
        const fixes = problem.code === 'unit-missing' && problem.expected && isNumberLiteral(problem.node)
            ? addUnitFixes(problem.node, unitsFor(problem.expected)) : undefined;
        report(accept, problem.code, problem.message, { node: problem.node, property: problem.property }, { fixes });
    }
}

export function reportUnknownUnit(quantity: WrittenNumber, accept: ValidationAcceptor): void {
    const unit = quantity.unit ?? '';
    const nearest = nearestUnits(unit);
    const unitNode = propertyNode(quantity, 'unit');
    report(accept, 'unit-unknown',
        `Unknown unit '${unit}' in ${quote(quantity)}: use ${allowedUnitsDescription()}.${nearest.length > 0 ? ` Did you mean ${nearest.map(u => `'${u}'`).join(' or ')}?` : ''}`,
        { node: quantity, property: 'unit' },
        { fixes: writeFixes(unitNode, nearest) });
}

function describe(type: SlaType): string {
    switch (type.kind) {
        case 'duration': return 'a duration';
        case 'ratio': return 'a percentage';
        case 'money': return `an amount in ${type.currency}`;
        case 'count': return 'a count (a plain number)';
        case 'number': return 'a plain number';
        default: return typeName(type);
    }
}
