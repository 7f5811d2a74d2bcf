/** An objective (or internal target) as one plain sentence, with its error budget. */
import { escapeMarkdown as md } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, isDeployedResources, isInternalTarget, isObjective, isService, isValidity, type InternalTarget, type Kpi, type MinimumLevel, type Objective, type TargetStep, type Uptime } from '../generated/ast.js';
import { scaleOf } from '../types/sla-type.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { agreementContext, zoneNote } from './agreement-context.js';
import { downtimeHint, downtimeSentence, eligibleDowntimeHint, eligibleDowntimeSentence, kpiEligibility } from './error-budget.js';
import { budgetBasis, type BudgetBasis } from './budget-basis.js';
import { judgedDays } from './judged-days.js';
import { joinList } from './expression-text.js';
import { complement, formatNumber, formatOneIn, ordinal, percentFraction, type ExactFraction } from './numbers.js';
import { comparisonWords, missingWords, quantityText, windowPhrase } from './wording.js';
import { planTargetsSentence } from './terms-text.js';
import { writtenPrecision } from '../model/objective-term.js';
import { countText, hasCount } from '../model/template-parameters.js';
import { sliceLengthWords, sliceMs, sliceSentence } from './slice-text.js';

function promiser(node: Objective | InternalTarget): string {
    const service = AstUtils.getContainerOfType(node, isService);
    if (service) return service.name;
    return AstUtils.getContainerOfType(node, isAgreement)?.name ?? 'The agreement';
}

/** The promise sentence without the budget: "WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time)." */
function promiseSentence(objective: Objective | InternalTarget, types: SlaTypeComputer): string {
    const context = agreementContext(objective);
    const kpi = objective.kpi?.$refText || '(no KPI)';
    const scope = objective.scope ? ` for each ${objective.scope.$refText} separately` : '';
    const condition = objective.planTargets ? `${kpi} meets its plan's target` : `${kpi} is ${comparisonWords(objective.comparison)} ${targetText(objective, types)}`;
    if (isInternalTarget(objective)) {
        const owner = objective.owner ? `, owned by ${md(objective.owner)}` : '';
        return `Internal target (not promised to the customer${owner}): ${condition}${scope} ${windowPhrase(objective.window)} ${zoneNote(context)}.`;
    }
    return `${promiser(objective)} promises that ${condition}${scope} ${windowPhrase(objective.window)} ${zoneNote(context)}.`;
}

/**
 * The error budget of a ratio objective with a percentage target: as time, slices or rows when
 * the KPI's value is an uptime, slices or a share of rows (budget-basis.ts), else in the KPI's
 * own percentage points.
 */
function budgetSentence(objective: Objective | InternalTarget, types: SlaTypeComputer): string | undefined {
    const kpi = objective.kpi?.ref;
    if (!kpi || objective.target?.unit !== '%') return undefined;
    if (types.kpiType(kpi).kind !== 'ratio') return undefined;
    const target = percentFraction(objective.target.value);
    if (!target) return undefined;
    const higherIsBetter = objective.comparison === '>=' || objective.comparison === '>';
    const lowerIsBetter = objective.comparison === '<=' || objective.comparison === '<';
    // `> 99.5%`: failing exactly the budget's share is a breach, so the budget is "less than" it.
    const strict = objective.comparison === '>' || objective.comparison === '<';
    const basis = budgetBasis(kpi);
    if (basis?.kind === 'uptime') {
        const downtime = downtimeShare(basis, objective.comparison, target);
        if (!downtime) return undefined;
        // Maintenance or a `during` calendar shrinks the time the percentage is a share of.
        const eligibility = kpiEligibility(kpi);
        // A promise over the term: only the windows this target judges (§ 9.3).
        const judged = judgedDays(objective);
        const budget = eligibility
            ? eligibleDowntimeSentence(objective.window, downtime, agreementContext(objective), eligibility, strict, judged)
            : downtimeSentence(objective.window, downtime, agreementContext(objective), strict, judged);
        // Maintenance counted as available is in the time the budget is a share of, but holds no downtime.
        const available = [...new Set(basis.term.available.map(reference => reference.$refText))];
        const availableSentence = available.length > 0 ? `Outages during ${joinList(available)} are no downtime: that time counts as available.` : undefined;
        return [budget, deployedBudgetSentence(basis.term, objective.scope?.$refText), availableSentence].filter(Boolean).join(' ') || undefined;
    }
    const noun = countedNoun(basis);
    if (!noun) return ownUnitSentence(kpi, objective.comparison, target, basis === undefined);
    const extreme = extremeTarget(objective.comparison, target, noun);
    if (extreme) return extreme.sentence;
    if (higherIsBetter) {
        return `That leaves an error budget of ${strict ? 'fewer than ' : ''}${formatOneIn(complement(target))} ${noun}.`;
    }
    if (lowerIsBetter) {
        return `That is ${strict ? 'fewer than' : 'at most'} ${formatOneIn(target)} ${noun}.`;
    }
    return undefined;
}

