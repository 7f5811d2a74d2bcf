/**
 * The CLI against real servers: an example whose datasets name tables of a connection, the
 * connection's URL from `.slarc.json` or `--connection`, its password from the environment
 * variable. The JSON report equals the one from the files; each user error (wrong password,
 * refused connection, missing table) exits 2 with a message naming the dataset and its line,
 * and the password appears nowhere in the output.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { freePort } from '../../packages/engine/test/sql-servers/server-process.js';
import { loadClickHouseTable, loadPostgresTable, readDatasetTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { examplesDir } from './differential.js';
import type { Report } from '../../packages/engine/src/report/report-types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(root, 'node_modules/.bin/node');
const CLI = path.join(root, 'packages/cli/bin/sla.js');
const ACME = path.join(examplesDir, 'managed-hosting', 'acme-hosting.sla');
const ARGS = ['--from', '2026-01-01', '--to', '2026-03-31', '--now', '2026-11-25T12:00:00Z', '--format', 'json'];
const DATASETS = ['requests', 'incidents', 'tickets'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-cli-servers-'));
let postgres: PostgresServer;
let pg: SqlConnection;
let clickhouse: ClickHouseCluster;

/** acme-hosting.sla with every dataset read from table NAME of connection `connection`. */
function writeAgreement(connection: string, tableOf: (dataset: string) => string = (d) => d): string {
    let text = fs.readFileSync(ACME, 'utf8');
    for (const dataset of DATASETS) text = text.replace(`from "data/${dataset}.csv"`, `from table "${tableOf(dataset)}" of connection ${connection}`);
    const file = path.join(dir, `acme-${connection}-${Math.random().toString(36).slice(2)}.sla`);
    fs.writeFileSync(file, text);
    return file;
}

function sla(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(NODE, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function comparable(json: string): unknown {
    const report = JSON.parse(json) as Report & Record<string, unknown>;
    delete (report as Record<string, unknown>).generatedAt;
    delete report.engines;
    delete report.sourceFile;
    for (const d of report.datasets) delete (d as unknown as Record<string, unknown>).path;
    return JSON.parse(JSON.stringify(report, (key, value) => (key === 'line' ? undefined : value)));
}

beforeAll(async () => {
    [postgres, clickhouse] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 2 })]);
    pg = await postgres.connect();
    const model = await import('../../packages/language/src/node.js').then((m) => m.loadSlaFiles([ACME]));
    const { agreementModelOf } = await import('../../packages/language/src/evaluation/evaluate-document.js');
    const acme = agreementModelOf(model.documents[0]!, model.services);
    for (const name of DATASETS) {
        const data = await readDatasetTable(acme.datasets[name]!);
        await loadPostgresTable(pg, name, data);
        await loadClickHouseTable(clickhouse, name, data);
    }
    fs.writeFileSync(path.join(dir, '.slarc.json'), JSON.stringify({ connections: { warehouse: { url: postgres.url, passwordEnv: 'WAREHOUSE_PW' } } }));
}, 120_000);

afterAll(async () => {
    await pg?.close();
    await postgres?.stop();
    await clickhouse?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('sla evaluate on database servers', () => {
    const fromFiles = () => sla(['evaluate', ACME, ...ARGS]);

    it('PostgreSQL through .slarc.json and the password variable: the report of the files, exit 1 as for the files', () => {
        const local = fromFiles();
        // examples/expected-outcomes.json: acme-hosting exits 1 (a breached objective).
        expect(local.status).toBe(1);
        const remote = sla(['evaluate', writeAgreement('warehouse'), ...ARGS], { WAREHOUSE_PW: postgres.password });
        expect(remote.stderr).toBe('');
        expect(remote.status).toBe(1);
        expect(comparable(remote.stdout)).toEqual(comparable(local.stdout));
        const engines = (JSON.parse(remote.stdout) as Report).engines!;
        expect(engines.datasets.map((d) => d.engine)).toEqual(['postgres', 'postgres', 'postgres']);
    });

    it('ClickHouse (two shards) through --connection and SLA_<NAME>_PASSWORD: the same report', () => {
        const local = fromFiles();
        const remote = sla(['evaluate', writeAgreement('lake'), ...ARGS, '--connection', `lake=${clickhouse.shards[0]!.url}`], { SLA_LAKE_PASSWORD: clickhouse.password });
        expect(remote.stderr).toBe('');
        expect(remote.status).toBe(1);
        expect(comparable(remote.stdout)).toEqual(comparable(local.stdout));
    });

    it('a wrong password: exit 2, authentication failed, the dataset and its line named, the password nowhere', () => {
        const wrong = `${postgres.password}-wrong`;
        const result = sla(['evaluate', writeAgreement('warehouse'), ...ARGS], { WAREHOUSE_PW: wrong });
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/authentication failed for user "sla"/);
        // acme-hosting.sla declares requests on line 27 (the first dataset the evaluation reads).
        expect(result.stderr).toMatch(/acme-warehouse-[a-z0-9]+\.sla:\d+/);
        for (const output of [result.stdout, result.stderr]) {
            expect(output).not.toContain(wrong);
            expect(output).not.toContain(postgres.password);
        }
    });

    it('a refused connection and a missing table: exit 2 with what to check', async () => {
        const port = await freePort();
        const refused = sla(['evaluate', writeAgreement('warehouse'), ...ARGS, '--connection', `warehouse=postgres://sla@127.0.0.1:${port}/sla`], { WAREHOUSE_PW: postgres.password });
        expect(refused.status).toBe(2);
        expect(refused.stderr).toMatch(/cannot connect/);
        expect(refused.stderr).toContain(`127.0.0.1:${port}`);
        const missing = sla(['evaluate', writeAgreement('warehouse', (d) => `${d}_gone`), ...ARGS], { WAREHOUSE_PW: postgres.password });
        expect(missing.status).toBe(2);
        expect(missing.stderr).toMatch(/dataset \w+ \(declared at acme-warehouse-[a-z0-9]+\.sla:\d+\).*table "\w+_gone"/);
        expect(missing.stderr).toMatch(/does not exist/);
    });

    it('without an opener from its caller (as in the language server), the engine opens PostgreSQL itself: the report of the files', async () => {
        const { loadSlaFiles } = await import('../../packages/language/src/node.js');
        const { agreementModelOf } = await import('../../packages/language/src/evaluation/evaluate-document.js');
        const { evaluateWithEngines } = await import('../../packages/engine/src/sql/evaluate-with-engines.js');
        const loaded = await loadSlaFiles([writeAgreement('warehouse')]);
        const model = agreementModelOf(loaded.documents[0]!, loaded.services);
        const options = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-11-25T12:00:00Z') };
        process.env.WAREHOUSE_PW = postgres.password;
        try {
            const remote = await evaluateWithEngines(model, { ...options, connectionConfigs: { warehouse: { name: 'warehouse', url: postgres.url, passwordEnv: 'WAREHOUSE_PW' } } });
            expect(remote.engines!.datasets.map((d) => d.engine)).toEqual(['postgres', 'postgres', 'postgres']);
            expect(comparable(JSON.stringify({ ...remote, generatedAt: '' }))).toEqual(comparable(fromFiles().stdout));
        } finally {
            delete process.env.WAREHOUSE_PW;
        }
    });

    it('a password in the URL is refused without repeating it', () => {
        const result = sla(['evaluate', writeAgreement('warehouse'), ...ARGS, '--connection', `warehouse=postgres://sla:Hunter2Secret@127.0.0.1:5432/sla`]);
        expect(result.status).toBe(2);
        expect(result.stdout + result.stderr).not.toContain('Hunter2Secret');
    });
});
