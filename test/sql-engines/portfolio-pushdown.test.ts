/**
 * A portfolio of client agreements over one shared request table (each agreement with its own
 * zone and `client scope client = "…"`): evaluated as a portfolio on PostgreSQL 15 and on a
 * two-shard ClickHouse cluster, the agreements share one set of queries
 * (packages/engine/src/sql/portfolio-pushdown.ts), and every agreement's report is the one the
 * local engine gives from the same data as a CSV file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { PortfolioReport } from '../../packages/engine/src/report/portfolio-types.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { evaluatePortfolioWithEngines } from '../../packages/engine/src/sql/portfolio-with-engines.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadClickHouseTable, loadPostgresTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { agreementsInFiles, comparable, evaluateLocally, withTables, type ExampleAgreement } from './differential.js';
import { CLIENTS, counted, PERIOD, writePortfolio } from './portfolio-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-pushdown-'));
let agreements: ExampleAgreement[] = [];
let postgres: PostgresServer | undefined;
let cluster: ClickHouseCluster | undefined;
const servers: Partial<Record<'postgres' | 'clickhouse', { connection: SqlConnection; models: Map<string, AgreementModel> }>> = {};

beforeAll(async () => {
    agreements = await agreementsInFiles(writePortfolio(dir), dir, () => PERIOD);
    [postgres, cluster] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 2 })]);
    const pg = await postgres.connect();
    servers.postgres = { connection: pg, models: await withTables(agreements, 'warehouse', (table, data) => loadPostgresTable(pg, table, data)) };
    const ch = await cluster.connect();
    servers.clickhouse = { connection: ch, models: await withTables(agreements, 'warehouse', (table, data) => loadClickHouseTable(cluster!, table, data)) };
}, 180_000);

afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await servers.postgres?.connection.close();
    await servers.clickhouse?.connection.close();
    await postgres?.stop();
    await cluster?.stop();
}, 60_000);

describe.each(['postgres', 'clickhouse'] as const)('a portfolio of clients in five zones over one table on %s', (dialect) => {
    it('gives each agreement the local report, from one set of queries for all clients', async () => {
        const server = servers[dialect]!;
        const models = agreements.map((agreement) => server.models.get(agreement.label)!);
        const wire = counted(server.connection);
        const reports = await evaluatePortfolioWithEngines(models, { ...PERIOD, connections: { warehouse: wire.connection } });
        for (const [index, agreement] of agreements.entries()) {
            expect(reports[index]!.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy])).toEqual([['pushed down', 5]]);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
        // One set of queries for all five clients: the column types, the totals, the clients' statistics, two filter groups (all rows;
        // status >= 500) and the counting rounds of the one percentile channel. Alone, an agreement asks at least five (types, statistics,
        // two groups, a round): 25 for five. (Measured: 10.)
        expect(wire.stats.queries).toBeLessThan(5 * 5);
        expect(wire.stats.queries).toBeLessThanOrEqual(3 + 2 + 6);
        // Rows: per group (client, month, service) ≤ 5 × 4 × 2 = 40 rows; one per rank and round (≤ 2 ranks × 40 windows × rounds).
        expect(wire.stats.rows).toBeLessThanOrEqual(2 + 5 + 2 * 40 + 4 * 2 * 40);
    });

    it('an agreement with another filter is evaluated on its own; the others still share, every report the local one', async () => {
        const server = servers[dialect]!;
        // c5's copy counting errors from status 400 on: another filter group, so it cannot share the others' queries.
        const odd = agreements[4]!;
        const oddText = fs.readFileSync(path.join(dir, 'c5.sla'), 'utf8').replace('count(requests where status >= 500)', 'count(requests where status >= 400)').replace('agreement Client5', 'agreement Client5b');
        fs.writeFileSync(path.join(dir, 'c5b.sla'), oddText);
        const [oddLocal] = await agreementsInFiles([path.join(dir, 'c5b.sla')], dir, () => PERIOD);
        const oddModel = { ...oddLocal!.model, datasets: { requests: { ...odd.model.datasets.requests!, ...server.models.get(odd.label)!.datasets.requests! } } };
        const models = [...agreements.slice(0, 4).map((agreement) => server.models.get(agreement.label)!), oddModel];
        const reports = await evaluatePortfolioWithEngines(models, { ...PERIOD, connections: { warehouse: server.connection } });
        expect(reports.map((report) => report.engines?.datasets[0]?.sharedBy)).toEqual([4, 4, 4, 4, undefined]);
        for (const [index, agreement] of [...agreements.slice(0, 4), oddLocal!].entries()) {
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
    });

    it('alone, each agreement gets the same report as in the portfolio (its own push-down)', async () => {
        const server = servers[dialect]!;
        const models = agreements.map((agreement) => server.models.get(agreement.label)!);
        const shared = await evaluatePortfolioWithEngines(models, { ...PERIOD, connections: { warehouse: server.connection } });
        const alone = await evaluatePortfolioWithEngines([models[0]!], { ...PERIOD, connections: { warehouse: server.connection } });
        expect(comparable(alone[0]!)).toEqual(comparable(shared[0]!));
    });
});

describe('sla evaluate clients/ over a table of PostgreSQL', () => {
    it('evaluates the portfolio with one shared push-down: every agreement the local report', async () => {
        // The five agreements again, each reading the table by name: a folder of client agreements, as users keep them.
        const clients = path.join(dir, 'clients');
        fs.mkdirSync(clients, { recursive: true });
        const table = servers.postgres!.models.get(agreements[0]!.label)!.datasets.requests!.table!.name;
        for (const file of CLIENTS.map((client) => `${client.id}.sla`)) {
            fs.writeFileSync(path.join(clients, file), fs.readFileSync(path.join(dir, file), 'utf8').replace('from "requests.csv"', `from table "${table}" of connection warehouse`));
        }
        const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
        const result = spawnSync(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'packages/cli/bin/sla.js'), 'evaluate', clients, '--from', PERIOD.from, '--to', PERIOD.to, '--now', new Date(PERIOD.now).toISOString(), '--format', 'json', '--connection', `warehouse=${postgres!.url}`], {
            cwd: dir,
            encoding: 'utf8',
            env: { ...process.env, SLA_WAREHOUSE_PASSWORD: postgres!.password },
            timeout: 120_000
        });
        expect(result.stderr).toBe('');
        const portfolio = JSON.parse(result.stdout) as PortfolioReport;
        expect(portfolio.entries).toHaveLength(5);
        for (const agreement of agreements) {
            const entry = portfolio.entries.find((candidate) => candidate.report.agreement === agreement.model.id)!;
            expect(entry.report.engines?.datasets.map((dataset) => dataset.sharedBy)).toEqual([5]);
            const local = comparable(await evaluateLocally(agreement)) as Record<string, unknown>;
            const remote = comparable(entry.report) as Record<string, unknown>;
            // The CLI names the .sla file it read (another folder than the local one's).
            delete local.sourceFile;
            delete remote.sourceFile;
            expect(remote, agreement.label).toEqual(local);
        }
    });
});