/**
 * The share of time an uptime objective allows down: 1 − target for `uptime(…) >= target`,
 * the target for `100% - uptime(…) <= target`; undefined the other way round (`uptime(…) <= 50%`).
 */
function downtimeShare(basis: BudgetBasis & { kind: 'uptime' }, comparison: string | undefined, target: ExactFraction): ExactFraction | undefined {
    const higherIsBetter = comparison === '>=' || comparison === '>';
    const lowerIsBetter = comparison === '<=' || comparison === '<';
    if (higherIsBetter && !basis.complemented) return complement(target);
    if (lowerIsBetter && basis.complemented) return target;
    return undefined;
}

/** What a share of rows or of slices counts: `requests`, `one-minute slices`; undefined for an average of slices or any other formula. */
function countedNoun(basis: BudgetBasis | undefined): string | undefined {
    if (basis?.kind === 'rows') return basis.dataset.name;
    if (basis?.kind !== 'slices' || basis.term.aggregation !== 'share') return undefined;
    const ms = sliceMs(basis.term);
    return ms ? `${sliceLengthWords(ms)} slices` : undefined;
}

/**
 * The budget in the KPI's own percentage points (the report's budget: 1 − target, or the target
 * for `<=`). `formula`: the KPI is no plain uptime, share or slices, and the sentence says why a
 * count of minutes, slices or rows would be wrong (the formula weighs them, `100% - 2 * slices(…)`,
 * or averages percentages); else it is an average of slices, whose budget per slice varies.
 */
function ownUnitSentence(kpi: Kpi, comparison: string | undefined, target: ExactFraction, formula: boolean): string | undefined {
    const higherIsBetter = comparison === '>=' || comparison === '>';
    const lowerIsBetter = comparison === '<=' || comparison === '<';
    if (!higherIsBetter && !lowerIsBetter) return undefined;
    const limit = comparison === '>' || comparison === '<' ? 'less than' : 'at most';
    const budget = higherIsBetter
        ? `That leaves an error budget of ${limit} ${percentagePoints(complement(target))} of ${kpi.name} below 100%`
        : `That leaves an error budget of ${limit} ${percentagePoints(target)} of ${kpi.name} above 0%`;
    return formula
        ? `${budget}: ${kpi.name} is not simply an \`uptime(…)\`, a \`share(…)\` or \`slices(…)\`, so the budget is no amount of downtime, slices or rows.`
        : `${budget}.`;
}

/** 1/1000 → `0.1 percentage points`. */
function percentagePoints(f: ExactFraction): string {
    const points = Number(f.numerator * 100n) / Number(f.denominator);
    return `${formatNumber(points)} percentage point${points === 1 ? '' : 's'}`;
}

/**
 * A ratio target of 0% or 100%, where "at most 0 in 1 requests" or "fewer than 1 in 1" says nothing a
 * reader can use: none may miss, not every one may, always met, never met.
 */
