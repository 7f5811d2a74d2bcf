import type { AgreementModel, Expr } from '../model.js';

/**
 * The calendar whose working time a duration KPI counts (`elapsed(opened, resolved) during
 * BusinessHours`, in its formula or in a KPI it reads), else undefined. Its durations are hours
 * of that calendar: a reader must not see them as 24-hour days (report/duration-text.ts).
 */
export function workingTimeCalendar(model: AgreementModel, kpiKey: string): string | undefined {
    const kpi = model.kpis.find((candidate) => candidate.key === kpiKey);
    if (kpi?.unitKind !== 'duration') return undefined;
    const formulas = new Map(model.kpis.map((candidate) => [candidate.key, candidate.formula]));
    return calendarIn(kpi.formula, formulas, new Set([kpiKey]));
}

function calendarIn(expr: Expr, formulas: ReadonlyMap<string, Expr>, seen: Set<string>): string | undefined {
    let found: string | undefined;
    // Every node of the formula, whatever its type: the first `elapsed … during` found names the calendar.
    const visit = (node: unknown): void => {
        if (found !== undefined || node === null || typeof node !== 'object') return;
        if (Array.isArray(node)) {
            for (const item of node) visit(item);
            return;
        }
        const record = node as Record<string, unknown>;
        // `unit: 'businessDays'` counts days of the calendar, not a duration.
        if (record.type === 'elapsed' && typeof record.calendar === 'string' && record.unit === undefined) {
            found = record.calendar;
            return;
        }
        if (record.type === 'kpi' && typeof record.key === 'string' && !seen.has(record.key)) {
            seen.add(record.key);
            const formula = formulas.get(record.key);
            if (formula !== undefined) found = calendarIn(formula, formulas, seen);
            return;
        }
        // A `where` condition filters rows: a working time in it is not what the KPI measures.
        for (const [key, value] of Object.entries(record)) if (key !== 'where') visit(value);
    };
    visit(expr);
    return found;
}
