import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * `sla evaluate` refuses input it cannot honour, where the input was written (the flag,
 * the row), with exit 2 and one message that says what to do — instead of a report of
 * nothing or of a file the user did not mean.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function folderWith(files: Record<string, string>): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-evaluate-input-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
    return folder;
}

/** Two datasets, so that "nearest first" has an order to check; valid for the first quarter of 2026. */
const TWO_DATASETS = `agreement Desk "Desk" {
    valid from 2026-01-01 to 2026-03-31
    timezone "Europe/Paris"
    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        priority  one of "P1", "P2"
    }
    dataset incidents "Incidents" from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    kpi Tickets "P1 tickets" = count(tickets where priority = "P1")
    kpi Up "Uptime" = uptime(incidents, from started to resolved)
    objective Tickets <= 10 per calendar month
    objective Up >= 99% per calendar month
}
`;
const TICKETS = 'opened,priority\n2026-01-05T09:00:00Z,P1\n';
const INCIDENTS = 'started,resolved\n';

function desk(extra: Record<string, string> = {}): string {
    return folderWith({ 'desk.sla': TWO_DATASETS, 'tickets.csv': TICKETS, 'incidents.csv': INCIDENTS, ...extra });
}

describe('sla evaluate: --data names a dataset of the agreement', () => {
    test('a misspelt name is refused with the datasets, nearest first, and the declared file is not read instead', () => {
        const folder = desk({ 'march.csv': TICKETS });
        const result = run(['evaluate', 'desk.sla', '--data', 'tickts=march.csv', '--to', '2026-01-31'], folder);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        // 'tickts' is 1 edit from 'tickets' and 7 from 'incidents': tickets comes first.
        expect(result.stderr).toBe("sla evaluate: --data tickts=march.csv: the agreement has no dataset 'tickts'. Did you mean 'tickets'? The datasets, nearest first: tickets, incidents.\n");
    });

    test('the nearest comes first whichever dataset was declared first', () => {
        const result = run(['evaluate', 'desk.sla', '--data', 'incident=x.csv'], desk());
        expect(result.code).toBe(2);
        // 'incident' is 1 edit from 'incidents', 7 from 'tickets'.
        expect(result.stderr).toContain("Did you mean 'incidents'? The datasets, nearest first: incidents, tickets.");
    });

    test('a correct name with a file that does not exist names the flag and the dataset', () => {
        const result = run(['evaluate', 'desk.sla', '--data', 'tickets=nosuch.csv'], desk());
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^sla evaluate: --data tickets=nosuch\.csv: no such file for dataset tickets: \/.*nosuch\.csv\n$/);
        expect(result.stderr).not.toMatch(/ENOENT|\n +at /);
    });

    test('an error about the declared file does not stop the evaluation of the file given instead (docs/language-reference.md § 6)', () => {
        // The declared tickets.csv lacks every declared column (a header in another language); march.csv has them.
        const folder = desk({ 'march.csv': TICKETS });
        const header = TICKETS.split('\n')[0]!;
        fs.writeFileSync(path.join(folder, 'tickets.csv'), TICKETS.replace(header, header.split(',').map((_, i) => `Spalte${i + 1}`).join(',')));
        const refused = run(['evaluate', 'desk.sla', '--to', '2026-01-31'], folder);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('[sla/column-missing]');
        const replaced = run(['evaluate', 'desk.sla', '--data', 'tickets=march.csv', '--to', '2026-01-31', '--format', 'json'], folder);
        expect(replaced.code, replaced.stderr).toBeLessThanOrEqual(1);
        const report = JSON.parse(replaced.stdout) as { datasets: { name: string; path: string; rows: number }[] };
        expect(report.datasets.find(d => d.name === 'tickets')!.path).toMatch(/march\.csv$/);
        // An error that is not about the declared file still stops it.
        fs.writeFileSync(path.join(folder, 'desk.sla'), TWO_DATASETS.replace('timezone "', 'timezone "Mars/'));
        expect(run(['evaluate', 'desk.sla', '--data', 'tickets=march.csv', '--to', '2026-01-31'], folder).code).toBe(2);
    });

    test('a declared file that does not exist names the dataset and how to give another file', () => {
        const folder = desk();
        fs.rmSync(path.join(folder, 'incidents.csv'));
        const result = run(['evaluate', 'desk.sla', '--to', '2026-01-31'], folder);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('the data file incidents.csv of dataset incidents (declared at desk.sla:');
        expect(result.stderr).not.toMatch(/ENOENT|\n +at /);
    });
});

