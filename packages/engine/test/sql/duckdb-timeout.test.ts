/**
 * A query on an engine has a time limit and can be cancelled: DuckDB interrupts the running
 * query; the error names the dataset and its declaration.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateWithEngines, type AgreementModel, type DatasetModel } from '../../src/index.js';
import { agreement, bin, count, field, MONTH, num, percentile, ref, tempDir } from '../evaluate/fixtures.js';

async function bigParquet(): Promise<string> {
    const file = join(tempDir(), 'requests.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT to_timestamp(1767225600 + i % 31536000)::TIMESTAMPTZ AS "time", (i * 7919) % 100000 AS latency, CASE WHEN i % 97 = 0 THEN 503 ELSE 200 END AS status FROM range(4000000) t(i)) TO '${file}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    return file;
}

function model(file: string): AgreementModel {
    const requests: DatasetModel = { name: 'requests', path: file, format: 'parquet', declaredAt: 'contract.sla:7', declaration: { file: '/p/contract.sla', line: 7, column: 5 }, fields: [field('time', 'timestamp'), field('latency', 'number'), field('status', 'integer')] };
    return agreement({
        datasets: { requests },
        kpis: [
            { key: 'P99', name: 'P99', unitKind: 'number', formula: percentile(99, 'requests', ref('requests', 'latency'), bin('<', ref('requests', 'status'), num(500))) },
            { key: 'N', name: 'N', unitKind: 'count', formula: count('requests') }
        ],
        objectives: [
            { kpi: 'P99', kpiName: 'P99', comparison: '<=', target: 99_000, unitKind: 'number', window: { kind: 'rolling', lengthMs: 86_400_000, label: '1 day' } },
            { kpi: 'N', kpiName: 'N', comparison: '>=', target: 1, unitKind: 'count', window: MONTH }
        ]
    });
}

describe('query time limit and cancellation (DuckDB)', () => {
    it('stops a query past its time limit with a message naming the dataset', async () => {
        const file = await bigParquet();
        const error = await evaluateWithEngines(model(file), { now: Date.parse('2027-01-02T00:00:00Z'), queryTimeoutMs: 1, pushDown: false }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/^dataset requests \(declared at contract\.sla:7\): .*time limit of 1 ms/);
        expect((error as { file?: string; line?: number }).line).toBe(7);
    }, 120_000);

    it('is cancelled by the signal', async () => {
        const file = await bigParquet();
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 5);
        const error = await evaluateWithEngines(model(file), { now: Date.parse('2027-01-02T00:00:00Z'), signal: controller.signal, pushDown: false }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(Error);
    }, 120_000);
});
