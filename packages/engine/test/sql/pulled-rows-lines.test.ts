/**
 * With `--engine duckdb` a rejected row of a CSV file is located as the local reader locates it: at
 * the physical line its record starts on and its column's number. DuckDB gives a row's position
 * among the records; a quoted value with line breaks made the two differ (formerly `tickets.csv:3:1`
 * for the local reader's `tickets.csv:5:3`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset, type DataError, type DatasetSpec } from '../../src/data/index.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { pullInto } from '../../src/sql/pulled-rows.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { field, tempDir } from '../evaluate/fixtures.js';

let duckdb: SqlConnection | undefined;
const dir = tempDir();

/** Tickets whose summaries hold line breaks; the priorities P7 and P9 are not declared. */
function tickets(): DatasetSpec {
    const path = join(dir, 'tickets.csv');
    writeFileSync(path, [
        'opened,summary,priority', // line 1
        '2026-03-02T10:00:00Z,"Printer broken', // record 0: lines 2–4
        'line two of the description',
        'line three",P1',
        '2026-03-03T10:00:00Z,VPN down,P7', // record 1: line 5
        '', // a blank line (skipped by both readers)
        '2026-03-04T10:00:00Z,"Mail slow', // record 2: lines 7–8
        'since Monday",P2',
        '2026-03-05T10:00:00Z,"Disk ""full""",P9' // record 3: line 9
    ].join('\n') + '\n');
    return { name: 'tickets', path, format: 'csv', fields: [field('opened', 'timestamp'), field('summary', 'text'), field('priority', 'enum', false, ['P1', 'P2', 'P3'])] };
}

/** The rejected rows' places and messages, or the error that stopped the read. */
const places = (errors: DataError[]) => errors.map((error) => ({ line: error.line, column: error.column, message: error.message }));

beforeAll(async () => {
    duckdb = await openDuckDb();
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('rows pulled from a CSV file through DuckDB', () => {
    it('are located at the physical line and column the local reader names', async () => {
        const spec = tickets();
        const pulled = await pullInto(duckdb!, { kind: 'csv', dataset: spec }, () => {}, { skipInvalid: true });
        const local = await scanDataset(spec, () => {}, { skipInvalid: true });
        // P7 starts on line 5 (the first record took lines 2–4), P9 on line 9 (a blank line 6, a record on lines 7–8); priority is column 3.
        expect(places(pulled.rejectedSamples).map(({ line, column }) => [line, column])).toEqual([[5, 3], [9, 3]]);
        expect(pulled.rejectedSamples[0]!.message).toBe(`${spec.path}:5:3: invalid value "P7" for field priority (enum) in column 3 (priority): expected one of "P1", "P2", "P3"`);
        expect(places(pulled.rejectedSamples)).toEqual(places(local.rejectedSamples));
        expect([pulled.rows, pulled.rejected]).toEqual([2, 2]);
    });

    it('are located in a file read in several pieces', async () => {
        // 30,000 records of 3 lines each (about 1.2 MB, more than the 1 MB the file is read in): record k on
        // lines 2 + 3k to 4 + 3k, so the invalid one after them starts on line 2 + 3 · 30,000 = 90,002.
        const path = join(dir, 'many.csv');
        const record = '2026-03-02T10:00:00Z,"Printer broken\nline two of the description\nline three",P1\n';
        writeFileSync(path, `opened,summary,priority\n${record.repeat(30_000)}2026-03-03T10:00:00Z,VPN down,P7\n`);
        const spec = { ...tickets(), path };
        const pulled = await pullInto(duckdb!, { kind: 'csv', dataset: spec }, () => {}, { skipInvalid: true });
        expect(places(pulled.rejectedSamples).map(({ line, column }) => [line, column])).toEqual([[90_002, 3]]);
    });

    it('stop at the first invalid row with the local reader\'s error', async () => {
        const spec = tickets();
        const pulled = await pullInto(duckdb!, { kind: 'csv', dataset: spec }, () => {}, { skipInvalid: false }).catch((error: DataError) => error);
        const local = await scanDataset(spec, () => {}, { skipInvalid: false }).catch((error: DataError) => error);
        expect(places([pulled as DataError])).toEqual(places([local as DataError]));
        expect((pulled as DataError).line).toBe(5);
    });
});
