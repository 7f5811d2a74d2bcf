import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { packagesFolder, root, runSla, temporaryFolder } from './run-cli.js';

/** bin/cli-bundle.js (plain JavaScript, without types: the specifier is a string to the compiler). */
const { buildStamp, currentSnapshot, snapshotOptions } = (await import('../bin/cli-bundle.js' as string)) as {
    buildStamp(packagesDir: URL): Record<string, number> | undefined;
    currentSnapshot(packagesDir: URL, version?: string, execPath?: string): string | undefined;
    snapshotOptions(packagesDir: URL, execArgv?: string[], env?: NodeJS.ProcessEnv): string[];
};

/**
 * bin/sla.js starts `sla` from the start-up snapshot (out/bundle/sla.blob, src/snapshot-entry.ts)
 * only while it was made from the compiled output as it is now, by this node; otherwise from the
 * bundle, as before. Each test of the choice lays out a packages folder of its own.
 */
function snapshotFolder(options: { blob?: boolean; made?: Record<string, unknown> } = {}): { dir: string; url: URL } {
    const { dir, url } = packagesFolder('cli-snapshot');
    if (options.blob !== false) writeFileSync(path.join(dir, 'cli/out/bundle/sla.blob'), '');
    const made = { ...buildStamp(url), node: process.version, execPath: process.execPath, ...options.made };
    writeFileSync(path.join(dir, 'cli/out/bundle/snapshot.json'), JSON.stringify(made));
    return { dir, url };
}

describe('the start-up snapshot is used only while it is current and made by this node', () => {
    test('a blob stamped with the present tsbuildinfo times, this node\'s version and executable is used', () => {
        const { dir, url } = snapshotFolder();
        const blob = path.join(dir, 'cli/out/bundle/sla.blob');
        expect(currentSnapshot(url)).toBe(blob);
        expect(snapshotOptions(url, [], {})).toEqual(['--snapshot-blob', blob, path.join(dir, 'cli/bin/snapshot-main.cjs')]);
    });

    test('after a later tsc, by another node (version or executable), without the blob or its stamp: the bundle', () => {
        const stale = snapshotFolder();
        utimesSync(path.join(stale.dir, 'engine/tsconfig.tsbuildinfo'), 1_500, 1_500);
        expect(currentSnapshot(stale.url)).toBeUndefined();
        expect(snapshotOptions(stale.url, [], {})).toEqual([]);
        expect(currentSnapshot(snapshotFolder({ made: { node: 'v24.8.0' } }).url)).toBeUndefined();
        expect(currentSnapshot(snapshotFolder({ made: { execPath: '/usr/bin/node' } }).url)).toBeUndefined();
        expect(currentSnapshot(snapshotFolder({ blob: false }).url)).toBeUndefined();
        const { dir, url } = snapshotFolder();
        writeFileSync(path.join(dir, 'cli/out/bundle/snapshot.json'), 'not json');
        expect(currentSnapshot(url)).toBeUndefined();
    });

    test('a module preloaded (--import, --require, in the options or NODE_OPTIONS) or the burst trace on: the bundle', () => {
        const { url } = snapshotFolder();
        expect(snapshotOptions(url, ['--import', 'x.mjs'], {})).toEqual([]);
        expect(snapshotOptions(url, ['--require=x.cjs'], {})).toEqual([]);
        expect(snapshotOptions(url, [], { NODE_OPTIONS: '--trace-warnings -r x.cjs' })).toEqual([]);
        expect(snapshotOptions(url, [], { SLA_TRACE_BURST: '1' })).toEqual([]);
        // Other options do not matter.
        expect(snapshotOptions(url, ['--cpu-prof'], { NODE_OPTIONS: '--trace-warnings' })).toHaveLength(3);
    });
});

const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');
const packagesUrl = pathToFileURL(path.join(root, 'packages') + '/');
/** The blob `npm run build` made for this node (the tests run on the node that built it). */
const blobOptions = snapshotOptions(packagesUrl, [], {});

/**
 * The relaunched process as bin/sla.js starts it, from the snapshot (`blob`) or not: the same
 * command line and environment otherwise (SLA_RELAUNCHED: it does not relaunch again).
 */
function run(fromSnapshot: boolean, args: string[], cwd: string = root) {
    return runSla(args, { cwd, env: { SLA_RELAUNCHED: '1' }, nodeOptions: ['--max-semi-space-size=8', ...(fromSnapshot ? blobOptions : [])] });
}

