/**
 * What kind of quantity belongs where a number (or a template's parameter) is written, so that
 * completion offers only units (and parameters) that fit: the KPI's kind for a target or a tier
 * bound (`objective Availability >= 99.9` takes `%`, `objective P1Response <= 30` a duration),
 * money for a fee, the parameter's type for `with tier1Credit = 5`. Undefined where it is not
 * known (a credit's amount may be `%`, money or `days of service`).
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isAggregate, isArgument, isArgumentValue, isBinaryExpression, isCredit, isInternalTarget, isObjective, isParameter,
    type Kpi, type Parameter
} from '../generated/ast.js';
import type { SlaType } from '../types/sla-type.js';
import type { SlaTypeComputer } from '../types/type-computer.js';

export type ExpectedQuantity =
    | { kind: 'ratio' }
    | { kind: 'duration' }
    /** `currency`: the one the KPI is in; absent for a fee (any currency). */
    | { kind: 'money'; currency?: string }
    /** A count or plain number: no unit. */
    | { kind: 'plain' }
    /** The length of a window: minutes, hours, days, weeks. */
    | { kind: 'window' };

/** Holders whose quantity is always of one kind, by the holder's type and the quantity's property ('' = any). */
const FIXED_KINDS: Readonly<Record<string, Readonly<Record<string, ExpectedQuantity>>>> = {
    Fee: { amount: { kind: 'money' } },
    MinimumCredit: { amount: { kind: 'money' } },
    Notice: { period: { kind: 'duration' } },
    Termination: { notice: { kind: 'duration' } },
    MinimumOutage: { length: { kind: 'duration' } },
    Timeslices: { length: { kind: 'duration' } },
    ClaimDeadline: { period: { kind: 'duration' } },
    ExclusionCap: { amount: { kind: 'duration' } },
    RepeatEscalation: { step: { kind: 'ratio' }, limit: { kind: 'ratio' } },
    CreditsCap: { pool: { kind: 'ratio' } },
    Window: { '': { kind: 'window' } }
};

/** Holders of a target or a limit of the KPI of their objective (or internal target). */
const OBJECTIVE_PARTS = new Set(['Objective', 'InternalTarget', 'MinimumLevel', 'TargetStep', 'PlanTarget', 'PlanTargets', 'ContinuousImprovement']);

/** Holders of a bound of the KPI of their credit. */
const TIER_PARTS = new Set(['TierBound', 'TierCondition']);

const COMPARISONS = new Set(['<', '<=', '>', '>=', '=', '!=']);

/**
 * The quantity expected of `node`: the node a number was parsed into (a Quantity, an
 * ArgumentValue, a NumberLiteral, a Window), or the node completion makes for one not written
 * yet (with its container and property).
 */
export function expectedQuantity(node: AstNode, types: SlaTypeComputer): ExpectedQuantity | undefined {
    if (isArgumentValue(node)) return parameterQuantity(isArgument(node.$container) ? node.$container.parameter?.ref : isParameter(node.$container) ? node.$container : undefined);
    const fixed = FIXED_KINDS[node.$type]?.[''];
    if (fixed) return fixed;
    const holder = node.$container;
    if (!holder) return undefined;
    const kind = FIXED_KINDS[holder.$type]?.[node.$containerProperty ?? ''];
    if (kind) return kind;
    if (OBJECTIVE_PARTS.has(holder.$type)) {
        const promise = AstUtils.getContainerOfType(holder, n => isObjective(n) || isInternalTarget(n));
        return kpiQuantity(isObjective(promise) || isInternalTarget(promise) ? promise.kpi?.ref : undefined, types);
    }
    if (TIER_PARTS.has(holder.$type)) return kpiQuantity(AstUtils.getContainerOfType(holder, isCredit)?.kpi?.ref, types);
    // `percentile(90, …)`: a rank, no unit.
    if (isAggregate(holder) && node.$containerProperty === 'parameter') return { kind: 'plain' };
    // `latency > 300`: the kind of the other side of the comparison.
    if (isBinaryExpression(holder) && COMPARISONS.has(holder.operator)) {
        const other = node.$containerProperty === 'left' ? holder.right : holder.left;
        return other ? typeQuantity(safely(() => types.typeOf(other))) : undefined;
    }
    return undefined;
}

/** The quantity a parameter's value is (count and number: no unit; names and texts take none either). */
export function parameterQuantity(parameter: Parameter | undefined): ExpectedQuantity | undefined {
    switch (parameter?.type) {
        case undefined: return undefined;
        case 'percentage': return { kind: 'ratio' };
        case 'duration': return { kind: 'duration' };
        case 'money': return { kind: 'money' };
        default: return { kind: 'plain' };
    }
}

function kpiQuantity(kpi: Kpi | undefined, types: SlaTypeComputer): ExpectedQuantity | undefined {
    return kpi ? typeQuantity(safely(() => types.kpiType(kpi))) : undefined;
}

function typeQuantity(type: SlaType | undefined): ExpectedQuantity | undefined {
    switch (type?.kind) {
        case 'ratio': return { kind: 'ratio' };
        case 'duration':
        case 'businessDays': return { kind: 'duration' };
        case 'money': return { kind: 'money', currency: type.currency };
        case 'count':
        case 'number': return { kind: 'plain' };
        default: return undefined;
    }
}

/** A half-written formula may not type: then the kind is not known. */
function safely<T>(compute: () => T): T | undefined {
    try {
        return compute();
    } catch {
        return undefined;
    }
}

/** The parameter types that may stand where `expected` is written (any quantity's when not known: never a name or a text). */
export function fittingParameterTypes(expected: ExpectedQuantity | undefined): readonly string[] {
    switch (expected?.kind) {
        case undefined: return ['percentage', 'duration', 'money', 'count', 'number'];
        case 'ratio': return ['percentage'];
        case 'duration': return ['duration'];
        case 'money': return ['money'];
        case 'plain': return ['count', 'number'];
        case 'window': return [];
    }
}