describe('sla evaluate: the period lies within the validity', () => {
    test('--from after --to is refused with the validity', () => {
        const result = run(['evaluate', 'desk.sla', '--from', '2026-03-01', '--to', '2026-01-31'], desk());
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('sla evaluate: Nothing to evaluate: the first day, 2026-03-01, is after the last day, 2026-01-31. Desk is valid from 2026-01-01 to 2026-03-31. Give --from and --to between 2026-01-01 and 2026-03-31.\n');
    });

    test('a period after the validity, or one ending before it, is refused with the validity', () => {
        const after = run(['evaluate', 'desk.sla', '--from', '2026-04-01', '--to', '2026-06-30'], desk());
        expect(after.code).toBe(2);
        expect(after.stderr).toContain('the period starts on 2026-04-01, after Desk is valid (from 2026-01-01 to 2026-03-31)');
        const before = run(['evaluate', 'desk.sla', '--to', '2025-12-31'], desk());
        expect(before.code).toBe(2);
        expect(before.stderr).toContain('the period ends on 2025-12-31, before Desk is valid (from 2026-01-01 to 2026-03-31)');
    });

    test('an objective improved yearly: May 2026 alone is judged against 2026\'s 99.8 %, from the 2025 windows read on their own', () => {
        const example = path.join(root, 'examples', 'continuous-improvement');
        // examples/continuous-improvement/README.md: May 2026, 120 minutes down of 44,640: 99.731 %, missed, 2,000 GBP.
        const may = run(['evaluate', 'thames-council-hosting.sla', '--from', '2026-05-01', '--to', '2026-05-31', '--format', 'json'], example);
        expect(may.stderr).toBe('');
        expect(may.code).toBe(1);
        const report = JSON.parse(may.stdout);
        expect(report.objectives[0].windows.map((window: { start: string; target: number; status: string }) => [window.start.slice(0, 10), window.target, window.status])).toEqual([['2026-05-01', 0.998, 'breached']]);
        expect(report.objectives[0].improvedTargets[0]).toMatchObject({ from: '2026-01-01', previous: 0.995, target: 0.998, measured: 12, outcome: 'raised' });
        expect(report.objectives[0].improvedTargets[0].mean).toBeCloseTo(1 - (280 / 43_200 + 165 / 44_640) / 6, 15);
        expect([report.credits[0].total, report.credits[0].currency]).toEqual([2000, 'GBP']);
    });

    test('an objective improved yearly: a --from inside a window that reaches the next contract year judges that window whole, as from its first day', () => {
        const example = path.join(root, 'examples', 'continuous-improvement');
        // Refused before whole windows: 15 March cut March 2025, which 2026's target needs whole.
        const late = run(['evaluate', 'thames-council-hosting.sla', '--from', '2025-03-15', '--to', '2026-09-30', '--format', 'json'], example);
        expect(late.stderr).toBe('');
        expect(late.code).toBe(1);
        const fromFirst = run(['evaluate', 'thames-council-hosting.sla', '--from', '2025-03-01', '--to', '2026-09-30', '--format', 'json'], example);
        const [lateReport, firstReport] = [JSON.parse(late.stdout), JSON.parse(fromFirst.stdout)];
        expect(lateReport.period.requestedFrom).toBe('2025-03-15T00:00:00+00:00');
        expect(lateReport.objectives[0].improvedTargets[0]).toMatchObject({ from: '2026-01-01', previous: 0.995, target: 0.998, measured: 12, outcome: 'raised' });
        expect({ objectives: lateReport.objectives, credits: lateReport.credits }).toEqual({ objectives: firstReport.objectives, credits: firstReport.credits });
        // Within the first contract year, any period: the target is the one written.
        const first = run(['evaluate', 'thames-council-hosting.sla', '--from', '2025-03-15', '--to', '2025-12-31', '--format', 'json'], example);
        expect(first.stderr).toBe('');
        expect(JSON.parse(first.stdout).objectives[0].windows.length).toBe(10);
    });

    test('a period overlapping the validity by one day is evaluated', () => {
        // 2025-12-01 – 2026-01-01 shares 1 January with the validity: one (partial) January window each.
        const result = run(['evaluate', 'desk.sla', '--from', '2025-12-01', '--to', '2026-01-01', '--format', 'json'], desk());
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).objectives[0].windows).toHaveLength(1);
    });
});

