import { AstUtils, type AstNode } from 'langium';
import { isCreditAmount, isUnknownCall, type Expression, type UnknownCall } from '../generated/ast.js';

/**
 * `floor(x)` and `ceil(x)` in a credit formula: a whole number of blocks — Rackspace's "5 % of the
 * fee for each 30 minutes of downtime" is either each full 30 minutes, `floor(downtime / 30
 * minutes)`, or each 30 minutes begun, `ceil(downtime / 30 minutes)`; the contract must say
 * which. Only credit formulas take them (a KPI's value is never rounded).
 */
export const WHOLE_NUMBER_FUNCTIONS = ['floor', 'ceil'] as const;
export type WholeNumberFunction = (typeof WHOLE_NUMBER_FUNCTIONS)[number];

/** The call's rounding and its one operand, when it is `floor(x)` or `ceil(x)` (without `where`). */
export function wholeNumberCall(e: Expression | AstNode | undefined): { round: WholeNumberFunction; operand: Expression | undefined; call: UnknownCall } | undefined {
    if (!isUnknownCall(e) || !(WHOLE_NUMBER_FUNCTIONS as readonly string[]).includes(e.function)) return undefined;
    return { round: e.function as WholeNumberFunction, operand: e.arguments.length === 1 && !e.arguments[0]!.condition ? e.arguments[0]!.value : undefined, call: e };
}

/** True inside a tier's amount formula (where floor and ceil may stand). */
export function inCreditFormula(node: AstNode): boolean {
    return AstUtils.getContainerOfType(node, isCreditAmount) !== undefined;
}
