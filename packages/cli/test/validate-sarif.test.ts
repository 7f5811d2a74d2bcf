import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { describe, expect, test } from 'vitest';
import { root, runSla, temporaryFolder, uptimeAgreement } from './run-cli.js';

/**
 * `sla validate --format sarif`: the same diagnostics as `--format json`, as a SARIF 2.1.0 log
 * that GitHub code scanning takes (paths relative to the source root, 1-based lines, UTF-16
 * columns, one rule per code with its default level).
 */
const agreement = (objective: string) => uptimeAgreement(`    ${objective}
    clause Support "The provider answers requests promptly."
`);

interface JsonDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }

function project(files: Record<string, string>): string {
    const folder = temporaryFolder('sarif');
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        fs.writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

describe('sla validate --format sarif', () => {
    // 99.9 without a unit: an error; "promptly": a warning.
    const folder = project({ 'contracts/acme hosting.sla': agreement('objective Uptime >= 99.9 per calendar month') });
    const sarif = runSla(['validate', 'contracts', '--format', 'sarif'], { cwd: folder });
    const json = runSla(['validate', 'contracts', '--format', 'json'], { cwd: folder });
    const log = JSON.parse(sarif.stdout) as Log;
    const expected = JSON.parse(json.stdout) as JsonDiagnostic[];
    const run = log.runs[0]!;

    test('a SARIF 2.1.0 log of one run by the tool sla; the exit code of the JSON form (1: an error)', () => {
        expect(sarif.code).toBe(1);
        expect(json.code).toBe(1);
        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        expect(run.tool.driver.name).toBe('sla');
        expect(run.tool.driver.version).toBe(runSla(['--version']).stdout.trim());
        // The version of the package, as `sla --version` says it.
        expect(run.tool.driver.version).toBe((JSON.parse(fs.readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }).version);
        expect(run.columnKind).toBe('utf16CodeUnits');
    });

    test('one result per diagnostic, in the same order, with its code, level, message and place', () => {
        const severities = new Set(expected.map(diagnostic => diagnostic.severity));
        expect(severities).toEqual(new Set(['error', 'warning']));
        expect(run.results).toHaveLength(expected.length);
        run.results!.forEach((result, index) => {
            const diagnostic = expected[index]!;
            expect(result.ruleId).toBe(diagnostic.code);
            expect(result.level).toBe(diagnostic.severity);
            expect(result.message.text).toBe(diagnostic.message);
            const location = result.locations![0]!.physicalLocation!;
            // The space in the file's name percent-encoded; relative to the source root.
            expect(location.artifactLocation).toEqual({ uri: 'contracts/acme%20hosting.sla', uriBaseId: '%SRCROOT%' });
            expect(location.region).toEqual({ startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn });
        });
        const unitMissing = run.results!.find(result => result.ruleId === 'sla/unit-missing')!;
        // Line 14 of the file: `objective Uptime >= 99.9 per calendar month`.
        expect(unitMissing.locations![0]!.physicalLocation!.region!.startLine).toBe(14);
    });

    test('the source root is the folder sla ran in, as a file URI ending in a slash', () => {
        expect(run.originalUriBaseIds!['%SRCROOT%']!.uri).toBe(pathToFileURL(`${fs.realpathSync(folder)}/`).href);
    });

    test('each code that occurs is a rule once, with its default level; results point at their rule', () => {
        const rules = run.tool.driver.rules!;
        expect(rules.map(rule => rule.id)).toEqual([...new Set(expected.map(diagnostic => diagnostic.code))]);
        for (const result of run.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
        expect(rules.find(rule => rule.id === 'sla/unit-missing')!.defaultConfiguration).toEqual({ level: 'error' });
        expect(rules.find(rule => rule.id === 'sla/vague-term')!.defaultConfiguration).toEqual({ level: 'warning' });
    });

    test('a clean file: no results, no rules, exit 0', () => {
        const clean = project({
            'hosting.sla': agreement('objective Uptime >= 99.9% per calendar month').replace(/\n {4}clause Support.*\n/, '\n'),
            'incidents.csv': 'started,resolved\n2026-01-05T10:00:00Z,2026-01-05T10:30:00Z\n'
        });
        const result = runSla(['validate', 'hosting.sla', '--format', 'sarif'], { cwd: clean });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const cleanRun = (JSON.parse(result.stdout) as Log).runs[0]!;
        expect(cleanRun.results).toEqual([]);
        expect(cleanRun.tool.driver.rules).toEqual([]);
    });

    test('a syntax error is a rule too, with the level error (it is no check\'s code, and always an error)', () => {
        const broken = project({ 'broken.sla': 'agreement X {\n    bogus\n}\n' });
        const result = runSla(['validate', 'broken.sla', '--format', 'sarif'], { cwd: broken });
        expect(result.code).toBe(1);
        const rules = (JSON.parse(result.stdout) as Log).runs[0]!.tool.driver.rules!;
        expect(rules.find(rule => rule.id === 'sla/syntax-error')?.defaultConfiguration).toEqual({ level: 'error' });
        // Every rule has its default level (docs/cli.md: one rule per code, with the code's default level).
        for (const rule of rules) expect(rule.defaultConfiguration?.level, rule.id).toBeDefined();
    });
});
