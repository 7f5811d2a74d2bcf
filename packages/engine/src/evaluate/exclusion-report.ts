import { windowSpecLabel, type AgreementModel } from '../model.js';
import type { ExclusionReport } from '../report/report-types.js';

/** The agreement's named exclusions as the report lists them, with the KPIs each applies to. */
export function exclusionReports(model: AgreementModel): ExclusionReport[] {
    return (model.exclusions ?? []).map((exclusion) => {
        const appliesTo = new Set<string>();
        for (const objective of [...model.objectives, ...model.internalTargets]) {
            if (objective.exclusions?.some((applied) => applied.name === exclusion.name)) appliesTo.add(objective.kpi);
        }
        const report: ExclusionReport = {
            name: exclusion.name,
            text: exclusion.text,
            measured: exclusion.rows !== undefined || exclusion.maintenance !== undefined,
            appliesTo: [...appliesTo]
        };
        if (exclusion.service !== undefined) report.service = exclusion.service;
        if (exclusion.rows !== undefined) report.dataset = exclusion.rows.dataset;
        if (exclusion.maintenance !== undefined) {
            report.maintenance = exclusion.maintenance.maintenance;
            const cap = exclusion.maintenance.cap;
            if (cap !== undefined) report.cap = { ms: cap.ms, per: windowSpecLabel({ kind: 'calendar', unit: cap.per, ...(cap.yearStartMonth === undefined ? {} : { yearStartMonth: cap.yearStartMonth }) }) };
            if (exclusion.maintenance.countedAsAvailable === true) report.countedAsAvailable = true;
        }
        return report;
    });
}
