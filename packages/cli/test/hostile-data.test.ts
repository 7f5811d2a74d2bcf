import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * The hostile-data corpus through the CLI (issue 13): each case is a small project made in
 * a temp folder, run as users run `sla`, with its expected exit code and message parts.
 * Exit codes (docs/cli.md): 0 ok, 1 findings (validate: errors), 2 the command could not run.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');
const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sla-hostile-cli-')));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
    // A timeout: a FIFO used to block the CLI forever.
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A project folder with `contract.sla` reading dataset `requests` from `dataPath` (line 6 of the file). */
function project(name: string, dataPath: string, files: Record<string, string> = {}): string {
    const folder = path.join(base, name, 'project');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'contract.sla'), `agreement Hostile "Hostile data" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"
    valid from 2026-01-01 to 2026-12-31
    dataset requests "Requests" from "${dataPath}" {
        time timestamp
        latency duration ms
    }
    service Web "Web" {
        kpi Requests "Requests" = count(requests)
        objective Requests >= 1 per calendar month
    }
}
`);
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        fs.writeFileSync(path.join(folder, file), text);
    }
    return folder;
}

const EVALUATE = ['evaluate', 'contract.sla', '--from', '2026-03-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z', '--format', 'json'];
const ROW = '2026-03-05T12:00:00+01:00';

describe('sla on hostile data', () => {
    test('a FIFO as data file: validate warns, evaluate exits 2, neither blocks', () => {
        const folder = project('fifo', 'data/requests.csv');
        fs.mkdirSync(path.join(folder, 'data'));
        execFileSync('mkfifo', [path.join(folder, 'data', 'requests.csv')]);
        const validate = run(['validate', 'contract.sla'], folder);
        expect(validate.code).toBe(0);
        expect(validate.stdout).toContain('is not a regular file');
        expect(validate.stdout).toContain('[sla/dataset-unreadable-file]');
        const evaluate = run(EVALUATE, folder);
        expect(evaluate.code).toBe(2);
        expect(evaluate.stderr).toContain('of dataset requests (declared at contract.sla:6) is not a regular file');
    }, 130_000);

    test('a missing data file: words, the dataset and its .sla line, no ENOENT', () => {
        const folder = project('missing', 'data/none.csv');
        const evaluate = run(EVALUATE, folder);
        expect(evaluate.code).toBe(2);
        expect(evaluate.stderr).toContain('the data file data/none.csv of dataset requests (declared at contract.sla:6) does not exist');
        expect(evaluate.stderr).not.toContain('ENOENT');
    }, 60_000);

    test('a data path outside the project is refused unless allowed with --allow-data-outside', () => {
        const folder = project('outside', '../shared/requests.csv');
        fs.mkdirSync(path.join(folder, '..', 'shared'));
        fs.writeFileSync(path.join(folder, '..', 'shared', 'requests.csv'), `time,latency\n${ROW},100\n`);
        const validate = run(['validate', 'contract.sla'], folder);
        expect(validate.code).toBe(1);
        expect(validate.stdout).toContain('contract.sla:6:');
        expect(validate.stdout).toContain('[sla/path-outside-workspace]');
        expect(run(EVALUATE, folder).code).toBe(2);
        const allowed = run([...EVALUATE, '--allow-data-outside', '../shared'], folder);
        expect(allowed.stderr).toBe('');
        expect(allowed.code).toBe(0);
        expect(JSON.parse(allowed.stdout).datasets[0].rows).toBe(1);
    }, 120_000);

    test('an unquoted decimal comma shifts no column: exit 2 with file, line and column', () => {
        const folder = project('comma', 'data/requests.csv', { 'data/requests.csv': `time,latency\n${ROW},1,5\n` });
        const evaluate = run(EVALUATE, folder);
        expect(evaluate.code).toBe(2);
        // the location once (file:line:column: error:), then what is wrong, without the path again
        expect(evaluate.stderr).toMatch(/^data\/requests\.csv:2:3: error: the record has 3 fields, the header has 2/m);
    }, 60_000);

    test('--skip-invalid with every row rejected: exit 2, no usable rows', () => {
        const folder = project('all-rejected', 'data/requests.csv', { 'data/requests.csv': `time,latency\n${ROW},fast\n${ROW},slow\n` });
        const evaluate = run([...EVALUATE, '--skip-invalid'], folder);
        expect(evaluate.code).toBe(2);
        expect(evaluate.stderr).toContain('dataset requests has no usable rows: all 2 records were rejected as invalid');
    }, 60_000);
});
