// A missing server binary fails the test with what to install: nothing is skipped silently. Ports: outside the
// kernel's ephemeral range, and a server whose port was taken meanwhile starts again on another.
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startClickHouseCluster } from './clickhouse-cluster.js';
import { startPostgres } from './postgres-server.js';
import { ephemeralLow, findBinary, freePort, isAddressInUse } from './server-process.js';

describe('findBinary', () => {
    it('names the package to install and .ci/run when no candidate exists', () => {
        expect(() => findBinary(['/nonexistent/initdb', 'sla-no-such-binary'], 'apt-get install postgresql-15')).toThrow(
            '/nonexistent/initdb is not installed: apt-get install postgresql-15 (.ci/run installs it on a fresh machine)'
        );
    });

    it('finds a binary on the PATH', () => {
        expect(findBinary(['sla-no-such-binary', 'sh'], 'anything')).toMatch(/\/sh$/);
    });
});

/** Listens on a free port until `close` (another process's server on the port a throw-away server was given). */
async function occupiedPort(): Promise<{ port: number; close: () => Promise<void> }> {
    // It accepts connections and never answers (the start's probes give up on it after a while).
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => void sockets.add(socket));
    const port = await freePort();
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
    });
    return {
        port,
        close: () => new Promise((resolve) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolve());
        })
    };
}

describe('ports of the throw-away servers', () => {
    it('freePort gives distinct free ports below the range outgoing connections draw from', async () => {
        const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
        expect(new Set(ports).size).toBe(20);
        for (const port of ports) {
            expect(port).toBeGreaterThanOrEqual(10_000);
            expect(port).toBeLessThan(ephemeralLow());
        }
        // Each can be listened on.
        const held = await Promise.all(ports.slice(0, 3).map((port) => new Promise<net.Server>((resolve, reject) => {
            const server = net.createServer();
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve(server));
        })));
        await Promise.all(held.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    });

    it('tells a bind failure from other start-up errors', () => {
        expect(isAddressInUse('<Error> Application: Net Exception: Address already in use: 127.0.0.1:45411')).toBe(true);
        expect(isAddressInUse('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use')).toBe(true);
        expect(isAddressInUse('FATAL:  data directory has wrong ownership')).toBe(false);
    });

    it('a ClickHouse shard whose port was taken: the cluster starts again on fresh ports', async () => {
        const taken = await occupiedPort();
        try {
            const cluster = await startClickHouseCluster({ shards: 1, ports: [{ http: taken.port, tcp: await freePort() }] });
            try {
                expect(cluster.shards[0]!.httpPort).not.toBe(taken.port);
                expect((await cluster.shards[0]!.exec('SELECT 1')).trim()).toBe('1');
            } finally {
                await cluster.stop();
            }
        } finally {
            await taken.close();
        }
    }, 120_000);

    it('a PostgreSQL server whose port was taken starts again on a fresh one', async () => {
        const taken = await occupiedPort();
        try {
            const server = await startPostgres({ firstPort: taken.port });
            try {
                expect(server.port).not.toBe(taken.port);
                const connection = await server.connect();
                expect((await connection.query({ text: 'SELECT 1', params: [] })).rows[0]![0]).toBe(1);
                await connection.close();
            } finally {
                await server.stop();
            }
        } finally {
            await taken.close();
        }
    }, 120_000);
});
