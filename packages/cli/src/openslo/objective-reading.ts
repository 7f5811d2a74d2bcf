/**
 * An OpenSLO SLO's objective read back as a KPI formula, comparison and target (docs/cli.md,
 * "sla import openslo"), from OpenSLO's own fields as export-openslo.ts writes them: the
 * budgeting method, the ratio or threshold metric, `op`/`value`/`target`/`targetPercent`,
 * `timeSliceWindow`/`timeSliceTarget`. Slices written by hand (an export carries its `slices(…)`
 * formula as written) become the `slices(…)` form the export writes for them, so that
 * exporting the result gives the same fields back. What OpenSLO forbids, or the language
 * cannot say, is a problem at the key it is about.
 */
import { ANNOTATION_PREFIX, SLA_SOURCE_TYPE, comparisonOf, type MetricSource, type OpenSloObject, type SliSpec, type SloSpec } from './openslo-document.js';
import { decimalComplementOf100, decimalDividedBy100, decimalTextOf, decimalTimes100 } from './decimal-text.js';

/** A key of a document: the object read from it, and the path to the key (`['spec', 'objectives', 0, 'target']`). */
export interface Place {
    object: OpenSloObject;
    path: Array<string | number>;
}

export const under = (place: Place, ...keys: Array<string | number>): Place => ({ object: place.object, path: [...place.path, ...keys] });

export interface Reading {
    formula: string;
    comparison: string;
    target: string;
    /** The ratio a slices formula reads by name, declared as a KPI of its own (slices written by hand). */
    ratio?: string;
    warning?: string;
}

export interface ReadingContext {
    slo: Place;
    sli: Place;
    /** The name of the SLI's KPI (the ratio), and of the KPI of slices read from the SLO. */
    ratioName: string;
    slicesName: string;
    /** The formula when it is one formula of the language; else undefined, the problem recorded at `place` (`shown` is what the document wrote). */
    checked: (formula: string, place: Place, shown?: string) => string | undefined;
}

/** A problem at a key. */
export interface Located {
    problem: string;
    at: Place;
}

const A = (name: string): string => `${ANNOTATION_PREFIX}${name}`;
const SLICE_WORDS: Record<string, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week' };
const BUDGETING_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'];
/** The condition that makes a slice good (`op`), turned into the one that makes it bad. */
const GOOD_TO_BAD: Record<string, string> = { lte: '>', lt: '>=', gte: '<', gt: '<=' };

/** What OpenSLO forbids in an SLO's budgeting method and target (its spec: `target` in [0, 1), `targetPercent` in [0, 100), not both). */
export function objectiveProblem(slo: SloSpec): { message: string; path: Array<string | number> } | undefined {
    const method = slo.budgetingMethod as unknown;
    if (method === undefined) return { message: `has no budgetingMethod: write budgetingMethod: ${BUDGETING_METHODS.join(', ')} (OpenSLO's spelling).`, path: ['spec'] };
    if (typeof method !== 'string' || !BUDGETING_METHODS.includes(method)) {
        const near = BUDGETING_METHODS.find(known => editDistance(known.toLowerCase(), String(method).toLowerCase()) <= 3);
        return { message: `budgetingMethod '${String(method)}' is not OpenSLO's: write ${near ?? `one of ${BUDGETING_METHODS.join(', ')}`}.`, path: ['spec', 'budgetingMethod'] };
    }
    const path = (key: string): Array<string | number> => ['spec', 'objectives', 0, key];
    const { target, targetPercent } = slo.objectives[0] as { target?: unknown; targetPercent?: unknown };
    if (target !== undefined && targetPercent !== undefined) {
        return { message: `its objective has both target (${String(target)}) and targetPercent (${String(targetPercent)}): OpenSLO allows one; keep target (a fraction, 0.99) or targetPercent (a percentage, 99).`, path: path('targetPercent') };
    }
    if (target !== undefined && (typeof target !== 'number' || !(target >= 0 && target < 1))) {
        const fix = typeof target === 'number' && target >= 1 && target < 100
            ? `write target: ${decimalDividedBy100(decimalTextOf(target))}, or targetPercent: ${decimalTextOf(target)}`
            : 'write a fraction (target: 0.99 for 99 %)';
        return { message: `target ${String(target)} is not a fraction: OpenSLO's target is in [0, 1); ${fix}.`, path: path('target') };
    }
    if (targetPercent !== undefined && (typeof targetPercent !== 'number' || !(targetPercent >= 0 && targetPercent < 100))) {
        return { message: `targetPercent ${String(targetPercent)} is not a percentage below 100: OpenSLO's targetPercent is in [0, 100) (99 for 99 %).`, path: path('targetPercent') };
    }
    return undefined;
}

/**
 * The formula, comparison and target an SLO says; a string (about the SLO) or a located problem
 * when it cannot be read; undefined when a formula is not one (the problem is recorded by `checked`).
 */
