/**
 * A throw-away PostgreSQL 15 cluster for one test file: `initdb` and `pg_ctl` as the
 * unprivileged `postgres` user (initdb refuses root), a free port on 127.0.0.1, a temporary
 * directory; `stop()` removes it all, and so does the process's exit if a test never got there.
 * Connections over TCP need a password (scram-sha-256) so the tests exercise authentication.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectPostgres } from '../../src/sql/postgres-connection.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { findBinary, freePort, isAddressInUse, makeTempDir, onProcessExit, readTail } from './server-process.js';

export interface PostgresServer {
    /** `postgres://sla@127.0.0.1:PORT/sla` — the password is `password`. */
    url: string;
    user: string;
    password: string;
    port: number;
    dir: string;
    /** PostgreSQL's version string (`SHOW server_version`). */
    version: string;
    connect(): Promise<SqlConnection>;
    stop(): Promise<void>;
}

export interface PostgresServerOptions {
    /** Extra `-c name=value` server settings (the benchmark raises memory). */
    settings?: Record<string, string>;
    /** The superuser's password; by default one with quotes, a semicolon, a backslash and a comment marker. */
    password?: string;
    /** the port of the first attempt (a test of the start again on a taken port); a free one otherwise */
    firstPort?: number;
}

/** A password that would break any code that pastes it into SQL, a URL or a shell line. */
export const HOSTILE_PASSWORD = `pa'ss"w;rd -- \\ /* é:@ */`;

const INSTALL = 'apt-get install postgresql-15';

function binaries(): { initdb: string; pgCtl: string } {
    const bin = '/usr/lib/postgresql/15/bin';
    return {
        initdb: findBinary([path.join(bin, 'initdb')], INSTALL),
        pgCtl: findBinary([path.join(bin, 'pg_ctl')], INSTALL)
    };
}

/** Runs a command as the `postgres` user when we are root (initdb and postgres refuse root), else as ourselves. */
function asPostgres(command: string, args: string[]): { status: number | null; output: string } {
    const isRoot = process.getuid?.() === 0;
    const result = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
    const { initdb, pgCtl } = binaries();
    const password = options.password ?? HOSTILE_PASSWORD;
    const user = 'sla';
    const dir = makeTempDir('sla-pg-');
    const data = path.join(dir, 'data');
    const log = path.join(dir, 'log');
    let started = false;
    const cleanup = () => {
        if (started) asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
        started = false;
        fs.rmSync(dir, { recursive: true, force: true });
    };
    const unregister = onProcessExit(cleanup);
    try {
        if (process.getuid?.() === 0) {
            execFileSync('chown', ['postgres', dir]);
        }
        const pwfile = path.join(dir, 'pwfile');
        fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
        if (process.getuid?.() === 0) execFileSync('chown', ['postgres', pwfile]);
        const init = asPostgres(initdb, ['-D', data, '-U', user, '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
        if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
        fs.rmSync(pwfile);

        // A port another process took between freePort and the start (the log: "Address already in use"): again on a fresh one, twice at most.
        let port = 0;
        for (let attempt = 1; !started; attempt++) {
            port = attempt === 1 && options.firstPort !== undefined ? options.firstPort : await freePort();
            fs.rmSync(log, { force: true }); // the log of this attempt alone
            const settings: Record<string, string> = {
                listen_addresses: '127.0.0.1',
                port: String(port),
                unix_socket_directories: dir,
                // A throw-away cluster: durability costs start-up and load time for nothing.
                fsync: 'off',
                synchronous_commit: 'off',
                full_page_writes: 'off',
                TimeZone: 'UTC',
                ...options.settings
            };
            const serverOptions = Object.entries(settings)
                .map(([k, v]) => `-c ${k}=${v}`)
                .join(' ');
            const start = asPostgres(pgCtl, ['-D', data, '-o', serverOptions, '-l', log, '-w', '-t', '60', 'start']);
            if (start.status === 0) started = true;
            else if (attempt >= 3 || !isAddressInUse(readTail(log))) throw new Error(`pg_ctl start failed:\n${start.output}\n${readTail(log)}`);
        }

        const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
        const first = await connectPostgres({ url, password });
        const version = String((await first.query({ text: 'SHOW server_version', params: [] })).rows[0]![0]);
        await first.query({ text: 'CREATE DATABASE sla', params: [] });
        await first.close();
        const slaUrl = `postgres://${user}@127.0.0.1:${port}/sla`;
        return {
            url: slaUrl,
            user,
            password,
            port,
            dir,
            version,
            connect: () => connectPostgres({ url: slaUrl, password }),
            stop: async () => {
                unregister();
                cleanup();
            }
        };
    } catch (error) {
        unregister();
        cleanup();
        throw error;
    }
}
