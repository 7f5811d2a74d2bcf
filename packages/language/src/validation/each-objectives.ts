import { type ValidationAcceptor, type ValidationChecks } from 'langium';
import { astNodes } from '../model/ast-walk.js';
import {
    isCredit, isDataset, isElapsed, isField, isInternalTarget, isNameReference,
    type Credit, type Dataset, type InternalTarget, type Kpi, type Objective, type SlaAstType
} from '../generated/ast.js';
import { isEachObjective, type EachObjective } from '../model/each-objective.js';
import type { SlaServices } from '../sla-module.js';
import { quantityValue } from '../types/type-computer.js';
import { ItemKpis } from '../model/item-kpis.js';
import { typeName } from '../types/sla-type.js';
import { report } from './report.js';
import { reportTypeProblems } from './quantities.js';

/**
 * `objective each tickets by id where …: Kpi <= 4 hours per calendar month`: the KPI gives one
 * value per item of that dataset (a per-row formula over it), the target fits its unit, a
 * window is stated. A per-row KPI is for `each` promises only: an ordinary objective, internal
 * target or credit on it needs one value per window.
 */
export function eachObjectiveChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    const itemKpis = new ItemKpis(services.shared);
    const usedByEachObjective = (kpi: Kpi): boolean => itemKpis.usedByEachObjective(kpi);
    const isRowKpi = (kpi: Kpi | undefined): boolean => kpi?.formula !== undefined && types.levelOf(kpi.formula) === 'row';
    const checkWindowedUse = (node: Objective | InternalTarget | Credit, accept: ValidationAcceptor): void => {
        const kpi = node.kpi?.ref;
        if (!isRowKpi(kpi) || !usedByEachObjective(kpi!)) return; // without an `each` use, the KPI itself is reported
        const what = isCredit(node) ? 'A credit' : isInternalTarget(node) ? 'An internal target' : 'An objective';
        report(accept, 'aggregate-required',
            `${what} needs one value per window, but '${kpi!.name}' gives one value per item. Promise it per item ('objective each …'), or declare a KPI that aggregates it, e.g. max(${kpi!.formula.$cstNode?.text.replace(/\s+/g, ' ') ?? '…'}).`,
            { node, property: 'kpi' });
    };
    return {
        Objective: (node, accept) => {
            if (!isEachObjective(node)) {
                checkWindowedUse(node, accept);
                return;
            }
            // Window, comparison and the target's unit are checked as for every objective (windows.ts, objectives.ts).
            checkCondition(node, services, accept);
            const kpi = node.kpi?.ref;
            checkItemKpi(node, kpi, isRowKpi(kpi), accept);
            // `<= 2 business days` on an elapsed time during a calendar: counted in working days, exactly (pauses excluded too).
            if (!kpi || !node.target || quantityValue(node.target).type.kind !== 'businessDays') return;
            if (!isElapsed(kpi.formula) || !kpi.formula.calendar) {
                report(accept, 'unit-mismatch',
                    `Business days count the working days of a calendar, but '${kpi.name}' is not 'elapsed(…) during <calendar>'. Write the limit in hours, or measure the KPI during a calendar.`,
                    { node, property: 'target' });
            }
        },
        Kpi: (kpi, accept) => {
            // A per-row KPI that only `each` promises use is fine; formulas.ts reports it otherwise.
            if (!isRowKpi(kpi) || !usedByEachObjective(kpi)) return;
            const datasets = datasetsRead(kpi);
            if (datasets.size > 1) {
                report(accept, 'item-kpi',
                    `'${kpi.name}' reads the fields of ${[...datasets].map(d => `'${d.name}'`).join(' and ')}: a per-item KPI reads one dataset, the items'.`,
                    { node: kpi, property: 'formula' });
            }
        },
        InternalTarget: checkWindowedUse,
        Credit: checkWindowedUse
    };
}

/** `where …` selects items row by row: a condition over the items' fields, typed like a formula's `where`. */
function checkCondition(node: EachObjective, services: SlaServices, accept: ValidationAcceptor): void {
    const condition = node.items.condition;
    if (!condition) return;
    const types = services.types.TypeComputer;
    reportTypeProblems(types.problemsOf(condition), accept);
    const type = types.typeOf(condition);
    if (type.kind !== 'unknown' && type.kind !== 'boolean') {
        report(accept, 'unit-mismatch', `'where' selects the items with a condition (e.g. priority = "P1"), but this is ${typeName(type)}.`, { node: condition });
    } else if (types.levelOf(condition) === 'aggregate') {
        report(accept, 'aggregate-required', `'where' is checked item by item; it cannot contain an aggregate or a KPI. Compare fields of the item instead.`, { node: condition });
    }
}

/** The KPI of an `each` promise gives one value per row of the items' dataset. */
function checkItemKpi(node: EachObjective, kpi: Kpi | undefined, perRow: boolean, accept: ValidationAcceptor): void {
    if (!kpi?.formula) return;
    const dataset = node.items.dataset?.ref;
    if (!perRow) {
        report(accept, 'item-kpi',
            `'${kpi.name}' gives one value per window, but 'objective each' judges every item by its own value. Use a per-row KPI, e.g. 'kpi ResolutionTime = elapsed(${dataset?.name ?? 'tickets'}.opened, ${dataset?.name ?? 'tickets'}.resolved) during <calendar>'.`,
            { node, property: 'kpi' });
        return;
    }
    if (!dataset) return;
    const read = datasetsRead(kpi);
    if (read.size > 0 && !read.has(dataset)) {
        report(accept, 'item-kpi',
            `'${kpi.name}' reads the rows of ${[...read].map(d => `'${d.name}'`).join(' and ')}, not of '${dataset.name}': each item is a row of '${dataset.name}', so its KPI must read that dataset's fields.`,
            { node, property: 'kpi' });
    }
}

/** The datasets whose fields a per-row formula names. */
function datasetsRead(kpi: Kpi): Set<Dataset> {
    const found = new Set<Dataset>();
    for (const node of astNodes(kpi.formula)) {
        if (!isNameReference(node)) continue;
        const target = node.target?.ref;
        if (isField(target) && isDataset(target.$container)) found.add(target.$container);
    }
    return found;
}
