/**
 * The portfolio of portfolio-pushdown.test.ts (five clients in five zones, `client scope`) on
 * DuckDB: over a DuckDB table and over a Parquet file the agreements share one push-down
 * (packages/engine/src/sql/portfolio-pushdown.ts), and every agreement's report is the one the
 * local engine gives from the same data as a CSV file. What cannot be shared (another filter, a
 * value column whose sum would not be exact) is still evaluated agreement by agreement. The CLI
 * (`sla evaluate clients/`) shares them too, for a Parquet file and for a DuckDB database file.
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
import { openDuckDb } from '../../packages/engine/src/sql/duckdb-connection.js';
import { evaluatePortfolioWithEngines } from '../../packages/engine/src/sql/portfolio-with-engines.js';
import { evaluateAgreement } from '../../packages/engine/src/evaluate/evaluate-agreement.js';
import { loadDuckDbTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { agreementsInFiles, comparable, evaluateLocally, withTables, type ExampleAgreement } from './differential.js';
import { CLIENTS, counted, PERIOD, writePortfolio } from './portfolio-fixture.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-duckdb-'));
let agreements: ExampleAgreement[] = [];
let duckdb: SqlConnection | undefined;
let tableModels = new Map<string, AgreementModel>();
const parquet = path.join(dir, 'requests.parquet');
const doubles = path.join(dir, 'requests-double.parquet');

/** The agreements reading a Parquet file instead of the CSV file. */
function onParquet(file: string): AgreementModel[] {
    return agreements.map((agreement) => ({ ...agreement.model, datasets: { requests: { ...agreement.model.datasets.requests!, path: file, format: 'parquet' } } }));
}

beforeAll(async () => {
    agreements = await agreementsInFiles(writePortfolio(dir), dir, () => PERIOD);
    duckdb = await openDuckDb();
    tableModels = await withTables(agreements, 'warehouse', (table, data) => loadDuckDbTable(duckdb!, table, data));
    const table = tableModels.get(agreements[0]!.label)!.datasets.requests!.table!.name;
    await duckdb.query({ text: `COPY (SELECT * FROM "${table}") TO '${parquet}' (FORMAT parquet)`, params: [] });
    await duckdb.query({ text: `COPY (SELECT * REPLACE (CAST(latency_ms AS DOUBLE) AS latency_ms) FROM "${table}") TO '${doubles}' (FORMAT parquet)`, params: [] });
}, 120_000);

