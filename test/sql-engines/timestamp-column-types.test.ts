/**
 * A timestamp field's column on PostgreSQL 15 and a two-shard ClickHouse 18.16 must hold
 * instants (PostgreSQL timestamptz, ClickHouse Int64 epoch ms): a text column holding ISO
 * timestamps, or a ClickHouse DateTime (whole seconds), is the user's error — named with the
 * dataset and its .sla line, pushed down or pulled, for the outage (uptime) and business-time
 * (elapsed) columns as for the event time — where PostgreSQL answered with its own SQL error
 * and ClickHouse read DateTime seconds as milliseconds. The same agreement over columns of the
 * right types gives the local report. The CLI exits 2 with the message (a DataError located at
 * the dataset, which the editor shows as a diagnostic like any other column error).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../packages/engine/src/report/report-types.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startClickHouseCluster, type ClickHouseCluster } from '../../packages/engine/test/sql-servers/clickhouse-cluster.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { agreementsInFiles, comparable, evaluateLocally, evaluateOn, type ExampleAgreement } from './differential.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE = path.join(root, 'node_modules/.bin/node');
const CLI = path.join(root, 'packages/cli/bin/sla.js');

// The incidents dataset is declared on line 14 of the file written below (counted by hand: the agreement's first line is 1).
const sla = (incidents: string, tickets: string) => `agreement Stamps "Timestamp column types" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month

    calendar Office "Office hours" {
        monday to friday 09:00 to 17:00
        except 2026-03-03
    }

    // incidents, line 14; tickets, line 20
    dataset incidents "Incidents" ${incidents} {
        started   timestamp
        service   text
        resolved  timestamp
    }

    dataset tickets "Tickets" ${tickets} {
        opened    timestamp
        priority  text
        resolved  timestamp
    }

    service S "S" {
        kpi Up "Up" = uptime(incidents, from started to resolved)
        kpi Quick "Resolved within 2 business hours" = count(tickets where elapsed(opened, resolved) during Office < 2 hours) / count(tickets)
        objective Up >= 99% per calendar month for each service
        objective Quick >= 50% per calendar month
    }
}
`;
const INCIDENTS = [
    ['2026-03-02T10:00:00Z', 'web', '2026-03-02T10:30:00Z'],
    ['2026-03-02T10:15:00Z', 'web', '2026-03-02T10:45:00Z'],
    ['2026-03-11T08:00:00Z', 'api', '2026-03-11T09:00:00Z']
];
const TICKETS = [
    ['2026-03-02T08:00:00Z', 'P1', '2026-03-02T09:30:00Z'],
    ['2026-03-02T15:00:00Z', 'P2', '2026-03-04T09:00:00Z']
];
const PERIOD = { from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-stamp-types-'));
let postgres: PostgresServer;
let pg: SqlConnection;
let clickhouse: ClickHouseCluster;
let ch: SqlConnection;
let local: ExampleAgreement;

async function agreementOver(incidents: string, tickets: string): Promise<{ agreement: ExampleAgreement; file: string }> {
    const file = path.join(dir, `stamps-${Math.random().toString(36).slice(2)}.sla`);
    fs.writeFileSync(file, sla(incidents, tickets));
    const [agreement] = await agreementsInFiles([file], dir, () => PERIOD);
    return { agreement: agreement!, file };
}
const table = (name: string) => `from table "${name}" of connection warehouse`;
const csvLines = (rows: string[][]) => rows.map((row) => row.join(',')).join('\n');
const pgRows = (rows: string[][]) => rows.map((row) => `('${row[0]}', '${row[1]}', '${row[2]}')`).join(', ');
const chRows = (rows: string[][], stamp: (iso: string) => string) => rows.map((row) => `(${stamp(row[0]!)}, '${row[1]}', ${stamp(row[2]!)})`).join(', ');

beforeAll(async () => {
    [postgres, clickhouse] = await Promise.all([startPostgres(), startClickHouseCluster({ shards: 2 })]);
    pg = await postgres.connect();
    ch = await clickhouse.connect();
    fs.writeFileSync(path.join(dir, 'incidents.csv'), `started,service,resolved\n${csvLines(INCIDENTS)}\n`);
    fs.writeFileSync(path.join(dir, 'tickets.csv'), `opened,priority,resolved\n${csvLines(TICKETS)}\n`);
    local = (await agreementOver('from "incidents.csv"', 'from "tickets.csv"')).agreement;
    for (const [name, rows, start, key] of [['incidents', INCIDENTS, 'started', 'service'], ['tickets', TICKETS, 'opened', 'priority']] as const) {
        // PostgreSQL: right (timestamptz) and wrong (text: the end column only, holding the same ISO texts).
        await pg.query({ text: `CREATE TABLE ${name} (${start} timestamptz, ${key} text, resolved timestamptz)`, params: [] });
        await pg.query({ text: `INSERT INTO ${name} VALUES ${pgRows(rows as unknown as string[][])}`, params: [] });
        await pg.query({ text: `CREATE TABLE ${name}_text (${start} timestamptz, ${key} text, resolved text)`, params: [] });
        await pg.query({ text: `INSERT INTO ${name}_text VALUES ${pgRows(rows as unknown as string[][])}`, params: [] });
        // ClickHouse: right (Int64 epoch ms) and wrong (DateTime, whole seconds), both Distributed over the two shards.
        for (const [suffix, type, stamp] of [['', 'Int64', (iso: string) => String(Date.parse(iso))], ['_datetime', "DateTime('UTC')", (iso: string) => `toDateTime('${iso.slice(0, 19).replace('T', ' ')}', 'UTC')`]] as const) {
            for (const shard of clickhouse.shards) {
                await shard.exec(`CREATE TABLE ${name}${suffix}_local (${start} ${type}, ${key} String, resolved ${type}) ENGINE = MergeTree ORDER BY tuple()`);
                await shard.exec(`CREATE TABLE ${name}${suffix} AS ${name}${suffix}_local ENGINE = Distributed(${clickhouse.cluster}, default, '${name}${suffix}_local')`);
            }
            await clickhouse.shards[0]!.exec(`INSERT INTO ${name}${suffix}_local VALUES ${chRows(rows as unknown as string[][], stamp)}`);
        }
    }
}, 180_000);

afterAll(async () => {
    await pg?.close();
    await ch?.close();
    await postgres?.stop();
    await clickhouse?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('timestamp columns of the wrong type', () => {
    it.each([true, false])('PostgreSQL, push-down %s: a text column of outage ends is the user\'s error at the dataset\'s line', async (pushDown) => {
        const { agreement, file } = await agreementOver(table('incidents_text'), table('tickets'));
        const error = await evaluateOn(agreement.model, PERIOD, { warehouse: pg }, pushDown).then(() => undefined, (caught: unknown) => caught as Error & { file?: string; line?: number });
        expect(error?.message).toMatch(/^dataset incidents .*column "resolved" of the table "incidents_text" of connection warehouse is text, which cannot hold field resolved \(timestamp\); a timestamp field's column holds instants: timestamptz/);
        expect({ file: error?.file, line: error?.line }).toEqual({ file, line: 14 });
    }, 60_000);

    it('PostgreSQL: a text column of ticket ends (business time) is the user\'s error too', async () => {
        const { agreement } = await agreementOver(table('incidents'), table('tickets_text'));
        await expect(evaluateOn(agreement.model, PERIOD, { warehouse: pg })).rejects.toThrow(/^dataset tickets .*column "resolved" of the table "tickets_text" of connection warehouse is text, which cannot hold field resolved \(timestamp\)/);
    }, 60_000);

    it.each([true, false])('ClickHouse (two shards), push-down %s: a DateTime column (whole seconds) is the user\'s error, never seconds read as milliseconds', async (pushDown) => {
        const { agreement } = await agreementOver(table('incidents_datetime'), table('tickets'));
        // Both timestamp columns are DateTime: named at once, each with its field's line (the start on line 15, the end on line 17).
        await expect(evaluateOn(agreement.model, PERIOD, { warehouse: ch }, pushDown)).rejects.toThrow(/^dataset incidents .*2 columns of the table "incidents_datetime" of connection warehouse cannot hold their fields — column "started" is DateTime\('UTC'\), which cannot hold field started \(timestamp, declared at .*stamps-\w+\.sla:15\); .*Int64 epoch milliseconds.* — column "resolved" is DateTime\('UTC'\), which cannot hold field resolved \(timestamp, declared at .*:17\)/);
    }, 60_000);

    it.each([true, false])('timestamptz (PostgreSQL) and Int64 epoch ms (ClickHouse) columns: the local report, push-down %s', async (pushDown) => {
        const { agreement } = await agreementOver(table('incidents'), table('tickets'));
        // The .sla files differ (files, tables): their paths are set aside too.
        const same = (report: Report) => JSON.parse(JSON.stringify(comparable(report), (key, value: unknown) => (key === 'sourceFile' ? undefined : value))) as unknown;
        const expected = same(await evaluateLocally(local));
        for (const connection of [pg, ch]) expect(same(await evaluateOn(agreement.model, PERIOD, { warehouse: connection }, pushDown))).toEqual(expected);
    }, 60_000);

    it('the CLI: exit 2 with the message at the dataset\'s line; with the right column, the report and no error', async () => {
        const run = (file: string) =>
            spawnSync(NODE, [CLI, 'evaluate', file, '--from', PERIOD.from, '--to', PERIOD.to, '--now', '2026-04-15T00:00:00Z', '--format', 'json', '--connection', `warehouse=${postgres.url}`], {
                cwd: dir,
                encoding: 'utf8',
                env: { ...process.env, SLA_WAREHOUSE_PASSWORD: postgres.password },
                timeout: 60_000
            });
        const wrong = await agreementOver(table('incidents_text'), table('tickets'));
        const failed = run(wrong.file);
        expect(failed.status).toBe(2);
        expect(failed.stderr).toMatch(new RegExp(`${path.basename(wrong.file).replace('.', '\\.')}:14:\\d+: error: dataset incidents .*column "resolved" of the table "incidents_text" of connection warehouse is text`));
        const right = await agreementOver(table('incidents'), table('tickets'));
        const passed = run(right.file);
        expect(passed.stderr).toBe('');
        expect(JSON.parse(passed.stdout).objectives.length).toBe(2);
    }, 120_000);
});
