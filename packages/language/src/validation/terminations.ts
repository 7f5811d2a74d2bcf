import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isService, type DefaultRule, type Kpi, type Objective, type SlaAstType, type Termination } from '../generated/ast.js';
import { promisesInTerminationScope, promisesOfAnyOf, promisesOnTerminationKpi, windowKindIs } from '../model/terminations.js';
import { windowKey } from '../model/windows.js';
import { checkWholeDays } from './quantities.js';
import { report, type Location } from './report.js';

/**
 * Termination rights on chronic failure (`termination … when K is breached in 3 consecutive
 * windows`): they judge the windows of the one objective on K with a calendar window (or, `when
 * any objective is breached`, of every promise in their scope, all with one calendar window),
 * count whole windows, and give the customer's notice in whole days.
 */
export function terminationChecks(): ValidationChecks<SlaAstType> {
    return {
        Termination: (node, accept) => {
            checkCounts(node, accept);
            checkNotice(node, accept);
            checkObjective(node, accept);
            checkDefaultsDefined(node, accept);
        }
    };
}

function checkCounts(node: Termination, accept: ValidationAcceptor): void {
    checkConsecutiveCounts(node, 'A termination right', "'breached in 3 consecutive windows'", "'4 of any 12 consecutive windows'", accept);
}

/**
 * `in N (of any M) consecutive windows` — of a termination right or a default rule: N and M whole,
 * 1 ≤ N ≤ M (`sla/range-invalid`, with the examples given). False when reported.
 */
export function checkConsecutiveCounts(node: Termination | DefaultRule, subject: string, example: string, spanExample: string, accept: ValidationAcceptor): boolean {
    const whole = (value: number | undefined): boolean => value !== undefined && Number.isInteger(value) && value >= 1;
    if (node.count !== undefined && !whole(node.count)) {
        report(accept, 'range-invalid', `${subject} counts whole breached windows, at least one: write e.g. ${example}, not ${node.count}.`, { node, property: 'count' });
        return false;
    }
    if (node.span !== undefined && (!whole(node.span) || (node.count !== undefined && node.span < node.count))) {
        report(accept, 'range-invalid',
            `'${node.count} of any ${node.span} consecutive windows' cannot hold: the windows looked at together are a whole number at least the breached ones (e.g. ${spanExample}).`,
            { node, property: 'span' });
        return false;
    }
    return true;
}

/** `notice within 60 days`: whole days or weeks after the end of the window that fires the right. */
function checkNotice(node: Termination, accept: ValidationAcceptor): void {
    checkWholeDays(node.notice, 'after the end of the window that fires the right', written =>
        `The customer's notice counts whole calendar days after the window that fires the right: write e.g. 'notice within 60 days' or '8 weeks', not ${written}.`, accept);
}

/**
 * `when any objective is breached`: the promises in the right's scope with a calendar window, all
 * with the same one (a month and a quarter have no common "consecutive windows"); promises with a
 * rolling window are not counted, which the writer is told.
 */
function checkAnyObjective(node: Termination, accept: ValidationAcceptor): void {
    const promises = promisesInTerminationScope(node);
    const calendar = promises.filter(objective => windowKindIs(objective, 'calendar'));
    const where = AstUtils.getContainerOfType(node, isService) ? 'this service' : 'the agreement';
    if (calendar.length === 0) {
        report(accept, 'termination-rule',
            `No promise of ${where} has a calendar window: there is nothing 'any objective' could breach in consecutive windows. Promise something per calendar month (or week, quarter).`,
            { node, keyword: 'any' });
        return;
    }
    const windows = [...new Set(calendar.map(objective => windowKey(objective.window)).filter((key): key is string => key !== undefined))];
    if (windows.length > 1) {
        report(accept, 'termination-rule',
            `The promises of ${where} are measured ${windows.map(window => `per ${window}`).join(' and ')}: which windows are consecutive? 'any objective' needs one calendar window for all of them; write the right on one KPI instead ('when Availability is breached …').`,
            { node, keyword: 'any' });
        return;
    }
    const rolling = promises.filter(objective => windowKindIs(objective, 'rolling'));
    if (rolling.length > 0) {
        report(accept, 'termination-rule',
            `Not counted by 'any objective' (rolling windows overlap, so one failure would count again and again): ${rolling.map(objective => `'${objective.kpi?.$refText ?? ''}' ${objective.window?.$cstNode?.text ?? ''}`).join(', ')}.`,
            { node, keyword: 'any' }, { severity: 'info' });
    }
}

/**
 * `when any of A, B is breached`: each KPI listed once, each with its one objective with a
 * calendar window (as for a right on one KPI), all with the same window.
 */
