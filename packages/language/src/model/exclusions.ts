/**
 * Named exclusions as the evaluation applies them (evaluation/agreement-model.ts): which ones a
 * formula is in the scope of, and a maintenance exclusion's cap — one reading shared by the
 * model, the validator and the budgets of hovers.
 */
import { AstUtils, type AstNode } from 'langium';
import type { CalendarUnit } from '@sla/engine';
import { isAgreement, isExclusion, isService, type Exclusion, type ExclusionCap } from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { windowSpecOf } from './windows.js';

/** The exclusions that apply to a node of a formula: its agreement's, and those of its service. */
export function exclusionsInScope(node: AstNode): Exclusion[] {
    const service = AstUtils.getContainerOfType(node, isService);
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    return [...(agreement?.members ?? []), ...(service?.members ?? [])].filter(isExclusion);
}

/**
 * `at most 10 hours per calendar year` (or `per fiscal year`): the cap in ms per calendar window,
 * with the fiscal year's first month when it is not January; undefined when the cap is no
 * duration per calendar window (`sla/exclusion-rows` reports it).
 */
export function exclusionCapOf(cap: ExclusionCap): { ms: number; per: CalendarUnit; yearStartMonth?: number } | undefined {
    if (!cap.amount || !cap.window) return undefined;
    const amount = quantityValue(cap.amount);
    const window = windowSpecOf(cap.window);
    if (amount.type.kind !== 'duration' || window?.kind !== 'calendar') return undefined;
    return { ms: amount.value, per: window.unit, ...(window.yearStartMonth !== undefined && window.yearStartMonth !== 1 ? { yearStartMonth: window.yearStartMonth } : {}) };
}