describe('sla evaluate: bad flags name the flag', () => {
    test.each([
        ['--from', '2026-02-30'],
        ['--to', '2026-13-01']
    ])('%s %s (no such day) names the option', (flag, value) => {
        const result = run(['evaluate', 'desk.sla', flag, value], desk());
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`sla evaluate: ${flag} must be a date written YYYY-MM-DD, a day that exists (e.g. 2026-03-31), not '${value}'.\n`);
    });

    test.each(['2026-02-30T00:00:00Z', '2026-04-01', '2026-04-01T00:00:00', 'yesterday'])('--now %s (no such instant, or no offset) names the option', (value) => {
        const result = run(['evaluate', 'desk.sla', '--now', value], desk());
        expect(result.code).toBe(2);
        expect(result.stderr).toBe(`sla evaluate: --now must be an ISO-8601 timestamp with Z or a UTC offset (e.g. 2026-04-01T00:00:00Z), not '${value}'.\n`);
    });

    test('--now with an offset is accepted', () => {
        const result = run(['evaluate', 'desk.sla', '--now', '2026-02-01T00:00:00+01:00', '--format', 'json'], desk());
        expect(result.stderr).toBe('');
        // midnight in Paris on 1 February: only the January window, complete.
        const windows = JSON.parse(result.stdout).objectives[0].windows as Array<{ start: string; partial: boolean }>;
        expect(windows.map(w => [w.start, w.partial])).toEqual([['2026-01-01T00:00:00+01:00', false]]);
    });
});

