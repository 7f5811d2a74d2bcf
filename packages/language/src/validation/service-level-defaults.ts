import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isPlanCreditTiers, type CreditTier, type DefaultRule, type MinimumLevel, type Objective, type SlaAstType } from '../generated/ast.js';
import { windowKindIs } from '../model/terminations.js';
import { quantityValue } from '../types/type-computer.js';
import { amountValue, matchingObjective } from './credits.js';
import { fix, replaceNode } from './quick-fix.js';
import { checkConsecutiveCounts } from './terminations.js';
import { propertyNode, quote, report } from './report.js';

/**
 * Expected and Minimum Service Levels (docs/language-reference.md § 9.4): `, minimum 99.5%` below
 * the objective's target, and `, default when breached in 3 of any 12 consecutive windows`; a
 * window below the minimum, or completing the rule, is a Service Level Default, which a credit's
 * `default` tier pays for. The minimum compares as the objective does and is looser than each of
 * its targets (over the term too); the rule counts whole windows of a calendar window; a target per
 * plan and a promise on every item have neither. The minimum's unit and range are checked with the
 * objective's target (objectives.ts).
 */
export function serviceLevelDefaultChecks(): ValidationChecks<SlaAstType> {
    return {
        MinimumLevel: checkMinimum,
        DefaultRule: checkRule,
        CreditTier: checkDefaultTier
    };
}

function checkMinimum(minimum: MinimumLevel, accept: ValidationAcceptor): void {
    const objective = minimum.$container;
    if (!onePromise(objective, minimum, accept)) return;
    const comparison = objective.comparison;
    if (!comparison) return;
    if (minimum.comparison !== undefined && minimum.comparison !== comparison) {
        const written = propertyNode(minimum, 'comparison');
        report(accept, 'service-level-default',
            `The minimum compares with '${minimum.comparison}', the objective with '${comparison}': the Minimum Service Level bounds the same promise from the other side of the target. Write '${comparison}'.`,
            { node: minimum, property: 'comparison' }, { fixes: written ? [fix(`Write '${comparison}'`, [replaceNode(written, comparison)], true)] : [] });
        return;
    }
    if (!minimum.target) return;
    const floor = quantityValue(minimum.target);
    // Above 100 %: reported with the objective's targets (objectives.ts).
    if (floor.type.kind === 'ratio' && floor.value > 1) return;
    const higherIsBetter = comparison.startsWith('>');
    // Each target of the promise, over the term too: the minimum must leave room below every one.
    const targets = [{ target: objective.target, from: undefined as string | undefined }, ...objective.steps.map(step => ({ target: step.target, from: step.from }))];
    for (const { target, from } of targets) {
        if (!target) continue;
        const promised = quantityValue(target);
        if (Number.isNaN(promised.value) || Number.isNaN(floor.value) || promised.type.kind !== floor.type.kind) continue;
        const looser = higherIsBetter ? floor.value < promised.value : floor.value > promised.value;
        if (looser) continue;
        const which = from === undefined ? `the target ${comparison} ${target.$cstNode?.text ?? ''}` : `the target ${comparison} ${target.$cstNode?.text ?? ''} from ${from}`;
        report(accept, 'service-level-default',
            `The minimum ${minimum.target.$cstNode?.text ?? ''} is not ${higherIsBetter ? 'below' : 'above'} ${which}: a Minimum Service Level is the floor under the Expected one, so a window can miss the target and still meet it. Write a minimum ${higherIsBetter ? 'below' : 'above'} ${target.$cstNode?.text ?? 'the target'}.`,
            { node: minimum, property: 'target' });
        return;
    }
}

