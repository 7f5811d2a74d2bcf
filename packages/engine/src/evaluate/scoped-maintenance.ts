/**
 * Maintenance listed per scope: a change log with a `database` column excuses each database's
 * downtime only during that database's own periods (`for each database`), as an inventory with
 * the scope field gives each scope its own instances (inventory-collector.ts). A row that
 * leaves the field empty is maintenance of every value; a periods dataset without the scope
 * field lists maintenance of every value, as does an evaluation without a scope.
 */
import type { AgreementModel, ListedPerScope, MaintenanceModel, UptimeExpr } from '../model.js';
import { mergeIntervals, type Interval } from '../time/intervals.js';

/** The fields the agreement evaluates per value (`for each …` of objectives, internal targets, credits). */
export function scopeFieldsOf(model: AgreementModel): Set<string> {
    const fields = new Set<string>();
    for (const promise of [...model.objectives, ...model.internalTargets, ...model.credits]) {
        if (promise.scopeField !== undefined) fields.add(promise.scopeField);
    }
    return fields;
}

/** Collects the counted periods of one maintenance by the value of one scope field. */
export class ListedPerScopeBuilder {
    private readonly byValue = new Map<string, Interval[]>();
    private readonly everyValue: Interval[] = [];

    add(value: unknown, period: Interval): void {
        if (value === null || value === undefined || value === '') {
            this.everyValue.push(period);
            return;
        }
        const key = String(value);
        let periods = this.byValue.get(key);
        if (periods === undefined) this.byValue.set(key, (periods = []));
        periods.push(period);
    }

    build(): ListedPerScope {
        return {
            byValue: new Map([...this.byValue].map(([value, periods]) => [value, mergeIntervals([...periods, ...this.everyValue])])),
            everyValue: mergeIntervals(this.everyValue)
        };
    }
}

/**
 * The agreement's maintenance as one scope value sees it: each maintenance listed per
 * `scopeField` counts only the value's periods (and those of every value). The same record when
 * nothing is listed per that field, or without a scope.
 */
export function maintenanceOfScope(maintenance: Readonly<Record<string, MaintenanceModel>>, scopeField: string | undefined, scopeValue: unknown): Readonly<Record<string, MaintenanceModel>> {
    if (scopeField === undefined || scopeValue === undefined) return maintenance;
    let scoped: Record<string, MaintenanceModel> | undefined;
    for (const [name, schedule] of Object.entries(maintenance)) {
        const perScope = schedule.listedPerScope?.[scopeField];
        if (perScope === undefined) continue;
        scoped ??= { ...maintenance };
        const own = scopeValue === null || scopeValue === '' ? undefined : perScope.byValue.get(String(scopeValue));
        scoped[name] = { ...schedule, listed: own ?? perScope.everyValue };
    }
    return scoped ?? maintenance;
}

/** Whether an uptime's maintenance (excluded, counted as available, capped) differs between values of `scopeField`. */
export function uptimeMaintenancePerScope(expr: UptimeExpr, maintenance: Readonly<Record<string, MaintenanceModel>>, scopeField: string | undefined): boolean {
    if (scopeField === undefined) return false;
    const names = [...expr.excluding, ...(expr.available ?? []), ...(expr.cappedExcluding ?? []).map((capped) => capped.maintenance)];
    return names.some((name) => maintenance[name]?.listedPerScope?.[scopeField] !== undefined);
}
