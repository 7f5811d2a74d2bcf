/**
 * How one version of a member departs from another, from the customer's side: a client's member
 * against its template's (client-resolution.ts), a new version of an agreement against the old
 * one (diff/agreement-diff.ts). Tightened: the customer is promised more; loosened: less;
 * replaced: another promise, or both at once.
 */
import { terminationRule } from '@sla/engine';
import type { AstNode } from 'langium';
import {
    isCalendar, isClause, isCredit, isCreditsCap, isDataset, isExclusion, isInternalTarget, isKpi, isMaintenance, isObjective, isService, isTermination,
    type CreditsCap, type InternalTarget, type Objective, type Quantity, type Termination
} from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { windowKey } from './windows.js';
import { termText } from './objective-term.js';
import { countText, hasCount } from './template-parameters.js';
import { unitChange, unitKind } from './unit-kinds.js';

export interface Verdict {
    kind: 'tightened' | 'loosened' | 'replaced';
    text: string;
    /**
     * The new version writes a bare number where the old one had a unit (`>= 99.9` or `>= 0.999`
     * for `>= 99.9%`): not comparable, and not a promise anyone can measure until it is fixed
     * (sla/unit-missing). `sla diff` counts it as loosening a promise.
     */
    unitMissing?: boolean;
}

/** A quantity's value in effect: a template's parameter takes the client's argument (client-resolution.ts); undefined when it has none. */
export type EffectiveQuantity = (quantity: Quantity) => { value: number; unit: string | undefined; text: string } | undefined;

/** A quantity as written. */
export const asWritten: EffectiveQuantity = quantity => ({ value: quantityValue(quantity).value, unit: quantity.unit, text: quantityText(quantity) });

/** How a reader names a member: `objective Hosting.P1Response`, `calendar SupportHours`, `service Mail`. */
export function memberName(node: AstNode, service: string | undefined): string | undefined {
    const prefix = service ? `${service}.` : '';
    if (isCreditsCap(node)) return service ? `credits cap of ${service}` : 'credits cap';
    if (isObjective(node)) return `objective ${prefix}${node.kpi?.$refText ?? ''}`;
    if (isInternalTarget(node)) return `internal target ${prefix}${node.kpi?.$refText ?? ''}`;
    if (isCredit(node)) return `credit ${prefix}${node.kpi?.$refText ?? ''}`;
    const name = (node as { name?: string }).name;
    if (!name) return undefined;
    const kind = isService(node) ? 'service' : isKpi(node) ? 'kpi' : isCalendar(node) ? 'calendar' : isMaintenance(node) ? 'maintenance'
        : isDataset(node) ? 'dataset' : isClause(node) ? 'clause' : isExclusion(node) ? 'exclusion' : isTermination(node) ? 'termination' : undefined;
    return kind ? `${kind} ${isService(node) ? '' : prefix}${name}` : undefined;
}

export function quantityText(quantity: Quantity): string {
    return quantity.$cstNode?.text.replace(/\s+/g, ' ') ?? (quantity.unit ? `${quantity.value} ${quantity.unit}` : String(quantity.value));
}

/**
 * A client's termination right against the template's of the same name, from the customer's
 * side: it fires when N of M consecutive windows are breached, and the customer then has D days
 * to give notice. More breaches needed, fewer other windows allowed among them, or less time to
 * give notice is looser (the right fires in fewer cases, or is harder to use); the opposite is
 * tighter; both at once, or another KPI, replaced. Undefined when equal.
 */
export function compareTerminations(template: Termination, client: Termination): Verdict | undefined {
    const rule = (node: Termination): string => `${node.count === undefined ? '…' : terminationRule(node.count, node.span)}${node.notice ? `, notice within ${quantityText(node.notice)}` : ''}`;
    const before = rule(template);
    const after = rule(client);
    const text = `${after} instead of ${before}`;
    const judged = (node: Termination): string => (node.anyObjective ? 'any objective' : node.anyOf.length > 0 ? `any of ${node.anyOf.map(reference => reference.$refText).join(', ')}` : node.kpi?.$refText ?? '?');
    // The same promises: the same KPIs (by what they name: `Uptime` and `Hosting.Uptime` may be one; `any of Uptime` is `Uptime`;
    // two versions of a file name one KPI by two nodes), or any objective for both.
    const listed = (node: Termination) => [...new Set((node.anyOf.length > 0 ? node.anyOf : [node.kpi]).map(kpiKey))];
    const samePromises = Boolean(template.anyObjective) === Boolean(client.anyObjective)
        && listed(template).length === listed(client).length && listed(template).every(kpi => listed(client).includes(kpi));
    if (!samePromises) return { kind: 'replaced', text: `on ${judged(client)} instead of ${judged(template)}` };
    // Service Level Defaults counted instead of breaches, or the other way round: another right.
    if (Boolean(template.defaults) !== Boolean(client.defaults)) return { kind: 'replaced', text: `${client.defaults ? 'defaults' : 'breaches'} counted instead of ${template.defaults ? 'defaults' : 'breaches'}` };
    // +1: harder for the customer (looser), −1: easier (tighter), per aspect.
    const noticeDays = (node: Termination): number => (node.notice ? quantityValue(node.notice).value : 0);
    const [noticeBefore, noticeAfter] = [noticeDays(template), noticeDays(client)];
    const aspects = [...countRuleAspects(template, client), ...(noticeBefore === noticeAfter ? [] : [noticeAfter > noticeBefore ? -1 : 1])];
    if (aspects.length === 0) return before === after ? undefined : { kind: 'replaced', text };
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text };
    return { kind: 'replaced', text };
}

