/** Exclusions, termination rights, procedural clauses and plans in plain language (hovers and `sla explain`). */
import { escapeMarkdown as md } from '@sla/engine';
import { AstUtils } from 'langium';
import {
    isAgreement, isInternalTarget, isObjective, isService, type Exclusion, type InternalTarget, type Objective, type Plan,
    type PlanChoice, type PlanList, type PlanTarget, type Termination
} from '../generated/ast.js';
import { declaredPlans, planChoiceFor } from '../model/plans.js';
import { countText, hasCount } from '../model/template-parameters.js';
import { promisesInTerminationScope, promisesOfAnyOf, promisesOnTerminationKpi, windowKindIs } from '../model/terminations.js';
import { expressionText, joinList } from './expression-text.js';
import { comparisonWords, perWindowPhrase, quantityText } from './wording.js';

/** Who an exclusion covers: its service, or the whole agreement. */
function exclusionScope(node: Exclusion): string {
    const service = AstUtils.getContainerOfType(node, isService);
    return service ? `the service ${service.name}` : 'the agreement';
}

export function exclusionMarkdown(node: Exclusion): string {
    const head = `**Exclusion ${node.name}**: "${md(node.text ?? '')}"`;
    if (node.selection?.value) {
        // expressionText escapes Markdown itself: escaped again, `other_outages` read `other\\\_outages` in the rendered text.
        const rows = `${expressionText(node.selection.value)}${node.selection.condition ? ` where ${expressionText(node.selection.condition)}` : ''}`;
        return `${head} Rows of ${rows} do not count: every KPI of ${exclusionScope(node)} that reads them leaves them out (an outage among them is no downtime). The report counts them per window.`;
    }
    if (node.maintenance) {
        const cap = node.cap ? `, at most ${quantityText(node.cap.amount)} ${perWindowPhrase(node.cap.window)}: maintenance beyond that in the same window counts as ordinary time, downtime in it included` : '';
        if (node.countedAsAvailable) {
            return `${head} The time of the maintenance ${node.maintenance.$refText} counts as available in every uptime measured by the KPIs of ${exclusionScope(node)}: an outage during it is no downtime, and the time stays eligible time (the uptime is over the whole window)${cap}. The report shows the time counted as available per window.`;
        }
        return `${head} The time of the maintenance ${node.maintenance.$refText} is left out of every uptime measured by the KPIs of ${exclusionScope(node)}: neither downtime nor eligible time${cap}. The report shows the time taken out per window.`;
    }
    return `${head} A declared term the data cannot show: nothing is taken out for it when the agreement is evaluated, and the report lists it, so that a claim invoking it is judged on the facts, outside the numbers.`;
}

/** `termination Chronic "…" when Availability is breached in 3 consecutive windows, notice within 60 days`. */
export function terminationMarkdown(node: Termination): string {
    const head = `**Termination right ${node.name}**: "${md(node.text ?? '')}"`;
    if (node.defaults) return defaultsMarkdown(node, head);
    if (node.anyObjective) return anyObjectiveMarkdown(node, head);
    if (node.anyOf.length > 0) return anyOfMarkdown(node, head);
    const kpi = node.kpi?.$refText ?? '…';
    const objective = promiseOf(node);
    const windows = objective?.window ? perWindowPhrase(objective.window).replace(/^per /, '') : 'window';
    const plural = `${windows}s`;
    const rule = `${kpi} is breached in ${countRule(node, plural)}`;
    const notice = node.notice ? ` The customer's notice is due within ${quantityText(node.notice)} after the end of the ${windows} that fires it.` : '';
    return `${head} The right fires when ${rule}${objective?.scope ? `, separately for each ${objective.scope.$refText}` : ''}. A window counts when it is over and breached for good; one without data is not breached. The report says whether it fired, when, and whether one more breached ${windows} would fire it.${notice}`;
}

/** `when Availability defaults in 3 of any 12 consecutive windows`: Service Level Defaults counted (§ 9.4), not breaches. */
function defaultsMarkdown(node: Termination, head: string): string {
    const objectives = node.anyObjective ? promisesInTerminationScope(node).filter(objective => windowKindIs(objective, 'calendar'))
        : node.anyOf.length > 0 ? promisesOfAnyOf(node).flatMap(({ objective }) => (objective ? [objective] : []))
        : [promiseOf(node)].filter((objective): objective is Objective => objective !== undefined);
    const window = objectives.find(objective => objective.window)?.window;
    const windows = window ? perWindowPhrase(window).replace(/^per /, '') : 'window';
    const names = [...new Set(objectives.filter(objective => objective.minimum || objective.defaultRule).map(objective => objective.kpi?.$refText ?? '…'))];
    const who = node.anyObjective || node.anyOf.length > 0 ? `any of ${joinList(names)}` : node.kpi?.$refText ?? '…';
    const rule = countRule(node, `${windows}s`);
    const notice = node.notice ? ` The customer's notice is due within ${quantityText(node.notice)} after the end of the ${windows} that fires it.` : '';
    return `${head} The right fires when ${who} is in Service Level Default in ${rule}: a ${windows} counts when it is over and a default for good (missing the minimum, or by the objective's default rule); one that open rows could still make or unmake is not known yet. The report says whether it fired, when, and whether one more default would fire it.${notice}`;
}