afterAll(async () => {
    await duckdb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('a portfolio of clients in five zones on DuckDB', () => {
    it('over a DuckDB table: each agreement the local report, from one set of queries for all clients', async () => {
        const models = agreements.map((agreement) => tableModels.get(agreement.label)!);
        const wire = counted(duckdb!);
        const reports = await evaluatePortfolioWithEngines(models, { ...PERIOD, connections: { warehouse: wire.connection } });
        for (const [index, agreement] of agreements.entries()) {
            expect(reports[index]!.engines?.datasets.map((dataset) => [dataset.engine, dataset.mode, dataset.sharedBy])).toEqual([['duckdb', 'pushed down', 5]]);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
        // One set of queries for all five clients (column types, totals, clients' statistics, two filter groups, the counting rounds
        // of the one percentile channel); alone, each agreement asks at least five: 25 for five.
        expect(wire.stats.queries).toBeLessThan(5 * 5);
        expect(wire.stats.queries).toBeLessThanOrEqual(3 + 2 + 6);
        expect(reports[0]!.engines!.datasets[0]!.queries).toBe(wire.stats.queries);
        // Alone, the first agreement pushes down on its own (more queries for it alone than the portfolio's share per client), same report.
        const alone = counted(duckdb!);
        const [own] = await evaluatePortfolioWithEngines([models[0]!], { ...PERIOD, connections: { warehouse: alone.connection } });
        expect(own!.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy])).toEqual([['pushed down', undefined]]);
        expect(comparable(own!)).toEqual(comparable(reports[0]!));
    });

    it('--from inside February: each client\'s February judged whole (its own zone), the local report, on one push-down', async () => {
        const inside = { ...PERIOD, from: '2026-02-10' };
        const models = agreements.map((agreement) => tableModels.get(agreement.label)!);
        const reports = await evaluatePortfolioWithEngines(models, { ...inside, connections: { warehouse: duckdb! } });
        for (const [index, agreement] of agreements.entries()) {
            expect(reports[index]!.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy])).toEqual([['pushed down', 5]]);
            expect(reports[index]!.period.requestedFrom?.slice(0, 10), agreement.label).toBe('2026-02-10');
            const february = reports[index]!.objectives.find((objective) => objective.kpi === 'Mean')!.windows[0]!;
            expect([february.start.slice(0, 7), february.partial], agreement.label).toEqual(['2026-02', false]);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateAgreement(agreement.model, inside)));
        }
    });

    it('over a DuckDB database file named by a connection URL: shared, each agreement the local report', async () => {
        const file = path.join(dir, 'warehouse.duckdb');
        await duckdb!.query({ text: `ATTACH '${file}' AS sla_file`, params: [] });
        const table = tableModels.get(agreements[0]!.label)!.datasets.requests!.table!.name;
        await duckdb!.query({ text: `CREATE TABLE sla_file."${table}" AS SELECT * FROM memory."${table}"`, params: [] });
        await duckdb!.query({ text: 'DETACH sla_file', params: [] });
        const models = agreements.map((agreement) => tableModels.get(agreement.label)!);
        const reports = await evaluatePortfolioWithEngines(models, { ...PERIOD, connectionConfigs: { warehouse: { name: 'warehouse', url: `duckdb://${file}` } } });
        for (const [index, agreement] of agreements.entries()) {
            expect(reports[index]!.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy])).toEqual([['pushed down', 5]]);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
    });

    it('over a Parquet file: each agreement the local report, from one shared push-down', async () => {
        const reports = await evaluatePortfolioWithEngines(onParquet(parquet), { ...PERIOD, engine: 'duckdb' });
        for (const [index, agreement] of agreements.entries()) {
            const [dataset] = reports[index]!.engines!.datasets;
            expect([dataset!.engine, dataset!.mode, dataset!.sharedBy]).toEqual(['duckdb', 'pushed down', 5]);
            expect(dataset!.queries).toBeLessThanOrEqual(3 + 2 + 6);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
    });

    it('an agreement with another filter is evaluated on its own; the others still share, every report the local one', async () => {
        const oddText = fs.readFileSync(path.join(dir, 'c5.sla'), 'utf8').replace('count(requests where status >= 500)', 'count(requests where status >= 400)').replace('agreement Client5', 'agreement Client5b');
        fs.writeFileSync(path.join(dir, 'c5b.sla'), oddText);
        const [oddLocal] = await agreementsInFiles([path.join(dir, 'c5b.sla')], dir, () => PERIOD);
        const oddModel = { ...oddLocal!.model, datasets: { requests: { ...oddLocal!.model.datasets.requests!, path: parquet, format: 'parquet' as const } } };
        const reports = await evaluatePortfolioWithEngines([...onParquet(parquet).slice(0, 4), oddModel], { ...PERIOD, engine: 'duckdb' });
        expect(reports.map((report) => [report.engines?.datasets[0]?.mode, report.engines?.datasets[0]?.sharedBy])).toEqual([...Array.from({ length: 4 }, () => ['pushed down', 4]), ['pushed down', undefined]]);
        for (const [index, agreement] of [...agreements.slice(0, 4), oddLocal!].entries()) {
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
        }
    });

    it('a value column of doubles (a sum that would not be exact in SQL) is not shared: each agreement is evaluated on its own', async () => {
        const reports = await evaluatePortfolioWithEngines(onParquet(doubles), { ...PERIOD, engine: 'duckdb' });
        for (const report of reports) {
            const [dataset] = report.engines!.datasets;
            expect(dataset!.sharedBy).toBeUndefined();
            expect(dataset!.mode).toBe('pulled');
            expect(dataset!.reason).toMatch(/DOUBLE: its sum would not be exact/);
        }
    });
});

