/** An `objective each …` as plain sentences: the promise on every item, how windows are judged, what is listed. */
import { escapeMarkdown as md } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, isService } from '../generated/ast.js';
import type { EachObjective } from '../model/each-objective.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { agreementContext, zoneNote } from './agreement-context.js';
import { targetText } from './objective-text.js';
import { planTargetsSentence } from './terms-text.js';
import { comparisonWords, windowPhrase } from './wording.js';

export function eachObjectiveMarkdown(objective: EachObjective, types: SlaTypeComputer): string {
    const service = AstUtils.getContainerOfType(objective, isService);
    const who = service?.name ?? AstUtils.getContainerOfType(objective, isAgreement)?.name ?? 'The agreement';
    const items = objective.items;
    const dataset = items.dataset?.$refText || '(no dataset)';
    const where = items.condition?.$cstNode ? ` where ${md(items.condition.$cstNode.text.replace(/\s+/g, ' '))}` : '';
    const kpi = objective.kpi?.$refText || '(no KPI)';
    const named = items.idField ? `by its ${items.idField.$refText}` : 'by its line in the data file';
    // `by plan { … }`: each plan's limit, for the items of that plan (its target sentence says which plan applies).
    const limit = objective.planTargets ? `${kpi} within its plan's limit` : `${kpi} ${comparisonWords(objective.comparison)} ${targetText(objective, types)}`;
    return [
        `${who} promises that every item of ${dataset}${where} has ${limit}, ${windowPhrase(objective.window)} ${zoneNote(agreementContext(objective))}.`,
        ...(objective.planTargets ? [planTargetsSentence(objective)] : []),
        `Each item is judged by its own value: a window is breached when any item in it fails, met when none does.`,
        `The report counts the failed items and lists the first 10, each named ${named} with its value;`
        + ` an item still open that is already past the limit has failed, one that could still make it is pending (the window is then provisional).`
    ].join(' ');
}
