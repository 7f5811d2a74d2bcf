import type { Report } from './report-types.js';

/** CLI exit code of an evaluation: 0 when every objective window is met or has no data, 1 on any breach. */
export function reportExitCode(report: Report): 0 | 1 {
    return report.objectives.some((objective) => objective.windows.some((window) => window.status === 'breached')) ? 1 : 0;
}