describe('sla evaluate clients/ on DuckDB', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    /** The five agreements in a folder, their dataset read `from` the given source; the CLI's portfolio report. */
    function evaluateFolder(name: string, from: string, extra: string[]): PortfolioReport {
        const clients = path.join(dir, name);
        fs.mkdirSync(clients, { recursive: true });
        for (const file of CLIENTS.map((client) => `${client.id}.sla`)) {
            fs.writeFileSync(path.join(clients, file), fs.readFileSync(path.join(dir, file), 'utf8').replace('from "requests.csv"', from));
        }
        const result = spawnSync(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'packages/cli/bin/sla.js'), 'evaluate', clients, '--from', PERIOD.from, '--to', PERIOD.to, '--now', new Date(PERIOD.now).toISOString(), '--format', 'json', ...extra], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
        expect(result.stderr).toBe('');
        return JSON.parse(result.stdout) as PortfolioReport;
    }
    async function expectLocalReports(portfolio: PortfolioReport): Promise<void> {
        expect(portfolio.entries).toHaveLength(5);
        for (const agreement of agreements) {
            const entry = portfolio.entries.find((candidate) => candidate.report.agreement === agreement.model.id)!;
            expect(entry.report.engines?.datasets.map((dataset) => [dataset.engine, dataset.mode, dataset.sharedBy])).toEqual([['duckdb', 'pushed down', 5]]);
            const local = comparable(await evaluateLocally(agreement)) as Record<string, unknown>;
            const remote = comparable(entry.report) as Record<string, unknown>;
            // The CLI names the .sla file it read (another folder than the local one's).
            delete local.sourceFile;
            delete remote.sourceFile;
            expect(remote, agreement.label).toEqual(local);
        }
    }

    it('a folder of agreements over a Parquet file shares one push-down: every agreement the local report', async () => {
        fs.mkdirSync(path.join(dir, 'clients-parquet'), { recursive: true });
        fs.copyFileSync(parquet, path.join(dir, 'clients-parquet', 'requests.parquet'));
        await expectLocalReports(evaluateFolder('clients-parquet', 'from "requests.parquet"', []));
    });

    it('a folder of agreements over a table of a DuckDB database file (--connection warehouse=duckdb:…) shares one push-down', async () => {
        const file = path.join(dir, 'cli-warehouse.duckdb');
        const table = tableModels.get(agreements[0]!.label)!.datasets.requests!.table!.name;
        await duckdb!.query({ text: `ATTACH '${file}' AS sla_cli`, params: [] });
        await duckdb!.query({ text: `CREATE TABLE sla_cli."${table}" AS SELECT * FROM memory."${table}"`, params: [] });
        await duckdb!.query({ text: 'DETACH sla_cli', params: [] });
        await expectLocalReports(evaluateFolder('clients-duckdb', `from table "${table}" of connection warehouse`, ['--connection', `warehouse=duckdb://${file}`]));
    });

    it('one day evaluated: a service a client has rows of only on other days is listed without data, as locally (the shared statistics query)', async () => {
        // The clients' random rows over four months leave some single days with one service only. A month's first
        // day: a day inside it would judge the month from its start (evaluation-period.ts).
        const day = { from: '2026-04-01', to: '2026-04-01', now: PERIOD.now };
        const models = agreements.map((agreement) => tableModels.get(agreement.label)!);
        const reports = await evaluatePortfolioWithEngines(models, { ...day, connections: { warehouse: duckdb! } });
        for (const [index, agreement] of agreements.entries()) {
            expect(reports[index]!.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy])).toEqual([['pushed down', 5]]);
            expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateAgreement(agreement.model, day)));
        }
        // That day (seeded data) c2's window holds rows of one service only: "api" is listed without data.
        const missing = reports.flatMap((report, index) => report.objectives.find((objective) => objective.kpi === 'Requests')!.windows
            .filter((window) => window.status === 'no data').map((window) => `${agreements[index]!.label} ${window.scopeValue}`));
        expect(missing).toEqual(['c2.sla api']);
    });
});

describe('a portfolio with business time on DuckDB', () => {
    const clientSla = (client: string) => `agreement Client_${client} "Client ${client}" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    client scope client = "${client}"

    calendar Office "Office hours" {
        monday to friday 09:00 to 17:00
    }

    dataset tickets "Tickets, all clients" from "tickets.csv" {
        opened    timestamp
        client    text
        priority  text
        resolved  timestamp
    }

    service Desk "Desk" {
        kpi Tickets "Tickets" = count(tickets)
        kpi Mean "Mean business time to resolve" = avg(elapsed(tickets.opened, tickets.resolved) during Office)
        objective Tickets >= 1 per calendar month for each priority
        objective Mean <= 2 hours per calendar month
    }
}
`;
    it('elapsed(…) is not shared on DuckDB: each agreement pushes its dataset down alone, every report the local one', async () => {
        const folder = path.join(dir, 'business');
        fs.mkdirSync(folder, { recursive: true });
        const rows = ['opened,client,priority,resolved'];
        for (const [index, client] of ['c1', 'c2'].entries()) {
            rows.push(`2026-03-10T08:00:00Z,${client},P1,2026-03-10T10:${index}0:00Z`, `2026-03-13T15:30:00Z,${client},P2,2026-03-16T09:30:00Z`, `2026-04-02T12:00:00Z,${client},P1,2026-04-02T12:45:00Z`);
        }
        fs.writeFileSync(path.join(folder, 'tickets.csv'), `${rows.join('\n')}\n`);
        const files = ['c1', 'c2'].map((client) => {
            const file = path.join(folder, `${client}.sla`);
            fs.writeFileSync(file, clientSla(client));
            return file;
        });
        const business = await agreementsInFiles(files, folder, () => PERIOD);
        const models = await withTables(business, 'warehouse', (table, data) => loadDuckDbTable(duckdb!, table, data), { tableName: () => 'tickets' });
        const reports = await evaluatePortfolioWithEngines(business.map((agreement) => models.get(agreement.label)!), { ...PERIOD, connections: { warehouse: duckdb! } });
        expect(reports.map((report) => report.engines?.datasets.map((dataset) => [dataset.mode, dataset.sharedBy]))).toEqual([[['pushed down', undefined]], [['pushed down', undefined]]]);
        for (const [index, agreement] of business.entries()) expect(comparable(reports[index]!), agreement.label).toEqual(comparable(await evaluateLocally(agreement)));
    });
});
