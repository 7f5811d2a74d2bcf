/**
 * `objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month`:
 * per window, every item (row) of the dataset placed in it (by its event time) that matches
 * the condition is judged by its own value. The window is breached when any item failed, met
 * when items were judged and none failed, no data when none was judged. Its value is the worst
 * judged item's value (so margin is the headroom of the worst item).
 *
 * Open items (an elapsed(…) whose end is missing) follow the open-item rules
 * (docs/language-reference.md § 14.7): one already past the limit on its time so far has
 * failed (listed with that time, "at least"); one that could still pass is pending, not
 * judged, and makes a window without failures provisional.
 */
import type { ItemObjectiveModel, KpiModel } from '../model.js';
import { windowSpecLabel } from '../model.js';
import type { FailedItem, ObjectiveReport, WindowItems, WindowReport } from '../report/report-types.js';
import type { DatasetScan, EvaluationPlan } from './evaluation-plan.js';
import type { InstantFormatter } from './instant-format.js';
import { MAX_LISTED_ITEMS, type ItemCollector } from './item-collector.js';
import { judgeOpenRow, UNDECIDED, verdictOf } from './open-judgement.js';
import type { OpenRowJudge } from './open-rows.js';
import { overallStatus, reportUnit } from './objective-evaluation.js';
import { judge } from './outcome.js';
import { segmentLocator } from './window-plan.js';
import { targetSchedule, upcomingTerm } from './target-schedule.js';

/** Judges the open rows of the collector's dataset (after the pass) and reports every window. */
export function evaluateItemObjective(objective: ItemObjectiveModel, kpi: KpiModel | undefined, plan: EvaluationPlan, judgeOpen: OpenRowJudge, times: InstantFormatter, feeCurrency: string | undefined): ObjectiveReport {
    const collector = plan.itemCollectors.get(objective)!;
    const scan = plan.scanFor(objective.dataset);
    const windowPlan = plan.windowPlan(objective.window);
    const pending = judgeOpenItems(collector, scan, judgeOpen, segmentLocator(windowPlan), windowPlan.segmentCount);
    // `from 2026-04-01`: the windows before the promise is in force are not judged (a step of the target is refused when the model is built).
    const schedule = targetSchedule(objective, times.zone, plan.period);
    const windows: WindowReport[] = windowPlan.windows.filter(schedule.judges).map((window) => {
        let passed = 0;
        let failed = 0;
        let noValue = 0;
        let pendingCount = 0;
        let worst = NaN;
        const listed: FailedItem[] = [];
        const higherIsWorse = objective.comparison === '<=' || objective.comparison === '<';
        for (let s = window.firstSegment; s < window.endSegment; s++) {
            passed += collector.passed[s]!;
            failed += collector.failed[s]!;
            noValue += collector.noValue[s]!;
            pendingCount += pending[s]!;
            const segmentWorst = collector.worst[s]!;
            if (!Number.isNaN(segmentWorst) && (Number.isNaN(worst) || (higherIsWorse ? segmentWorst > worst : segmentWorst < worst))) worst = segmentWorst;
            for (const failure of [...collector.failures[s]!, ...collector.openFailures[s]!]) {
                const item: FailedItem = { id: failure.id, line: failure.line, value: failure.value };
                if (failure.open === true) item.open = true;
                listed.push(item);
            }
        }
        listed.sort((a, b) => a.line - b.line);
        const judged = passed + failed;
        const items: WindowItems = { judged, passed, failed, pending: pendingCount, noValue, failures: listed.slice(0, MAX_LISTED_ITEMS) };
        const value = judged === 0 ? null : worst;
        const outcome = judge(value, objective.comparison, objective.target, objective.unitKind);
        // The counts decide: an item is failed by its own exact comparison.
        const status = failed > 0 ? 'breached' : judged > 0 ? 'met' : 'no data';
        const openFailed = listed.filter((item) => item.open === true).length;
        const report: WindowReport = {
            start: times.format(window.start),
            end: times.format(window.end),
            partial: window.partial,
            value: status === 'no data' ? null : value,
            status,
            margin: status === 'no data' ? null : outcome.margin,
            budgetConsumed: null,
            budgetRemaining: null,
            rows: judged,
            unresolved: pendingCount + openFailed,
            items
        };
        if (window.partial) {
            report.evaluatedFrom = times.format(window.from);
            report.evaluatedTo = times.format(window.to);
        }
        if (pendingCount > 0) report.pending = pendingCount;
        if (openFailed > 0) {
            report.failedOpen = openFailed;
            // The worst value is an open item's time so far only if that item is the worst.
            if (listed.some((item) => item.open === true && item.value === worst)) report.atLeast = true;
        }
        // Pending items can still fail: a window without failures may yet be breached.
        if (pendingCount > 0 && failed === 0) report.provisional = true;
        return report;
    });
    const report: ObjectiveReport = {
        kpi: objective.kpiName,
        kpiKey: objective.kpi,
        comparison: objective.comparison,
        target: objective.target,
        // `<= 2 business days`: the items' values are counts of business days, and say so.
        unit: objective.value.type === 'elapsed' && objective.value.unit === 'businessDays' ? 'businessDays' : reportUnit(objective.unitKind, objective.currency ?? kpi?.currency ?? feeCurrency),
        window: windowSpecLabel(objective.window),
        windows,
        status: overallStatus(windows.map((window) => window.status)),
        each: { dataset: objective.dataset }
    };
    if (objective.idField !== undefined) report.each!.idField = objective.idField;
    if (objective.whereText !== undefined) report.each!.where = objective.whereText;
    if (objective.service !== undefined) report.service = objective.service;
    if (objective.plan !== undefined) report.plan = objective.plan;
    if (objective.planField !== undefined) report.planField = objective.planField;
    if (objective.inForceFrom !== undefined) report.inForceFrom = objective.inForceFrom;
    // Coming into force soon after the evaluation period (a promise on every item takes no steps).
    const upcoming = upcomingTerm(objective, times.zone, plan.period);
    if (upcoming?.inForce === true) report.upcoming = { from: upcoming.from, target: upcoming.target, days: upcoming.days, inForce: true };
    if (objective.source !== undefined) report.source = objective.source;
    if (objective.scale !== undefined) report.scale = objective.scale;
    return report;
}

