/**
 * Every bundled example, evaluated by the local engine from its files and on a real PostgreSQL 15
 * with every dataset in a table: the same JSON report (differential.ts says what is set aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadPostgresTable } from '../../packages/engine/test/sql-servers/table-loader.js';
import { comparable, evaluateLocally, evaluateOn, exampleAgreements, withTables } from './differential.js';

const agreements = await exampleAgreements();
let server: PostgresServer;
let connection: SqlConnection;
let models: Map<string, AgreementModel>;

beforeAll(async () => {
    server = await startPostgres();
    connection = await server.connect();
    // A schema, so the compiler's schema-qualified names are exercised too.
    models = await withTables(agreements, 'warehouse', (table, data) => loadPostgresTable(connection, table, data, 'sla_examples'), { schema: 'sla_examples' });
}, 120_000);

afterAll(async () => {
    await connection?.close();
    await server?.stop();
});

describe('examples on PostgreSQL 15 give the local report', () => {
    it('finds the examples', () => {
        // 7 example folders plus 6 public SLAs; provider-library has two client agreements.
        expect(agreements.length).toBeGreaterThanOrEqual(12);
    });

    for (const agreement of agreements) {
        for (const mode of ['pushed down', 'pulled'] as const) {
            it(`${agreement.label} (${mode})`, async () => {
                const local = await evaluateLocally(agreement);
                const remote = await evaluateOn(models.get(agreement.label)!, agreement.period, { warehouse: connection }, mode === 'pushed down');
                expect(comparable(remote)).toEqual(comparable(local));
                // Every dataset was read on the server, none from a file.
                expect(remote.engines?.datasets.map((d) => d.name).sort()).toEqual(Object.keys(agreement.model.datasets).sort());
                expect(remote.engines?.datasets.every((d) => d.engine === 'postgres' && d.queries > 0)).toBe(true);
                if (mode === 'pulled') expect(remote.engines?.datasets.every((d) => d.mode === 'pulled')).toBe(true);
            });
        }
    }

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
