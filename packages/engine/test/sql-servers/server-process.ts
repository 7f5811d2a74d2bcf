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

/**
 * A free port on 127.0.0.1 for a server to take. Not one the kernel hands out itself
 * (`listen(0)`): such a port lies in the ephemeral range, which outgoing connections draw
 * from too — between this check and the server's start another test's client could take it
 * (a ClickHouse shard of a full `npm test` once failed so: "Address already in use"). A random
 * port below that range instead, checked free by binding it, never twice in this process;
 * `listen(0)` only when no such port is found. Servers that still meet a taken port start
 * again on fresh ones (`isAddressInUse`).
 */
export async function freePort(): Promise<number> {
    const low = ephemeralLow();
    const from = 10_000;
    if (low - from >= 1_000) {
        for (let attempt = 0; attempt < 50; attempt++) {
            const port = from + Math.floor(Math.random() * (low - from));
            if (handedOut.has(port)) continue;
            if (await canListen(port)) {
                handedOut.add(port);
                return port;
            }
        }
    }
    return await new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** Ports freePort gave in this process (a server may not have bound its port yet when the next is asked for). */
const handedOut = new Set<number>();

/** The first port of the kernel's ephemeral range (Linux: /proc; 32768 elsewhere, the usual start). */
export function ephemeralLow(): number {
    try {
        const [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
        if (Number.isInteger(low) && low! > 0) return low!;
    } catch {
        // not Linux
    }
    return 32_768;
}

function canListen(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.unref();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}

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
