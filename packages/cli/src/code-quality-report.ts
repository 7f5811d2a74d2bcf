import { createHash } from 'node:crypto';
import { pathSegmentsBelow, type ReportedDiagnostic } from './diagnostic-format.js';

/** One finding of a GitLab Code Quality report (docs.gitlab.com, "Code Quality", report format). */
export interface CodeQualityFinding {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
    location: { path: string; lines: { begin: number; end: number } };
}

const SEVERITIES: Record<ReportedDiagnostic['severity'], CodeQualityFinding['severity']> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * `sla validate --format codequality`: the diagnostics as a GitLab Code Quality report, which a
 * merge request shows beside the change (`artifacts: reports: codequality`). Paths are relative
 * to `root` with forward slashes. The fingerprint (how GitLab tells a finding new or fixed
 * between branches) is made of the file, the code, the message and the how-manieth such finding
 * it is, not of the line: a line added above a finding does not make it a new one.
 */
export function codeQualityReport(diagnostics: readonly ReportedDiagnostic[], root: string): CodeQualityFinding[] {
    const seen = new Map<string, number>();
    return diagnostics.map(diagnostic => {
        const file = pathSegmentsBelow(root, diagnostic.file).join('/');
        const key = `${file}\0${diagnostic.code}\0${diagnostic.message}`;
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        return {
            description: diagnostic.message,
            check_name: diagnostic.code,
            fingerprint: createHash('sha256').update(`${key}\0${occurrence}`).digest('hex'),
            severity: SEVERITIES[diagnostic.severity],
            location: { path: file, lines: { begin: diagnostic.line, end: diagnostic.endLine } }
        };
    });
}
