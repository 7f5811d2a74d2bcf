import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAggregate, isAgreement, isMinimumLevel, isObjective, isTargetStep, type InternalTarget, type Kpi, type MinimumLevel, type Objective, type PlanTarget, type SlaAstType, type TargetStep
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { scaleOf, type SlaType } from '../types/sla-type.js';
import { quantityValue } from '../types/type-computer.js';
import type { AgreementIndex } from './agreement-index.js';
import { checkQuantity } from './quantities.js';
import { fix, insertBeforeNode } from './quick-fix.js';
import { propertyNode, quote, report } from './report.js';
import { windowKey } from '../model/windows.js';
import { pricedByFormula } from './credit-formulas.js';
import { strictestTarget } from '../model/objective-term.js';

type TargetStatement = Objective | InternalTarget;
/** Where a comparison and a target are written: the statement itself, one plan's line of `by plan { … }`, a step over the term, or the minimum. */
type PromiseNode = TargetStatement | PlanTarget | TargetStep | MinimumLevel;

/** Objectives and internal targets: a direction, a target in the KPI's unit, a reachable goal. */
export function objectiveChecks(services: SlaServices, index: AgreementIndex): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    const kpiTypeOf = (node: TargetStatement): SlaType | undefined => {
        const kpi = node.kpi?.ref;
        return kpi ? types.kpiType(kpi) : undefined;
    };
    const checkPromise = (node: TargetStatement, accept: ValidationAcceptor): void => {
        const kpiType = kpiTypeOf(node);
        const promises: PromiseNode[] = node.planTargets ? node.planTargets.targets.filter(target => !target.none)
            : [node, ...(isObjective(node) ? [...node.steps, ...(node.minimum ? [node.minimum] : [])] : [])];
        for (const promise of promises) {
            // A step's or the minimum's missing comparison is the objective's (objective-schedule.ts, service-level-defaults.ts).
            if (!isTargetStep(promise) && !isMinimumLevel(promise)) checkComparison(promise, node, kpiType, accept);
            if (!kpiType || !promise.target) continue;
            if (scaleOf(kpiType)) continue; // a score's target is checked against its scale (scores.ts)
            // `objective each …: Kpi <= 2 business days`: working days of the KPI's calendar (each-objectives.ts).
            if (node.$type === 'Objective' && (node as Objective).items && quantityValue(promise.target).type.kind === 'businessDays') continue;
            const usable = checkQuantity(promise.target, kpiType, `the KPI '${node.kpi?.ref?.name}'`, accept);
            if (usable) checkRange(promise, kpiType, accept);
        }
    };
    return {
        Objective: [checkPromise, (node, accept) => checkMeanLatency(node, services, accept)],
        InternalTarget: [checkPromise, checkOwner, (node, accept) => checkInternalWeaker(node, index, accept)]
    };
}

/** Whether a higher value of this KPI is better (availability) or worse (latency, errors). */
function preferredComparison(type: SlaType | undefined): '>=' | '<=' {
    return type?.kind === 'ratio' ? '>=' : '<=';
}

function checkComparison(node: PromiseNode, statement: TargetStatement, kpiType: SlaType | undefined, accept: ValidationAcceptor): void {
    if (node.comparison || !node.target) return;
    const targetNode = propertyNode(node, 'target');
    if (!targetNode) return;
    const first = preferredComparison(kpiType);
    const options = first === '>=' ? ['>=', '<='] : ['<=', '>='];
    report(accept, 'comparison-missing',
        `${quote(node.target)} has no direction: must the KPI be at least or at most ${quote(node.target)}? Write '${statement.kpi?.$refText ?? 'Kpi'} >= ${targetNode.text}' or '${statement.kpi?.$refText ?? 'Kpi'} <= ${targetNode.text}'.`,
        { node, property: 'target' },
        { fixes: options.map((op, i) => fix(`Write '${op}'`, [insertBeforeNode(targetNode, `${op} `)], i === 0)) });
}

/**
 * Percentages beyond 0–100 % (error), and targets with no error budget (warning) — unless a
 * formula credit prices every shortfall (Cloudflare's 100 % with 25 × the down time's share
 * of the fee): then the promise is a price list, not a target to engineer for.
 */
