import type { CreditReport, ObjectiveReport } from './report-types.js';

/**
 * Durations in the report's tables (docs/cli.md, "Durations in tables"): the largest unit follows
 * the promise. Days only for a KPI of wall-clock time whose targets are all whole days (`<= 2 days`:
 * `1 d 20 h 5 min`); otherwise hours (`<= 30 hours`: `28 h 20 min`, not `1 d 4 h`), and always for
 * a KPI counting a calendar's working time, where "1 d" could mean 24 hours or a working day.
 */
export type LargestDurationUnit = 'd' | 'h';

const UNITS: ReadonlyArray<readonly [name: string, ms: number]> = [
    ['d', 24 * 3_600_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
    ['ms', 1]
];
const DAY = UNITS[0]![1];
const MS = UNITS.length - 1;
const MINUTE = 2;

/** The largest unit of an objective's durations (undefined: not a duration KPI). */
export function objectiveDurationUnit(objective: Pick<ObjectiveReport, 'unit' | 'during' | 'target' | 'targetSteps' | 'minimum'>): LargestDurationUnit | undefined {
    return largestDurationUnit(objective.unit, objective.during, [objective.target, ...(objective.targetSteps ?? []).map((step) => step.target), ...(objective.minimum === undefined ? [] : [objective.minimum])]);
}

/** The largest unit of a credit's durations: its thresholds decide, as an objective's targets do. */
export function creditDurationUnit(credit: Pick<CreditReport, 'unit' | 'during' | 'thresholds'>): LargestDurationUnit | undefined {
    return largestDurationUnit(credit.unit, credit.during, credit.thresholds);
}

function largestDurationUnit(unit: string, during: string | undefined, targets: readonly number[]): LargestDurationUnit | undefined {
    if (unit !== 'ms') return undefined;
    return during === undefined && targets.length > 0 && targets.every((ms) => ms > 0 && ms % DAY === 0) ? 'd' : 'h';
}

/**
 * A duration to the minute from an hour up (`28 h 20 min`, `2 d 1 h 10 min`), below it to the
 * second (`44 min 38 s`) or millisecond (`45 s 300 ms`), rounded half up; parts that are 0 are left
 * out (`30 h`, `2 d 10 min`). `finer` shows that many finer units, then decimals of ms, for a value
 * that would read as another one (`29 h 59 min 50 s` against `30 h`).
 */
export function formatDurationIn(ms: number, largest: LargestDurationUnit, finer = 0): string {
    return durationText(ms, largest, finer).text;
}

/** A target as written: the finest unit it needs (`30 h`, `1 h 30 min 20 s`). */
export function formatExactDuration(ms: number, largest: LargestDurationUnit): string {
    let finer = 0;
    while (finer < 8 && durationText(ms, largest, finer).shown !== Math.abs(ms)) finer++;
    return formatDurationIn(ms, largest, finer);
}

function durationText(ms: number, largest: LargestDurationUnit, finer: number): { text: string; shown: number } {
    if (!Number.isFinite(ms)) return { text: String(ms), shown: ms };
    if (ms < 0) {
        const positive = durationText(-ms, largest, finer);
        return { text: `-${positive.text}`, shown: positive.shown };
    }
    const top = largest === 'd' ? 0 : 1;
    // The first unit the duration reaches; its precision: minutes from an hour up, else the next unit.
    const first = Math.max(top, firstUnitOf(ms, top));
    const precision = Math.min(Math.max(first + 1, first <= 1 ? MINUTE : 0), MS) + finer;
    const decimals = Math.max(0, precision - MS);
    const step = decimals > 0 ? 10 ** -decimals : UNITS[precision]![1];
    const shown = decimals > 0 ? Number(ms.toFixed(decimals)) : Math.round(ms / step) * step;
    const parts: string[] = [];
    let rest = shown;
    // Rounding may carry into a larger unit (59 min 59.6 s → 1 h): the parts start where the shown value does.
    for (let index = Math.max(top, firstUnitOf(shown, top)); index <= Math.min(precision, MS); index++) {
        const [name, size] = UNITS[index]!;
        const count = index === MS ? rest : Math.floor(rest / size);
        rest -= index === MS ? rest : count * size;
        if (count !== 0) parts.push(`${index === MS ? trimmed(count, decimals) : count} ${name}`);
    }
    return { text: parts.length > 0 ? parts.join(' ') : `0 ${UNITS[Math.min(precision, MS)]![0]}`, shown };
}

function firstUnitOf(ms: number, top: number): number {
    const index = UNITS.findIndex(([, size], position) => position >= top && ms >= size);
    return index < 0 ? MS : index;
}

function trimmed(value: number, decimals: number): string {
    const text = value.toFixed(decimals);
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
