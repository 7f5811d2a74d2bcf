// Throw-away database servers for `npm run bench:sql`: the same set-up as the tests'
// (packages/engine/test/sql-servers/*.ts, which plain Node cannot import; free ports from ../free-port.mjs as
// theirs), with more memory.
// PostgreSQL 15 through initdb/pg_ctl as the `postgres` user; ClickHouse as N server processes
// whose generated config names all of them as the shards of cluster `sla`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.mjs';

export const PASSWORD = 'bench-password';

function need(path, install) {
    if (!existsSync(path)) throw new Error(`${path} is missing: ${install} (.ci/run installs it)`);
    return path;
}

const cleanups = new Set();
process.once('exit', () => {
    for (const cleanup of cleanups) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => process.exit(130));
}

function asPostgres(command, args) {
    const root = process.getuid?.() === 0;
    const result = root ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}${result.stderr}`);
}

/** A PostgreSQL 15 cluster with the user `sla` (password PASSWORD) and database `sla`; settings as `-c` options. */
export async function startPostgres(settings = {}) {
    const bin = '/usr/lib/postgresql/15/bin';
    const initdb = need(join(bin, 'initdb'), 'apt-get install postgresql-15');
    const pgCtl = need(join(bin, 'pg_ctl'), 'apt-get install postgresql-15');
    const dir = mkdtempSync(join(tmpdir(), 'sla-bench-pg-'));
    const data = join(dir, 'data');
    let started = false;
    const cleanup = () => {
        if (started) spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop']);
        started = false;
        rmSync(dir, { recursive: true, force: true });
        cleanups.delete(cleanup);
    };
    cleanups.add(cleanup);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, `${PASSWORD}\n`);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', pwfile]);
    asPostgres(initdb, ['-D', data, '-U', 'sla', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const all = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: dir, fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', TimeZone: 'UTC', ...settings };
    asPostgres(pgCtl, ['-D', data, '-o', Object.entries(all).map(([k, v]) => `-c ${k}=${v}`).join(' '), '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    started = true;
    // The database `sla`, created over the local socket (trust) with psql.
    spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'psql'), '-h', dir, '-p', String(port), '-U', 'sla', '-d', 'postgres', '-c', 'CREATE DATABASE sla'], { encoding: 'utf8' });
    return { url: `postgres://sla@127.0.0.1:${port}/sla`, port, dir, stop: async () => cleanup() };
}

/** N clickhouse-server processes; `exec(i, sql, body?)` runs a statement on shard i as `default`. */
export async function startClickHouse(shards) {
    const binary = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'].find((p) => existsSync(p));
    if (!binary) throw new Error('clickhouse-server is missing: apt-get install clickhouse-server clickhouse-client (.ci/run installs it)');
    const dir = mkdtempSync(join(tmpdir(), 'sla-bench-ch-'));
    const children = [];
    const cleanup = () => {
        for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        cleanups.delete(cleanup);
    };
    cleanups.add(cleanup);
    const ports = [];
    for (let i = 0; i < shards; i++) ports.push({ http: await freePort(), tcp: await freePort() });
    const remote = ports.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcp}</port></replica></shard>`).join('');
    for (const [i, p] of ports.entries()) {
        const d = join(dir, `shard${i + 1}`);
        mkdirSync(d);
        writeFileSync(
            join(d, 'config.xml'),
            `<?xml version="1.0"?><yandex><logger><level>warning</level><log>${d}/log</log><errorlog>${d}/err</errorlog><console>0</console></logger>
<http_port>${p.http}</http_port><tcp_port>${p.tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
<path>${d}/data/</path><tmp_path>${d}/data/tmp/</tmp_path><user_files_path>${d}/data/user_files/</user_files_path><format_schema_path>${d}/data/format_schemas/</format_schema_path>
<users_config>users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>
<mark_cache_size>536870912</mark_cache_size><max_concurrent_queries>100</max_concurrent_queries>
<remote_servers><sla>${remote}</sla><sla_one><shard><replica><host>127.0.0.1</host><port>${ports[0].tcp}</port></replica></shard></sla_one></remote_servers></yandex>`
        );
        const networks = '<networks><ip>127.0.0.1</ip><ip>::1</ip></networks>';
        writeFileSync(
            join(d, 'users.xml'),
            `<?xml version="1.0"?><yandex><profiles><default><max_memory_usage>6000000000</max_memory_usage></default></profiles><users>
<default><password></password>${networks}<profile>default</profile><quota>default</quota></default>
<sla><password>${PASSWORD}</password>${networks}<profile>default</profile><quota>default</quota></sla></users><quotas><default></default></quotas></yandex>`
        );
        children.push(spawn(binary, [`--config-file=${join(d, 'config.xml')}`], { stdio: 'ignore', cwd: d }));
    }
    const exec = async (i, sql, body) => {
        const response = await fetch(`http://127.0.0.1:${ports[i].http}/?query=${encodeURIComponent(sql)}`, { method: 'POST', body: body ?? '', ...(body && typeof body !== 'string' ? { duplex: 'half' } : {}) });
        const text = await response.text();
        if (!response.ok) throw new Error(`ClickHouse shard ${i + 1}: ${text.trim()}`);
        return text;
    };
    for (let i = 0; i < shards; i++) {
        const deadline = Date.now() + 30_000;
        for (;;) {
            try {
                if ((await exec(i, 'SELECT 1')).trim() === '1') break;
            } catch {
                if (Date.now() > deadline) throw new Error(`clickhouse-server shard ${i + 1} did not start`);
                await new Promise((r) => setTimeout(r, 100));
            }
        }
    }
    return {
        ports,
        url: (i = 0) => `clickhouse://sla@127.0.0.1:${ports[i].http}/default`,
        tcpPort: (i) => ports[i].tcp,
        exec,
        stop: async () => {
            await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))))));
            cleanup();
        }
    };
}
