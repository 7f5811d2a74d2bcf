import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './run-cli.js';

/**
 * `sla` runs with the young generation capped (`--max-semi-space-size=8`, as the language
 * server ships): a process started without the option starts itself again with it
 * (bin/young-generation.js). A preloaded module prints the Node options of every process that
 * runs `sla`'s script, so the test sees the process that actually does the work.
 */
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');
const printOptions = `data:text/javascript,process.stderr.write('options: ' + JSON.stringify(process.execArgv.filter(a => a.startsWith('--max-semi'))) + '\\n')`;

function run(nodeOptions: string[], args: string[]) {
    const result = spawnSync(node, [...nodeOptions, '--import', printOptions, cli, ...args], { cwd: root, encoding: 'utf8' });
    return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** The lines the preloaded module printed, one per process that started the script. */
const optionLines = (stderr: string) => stderr.split('\n').filter(line => line.startsWith('options: '));

describe('sla runs with the young generation capped', () => {
    test('started plainly, the command runs in a process with --max-semi-space-size=8 and prints what it prints without it', () => {
        const result = run([], ['--version']);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('0.1.0\n');
        // First the plain start (no option), then the relaunched process (the option, once).
        expect(optionLines(result.stderr)).toEqual(['options: []', 'options: ["--max-semi-space-size=8"]']);
    });

    test("a user's own --max-semi-space-size wins: no relaunch", () => {
        const result = run(['--max-semi-space-size=16'], ['--version']);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('0.1.0\n');
        expect(optionLines(result.stderr)).toEqual(['options: ["--max-semi-space-size=16"]']);
    });

    test('exit code and standard error of the relaunched process pass through (a missing file: 2)', () => {
        const result = run([], ['validate', 'no-such-file.sla']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('sla validate: no such file or folder: no-such-file.sla');
        expect(optionLines(result.stderr)).toHaveLength(2);
    });
});
