import type { Dataset } from '../generated/ast.js';

/**
 * The static type of an expression. Each kind has one canonical unit: durations in
 * milliseconds, ratios as fractions (99.9% = 0.999), money in its currency.
 */
export type SlaType =
    | { kind: 'duration' }
    /** `2 business days`: only comparable with an `elapsed(…) during C` (working days of C). */
    | { kind: 'businessDays' }
    | { kind: 'ratio' }
    | { kind: 'count' }
    /** `scale`: a score (`score 1 to 5`); avg, min, max and percentile keep it, arithmetic drops it. */
    | { kind: 'number'; integer?: boolean; scale?: ScoreScale }
    | { kind: 'money'; currency: string }
    | { kind: 'timestamp' }
    | { kind: 'text' }
    | { kind: 'enum'; values: readonly string[] }
    | { kind: 'boolean' }
    | { kind: 'dataset'; dataset: Dataset }
    | { kind: 'list'; items: readonly SlaType[] }
    /** Not known: a broken or unresolved piece. Checks skip it quietly; its cause is reported where it is. */
    | { kind: 'unknown' };

export type SlaTypeKind = SlaType['kind'];

/** The scale of a score, both ends included: `score 1 to 5` is { low: 1, high: 5 }. */
export interface ScoreScale {
    low: number;
    high: number;
}

/** The scale of a score type, else undefined. */
export function scaleOf(type: SlaType): ScoreScale | undefined {
    return type.kind === 'number' ? type.scale : undefined;
}

/** Where an expression's value lives: one per row of a dataset, one per window, or a constant. */
export type ValueLevel = 'constant' | 'row' | 'aggregate';

export const UNKNOWN: SlaType = { kind: 'unknown' };

export function isNumeric(type: SlaType): boolean {
    return type.kind === 'duration' || type.kind === 'ratio' || type.kind === 'count' || type.kind === 'number' || type.kind === 'money';
}

/** The unit a value of this type is written in, as a reader sees it. */
export function describeUnit(type: SlaType): string {
    switch (type.kind) {
        case 'duration': return 'a duration (ms, s, minutes, hours, days)';
        case 'businessDays': return 'a number of business days (working days of a calendar)';
        case 'ratio': return 'a percentage';
        case 'count': return 'a count';
        case 'number': return type.scale ? `a score from ${type.scale.low} to ${type.scale.high}` : type.integer ? 'an integer' : 'a number';
        case 'money': return `an amount in ${type.currency}`;
        case 'timestamp': return 'a timestamp';
        case 'text': return 'text';
        case 'enum': return `one of ${type.values.map(v => `"${v}"`).join(', ')}`;
        case 'boolean': return 'a condition (true or false)';
        case 'dataset': return `the dataset '${type.dataset.name}'`;
        case 'list': return 'a list';
        case 'unknown': return 'an unknown value';
    }
}

/** Short name of a type for messages: "duration", "percentage", "EUR". */
export function typeName(type: SlaType): string {
    switch (type.kind) {
        case 'ratio': return 'percentage';
        case 'businessDays': return 'business days';
        case 'money': return type.currency;
        case 'enum': return 'enum';
        case 'dataset': return 'dataset';
        default: return type.kind;
    }
}

/** The unit name of a value of this type in JSON reports (docs/cli.md). */
export function reportUnit(type: SlaType): string {
    switch (type.kind) {
        case 'duration': return 'ms';
        case 'businessDays': return 'business days';
        case 'ratio': return 'ratio';
        case 'money': return type.currency;
        case 'count': return 'count';
        default: return type.kind;
    }
}

/** Two values can be compared or added (same kind; numbers mix with counts). */
export function compatible(a: SlaType, b: SlaType): boolean {
    if (a.kind === 'unknown' || b.kind === 'unknown') return true;
    if (a.kind === b.kind) return a.kind !== 'money' || (b.kind === 'money' && a.currency === b.currency);
    const plain = (t: SlaType) => t.kind === 'count' || t.kind === 'number';
    if (plain(a) && plain(b)) return true;
    const textual = (t: SlaType) => t.kind === 'text' || t.kind === 'enum';
    return textual(a) && textual(b);
}
