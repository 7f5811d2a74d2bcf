import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** `sla evaluate` as users run it: the built CLI on the bundled examples and on small made-up agreements. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

function run(args: string[], cwd = root): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function folderWith(files: Record<string, string>): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-evaluate-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
    return folder;
}

interface ExpectedWindow { start: string; scopeValue?: string; value: number | null; status: string; unresolved?: number }
interface ExpectedObjective { kpi: string; target: number; unit: string; window: string; windows?: ExpectedWindow[] }
interface ExpectedExample {
    agreement: string; timezone: string; exitCode: number; datasets: Record<string, number>;
    objectives: ExpectedObjective[]; internalTargets: ExpectedObjective[]; credits: Array<{ kpi: string; total: number }>;
}
/**
 * The outcomes each example's data was designed for; the arithmetic is written out by hand
 * in each example's README.md (e.g. January availability 44,140 / 44,160 = 99.9547 %).
 */
const expected = JSON.parse(fs.readFileSync(path.join(root, 'examples', 'expected-outcomes.json'), 'utf8')) as {
    from: string; to: string; examples: Record<string, ExpectedExample>;
};

describe('sla evaluate on the bundled examples', () => {
    for (const [file, example] of Object.entries(expected.examples)) {
        test(`${file}: values, statuses, credits and exit code as designed`, () => {
            const result = run(['evaluate', path.join('examples', file), '--from', expected.from, '--to', expected.to, '--format', 'json']);
            expect(result.stderr).toBe('');
            expect(result.code).toBe(example.exitCode);
            const report = JSON.parse(result.stdout);
            expect(report.schemaVersion).toBe(1);
            expect(report.agreement).toBe(example.agreement);
            expect(report.timezone).toBe(example.timezone);
            expect(Object.fromEntries(report.datasets.map((d: { name: string; rows: number }) => [d.name, d.rows]))).toEqual(example.datasets);
            const check = (actual: Array<Record<string, unknown>>, designed: ExpectedObjective[]) => {
                for (const objective of designed) {
                    const found = actual.find(o => o.kpiKey === objective.kpi || o.kpi === objective.kpi);
                    expect(found, `objective on ${objective.kpi}`).toBeDefined();
                    expect(found!.target).toBeCloseTo(objective.target, 12);
                    expect([found!.unit, found!.window]).toEqual([objective.unit, objective.window]);
                    for (const window of objective.windows ?? []) {
                        const actualWindow = (found!.windows as Array<Record<string, unknown>>).find(w => w.start === window.start && w.scopeValue === window.scopeValue);
                        expect(actualWindow, `${objective.kpi} window ${window.start} ${window.scopeValue ?? ''}`).toBeDefined();
                        expect(actualWindow!.status).toBe(window.status);
                        if (window.value === null) expect(actualWindow!.value).toBeNull();
                        else expect(actualWindow!.value as number).toBeCloseTo(window.value, 6);
                    }
                }
            };
            check(report.objectives, example.objectives);
            check(report.internalTargets, example.internalTargets);
            for (const credit of example.credits) {
                const found = report.credits.find((c: { kpiKey: string; kpi: string }) => c.kpiKey === credit.kpi || c.kpi === credit.kpi);
                expect(found?.total, `credit total for ${credit.kpi}`).toBe(credit.total);
            }
        });
    }

    test('the table, markdown and html formats show the same outcome', () => {
        const file = path.join('examples', 'managed-hosting', 'acme-hosting.sla');
        const common = [file, '--from', '2026-01-01', '--to', '2026-03-31'];
        const table = run(['evaluate', ...common]).stdout;
        expect(table).toMatch(/WebShop · Availability >= 99\.9 % per calendar month: BREACHED/);
        expect(table).toMatch(/2026-02-01 – 2026-02-28 +99\.578 % +BREACHED/);
        const markdown = run(['evaluate', ...common, '--format', 'markdown']).stdout;
        expect(markdown).toMatch(/^# /m);
        expect(markdown).toContain('99.578 %');
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sla-out-')), 'report.html');
        const html = run(['evaluate', ...common, '--format', 'html', '--out', out]);
        expect(html.stdout).toBe('');
        expect(html.code).toBe(1);
        const page = fs.readFileSync(out, 'utf8');
        expect(page).toMatch(/^<!DOCTYPE html>/i);
        expect(page).toContain('99.578 %');
        expect(page).not.toMatch(/<script|https?:\/\//i);
    });

    test('--out replaces a report whole, and writes a path that is not a file (/dev/stdout, a link to none yet) through', () => {
        const file = path.join('examples', 'managed-hosting', 'acme-hosting.sla');
        const common = ['evaluate', file, '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json'];
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-out-'));
        const out = path.join(folder, 'report.json');
        fs.writeFileSync(out, '{"last": "report"}\n');
        const holder = fs.openSync(out, 'r');
        try {
            expect(run([...common, '--out', out]).code).toBe(1);
            // A reader of the last report (opened before) still reads it whole.
            const bytes = Buffer.alloc(100);
            expect(bytes.subarray(0, fs.readSync(holder, bytes, 0, 100, 0)).toString()).toBe('{"last": "report"}\n');
        } finally {
            fs.closeSync(holder);
        }
        const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { agreement: string };
        expect(report.agreement).toBe('AcmeHosting');
        // Through /dev/stdout, standard output a pipe, then a file: the report each time, and /dev is left as it was.
        const quoted = [node, cli, ...common].map((arg) => `'${arg}'`).join(' ');
        const piped = execFileSync('sh', ['-c', `${quoted} --out /dev/stdout | cat`], { cwd: root, encoding: 'utf8' });
        expect((JSON.parse(piped) as { agreement: string }).agreement).toBe('AcmeHosting');
        execFileSync('sh', ['-c', `${quoted} --out /dev/stdout > '${path.join(folder, 'redirected.json')}'; true`], { cwd: root });
        expect((JSON.parse(fs.readFileSync(path.join(folder, 'redirected.json'), 'utf8')) as { agreement: string }).agreement).toBe('AcmeHosting');
        // Appended to a log with >>: the log keeps what it held (standard output is not replaced, nor emptied).
        const log = path.join(folder, 'ci.log');
        fs.writeFileSync(log, 'earlier step\n');
        execFileSync('sh', ['-c', `${quoted} --out /dev/stdout >> '${log}'; true`], { cwd: root });
        const logged = fs.readFileSync(log, 'utf8');
        expect(logged.startsWith('earlier step\n{')).toBe(true);
        expect((JSON.parse(logged.slice('earlier step\n'.length)) as { agreement: string }).agreement).toBe('AcmeHosting');
        expect(fs.lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
        expect(fs.readdirSync('/dev').filter((name) => name.endsWith('.tmp'))).toEqual([]);
        // A link to a file not made yet: the file is made, the link stays.
        fs.symlinkSync(path.join(folder, 'made.json'), path.join(folder, 'latest.json'));
        run([...common, '--out', path.join(folder, 'latest.json')]);
        expect(fs.lstatSync(path.join(folder, 'latest.json')).isSymbolicLink()).toBe(true);
        expect((JSON.parse(fs.readFileSync(path.join(folder, 'made.json'), 'utf8')) as { agreement: string }).agreement).toBe('AcmeHosting');
        expect(fs.readdirSync(folder).sort()).toEqual(['ci.log', 'latest.json', 'made.json', 'redirected.json', 'report.json']);
    });
});

const SMALL = (dataFile: string, extra = '') => `agreement Small "Small" {
    valid from 2026-01-01 to 2026-01-31
    timezone "UTC"
    dataset requests "Requests" from "${dataFile}" {
        time timestamp
        latency duration ms
    }
    kpi P50 "Median latency" = percentile(50, requests.latency)
    objective P50 <= 100 ms per calendar month
    ${extra}
}
`;

describe('sla evaluate exit codes and input errors', () => {
    test('0 when every objective is met; the percentile is nearest-rank', () => {
        // latencies 10, 20, 30, 200: p50 = sorted[ceil(0.5 · 4) − 1] = sorted[1] = 20 ms ≤ 100 ms
        const folder = folderWith({
            'a.sla': SMALL('r.csv'),
            'r.csv': 'time,latency\n2026-01-02T10:00:00Z,200\n2026-01-03T10:00:00Z,10\n2026-01-04T10:00:00Z,30\n2026-01-05T10:00:00Z,20\n'
        });
        const result = run(['evaluate', 'a.sla', '--format', 'json'], folder);
        expect(result.code).toBe(0);
        const window = JSON.parse(result.stdout).objectives[0].windows[0];
        expect([window.value, window.status]).toEqual([20, 'met']);
    });

    test('1 when an objective is breached', () => {
        // latencies 150, 160: p50 = sorted[0] = 150 ms > 100 ms
        const folder = folderWith({ 'a.sla': SMALL('r.csv'), 'r.csv': 'time,latency\n2026-01-02T10:00:00Z,160\n2026-01-03T10:00:00Z,150\n' });
        expect(run(['evaluate', 'a.sla'], folder).code).toBe(1);
    });

    test('2 with file:line:column when the document has errors, and nothing is evaluated', () => {
        const folder = folderWith({ 'a.sla': SMALL('r.csv', 'objective P50 <= 100 ms monthly'), 'r.csv': 'time,latency\n' });
        const result = run(['evaluate', 'a.sla'], folder);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^a\.sla:10:\d+: error: .*monthly/m);
    });

    test('2 for a formula of 10,000 or 100,000 terms, with the error where the formula is cut, and nothing evaluated', () => {
        for (const terms of [10_000, 100_000]) {
            const chain = Array.from({ length: terms }, () => 'percentile(50, requests.latency)').join(' + ');
            const folder = folderWith({ 'a.sla': SMALL('r.csv').replace('percentile(50, requests.latency)', chain), 'r.csv': 'time,latency\n2026-01-02T10:00:00Z,20\n' });
            const result = run(['evaluate', 'a.sla'], folder);
            expect(result.code).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr).toMatch(/^a\.sla:8:\d+: error: This formula has more than 500 operators, too many to read\. Split it into smaller KPIs\./m);
        }
    });

    test('2 naming file, line, column and value of an invalid row; --skip-invalid counts and lists it', () => {
        const folder = folderWith({ 'a.sla': SMALL('r.csv'), 'r.csv': 'time,latency\n2026-01-02T10:00:00Z,20\n2026-01-03T10:00:00Z,fast\n2026-01-04T10:00:00Z,30\n' });
        const failed = run(['evaluate', 'a.sla'], folder);
        expect(failed.code).toBe(2);
        expect(failed.stderr).toMatch(/r\.csv:3:2: .*"fast"/);
        const skipped = run(['evaluate', 'a.sla', '--skip-invalid', '--format', 'json'], folder);
        expect(skipped.code).toBe(0);
        const report = JSON.parse(skipped.stdout);
        expect([report.datasets[0].rows, report.datasets[0].rejected]).toEqual([2, 1]);
        expect(report.datasets[0].rejectedSamples[0].line).toBe(3);
        // remaining latencies 20, 30: p50 = sorted[ceil(0.5 · 2) − 1] = sorted[0] = 20 ms
        expect(report.objectives[0].windows[0].value).toBe(20);
    });

    test('--data reads a dataset from another file; --to narrows the period, --from inside January judges it whole', () => {
        const folder = folderWith({
            'a.sla': SMALL('missing.csv'),
            'other.csv': 'time,latency\n2026-01-02T10:00:00Z,40\n2026-01-03T10:00:00Z,45\n2026-01-20T10:00:00Z,90\n'
        });
        const to = run(['evaluate', 'a.sla', '--data', 'requests=other.csv', '--to', '2026-01-05', '--format', 'json'], folder);
        expect(to.code).toBe(0);
        // 2 and 3 January lie in [1 Jan, 6 Jan): p50 (nearest rank 1 of 2) = 40 ms; the window is cut by --to
        const cut = JSON.parse(to.stdout).objectives[0].windows[0];
        expect([cut.value, cut.partial]).toEqual([40, true]);
        const from = run(['evaluate', 'a.sla', '--data', 'requests=other.csv', '--from', '2026-01-10', '--to', '2026-01-31', '--format', 'json'], folder);
        expect(from.code).toBe(0);
        const report = JSON.parse(from.stdout);
        // January whole, all three rows: p50 (rank 2 of 3) = 45 ms (judged on 10–31 January it was 90 ms)
        expect([report.objectives[0].windows[0].value, report.objectives[0].windows[0].partial]).toEqual([45, false]);
        expect(report.period.requestedFrom).toBe('2026-01-10T00:00:00+00:00');
    });

    test('2 for a missing file, a bad date or a malformed --data', () => {
        expect(run(['evaluate', 'no-such.sla']).code).toBe(2);
        const folder = folderWith({ 'a.sla': SMALL('r.csv'), 'r.csv': 'time,latency\n' });
        const badDate = run(['evaluate', 'a.sla', '--from', '01/02/2026'], folder);
        expect(badDate.code).toBe(2);
        expect(badDate.stderr).toContain('--from must be a date written YYYY-MM-DD');
        expect(run(['evaluate', 'a.sla', '--data', 'requests'], folder).code).toBe(2);
        expect(run(['evaluate', 'a.sla', '--format', 'pdf'], folder).code).toBe(2);
    });

    test('maintenance written in its own time zone is excluded at those hours', () => {
        // Sundays 02:00–04:00 in New York (EST, UTC−5) = 07:00–09:00 UTC. The outage on Sunday
        // 4 January 07:00–09:00 UTC falls entirely inside it: downtime 0, and eligible time is
        // 44,640 − 4 Sundays × 120 = 44,160 min, so uptime is 100 %. Read in UTC instead, the
        // 120 minutes would count: (44,160 − 120) / 44,160 = 99.728 %.
        const folder = folderWith({
            'a.sla': `agreement Zones "Zones" {
    valid from 2026-01-01 to 2026-01-31
    timezone "UTC"
    maintenance Patching "Patching" {
        every sunday 02:00 to 04:00
        notice 3 days
        timezone "America/New_York"
    }
    dataset incidents "Incidents" from "i.csv" { started timestamp  resolved timestamp optional }
    kpi Up "Uptime" = uptime(incidents, from started to resolved) excluding Patching
    objective Up >= 99.9% per calendar month
}
`,
            'i.csv': 'started,resolved\n2026-01-04T07:00:00Z,2026-01-04T09:00:00Z\n'
        });
        const result = run(['evaluate', 'a.sla', '--format', 'json'], folder);
        expect(result.stderr).toBe('');
        expect(JSON.parse(result.stdout).objectives[0].windows[0].value).toBe(1);
    });

    test('a window without rows is "no data", never met or 0', () => {
        const folder = folderWith({ 'a.sla': SMALL('r.csv'), 'r.csv': 'time,latency\n' });
        const result = run(['evaluate', 'a.sla', '--format', 'json'], folder);
        expect(result.code).toBe(0);
        const window = JSON.parse(result.stdout).objectives[0].windows[0];
        expect([window.value, window.status]).toEqual([null, 'no data']);
    });

    test('windows after the data end have no data, said in one line; --data-end says the data run further', () => {
        // One 1-hour outage on 10 January, the only row: the data end there (no --to).
        // January: 1 − 60/44,640 = 99.866 % < 99.9 %, breached; February and March: no data.
        const folder = folderWith({
            'a.sla': `agreement Hosting "Hosting" {
    valid from 2026-01-01 to 2026-03-31
    timezone "UTC"
    dataset incidents "Incidents" from "i.csv" {
        started timestamp
        resolved timestamp optional
    }
    kpi Availability "Availability" = uptime(incidents, from started to resolved)
    objective Availability >= 99.9% per calendar month
}
`,
            'i.csv': 'started,resolved\n2026-01-10T10:00:00Z,2026-01-10T11:00:00Z\n'
        });
        const json = JSON.parse(run(['evaluate', 'a.sla', '--format', 'json'], folder).stdout);
        expect(json.objectives[0].windows.map((w: { status: string; afterDataEnd?: boolean }) => `${w.status}${w.afterDataEnd ? ' (after data end)' : ''}`))
            .toEqual(['breached', 'no data (after data end)', 'no data (after data end)']);
        expect(json.datasets[0].coverage).toEqual({ declaredEnd: null, end: '2026-01-10T10:00:00+00:00', basis: 'last event', knownUntil: '2026-01-10T10:00:00+00:00' });
        const table = run(['evaluate', 'a.sla'], folder).stdout;
        expect(table.split('\n')[1]).toMatch(/^NO DATA: 2 window\(s\) have no data because they start after the end of the data \(incidents last event 2026-01-10T10:00:00\+00:00\)/);
        // Declared complete through March: February and March have no outage rows → 100 %, met.
        const declared = JSON.parse(run(['evaluate', 'a.sla', '--format', 'json', '--data-end', 'incidents=2026-03-31'], folder).stdout);
        expect(declared.objectives[0].windows.map((w: { status: string; value: number }) => [w.status, w.value]).slice(1)).toEqual([['met', 1], ['met', 1]]);
        expect(declared.datasets[0].coverage).toMatchObject({ declaredEnd: '2026-03-31', basis: '--data-end' });
        const bad = run(['evaluate', 'a.sla', '--data-end', 'incidents=2026-02-30'], folder);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain('--data-end takes NAME=DATE');
        expect(run(['evaluate', '--help']).stdout).toMatch(/--data-end <name=date>\s+the data of dataset NAME are complete through DATE/);
    });
});
