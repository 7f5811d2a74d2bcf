import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import {
    Agreement, Calendar, Clause, Dataset, Field, Kpi, Maintenance, Parameter, Party, Service, isCalendar, isClause, isDataset, isFee, isKpi,
    isFiscalYear, isMaintenance, isParameter, isParty, isService, isTimezoneDeclaration, isValidity, type SlaAstType
} from '../generated/ast.js';
import { report } from './report.js';

/**
 * Two declarations of one kind and name in one scope (sla/duplicate-name), and settings
 * given twice where only one can apply (sla/duplicate-entry): which one would count?
 */
export function duplicateChecks(): ValidationChecks<SlaAstType> {
    return {
        Document: (document, accept) => checkNames(document.elements, accept),
        Agreement: checkAgreement,
        Service: (service: Service, accept) => checkNames(service.members, accept),
        Dataset: checkDataset,
        Calendar: (calendar: Calendar, accept) => checkRepeated(calendar.timezones, 'a time zone', accept),
        Maintenance: (maintenance: Maintenance, accept) => {
            checkRepeated(maintenance.timezones, 'a time zone', accept);
            checkRepeated(maintenance.notices, 'a notice period', accept);
            checkRepeated(maintenance.requestedBy, "'requested by customer'", accept);
        }
    };
}

/** The named declarations that may not share a name with one of their kind, and how messages call them. */
const KIND_NAMES: Readonly<Record<string, string>> = {
    [Agreement.$type]: 'agreement', [Calendar.$type]: 'calendar', [Maintenance.$type]: 'maintenance', [Dataset.$type]: 'dataset',
    [Kpi.$type]: 'KPI', [Service.$type]: 'service', [Clause.$type]: 'clause', [Party.$type]: 'party', [Field.$type]: 'field',
    [Parameter.$type]: 'parameter'
};

function checkNames(nodes: readonly AstNode[], accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode>();
    for (const node of nodes) {
        const name = (node as AstNode & { name?: unknown }).name;
        if (typeof name !== 'string' || name === '' || !(node.$type in KIND_NAMES)) continue;
        const key = `${node.$type}:${name}`;
        const first = seen.get(key);
        if (!first) {
            seen.set(key, node);
            continue;
        }
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        report(accept, 'duplicate-name',
            `A ${KIND_NAMES[node.$type]} named '${name}' is already declared (line ${line}): references to '${name}' could mean either. Rename one of them.`,
            { node, property: 'name' });
    }
}

function checkAgreement(agreement: Agreement, accept: ValidationAcceptor): void {
    // A template's parameters too: a client's `with avail = …` would set only the first.
    checkNames(agreement.members.filter(m => isCalendar(m) || isMaintenance(m) || isDataset(m) || isKpi(m) || isService(m) || isClause(m) || isParty(m) || isParameter(m)), accept);
    checkRepeated(agreement.members.filter(isTimezoneDeclaration), 'a time zone', accept);
    checkRepeated(agreement.members.filter(isValidity), 'a validity period', accept);
    checkRepeated(agreement.members.filter(isFee), 'a fee', accept);
    checkRepeated(agreement.members.filter(isFiscalYear), 'a fiscal year', accept);
}

function checkDataset(dataset: Dataset, accept: ValidationAcceptor): void {
    checkNames(dataset.fields, accept);
    checkRepeated(dataset.timezones, 'a time zone', accept);
    if (dataset.formats.length > 1) {
        for (let i = 1; i < dataset.formats.length; i++) {
            report(accept, 'duplicate-entry', `The dataset '${dataset.name}' states its format twice: which one is read? Keep one 'format'.`,
                { node: dataset, property: 'formats', index: i });
        }
    }
}

function checkRepeated(entries: readonly AstNode[], what: string, accept: ValidationAcceptor): void {
    for (const entry of entries.slice(1)) {
        report(accept, 'duplicate-entry',
            `This states ${what} a second time: which one applies? Keep one.`,
            { node: entry });
    }
}
