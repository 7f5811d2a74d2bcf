/**
 * Shared set-up of the push-down tests that compare one hand-written agreement on the local
 * engine and on SQL engines: an in-memory DuckDB and a throw-away PostgreSQL 15 (started once
 * per test file), the agreement written with its data files into a temporary folder, each
 * evaluation's data loaded into a fresh table (differential.ts rewrites the datasets to it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Report } from '../../packages/engine/src/report/report-types.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { openDuckDb } from '../../packages/engine/src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../packages/engine/src/sql/evaluate-with-engines.js';
import { startPostgres, type PostgresServer } from '../../packages/engine/test/sql-servers/postgres-server.js';
import { loadDuckDbTable, loadPostgresTable, type TableData } from '../../packages/engine/test/sql-servers/table-loader.js';
import { agreementsInFiles, evaluateOn, withTables, type ExampleAgreement } from './differential.js';

export interface SqlEngine {
    name: 'duckdb' | 'postgres';
    connection(): SqlConnection;
    load(table: string, data: TableData): Promise<void>;
}

/** DuckDB (in memory) and PostgreSQL 15, opened before the file's tests and closed after them. */
export function useDuckDbAndPostgres(): SqlEngine[] {
    let server: PostgresServer | undefined;
    let postgres: SqlConnection | undefined;
    let duckdb: SqlConnection | undefined;
    const dirs: string[] = [];
    beforeAll(async () => {
        duckdb = await openDuckDb();
        server = await startPostgres();
        postgres = await server.connect();
    }, 120_000);
    afterAll(async () => {
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
        await duckdb?.close();
        await postgres?.close();
        await server?.stop();
    });
    return [
        { name: 'duckdb', connection: () => duckdb!, load: (table, data) => loadDuckDbTable(duckdb!, table, data) },
        { name: 'postgres', connection: () => postgres!, load: (table, data) => loadPostgresTable(postgres!, table, data) }
    ];
}

/** The agreement of `sla` (the only one of the file) with its data files, written into a temporary folder. */
export async function writtenAgreement(sla: string, files: Record<string, string>, period: ExampleAgreement['period']): Promise<ExampleAgreement> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-pushdown-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'agreement.sla'), sla);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const [agreement] = await agreementsInFiles([path.join(dir, 'agreement.sla')], dir, () => period);
    return agreement!;
}

let tables = 0;
/** The agreement evaluated with every dataset in a new table of the engine (connection `warehouse`). */
export async function evaluateOnEngine(engine: SqlEngine, agreement: ExampleAgreement, options: { skipInvalid?: boolean } = {}): Promise<Report> {
    const table = `pushdown_${++tables}`;
    const models = await withTables([agreement], 'warehouse', (name, data) => engine.load(name, data), { tableName: () => table });
    if (options.skipInvalid === true) return evaluateWithEngines(models.get(agreement.label)!, { ...agreement.period, connections: { warehouse: engine.connection() }, skipInvalid: true });
    return evaluateOn(models.get(agreement.label)!, agreement.period, { warehouse: engine.connection() });
}

/** The windows of the objective of a KPI (`Service.Kpi`). */
export function windowsOf(report: Report, kpiKey: string): Report['objectives'][number]['windows'] {
    const objective = report.objectives.find((candidate) => candidate.kpiKey === kpiKey);
    if (objective === undefined) throw new Error(`no objective of ${kpiKey}`);
    return objective.windows;
}
