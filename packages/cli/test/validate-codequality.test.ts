import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CodeQualityFinding } from '../src/code-quality-report.js';
import { runSla, temporaryFolder, uptimeAgreement } from './run-cli.js';

/**
 * `sla validate --format codequality`: the same diagnostics as `--format json`, as the GitLab
 * Code Quality report a merge request shows; fingerprints that survive lines added above.
 */
interface JsonDiagnostic { file: string; line: number; endLine: number; severity: string; code: string; message: string }

// 99.9 without a unit: an error; "promptly", twice: two warnings.
const agreement = (before = '') => before + uptimeAgreement(`    objective Uptime >= 99.9 per calendar month
    clause Support "The provider answers requests promptly."
    clause Desk "The desk answers requests promptly."
`);

function validate(text: string, format: 'codequality' | 'json'): { code: number; output: unknown[] } {
    const folder = temporaryFolder('codequality');
    fs.mkdirSync(path.join(folder, 'contracts'));
    fs.writeFileSync(path.join(folder, 'contracts', 'acme hosting.sla'), text);
    fs.writeFileSync(path.join(folder, 'contracts', 'incidents.csv'), 'started,resolved\n2026-01-05T10:00:00Z,2026-01-05T10:30:00Z\n');
    const result = runSla(['validate', 'contracts', '--format', format], { cwd: folder });
    expect(result.stderr).toBe('');
    return { code: result.code, output: JSON.parse(result.stdout) as unknown[] };
}

describe('sla validate --format codequality', () => {
    const { code, output } = validate(agreement(), 'codequality');
    const findings = output as CodeQualityFinding[];
    const expected = validate(agreement(), 'json').output as JsonDiagnostic[];

    test('one finding per diagnostic, in the same order: code, message, severity, file and lines; exit 1', () => {
        expect(code).toBe(1);
        expect(expected.filter(diagnostic => diagnostic.code === 'sla/vague-term')).toHaveLength(2);
        expect(findings).toHaveLength(expected.length);
        findings.forEach((finding, index) => {
            const diagnostic = expected[index]!;
            expect(finding.check_name).toBe(diagnostic.code);
            expect(finding.description).toBe(diagnostic.message);
            expect(finding.severity).toBe({ error: 'major', warning: 'minor' }[diagnostic.severity]);
            // The path as written below the folder sla ran in: forward slashes, not encoded.
            expect(finding.location).toEqual({ path: 'contracts/acme hosting.sla', lines: { begin: diagnostic.line, end: diagnostic.endLine } });
        });
        // The objective without a unit, line 14 of the file.
        expect(findings.find(finding => finding.check_name === 'sla/unit-missing')!.location.lines.begin).toBe(14);
    });

    test('fingerprints: one per finding, 64 hex digits, the same after lines are added above', () => {
        const fingerprints = findings.map(finding => finding.fingerprint);
        expect(new Set(fingerprints).size).toBe(findings.length);
        for (const fingerprint of fingerprints) expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
        const shifted = validate(agreement('// two lines\n// added above\n'), 'codequality').output as CodeQualityFinding[];
        expect(shifted.map(finding => finding.location.lines.begin)).toEqual(findings.map(finding => finding.location.lines.begin + 2));
        expect(shifted.map(finding => finding.fingerprint)).toEqual(fingerprints);
    });
});
