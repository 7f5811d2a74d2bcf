import type { Report } from './report-types.js';

/**
 * Every data file (or table) an agreement report's numbers rest on: its datasets, the pause
 * datasets its clocks stop on and the change logs its maintenance periods are listed in. When one
 * changes, the report describes data that are no longer there.
 */
export function reportDataFiles(report: Report): string[] {
    return [...new Set([
        ...report.datasets.map((dataset) => dataset.path),
        ...(report.pauses ?? []).map((pauses) => pauses.path),
        ...(report.listedMaintenance ?? []).map((listed) => listed.path)
    ])];
}
