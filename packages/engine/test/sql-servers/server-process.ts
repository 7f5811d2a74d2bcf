/**
 * What the throw-away database servers of the tests share: free local ports, temporary
 * directories, finding the binaries (a missing one fails the test with what to install — no
 * silent skip), and clean-up that runs even when a test or the process fails.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A port the kernel just handed out on 127.0.0.1 (closed again, so the server can take it). */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
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

/** Polls until `probe` resolves true or the time is up. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string, log?: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await probe().catch(() => false)) return;
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
