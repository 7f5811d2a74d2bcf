import { formatDuration } from '../time/duration.js';
import { addCivilDays, requireCivilDate } from '../time/civil.js';
import type { ObjectiveReport, ReportUnit, WindowReport, WindowStatus } from './report-types.js';
import { minorUnits } from '../evaluate/money.js';
import { formatDurationIn, formatExactDuration, type LargestDurationUnit } from './duration-text.js';

/** Decimals shown beyond a unit's usual ones before giving up telling two numbers apart (doubles hold about 16 digits). */
const MAX_EXTRA_DECIMALS = 12;

/**
 * Values for human readers: 99.953 %, 287 ms, 44 min 38 s, €1,200.00. `extraDecimals`
 * shows that many more decimals than usual (see formatValueAgainst). `largest`: the durations of
 * a report's objective or credit, in the units its promise is written in (duration-text.ts).
 */
export function formatValue(value: number | null, unit: ReportUnit, extraDecimals = 0, largest?: LargestDurationUnit): string {
    if (value === null) return '—';
    switch (unit) {
        case 'ratio':
            return `${trimDecimals(value * 100, 3 + extraDecimals)} %`;
        case 'ms':
            if (Math.abs(value) < 1000) return `${trimDecimals(value, 1 + extraDecimals)} ms`;
            if (largest !== undefined) return formatDurationIn(value, largest, extraDecimals);
            // Past the two units of a readable duration, the milliseconds themselves tell values apart.
            return extraDecimals === 0 ? formatDuration(value) : `${formatDuration(value)} (${groupThousands(value, extraDecimals - 1)} ms)`;
        case 'count':
            return groupThousands(value, extraDecimals);
        case 'number':
            return groupThousands(value, 3 + extraDecimals);
        case 'businessDays':
            return `${groupThousands(value, 3 + extraDecimals)} business day${Math.abs(value) === 1 ? '' : 's'}`;
        case 'timestamp':
        case 'text':
        case 'boolean':
            return String(value);
        default:
            return formatMoney(value, unit, 2 + extraDecimals);
    }
}

/**
 * A value beside its target (or credit thresholds): as formatValue, with more digits
 * while it would read the same as a reference it differs from, so a breached value
 * never displays as the target ("99.9 % BREACHED" for 99.89998 %; docs/cli.md, other formats).
 */
export function formatValueAgainst(value: number | null, references: number | readonly number[] | undefined, unit: ReportUnit, largest?: LargestDurationUnit): string {
    if (value === null) return '—';
    const others = (typeof references === 'number' ? [references] : (references ?? [])).filter((reference) => reference !== value);
    let extra = 0;
    while (extra < MAX_EXTRA_DECIMALS && others.some((reference) => formatValue(reference, unit, extra, largest) === formatValue(value, unit, extra, largest))) extra++;
    return formatValue(value, unit, extra, largest);
}

/** A target or threshold as written: the usual digits, more when the written value has more (99.9995 %, not 100 %). */
export function formatTarget(target: number, unit: ReportUnit, largest?: LargestDurationUnit): string {
    if (unit === 'ms' && largest !== undefined && Math.abs(target) >= 1000) return formatExactDuration(target, largest);
    const shown = (extra: number): number => {
        const text = formatValue(target, unit, extra).replace(/[^0-9.]/g, '');
        return unit === 'ratio' ? Number(text) / 100 : Number(text);
    };
    if (unit === 'ms' && Math.abs(target) >= 1000) return formatValue(target, unit, Number.isInteger(target / 1000) ? 0 : 1);
    let extra = 0;
    while (extra < MAX_EXTRA_DECIMALS && Math.abs(shown(extra) - Math.abs(target)) > Math.abs(target) * 1e-12) extra++;
    return formatValue(target, unit, extra);
}

/**
 * A margin (headroom: positive on the met side) with its sign; ratio margins in
 * percentage points. A margin that is not zero shows digits until one is not zero
 * ("−0.00002 pp", never "−0 pp").
 */
