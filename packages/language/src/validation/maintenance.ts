import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isDataset, isField, isNameReference, type Expression, type Maintenance, type MaintenancePeriods, type SlaAstType } from '../generated/ast.js';
import { firstNameReference } from '../model/name-references.js';
import type { SlaServices } from '../sla-module.js';
import { typeName } from '../types/sla-type.js';
import { fieldTypeOf } from '../types/type-computer.js';
import { checkQuantity, reportTypeProblems } from './quantities.js';
import { fix, insertBeforeNode, removeNode } from './quick-fix.js';
import { keywordNode, report } from './report.js';

/** Maintenance windows excuse downtime: they must be bounded and announced, and periods listed in data must be readable as periods. */
export function maintenanceChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return {
        Maintenance: (maintenance, accept) => {
            checkBounded(maintenance, accept);
            checkListedNotice(maintenance, accept);
        },
        MaintenancePeriods: (periods, accept) => checkPeriods(periods, services, accept),
        Notice: (notice, accept) => {
            checkQuantity(notice.period, { kind: 'duration' }, 'a notice period', accept);
        }
    };
}

function checkBounded(maintenance: Maintenance, accept: ValidationAcceptor): void {
    if (!maintenance.name) return;
    if (maintenance.asNeeded.length > 0) {
        report(accept, 'maintenance-unbounded',
            `Maintenance 'as needed' lets the provider exclude any outage by calling it maintenance. State when it happens (e.g. 'every sunday 02:00 to 04:00'), a dated slot ('on 2026-06-01 22:00 to 23:30') or the dataset that lists its periods with their announcement times ('periods(changes where …, from start to end, announced at announced)').`,
            { node: maintenance.asNeeded[0] });
    } else if (maintenance.slots.length === 0 && maintenance.periods.length === 0) {
        report(accept, 'maintenance-unbounded',
            `The maintenance '${maintenance.name}' has no schedule: when may the service be down? Add e.g. 'every sunday 02:00 to 04:00'.`,
            { node: maintenance, property: 'name' });
    }
    // Downtime the customer requests needs no notice from the provider: the customer sets the time.
    if (maintenance.notices.length === 0 && maintenance.requestedBy.length === 0) {
        report(accept, 'maintenance-unbounded',
            `The maintenance '${maintenance.name}' has no notice period: the customer cannot plan around it. Add e.g. 'notice 72 hours'.`,
            { node: maintenance, property: 'name' });
    }
    for (const extra of maintenance.periods.slice(1)) {
        report(accept, 'duplicate-entry',
            `The maintenance '${maintenance.name}' lists its periods twice: keep one 'periods(…)' (a condition with 'or' takes rows of both kinds).`,
            { node: extra }, extra.$cstNode ? { fixes: [fix('Remove this second periods(…)', [removeNode(extra.$cstNode)])] } : {});
    }
}

/**
 * Periods listed in data with a notice: the notice is checked only against each period's
 * announcement time; without one, a period logged an hour before it started would excuse
 * downtime as well as one announced a week ahead.
 */
function checkListedNotice(maintenance: Maintenance, accept: ValidationAcceptor): void {
    const periods = maintenance.periods[0];
    const notice = maintenance.notices[0];
    if (periods === undefined || notice === undefined || periods.announced !== undefined || maintenance.requestedBy.length > 0) return;
    // The dataset's other timestamp fields are the candidates for the announcement time.
    const dataset = periods.selection?.value ? firstNameReference(periods.selection.value)?.target?.ref : undefined;
    const bounds = [periods.start, periods.end].map(bound => (isNameReference(bound) ? bound.target?.ref : undefined));
    const candidates = isDataset(dataset) ? dataset.fields.filter(field => fieldTypeOf(field.type).kind === 'timestamp' && !bounds.includes(field)) : [];
    const close = keywordNode(periods, ')');
    const fixes = close ? candidates.map(field => fix(`Add ', announced at ${field.name}'`, [insertBeforeNode(close, `, announced at ${field.name}`)], candidates.length === 1)) : [];
    report(accept, 'maintenance-notice',
        `The notice of the maintenance '${maintenance.name}' cannot be checked: its periods come from data without their announcement time, so a period logged after the outage would excuse it too. Add ', announced at <field>' to periods(…) with the field that says when each period was announced.`,
        { node: periods }, fixes.length > 0 ? { fixes } : {});
}

function checkPeriods(node: MaintenancePeriods, services: SlaServices, accept: ValidationAcceptor): void {
    const types = services.types.TypeComputer;
    const selection = node.selection;
    const source = selection?.value ? firstNameReference(selection.value) : undefined;
    const target = source?.target?.ref;
    if (target !== undefined && (!isDataset(target) || selection.value !== source)) {
        const name = isField(target) ? target.$container.name : source?.target?.$refText ?? 'changes';
        report(accept, 'field-type',
            `periods(…) reads the rows of a dataset, each one period: write the dataset's name, e.g. 'periods(${name} where kind = "maintenance", from start to end)'.`,
            { node: selection, property: 'value' });
    }
    if (selection?.condition) {
        const problems = types.problemsOf(selection.condition);
        reportTypeProblems(problems, accept);
        const type = problems.length > 0 ? undefined : types.typeOf(selection.condition);
        if (type !== undefined && type.kind !== 'boolean' && type.kind !== 'unknown') {
            report(accept, 'unit-mismatch', `A 'where' filter needs a condition (e.g. kind = "maintenance"), but this is ${typeName(type)}.`, { node: selection, property: 'condition' });
        }
    }
    const bounds: [Expression | undefined, 'start' | 'end' | 'announced', string][] = [[node.start, 'start', `'from'`], [node.end, 'end', `'to'`], [node.announced, 'announced', `'announced at'`]];
    for (const [bound, property, word] of bounds) {
        if (bound === undefined) continue;
        const type = types.typeOf(bound);
        if (!isNameReference(bound) || (type.kind !== 'timestamp' && type.kind !== 'unknown')) {
            report(accept, 'field-type',
                `periods(…) needs a timestamp field after ${word}${type.kind === 'unknown' ? '' : `, but this is ${typeName(type)}`}: name the field of the dataset that holds it.`,
                { node, property });
        }
    }
}
