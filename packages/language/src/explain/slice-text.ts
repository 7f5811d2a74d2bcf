/**
 * Timeslices in plain language: `slices(every 5 minutes: avg of …, empty as 0%)` as a
 * sentence, and, on an objective, how many slices its windows have and its error budget
 * in slices ("a 31-day month has 8,928 five-minute slices …").
 */
import { isValidTimeZone } from '@sla/engine';
import type { Expression, InternalTarget, Objective, Timeslices } from '../generated/ast.js';
import { countText, hasCount } from '../model/template-parameters.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { quantityValue } from '../types/type-computer.js';
import { agreementContext } from './agreement-context.js';
import { budgetBasis } from './budget-basis.js';
import { calendarPeriods, periodLabel } from './error-budget.js';
import { complement, formatNumber, percentFraction } from './numbers.js';
import { windowShape } from './wording.js';

const SMALL = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** 300,000 ms → `five-minute`; 30,000 → `30-second`; 3,600,000 → `one-hour`. */
export function sliceLengthWords(ms: number): string {
    const [count, unit] = ms % 3_600_000 === 0 ? [ms / 3_600_000, 'hour'] : ms % 60_000 === 0 ? [ms / 60_000, 'minute'] : [ms / 1000, 'second'];
    return `${Number.isInteger(count) && count <= 10 ? SMALL[count] : formatNumber(count)}-${unit}`;
}

/** The slice length in ms, when it is a duration of at least one second. */
export function sliceMs(term: Timeslices): number | undefined {
    if (!term.length) return undefined;
    const { value, type } = quantityValue(term.length);
    return type.kind === 'duration' && value >= 1000 ? value : undefined;
}

/** What an empty slice counts as, in words. */
function emptyWords(term: Timeslices, quantity: (q: { value: number; unit?: string }) => string): string {
    const empty = term.empty;
    if (!empty) return 'what a slice without data counts as is not declared (add `empty as …`)';
    if (empty.noData) return 'a slice without data is left out';
    if (empty.rule === 'good') return 'a slice without data counts as good';
    if (empty.rule === 'bad') return 'a slice without data counts as bad';
    return empty.value ? `a slice without data counts as ${quantity(empty.value)}` : '';
}

/**
 * What `share where` divides by, as the engine does (timeslices.ts): under `empty as good` or
 * `bad` an empty slice is judged too, so the base is every slice of the window (Atlassian: 60 bad
 * minutes of a 30-day month's 43,200 → 99.861111 %); under `empty as no data` only the slices
 * with a value.
 */
function shareBase(term: Timeslices): string {
    const rule = term.empty?.rule;
    return rule === 'good' || rule === 'bad' ? 'among all the slices of the window' : 'among the slices with a value';
}

/** The sentence of a `slices(…)` term; `text` words its inner expression. */
export function timeslicesText(term: Timeslices, text: (e: Expression | undefined) => string, quantity: (q: { value: number; unit?: string }) => string): string {
    const ms = sliceMs(term);
    const slices = `${ms ? sliceLengthWords(ms) : quantity(term.length ?? { value: 0 })} slices of the window (fixed lengths of time from its start${term.timeField ? `, rows placed by ${term.timeField}` : ''})`;
    const runs = hasCount(term, 'minimumRun') ? `, counting only runs of at least ${countText(term, 'minimumRun', formatNumber)} consecutive such slices (a run goes on into the window before or after)` : '';
    const empty = emptyWords(term, quantity);
    switch (term.aggregation) {
        case 'avg': return `the average, over the ${slices}, of ${text(term.value)} in each slice; ${empty}`;
        case 'count': return `the number of ${slices} where ${text(term.value)}${runs}; ${empty}`;
        case 'duration': return `the time of the ${slices} where ${text(term.value)}${runs}; ${empty}`;
        default: return `the share of the time of the ${slices} where ${text(term.value)}${runs}, ${shareBase(term)}; ${empty}`;
    }
}

/**
 * On an objective of a KPI measured in slices (its value is the `slices(…)`, or 100 % minus it:
 * budget-basis.ts): the slices per window (each distinct length of the validity's windows,
 * daylight-saving months by name) and the budget in slices.
 */
