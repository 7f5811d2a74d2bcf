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
import type { SqlConnection, SqlQuery } from '../../packages/engine/src/sql/sql-connection.js';
import { evaluatePortfolioWithEngines } from '../../packages/engine/src/sql/portfolio-with-engines.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadClickHouseTable, loadPostgresTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { agreementHeader, datasetBlock } from './agreement-text.js';
import { agreementsInFiles, comparable, evaluateLocally, withTables, type ExampleAgreement } from './differential.js';
import { random as seededRandom } from '../../packages/language/test/random.js';

const PERIOD = { from: '2026-01-01', to: '2026-04-30', now: Date.parse('2026-05-15T00:00:00Z') };
/** Four zones with DST changes in the period at different dates (New York 8 March, Berlin 29 March, Sydney 5 April) and one without. */
const CLIENTS = [
    { id: 'c1', zone: 'Europe/Berlin', monthStart: '2026-01-31T23:00:00Z' },
    { id: 'c2', zone: 'America/New_York', monthStart: '2026-02-01T05:00:00Z' },
    { id: 'c3', zone: 'Asia/Tokyo', monthStart: '2026-01-31T15:00:00Z' },
    { id: 'c4', zone: 'Australia/Sydney', monthStart: '2026-01-31T13:00:00Z' },
    // No row at all: every window is no data.
    { id: 'c5', zone: 'UTC', monthStart: '2026-02-01T00:00:00Z' }
];

function writePortfolio(dir: string): string[] {
    const random = seededRandom(15);
    const lines = ['time,client,service,latency_ms,status'];
    const row = (ms: number, client: string, service: string, latency: string, status: number) => lines.push(`${new Date(ms).toISOString()},${client},"${service.replace(/"/g, '""')}",${latency},${status}`);
    const services = ['api', "o'brien; --"];
    const start = Date.parse('2026-01-01T00:00:00Z');
    const span = Date.parse('2026-05-01T00:00:00Z') - start;
    for (const [index, client] of CLIENTS.slice(0, 4).entries()) {
        // Random rows over the period, latencies with ties (whole and half milliseconds) and decimals.
        for (let k = 0; k < 300 * (index + 1); k++) {
            const latency = random() < 0.3 ? String(10 * Math.floor(random() * 10)) : (random() * 1000).toFixed(3);
            row(start + Math.floor(random() * span), client.id, services[Math.floor(random() * 2)]!, latency, random() < 0.03 ? 503 : 200);
        }
        // The first of February in the client's zone: the last millisecond of January and the first of February.
        const boundary = Date.parse(client.monthStart);
        row(boundary - 1, client.id, 'api', '999.999', 200);
        row(boundary, client.id, 'api', '0.001', 500);
    }
    // c1, March (Berlin): n = 1,000 for "api" at 1 … 1000 ms: P99.9 (k = 999) is 999, P95 (k = 950) 950.
    for (let k = 1; k <= 1000; k++) row(Date.parse('2026-03-10T00:00:00Z') + k * 60_000, 'c1', 'api', String(k), 200);
    // c4, April (Sydney): one row of "o'brien; --" only besides the random ones' service mix: tiny n per service.
    row(Date.parse('2026-04-15T00:00:00Z'), 'c4', "o'brien; --", '7.5', 200);
    // Another client's rows (not in the portfolio): counted as other clients' rows by each agreement.
    for (let k = 0; k < 50; k++) row(start + Math.floor(random() * span), 'c9', 'api', '1', 200);
    fs.writeFileSync(path.join(dir, 'requests.csv'), `${lines.join('\n')}\n`);
    return CLIENTS.map((client, index) => {
        const file = path.join(dir, `${client.id}.sla`);
        fs.writeFileSync(
            file,
            `${agreementHeader({ name: `Client${index + 1}`, title: `Client ${client.id}`, zone: client.zone, customer: `C${index + 1} "Client ${client.id}"`, lines: [`client scope client = "${client.id}"`] })}
${datasetBlock('requests', 'Request log, all clients', 'requests.csv', ['time    timestamp', 'client  text', 'service text', 'latency duration ms column "latency_ms"', 'status  integer'])}
    service S "Service" {
        kpi Requests "Requests" = count(requests)
        kpi Errors "Failed share" = count(requests where status >= 500) / count(requests)
        kpi Mean "Mean latency" = avg(requests.latency)
        kpi P95 "P95 latency" = percentile(95, requests.latency)
        kpi P999 "P99.9 latency" = percentile(99.9, requests.latency)
        objective Requests >= 1 per calendar month for each service
        objective Errors <= 5% per calendar month for each service
        objective Mean <= 500 ms per calendar month
        objective P95 <= 800 ms per calendar month for each service
        objective P999 <= 990 ms per calendar month
    }
}
`
        );
        return file;
    });
}

/** A connection that counts the queries and rows it answers. */
function counted(connection: SqlConnection): { connection: SqlConnection; stats: { queries: number; rows: number } } {
    const stats = { queries: 0, rows: 0 };
    return {
        stats,
        connection: {
            dialect: connection.dialect,
            query: async (query: SqlQuery, options) => {
                const result = await connection.query(query, options);
                stats.queries++;
                stats.rows += result.rows.length;
                return result;
            },
            close: () => connection.close()
        }
    };
}

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
