import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { calendarWindows, daysFromCivil, DURATION_UNIT_MS, isValidTimeZone, localToInstant, parseCivilDate, type WindowSpec } from '@sla/engine';
import {
    isCredit, isInternalTarget, isObjective, isService, isTimezoneDeclaration, isValidity, type Agreement, type Fee, type SlaAstType, type Validity, type Window
} from '../generated/ast.js';
import { classifyUnit } from '../types/units.js';
import { addUnitFixes, checkParameterWithoutUnit, reportUnknownUnit } from './quantities.js';
import { quote, report } from './report.js';
import { windowMinDays, windowSpecOf } from '../model/windows.js';

/** The agreement's frame: a real validity period that can hold its windows, a fee in money. */
export function agreementChecks(): ValidationChecks<SlaAstType> {
    return {
        Validity: checkValidity,
        Agreement: checkWindowsFitValidity,
        Fee: checkFee
    };
}

/** Days since 1970 of `YYYY-MM-DD`, or undefined when it is not a calendar date (2026-02-30). */
export function dayNumber(date: string | undefined): number | undefined {
    const civil = date === undefined ? undefined : parseCivilDate(date);
    return civil && daysFromCivil(civil.year, civil.month, civil.day);
}

function checkValidity(validity: Validity, accept: ValidationAcceptor): void {
    const from = dayNumber(validity.from);
    const to = dayNumber(validity.to);
    for (const [property, value, day] of [['from', validity.from, from], ['to', validity.to, to]] as const) {
        if (value !== undefined && day === undefined) {
            report(accept, 'validity-range', `'${value}' is not a date in the calendar. Write an existing date as YYYY-MM-DD.`, { node: validity, property });
        }
    }
    if (from !== undefined && to !== undefined && to < from) {
        report(accept, 'validity-range',
            `The agreement ends (${validity.to}) before it starts (${validity.from}). Swap the dates or correct the year.`,
            { node: validity, property: 'to' });
    }
}

/**
 * A `per calendar year` objective in a 3-month agreement never completes a window. A calendar
 * or fiscal window is checked on the real calendar: an error when every window the validity
 * meets (in the agreement's time zone and fiscal year) is longer than the validity, so
 * 2026-01-01 to 2026-03-30 (89 days) against Q1 2026 (90 days), and 2028-01-01 to 2028-12-30
 * against 2028 (366 days). A validity as long as a window it meets is not reported, even when it
 * straddles two (a window cut by the validity is evaluated as a partial one). A rolling window
 * is a length of elapsed time, so it is compared with the validity's elapsed time in the zone:
 * 2026-03-01 to 2026-03-31 in Berlin lasts 743 hours (the clocks go forward), one hour short of
 * `per rolling 31 days`, and the 25-hour day 2026-10-25 holds `per rolling 25 hours`. Other
 * windows (ambiguous, with a length) are compared by their shortest length in days.
 */
function checkWindowsFitValidity(agreement: Agreement, accept: ValidationAcceptor): void {
    const validity = agreement.members.find(isValidity);
    const from = dayNumber(validity?.from);
    const to = dayNumber(validity?.to);
    if (from === undefined || to === undefined || to < from) return;
    const validDays = to - from + 1; // both ends inclusive
    const declared = agreement.members.find(isTimezoneDeclaration)?.zone;
    // Calendar windows begin at local midnights and the validity covers whole local days, so
    // whether one fits does not depend on the zone; a rolling window does (a day of the clock
    // change lasts 23 or 25 hours). Without a usable zone the engine measures in UTC, and so does this.
    const zone = declared !== undefined && isValidTimeZone(declared) ? declared : 'UTC';
    const first = parseCivilDate(validity!.from!)!;
    const last = parseCivilDate(validity!.to!)!;
    const validFrom = localToInstant(zone, first.year, first.month, first.day);
    const validTo = localToInstant(zone, last.year, last.month, last.day + 1);
    const elapsedMs = validTo - validFrom;
    const clocksChange = elapsedMs !== validDays * DAY_MS;
    const windows: Window[] = [];
    const collect = (member: AstNode): void => {
        if ((isObjective(member) || isInternalTarget(member) || isCredit(member)) && member.window) windows.push(member.window);
        if (isService(member)) member.members.forEach(collect);
    };
    agreement.members.forEach(collect);
    for (const window of windows) {
        const spec = windowSpecOf(window);
        const fits = spec?.kind === 'calendar' ? wholeWindowFits(spec, zone, validFrom, validTo)
            : spec?.kind === 'rolling' ? spec.lengthMs <= elapsedMs
            : (windowMinDays(window) ?? 0) <= validDays;
        if (fits) continue;
        // When the clocks change, the days alone do not explain why a rolling window does not fit.
        const elapsed = spec?.kind === 'rolling' && clocksChange
            ? `, but ${hours(elapsedMs)} of elapsed time as the clocks go ${elapsedMs < validDays * DAY_MS ? 'forward' : 'back'} in ${zone}; the window is ${hours(spec.lengthMs)}`
            : '';
        report(accept, 'validity-range',
            `The window ${quote(window)} is longer than the agreement's validity (${validity!.from} to ${validity!.to}, ${validDays} ${validDays === 1 ? 'day' : 'days'}${elapsed}): not one window completes while the agreement is valid. Use a shorter window or extend the validity.`,
            { node: window });
    }
}

const DAY_MS = DURATION_UNIT_MS.day!;
const HOUR_MS = DURATION_UNIT_MS.hour!;

/** `743 hours`, `1 hour`, `670.5 hours` (Lord Howe Island moves its clocks by half an hour). */
function hours(ms: number): string {
    const count = Math.round((ms / HOUR_MS) * 100) / 100;
    return `${count} ${count === 1 ? 'hour' : 'hours'}`;
}

/**
 * Is some calendar window that `[from, to)` meets no longer than it? A validity shorter than the
 * longest window of its kind meets at most two windows, so the first three decide.
 */
function wholeWindowFits(spec: Extract<WindowSpec, { kind: 'calendar' }>, zone: string, from: number, to: number): boolean {
    return calendarWindows(zone, spec.unit, from, to, 3, spec.yearStartMonth ?? 1).some(window => window.end - window.start <= to - from);
}

function checkFee(fee: Fee, accept: ValidationAcceptor): void {
    const quantity = fee.amount;
    if (!quantity || quantity.value === undefined || checkParameterWithoutUnit(quantity, 'money', 'the fee', accept)) return;
    if (quantity.unit === undefined) {
        report(accept, 'unit-missing', `The fee ${quote(quantity)} has no currency. Write e.g. '${quantity.value} EUR'.`,
            { node: quantity, property: 'value' }, { fixes: addUnitFixes(quantity, ['EUR', 'USD']) });
        return;
    }
    const unitClass = classifyUnit(quantity.unit);
    if (!unitClass) {
        reportUnknownUnit(quantity, accept);
    } else if (unitClass.kind !== 'money') {
        report(accept, 'unit-mismatch', `The fee ${quote(quantity)} is not an amount of money. Write it with an ISO 4217 currency code, e.g. '12000 EUR'.`,
            { node: quantity, property: 'unit' });
    }
}