/**
 * Judges the dataset's open rows for this objective as known at the data's knowledge instant:
 * failed ones are recorded in the collector (with their value so far); returns the pending
 * count per segment. Also notes each row's state for the report's open-items list.
 */
function judgeOpenItems(collector: ItemCollector, scan: DatasetScan, judgeOpen: OpenRowJudge, locate: (time: number) => number, segmentCount: number): Float64Array {
    const pending = new Float64Array(segmentCount);
    if (scan.openRows.length === 0) return pending;
    const objective = collector.objective;
    const asOf = judgeOpen.knownUntil(scan);
    scan.openRows.forEach((open, index) => {
        const segment = locate(open.row[scan.eventIndex] as number);
        if (segment < 0) return;
        const where = objective.where === undefined ? true : verdictOf(judgeOpenRow(objective.where, open.row, scan.context, asOf, 'known'));
        if (where === null || where === false) return;
        const verdict = where === UNDECIDED ? UNDECIDED : verdictOf(judgeOpenRow(objective.check, open.row, scan.context, asOf, 'known'));
        if (verdict === UNDECIDED) {
            pending[segment]!++;
            judgeOpen.note(scan, index, 'pending');
            return;
        }
        const soFar = judgeOpenRow(objective.value, open.row, scan.context, asOf, 'now');
        if (verdict === null || typeof soFar !== 'number') {
            collector.noValue[segment]!++;
            return;
        }
        // Decided on what is known: passed (e.g. `>= 1 hour` already reached) or failed (already past the limit).
        collector.record(segment, soFar, verdict, collector.idOf(open.row), open.line, !verdict);
        if (!verdict) judgeOpen.note(scan, index, 'failed');
    });
    return pending;
}