/** A KPI a reference names, by its service and name (`Hosting.Uptime`); as written when it names none. */
function kpiKey(reference: { ref?: AstNode; $refText: string } | undefined): string | undefined {
    const kpi = reference?.ref;
    if (!isKpi(kpi)) return reference?.$refText;
    const service = isService(kpi.$container) ? kpi.$container.name : undefined;
    return service ? `${service}.${kpi.name}` : kpi.name;
}

/** Tightened or loosened (same comparison direction), else replaced; undefined when equal. */
export function compareTargets(
    templateTarget: { value: number; text: string } | undefined, templateNode: Objective | InternalTarget,
    clientTarget: Quantity | undefined, clientNode: Objective | InternalTarget,
    /** What a target per plan, or no target, is said to be replaced by. */
    replacedBy = 'replaced by the client\'s own'
): Verdict | undefined {
    if (!templateTarget || !clientTarget || templateNode.planTargets || clientNode.planTargets) {
        return { kind: 'replaced', text: replacedBy };
    }
    const chosen = quantityValue(clientTarget).value;
    // A minimum sample is named when it differs: `8 with at least 200 tickets instead of 8 with at least 20 tickets`.
    const sampleText = (node: Objective | InternalTarget): string => (node.minimumSample ? ` with at least ${countText(node.minimumSample, 'rows')} ${node.minimumSample.dataset}`
        + (hasCount(node.minimumSample, 'allowed') ? `, else at most ${countText(node.minimumSample, 'allowed')} failing` : '') : '');
    const samplesDiffer = sampleText(templateNode) !== sampleText(clientNode);
    const termOf = (node: Objective | InternalTarget): string => `${isObjective(node) ? termText(node) : ''}${samplesDiffer ? sampleText(node) : ''}`;
    const before = termOf(templateNode);
    const after = termOf(clientNode);
    // The comparisons are named when they differ (`> 99.9 % instead of >= 99.9 %`).
    const comparisonOf = (node: Objective | InternalTarget): string => (templateNode.comparison !== clientNode.comparison && node.comparison ? `${node.comparison} ` : '');
    const text = `${comparisonOf(clientNode)}${quantityText(clientTarget)}${after} instead of ${comparisonOf(templateNode)}${templateTarget.text}${before}`;
    // `99.9` or `0.999` for `99.9%`, `4 business days` for `4 hours`: other numbers, not a stricter or looser target.
    const units = templateNode.target ? unitChange(templateNode.target, clientTarget, 'target') : undefined;
    if (units) return { kind: 'replaced', text: `${text} — ${units.text}, not comparable`, ...(units.missing ? { unitMissing: true } : {}) };
    const direction = (op: string | undefined) => op === '>=' || op === '>' ? 1 : op === '<=' || op === '<' ? -1 : 0;
    if (direction(templateNode.comparison) !== direction(clientNode.comparison) || direction(clientNode.comparison) === 0) return { kind: 'replaced', text };
    // +1: the customer is promised less (looser), −1: more (tighter), per aspect: the target, the day
    // the promise comes into force, and its Service Level Defaults.
    const aspects: number[] = [];
    if (chosen !== templateTarget.value) aspects.push((direction(clientNode.comparison) > 0 ? chosen > templateTarget.value : chosen < templateTarget.value) ? -1 : 1);
    // `> 99.9%` against `>= 99.9%`: the strict comparison also breaches on the target itself, so it promises more.
    else if (templateNode.comparison !== clientNode.comparison) aspects.push(clientNode.comparison === '>' || clientNode.comparison === '<' ? -1 : 1);
    const steps = stepAspects(templateNode, clientNode, direction(clientNode.comparison) > 0);
    if (steps === undefined) return { kind: 'replaced', text };
    aspects.push(...steps);
    const inForce = (node: Objective | InternalTarget): string => (isObjective(node) ? node.inForceFrom ?? '' : '');
    // In force later: the customer is promised nothing in the meantime.
    if (inForce(clientNode) !== inForce(templateNode)) aspects.push(inForce(clientNode) > inForce(templateNode) ? 1 : -1);
    if (isObjective(templateNode) && isObjective(clientNode)) aspects.push(...defaultAspects(templateNode, clientNode, direction(clientNode.comparison) > 0), ...improvementAspects(templateNode, clientNode));
    const sample = sampleAspects(templateNode, clientNode);
    if (sample === undefined) return { kind: 'replaced', text };
    aspects.push(...sample);
    if (aspects.length === 0) return undefined;
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text };
    return { kind: 'replaced', text };
}

