// Free local ports for the throw-away servers of the tests (PostgreSQL, ClickHouse: packages/engine/test/sql-servers),
// the VS Code end-to-end tests (code-server) and the SQL benchmark: one home, plain JavaScript so that Node
// imports it without a build, as the TypeScript tests do.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A free port on 127.0.0.1 for a server to take. Not one the kernel hands out itself
 * (`listen(0)`): such a port lies in the ephemeral range, which outgoing connections draw
 * from too — between this check and the server's start another test's client could take it
 * (a ClickHouse shard of a full `npm test` once failed so: "Address already in use"). A random
 * port below that range instead, checked free by binding it, never twice in this process;
 * `listen(0)` only when no such port is found. Servers that still meet a taken port start
 * again on fresh ones (server-process.ts, `isAddressInUse`).
 * @returns {Promise<number>}
 */
export async function freePort() {
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
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
            server.close(() => resolve(port));
        });
    });
}

/** Ports freePort gave in this process (a server may not have bound its port yet when the next is asked for). */
const handedOut = new Set();

/**
 * The first port of the kernel's ephemeral range (Linux: /proc; 32768 elsewhere, the usual start).
 * @returns {number}
 */
export function ephemeralLow() {
    try {
        const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
        if (Number.isInteger(low) && low > 0) return low;
    } catch {
        // not Linux
    }
    return 32_768;
}

/** @param {number} port @returns {Promise<boolean>} */
function canListen(port) {
    return new Promise((resolve) => {
        const server = createServer();
        server.unref();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}
