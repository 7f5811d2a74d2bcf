import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { calendarWindowContaining, civilFromDays, formatCivilDate, MS_PER_DAY, type CalendarUnit } from '@sla/engine';
import { isAgreement, isValidity, type ContinuousImprovement, type SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { calendarUnitOf, fiscalUnitOf, fiscalYearOf, fiscalYearStartMonth } from '../model/windows.js';
import { quantityValue } from '../types/type-computer.js';
import { dayNumber } from './agreement.js';
import { checkQuantity } from './quantities.js';
import { quote, report } from './report.js';

/** Windows of a calendar (or fiscal) unit in a contract year. */
const WINDOWS_PER_YEAR: Record<string, number> = { month: 12, quarter: 4, year: 1 };

/**
 * Continuous Improvement (docs/language-reference.md § 9.5): `, improved yearly to the mean of the
 * best 6 windows by at most 0.2%`. The target of each contract year after the first is computed
 * from the windows of the year before, so those windows must lie wholly in one contract year
 * (calendar or fiscal months, quarters or years, and a validity starting on a window's first day),
 * the count must fit in a year, the limit is a positive amount in the target's unit, and the
 * promise is one target (not per plan, per item, or stepping up on dates). A validity of one
 * year or less never reaches a second contract year (warning).
 */
export function continuousImprovementChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    return {
        ContinuousImprovement: (rule: ContinuousImprovement, accept: ValidationAcceptor) => {
            const objective = rule.$container;
            const at = { node: rule, keyword: 'improved' };
            if (objective.planTargets || objective.items || objective.steps.length > 0) {
                const why = objective.planTargets ? 'A target per plan cannot improve yearly here: which plan\'s would the mean move? Write one objective per plan, each with its improvement.'
                    : objective.items ? 'A promise on every item (\'objective each\') takes one target and counts the items that fail: it does not improve with a mean of windows. Promise the share of items on time in an objective that improves yearly instead.'
                        : `The objective steps up on dates (${objective.steps.map(step => step.from ?? '…').join(', ')}) and would also improve yearly: two rules would set the same target. Keep the steps or the improvement.`;
                report(accept, 'continuous-improvement', why, at);
                return;
            }
            const window = objective.window;
            const unit = !window ? undefined : window.fiscal ? fiscalUnitOf(window) : window.calendar ? calendarUnitOf(window.unit) : undefined;
            const perYear = unit === undefined || window?.length !== undefined ? undefined : WINDOWS_PER_YEAR[unit];
            // 'monthly' and the like are ambiguous: reported as such (windows.ts).
            if (window && !window.adverb && perYear === undefined) {
                report(accept, 'continuous-improvement',
                    `A contract year's target is the mean of the best windows of the year before, so each window must lie in one contract year: '${window.$cstNode?.text ?? ''}' does not. Write the objective 'per calendar month' or 'per calendar quarter'.`,
                    at);
                return;
            }
            if (rule.best !== undefined && (!Number.isInteger(rule.best) || rule.best < 1 || (perYear !== undefined && rule.best > perYear))) {
                report(accept, 'continuous-improvement',
                    perYear !== undefined && Number.isInteger(rule.best) && rule.best > perYear
                        ? `A contract year has ${perYear} window(s) ${window?.$cstNode?.text ?? ''}: the mean of its best ${rule.best} can never be taken. Write at most ${perYear}.`
                        : `The mean is of a whole number of windows, at least 1, not ${rule.best}.`,
                    { node: rule, property: 'best' });
                return;
            }
            if (rule.limit) {
                const kpi = objective.kpi?.ref;
                const kpiType = kpi ? types.kpiType(kpi) : undefined;
                if (kpiType && !checkQuantity(rule.limit, kpiType, `the KPI '${kpi!.name}'`, accept)) return;
                if (quantityValue(rule.limit).value <= 0) {
                    report(accept, 'continuous-improvement', `${quote(rule.limit)} would never move the target: write a limit above zero, or leave out 'by at most …'.`, { node: rule, property: 'limit' });
                    return;
                }
            }
            checkContractYears(rule, unit, window && unit ? (window.fiscal ? fiscalYearStartMonth(fiscalYearOf(window)) ?? 1 : 1) : 1, accept);
        }
    };
}

/**
 * The validity's first day starts the contract years: it must start a window (reported at the
 * validity, where a template's client can fix it), and the validity should reach a second year
 * (at the improvement: a one-year client of a template that improves is no mistake).
 */
function checkContractYears(rule: ContinuousImprovement, unit: CalendarUnit | undefined, yearStartMonth: number, accept: ValidationAcceptor): void {
    const validity = AstUtils.getContainerOfType(rule, isAgreement)?.members.find(isValidity);
    const first = dayNumber(validity?.from);
    const last = dayNumber(validity?.to);
    if (!validity || first === undefined) return;
    if (unit !== undefined) {
        const containing = calendarWindowContaining('UTC', unit, first * MS_PER_DAY, yearStartMonth);
        const start = containing.start / MS_PER_DAY;
        if (start !== first) {
            const civil = civilFromDays(containing.end / MS_PER_DAY);
            // At the validity: a client of a template that improves yearly fixes it there.
            const objective = rule.$container;
            report(accept, 'continuous-improvement',
                `The objective on '${objective.kpi?.$refText ?? ''}' improves yearly, and its contract years start on ${validity.from}, the validity's first day, which is not the first day of a window: the window of each anniversary would lie in two contract years. Start the validity on the first day of a window (${formatCivilDate(civil.year, civil.month, civil.day)}).`,
                { node: validity, property: 'from' });
            return;
        }
    }
    if (last !== undefined) {
        const from = civilFromDays(first);
        const anniversary = dayNumber(formatCivilDate(from.year + 1, from.month, from.day));
        if (anniversary !== undefined && last < anniversary) {
            report(accept, 'continuous-improvement',
                `The validity (${validity.from} to ${validity.to}) ends within its first contract year: the target never improves. Remove the improvement, or extend the validity.`,
                { node: rule, keyword: 'improved' }, { severity: 'warning' });
        }
    }
}
