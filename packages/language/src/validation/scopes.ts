import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isObjective, isService, type Credit, type Dataset, type Field, type InternalTarget, type Kpi, type Objective, type SlaAstType } from '../generated/ast.js';
import { creditFee } from '../model/fees.js';
import { deploymentInventories } from '../model/inventory.js';
import { datasetsRead, formulaDatasets } from '../model/kpi-reads.js';
import { windowKey } from '../model/windows.js';
import { fix, insertAfterNode } from './quick-fix.js';
import { report } from './report.js';

/**
 * `for each <field>` (objectives, internal targets, credits): the field splits every dataset
 * the value (and a fee from billing data) is read from — a dataset without it would give
 * every scope value the whole dataset's value or charges. A credit and the objective it pays
 * for are scoped alike: a credit per region for an all-regions promise, or an all-regions
 * credit for a per-region promise, pays on another value than the one that was missed.
 */
export function scopeChecks(): ValidationChecks<SlaAstType> {
    return {
        Objective: checkObjectiveScope,
        InternalTarget: checkObjectiveScope,
        Credit: checkCreditScope
    };
}

function checkObjectiveScope(node: Objective | InternalTarget, accept: ValidationAcceptor): void {
    const field = node.scope?.ref;
    const kpi = node.kpi?.ref;
    if (!field || !kpi) return;
    for (const dataset of lacking(datasetsMeasured(kpi), field)) {
        report(accept, 'scope-field-missing',
            `'for each ${field.name}': the KPI '${kpi.name}' reads the dataset '${dataset.name}', which has no field '${field.name}', so its rows cannot be told apart per ${field.name}. Add the field to '${dataset.name}', or scope by a field every dataset of the KPI has.`,
            { node, property: 'scope' });
    }
}

/** The datasets a KPI's value is read from: those its formula names, and the inventories of its resources' deployments. */
function datasetsMeasured(kpi: Kpi): Dataset[] {
    const datasets = datasetsRead(kpi);
    for (const inventory of deploymentInventories(kpi)) if (!datasets.includes(inventory)) datasets.push(inventory);
    return datasets;
}

function checkCreditScope(credit: Credit, accept: ValidationAcceptor): void {
    const scope = credit.scope;
    const field = scope?.field?.ref;
    const kpi = credit.kpi?.ref;
    if (scope && field && kpi) {
        for (const dataset of lacking(datasetsMeasured(kpi), field)) {
            report(accept, 'scope-field-missing',
                `'for each ${field.name}': the KPI '${kpi.name}' reads the dataset '${dataset.name}', which has no field '${field.name}', so its rows cannot be told apart per ${field.name}. Add the field to '${dataset.name}', or scope by a field every dataset of the KPI has.`,
                { node: scope, property: 'field' });
        }
        const fee = creditFee(credit);
        for (const dataset of fee?.source ? lacking(formulaDatasets(fee.source), field) : []) {
            report(accept, 'scope-field-missing',
                `'for each ${field.name}': the fee is read from the dataset '${dataset.name}', which has no field '${field.name}': every ${field.name} would be paid on the charges of all of them. Add the field to '${dataset.name}'.`,
                { node: scope, property: 'field' });
        }
    }
    checkScopeMatchesObjective(credit, accept);
}

/** The credit pays when its objective (same KPI and window) is missed: per the same field, or both for all. */
function checkScopeMatchesObjective(credit: Credit, accept: ValidationAcceptor): void {
    const container = AstUtils.getContainerOfType(credit, isService) ?? AstUtils.getContainerOfType(credit, isAgreement);
    const key = windowKey(credit.window);
    if (!container || key === undefined) return;
    const objective = (container.members as Array<{ $type: string }>).filter(isObjective)
        .find(o => o.kpi?.ref === credit.kpi?.ref && windowKey(o.window) === key);
    if (!objective) return;
    const creditField = credit.scope?.field?.ref?.name ?? credit.scope?.field?.$refText;
    const objectiveField = objective.scope?.ref?.name ?? objective.scope?.$refText;
    if (creditField === objectiveField) return;
    const kpi = credit.kpi?.$refText ?? '';
    if (creditField && !objectiveField) {
        const windowNode = objective.window?.$cstNode;
        report(accept, 'credit-scope-mismatch',
            `The credit is paid for each ${creditField}, but the objective on '${kpi}' promises one value for all of them: a ${creditField} can earn a credit while the promise is met. Scope the objective too ('for each ${creditField}').`,
            { node: credit.scope!, property: 'field' },
            { fixes: windowNode && !objective.scope ? [fix(`Add 'for each ${creditField}' to the objective`, [insertAfterNode(windowNode, ` for each ${creditField}`)], true)] : [] });
    } else if (!creditField && objectiveField) {
        const windowNode = credit.window?.$cstNode;
        report(accept, 'credit-scope-mismatch',
            `The objective on '${kpi}' is promised for each ${objectiveField}, but the credit is computed on the value of all of them together: a ${objectiveField} that misses the promise is paid on a value its neighbours improve. Write 'for each ${objectiveField}' in the credit.`,
            { node: credit, property: 'kpi' },
            { fixes: windowNode ? [fix(`Add 'for each ${objectiveField}' to the credit`, [insertAfterNode(windowNode, ` for each ${objectiveField}`)], true)] : [] });
    } else {
        report(accept, 'credit-scope-mismatch',
            `The credit is paid for each ${creditField}, but the objective on '${kpi}' is promised for each ${objectiveField}: the credit pays on other values than those the promise judges. Scope both by the same field.`,
            { node: credit.scope!, property: 'field' });
    }
}

/** The datasets without a field of that name (scopes are matched by field name across datasets). */
function lacking(datasets: readonly Dataset[], field: Field): Dataset[] {
    return datasets.filter(dataset => !dataset.fields.some(candidate => candidate.name === field.name));
}