export function formatMargin(margin: number | null, unit: ReportUnit, largest?: LargestDurationUnit): string {
    if (margin === null) return '—';
    const sign = margin > 0 ? '+' : margin < 0 ? '−' : '±';
    const magnitude = Math.abs(margin);
    const text = (extra: number): string => (unit === 'ratio' ? `${trimDecimals(magnitude * 100, 3 + extra)} pp` : formatValue(magnitude, unit, extra, largest));
    let extra = 0;
    while (margin !== 0 && extra < MAX_EXTRA_DECIMALS && !/[1-9]/.test(text(extra).replace(/\(.*\)/, ''))) extra++;
    return `${sign}${text(extra)}`;
}

export function formatShare(share: number | null): string {
    return share === null ? '—' : `${trimDecimals(share * 100, 1)} %`;
}

/**
 * The share of the error budget used, as formatShare, with more decimals while a share that is not
 * the whole budget would read "100 %": a breached window never shows 100 % used (100.04 %), nor a met
 * one that has budget left (99.96 %) — as values never read as their target (formatValueAgainst).
 */
export function formatBudgetUsed(share: number | null): string {
    if (share === null) return '—';
    let extra = 0;
    while (share !== 1 && extra < MAX_EXTRA_DECIMALS && trimDecimals(share * 100, 1 + extra) === '100') extra++;
    return `${trimDecimals(share * 100, 1 + extra)} %`;
}

/**
 * The share of the error budget left (1 − used; negative once overspent, with a typographic minus
 * as margins have), with more decimals while a share that is not zero would read "0 %": a breached
 * window never shows 0 % left (−0.04 %), nor a met one that has budget left (0.04 %).
 */
export function formatBudgetLeft(share: number | null): string {
    if (share === null) return '—';
    const magnitude = Math.abs(share);
    let extra = 0;
    while (share !== 0 && extra < MAX_EXTRA_DECIMALS && trimDecimals(magnitude * 100, 1 + extra) === '0') extra++;
    return `${share < 0 ? '−' : ''}${trimDecimals(magnitude * 100, 1 + extra)} %`;
}

export function formatMoney(amount: number, currency: string, maxDecimals?: number): string {
    if (/^[A-Z]{3}$/.test(currency)) {
        // The currency's minor unit: €1,200.00, ¥12,346 (more decimals only where asked for).
        const minor = minorUnits(currency);
        const most = Math.min(20, Math.max(minor, maxDecimals ?? minor));
        return numberFormat(`${currency}:${most}`, () => new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: minor, maximumFractionDigits: most })).format(amount);
    }
    maxDecimals ??= 2;
    return `${groupThousands(amount, maxDecimals, 2)} ${currency}`.trim();
}

/**
 * A formula credit's formula with the inputs it read in the window, for readers who check the
 * amount by hand: `25 * downtime / eligible * fee, with downtime 10 min and eligible 44,520 min`.
 * Times in minutes (the unit contracts count in), to 1/1000 minute; the JSON has the exact ms.
 */
export function formatFormulaWithInputs(formula: { text: string; downtimeMs?: number; windowMs?: number; eligibleMs?: number }): string {
    const inputs = (['downtime', 'window', 'eligible'] as const)
        .map((name) => [name, formula[`${name}Ms`]] as const)
        .filter((entry): entry is readonly [typeof entry[0], number] => entry[1] !== undefined)
        .map(([name, ms]) => `${name} ${ms !== 0 && Math.abs(ms) < 60_000 ? formatValue(ms, 'ms') : `${groupThousands(ms / 60_000, 3)} min`}`);
    if (inputs.length === 0) return formula.text;
    const list = inputs.length === 1 ? inputs[0]! : `${inputs.slice(0, -1).join(', ')} and ${inputs[inputs.length - 1]!}`;
    return `${formula.text}, with ${list}`;
}