export function readObjective(sli: SliSpec, slo: SloSpec, notes: Record<string, string>, sliNotes: Record<string, string>, context: ReadingContext): Reading | Located | string | undefined {
    // A KPI measured in slices (`slices(…)`): OpenSLO's slice budgeting says less than the formula, which travels as written.
    const sliced = /^(>=|>|<=|<)\s*(.+)$/.exec(notes[A('promise')] ?? '');
    if (notes[A('slices')] !== undefined && sliced) {
        const formula = context.checked(notes[A('slices')]!, annotation(context.slo, 'slices'));
        return formula === undefined ? undefined : { formula, comparison: sliced[1]!, target: sliced[2]! };
    }
    if (sli.ratioMetric) return readRatio(sli.ratioMetric, slo, notes, sliNotes, context);
    if (sli.thresholdMetric) return readThreshold(sli.thresholdMetric.metricSource, slo, notes, context);
    return { problem: 'its SLI has neither ratioMetric nor thresholdMetric.', at: under(context.sli, 'spec') };
}

/** `good`/`bad` over `total`: a ratio of events (Occurrences), or judged per slice (Timeslices, RatioTimeslices). */
function readRatio(metric: NonNullable<SliSpec['ratioMetric']>, slo: SloSpec, notes: Record<string, string>, sliNotes: Record<string, string>, context: ReadingContext): Reading | Located | string | undefined {
    const { good, bad, total } = metric;
    const numerator = good ?? bad;
    const place = under(context.sli, 'spec', 'ratioMetric');
    if (!numerator || !total) return { problem: 'a ratioMetric needs good or bad, and total (raw ratios are not imported).', at: place };
    const top = query(numerator.metricSource, under(place, good ? 'good' : 'bad', 'metricSource'));
    const bottom = query(total.metricSource, under(place, 'total', 'metricSource'));
    if ('problem' in top) return top;
    if ('problem' in bottom) return bottom;
    if (context.checked(top.text, top.place) === undefined || context.checked(bottom.text, bottom.place) === undefined) return undefined;
    const percent = targetPercentOf(slo);
    if (percent === undefined) return 'its objective has neither target nor targetPercent.';
    // `share(…)` is not `count(…) / count(…)` as written: the export carries the original.
    const formula = sliNotes[A('formula')] !== undefined ? context.checked(sliNotes[A('formula')]!, annotation(context.sli, 'formula')) : `${top.text} / ${bottom.text}`;
    if (formula === undefined) return undefined;
    if (slo.budgetingMethod === 'Occurrences') {
        // OpenSLO's target is the share of good events: a bad/total SLI is an upper bound on the bad share.
        return good
            ? { formula, comparison: notes[A('comparison')] ?? '>=', target: `${percent}%` }
            : { formula, comparison: notes[A('comparison')] ?? '<=', target: `${decimalComplementOf100(percent)}%` };
    }
    const objective = slo.objectives[0]!;
    const every = sliceLength(objective, context);
    if (typeof every !== 'string') return every;
    const ratio = context.ratioName;
    if (slo.budgetingMethod === 'Timeslices') {
        // A slice is good when its good ratio reaches timeSliceTarget: bad when the good ratio is below it, or the bad ratio above 1 − it.
        const sliceTarget = objective.timeSliceTarget;
        if (typeof sliceTarget !== 'number' || !(sliceTarget > 0 && sliceTarget <= 1)) {
            return { problem: `timeSliceTarget ${String(sliceTarget ?? '(missing)')}: Timeslices on a ratio need the good ratio a slice must reach, in (0, 1] (timeSliceTarget: 0.95 for 95 %).`, at: under(context.slo, 'spec', 'objectives', 0, sliceTarget === undefined ? 'timeSliceWindow' : 'timeSliceTarget') };
        }
        const goodRatio = decimalTimes100(decimalTextOf(sliceTarget));
        const condition = good ? `${ratio} < ${goodRatio}%` : `${ratio} > ${decimalComplementOf100(goodRatio)}%`;
        return {
            formula: `100% - slices(every ${every}: share where ${condition}, empty as good)`, comparison: '>=', target: `${percent}%`, ratio: formula,
            warning: `Timeslices of ${objective.timeSliceWindow} imported as the KPI ${context.slicesName}, the share of good slices; a slice without events counts as good (OpenSLO has no rule for it): change 'empty as good' if the agreement says otherwise.`
        };
    }
    return {
        formula: good ? `slices(every ${every}: avg of ${ratio}, empty as no data)` : `100% - slices(every ${every}: avg of ${ratio}, empty as no data)`,
        comparison: '>=', target: `${percent}%`, ratio: formula,
        warning: `RatioTimeslices of ${objective.timeSliceWindow} imported as the KPI ${context.slicesName}, the average of the slices' good ratios; a slice without events is left out (OpenSLO has no rule for it): change 'empty as no data' if the agreement says otherwise.`
    };
}

/** Values against `op`/`value`: a percentile (Occurrences), the window's value (one slice per window), an uptime in minutes, or slices. */
function readThreshold(source: MetricSource, slo: SloSpec, notes: Record<string, string>, context: ReadingContext): Reading | Located | string | undefined {
    const read = query(source, under(context.sli, 'spec', 'thresholdMetric', 'metricSource'));
    if ('problem' in read) return read;
    const reading = thresholdReading(read.text, slo, notes, context);
    // The query is a selection inside `percentile(…)`, a formula otherwise: what is checked is the KPI's formula.
    if (typeof reading !== 'object' || 'problem' in reading) return reading;
    return context.checked(reading.formula, read.place, read.text) === undefined ? undefined : reading;
}

