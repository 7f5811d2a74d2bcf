/**
 * With `--engine duckdb` a CSV file is read as the local reader reads it, whatever DuckDB's sniffer
 * would guess. Given a record of fewer cells, the sniffer took `#` for a comment character and
 * dropped every row whose first cell starts with it: 2 rows and €2.50 instead of 4 rows and €9.50.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset, type DatasetSpec, type RowValue } from '../../src/data/index.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { pullInto } from '../../src/sql/pulled-rows.js';
import { relationOf } from '../../src/sql/dataset-relation.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { field, tempDir } from '../evaluate/fixtures.js';

let duckdb: SqlConnection | undefined;
const dir = tempDir();

function costs(fileName: string, lines: string[]): DatasetSpec {
    const path = join(dir, fileName);
    writeFileSync(path, lines.join('\n') + '\n');
    return { name: 'req', path, format: 'csv', fields: [field('id', 'text'), field('at', 'timestamp'), field('cost', 'number', true)] };
}

/** The ids and the sum of the costs of the rows a reader hands on. */
async function readThroughDuckDb(spec: DatasetSpec): Promise<{ ids: RowValue[]; sum: number }> {
    const ids: RowValue[] = [];
    let sum = 0;
    await pullInto(duckdb!, { kind: 'csv', dataset: spec }, (row) => {
        ids.push(row[0]!);
        sum += typeof row[2] === 'number' ? row[2] : 0;
    }, { skipInvalid: false });
    return { ids, sum };
}

async function readLocally(spec: DatasetSpec): Promise<{ ids: RowValue[]; sum: number }> {
    const ids: RowValue[] = [];
    let sum = 0;
    await scanDataset(spec, (row) => {
        ids.push(row[0]!);
        sum += typeof row[2] === 'number' ? row[2] : 0;
    }, { skipInvalid: false });
    return { ids, sum };
}

beforeAll(async () => {
    duckdb = await openDuckDb();
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('a CSV file read through DuckDB', () => {
    it('keeps rows whose first cell starts with # when a record has fewer cells', async () => {
        const spec = costs('hash.csv', [
            'id,at,cost',
            'A1,2026-01-05T00:00:00Z,1.5',
            '#2,2026-01-06T00:00:00Z', // fewer cells: the optional cost reads as empty
            'A3,2026-01-07T00:00:00Z,1',
            '#4,2026-01-08T00:00:00Z,7'
        ]);
        // 4 rows; 1.5 + (empty) + 1 + 7 = 9.5 (formerly A1 and A3 only: 1.5 + 1 = 2.5).
        const expected = { ids: ['A1', '#2', 'A3', '#4'], sum: 9.5 };
        expect(await readLocally(spec)).toEqual(expected);
        expect(await readThroughDuckDb(spec)).toEqual(expected);
    });

    it('reads a file of full records as before', async () => {
        const spec = costs('plain.csv', ['id,at,cost', 'A1,2026-01-05T00:00:00Z,1.5', '#2,2026-01-06T00:00:00Z,2', 'A3,2026-01-07T00:00:00Z,1']);
        // 1.5 + 2 + 1 = 4.5
        const expected = { ids: ['A1', '#2', 'A3'], sum: 4.5 };
        expect(await readLocally(spec)).toEqual(expected);
        expect(await readThroughDuckDb(spec)).toEqual(expected);
    });
});

describe('a CSV file whose header names a declared column twice', () => {
    it('is refused before DuckDB reads it, as the local reader refuses it', async () => {
        const spec = costs('twice.csv', ['id,note,at,cost,id', 'A1,n,2026-01-05T00:00:00Z,1.5,B1']);
        const local = await readLocally(spec).then(() => undefined, (caught: unknown) => (caught as Error).message);
        const viaDuckDb = (() => {
            try {
                relationOf(spec, 'duckdb');
                return undefined;
            } catch (caught) {
                return (caught as Error).message;
            }
        })();
        // `id` is column 1 and again column 5.
        expect(viaDuckDb).toBe(`${spec.path}:1:5: the header names column "id" twice (columns 1 and 5): rename one of them`);
        expect(viaDuckDb).toBe(local);
    });
});