export function statusWord(status: WindowStatus): string {
    return status === 'met' ? 'MET' : status === 'breached' ? 'BREACHED' : 'NO DATA';
}

/**
 * A window for readers, from its ISO bounds: a single day, a day range (end
 * exclusive turned inclusive), or the exact instants when not at midnight.
 */
export function formatWindow(start: string, end: string): string {
    const midnight = (iso: string): boolean => iso.slice(11, 19) === '00:00:00';
    if (!midnight(start) || !midnight(end)) return `${start} – ${end}`;
    const first = start.slice(0, 10);
    const last = addCivilDays(requireCivilDate(end.slice(0, 10)), -1);
    const lastText = `${last.year}-${String(last.month).padStart(2, '0')}-${String(last.day).padStart(2, '0')}`;
    return first === lastText ? first : `${first} – ${lastText}`;
}

function trimDecimals(value: number, decimals: number): string {
    const text = value.toFixed(Math.min(20, decimals));
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function groupThousands(value: number, maxDecimals: number, minDecimals = 0): string {
    return numberFormat(`${minDecimals}:${maxDecimals}`, () => new Intl.NumberFormat('en', { minimumFractionDigits: minDecimals, maximumFractionDigits: Math.min(20, maxDecimals) })).format(value);
}

/**
 * Number formats by their options, made once: a report's table formats every window's value
 * and margin, and making an Intl.NumberFormat costs tens of microseconds each time (a formatter
 * is immutable: the same options format the same way).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
    let format = numberFormats.get(key);
    if (format === undefined) {
        format = make();
        numberFormats.set(key, format);
    }
    return format;
}

/**
 * A promise over the term, its Service Level Defaults and its Continuous Improvement as written:
 * ` from 2026-04-01, >= 99.7 % from 2027-01-01, minimum 99.5 %, default when breached in 3 of any
 * 12 consecutive windows, improved yearly to the mean of the best 6 windows by at most 0.2 %`
 * (nothing for a promise of the whole validity without them).
 */
export function termText(objective: Pick<ObjectiveReport, 'comparison' | 'unit' | 'inForceFrom' | 'targetSteps' | 'minimum' | 'defaultRule' | 'improvement'>, largest?: LargestDurationUnit): string {
    const inForce = objective.inForceFrom === undefined ? '' : ` from ${objective.inForceFrom}`;
    const steps = (objective.targetSteps ?? []).map((step) => `, ${objective.comparison} ${formatTarget(step.target, objective.unit, largest)} from ${step.from}`).join('');
    const minimum = objective.minimum === undefined ? '' : `, minimum ${formatTarget(objective.minimum, objective.unit, largest)}`;
    const rule = objective.defaultRule === undefined ? '' : `, default when breached in ${objective.defaultRule}`;
    const improvement = objective.improvement;
    const improved = improvement === undefined ? ''
        : `, improved yearly to the mean of the best ${improvement.best} windows${improvement.limit === undefined ? '' : ` by at most ${formatTarget(improvement.limit, objective.unit, largest)}`}`;
    return inForce + steps + minimum + rule + improved;
}

/**
 * A window's Service Level Default for readers: `misses the minimum >= 99.5 %`, `misses the minimum <= 8 h`
 * (for `<=` the minimum is the larger value: 9 h is above it, not below), `breached in 3 of any 12 consecutive windows`.
 */
export function defaultText(window: Pick<WindowReport, 'default'>, objective: Pick<ObjectiveReport, 'comparison' | 'unit' | 'minimum' | 'defaultRule'>, largest?: LargestDurationUnit): string | undefined {
    if (window.default === undefined) return undefined;
    return window.default === 'below minimum'
        ? `misses the minimum ${objective.comparison} ${formatTarget(objective.minimum!, objective.unit, largest)}`
        : `breached in ${objective.defaultRule!}`;
}