describe('sla evaluate: error messages', () => {
    test('an invalid row is located once, and the message says --skip-invalid would skip it', () => {
        const folder = desk({ 'tickets.csv': 'opened,priority\n2026-01-05T09:00:00Z,P1\n2026-01-06T09:00:00Z,P7\n' });
        const result = run(['evaluate', 'desk.sla', '--to', '2026-01-31'], folder);
        expect(result.code).toBe(2);
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toBe('tickets.csv:3:2: error: invalid value "P7" for field priority (enum) in column 2 (priority): expected one of "P1", "P2"');
        expect(lines[0].match(/tickets\.csv:3/g)).toHaveLength(1);
        expect(lines[1]).toBe('sla evaluate: Nothing was evaluated. Fix the row, or pass --skip-invalid to skip invalid rows (they are counted, and the first ones listed in the report).');
    });

    test('a problem --skip-invalid cannot skip (a missing column) does not suggest it', () => {
        // The file given with --data lacks the column (the declared one is checked at the field, below).
        const folder = desk({ 'export.csv': 'opened,prio\n2026-01-05T09:00:00Z,P1\n' });
        const result = run(['evaluate', 'desk.sla', '--to', '2026-01-31', '--data', 'tickets=export.csv'], folder);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^export\.csv:1:1: error: missing column "priority" for field priority \(declared at desk\.sla:6\)/);
        expect(result.stderr).not.toMatch(/export\.csv:1:1: error: export\.csv/);
        expect(result.stderr).not.toContain('--skip-invalid');
    });

    test('a declared data file without a declared column is refused at the field of the .sla file', () => {
        const folder = desk({ 'tickets.csv': 'opened,prio\n2026-01-05T09:00:00Z,P1\n' });
        const result = run(['evaluate', 'desk.sla', '--to', '2026-01-31'], folder);
        expect(result.code).toBe(2);
        // `priority` is the field on line 6, column 9 of TWO_DATASETS; the header has "prio".
        expect(result.stderr).toMatch(/^desk\.sla:6:9: error: The data file "tickets\.csv" of the dataset 'tickets' has no column "priority" for the field 'priority'.* Did you mean "prio"\?/);
    });

    test('naive timestamps: the hint names the agreement\'s own time zone', () => {
        const folder = desk({ 'tickets.csv': 'opened,priority\n2026-01-05T09:00:00,P1\n' });
        const result = run(['evaluate', 'desk.sla', '--to', '2026-01-31'], folder);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('declare timezone "Europe/Paris" in the dataset');
        expect(result.stderr).not.toContain('Europe/Berlin');
        // every row would fail the same way: skipping is no remedy
        expect(result.stderr).not.toContain('--skip-invalid');
    });

    test('a document with errors is refused with its diagnostics as `sla validate` prints them, codes included', () => {
        const folder = desk({ 'desk.sla': TWO_DATASETS.replace('per calendar month\n    objective Up', 'monthly\n    objective Up') });
        const evaluated = run(['evaluate', 'desk.sla'], folder);
        const validated = run(['validate', 'desk.sla'], folder);
        expect(evaluated.code).toBe(2);
        const errorLines = validated.stdout.split('\n').filter(line => line.includes(': error: '));
        expect(errorLines.length).toBeGreaterThan(0);
        expect(errorLines.every(line => / \[sla\/[a-z-]+\]$/.test(line))).toBe(true);
        expect(evaluated.stderr).toBe(`${errorLines.join('\n')}\nsla evaluate: desk.sla has ${errorLines.length} error${errorLines.length === 1 ? '' : 's'}; fix ${errorLines.length === 1 ? 'it' : 'them'} before evaluating (sla validate desk.sla). Nothing was evaluated.\n`);
        expect(evaluated.stderr).toContain('[sla/window-ambiguous]');
    });
});

describe('project settings looked up while the language services load', () => {
    const agreementText = 'agreement A "a" {\n    provider P "p"\n    customer C "c"\n    valid from 2026-01-01 to 2026-12-31\n    timezone "UTC"\n}\n';

    test('a malformed .slarc.json stops `sla evaluate` with its message, nothing evaluated (exit 2)', () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-slarc-'));
        fs.writeFileSync(path.join(folder, 'a.sla'), agreementText);
        fs.writeFileSync(path.join(folder, '.slarc.json'), '{ "allowDataOutside": 42 ');
        const result = run(['evaluate', 'a.sla', '--format', 'json'], folder);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^sla evaluate: .*\.slarc\.json/);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });

    test('a malformed --connection stops it with its message; a good one and a valid .slarc.json let it evaluate', () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-slarc-'));
        fs.writeFileSync(path.join(folder, 'a.sla'), agreementText);
        fs.writeFileSync(path.join(folder, '.slarc.json'), '{ "allowDataOutside": [] }');
        const bad = run(['evaluate', 'a.sla', '--connection', 'warehouse'], folder);
        expect(bad.code).toBe(2);
        expect(bad.stdout).toBe('');
        expect(bad.stderr).toMatch(/^sla evaluate: --connection takes NAME=URL/);
        const good = run(['evaluate', 'a.sla', '--format', 'json', '--now', '2027-01-01T00:00:00Z', '--connection', 'warehouse=postgres://sla@localhost:5432/ops'], folder);
        expect(good.stderr).toBe('');
        expect(JSON.parse(good.stdout).agreement).toBeDefined();
    });
});

