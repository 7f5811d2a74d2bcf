import { scanDataset } from '../data/scan-dataset.js';
import type { RowReader } from '../data/scan-context.js';
import type { AgreementModel, CreditModel, Expr } from '../model.js';
import type { CreditReport } from '../report/report-types.js';
import { formulaKpis } from './credit-formula.js';
import type { EvaluationPlan } from './evaluation-plan.js';
import type { InstantFormatter } from './instant-format.js';
import { compileRowExpression } from './row-expression.js';
import { clientScopeTest } from './client-scope.js';
import { compileOpenRowCheck, elapsedNodes, judgeOpenRow, verdictOf } from './open-judgement.js';

/** How many counted items a window lists (the count is always complete). */
export const LISTED_ITEMS = 10;

/**
 * Per-item credits (`200 EUR * LateP1`, LateP1 = count(tickets where …)): the report lists,
 * per window whose formula tier fired, how many rows the count KPI counted and the earliest
 * ones by event time (data line, event time, and the `id` field when the dataset has one). A second read
 * of that dataset, done only for such credits: the passes keep counts, not rows. An open row
 * (`elapsed(opened, resolved) … > 4 hours` without `resolved`) is listed when the count counted
 * it: already failed on what is known at `knownUntil` (the dataset's, as the KPI judged it); a
 * pending one is not counted, so not listed.
 */
export async function listCreditedItems(model: AgreementModel, plan: EvaluationPlan, credits: readonly CreditModel[], reports: readonly CreditReport[], times: InstantFormatter, skipInvalid: boolean, knownUntil: (dataset: string) => number, rowReader?: RowReader): Promise<void> {
    for (const [index, credit] of credits.entries()) {
        const counted = countedKpi(model, credit);
        const report = reports[index];
        if (counted === undefined || report === undefined) continue;
        const windows = plan.windowPlan(credit.window).windows;
        const targets = windows.map((window, position) => ({ window, report: report.windows[position] }))
            .filter((target) => target.report?.formula !== undefined);
        if (targets.length === 0) continue;
        const scan = plan.scanFor(counted.dataset);
        const where = counted.where === undefined ? undefined : compileRowExpression(counted.where, scan.context);
        const idIndex = scan.spec.fields.findIndex((field) => field.name.toLowerCase() === 'id');
        const inScope = clientScopeTest(scan.spec, scan.context.fieldIndex);
        const isOpen = counted.where === undefined ? undefined : compileOpenRowCheck(elapsedNodes(counted.where), scan.context);
        const asOf = knownUntil(counted.dataset);
        /** As the count judged the row: a closed row by its filter, an open one on what is known (failed: counted; pending: not). */
        const counts = (row: Parameters<NonNullable<typeof where>>[0]): boolean => where === undefined
            || (isOpen !== undefined && isOpen(row) ? verdictOf(judgeOpenRow(counted.where!, row, scan.context, asOf, 'known')) === true : where(row) === true);
        const lists = targets.map(() => ({ count: 0, first: [] as ListedItem[] }));
        await scanDataset(scan.spec, (row, line) => {
            const at = row[scan.eventIndex];
            if (typeof at !== 'number' || (inScope !== undefined && !inScope(row))) return;
            const position = targets.findIndex((target) => target.window.from <= at && at < target.window.to);
            if (position < 0 || !counts(row)) return;
            const list = lists[position]!;
            list.count++;
            keepEarliest(list.first, { line, atMs: at, id: idIndex >= 0 && row[idIndex] !== null && row[idIndex] !== undefined ? String(row[idIndex]) : undefined });
        }, { skipInvalid, ...(rowReader === undefined ? {} : { rowReader }) });
        targets.forEach((target, position) => {
            const first = lists[position]!.first.map(({ line, atMs, id }) => (id === undefined ? { line, at: times.format(atMs) } : { line, at: times.format(atMs), id }));
            target.report!.items = { dataset: counted.dataset, count: lists[position]!.count, first };
        });
    }
}

interface ListedItem {
    line: number;
    atMs: number;
    id: string | undefined;
}

/**
 * Keeps the LISTED_ITEMS earliest items (by event time, then line) in order: the same list
 * whatever order the rows come in — a file in any order, a table's rows from several shards.
 */
function keepEarliest(list: ListedItem[], item: ListedItem): void {
    const before = (a: ListedItem, b: ListedItem): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.line < b.line);
    if (list.length === LISTED_ITEMS && !before(item, list[list.length - 1]!)) return;
    let at = list.length;
    while (at > 0 && before(item, list[at - 1]!)) at--;
    list.splice(at, 0, item);
    if (list.length > LISTED_ITEMS) list.pop();
}

/** The one count(…) KPI a formula tier of the credit reads, with its dataset and filter. */
function countedKpi(model: AgreementModel, credit: CreditModel): { dataset: string; where?: Expr } | undefined {
    for (const tier of credit.tiers) {
        if (tier.amount.kind !== 'formula') continue;
        for (const key of formulaKpis(tier.amount.formula)) {
            const formula = model.kpis.find((kpi) => kpi.key === key)?.formula;
            if (formula?.type === 'aggregate' && formula.fn === 'count') return formula.where === undefined ? { dataset: formula.dataset } : { dataset: formula.dataset, where: formula.where };
        }
    }
    return undefined;
}
