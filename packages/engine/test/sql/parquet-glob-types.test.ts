/**
 * A glob of Parquet files is read by column name, numbers widened to a type that holds every
 * file's: DuckDB formerly read every file with the first file's column types, so a DECIMAL 2.50
 * of a later file became the first file's BIGINT 3 and 0.40 became 0 (€13.00 for €12.90). Types
 * that cannot be read as one without changing values (a naive TIMESTAMP after TIMESTAMP WITH TIME
 * ZONE, read as UTC) are refused, naming the files and types. Files written by DuckDB itself.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSpec } from '../../src/data/index.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { pullInto } from '../../src/sql/pulled-rows.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { field, tempDir } from '../evaluate/fixtures.js';

let duckdb: SqlConnection | undefined;
const dir = tempDir();

/** A folder of Parquet files, one per SELECT (`at`, `amount`), named 1.parquet, 2.parquet, … in order; the dataset reads the glob. */
async function billing(folder: string, selects: string[]): Promise<DatasetSpec> {
    mkdirSync(join(dir, folder));
    for (const [k, select] of selects.entries()) {
        await duckdb!.query({ text: `COPY (${select}) TO '${join(dir, folder, `${k + 1}.parquet`)}' (FORMAT parquet)`, params: [] });
    }
    return { name: 'billing', path: join(dir, folder, '*.parquet'), format: 'parquet', fields: [field('at', 'timestamp'), field('amount', 'number')] };
}

/** The amounts read, in file order. */
async function amounts(spec: DatasetSpec): Promise<number[]> {
    const read: number[] = [];
    await pullInto(duckdb!, { kind: 'parquet', dataset: spec }, (row) => read.push(row[1] as number), { skipInvalid: false });
    return read;
}

const at = (day: string, type = 'TIMESTAMPTZ') => `'2026-01-${day} 12:00:00${type === 'TIMESTAMPTZ' ? '+00' : ''}'::${type} AS at`;

beforeAll(async () => {
    duckdb = await openDuckDb();
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('a glob of Parquet files whose column types differ', () => {
    it('reads DECIMAL amounts after a file of BIGINT ones exactly', async () => {
        const spec = await billing('decimal-after-bigint', [`SELECT ${at('05')}, 10::BIGINT AS amount`, `SELECT ${at('06')}, 2.50::DECIMAL(10,2) AS amount UNION ALL SELECT ${at('07')}, 0.40::DECIMAL(10,2)`]);
        const read = await amounts(spec);
        // 10 + 2.50 + 0.40 = 12.90 (formerly 10 + 3 + 0 = 13)
        expect(read).toEqual([10, 2.5, 0.4]);
        expect(read.reduce((sum, amount) => sum + amount, 0)).toBeCloseTo(12.9, 10);
    });

    it('reads a DOUBLE after a BIGINT, and three decimals after two, exactly', async () => {
        // 2.5 (formerly 2)
        expect(await amounts(await billing('double-after-bigint', [`SELECT ${at('05')}, 10::BIGINT AS amount`, `SELECT ${at('06')}, 2.5::DOUBLE AS amount`]))).toEqual([10, 2.5]);
        // 0.125 (formerly 0.13)
        expect(await amounts(await billing('scale-3-after-2', [`SELECT ${at('05')}, 1.25::DECIMAL(10,2) AS amount`, `SELECT ${at('06')}, 0.125::DECIMAL(10,3) AS amount`]))).toEqual([1.25, 0.125]);
    });

    it('refuses a naive TIMESTAMP after a TIMESTAMP WITH TIME ZONE, naming the files and types', async () => {
        const spec = await billing('naive-after-zoned', [`SELECT ${at('05')}, 1 AS amount`, `SELECT ${at('06', 'TIMESTAMP')}, 2 AS amount`]);
        const error = await amounts(spec).then(() => undefined, (caught: unknown) => caught as Error);
        expect(error?.message).toContain(`column "at" has different types in the files of ${spec.path} (TIMESTAMP WITH TIME ZONE in ${join(dir, 'naive-after-zoned', '1.parquet')}, TIMESTAMP in ${join(dir, 'naive-after-zoned', '2.parquet')})`);
    });

    it('reads files of one type, and integers of different widths, as before', async () => {
        expect(await amounts(await billing('same-types', [`SELECT ${at('05')}, 1.5::DOUBLE AS amount`, `SELECT ${at('06')}, 2.25::DOUBLE AS amount`]))).toEqual([1.5, 2.25]);
        expect(await amounts(await billing('int-widths', [`SELECT ${at('05')}, 7::INTEGER AS amount`, `SELECT ${at('06')}, 8::BIGINT AS amount`]))).toEqual([7, 8]);
    });
});