export function sliceSentence(objective: Objective | InternalTarget, types: SlaTypeComputer): string | undefined {
    const kpi = objective.kpi?.ref;
    const basis = kpi ? budgetBasis(kpi) : undefined;
    const term = basis?.kind === 'slices' ? basis.term : undefined;
    const ms = term ? sliceMs(term) : undefined;
    if (!kpi || !term || !ms) return undefined;
    const words = sliceLengthWords(ms);
    const shape = windowShape(objective.window);
    let counts: { label: string; slices: number }[] = [];
    let lead: string;
    if (shape.kind === 'rolling') {
        counts = [{ label: `in ${formatNumber(shape.length)} ${shape.unit}`, slices: Math.ceil(shape.ms / ms) }];
        lead = `A rolling window has ${formatNumber(counts[0]!.slices)} ${words} slices`;
    } else if (shape.kind === 'calendar') {
        const context = agreementContext(objective);
        if (!context.zone || !isValidTimeZone(context.zone) || !context.firstDay || !context.lastDay) return undefined;
        const seen = new Set<string>();
        for (const period of calendarPeriods(context.zone, shape.unit, context.firstDay, context.lastDay, shape.yearStartMonth)) {
            const { label } = periodLabel(period);
            if (seen.has(label)) continue;
            seen.add(label);
            counts.push({ label, slices: Math.ceil(period.ms / ms) });
        }
        // Regular lengths longest first, then the named windows (February, DST months) in date order, as the downtime budget lists them.
        const regular = counts.filter(c => c.label.startsWith('in a ')).sort((a, b) => b.slices - a.slices);
        counts = [...regular, ...counts.filter(c => !c.label.startsWith('in a '))];
        if (counts.length === 0) return undefined;
        const [head, ...rest] = counts;
        lead = `A ${shape.yearStartMonth !== undefined ? 'fiscal' : 'calendar'} ${shape.unit} has ${formatNumber(head!.slices)} ${words} slices ${head!.label}${rest.length > 0 ? ` (${rest.map(c => `${formatNumber(c.slices)} ${c.label}`).join(', ')})` : ''}`;
    } else {
        return undefined;
    }
    return `${lead}.${budgetInSlices(objective, types, term, counts[0]!, ms, words) ?? ''}`;
}

/**
 * ` Its error budget …` in slices of the headline window, or undefined when the target says nothing
 * in slices: a percentage of a share or an average of slices, a number of `count where`, a
 * duration of `duration where` (an average of latencies in milliseconds is no number of slices).
 */
function budgetInSlices(objective: Objective | InternalTarget, types: SlaTypeComputer, term: Timeslices, head: { label: string; slices: number }, ms: number, words: string): string | undefined {
    const kpi = objective.kpi?.ref;
    const target = objective.target;
    if (!kpi || !target) return undefined;
    const type = types.kpiType(kpi);
    const higher = objective.comparison === '>=' || objective.comparison === '>';
    if (type.kind === 'ratio' && target.unit === '%' && (term.aggregation === 'share' || term.aggregation === 'avg')) {
        const fraction = percentFraction(target.value);
        if (!fraction) return undefined;
        const budget = higher ? complement(fraction) : fraction;
        // budget × slices, exactly: the error budget as slices that fail completely.
        const scaled = (BigInt(head.slices) * budget.numerator * 1000n) / budget.denominator;
        const whole = Number(scaled / 1000n);
        const text = formatNumber(Number(scaled) / 1000);
        return ` Its error budget, ${formatNumber(Number(budget.numerator * 10000n / budget.denominator) / 100)}% of them, is ${text} slices ${head.label}: ${formatNumber(whole)} whole ${words} slices failing completely.`;
    }
    if (higher) return undefined;
    if (type.kind === 'count' && target.unit === undefined && term.aggregation === 'count') {
        return ` At most ${formatNumber(Math.floor(target.value))} of them may be bad ${head.label}.`;
    }
    if (type.kind === 'duration' && term.aggregation === 'duration') {
        const { value } = quantityValue(target);
        return ` ${quantityValueText(value)} is ${formatNumber(Math.floor(value / ms))} bad ${words} slices of the ${formatNumber(head.slices)} ${head.label}.`;
    }
    return undefined;
}

function quantityValueText(ms: number): string {
    return ms % 60_000 === 0 ? `${formatNumber(ms / 60_000)} minutes` : `${formatNumber(ms / 1000)} seconds`;
}
