import type { AgreementModel, CreditFormula, CreditFormulaInput, UptimeExpr } from '../model.js';
import { eligibleMs } from '../time/eligible-time.js';
import { eligibilityRulesOf } from './uptime.js';
import { maintenanceOfScope } from './scoped-maintenance.js';

/** The `for each` field of a credit and the value one of its credits is for. */
export interface CreditScope {
    field: string | undefined;
    value: unknown;
}
import { add, divide, EXACT_ZERO, exactInteger, exactOf, multiply, negate, sign, subtract, type Exact } from './exact-value.js';

/** What a credit formula reads in one window; each input is computed only if the formula asks for it. */
export interface CreditFormulaContext {
    input(name: CreditFormulaInput): Exact | null;
    kpi(key: string): Exact | null;
}

/**
 * The amount of a formula credit in one window, exactly (fractions, no rounding until the
 * report): formulas are data, walked here, never compiled or `eval`ed. Null when a value it
 * reads has none (no data, no fee) or it divides by zero. A negative result pays nothing.
 */
export function evaluateCreditFormula(formula: CreditFormula, context: CreditFormulaContext): Exact | null {
    const value = evaluate(formula, context);
    return value === null ? null : sign(value) < 0 ? EXACT_ZERO : value;
}

function evaluate(formula: CreditFormula, context: CreditFormulaContext): Exact | null {
    switch (formula.type) {
        case 'number': return exactOf(formula.value);
        case 'input': return context.input(formula.input);
        case 'kpi': return context.kpi(formula.key);
        case 'negate': {
            const operand = evaluate(formula.operand, context);
            return operand === null ? null : negate(operand);
        }
        case 'whole': {
            const operand = evaluate(formula.operand, context);
            return operand === null ? null : wholeNumber(operand, formula.round);
        }
        case 'binary': {
            const left = evaluate(formula.left, context);
            const right = evaluate(formula.right, context);
            if (left === null || right === null) return null;
            switch (formula.op) {
                case '+': return add(left, right);
                case '-': return subtract(left, right);
                case '*': return multiply(left, right);
                case '/': return divide(left, right);
            }
        }
    }
}

/** The whole number at or below (`floor`) or at or above (`ceil`) an exact value: 75 min / 30 min = 2.5 → 2 or 3. */
function wholeNumber(value: Exact, round: 'floor' | 'ceil'): Exact {
    // A finite value (a division by zero is null before this): den > 0; BigInt division truncates toward zero.
    let quotient = value.num / value.den;
    if (value.num % value.den !== 0n) {
        if (round === 'ceil' && value.num > 0n) quotient += 1n;
        if (round === 'floor' && value.num < 0n) quotient -= 1n;
    }
    return { num: quotient, den: 1n };
}

/** The inputs a formula reads (to compute only those). */
export function formulaInputs(formula: CreditFormula, found = new Set<CreditFormulaInput>()): Set<CreditFormulaInput> {
    if (formula.type === 'input') found.add(formula.input);
    else if (formula.type === 'binary') {
        formulaInputs(formula.left, found);
        formulaInputs(formula.right, found);
    } else if (formula.type === 'negate' || formula.type === 'whole') formulaInputs(formula.operand, found);
    return found;
}

/** The KPIs a formula reads (their values are evaluated in the credit's windows). */
export function formulaKpis(formula: CreditFormula, found = new Set<string>()): Set<string> {
    if (formula.type === 'kpi') found.add(formula.key);
    else if (formula.type === 'binary') {
        formulaKpis(formula.left, found);
        formulaKpis(formula.right, found);
    } else if (formula.type === 'negate' || formula.type === 'whole') formulaKpis(formula.operand, found);
    return found;
}

/**
 * A KPI's down time in a window, in ms, from its value: an uptime is (eligible − down) /
 * eligible, so down = (1 − value) × eligible, exactly; a duration KPI (down minutes) is the
 * down time itself. Null for any other KPI (the validator refuses `downtime` there) or no value.
 */
export function downtimeOf(model: AgreementModel, kpiKey: string, value: Exact | null, from: number, to: number, scope?: CreditScope, deployedEligibleMs?: number): Exact | null {
    if (value === null) return null;
    const kpi = model.kpis.find((candidate) => candidate.key === kpiKey);
    if (kpi?.unitKind === 'duration') return value;
    const eligible = eligibleOf(model, kpiKey, from, to, scope, deployedEligibleMs);
    return eligible === null ? null : multiply(subtract(exactInteger(1), value), eligible);
}

/**
 * The eligible time of the uptime a KPI is, in [from, to), in ms: the time inside its `during`
 * calendar less excluded maintenance (a capped exclusion up to its cap; maintenance counted as
 * available stays), as the uptime counts it. Null for a KPI that is no uptime (the validator refuses `eligible` there).
 * An uptime `deployed in …` counts each resource while deployed, which only the data tell: its
 * eligible time is the one the evaluation summed over the resources (`deployedEligibleMs`, over
 * the window's measured part), null when the window has none.
 */
export function eligibleOf(model: AgreementModel, kpiKey: string, from: number, to: number, scope?: CreditScope, deployedEligibleMs?: number): Exact | null {
    const uptime = uptimeOfKpi(model, kpiKey);
    if (uptime === undefined) return null;
    if (uptime.deployed !== undefined) return deployedEligibleMs === undefined ? null : exactInteger(deployedEligibleMs);
    // As the uptime counts it: a capped exclusion takes out only its capped time; maintenance counted as available stays.
    // A credit per scope value: maintenance listed per value excuses only the value's own periods.
    const maintenance = maintenanceOfScope(model.maintenance, scope?.field, scope?.value);
    return exactInteger(Math.round(eligibleMs(eligibilityRulesOf(uptime, model.calendars, maintenance), model.timezone, from, to)));
}

/** The uptime a KPI is (directly or through KPIs that are one another's alias). */
export function uptimeOfKpi(model: AgreementModel, kpiKey: string): UptimeExpr | undefined {
    const seen = new Set<string>();
    let key: string | undefined = kpiKey;
    while (key !== undefined && !seen.has(key)) {
        seen.add(key);
        const formula = model.kpis.find((candidate) => candidate.key === key)?.formula;
        if (formula?.type === 'uptime') return formula;
        key = formula?.type === 'kpi' ? formula.key : undefined;
    }
    return undefined;
}