function thresholdReading(source: string, slo: SloSpec, notes: Record<string, string>, context: ReadingContext): Reading | Located | string {
    const objective = slo.objectives[0]!;
    const comparison = objective.op !== undefined ? comparisonOf(objective.op) : undefined;
    if (!comparison || objective.value === undefined) return 'a thresholdMetric objective needs op (lte, lt, gte, gt) and value.';
    const unit = notes[A('unit')];
    const value = decimalTextOf(objective.value);
    const valueText = unit === '%' ? `${decimalTimes100(value)}%` : unit !== undefined ? `${value} ${unit}` : value;
    const percent = targetPercentOf(slo);
    if (slo.budgetingMethod === 'Occurrences') {
        // At least p % of the values within the threshold: the p-th percentile (nearest rank) is within it.
        if (percent === undefined) return 'its objective has neither target nor targetPercent.';
        return { formula: `percentile(${percent}, ${source})`, comparison, target: `${value}${unit !== undefined ? ` ${unit}` : ''}` };
    }
    if (slo.budgetingMethod === 'RatioTimeslices') {
        return { problem: 'budgetingMethod RatioTimeslices averages the slices\' ratios: it needs a ratioMetric SLI (good or bad, and total).', at: under(context.slo, 'spec', 'budgetingMethod') };
    }
    // One slice per window: the KPI's value over the window against the threshold.
    if (objective.timeSliceWindow !== undefined && objective.timeSliceWindow === slo.timeWindow[0]?.duration) return { formula: source, comparison, target: valueText };
    if (percent === undefined) return 'its objective has neither target nor targetPercent.';
    // Minutes, each good when up all along: the share of good time, `uptime(…)` (as the export writes an uptime).
    if (/^uptime\(/.test(source) && objective.op === 'gte' && objective.value === 1) return { formula: source, comparison: notes[A('comparison')] ?? '>=', target: `${percent}%` };
    const every = sliceLength(objective, context);
    if (typeof every !== 'string') return every;
    if (objective.timeSliceTarget !== undefined && objective.timeSliceTarget !== 1) {
        return { problem: `timeSliceTarget ${objective.timeSliceTarget}: a slice of a thresholdMetric is judged on its value (op, value); write timeSliceTarget: 1.`, at: under(context.slo, 'spec', 'objectives', 0, 'timeSliceTarget') };
    }
    return {
        formula: `100% - slices(every ${every}: share where ${source} ${GOOD_TO_BAD[objective.op!]} ${valueText}, empty as good)`, comparison: '>=', target: `${percent}%`,
        warning: `Timeslices of ${objective.timeSliceWindow} imported as the share of slices where ${source} ${comparison} ${valueText}; a slice without data counts as good (OpenSLO has no rule for it): change 'empty as good' if the agreement says otherwise.`
    };
}

/** The objective's target in percent (`target: 0.99` → `99`), as decimal text. */
function targetPercentOf(slo: SloSpec): string | undefined {
    const objective = slo.objectives[0]!;
    return objective.targetPercent !== undefined ? decimalTextOf(objective.targetPercent)
        : objective.target !== undefined ? decimalTimes100(decimalTextOf(objective.target)) : undefined;
}

/** `timeSliceWindow: 5m` → `5 minutes`, a slice length of the language. */
function sliceLength(objective: SloSpec['objectives'][number], context: ReadingContext): string | Located {
    const match = /^(\d+)([mhdw])$/.exec(objective.timeSliceWindow ?? '');
    if (!match) {
        return {
            problem: `timeSliceWindow '${objective.timeSliceWindow ?? ''}' is not a slice length of the language: write minutes, hours, days or weeks (e.g. 1m, 5m, 1h).`,
            at: under(context.slo, 'spec', 'objectives', 0, ...(objective.timeSliceWindow === undefined ? [] : ['timeSliceWindow']))
        };
    }
    const word = SLICE_WORDS[match[2]!]!;
    return `${match[1]} ${match[1] === '1' ? word : `${word}s`}`;
}

/** The query of a metric source of type SLA, and where it is; else why it cannot be read. */
function query(source: MetricSource | undefined, place: Place): { text: string; place: Place } | Located {
    if (source?.type !== SLA_SOURCE_TYPE || typeof source.spec?.query !== 'string') {
        return {
            problem: `a metric source of type '${source?.type ?? ''}' is not a formula of the SLA language; write the KPI by hand (only type ${SLA_SOURCE_TYPE} is imported).`,
            at: under(place, source?.type !== SLA_SOURCE_TYPE ? 'type' : 'spec')
        };
    }
    return { text: source.spec.query, place: under(place, 'spec', 'query') };
}

function annotation(place: Place, key: string): Place {
    return under(place, 'metadata', 'annotations', A(key));
}

/** Levenshtein distance: how many letters to change (a misspelt budgetingMethod). */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length]!;
}
