/**
 * SQL injection: a dataset whose table, columns and values carry quotes, semicolons, backslashes,
 * comment markers and placeholders, evaluated on PostgreSQL 15 and on the two-shard ClickHouse.
 * Identifiers are quoted per dialect and values bound, so every hostile text is read as data:
 * the reports equal the local engine's (which reads the same names from a CSV file), and a
 * sentinel table the hostile texts try to drop is still there, with its row.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAgreement } from '../../packages/engine/src/evaluate/evaluate-agreement.js';
import type { AgreementModel, Expr, KpiModel, ObjectiveModel } from '../../packages/engine/src/model.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadClickHouseTable, loadPostgresTable, readDatasetTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { comparable, evaluateOn } from './differential.js';

/** Column names that end quoted identifiers of every dialect if pasted, or open comments. */
const COLUMNS = {
    time: 'time"; DROP TABLE keep; --',
    service: "svc'); DROP TABLE keep; /*",
    latency: 'lat`ency\\',
    status: 'st$1atus -- x'
};
/** Values that end string literals if pasted. */
const SERVICES = ["O'Brien", "x'; DROP TABLE keep; --", 'back\\slash\\', 'semi;colon', '-- comment', '/* open', "\\'; DROP TABLE keep; --", '$1'];
const TABLE = `req"uests'; DROP TABLE keep; -- \\`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-injection-'));
let postgres: PostgresServer;
let pg: SqlConnection;
let clickhouse: ClickHouseCluster;
let ch: SqlConnection;

function csvCell(text: string): string {
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeData(): string {
    const file = path.join(dir, 'requests.csv');
    const lines = [[COLUMNS.time, COLUMNS.service, COLUMNS.latency, COLUMNS.status].map(csvCell).join(',')];
    for (let i = 0; i < 400; i++) {
        const t = new Date(Date.UTC(2026, 0, 1) + i * 7 * 3_600_000 + (i % 13) * 60_000).toISOString();
        lines.push([t, SERVICES[i % SERVICES.length]!, String(10 + ((i * 37) % 500)), String(i % 11 === 0 ? 503 : 200)].map(csvCell).join(','));
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
}

const field = (name: keyof typeof COLUMNS): Expr => ({ type: 'field', dataset: 'requests', field: name });
const eq = (name: keyof typeof COLUMNS, value: string): Expr => ({ type: 'binary', op: '=', left: field(name), right: { type: 'string', value } });

function model(file: string): AgreementModel {
    const kpis: KpiModel[] = [];
    const objectives: ObjectiveModel[] = [];
    SERVICES.forEach((service, i) => {
        const key = `Count${i}`;
        kpis.push({ key, name: key, unitKind: 'count', formula: { type: 'aggregate', fn: 'count', dataset: 'requests', where: eq('service', service) } });
        objectives.push({ kpi: key, kpiName: key, comparison: '>=', target: 1, unitKind: 'count', window: { kind: 'calendar', unit: 'month' } });
    });
    kpis.push({ key: 'P50', name: 'P50', unitKind: 'duration', formula: { type: 'aggregate', fn: 'percentile', percentile: 50, dataset: 'requests', value: field('latency'), where: eq('service', "x'; DROP TABLE keep; --") } });
    objectives.push({ kpi: 'P50', kpiName: 'P50', comparison: '<=', target: 300, unitKind: 'duration', window: { kind: 'calendar', unit: 'month' } });
    kpis.push({
        key: 'Errors',
        name: 'Errors',
        unitKind: 'ratio',
        formula: { type: 'share', dataset: 'requests', part: { type: 'binary', op: '>=', left: field('status'), right: { type: 'number', value: 500, kind: 'number' } } }
    });
    // `for each service`: the hostile values become the scopes of the report.
    objectives.push({ kpi: 'Errors', kpiName: 'Errors', comparison: '<', target: 0.2, unitKind: 'ratio', window: { kind: 'calendar', unit: 'month' }, scopeField: 'service' });
    return {
        id: 'Injection',
        timezone: 'Europe/Berlin',
        validity: { from: '2026-01-01', to: '2026-12-31' },
        calendars: {},
        maintenance: {},
        datasets: {
            requests: {
                name: 'requests',
                path: file,
                format: 'csv',
                fields: [
                    { name: 'time', column: COLUMNS.time, kind: 'timestamp', optional: false },
                    { name: 'service', column: COLUMNS.service, kind: 'text', optional: false },
                    { name: 'latency', column: COLUMNS.latency, kind: 'duration', optional: false },
                    { name: 'status', column: COLUMNS.status, kind: 'integer', optional: false }
                ]
            }
        },
        kpis,
        objectives,
        internalTargets: [],
        credits: []
    };
}

const period = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-06-01T00:00:00Z') };
let local: AgreementModel;

beforeAll(async () => {
    local = model(writeData());
    const data = await readDatasetTable(local.datasets.requests!);
    [postgres, clickhouse] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 2 })]);
    pg = await postgres.connect();
    ch = await clickhouse.connect();
    await pg.query({ text: 'CREATE TABLE keep (x int)', params: [] });
    await pg.query({ text: 'INSERT INTO keep VALUES (1)', params: [] });
    await loadPostgresTable(pg, TABLE, data);
    for (const shard of clickhouse.shards) {
        await shard.exec('CREATE TABLE keep (x Int32) ENGINE = Memory');
        await shard.exec('INSERT INTO keep VALUES (1)');
    }
    await loadClickHouseTable(clickhouse, TABLE, data);
}, 120_000);

afterAll(async () => {
    await pg?.close();
    await ch?.close();
    await postgres?.stop();
    await clickhouse?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
});

function onTable(connection: string): AgreementModel {
    return { ...local, datasets: { requests: { ...local.datasets.requests!, path: `${connection}:${TABLE}`, table: { connection, name: TABLE } } } };
}

describe('hostile names and values are data on every engine', () => {
    it('the local report counts every hostile value: the comparison below has something to compare', async () => {
        const report = await evaluateAgreement(local, period);
        const total = SERVICES.reduce((sum, _, i) => sum + report.objectives[i]!.windows.reduce((s, w) => s + (w.value ?? 0), 0), 0);
        // 400 rows, one every 7 hours from 1 January (2,800 h ≈ 117 days, into late April): the eight
        // counts together are exactly the rows inside January to March, each row matching one value.
        expect(total).toBe(report.datasets[0]!.rows - report.datasets[0]!.outsidePeriod);
        expect(total).toBeGreaterThan(300);
    });

    for (const [engine, name] of [['PostgreSQL', 'warehouse'], ['ClickHouse', 'lake']] as const) {
        for (const pushDown of [true, false]) {
            it(`${engine}${pushDown ? '' : ' (pulled)'}: the same report, and the sentinel table is still there`, async () => {
                const connections = { warehouse: pg, lake: ch };
                const remote = await evaluateOn(onTable(name), period, connections, pushDown);
                const expected = await evaluateAgreement(local, period);
                expect(comparable(remote)).toEqual(comparable(expected));
                const scopes = remote.objectives.find((o) => o.kpiKey === 'Errors')!;
                expect(JSON.stringify(scopes)).toContain("x'; DROP TABLE keep; --");
                if (engine === 'PostgreSQL') {
                    expect((await pg.query({ text: 'SELECT count(*) FROM keep', params: [] })).rows).toEqual([['1']]);
                } else {
                    for (const shard of clickhouse.shards) expect((await shard.exec('SELECT count() FROM keep')).trim()).toBe('1');
                }
            });
        }
    }
});