/**
 * The steps over the term (`, >= 99.95% from 2026-07-01`) by value, step by step: a higher target
 * (for `>=`) promises more from that day — tighter (−1), a lower one looser (+1); `99.95%` is
 * `99.95 %`. Undefined when the schedules differ in their days, their comparisons or the kind of
 * their targets: another schedule of targets, a replacement.
 */
function stepAspects(template: Objective | InternalTarget, client: Objective | InternalTarget, higherIsBetter: boolean): number[] | undefined {
    const [was, is] = [isObjective(template) ? template.steps : [], isObjective(client) ? client.steps : []];
    if (was.length !== is.length) return undefined;
    const aspects: number[] = [];
    for (const [index, before] of was.entries()) {
        const after = is[index]!;
        const comparison = (step: typeof before, objective: Objective | InternalTarget) => step.comparison ?? objective.comparison;
        if (before.from !== after.from || comparison(before, template) !== comparison(after, client) || !before.target || !after.target) return undefined;
        // A template's parameter (`>= later from …`, in `sla diff` of a catalogue) compares by its name.
        if (before.target.parameter || after.target.parameter) {
            if (before.target.parameter?.$refText !== after.target.parameter?.$refText) return undefined;
            continue;
        }
        if (unitKind(before.target) !== unitKind(after.target)) return undefined;
        const [a, b] = [quantityValue(before.target).value, quantityValue(after.target).value];
        if (a !== b) aspects.push((higherIsBetter ? b > a : b < a) ? -1 : 1);
    }
    return aspects;
}

/**
 * `with at least N tickets`: a window with fewer rows is insufficient data, never breached. More
 * rows needed, or a minimum added, leaves more windows unjudged — looser (+1); fewer, or none,
 * tighter (−1). `, else at most M failing` judges those windows by their failing items: more
 * allowed is looser, the rule added (thin windows judged, not left out) tighter, removed looser.
 * Undefined when the two count rows of different datasets: another promise.
 */
function sampleAspects(template: Objective | InternalTarget, client: Objective | InternalTarget): number[] | undefined {
    const [was, is] = [template.minimumSample, client.minimumSample];
    if (!was && !is) return [];
    if (!was) return [1];
    if (!is) return [-1];
    if (was.dataset !== is.dataset) return undefined;
    const aspects: number[] = [];
    if (was.rows !== undefined && is.rows !== undefined && was.rows !== is.rows) aspects.push(is.rows > was.rows ? 1 : -1);
    const [allowedBefore, allowedAfter] = [hasCount(was, 'allowed'), hasCount(is, 'allowed')];
    if (allowedBefore !== allowedAfter) aspects.push(allowedAfter ? -1 : 1);
    else if (was.allowed !== undefined && is.allowed !== undefined && was.allowed !== is.allowed) aspects.push(is.allowed > was.allowed ? 1 : -1);
    return aspects;
}

/**
 * A client's Service Level Defaults against the template's, from the customer's side: a lower
 * minimum (for `>=`), none, a rule that needs more missed windows or leaves less slack among them,
 * or none, means fewer defaults — looser; the opposite tighter. +1 looser, −1 tighter, per aspect.
 */
function defaultAspects(template: Objective, client: Objective, higherIsBetter: boolean): number[] {
    const aspects: number[] = [];
    const minimum = (node: Objective): number | undefined => (node.minimum?.target ? quantityValue(node.minimum.target).value : undefined);
    const [before, after] = [minimum(template), minimum(client)];
    if (before !== after) aspects.push(after === undefined ? 1 : before === undefined ? -1 : (higherIsBetter ? after < before : after > before) ? 1 : -1);
    const [was, is] = [template.defaultRule, client.defaultRule];
    if (was && !is) aspects.push(1);
    else if (!was && is) aspects.push(-1);
    else if (was && is) aspects.push(...countRuleAspects(was, is));
    return aspects;
}