/** A CSV above the size read in parallel (32 MiB), so that the evaluation uses a scan worker thread. */
function largeProject(): string {
    const folder = temporaryFolder('snapshot');
    const lines = ['time,status,latency_ms'];
    for (let i = 0; i < 1_000_000; i++) {
        lines.push(`${new Date(Date.UTC(2026, 0, 1) + i * 37_000).toISOString()},${i % 53 === 0 ? 503 : 200},${(i % 997) * 1.25}`);
    }
    writeFileSync(path.join(folder, 'requests.csv'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(folder, 'large.sla'), `agreement Large "Large" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    dataset requests "Requests" from "requests.csv" {
        time     timestamp
        status   integer
        latency  duration ms column "latency_ms"
    }

    kpi ErrorRate "Errors" = count(requests where status >= 500) / count(requests)
    kpi P95Latency "p95 latency" = percentile(95, requests.latency)

    objective ErrorRate <= 2% per calendar month
    objective P95Latency <= 1000 ms per calendar month
}
`);
    return folder;
}

describe.skipIf(blobOptions.length === 0)('sla started from the snapshot behaves as started from the bundle', () => {
    test('--version, --help, a bad option, a file with errors and a missing file: same output and exit code', () => {
        const folder = temporaryFolder('snapshot-bad');
        writeFileSync(path.join(folder, 'bad.sla'), 'agreement Bad "Bad" {\n    valid from 2026-01-01 to 2025-12-31\n}\n');
        for (const args of [['--version'], ['--help'], ['evaluate', '--help'], ['evaluate', '--bogus'], ['validate', 'bad.sla'], ['validate', 'missing.sla'], ['nonsense']]) {
            const fromSnapshot = run(true, args, folder);
            const fromBundle = run(false, args, folder);
            expect(fromSnapshot, args.join(' ')).toEqual(fromBundle);
        }
        expect(run(true, ['--version']).stdout).toBe('0.1.0\n');
    });

    test('validate, explain and evaluate of examples (one with public holidays, their library loaded from node_modules): the same output, byte for byte', () => {
        for (const example of ['examples/managed-hosting/acme-hosting.sla', 'examples/paris-erp/paris-erp.sla']) {
            for (const args of [['validate', example, '--format', 'json'], ['explain', example], ['evaluate', example, '--now', '2026-07-01T00:00:00Z', '--format', 'json']]) {
                const fromSnapshot = run(true, args);
                expect([0, 1], fromSnapshot.stderr).toContain(fromSnapshot.code);
                expect(fromSnapshot, args.join(' ')).toEqual(run(false, args));
            }
        }
    }, 60_000);

    test('a large CSV read with the scan worker thread (and the WebAssembly kernel, or without it): the same report', () => {
        const folder = largeProject();
        const args = ['evaluate', 'large.sla', '--now', '2027-01-01T00:00:00Z', '--format', 'json'];
        const fromSnapshot = run(true, args, folder);
        expect(fromSnapshot.signal).toBeNull();
        expect([0, 1], fromSnapshot.stderr).toContain(fromSnapshot.code);
        expect(fromSnapshot).toEqual(run(false, args, folder));
        expect(JSON.parse(fromSnapshot.stdout)).toHaveProperty('agreement');
    }, 120_000);

    test.skipIf(process.platform !== 'linux')('bin/sla.js starts the command from the snapshot (its process runs with --snapshot-blob)', async () => {
        const folder = largeProject();
        const env: NodeJS.ProcessEnv = { ...process.env };
        delete env.SLA_RELAUNCHED;
        const child = spawn(node, [cli, 'evaluate', 'large.sla', '--now', '2027-01-01T00:00:00Z', '--format', 'json', '--out', 'report.json'], { cwd: folder, env, stdio: 'ignore' });
        const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
        // The relaunch replaces the process image (same pid): its command line shows the options.
        let commandLine = '';
        const cmdline = `/proc/${child.pid}/cmdline`;
        for (let i = 0; i < 2_000 && !commandLine.includes('--max-semi-space-size'); i++) {
            try {
                commandLine = readFileSync(cmdline, 'utf8').split('\0').join(' ');
            } catch {
                break;
            }
            await new Promise(resolve => setTimeout(resolve, 2));
        }
        expect(await exited).toBeLessThanOrEqual(1);
        expect(commandLine).toContain(`--snapshot-blob ${blobOptions[1]}`);
        expect(existsSync(path.join(folder, 'report.json'))).toBe(true);
    }, 120_000);
});
