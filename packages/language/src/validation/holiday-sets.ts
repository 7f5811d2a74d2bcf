import { daysInMonth, holidayRegionProblem, parseCivilDate, publicHolidays } from '@sla/engine';
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Holiday, HolidayChoice, HolidaySet, SlaAstType } from '../generated/ast.js';
import { firstYearsOf, holidayChoiceText, listedPeriod, MAX_SEARCHED_YEARS, MONTHS, removesAny, yearsOf } from '../model/calendar-days.js';
import { nearestWord } from '../types/units.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * Days off of calendars: holiday sets name a region the holiday library knows and remove
 * only holidays it has; dates are real dates; half days close at a time of day.
 */
export function holidayChecks(): ValidationChecks<SlaAstType> {
    return {
        HolidaySet: checkHolidaySet,
        Holiday: checkHoliday,
        HolidayChoice: checkDate
    };
}

function checkHolidaySet(set: HolidaySet, accept: ValidationAcceptor): void {
    if (set.region === undefined) return;
    const problem = holidayRegionProblem(set.region);
    if (problem) {
        const node = propertyNode(set, 'region');
        const suggestions = problem.suggestions.map(code => `"${code}"`);
        report(accept, 'holiday-region-unknown',
            `${problem.message}.${suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : ''} Write an ISO 3166 country code, optionally with a state or region: "FR", "DE-BY", "FR-57".`,
            { node: set, property: 'region' },
            { fixes: node ? suggestions.map((code, i) => fix(`Use ${code}`, [replaceNode(node, code)], i === 0)) : [] });
        return;
    }
    const period = listedPeriod(set);
    set.removed.forEach((choice, index) => {
        if (removesAny(choice, set.region, period)) return;
        if (choice.date === undefined && choice.day !== undefined && dateProblem(choice) !== undefined) return; // reported by checkDate
        const names = [...new Set(yearsOf(firstYearsOf(period, MAX_SEARCHED_YEARS)).flatMap(year => publicHolidays(set.region, year).map(holiday => holiday.name)))];
        const nearest = choice.name !== undefined ? nearestWord(choice.name, names, Math.max(2, Math.floor(choice.name.length / 3))) : undefined;
        const node = propertyNode(set, 'removed', index);
        report(accept, 'holiday-not-in-set',
            `${holidayChoiceText(choice)} is not a public holiday of "${set.region}" ${!period.fromValidity && choice.date !== undefined ? `in ${choice.date.slice(0, 4)}` : period.label}, so 'without' changes nothing.`
            + (nearest ? ` Did you mean "${nearest}"?` : choice.name !== undefined ? ` Its holidays are: ${names.join(', ')}.` : ' Remove it, or add a day off with \'except\'.'),
            { node: set, property: 'removed', index },
            { fixes: nearest && node ? [fix(`Use "${nearest}"`, [replaceNode(node, `"${nearest}"`)], true)] : [] });
    });
}

function checkHoliday(holiday: Holiday, accept: ValidationAcceptor): void {
    checkDate(holiday, accept);
    if (holiday.from !== undefined && !/^([01]?\d|2[0-3]):[0-5]\d$/.test(holiday.from)) {
        report(accept, 'calendar-range', `'${holiday.from}' is not a time of day a half day can start at: write hours 00–23 and minutes 00–59, e.g. 'from 12:00'.`,
            { node: holiday, property: 'from' });
    }
}

/** Why a written day is not a real date, or undefined. */
function dateProblem(day: Holiday | HolidayChoice): string | undefined {
    if (day.date !== undefined) return parseCivilDate(day.date) === undefined ? `'${day.date}' is not a real date` : undefined;
    if (day.day === undefined || day.month === undefined) return undefined;
    const month = MONTHS.indexOf(day.month) + 1;
    // Every year: 29 February is allowed (leap years only), 30 February never.
    if (!Number.isInteger(day.day) || day.day < 1 || day.day > daysInMonth(2024, month)) return `'${day.day} ${day.month}' is not a day of the year`;
    return undefined;
}

function checkDate(day: Holiday | HolidayChoice, accept: ValidationAcceptor): void {
    const problem = dateProblem(day);
    if (problem === undefined) return;
    report(accept, 'holiday-date-invalid', `${problem}: write a date as YYYY-MM-DD (that day) or as '24 december' (every year).`,
        { node: day, property: day.date !== undefined ? 'date' : 'day' });
}
