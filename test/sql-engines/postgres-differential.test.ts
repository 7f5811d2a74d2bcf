/**
 * Every bundled example, evaluated by the local engine from its files and on a real PostgreSQL 15
 * with every dataset in a table: the same JSON report (differential.ts says what is set aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadPostgresTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { expectCountedPercentiles } from './counted-percentiles.js';
import { comparable, differentialTests, evaluateLocally, evaluateOn, examplesAndCorpus, withTables } from './differential.js';

const { agreements, corpus, tableName, removeCorpus } = await examplesAndCorpus();
let server: PostgresServer;
let connection: SqlConnection;
let models: Map<string, AgreementModel>;

beforeAll(async () => {
    server = await startPostgres();
    connection = await server.connect();
    // A schema, so the compiler's schema-qualified names are exercised too.
    models = await withTables(agreements, 'warehouse', (table, data) => loadPostgresTable(connection, table, data, 'sla_examples'), { schema: 'sla_examples', tableName });
}, 120_000);

afterAll(async () => {
    removeCorpus();
    await connection?.close();
    await server?.stop();
});

describe('examples on PostgreSQL 15 give the local report', () => {
    it('finds the examples', () => {
        // 7 example folders plus 6 public SLAs; provider-library has two client agreements.
        expect(agreements.length).toBeGreaterThanOrEqual(12);
    });

    differentialTests(agreements, () => models, () => ({ warehouse: connection }), 'postgres');

    it('a pause dataset read from the server is listed in the engines section; an agreement without pauses lists none', async () => {
        // paris-erp's ticket clocks exclude the waits of dataset "waits" (excluding pauses(waits by ticket = id, …)): its rows are pulled for the pause join.
        const paris = agreements.find((a) => a.label === 'paris-erp/paris-erp.sla')!;
        const remote = await evaluateOn(models.get(paris.label)!, paris.period, { warehouse: connection });
        const waits = remote.engines?.datasets.find((d) => d.name === 'waits');
        expect(waits).toMatchObject({ engine: 'postgres', mode: 'pulled', connection: 'warehouse' });
        expect(waits!.queries).toBeGreaterThan(0);
        expect(waits!.reason).toMatch(/pause/);
        // acme-hosting has no pause join: every listed dataset is one its KPIs read in their own pass (none says "pause").
        const acme = agreements.find((a) => a.label === 'managed-hosting/acme-hosting.sla')!;
        const plain = await evaluateOn(models.get(acme.label)!, acme.period, { warehouse: connection });
        expect(plain.engines?.datasets.some((d) => /pause/.test(d.reason ?? ''))).toBe(false);
    });

    it('percentiles per client by counting rounds: the hand-worked values, pushed down, a few rows per window back', async () => {
        const counted = corpus.find((a) => a.label === 'corpus/counted-percentiles.sla')!;
        const local = await evaluateLocally(counted);
        expectCountedPercentiles(local);
        const remote = await evaluateOn(models.get(counted.label)!, counted.period, { warehouse: connection });
        expectCountedPercentiles(remote);
        const values = remote.engines!.datasets.find((d) => d.name === 'values')!;
        expect(values).toMatchObject({ engine: 'postgres', mode: 'pushed down' });
        // 2,011 rows in the table; 6 (client, month) windows × 6 percentiles: each round sends at most 9 buckets per window.
        expect(values.rowsTransferred).toBeLessThan(400);
    });

    it('percentiles are nearest rank on PostgreSQL too, where percentile_disc is not', async () => {
        const percentiles = corpus.find((a) => a.label === 'corpus/percentiles.sla')!;
        const remote = await evaluateOn(models.get(percentiles.label)!, percentiles.period, { warehouse: connection });
        const january = (kpi: string) => remote.objectives.find((o) => o.kpiKey === `S.${kpi}`)!.windows[0]!.value;
        const february = (kpi: string) => remote.objectives.find((o) => o.kpiKey === `S.${kpi}`)!.windows[1]!.value;
        // January holds 1…100: nearest rank k = ceil(0.07 × 100) = 7 → 7; k = ceil(0.999 × 100) = 100 → 100.
        expect(january('P7')).toBe(7);
        expect(january('P999')).toBe(100);
        // February: 1,000 values floor(i / 10) × 3: k = ceil(0.999 × 1000) = 999 → i = 998 → 99 × 3 = 297.
        expect(february('P999')).toBe(297);
        // The trap the compiler must avoid: PostgreSQL's own percentile_disc(0.07) over the same values says 8.
        const table = models.get(percentiles.label)!.datasets.values!.table!;
        const disc = await connection.query({ text: `SELECT percentile_disc(0.07) WITHIN GROUP (ORDER BY v) FROM sla_examples."${table.name}" WHERE "time" < '2026-02-01'`, params: [] });
        expect(disc.rows).toEqual([['8']]);
    });

    it('a number field in a text column gives the local report or a clear error, never other numbers', async () => {
        const sums = corpus.find((a) => a.label === 'corpus/decimal-sums.sla')!;
        const model = models.get(sums.label)!;
        const payments = model.datasets.payments!;
        await connection.query({ text: `CREATE TABLE sla_examples.payments_text AS SELECT "time", region, amount::text AS amount FROM sla_examples."${payments.table!.name}"`, params: [] });
        // The spelling of the file: 1e-2 compares below '1' as text only by accident of its first character.
        await connection.query({ text: "UPDATE sla_examples.payments_text SET amount = '1e-2' WHERE amount = '0.01'", params: [] });
        const changed = { ...model, datasets: { payments: { ...payments, table: { ...payments.table!, name: 'payments_text' } } } };
        let remote;
        try {
            remote = await evaluateOn(changed, sums.period, { warehouse: connection });
        } catch (error) {
            // The dataset and the kind of problem, in the user terms.
            expect(String(error)).toMatch(/dataset payments .*(type|amount)/);
            return;
        }
        expect(comparable(remote)).toEqual(comparable(await evaluateLocally(sums)));
    });

    it('the comparison notices a changed table: one row of the Acme incidents deleted gives another report', async () => {
        const acme = agreements.find((a) => a.label === 'managed-hosting/acme-hosting.sla')!;
        const model = models.get(acme.label)!;
        const incidents = model.datasets.incidents!;
        await connection.query({ text: `CREATE TABLE sla_examples.incidents_copy AS SELECT * FROM sla_examples."${incidents.table!.name}"`, params: [] });
        await connection.query({ text: 'DELETE FROM sla_examples.incidents_copy WHERE ctid = (SELECT min(ctid) FROM sla_examples.incidents_copy)', params: [] });
        const changed = { ...model, datasets: { ...model.datasets, incidents: { ...incidents, table: { ...incidents.table!, name: 'incidents_copy' } } } };
        const remote = await evaluateOn(changed, acme.period, { warehouse: connection });
        expect(comparable(remote)).not.toEqual(comparable(await evaluateLocally(acme)));
        // 10 incidents in the file (examples/expected-outcomes.json), 9 left in the table.
        expect(remote.datasets.find((d) => d.name === 'incidents')!.rows).toBe(9);
    });
});
