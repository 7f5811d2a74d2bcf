import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { isField, isKpi, isNameReference, isTimeslices, isTimestampType, isUptime, type Dataset, type Field, type Kpi } from '../generated/ast.js';
import { astNodes } from '../model/ast-walk.js';
import { fix, insertBeforeNode, removeLines, type QuickFix } from './quick-fix.js';
import { report, theNamed } from './report.js';

/**
 * The event time of a dataset is its first timestamp field: a row lies in the window its event
 * time lies in. Declared `optional`, the rows without it lie in no window, and a KPI that counts
 * the dataset by it (`count(tickets)`, `percentile(95, tickets.…)`) leaves them out. Reported
 * when some KPI of the document reads the dataset so; not when every one places its rows
 * otherwise: an uptime by its own interval, slices by another field (`slices(… by opened)`).
 */
export function checkOptionalEventTime(dataset: Dataset, accept: ValidationAcceptor): void {
    const eventTime = dataset.fields.find(field => field.name && isTimestampType(field.type));
    if (!eventTime?.optional) return;
    const kpi = kpiCountingByEventTime(dataset, eventTime);
    if (!kpi) return;
    const always = dataset.fields.find(field => field.name && isTimestampType(field.type) && !field.optional);
    const advice = always
        ? `Declare '${always.name}', which every row has, first: it then dates the rows.`
        : `Declare first a timestamp every row has, or make '${eventTime.name}' required.`;
    report(accept, 'event-time-optional',
        `'${eventTime.name}' is the event time of the dataset '${dataset.name}' (its first timestamp field), but it is optional: rows without it lie in no window, so ${theNamed('KPI', kpi.name)} does not count them. ${advice}`,
        { node: eventTime, property: 'optional' },
        { fixes: always ? moveFirstFix(eventTime, always) : [] });
}

/** The first KPI of the document that places the dataset's rows by their event time. */
function kpiCountingByEventTime(dataset: Dataset, eventTime: Field): Kpi | undefined {
    const root = AstUtils.findRootNode(dataset);
    for (const kpi of AstUtils.streamAllContents(root).filter(isKpi)) {
        if (!kpi.formula) continue;
        for (const node of astNodes(kpi.formula)) {
            if (readsDataset(node, dataset) && placedByEventTime(node, eventTime)) return kpi;
        }
    }
    return undefined;
}

function readsDataset(node: AstNode, dataset: Dataset): boolean {
    if (!isNameReference(node)) return false;
    const target = node.target?.ref;
    return target === dataset || (isField(target) && target.$container === dataset);
}

function placedByEventTime(reference: AstNode, eventTime: Field): boolean {
    // Outages are placed by their own interval (language reference § 14.5).
    if (AstUtils.getContainerOfType(reference, isUptime)) return false;
    const slices = AstUtils.getContainerOfType(reference, isTimeslices);
    return slices?.timeField === undefined || slices.timeField === eventTime.name;
}

/** Moves the line of `always` before the event time's, when it stands on a line of its own. */
function moveFirstFix(eventTime: Field, always: Field): QuickFix[] {
    const line = always.$cstNode;
    const before = eventTime.$cstNode;
    if (!line || !before || line.range.start.line === before.range.start.line) return [];
    const text = line.root.fullText.split(/\r?\n/)[line.range.start.line] ?? '';
    if (text.trim() !== line.text.trim()) return []; // a comment beside it would be lost
    const indent = ' '.repeat(before.range.start.character);
    return [fix(`Declare '${always.name}' first`, [insertBeforeNode(before, `${line.text}\n${indent}`), removeLines(line)], true)];
}
