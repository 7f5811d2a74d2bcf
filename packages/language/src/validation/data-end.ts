import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isValidity, type CompleteTo, type SlaAstType } from '../generated/ast.js';
import { dayNumber } from './agreement.js';
import { report } from './report.js';

/**
 * `complete to DATE` in a dataset: an existing date, inside the agreement's validity, once
 * per dataset. It decides which windows have data, so a wrong date would change results.
 */
export function dataEndChecks(): ValidationChecks<SlaAstType> {
    return { CompleteTo: checkCompleteTo };
}

function checkCompleteTo(clause: CompleteTo, accept: ValidationAcceptor): void {
    const dataset = clause.$container;
    if (dataset.completeTo.indexOf(clause) > 0) {
        report(accept, 'data-end-range',
            `The dataset '${dataset.name}' already says how far its data are complete (complete to ${dataset.completeTo[0]!.date}). Keep one 'complete to' date.`,
            { node: clause, property: 'date' });
        return;
    }
    const day = dayNumber(clause.date);
    if (day === undefined) {
        report(accept, 'data-end-range', `'${clause.date}' is not a date in the calendar. Write the last day the data are complete for as YYYY-MM-DD.`, { node: clause, property: 'date' });
        return;
    }
    const validity = AstUtils.getContainerOfType(clause, isAgreement)?.members.find(isValidity);
    const from = dayNumber(validity?.from);
    const to = dayNumber(validity?.to);
    if (from === undefined || to === undefined) return;
    if (day < from || day > to) {
        report(accept, 'data-end-range',
            `'complete to ${clause.date}' lies outside the agreement's validity (${validity!.from} to ${validity!.to}): it would tell nothing about the windows evaluated. Write the last day of the validity the data are complete for.`,
            { node: clause, property: 'date' });
    }
}