function extremeTarget(comparison: string | undefined, target: ExactFraction, noun: string): { sentence: string; hint: string } | undefined {
    const zero = target.numerator === 0n;
    const whole = target.numerator === target.denominator;
    if (!zero && !whole) return undefined;
    const always = { sentence: 'Every value meets it: the objective is met in every window with data.', hint: 'always met' };
    const never = { sentence: 'No value can meet it: the objective is breached in every window with data.', hint: 'never met' };
    switch (comparison) {
        // A share of good ones: what may miss is the rest.
        case '>=': return whole ? { sentence: `That leaves no error budget: not a single one of the ${noun} may miss.`, hint: `no ${noun} may miss` } : always;
        case '>': return whole ? never : { sentence: `That leaves an error budget of all but one: not every one of the ${noun} may miss.`, hint: `not all ${noun} may miss` };
        // A share of bad ones (an error rate): the target is what may be counted.
        case '<=': return zero ? { sentence: `That allows none of the ${noun} at all: a single one counted breaches it.`, hint: `no ${noun} at all` } : always;
        case '<': return zero ? never : { sentence: `That is fewer than all of the ${noun}: it is breached only when every one of them is counted.`, hint: `not all ${noun}` };
        default: return undefined;
    }
}

/** The target as a reader says it: `99.9%`, `4 hours`, and for a score `4.2 out of 5`. */
export function targetText(objective: { kpi?: { ref?: Kpi }; target?: { value: number; unit?: string } }, types: SlaTypeComputer): string {
    const kpi = objective.kpi?.ref;
    const scale = kpi ? scaleOf(types.kpiType(kpi)) : undefined;
    const text = quantityText(objective.target);
    return scale && objective.target && objective.target.unit === undefined ? `${text} out of ${formatNumber(scale.high)}${scale.low !== 0 && scale.low !== 1 ? ` (on a scale from ${formatNumber(scale.low)})` : ''}` : text;
}

export function objectiveMarkdown(objective: Objective | InternalTarget, types: SlaTypeComputer): string {
    const plans = objective.planTargets ? planTargetsSentence(objective) : undefined;
    const term = isObjective(objective) ? [...termSentences(objective, types), ...defaultSentences(objective, types), ...improvementSentences(objective)] : [];
    return [promiseSentence(objective, types), plans, sliceSentence(objective, types) ?? budgetSentence(objective, types), ...term, sampleSentence(objective)].filter(Boolean).join(' ');
}

/**
 * The objective as it stands from a step on: the step's comparison and target, in force from the
 * step's day (or the objective's in-force day, when later) until the next step, its budget read as
 * the objective's.
 */
export function stepObjective(objective: Objective, step: TargetStep): Objective {
    const later = objective.steps.slice(objective.steps.indexOf(step) + 1);
    const from = objective.inForceFrom !== undefined && step.from !== undefined && objective.inForceFrom > step.from ? objective.inForceFrom : step.from;
    return { ...objective, comparison: step.comparison ?? objective.comparison, target: step.target, inForceFrom: from, steps: later } as Objective;
}

/** The objective at its minimum service level: the minimum's comparison and target, in every window the promise judges. */
export function minimumObjective(objective: Objective, minimum: MinimumLevel): Objective {
    return { ...objective, comparison: minimum.comparison ?? objective.comparison, target: minimum.target, steps: [] } as Objective;
}

/**
 * A promise over the term: from when it is in force, and each step of its target with the error
 * budget it leaves (the step read as the objective with that target).
 */
