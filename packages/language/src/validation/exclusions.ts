import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isDataset, isField, type Exclusion, type SlaAstType } from '../generated/ast.js';
import { firstNameReference } from '../model/name-references.js';
import { windowSpecOf } from '../model/windows.js';
import type { SlaServices } from '../sla-module.js';
import { quantityValue } from '../types/type-computer.js';
import { typeName } from '../types/sla-type.js';
import { report } from './report.js';
import { reportTypeProblems } from './quantities.js';

/**
 * Named exclusions: the rows one marks are `dataset where condition` with a yes/no condition
 * over that dataset's rows; a cap is a duration per calendar window.
 */
export function exclusionChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return { Exclusion: (node, accept) => { checkRows(node, services, accept); checkCap(node, accept); } };
}

function checkRows(node: Exclusion, services: SlaServices, accept: ValidationAcceptor): void {
    const selection = node.selection;
    if (!selection?.value) return;
    const source = firstNameReference(selection.value);
    const target = source?.target?.ref;
    if (!target) return; // an unknown name is reported by linking
    if (!isDataset(target) || selection.value !== source) {
        const name = isField(target) ? target.$container.name : source?.target?.$refText ?? 'dataset';
        report(accept, 'exclusion-rows',
            `An exclusion marks rows of a dataset: write the dataset's name, then which rows, e.g. '= ${name} where cause = "customer"'.`,
            { node: selection, property: 'value' });
        return;
    }
    if (!selection.condition) {
        report(accept, 'exclusion-rows',
            `The exclusion '${node.name}' names the dataset '${target.name}' without saying which rows it excludes: it would exclude every row. Add 'where …', e.g. '${target.name} where cause = "customer"'.`,
            { node: selection, property: 'value' });
        return;
    }
    const types = services.types.TypeComputer;
    const problems = types.problemsOf(selection.condition);
    reportTypeProblems(problems, accept);
    if (problems.length > 0) return;
    const type = types.typeOf(selection.condition);
    if (type.kind !== 'boolean' && type.kind !== 'unknown') {
        report(accept, 'exclusion-rows',
            `The condition of the exclusion '${node.name}' is ${typeName(type)}, not a yes/no test of a row: write a comparison, e.g. 'cause = "customer"'.`,
            { node: selection, property: 'condition' });
    }
}

function checkCap(node: Exclusion, accept: ValidationAcceptor): void {
    const cap = node.cap;
    if (!cap?.amount) return;
    const amount = quantityValue(cap.amount);
    if (amount.type.kind !== 'duration') {
        report(accept, 'exclusion-rows',
            `The cap of the exclusion '${node.name}' is excluded time: write a duration, e.g. 'at most 10 hours per calendar year'.`,
            { node: cap, property: 'amount' });
    }
    const window = cap.window ? windowSpecOf(cap.window) : undefined;
    // An ambiguous window (`per year`) is reported by the window checks; a rolling one cannot restart a cap.
    if (window?.kind === 'rolling') {
        report(accept, 'exclusion-rows',
            `The cap of the exclusion '${node.name}' restarts each calendar window: write 'per calendar year' (or month, quarter …), not a rolling window.`,
            { node: cap, property: 'window' });
    }
}