function checkAnyOf(node: Termination, accept: ValidationAcceptor): void {
    const seen = new Set<unknown>();
    node.anyOf.forEach((reference, index) => {
        if (reference.ref && seen.has(reference.ref)) {
            report(accept, 'duplicate-entry', `'${reference.$refText}' is listed twice: a window counts once however many of the listed promises are breached. Keep one.`, { node, property: 'anyOf', index });
        }
        seen.add(reference.ref);
        if (reference.ref) checkOneKpi(node, reference.ref, reference.$refText, { node, property: 'anyOf', index }, accept);
    });
    const windows = new Set(promisesOfAnyOf(node).flatMap(({ objective }) => (objective?.window ? [windowKey(objective.window)] : [])));
    if (windows.size > 1) {
        report(accept, 'termination-rule',
            `The promises on ${node.anyOf.map(reference => `'${reference.$refText}'`).join(', ')} are measured ${[...windows].map(window => `per ${window}`).join(' and ')}: which windows are consecutive? List KPIs promised per the same calendar window.`,
            { node, keyword: 'any' });
    }
}

/** The promise a termination right judges: exactly one objective on its KPI with a calendar window. */
function checkObjective(node: Termination, accept: ValidationAcceptor): void {
    if (node.anyObjective && AstUtils.getContainerOfType(node, isAgreement)) {
        checkAnyObjective(node, accept);
        return;
    }
    if (node.anyOf.length > 0 && AstUtils.getContainerOfType(node, isAgreement)) {
        checkAnyOf(node, accept);
        return;
    }
    if (!node.kpi?.ref || !AstUtils.getContainerOfType(node, isAgreement)) return;
    checkOneKpi(node, node.kpi.ref, node.kpi.$refText, { node, property: 'kpi' }, accept);
}

/** One KPI a right judges (its own, or one of `any of …`): exactly one objective on it with a calendar window. */
function checkOneKpi(node: Termination, kpi: Kpi, name: string, where: Location, accept: ValidationAcceptor): void {
    const objectives = promisesOnTerminationKpi(node, kpi);
    const calendar = objectives.filter(objective => windowKindIs(objective, 'calendar'));
    if (objectives.length === 0) {
        report(accept, 'termination-rule',
            `No objective promises '${name}': there is nothing it could breach. Add e.g. 'objective ${name} >= 99.9% per calendar month', or name the KPI of a promise.`,
            where);
    } else if (calendar.length === 0 && objectives.some(objective => windowKindIs(objective, 'rolling'))) {
        report(accept, 'termination-rule',
            `The objective on '${name}' has a rolling window: its windows overlap (one outage breaches many of them), so 'consecutive windows' would count it again and again. Promise '${name}' per calendar month (or week, quarter) for the termination right.`,
            where);
    } else if (calendar.length > 1 || (calendar.length === 1 && calendar[0]!.planTargets !== undefined)) {
        report(accept, 'termination-rule',
            `'${name}' has ${calendar.length > 1 ? `${calendar.length} objectives with a calendar window` : 'a target per plan'}: which one's breaches count toward the termination right? Keep one promise on '${name}' per calendar window, or define the right on a KPI with one.`,
            where);
    }
}

/**
 * `when … defaults in …`: the right counts Service Level Defaults, so the promises it judges must
 * define them (a minimum or a default rule, § 9.4): a right on one KPI, or each KPI of `any of`,
 * on an objective without them never fires; with `any objective`, those without are not counted.
 */
function checkDefaultsDefined(node: Termination, accept: ValidationAcceptor): void {
    if (!node.defaults || !AstUtils.getContainerOfType(node, isAgreement)) return;
    const defines = (objective: Objective): boolean => Boolean(objective.minimum || objective.defaultRule);
    const advice = "Add a minimum (', minimum 99.5%') or a default rule (', default when breached in 3 of any 12 consecutive windows') to the objective, or count breaches ('is breached in …').";
    if (node.anyObjective) {
        const calendar = promisesInTerminationScope(node).filter(objective => windowKindIs(objective, 'calendar'));
        if (calendar.length > 0 && !calendar.some(defines)) {
            report(accept, 'termination-rule', `No promise the right judges defines a Service Level Default, so it never fires. ${advice}`, { node, keyword: 'defaults' });
        }
        return;
    }
    if (node.anyOf.length > 0) {
        promisesOfAnyOf(node).forEach(({ kpi, objective }, index) => {
            if (objective && !defines(objective)) report(accept, 'termination-rule', `The objective on '${kpi}' defines no Service Level Default: it never counts. ${advice}`, { node, property: 'anyOf', index });
        });
        return;
    }
    const calendar = promisesOnTerminationKpi(node).filter(objective => windowKindIs(objective, 'calendar'));
    if (calendar.length === 1 && !defines(calendar[0]!)) {
        report(accept, 'termination-rule', `The objective on '${node.kpi?.$refText ?? ''}' defines no Service Level Default, so the right never fires. ${advice}`, { node, property: 'kpi' });
    }
}
