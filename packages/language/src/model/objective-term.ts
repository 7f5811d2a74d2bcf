/**
 * A promise over the term as written (docs/language-reference.md § 9.3): the day it comes into
 * force and its steps, its Service Level Defaults (§ 9.4) and its Continuous Improvement (§ 9.5,
 * with the precision its target is written to). Read by the deviations of a client, the
 * internal-target checks, the agreement model and the OpenSLO export; the engine's
 * `evaluate/target-schedule.ts` evaluates it.
 */
import type { Objective, Quantity } from '../generated/ast.js';
import type { SlaType } from '../types/sla-type.js';
import { quantityValue } from '../types/type-computer.js';
import { countText, hasCount } from './template-parameters.js';

/** A quantity as written, whitespace normalized. */
function written(quantity: Quantity | undefined): string {
    if (!quantity) return '…';
    return quantity.$cstNode?.text.replace(/\s+/g, ' ') ?? (quantity.unit ? `${quantity.value} ${quantity.unit}` : String(quantity.value));
}

/**
 * The term as written after the window: ` from 2026-04-01, >= 99.7% from 2027-01-01, minimum
 * 99.5%, default when breached in 3 of any 12 consecutive windows` ('' for a promise of the whole
 * validity without Service Level Defaults).
 */
export function termText(objective: Objective): string {
    return `${scheduleText(objective)}${levelsText(objective)}${improvementText(objective)}`;
}

/** The Continuous Improvement as written: `, improved yearly to the mean of the best 6 windows by at most 0.2%` (§ 9.5). */
export function improvementText(objective: Objective): string {
    const rule = objective.improvement;
    if (!rule) return '';
    return `, improved yearly to the mean of the best ${countText(rule, 'best')} windows${rule.limit ? ` by at most ${written(rule.limit)}` : ''}`;
}

/**
 * The digits after the decimal point of a quantity as written (`99.50%` → 2). A template's
 * parameter (`>= availability`) is written as its default is; a client's argument, which takes
 * its place in the client's resolved copy, as the argument is.
 */
export function writtenDecimals(quantity: Quantity): number {
    const decimals = (text: string | undefined): number | undefined => {
        const match = /^-?\d+(?:\.(\d+))?/.exec(text?.trim() ?? '');
        return match ? match[1]?.length ?? 0 : undefined;
    };
    return decimals(quantity.$cstNode?.text) ?? decimals(quantity.parameter?.ref?.default?.$cstNode?.text) ?? decimals(String(quantity.value)) ?? 0;
}

/** One unit of the last digit a quantity is written with, in its unit: `99.5%` → 0.1 %, `4 hours` → 1 hour. */
export function writtenPrecision(quantity: Quantity): { value: number; unit?: string } {
    return { value: Number(`1e-${writtenDecimals(quantity)}`), unit: quantity.unit };
}

/**
 * The precision of a written target in canonical units: one unit of its last written digit
 * (`99.5%` → 0.001, `99.50%` → 0.0001, `300 ms` → 1, `4 hours` → 3,600,000 ms). An improved
 * target is taken to a multiple of it (docs/language-reference.md § 9.5).
 */
export function targetPrecision(quantity: Quantity): number {
    return quantityValue(writtenPrecision(quantity)).value;
}

/** The in-force day and the steps as written: ` from 2026-04-01, >= 99.7% from 2027-01-01`. */
export function scheduleText(objective: Objective): string {
    return `${objective.inForceFrom !== undefined ? ` from ${objective.inForceFrom}` : ''}${stepsText(objective)}`;
}

/** The Service Level Defaults as written: `, minimum 99.5%, default when breached in 3 of any 12 consecutive windows` (docs/language-reference.md § 9.4). */
export function levelsText(objective: Objective): string {
    const minimum = objective.minimum ? `, minimum ${objective.minimum.comparison ? `${objective.minimum.comparison} ` : ''}${written(objective.minimum.target)}` : '';
    const rule = objective.defaultRule;
    const counted = rule ? `, default when breached in ${countText(rule, 'count')}${hasCount(rule, 'span') ? ` of any ${countText(rule, 'span')}` : ''} consecutive windows` : '';
    return minimum + counted;
}

/** The steps as written: `, >= 99.7% from 2027-01-01` each. */
export function stepsText(objective: Objective): string {
    return objective.steps.map(step => `, ${step.comparison ?? objective.comparison ?? ''} ${written(step.target)} from ${step.from ?? '…'}`).join('');
}

/**
 * The strictest of the targets the objective promises over the term — its own or a step's (with
 * the step's day) — in the objective's direction, among those `usable` accepts (a unit the
 * caller can compare). Undefined when none is.
 */
export function strictestTarget(objective: Objective, usable: (promised: { value: number; type: SlaType }) => boolean = () => true):
    { target: Quantity; value: number; from?: string } | undefined {
    const higherIsBetter = objective.comparison?.startsWith('>') ?? true;
    let strictest: { target: Quantity; value: number; from?: string } | undefined;
    for (const { target, from } of [{ target: objective.target, from: undefined }, ...objective.steps.map(step => ({ target: step.target, from: step.from }))]) {
        if (!target) continue;
        const promised = quantityValue(target);
        if (Number.isNaN(promised.value) || !usable(promised)) continue;
        if (strictest === undefined || (higherIsBetter ? promised.value > strictest.value : promised.value < strictest.value)) {
            strictest = from === undefined ? { target, value: promised.value } : { target, value: promised.value, from };
        }
    }
    return strictest;
}
