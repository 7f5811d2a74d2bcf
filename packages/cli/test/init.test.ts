import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/** `sla init`: a starter that evaluates at once with the outcomes it was designed for. */
describe('sla init', () => {
    test('writes an agreement and its data that validate cleanly and evaluate with the designed outcomes', () => {
        const folder = path.join(temporaryFolder('init'), 'new-project');
        const init = runSla(['init', folder]);
        expect(init.code).toBe(0);
        expect(init.stdout).toContain(`wrote ${path.join(folder, 'agreement.sla')}`);
        expect(runSla(['validate', folder]).stdout).toBe('No problems found in 1 file.\n');

        // The data, counted here independently of the engine: 100 rows a month; server errors
        // (status >= 500): none in January, 2 in February, 1 in March.
        const rows = fs.readFileSync(path.join(folder, 'data', 'requests.csv'), 'utf8').trim().split('\n').slice(1).map(line => line.split(','));
        const perMonth = (month: string) => rows.filter(row => row[0]!.startsWith(`2026-${month}`));
        expect(['01', '02', '03'].map(m => perMonth(m).length)).toEqual([100, 100, 100]);
        expect(['01', '02', '03'].map(m => perMonth(m).filter(row => Number(row[1]) >= 500).length)).toEqual([0, 2, 1]);
        // Latency: at most 249 ms in January and February; in March six rows of 420 ms.
        expect(Math.max(...[...perMonth('01'), ...perMonth('02')].map(row => Number(row[2])))).toBeLessThanOrEqual(249);
        expect(perMonth('03').filter(row => Number(row[2]) > 300).map(row => row[2])).toEqual(['420', '420', '420', '420', '420', '420']);

        const result = runSla(['evaluate', path.join(folder, 'agreement.sla'), '--format', 'json']);
        // A breach (February's success rate, March's latency): exit 1, as designed.
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        const statuses = (kpi: string) => report.objectives.find((o: { kpi: string }) => o.kpi === kpi).windows.map((w: { value: number; status: string }) => [w.value, w.status]);
        // Success = rows below 500 / rows: 100/100, 98/100, 99/100 against >= 99 %.
        expect(statuses('Success')).toEqual([[1, 'met'], [0.98, 'breached'], [0.99, 'met']]);
        // P95 nearest rank: the 95th of 100 sorted values. March's six 420 ms values take ranks 95–100.
        const latency = statuses('P95Latency');
        expect(latency.map((w: [number, string]) => w[1])).toEqual(['met', 'met', 'breached']);
        expect(latency[2][0]).toBe(420);
        expect(latency[0][0]).toBeLessThanOrEqual(249);
        // February's credit: below 99 % → 10 % of the 1,000 EUR monthly fee = 100 EUR.
        expect(report.credits[0].total).toBe(100);
    });

    test('never overwrites: an existing agreement.sla stops it before anything is written (exit 2)', () => {
        const folder = temporaryFolder('init-existing');
        fs.writeFileSync(path.join(folder, 'agreement.sla'), '// mine\n');
        const result = runSla(['init', folder]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('already exists; nothing was written');
        expect(fs.readFileSync(path.join(folder, 'agreement.sla'), 'utf8')).toBe('// mine\n');
        expect(fs.existsSync(path.join(folder, 'data'))).toBe(false);
    });

    test('a folder with a space: the closing hint quotes the path, so that it can be pasted into a shell as it is', () => {
        const folder = path.join(temporaryFolder('init-space'), 'my starter');
        const init = runSla(['init', folder]);
        expect(init.code).toBe(0);
        const agreement = path.join(folder, 'agreement.sla');
        const hint = init.stdout.split('\n').find(line => line.startsWith('Next: '))!;
        expect(hint).toBe(`Next: sla evaluate '${agreement}'   (the sample data show met and breached windows and one credit)`);
        // The command, as a POSIX shell reads it: `sla`, `evaluate` and the path as one word.
        const command = hint.slice('Next: '.length, hint.indexOf('   ('));
        const words = spawnSync('/bin/sh', ['-c', `printf '%s\\n' ${command}`], { encoding: 'utf8' }).stdout.split('\n').slice(0, -1);
        expect(words).toEqual(['sla', 'evaluate', agreement]);
    });

    test('writes the same files on every run (deterministic)', () => {
        const [a, b] = [temporaryFolder('init-a'), temporaryFolder('init-b')];
        expect(runSla(['init', a]).code).toBe(0);
        expect(runSla(['init'], { cwd: b }).code).toBe(0);
        for (const file of ['agreement.sla', path.join('data', 'requests.csv')]) {
            expect(fs.readFileSync(path.join(a, file), 'utf8')).toBe(fs.readFileSync(path.join(b, file), 'utf8'));
        }
    });
});

describe('sla init: a file given as the folder', () => {
    test('is refused in words (exit 2), the file left as it is', () => {
        const folder = temporaryFolder('init-file');
        expect(runSla(['init', 't1'], { cwd: folder }).code).toBe(0);
        const data = fs.readFileSync(path.join(folder, 't1', 'data', 'requests.csv'), 'utf8');
        for (const given of ['t1/data/requests.csv', 't1/data/requests.csv/more']) {
            const result = runSla(['init', given], { cwd: folder });
            expect(result.code).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr).toBe('sla init: t1/data/requests.csv is a file, not a folder; nothing was written. Give a folder to write the starter into (it is created if missing): sla init FOLDER.\n');
        }
        expect(fs.readFileSync(path.join(folder, 't1', 'data', 'requests.csv'), 'utf8')).toBe(data);
    });

    test('a file where the data folder should be: refused before anything is written, so a second run can write the starter', () => {
        const folder = temporaryFolder('init-data-file');
        fs.mkdirSync(path.join(folder, 'starter'));
        fs.writeFileSync(path.join(folder, 'starter', 'data'), '');
        const result = runSla(['init', 'starter'], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe('sla init: starter/data is a file, not a folder; nothing was written. Give a folder to write the starter into (it is created if missing): sla init FOLDER.\n');
        expect(fs.readdirSync(path.join(folder, 'starter'))).toEqual(['data']);
        // The file moved away, the starter is written whole.
        fs.rmSync(path.join(folder, 'starter', 'data'));
        expect(runSla(['init', 'starter'], { cwd: folder }).code).toBe(0);
        expect(fs.existsSync(path.join(folder, 'starter', 'data', 'requests.csv'))).toBe(true);
    });
});