/**
 * A client's Continuous Improvement against the template's, from the customer's side: none, the
 * mean of more windows (a lower mean of the best) or a smaller yearly limit raise the target less —
 * looser; the opposite tighter. +1 looser, −1 tighter, per aspect.
 */
function improvementAspects(template: Objective, client: Objective): number[] {
    const [was, is] = [template.improvement, client.improvement];
    if (!was && !is) return [];
    if (!is) return [1];
    if (!was) return [-1];
    const aspects: number[] = [];
    if (was.best !== undefined && is.best !== undefined && was.best !== is.best) aspects.push(is.best > was.best ? 1 : -1);
    const limit = (rule: typeof was): number => (rule.limit ? quantityValue(rule.limit).value : Infinity);
    if (limit(was) !== limit(is)) aspects.push(limit(is) < limit(was) ? 1 : -1);
    return aspects;
}

/**
 * A rule of N (of any M) consecutive windows — a termination right's or a default rule's — against
 * the template's: it fires in fewer cases with more windows N or less slack M − N (windows not
 * breached among them): N2 ≥ N1 and M2 − N2 ≤ M1 − N1 means every run that fires the client's fires
 * the template's. +1 looser (fewer cases), −1 tighter, per aspect that differs.
 */
function countRuleAspects(template: { count?: number; span?: number }, client: { count?: number; span?: number }): number[] {
    if (template.count === undefined || client.count === undefined) return [];
    const [before, after] = [(template.span ?? template.count) - template.count, (client.span ?? client.count) - client.count];
    return [
        ...(client.count === template.count ? [] : [client.count > template.count ? 1 : -1]),
        ...(after === before ? [] : [after < before ? 1 : -1])
    ];
}

/** `capped at 12% of fee per calendar month, capped at …, pool 250%`, with the values in effect. */
export function capsText(node: CreditsCap, effective: EffectiveQuantity): string {
    const caps = node.caps.map(cap => {
        const amount = cap.amount?.amount ? effective(cap.amount.amount) : undefined;
        return `capped at ${amount?.text ?? '?'}${cap.amount?.ofFee ? ' of fee' : ''}${cap.window?.$cstNode ? ` ${cap.window.$cstNode.text.replace(/\s+/g, ' ')}` : ''}`;
    });
    // The pool bounds the allocations, not the money: a client's other pool is a replaced term (compareCreditsCaps).
    const pool = node.pool ? effective(node.pool) : undefined;
    return [...caps, ...(pool ? [`pool ${pool.text}`] : [])].join(', ');
}

/**
 * A client's cap on all credits together against the template's, from the customer's side,
 * period by period: a lower cap, or a period the template does not cap, lets the customer
 * get less (looser); a higher one, or a period no longer capped, more (tighter). A share of
 * the fee against money cannot be compared here: replaced (compareCreditsCapsThroughFee,
 * credits-caps-in-money.ts, compares them in money when the fee allows). Undefined when equal.
 */
export function compareCreditsCaps(template: CreditsCap, client: CreditsCap, effective: EffectiveQuantity): Verdict | undefined {
    const byPeriod = (node: CreditsCap) => new Map(node.caps.flatMap(cap => {
        const key = cap.window ? windowKey(cap.window) : undefined;
        const amount = cap.amount?.amount ? effective(cap.amount.amount) : undefined;
        if (key === undefined || amount === undefined) return [];
        // `12% of fee` and `12%` are one kind; money by its currency.
        const kind = cap.amount!.ofFee || amount.unit === '%' ? '% of fee' : amount.unit ?? '';
        return [[key, { kind, value: amount.value }] as const];
    }));
    const before = byPeriod(template);
    const after = byPeriod(client);
    const text = `${capsText(client, effective)} instead of ${capsText(template, effective)}`;
    // +1: the customer may get less (looser), −1: more (tighter), 0: not comparable.
    const aspects: number[] = [];
    for (const key of new Set([...before.keys(), ...after.keys()])) {
        const was = before.get(key);
        const now = after.get(key);
        if (was === undefined) aspects.push(1);
        else if (now === undefined) aspects.push(-1);
        else if (was.kind !== now.kind) aspects.push(0);
        else if (was.value !== now.value) aspects.push(now.value < was.value ? 1 : -1);
    }
    if (aspects.length === 0) return capsText(template, effective) === capsText(client, effective) ? undefined : { kind: 'replaced', text };
    if (aspects.every(aspect => aspect > 0)) return { kind: 'loosened', text };
    if (aspects.every(aspect => aspect < 0)) return { kind: 'tightened', text };
    return { kind: 'replaced', text };
}