/** `when any objective is breached …`: which promises count, and what makes a window breached. */
function anyObjectiveMarkdown(node: Termination, head: string): string {
    const promises = promisesInTerminationScope(node);
    const calendar = promises.filter(objective => windowKindIs(objective, 'calendar'));
    const rolling = promises.filter(objective => windowKindIs(objective, 'rolling'));
    const window = calendar[0]?.window;
    const windows = window ? perWindowPhrase(window).replace(/^per /, '') : 'window';
    const names = [...new Set(calendar.map(objective => objective.kpi?.$refText ?? '…'))];
    const rule = countRule(node, `${windows}s`);
    const notice = node.notice ? ` The customer's notice is due within ${quantityText(node.notice)} after the end of the ${windows} that fires it.` : '';
    const where = AstUtils.getContainerOfType(node, isService) ? 'this service' : 'the agreement';
    return `${head} The right fires when any promise of ${where} is breached in ${rule}: a ${windows} counts when ${names.length === 1 ? names[0] : `at least one of ${names.join(', ') || 'its promises'}`} is breached in it for good (for any value of a \`for each\`); one without data is not breached.`
        + `${rolling.length > 0 ? ` Promises with a rolling window (${rolling.map(objective => objective.kpi?.$refText ?? '…').join(', ')}) are not counted.` : ''} The report says whether it fired, when, and whether one more breached ${windows} would fire it.${notice}`;
}

/** `when any of A, B is breached …`: the promises listed, and what makes a window breached. */
function anyOfMarkdown(node: Termination, head: string): string {
    const promises = promisesOfAnyOf(node);
    const window = promises.find(promise => promise.objective?.window)?.objective?.window;
    const windows = window ? perWindowPhrase(window).replace(/^per /, '') : 'window';
    const rule = countRule(node, `${windows}s`);
    const notice = node.notice ? ` The customer's notice is due within ${quantityText(node.notice)} after the end of the ${windows} that fires it.` : '';
    return `${head} The right fires when the promise on any of ${joinList(promises.map(promise => promise.kpi))} is breached in ${rule}: a ${windows} counts when at least one of them is breached in it for good (for any value of a \`for each\`), once however many are; one without data is not breached. The report says whether it fired, when, and whether one more breached ${windows} would fire it.${notice}`;
}

/** The objective whose windows a termination right judges: the one on its KPI with a calendar window. */
function promiseOf(node: Termination): Objective | undefined {
    return promisesOnTerminationKpi(node).find(objective => windowKindIs(objective, 'calendar'));
}

export function proceduralClauseSentence(): string {
    return 'A procedural clause: a procedure or the provider\'s conduct (claims, notices, efforts), not a level of service, so nothing measures it; its standard of effort is a term of art, not a vague promise.';
}

export function planListMarkdown(node: PlanList): string {
    const names = node.plans.map(plan => plan.title ? `${plan.name} (${md(plan.title)})` : plan.name);
    const choice = planChoiceFor(node);
    return `**Plans**: ${joinList(names)}. ${choice ? choiceSentence(choice) : 'No line says which plan applies: add `plan <Name>`, or `plan from <field>` when each row names its plan.'}`;
}

export function planChoiceMarkdown(node: PlanChoice): string {
    return `**Plan**: ${choiceSentence(node)}`;
}

function choiceSentence(node: PlanChoice): string {
    const where = AstUtils.getContainerOfType(node, isService)?.name;
    const subject = where ? `The service ${where}` : 'The agreement';
    if (node.field) return `Each row names its plan in the field \`${node.field.$refText}\`: a target given per plan is judged, for each plan, on the rows of that plan.`;
    return `${subject} is under the plan ${node.plan?.$refText ?? '(missing)'}: where a target is given per plan, that plan's applies.`;
}

/** The target of each plan, for an objective or internal target written `by plan { … }`. */
export function planTargetsSentence(statement: Objective | InternalTarget): string {
    const lines = statement.planTargets?.targets ?? [];
    const targets = lines.map(line => `${line.plan?.$refText ?? '?'} — ${planTargetText(line)}`);
    const choice = planChoiceFor(statement);
    const applies = !choice ? ' No line says which plan applies.'
        : choice.field ? ` Each plan's target is judged on the rows whose \`${choice.field.$refText}\` names that plan.`
            : ` The plan in effect is ${choice.plan?.$refText ?? '(missing)'}: ${lines.find(line => line.plan?.ref && line.plan.ref === choice.plan?.ref) ? planTargetText(lines.find(line => line.plan?.ref === choice.plan?.ref)!) : 'no target is written for it'}.`;
    return `Per plan: ${targets.join('; ')}.${applies}`;
}

function planTargetText(line: PlanTarget): string {
    return line.none ? 'no promise' : `${comparisonWords(line.comparison)} ${quantityText(line.target)}`;
}

/** A plan's hover: its target in every `by plan` of the agreement. */
export function planMarkdown(plan: Plan): string {
    const agreement = AstUtils.getContainerOfType(plan, isAgreement);
    const statements = agreement ? AstUtils.streamAllContents(agreement).filter((node): node is Objective | InternalTarget => (isObjective(node) || isInternalTarget(node)) && node.planTargets !== undefined).toArray() : [];
    const lines = statements.map(statement => {
        const line = statement.planTargets!.targets.find(target => target.plan?.ref === plan);
        const kind = isInternalTarget(statement) ? 'internal target ' : '';
        return `- ${kind}${statement.kpi?.$refText ?? '?'}: ${line ? planTargetText(line) : 'no line for this plan'}`;
    });
    const plans = declaredPlans(agreement).map(p => p.name);
    return [`**Plan ${plan.name}**${plan.title ? ` — ${md(plan.title)}` : ''} (one of ${joinList(plans)})`, ...(lines.length > 0 ? ['', ...lines] : [])].join('\n');
}

/** `3 consecutive months`, `4 of any 12 consecutive months`: the rule of a termination right (a template's parameters by name). */
function countRule(node: Termination, windows: string): string {
    return hasCount(node, 'span')
        ? `${countText(node, 'count')} of any ${countText(node, 'span')} consecutive ${windows}`
        : `${countText(node, 'count')} consecutive ${windows}`;
}
