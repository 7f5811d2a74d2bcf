/**
 * A throw-away ClickHouse cluster for one test file: N `clickhouse-server` processes on free
 * localhost ports, each with its own data directory and a generated config whose
 * `remote_servers` names all of them as the shards of the cluster `sla`. A `Distributed` table
 * over a local table on each shard then reads every shard (`distributedTable`).
 * Generated configs rather than copies of the stock `/etc/clickhouse-server/config.xml`: they
 * hold only what the tests need, and work with 18.16 (Debian) and current releases alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { connectClickHouse } from '../../src/sql/clickhouse-connection.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { findBinary, freePort, isAddressInUse, makeTempDir, onProcessExit, readTail, waitUntil } from './server-process.js';
import { HOSTILE_PASSWORD } from './postgres-server.js';

export interface ClickHouseShard {
    httpPort: number;
    tcpPort: number;
    /** `clickhouse://sla@127.0.0.1:HTTP/default` (password: the cluster's `password`). */
    url: string;
    /** Runs a statement as the password-less `default` user (loading, DDL); `timeoutMs`: give up then. */
    exec(sql: string, body?: string, timeoutMs?: number): Promise<string>;
}

export interface ClickHouseCluster {
    shards: ClickHouseShard[];
    /** The cluster name in `remote_servers`. */
    cluster: string;
    user: string;
    password: string;
    /** `SELECT version()`. */
    version: string;
    /** A connection to the first shard (the one the evaluation's queries go to). */
    connect(shard?: number): Promise<SqlConnection>;
    stop(): Promise<void>;
}

const INSTALL = 'apt-get install clickhouse-server clickhouse-client';

export interface ClickHouseClusterOptions {
    shards?: number;
    password?: string;
    /** the ports of the first attempt (a test of the start again on a taken port); free ones otherwise */
    ports?: { http: number; tcp: number }[];
}

/**
 * Starts the cluster; a shard whose port another process took between freePort and its start
 * (its log: "Address already in use") makes the cluster start again on fresh ports, twice at most.
 */
export async function startClickHouseCluster(options: ClickHouseClusterOptions = {}): Promise<ClickHouseCluster> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await startOnce(options, attempt === 1 ? options.ports : undefined);
        } catch (error) {
            if (attempt >= 3 || !(error instanceof PortTaken)) throw error;
        }
    }
}

/** A shard could not bind its port. */
class PortTaken extends Error {}

async function startOnce(options: ClickHouseClusterOptions, given: { http: number; tcp: number }[] | undefined): Promise<ClickHouseCluster> {
    const binary = findBinary(['clickhouse-server', '/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'], INSTALL);
    const shardCount = options.shards ?? 2;
    const password = options.password ?? HOSTILE_PASSWORD;
    const user = 'sla';
    const cluster = 'sla';
    const dir = makeTempDir('sla-ch-');
    const processes: ChildProcess[] = [];
    const cleanup = () => {
        for (const child of processes) {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
        fs.rmSync(dir, { recursive: true, force: true });
    };
    const unregister = onProcessExit(cleanup);
    try {
        const ports: { http: number; tcp: number }[] = [];
        for (let i = 0; i < shardCount; i++) ports.push(given?.[i] ?? { http: await freePort(), tcp: await freePort() });
        const shards: ClickHouseShard[] = [];
        for (let i = 0; i < shardCount; i++) {
            const shardDir = path.join(dir, `shard${i + 1}`);
            fs.mkdirSync(shardDir);
            fs.writeFileSync(path.join(shardDir, 'config.xml'), configXml(shardDir, ports[i]!, ports, cluster));
            fs.writeFileSync(path.join(shardDir, 'users.xml'), usersXml(user, password));
            const child = spawn(binary, [`--config-file=${path.join(shardDir, 'config.xml')}`], { stdio: 'ignore', cwd: shardDir });
            processes.push(child);
            const http = ports[i]!.http;
            const exec = async (sql: string, body?: string, timeoutMs?: number) => {
                const url = `http://127.0.0.1:${http}/?query=${encodeURIComponent(sql)}`;
                const response = await fetch(url, { method: 'POST', body: body ?? '', ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }) });
                const text = await response.text();
                if (!response.ok) throw new Error(`ClickHouse shard ${i + 1}: ${text.trim()}\n${sql.slice(0, 500)}`);
                return text;
            };
            shards.push({ httpPort: http, tcpPort: ports[i]!.tcp, url: `clickhouse://${user}@127.0.0.1:${http}/default`, exec });
        }
        for (const [i, shard] of shards.entries()) {
            const shardDir = path.join(dir, `shard${i + 1}`);
            const errors = () => readTail(path.join(shardDir, 'err'));
            const child = processes[i]!;
            // Our own server answers, not whatever listens on the port (its data lie in this shard's folder), and soon:
            // a process that holds the port without answering must not hang the start.
            const ours = async (): Promise<boolean> =>
                (await shard.exec("SELECT data_path FROM system.databases WHERE name = 'default' FORMAT TSV", undefined, 2_000)).trim().startsWith(path.join(shardDir, 'data'));
            try {
                await waitUntil(
                    ours,
                    30_000,
                    `clickhouse-server (shard ${i + 1})`,
                    errors,
                    () => child.exitCode !== null || child.signalCode !== null
                );
            } catch (error) {
                throw isAddressInUse(errors()) ? new PortTaken(error instanceof Error ? error.message : String(error)) : error;
            }
        }
        const version = (await shards[0]!.exec('SELECT version()')).trim();
        return {
            shards,
            cluster,
            user,
            password,
            version,
            connect: (shard = 0) => connectClickHouse({ url: shards[shard]!.url, password }),
            stop: async () => {
                unregister();
                await Promise.all(
                    processes.map(
                        (child) =>
                            new Promise<void>((resolve) => {
                                if (child.exitCode !== null || child.signalCode !== null) return resolve();
                                const force = setTimeout(() => child.kill('SIGKILL'), 5000);
                                child.once('exit', () => {
                                    clearTimeout(force);
                                    resolve();
                                });
                                child.kill('SIGTERM');
                            })
                    )
                );
                fs.rmSync(dir, { recursive: true, force: true });
            }
        };
    } catch (error) {
        unregister();
        cleanup();
        throw error;
    }
}

function xml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function configXml(dir: string, own: { http: number; tcp: number }, all: { http: number; tcp: number }[], cluster: string): string {
    const shards = all.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`).join('');
    return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${xml(dir)}/log</log><errorlog>${xml(dir)}/err</errorlog><console>0</console></logger>
  <http_port>${own.http}</http_port>
  <tcp_port>${own.tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${xml(dir)}/data/</path>
  <tmp_path>${xml(dir)}/data/tmp/</tmp_path>
  <user_files_path>${xml(dir)}/data/user_files/</user_files_path>
  <format_schema_path>${xml(dir)}/data/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <remote_servers><${cluster}>${shards}</${cluster}></remote_servers>
</yandex>
`;
}

/** `default` without a password for loading (localhost only); `sla` with the hostile password for the connection under test. */
function usersXml(user: string, password: string): string {
    const networks = '<networks><ip>127.0.0.1</ip><ip>::1</ip></networks>';
    return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage><log_queries>1</log_queries></default></profiles>
  <users>
    <default><password></password>${networks}<profile>default</profile><quota>default</quota></default>
    <${user}><password>${xml(password)}</password>${networks}<profile>default</profile><quota>default</quota></${user}>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
}
