/** The one entry from a declaration to its plain-language explanation (hovers and `sla explain` both use it). */
import type { AstNode } from 'langium';
import {
    isAgreement, isCalendar, isClause, isCompleteTo, isRowKey, isCredit, isCreditsCap, isCsvEncoding, isCsvSeparator, isDecimalMark, isCreditInput, isDataset, isFee, isField, isInternalTarget, isKpi, isMaintenance, isObjective,
    isHolidaySet, isNthWeekdaySlot, isParty, isRecurringSlot, isService, isTimezoneDeclaration, isValidity, isExclusion, isTermination, isPlan, isPlanChoice, isPlanList
} from '../generated/ast.js';
import { exclusionMarkdown, planChoiceMarkdown, planListMarkdown, planMarkdown, terminationMarkdown } from './terms-text.js';
import { holidaySetMarkdown, ruleSlotMarkdown } from './calendar-days-text.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { creditMarkdown, creditsCapMarkdown } from './credit-text.js';
import { creditInputMarkdown } from './credit-formula-text.js';
import { completeToMarkdown, csvDialectMarkdown, datasetMarkdown, fieldMarkdown, rowKeyMarkdown } from './dataset-text.js';
import {
    agreementMarkdown, calendarMarkdown, clauseMarkdown, feeMarkdown, fiscalYearMarkdown, maintenanceMarkdown, partyMarkdown, serviceMarkdown, timezoneMarkdown,
    validityMarkdown
} from './declaration-text.js';
import { kpiMarkdown } from './kpi-text.js';
import { objectiveMarkdown } from './objective-text.js';
import { eachObjectiveMarkdown } from './each-objective-text.js';
import { isEachObjective } from '../model/each-objective.js';
import { isFiscalYear, isParameter } from '../generated/ast.js';
import { clientMarkdown, parameterMarkdown, templateMarkdown } from './template-text.js';

export function explainNode(node: AstNode, types: SlaTypeComputer): string | undefined {
    if (isEachObjective(node)) return eachObjectiveMarkdown(node, types);
    if (isObjective(node) || isInternalTarget(node)) return objectiveMarkdown(node, types);
    if (isKpi(node)) return kpiMarkdown(node, types);
    if (isCredit(node)) return creditMarkdown(node);
    if (isCreditsCap(node)) return creditsCapMarkdown(node);
    if (isCreditInput(node)) return creditInputMarkdown(node);
    if (isField(node)) return fieldMarkdown(node);
    if (isDataset(node)) return datasetMarkdown(node);
    if (isCompleteTo(node)) return completeToMarkdown(node);
    if (isRowKey(node)) return rowKeyMarkdown(node);
    if (isCsvSeparator(node) || isDecimalMark(node) || isCsvEncoding(node)) return csvDialectMarkdown(node);
    if (isValidity(node)) return validityMarkdown(node);
    if (isTimezoneDeclaration(node)) return timezoneMarkdown(node);
    if (isFiscalYear(node)) return fiscalYearMarkdown(node);
    if (isFee(node)) return feeMarkdown(node);
    if (isParty(node)) return partyMarkdown(node);
    if (isCalendar(node)) return calendarMarkdown(node);
    if (isMaintenance(node)) return maintenanceMarkdown(node);
    if (isHolidaySet(node)) return holidaySetMarkdown(node);
    if (isNthWeekdaySlot(node) || isRecurringSlot(node)) return ruleSlotMarkdown(node);
    if (isClause(node)) return clauseMarkdown(node);
    if (isExclusion(node)) return exclusionMarkdown(node);
    if (isTermination(node)) return terminationMarkdown(node);
    if (isPlan(node)) return planMarkdown(node);
    if (isPlanList(node)) return planListMarkdown(node);
    if (isPlanChoice(node)) return planChoiceMarkdown(node);
    if (isService(node)) return serviceMarkdown(node);
    if (isParameter(node)) return parameterMarkdown(node);
    if (isAgreement(node) && node.isTemplate) return templateMarkdown(node);
    if (isAgreement(node)) return clientMarkdown(node, types) ?? agreementMarkdown(node);
    return undefined;
}