function checkRange(node: PromiseNode, kpiType: SlaType, accept: ValidationAcceptor): void {
    if (!node.target) return;
    const { value } = quantityValue(node.target);
    if (kpiType.kind === 'ratio' && value > 1) {
        report(accept, 'target-out-of-range',
            `${quote(node.target)} is above 100%: a percentage KPI can never reach it. Write a target between 0% and 100%.`,
            { node, property: 'target' });
        return;
    }
    const op = node.comparison;
    if (!op) return;
    const ceiling = kpiType.kind === 'ratio' ? 1 : undefined;
    if (op === '<' && value <= 0) {
        report(accept, 'objective-unachievable',
            `'< ${node.target.$cstNode?.text}' can never be met: no value is below zero. Write a target above zero, e.g. '<= 300 ms'.`,
            { node, property: 'target' });
    } else if (op === '>' && ceiling !== undefined && value >= ceiling) {
        report(accept, 'objective-unachievable',
            `'> ${node.target.$cstNode?.text}' can never be met: a percentage cannot exceed 100%.`,
            { node, property: 'target' });
    } else if (((op === '>=' && ceiling !== undefined && value >= ceiling) || (op === '<=' && value === 0 && kpiType.kind !== 'count')) && !pricedByFormula(isTargetStep(node) || isMinimumLevel(node) ? node.$container : node)) {
        report(accept, 'objective-unachievable',
            `'${op} ${node.target.$cstNode?.text}' leaves no error budget: a single failure breaches it, so it cannot be engineered for. Promise a target with some room, e.g. ${kpiType.kind === 'ratio' && op === '>=' ? "'>= 99.9%'" : 'a small non-zero value'}.`,
            { node, property: 'target' });
    }
}

function checkOwner(node: InternalTarget, accept: ValidationAcceptor): void {
    if (node.owner || !node.kpi) return;
    report(accept, 'kpi-no-owner',
        `The internal target for '${node.kpi.$refText}' has no owner: nobody is accountable for it. Add e.g. 'owner "Platform team"'.`,
        { node, property: 'kpi' });
}

/** An internal target looser than the promise it shadows lets staff meet theirs while the agreement is breached. */
function checkInternalWeaker(node: InternalTarget, index: AgreementIndex, accept: ValidationAcceptor): void {
    const kpi = node.kpi?.ref;
    if (!kpi || !node.comparison || !node.target) return;
    const objective = shadowedObjective(node, kpi, index);
    if (!objective?.target || !objective.comparison) return;
    const internal = quantityValue(node.target);
    const higherIsBetter = objective.comparison.startsWith('>');
    if (higherIsBetter !== node.comparison.startsWith('>')) return;
    // A promise over the term: the internal target must reinforce each of its targets (the strictest).
    const strictest = strictestTarget(objective, promised => promised.type.kind === internal.type.kind && promised.type.kind !== 'unknown');
    // On one value, `>= 99.9%` is looser than the objective's `> 99.9%` (and `<= 0.5%` than `< 0.5%`): met by the value that breaches it.
    const looserOnTheValue = strictest !== undefined && strictest.value === internal.value && objective.comparison.length === 1 && node.comparison.length === 2;
    if (strictest === undefined || !(looserOnTheValue || (higherIsBetter ? strictest.value > internal.value : strictest.value < internal.value))) return;
    const promise = strictest.from !== undefined
        ? `'${kpi.name} ${objective.comparison} ${strictest.target.$cstNode?.text}' (the objective's target from ${strictest.from})`
        : `'${kpi.name} ${objective.comparison} ${objective.target.$cstNode?.text}'`;
    report(accept, 'internal-weaker',
        `The internal target '${kpi.name} ${node.comparison} ${node.target.$cstNode?.text}' is looser than the objective ${promise}: staff could meet their target while the agreement is breached. Make it at least as strict as the objective.`,
        { node, property: 'target' });
}

function shadowedObjective(node: InternalTarget, kpi: Kpi, index: AgreementIndex): Objective | undefined {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return undefined;
    const objectives = index.of(agreement).objectivesByKpi.get(kpi) ?? [];
    const key = windowKey(node.window);
    return objectives.find(o => key !== undefined && windowKey(o.window) === key) ?? objectives[0];
}

/** `avg` over durations hides the tail: a few very slow requests vanish in the mean. */
function checkMeanLatency(node: Objective, services: SlaServices, accept: ValidationAcceptor): void {
    const kpi = node.kpi?.ref;
    if (!kpi?.formula || !isAggregate(kpi.formula) || kpi.formula.function !== 'avg') return;
    if (services.types.TypeComputer.kpiType(kpi).kind !== 'duration') return;
    report(accept, 'mean-latency',
        `'${kpi.name}' is an average of durations: the mean hides the tail (a few very slow requests barely move it). Consider a percentile, e.g. percentile(95, …).`,
        { node, property: 'kpi' });
}

