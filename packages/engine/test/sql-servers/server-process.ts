/**
 * What the throw-away database servers of the tests share: free local ports, temporary
 * directories, finding the binaries (a missing one fails the test with what to install — no
 * silent skip), and clean-up that runs even when a test or the process fails.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Free ports: one home for the tests, the e2e tests and the benchmark (plain JavaScript). */
export { ephemeralLow, freePort } from '../../../../test/free-port.mjs';

/** Whether a server's log says it could not bind its port (another process took it first). */
export function isAddressInUse(log: string): boolean {
    return /address already in use/i.test(log);
}

/** The first of the candidate paths that exists, or an error that says what to install. */
export function findBinary(candidates: readonly string[], install: string): string {
    for (const candidate of candidates) {
        if (candidate.includes('/')) {
            if (fs.existsSync(candidate)) return candidate;
        } else {
            try {
                return execFileSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).trim();
            } catch {
                // not on PATH
            }
        }
    }
    throw new Error(`${candidates[0]} is not installed: ${install} (.ci/run installs it on a fresh machine)`);
}

export function makeTempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const cleanups = new Set<() => void>();
let exitHookInstalled = false;

/**
 * Registers a synchronous clean-up that runs when the process exits without the test's own
 * `stop()` (a crash, a failed hook, Ctrl-C); returns the function that unregisters it.
 */
export function onProcessExit(cleanup: () => void): () => void {
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        const runAll = () => {
            for (const c of [...cleanups]) {
                try {
                    c();
                } catch {
                    // best effort
                }
            }
            cleanups.clear();
        };
        process.once('exit', runAll);
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
            process.once(signal, () => {
                runAll();
                process.exit(130);
            });
        }
    }
    cleanups.add(cleanup);
    return () => cleanups.delete(cleanup);
}

/** Polls until `probe` resolves true or the time is up, or `exited` says the server is gone (no use waiting then). */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string, log?: () => string, exited?: () => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await probe().catch(() => false)) return;
        if (exited?.()) throw new Error(`${what} exited before it started${log ? `:\n${log()}` : ''}`);
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${what} did not start within ${timeoutMs} ms${log ? `:\n${log()}` : ''}`);
}

export function readTail(file: string, chars = 2000): string {
    try {
        const text = fs.readFileSync(file, 'utf8');
        return text.slice(-chars);
    } catch {
        return '(no log)';
    }
}
