import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * `sla` as people start it: `node_modules/.bin/sla` or a global install runs on the Node of
 * the PATH, often the system's Node 20, not the Node 24 that npm scripts put first. Every
 * command must work there (Node 20 lacks module.enableCompileCache; Langium's parser runs
 * on it in production mode) and print what it prints on the bundled Node.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bundledNode = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');
const binLink = path.join(root, 'node_modules', '.bin', 'sla');

/** The oldest Node `sla` supports. */
const OLDEST_MAJOR = 20;

/**
 * A Node 20 binary by absolute path: the PATH's entries other than node_modules/.bin
 * (which npm scripts and vitest put first), then the usual system places.
 */
function findNode20(): string | undefined {
    const fromPath = (process.env.PATH ?? '').split(path.delimiter).filter(dir => dir !== '' && !dir.includes('node_modules'));
    for (const dir of [...fromPath, '/usr/bin', '/usr/local/bin', '/bin']) {
        const candidate = path.join(dir, 'node');
        if (!fs.existsSync(candidate)) continue;
        const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
        if (new RegExp(`^v${OLDEST_MAJOR}\\.`).test(version)) return candidate;
    }
    return undefined;
}

const node20 = findNode20();
const title = node20
    ? `sla on the system Node ${OLDEST_MAJOR} (${node20})`
    : `sla on the system Node ${OLDEST_MAJOR} — skipped: no Node ${OLDEST_MAJOR} binary on PATH or in /usr/bin, /usr/local/bin`;
if (!node20) console.warn(`system-node.test.ts: ${title}`);

function run(nodeBinary: string, args: string[], script = cli): { code: number; stdout: string; stderr: string } {
    const result = spawnSync(nodeBinary, [script, ...args], { cwd: root, encoding: 'utf8' });
    return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const example = path.join('examples', 'service-desk', 'helix-service-desk.sla');

describe.skipIf(!node20)(title, () => {
    test('node_modules/.bin/sla --version and --help, without a stack trace', () => {
        const version = run(node20!, ['--version'], binLink);
        expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
        const help = run(node20!, ['--help'], binLink);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('evaluate');
    });

    test('validate prints the same diagnostics as on the bundled Node, syntax errors included', () => {
        // a doubled word (a parse error with recovery) and a misspelt unit: the parser's and the validator's paths
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-node20-'));
        const broken = path.join(folder, 'broken.sla');
        fs.writeFileSync(broken, fs.readFileSync(path.join(root, example), 'utf8')
            .replace('objective P2Response <= 60 minutes', 'objective P2Response <= 60 minutes per per calendar month\n        objective P2Response <= 60 mins'));
        try {
            for (const file of [example, broken]) {
                const old = run(node20!, ['validate', file]);
                const bundled = run(bundledNode, ['validate', file]);
                expect(old).toEqual(bundled);
            }
            expect(run(node20!, ['validate', broken]).stdout).toMatch(/error: Unexpected 'calendar'.*\[sla\/syntax-error\]/);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    test('evaluate writes the same report, byte for byte, and exit code as on the bundled Node', () => {
        const args = ['evaluate', example, '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json', '--now', '2026-06-01T00:00:00Z'];
        const old = run(node20!, args);
        const bundled = run(bundledNode, args);
        expect(old.stderr).toBe('');
        expect(old).toEqual(bundled);
        // examples/expected-outcomes.json: the service desk breaches some objectives → exit 1
        expect(old.code).toBe(1);
    });

    test('explain writes the same text as on the bundled Node', () => {
        const old = run(node20!, ['explain', example]);
        expect(old.code).toBe(0);
        expect(old.stdout).toContain('HelixServiceDesk');
        expect(old).toEqual(run(bundledNode, ['explain', example]));
    });
});
