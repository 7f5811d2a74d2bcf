/**
 * `uptime(…, deployed in deployments by database from created to deleted)` read through DuckDB (in
 * memory): the outage rows are pulled with their database and the inventory whole — never pushed
 * down as one eligible time per window for every database, and never only the inventory rows
 * created inside the evaluation period (a database created before it is deployed in it too).
 * The figures are those of the files (test/evaluate/deployed-uptime.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAgreementQueries, evaluateAgreement, type AgreementModel, type DatasetModel, type Report } from '../../src/index.js';
import { exactRatio, toNumber } from '../../src/evaluate/exact-value.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { loadDuckDbTable, readDatasetTable } from '../sql-servers/table-loader.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from '../evaluate/fixtures.js';

const NOW = at('2027-01-01T00:00:00Z');
const CONNECTION = 'warehouse';

let duckdb: SqlConnection | undefined;
let files: { outages: DatasetModel; deployments: DatasetModel };

/** db1 created in December 2025 (before the period), db2 on 21 April; db3 never deployed. */
function csvFiles(): typeof files {
    const dir = tempDir();
    return {
        outages: dataset('outages', writeCsv(dir, 'outages.csv', ['database', 'started', 'ended'], [
            ['db1', '2026-04-10T10:00:00Z', '2026-04-10T11:00:00Z'],
            ['db2', '2026-04-25T10:00:00Z', '2026-04-25T11:00:00Z'],
            ['db3', '2026-04-12T10:00:00Z', '2026-04-12T11:00:00Z']
        ]), [field('database', 'text'), field('started', 'timestamp'), field('ended', 'timestamp', true)]),
        deployments: dataset('deployments', writeCsv(dir, 'deployments.csv', ['database', 'created', 'deleted'], [
            ['db1', '2025-12-01T00:00:00Z', ''],
            ['db2', '2026-04-21T00:00:00Z', '']
        ]), [field('database', 'text'), field('created', 'timestamp'), field('deleted', 'timestamp', true)])
    };
}

function onTable(spec: DatasetModel): DatasetModel {
    return { ...spec, path: `${CONNECTION}:${spec.name}`, table: { connection: CONNECTION, name: spec.name } };
}

function model(on: 'file' | 'table', perDatabase = false): AgreementModel {
    const read = on === 'file' ? (spec: DatasetModel) => spec : onTable;
    return agreement({
        timezone: 'UTC',
        validity: { from: '2026-03-01', to: '2026-04-30' },
        datasets: { outages: read(files.outages), deployments: read(files.deployments) },
        kpis: [{
            key: 'Uptime', name: 'Uptime', unitKind: 'ratio',
            formula: { type: 'uptime', dataset: 'outages', from: 'started', to: 'ended', excluding: [], deployed: { inventory: 'deployments', field: 'database', from: 'created', to: 'deleted' } }
        }],
        objectives: [{ kpi: 'Uptime', kpiName: 'Uptime', comparison: '>=', target: 0.9999, unitKind: 'ratio', window: MONTH, scopeField: perDatabase ? 'database' : undefined }]
    });
}

const valuesOf = (report: Report) => report.objectives[0]!.windows.map((window) => [window.scopeValue ?? '', window.start.slice(0, 7), window.value, window.notDeployed ?? null]);

beforeAll(async () => {
    files = csvFiles();
    duckdb = await openDuckDb();
    await loadDuckDbTable(duckdb, 'outages', await readDatasetTable(files.outages));
    await loadDuckDbTable(duckdb, 'deployments', await readDatasetTable(files.deployments));
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('an uptime over each database\'s deployed time, read through DuckDB', () => {
    it('pulls the outages and the whole inventory, and gives the files\' figures', async () => {
        const report = await evaluateWithEngines(model('table'), { now: NOW, connections: { [CONNECTION]: duckdb! } });
        expect(report.engines?.datasets.map((entry) => [entry.name, entry.mode])).toEqual([['outages', 'pulled'], ['deployments', 'pulled']]);
        expect(report.engines?.datasets[0]!.reason).toBe('uptime(…) deployed in deployments (each database over its deployed time) is computed locally');
        // Pulled whole, not only the rows created in the evaluation period: db1 (created December 2025) counts in March and April.
        expect(report.engines?.datasets[1]!.reason).not.toContain('only the rows of the evaluation period');
        // March: db1 alone, never down: 100 %. April: (43,200 + 14,400 − 60 − 60) / 57,600 = 99.7917 %; db3's hour is not downtime.
        const notDeployed = { outageMs: 60 * 60_000, resources: ['db3'] };
        expect(valuesOf(report)).toEqual([['', '2026-03', 1, null], ['', '2026-04', toNumber(exactRatio(57_600 - 120, 57_600)), notDeployed]]);
        expect(valuesOf(report)).toEqual(valuesOf(await evaluateAgreement(model('file'), { now: NOW })));
    });

    it('for each database: db1 99.8611 %, db2 99.5833 % over its 10 days, db3 no data — as from the files, and with CSV files read by DuckDB', async () => {
        const table = await evaluateWithEngines(model('table', true), { now: NOW, connections: { [CONNECTION]: duckdb! } });
        const april = Object.fromEntries(table.objectives[0]!.windows.filter((window) => window.start.startsWith('2026-04')).map((window) => [window.scopeValue, window.value]));
        // db1: (43,200 − 60) / 43,200; db2: (14,400 − 60) / 14,400.
        expect(april).toEqual({ db1: toNumber(exactRatio(43_140, 43_200)), db2: toNumber(exactRatio(14_340, 14_400)), db3: null });
        const fromFiles = await evaluateAgreement(model('file', true), { now: NOW });
        expect(valuesOf(table)).toEqual(valuesOf(fromFiles));
        // `sla evaluate --engine duckdb`: the CSV files read by DuckDB.
        const csvByDuckDb = await evaluateWithEngines(model('file', true), { now: NOW, engine: 'duckdb' });
        expect(csvByDuckDb.engines?.datasets.map((entry) => entry.mode)).toEqual(['pulled', 'pulled']);
        expect(valuesOf(csvByDuckDb)).toEqual(valuesOf(fromFiles));
    });

    it('compiles no push-down of the uptime: its outages are pulled, with the reason', () => {
        const queries = compileAgreementQueries(model('table'), 'duckdb', { now: NOW });
        expect(queries.filter((query) => query.purpose === 'pull').map((query) => query.note)).toEqual([
            'uptime(…) deployed in deployments (each database over its deployed time) is computed locally',
            'inventories, item objectives and pause joins are computed locally'
        ]);
    });
});
