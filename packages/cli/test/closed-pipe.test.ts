/**
 * `sla … | head`: the reader closes the pipe before the command has written everything. The
 * command stops writing and ends with its own exit code, without Node's EPIPE stack trace
 * (closed-pipe.ts). The outputs here are far larger than a pipe's buffer (64 KiB), so the
 * command is still writing when `head` leaves.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, temporaryFolder } from './run-cli.js';

const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

/** Runs `sla ARGS | head -c 100` in bash; the command's exit code (PIPESTATUS) and what it wrote to standard error. */
function intoHead(args: string[]): { code: number; stderr: string; head: string } {
    const quoted = [node, cli, ...args].map((part) => `'${part}'`).join(' ');
    const result = spawnSync('bash', ['-c', `${quoted} 2>"$ERR" | head -c 100; status=\${PIPESTATUS[0]}; echo; echo "exit $status"`], { cwd: root, encoding: 'utf8', env: { ...process.env, ERR: errFile } });
    const lines = result.stdout.trimEnd().split('\n');
    return { code: Number(lines.at(-1)!.replace('exit ', '')), stderr: readErr(), head: lines.slice(0, -1).join('\n') };
}

const folder = temporaryFolder('closed-pipe');
const errFile = path.join(folder, 'stderr.txt');
const readErr = (): string => spawnSync('cat', [errFile], { encoding: 'utf8' }).stdout;

describe('output into a pipe that closes early', () => {
    it('sla validate: no crash, the exit code of the errors found', () => {
        // 3,000 lines that are not the language: a diagnostic each, about 400 KB of text.
        const file = path.join(folder, 'broken.sla');
        writeFileSync(file, Array.from({ length: 3_000 }, (_, i) => `agreement A${i} { provider P "P" customer }`).join('\n'));
        const result = intoHead(['validate', file]);
        expect(result.head).toContain('broken.sla:1:');
        expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at /);
        expect(result.code).toBe(1);
    });

    it('sla evaluate --format json on a portfolio: no crash, the exit code of the breaches found', () => {
        const result = intoHead(['evaluate', 'examples/portfolio', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json']);
        expect(result.head.startsWith('{')).toBe(true);
        expect(result.stderr).toBe('');
        // The example portfolio has breached windows (examples/portfolio/README.md).
        expect(result.code).toBe(1);
    });
});
