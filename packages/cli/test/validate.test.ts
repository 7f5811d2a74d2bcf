import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

/** `sla validate` as users run it: the built CLI, on files written to a temporary folder. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function folderWith(files: Record<string, string>): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-validate-'));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        fs.writeFileSync(path.join(folder, name), text);
    }
    return folder;
}

/** A clean agreement; `objective` is its one objective line (line 12). */
function agreement(objective = 'objective Latency <= 300 ms per calendar month', title = 'Hosting'): string {
    return `agreement Acme "${title}" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"
    dataset requests "Access log" from "requests.csv" {
        time timestamp
        latency duration ms column "latency_ms"
    }
    service Web "Web shop" {
        kpi Latency "95th percentile latency" =
            percentile(95, requests.latency)
        ${objective}
    }
}
`;
}

const DATA = 'time,latency_ms\n2026-03-01T10:00:00Z,120\n';

describe('sla validate (built CLI)', () => {
    beforeAll(() => {
        execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'packages/cli'], { cwd: root, stdio: 'inherit' });
    }, 120_000);

    test('a clean file: no output but the summary, exit 0; json is an empty array', () => {
        const folder = folderWith({ 'clean.sla': agreement(), 'requests.csv': DATA });
        const text = run(['validate', 'clean.sla'], folder);
        expect(text.code).toBe(0);
        expect(text.stdout).toBe('No problems found in 1 file.\n');
        const json = run(['validate', 'clean.sla', '--format', 'json'], folder);
        expect(json.code).toBe(0);
        expect(JSON.parse(json.stdout)).toEqual([]);
    });

    test('errors: compiler-style lines sorted by position, a summary, exit 1', () => {
        const folder = folderWith({ 'broken.sla': agreement('objective Latency <= 300 monthly'), 'requests.csv': DATA });
        const result = run(['validate', 'broken.sla'], folder);
        expect(result.code).toBe(1);
        const lines = result.stdout.trimEnd().split('\n');
        // Line 12 is `        objective Latency <= 300 monthly`: 8 spaces, then `objective Latency <= ` (21
        // characters) puts `300` at column 30 and `monthly` at column 34.
        expect(lines[0]).toMatch(/^broken\.sla:12:30: error: .*'300'.* \[sla\/unit-missing\]$/);
        expect(lines[1]).toMatch(/^broken\.sla:12:34: error: Ambiguous window: 'monthly' .* \[sla\/window-ambiguous\]$/);
        expect(lines[2]).toBe('2 errors in 1 file.');
        expect(lines).toHaveLength(3);
    });

    test('json: file, 1-based start and end, severity, code, message', () => {
        const folder = folderWith({ 'broken.sla': agreement('objective Latency <= 300 ms monthly'), 'requests.csv': DATA });
        const result = run(['validate', 'broken.sla', '--format', 'json'], folder);
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
        expect(diagnostics).toHaveLength(1);
        // `monthly` starts at column 37 (8 + 'objective Latency <= 300 ms ' = 28 characters, +1) and is 7 long.
        expect(diagnostics[0]).toMatchObject({
            file: 'broken.sla', line: 12, column: 37, endLine: 12, endColumn: 44,
            severity: 'error', code: 'sla/window-ambiguous'
        });
        expect(diagnostics[0].message).toContain("'per calendar month' or 'per rolling 30 days'");
    });

    test('warnings only: exit 0, counted in the summary', () => {
        const folder = folderWith({ 'vague.sla': agreement(undefined, 'Hosting, promptly'), 'requests.csv': DATA });
        const result = run(['validate', 'vague.sla'], folder);
        expect(result.code).toBe(0);
        // `agreement Acme "` is 16 characters and `Hosting, ` 9 more: 'promptly' starts at column 26.
        expect(result.stdout).toMatch(/^vague\.sla:1:26: warning: 'promptly' is vague.* \[sla\/vague-term\]\n1 warning in 1 file\.\n$/);
    });

    test('folders are searched for .sla files; output is sorted by file', () => {
        const folder = folderWith({
            'agreements/b/second.sla': agreement('objective Latency <= 300 ms weekly'),
            'agreements/a/first.sla': agreement('objective Latency <= 300 ms daily'),
            'agreements/notes.txt': 'not an agreement',
            'agreements/a/requests.csv': DATA,
            'agreements/b/requests.csv': DATA
        });
        const result = run(['validate', 'agreements', '--format', 'json'], folder);
        expect(result.code).toBe(1);
        const files = (JSON.parse(result.stdout) as Array<{ file: string; code: string }>).map(d => `${d.file} ${d.code}`);
        expect(files).toEqual([
            `${path.join('agreements', 'a', 'first.sla')} sla/window-ambiguous`,
            `${path.join('agreements', 'b', 'second.sla')} sla/window-ambiguous`
        ]);
    });

    test('imports resolve relative to the importing file; a missing import is an error', () => {
        const library = 'calendar Office "Office hours" {\n    timezone "Europe/Berlin"\n    monday to friday 08:00 to 18:00\n}\n';
        const importing = (target: string) => `import "${target}"\n` + agreement('objective Response <= 30 minutes per calendar month')
            .replace('percentile(95, requests.latency)', 'percentile(95, elapsed(requests.time, requests.time) during Office)')
            .replace('kpi Latency', 'kpi Response');
        const folder = folderWith({
            'lib/office.sla': library, 'good.sla': importing('lib/office.sla'), 'bad.sla': importing('lib/missing.sla'), 'requests.csv': DATA
        });
        const good = run(['validate', 'good.sla'], folder);
        expect(good.stdout).toBe('No problems found in 2 files.\n');
        expect(good.code).toBe(0);
        const bad = run(['validate', 'bad.sla', '--format', 'json'], folder);
        expect(bad.code).toBe(1);
        const codes = (JSON.parse(bad.stdout) as Array<{ line: number; code: string }>).map(d => `${d.line} ${d.code}`);
        // The import on line 1, and `Office` in the formula (line 12 of the file) that it would have provided.
        expect(codes).toEqual(['1 sla/unresolved-reference', '12 sla/unresolved-reference']);
    });

    test('a missing file or a bad flag: exit 2', () => {
        const folder = folderWith({ 'clean.sla': agreement(), 'requests.csv': DATA });
        const missing = run(['validate', 'nowhere.sla'], folder);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('no such file or folder: nowhere.sla');
        expect(run(['validate', 'clean.sla', '--format', 'xml'], folder).code).toBe(2);
        expect(run(['validate', 'clean.sla', '--no-such-flag'], folder).code).toBe(2);
        expect(run(['validate'], folder).code).toBe(2);
        const empty = folderWith({ 'readme.txt': 'nothing here' });
        expect(run(['validate', '.'], empty).code).toBe(2);
    });

    test('formulas of 10,000 and 100,000 terms: one clear error each, for a folder and for the file; never skipped', () => {
        const long = (terms: number, operator: string, operand: string) => agreement().replace('percentile(95, requests.latency)',
            Array.from({ length: terms }, () => operand).join(` ${operator} `));
        const folder = folderWith({
            'plus.sla': long(10_000, '+', 'percentile(95, requests.latency)'), 'and.sla': long(100_000, 'and', 'true'),
            'requests.csv': DATA
        });
        const message = 'error: This formula has more than 500 operators, too many to read. Split it into smaller KPIs. [sla/syntax-error]';
        const all = run(['validate', '.'], folder);
        expect(all.code).toBe(1);
        // (and.sla also has the objective's unit mismatch: a chain of `and` is a boolean.)
        const errors = all.stdout.split('\n').filter(line => line.includes('[sla/syntax-error]'));
        // Line 11 of each file: the formula; the 501st operator is where it is cut.
        expect(errors.map(line => line.replace(/:\d+: /, ': '))).toEqual([`and.sla:11: ${message}`, `plus.sla:11: ${message}`]);
        const one = run(['validate', 'plus.sla'], folder);
        expect(one.code).toBe(1);
        expect(one.stdout).toContain(`plus.sla:11:`);
        expect(one.stdout).toContain(message);
    });

    test('vague terms extend through --vague-terms and .slarc.json', () => {
        const folder = folderWith({ 'terms.sla': agreement(undefined, 'Swiftly restored, forthwith'), 'requests.csv': DATA });
        const codesOf = (stdout: string) => (JSON.parse(stdout) as Array<{ code: string; message: string }>).map(d => d.message.split("'")[1]);
        expect(codesOf(run(['validate', 'terms.sla', '--format', 'json'], folder).stdout)).toEqual([]);
        expect(codesOf(run(['validate', 'terms.sla', '--format', 'json', '--vague-terms', 'swiftly, at once'], folder).stdout)).toEqual(['Swiftly']);
        fs.writeFileSync(path.join(folder, '.slarc.json'), JSON.stringify({ vagueTerms: ['forthwith'] }));
        expect(codesOf(run(['validate', 'terms.sla', '--format', 'json', '--vague-terms', 'swiftly'], folder).stdout)).toEqual(['Swiftly', 'forthwith']);
        fs.writeFileSync(path.join(folder, '.slarc.json'), '{ "vagueTerms": ');
        const broken = run(['validate', 'terms.sla'], folder);
        expect(broken.code).toBe(2);
        // `{ "vagueTerms":` is 15 characters: the value is missing just after them.
        expect(broken.stderr).toContain('.slarc.json is not valid JSON at line 1, column 16: the text ends where a value is expected');
        expect(broken.stderr).toContain('Correct it there');
    });
});
