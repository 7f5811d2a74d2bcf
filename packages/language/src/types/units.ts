/**
 * The units the language knows. Units are checked, not free text: a duration unit, `%`, or
 * an ISO 4217 currency code. Anything else is `sla/unit-unknown`.
 */

// Duration lengths are the engine's table: the validator and the data loaders agree on what `5 minutes` is.
import { DURATION_UNIT_MS, editDistance } from '@sla/engine';

/** Units that look like durations but have no fixed length (28–31 days, 365–366 days). */
export const CALENDAR_LENGTH_UNITS: ReadonlySet<string> = new Set(['month', 'months', 'year', 'years', 'quarter', 'quarters']);

/** Length we assume when a calendar-length unit is (wrongly) used as a duration. */
export const CALENDAR_LENGTH_ASSUMED_MS: Readonly<Record<string, number>> = {
    month: 30 * 86_400_000, months: 30 * 86_400_000,
    quarter: 91 * 86_400_000, quarters: 91 * 86_400_000,
    year: 365 * 86_400_000, years: 365 * 86_400_000
};

let currencies: ReadonlySet<string> | undefined;

/** ISO 4217 codes, from the platform's Intl data. */
export function currencyCodes(): ReadonlySet<string> {
    currencies ??= new Set(Intl.supportedValuesOf('currency'));
    return currencies;
}

/** `business day(s)`: working days of the calendar of an `elapsed … during C` (§ 8.6 of the reference). */
export const BUSINESS_DAY_UNITS: ReadonlySet<string> = new Set(['business day', 'business days']);

export type UnitClass =
    | { kind: 'duration'; ms: number; calendarLength?: boolean }
    | { kind: 'businessDays' }
    | { kind: 'ratio' }
    | { kind: 'money'; currency: string };

/** What a written unit means, or undefined when the language does not know it. */
export function classifyUnit(unit: string): UnitClass | undefined {
    if (unit === '%') return { kind: 'ratio' };
    if (BUSINESS_DAY_UNITS.has(unit)) return { kind: 'businessDays' };
    const ms = DURATION_UNIT_MS[unit];
    if (ms !== undefined) return { kind: 'duration', ms };
    if (CALENDAR_LENGTH_UNITS.has(unit)) return { kind: 'duration', ms: CALENDAR_LENGTH_ASSUMED_MS[unit], calendarLength: true };
    if (/^[A-Z]{3}$/.test(unit) && currencyCodes().has(unit)) return { kind: 'money', currency: unit };
    return undefined;
}

/**
 * A bare number above 0 and at most 1 where a percentage is meant reads as a fraction (0.95
 * for 95 %): the percentage it stands for, shifted in its decimal text so that it is exact
 * (`0.9995` → `99.95`); undefined for any other number.
 */
export function fractionAsPercent(written: string): string | undefined {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(written);
    const value = Number(written);
    if (!match || !(value > 0 && value <= 1)) return undefined;
    const decimals = (match[2] ?? '').padEnd(2, '0');
    const whole = (match[1] + decimals.slice(0, 2)).replace(/^0+(?=\d)/, '');
    const rest = decimals.slice(2).replace(/0+$/, '');
    return rest ? `${whole}.${rest}` : whole;
}

/**
 * What to write for a bare number where a percentage is meant, `ofWhat` following the '%'
 * (' of fee'). A fraction is shown as the percentage it stands for first: '0.95%' would
 * promise (or pay) almost nothing.
 */
export function percentAdvice(written: string, ofWhat = ''): string {
    const percent = fractionAsPercent(written);
    const literal = `'${written}%${ofWhat}'`;
    return percent === undefined
        ? `Write ${literal}.`
        : `'${written}' looks like a fraction. Write '${percent}%${ofWhat}' (${written} × 100), or ${literal} if you mean ${written} percent.`;
}

/** The allowed units, for messages that say what to write instead. */
export function allowedUnitsDescription(): string {
    return 'a duration unit (ms, s, seconds, minutes, hours, days, weeks), % or an ISO 4217 currency code (EUR, USD, …)';
}

/** Known units closest to a mistyped one (`msec` → `ms`, `min` → `minutes`), best first. */
export function nearestUnits(unit: string, max = 3): string[] {
    const aliases: Record<string, string> = {
        msec: 'ms', msecs: 'ms', millis: 'ms', sec: 's', secs: 's', min: 'minutes', mins: 'minutes',
        h: 'hours', hr: 'hours', hrs: 'hours', d: 'days', w: 'weeks', wk: 'weeks', percent: '%', pct: '%',
        eur: 'EUR', usd: 'USD', gbp: 'GBP', chf: 'CHF'
    };
    const candidates = [...Object.keys(DURATION_UNIT_MS), '%', 'EUR', 'USD', 'GBP', 'CHF', 'JPY'];
    // Of the near units, an abbreviated one (`wks`: the unit's first letter, then some of its
    // letters in order) ranks before mere spelling neighbours: `wks` means weeks, not `ms` or `s`.
    const limit = Math.max(2, Math.floor(unit.length / 2));
    const scored = candidates
        .map(candidate => ({ candidate, distance: editDistance(unit.toLowerCase(), candidate.toLowerCase(), limit), abbreviates: abbreviates(unit, candidate) }))
        .filter(entry => entry.distance <= limit)
        .sort((a, b) => Number(b.abbreviates) - Number(a.abbreviates) || a.distance - b.distance)
        .map(entry => entry.candidate);
    const alias = aliases[unit] ?? aliases[unit.toLowerCase()];
    const result = alias ? [alias, ...scored.filter(c => c !== alias)] : scored;
    if (/^[a-z]{3}$/i.test(unit) && currencyCodes().has(unit.toUpperCase())) result.unshift(unit.toUpperCase());
    return [...new Set(result)].slice(0, max);
}

/** `wks` → `weeks`: same first letter, the other letters found in order in the unit (case-insensitive). */
function abbreviates(word: string, unit: string): boolean {
    const short = word.toLowerCase();
    const long = unit.toLowerCase();
    if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
    let at = 1;
    for (const letter of short.slice(1)) {
        at = long.indexOf(letter, at) + 1;
        if (at === 0) return false;
    }
    return true;
}

/** The candidate closest to a (mistyped) word, if within `maxDistance` edits; case-insensitive. */
export function nearestWord(word: string, candidates: readonly string[], maxDistance: number): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase(), maxDistance);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return bestDistance <= maxDistance ? best : undefined;
}

/** `month` or `months`: a calendar month, not 30 days, where a deadline counts them (`claim within 2 months`). */
export function isMonthUnit(unit: string | undefined): boolean {
    return unit === 'month' || unit === 'months';
}
