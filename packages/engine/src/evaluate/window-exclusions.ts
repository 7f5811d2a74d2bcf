import { workingIntervals } from '../time/calendar.js';
import { maintenanceIntervals } from '../time/maintenance.js';
import { excludedMaintenanceIntervals } from '../time/maintenance-exclusion.js';
import { subtractIntervals, totalLength, type Interval } from '../time/intervals.js';
import type { AgreementModel, ObjectiveModel } from '../model.js';
import type { WindowExclusion } from '../report/report-types.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import type { PlannedWindow } from './window-plan.js';
import { maintenanceOfScope } from './scoped-maintenance.js';

/**
 * What the exclusions of an objective's KPI took out of one window, for the report: the rows
 * a row exclusion marks (its hidden count KPI, in the same window and scope) and the time a
 * maintenance exclusion took out of eligible time (after its cap), counted as the uptime counts it.
 */
export function windowExclusions(objective: ObjectiveModel, model: AgreementModel, evaluator: KpiEvaluator, window: PlannedWindow, scopeValue: unknown): WindowExclusion[] | undefined {
    if (objective.exclusions === undefined || objective.exclusions.length === 0) return undefined;
    return objective.exclusions.map((exclusion): WindowExclusion => {
        const result: WindowExclusion = { exclusion: exclusion.name };
        if (exclusion.rowsKpi !== undefined) {
            const counted = evaluator.evaluate(exclusion.rowsKpi, objective.window, window, objective.scopeField, scopeValue);
            result.rows = counted.value ?? 0;
        }
        const maintenance = exclusion.maintenance;
        if (maintenance !== undefined) {
            // As the scope value's uptime counts it: maintenance listed per value, only the value's own periods.
            const schedules = maintenanceOfScope(model.maintenance, objective.scopeField, scopeValue);
            const schedule = schedules[maintenance.maintenance];
            if (schedule === undefined) throw new Error(`unknown maintenance '${maintenance.maintenance}'`);
            const during = maintenance.during === undefined ? undefined : model.calendars[maintenance.during];
            const already = maintenance.excluding.map((name) => schedules[name]).filter((m) => m !== undefined);
            const base = (from: number, to: number): Interval[] => {
                const measured: Interval[] = during ? workingIntervals(during, from, to) : [[from, to]];
                return subtractIntervals(measured, already.flatMap((m) => maintenanceIntervals(m, m.zone ?? model.timezone, from, to)));
            };
            const rule = maintenance.cap === undefined ? { schedule } : { schedule, cap: maintenance.cap };
            result.timeMs = totalLength(excludedMaintenanceIntervals(rule, model.timezone, base, window.from, window.to));
            if (maintenance.countedAsAvailable === true) result.countedAsAvailable = true;
        }
        return result;
    });
}