function checkRule(rule: DefaultRule, accept: ValidationAcceptor): void {
    const objective = rule.$container;
    if (!checkConsecutiveCounts(rule, 'A Service Level Default', "'default when breached in 3 of any 12 consecutive windows'", "'3 of any 12 consecutive windows'", accept)) return;
    if (!onePromise(objective, rule, accept)) return;
    if (windowKindIs(objective, 'rolling')) {
        report(accept, 'service-level-default',
            `Rolling windows overlap, so one failure would count in many of them: a default rule counts consecutive calendar windows. Write the objective 'per calendar month' (or another calendar window), or only a minimum.`,
            { node: rule, keyword: 'default' });
    }
}

/** A target per plan and a promise on every item have no Service Level Defaults: false (reported) for them. */
function onePromise(objective: Objective, at: MinimumLevel | DefaultRule, accept: ValidationAcceptor): boolean {
    if (objective.planTargets) {
        report(accept, 'service-level-default',
            `A target per plan has no Minimum Service Level or default rule here: which plan's would it be? Promise each plan's level in an objective of its own, on a KPI of that plan's rows (\`where plan = "Premium"\`), with its minimum.`,
            { node: at });
        return false;
    }
    if (objective.items) {
        report(accept, 'service-level-default',
            `A promise on every item ('objective each') counts the items that fail; it has no Minimum Service Level or default rule. Promise the share of items on time in an objective with a minimum instead.`,
            { node: at });
        return false;
    }
    return true;
}

/**
 * `default : 40% of at-risk amount`: paid in the windows that are Service Level Defaults of the
 * credit's objective (same KPI and window), which must define them; once per table, beside a
 * `missed` tier at most (a threshold tier would overlap it: a default month is also below some
 * threshold) paying no more than it, and not in a plan's table (a target per plan has no defaults).
 */
function checkDefaultTier(tier: CreditTier, accept: ValidationAcceptor): void {
    if (!tier.condition?.default) return;
    const at = { node: tier, property: 'condition' };
    const table = tier.$container;
    if (isPlanCreditTiers(table)) {
        report(accept, 'service-level-default', `A plan's credit table follows a target per plan, which has no Service Level Defaults: pay upon a default in a credit without plan tables, on an objective with a minimum.`, at);
        return;
    }
    const tiers = table.tiers;
    if (tiers.filter(candidate => candidate.condition?.default).indexOf(tier) > 0) {
        report(accept, 'duplicate-entry', `A second 'default' tier: a default earns one credit. Keep one 'default' tier.`, at);
        return;
    }
    const threshold = tiers.find(candidate => candidate.condition && !candidate.condition.default && !candidate.condition.missed);
    if (threshold) {
        report(accept, 'service-level-default',
            `A 'default' tier pays upon a Service Level Default, and '${threshold.condition.$cstNode?.text ?? ''}' on a value: a default window with a value below it would fit both. Pay upon a default alone, or beside a 'missed' tier ('missed : 2% of fee').`,
            at);
        return;
    }
    // A default is a worse breach than a missed window: it must earn at least as much.
    const missed = tiers.find(candidate => candidate.condition?.missed);
    const [paid, paidWhenMissed] = [amountValue(tier.amount), amountValue(missed?.amount)];
    if (missed && paid && paidWhenMissed && paid.kind === paidWhenMissed.kind && paid.value < paidWhenMissed.value) {
        report(accept, 'credit-cap',
            `A Service Level Default is a worse breach than a missed window but earns a smaller credit (${quote(tier.amount)} instead of ${quote(missed.amount)}): a default window pays the 'default' tier only. Worse service must earn at least as much.`,
            { node: tier, property: 'amount' });
    }
    const credit = table;
    const objective = matchingObjective(credit);
    if (objective && !objective.minimum && !objective.defaultRule) {
        const kpi = credit.kpi?.$refText ?? '';
        report(accept, 'service-level-default',
            `The objective on '${kpi}' ${objective.window?.$cstNode?.text ?? ''} defines no Service Level Default, so this tier never pays. Add a minimum (', minimum 99.5%') or a default rule (', default when breached in 3 of any 12 consecutive windows') to the objective.`,
            at);
    }
    // No objective at all: the credit's own check says so (sla/credit-without-objective).
}