function termSentences(objective: Objective, types: SlaTypeComputer): string[] {
    const sentences: string[] = [];
    if (objective.inForceFrom !== undefined) {
        sentences.push(`It is in force from ${objective.inForceFrom}: the windows before it (a transition period) are not judged, earn no credit and count towards no termination right.`);
    }
    for (const step of objective.steps) {
        if (!step.target || step.from === undefined) continue;
        const stepped = stepObjective(objective, step);
        sentences.push(`From ${step.from} the target is ${comparisonWords(stepped.comparison)} ${targetText(stepped, types)}${objective.window ? ` ${windowPhrase(objective.window)}` : ''}.`, budgetSentence(stepped, types) ?? '');
    }
    return sentences.filter(sentence => sentence !== '');
}

/**
 * Expected and Minimum Service Levels: the minimum with the error budget it leaves (read as the
 * objective with that target), and when missed windows add up to a Service Level Default.
 */
function defaultSentences(objective: Objective, types: SlaTypeComputer): string[] {
    const sentences: string[] = [];
    const minimum = objective.minimum;
    if (minimum?.target) {
        const floor = minimumObjective(objective, minimum);
        const target = targetText(floor, types);
        // For `<=` the minimum is the larger value: a window above it is the default (§ 9.4).
        const missing = missingWords(floor.comparison, target);
        sentences.push(`The minimum service level is ${comparisonWords(floor.comparison)} ${target}${objective.window ? ` ${windowPhrase(objective.window)}` : ''}: a window that misses it${missing ? ` (${missing})` : ''} is a Service Level Default.`, budgetSentence(floor, types) ?? '');
    }
    const rule = objective.defaultRule;
    if (rule && (rule.count === undefined || (rule.span === undefined && hasCount(rule, 'span')))) {
        // A template's parameter without default: named, not counted.
        if (hasCount(rule, 'count')) {
            sentences.push(hasCount(rule, 'span')
                ? `A window that misses the target is ${minimum ? 'also ' : ''}a Service Level Default when ${countText(rule, 'count')} of the ${countText(rule, 'span')} windows ending with it are missed.`
                : `A window that misses the target is ${minimum ? 'also ' : ''}a Service Level Default when it makes ${countText(rule, 'count')} missed windows in a row.`);
        }
    } else if (rule?.count !== undefined) {
        const span = rule.span;
        sentences.push(span === undefined
            ? `A window that misses the target is ${minimum ? 'also ' : ''}a Service Level Default when it is the ${ordinal(rule.count)} missed window in a row.`
            : `A window that misses the target is ${minimum ? 'also ' : ''}a Service Level Default when ${formatNumber(rule.count)} of the ${formatNumber(span)} windows ending with it (it and the ${formatNumber(span - 1)} before) are missed.`);
    }
    return sentences.filter(sentence => sentence !== '');
}

/**
 * Continuous Improvement: from which day the contract years run, how each year's target is
 * computed from the year before, and what keeps it (docs/language-reference.md § 9.5).
 */
export function improvementSentences(objective: Objective): string[] {
    const rule = objective.improvement;
    if (!rule || !hasCount(rule, 'best') || !objective.target) return [];
    const higherIsBetter = objective.comparison !== '<=' && objective.comparison !== '<';
    const validity = AstUtils.getContainerOfType(objective, isAgreement)?.members.find(isValidity);
    const years = validity?.from ? `each anniversary of ${validity.from}` : "each anniversary of the validity's first day";
    const precision = quantityText(writtenPrecision(objective.target));
    const limit = rule.limit ? `, by at most ${rule.limit.unit === '%' ? `${formatNumber(rule.limit.value)} percentage points` : quantityText(rule.limit)} a year` : '';
    return [
        `The target improves every contract year (from ${years}): it becomes the mean of the ${countText(rule, 'best', formatNumber)} best windows of the year before (the ${higherIsBetter ? 'highest' : 'lowest'} values), ${higherIsBetter ? 'taken down' : 'taken up'} to a multiple of ${precision}${limit}, when that is stricter; it is never loosened.`,
        `When fewer than ${countText(rule, 'best', formatNumber)} windows of a contract year have a value, the next year keeps that year's target.`
    ];
}