describe('sla evaluate: a period not begun by the time of evaluation is refused (docs/cli.md, --now)', () => {
    // Desk: valid from 2026-01-01 to 2026-03-31, Paris time (+01:00 in winter).
    test('--now before the validity: exit 2 with where the period starts and the --now to give', () => {
        const result = run(['evaluate', 'desk.sla', '--now', '2025-06-01T00:00:00Z'], desk());
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        // "or leave out --now": the present (the clock of the machine) is after 1 January 2026.
        expect(result.stderr).toBe('sla evaluate: Nothing to evaluate: Desk is valid from 2026-01-01 to 2026-03-31, its period starts at 2026-01-01T00:00:00+01:00, and --now 2025-06-01T00:00:00Z is not after it. Give a --now after 2026-01-01T00:00:00+01:00, or leave out --now to evaluate up to the present.\n');
    });

    test('--now at the very start of the validity leaves nothing to evaluate either', () => {
        const result = run(['evaluate', 'desk.sla', '--now', '2026-01-01T00:00:00+01:00'], desk());
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('its period starts at 2026-01-01T00:00:00+01:00, and --now 2026-01-01T00:00:00+01:00 is not after it.');
    });

    test('--from after --now: the last --from that has begun by --now is given (its day in the agreement zone), and it is evaluated', () => {
        const result = run(['evaluate', 'desk.sla', '--from', '2026-02-01', '--now', '2026-01-15T00:00:00Z'], desk());
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        // 2026-01-15T00:00:00Z is 01:00 in Paris: 15 January has begun (at 23:00 UTC the day before).
        expect(result.stderr).toBe('sla evaluate: Nothing to evaluate: --from 2026-02-01 starts the period at 2026-02-01T00:00:00+01:00, and --now 2026-01-15T00:00:00Z is not after it. Give --from 2026-01-15 or earlier, or a --now after 2026-02-01T00:00:00+01:00, or leave out --now to evaluate up to the present.\n');
        const suggested = run(['evaluate', 'desk.sla', '--from', '2026-01-15', '--now', '2026-01-15T00:00:00Z', '--format', 'json'], desk());
        expect(suggested.stderr).toBe('');
        expect(suggested.code).toBe(0);
        // 15 January falls inside January, judged whole: the period starts on the 1st (evaluation-period.ts).
        expect(JSON.parse(suggested.stdout).period).toEqual({ from: '2026-01-01T00:00:00+01:00', to: '2026-01-15T01:00:00+01:00', requestedFrom: '2026-01-15T00:00:00+01:00' });
    });
});

describe('sla evaluate: --data-end names a dataset of the agreement', () => {
    test('a misspelt name is refused with the datasets, nearest first, not ignored', () => {
        const result = run(['evaluate', 'desk.sla', '--data-end', 'tickts=2026-01-15', '--to', '2026-01-31'], desk());
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe("sla evaluate: --data-end tickts=2026-01-15: the agreement has no dataset 'tickts'. Did you mean 'tickets'? The datasets, nearest first: tickets, incidents.\n");
        const right = run(['evaluate', 'desk.sla', '--data-end', 'tickets=2026-01-15', '--to', '2026-01-31'], desk());
        expect(right.stderr).toBe('');
        expect(right.code).toBe(0);
    });
});

describe('sla evaluate: --out is checked before evaluating', () => {
    // incidents.csv is missing: an evaluation would stop on it; the --out problem is said first.
    function withoutIncidents(): string {
        const folder = desk();
        fs.rmSync(path.join(folder, 'incidents.csv'));
        return folder;
    }

    test('a folder: exit 2, a file path suggested, nothing evaluated', () => {
        const folder = withoutIncidents();
        fs.mkdirSync(path.join(folder, 'reports'));
        const result = run(['evaluate', 'desk.sla', '--out', 'reports', '--format', 'html'], folder);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`sla evaluate: --out reports is a folder; give the path of a file to write the report to (e.g. --out ${path.join('reports', 'report.html')}). Nothing was evaluated.\n`);
        expect(fs.readdirSync(path.join(folder, 'reports'))).toEqual([]);
    });

    test('a path under a file: exit 2, naming the file', () => {
        const result = run(['evaluate', 'desk.sla', '--out', 'desk.sla/report.txt'], withoutIncidents());
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('sla evaluate: --out desk.sla/report.txt: desk.sla is a file, not a folder, so the report cannot be written under it. Give another --out path. Nothing was evaluated.\n');
        expect(result.stderr).not.toMatch(/ENOTDIR|EISDIR|ENOENT/);
    });
});