/** `with at least 20 tickets`: what a thin window is reported as. */
export function sampleSentence(objective: Objective | InternalTarget): string | undefined {
    const sample = objective.minimumSample;
    if (!sample) return undefined;
    if (hasCount(sample, 'allowed')) {
        // `, else at most 1 failing`: the small-volume rule judges the thin windows instead.
        const allowed = countText(sample, 'allowed', formatNumber);
        return `A window with fewer than ${countText(sample, 'rows', formatNumber)} ${sample.dataset}, but some, is met when at most ${allowed} of them ${allowed === '1' ? 'fails' : 'fail'} and breached otherwise (its value is still the share${isObjective(objective) ? ', and a breached one earns the credit of the tier that value falls in' : ''}); a window without ${sample.dataset} is no data.`;
    }
    return `A window with fewer than ${countText(sample, 'rows', formatNumber)} ${sample.dataset} is insufficient data: reported like no data, never met or breached${isObjective(objective) ? ', and it earns no credit' : ''}.`;
}

/** `uptime(…, deployed in … by database …)`: the resource whose deployed time the budget is a share of. */
function deployedResource(term: Uptime): string | undefined {
    const option = term.options.find(isDeployedResources);
    return option ? md(option.field ?? 'resource') : undefined;
}

/**
 * The allowance above is one resource's deployed throughout the window: with `deployed in`, eligible
 * time is each resource's deployed time (`for each database`), or their sum (one value for all of them).
 */
function deployedBudgetSentence(term: Uptime, scopeField: string | undefined): string | undefined {
    const resource = deployedResource(term);
    if (resource === undefined) return undefined;
    const option = term.options.find(isDeployedResources);
    if (scopeField !== undefined && scopeField === option?.field) {
        return `Each ${resource} is measured over its own deployed time: that allowance is for a ${resource} deployed throughout the window, and proportionally less for one deployed for part of it.`;
    }
    return `The budget is a share of the ${resource}s' deployed time summed: that allowance is for one ${resource} deployed throughout the window; ten such ${resource}s allow ten times it in all.`;
}

/** The budget in a few words, for inlay hints: `≤ 44 min 38 s down per 31-day month`, `1 in 1,000 requests may miss`. */
export function budgetHint(objective: Objective | InternalTarget, types: SlaTypeComputer): string | undefined {
    const kpi = objective.kpi?.ref;
    if (!kpi || objective.target?.unit !== '%' || types.kpiType(kpi).kind !== 'ratio') return undefined;
    const target = percentFraction(objective.target.value);
    if (!target) return undefined;
    const higherIsBetter = objective.comparison === '>=' || objective.comparison === '>';
    const strict = objective.comparison === '>' || objective.comparison === '<';
    const basis = budgetBasis(kpi);
    if (basis?.kind === 'uptime') {
        const downtime = downtimeShare(basis, objective.comparison, target);
        if (!downtime) return undefined;
        const eligibility = kpiEligibility(kpi);
        const judged = judgedDays(objective);
        const hint = eligibility ? eligibleDowntimeHint(objective.window, downtime, agreementContext(objective), eligibility, strict, judged)
            : downtimeHint(objective.window, downtime, agreementContext(objective), strict, judged);
        const resource = deployedResource(basis.term);
        return hint !== undefined && resource !== undefined ? `${hint} per ${resource} deployed throughout` : hint;
    }
    // Any other formula: the target itself is the budget in the KPI's unit; the hint would only repeat it.
    const noun = countedNoun(basis);
    if (!noun) return undefined;
    const extreme = extremeTarget(objective.comparison, target, noun);
    if (extreme) return extreme.hint;
    if (higherIsBetter) return `${strict ? 'fewer than ' : ''}${formatOneIn(complement(target))} ${noun} may miss`;
    if (objective.comparison === '<=') return `${formatOneIn(target)} ${noun}`;
    if (objective.comparison === '<') return `fewer than ${formatOneIn(target)} ${noun}`;
    return undefined;
}
