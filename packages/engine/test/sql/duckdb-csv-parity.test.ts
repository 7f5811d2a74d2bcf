/**
 * With `--engine duckdb` a CSV file gives the local reader's rows, or an error naming the file and
 * line and what to do (duckdb-csv-check.ts) — never other figures, never DuckDB's raw sniffer text.
 * Each file: `id,at,cost`, cost an optional number; the figures are worked by hand in the comments.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset, type DatasetSpec, type RowValue } from '../../src/data/index.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { duckDbError } from '../../src/sql/duckdb-error.js';
import { pullInto } from '../../src/sql/pulled-rows.js';
import { relationOf } from '../../src/sql/dataset-relation.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { field, tempDir } from '../evaluate/fixtures.js';

let duckdb: SqlConnection | undefined;
const dir = tempDir();

/** A file of the exact text `text` (line endings as given). */
function costs(fileName: string, text: string): DatasetSpec {
    const path = join(dir, fileName);
    writeFileSync(path, text);
    return { name: 'req', path, format: 'csv', fields: [field('id', 'text'), field('at', 'timestamp'), field('cost', 'number', true)] };
}

interface Read {
    ids: RowValue[];
    sum: number;
    rejected: number;
}

async function readLocally(spec: DatasetSpec, skipInvalid = false): Promise<Read> {
    const read: Read = { ids: [], sum: 0, rejected: 0 };
    const result = await scanDataset(spec, (row) => {
        read.ids.push(row[0]!);
        read.sum += typeof row[2] === 'number' ? row[2] : 0;
    }, { skipInvalid });
    read.rejected = result.rejected;
    return read;
}

/** As `sla evaluate --engine duckdb` reads it: the relation of relationOf (its check included), pulled. */
async function readThroughDuckDb(spec: DatasetSpec, skipInvalid = false): Promise<Read> {
    const read: Read = { ids: [], sum: 0, rejected: 0 };
    const result = await pullInto(duckdb!, relationOf(spec, 'duckdb')!, (row) => {
        read.ids.push(row[0]!);
        read.sum += typeof row[2] === 'number' ? row[2] : 0;
    }, { skipInvalid });
    read.rejected = result.rejected;
    return read;
}

function messageOf(read: () => unknown): string | undefined {
    try {
        read();
        return undefined;
    } catch (caught) {
        return (caught as Error).message;
    }
}

beforeAll(async () => {
    duckdb = await openDuckDb();
}, 60_000);

afterAll(async () => {
    await duckdb?.close();
});

describe('CSV records DuckDB read otherwise than the local reader', () => {
    it('refuses a closing quote followed by a space before the separator, with the local reader\'s words and line', async () => {
        const spec = costs('space-after-quote.csv', 'id,at,cost\nA1,2026-01-05T00:00:00Z,1.5\n"A2" ,2026-01-06T00:00:00Z,2\nA3,2026-01-07T00:00:00Z,1\n');
        // Local, --skip-invalid: line 3 rejected, 1.5 + 1 = 2.5 over 2 rows. DuckDB read "A2" and summed 1.5 + 2 + 1 = 4.5 over 3 rows.
        expect(await readLocally(spec, true)).toEqual({ ids: ['A1', 'A3'], sum: 2.5, rejected: 1 });
        const local = await readLocally(spec).then(() => '', (caught: unknown) => (caught as Error).message);
        expect(local).toBe(`${spec.path}:3: malformed CSV record: unexpected character after the closing quote of field 1`);
        const viaDuckDb = messageOf(() => relationOf(spec, 'duckdb'));
        expect(viaDuckDb).toBe(`${local} (DuckDB reads this record otherwise or refuses the file, so --engine duckdb cannot skip it): correct the file, or evaluate it with the built-in engine (without --engine duckdb)`);
    });

    it('refuses spaces before an opening quote, which the local reader keeps and DuckDB dropped', async () => {
        const spec = costs('space-before-quote.csv', 'id,at,cost\nA1,2026-01-05T00:00:00Z,1.5\nA2,2026-01-06T00:00:00Z, "2"\n');
        // Local: ` "2"` is no number, line 3 column 3 rejected (--skip-invalid: 1.5 over 1 row). DuckDB read 2: 1.5 + 2 = 3.5 over 2 rows.
        expect(await readLocally(spec, true)).toEqual({ ids: ['A1'], sum: 1.5, rejected: 1 });
        expect(messageOf(() => relationOf(spec, 'duckdb'))).toMatch(new RegExp(`^${escaped(spec.path)}:3:3: the value " \\\\"2\\\\"" has spaces before its opening quote: .*without --engine duckdb\\)$`));
    });
});

describe('CSV files DuckDB refused with its own words', () => {
    it('says where a record has more cells than the header', () => {
        const spec = costs('wide.csv', 'id,at,cost\nA1,2026-01-05T00:00:00Z,1,5\n');
        // Header 3 cells, line 2 has 4 (`1,5`: a decimal comma): column 4 is the first extra one.
        expect(messageOf(() => relationOf(spec, 'duckdb'))).toBe(`${spec.path}:2:4: the record has 4 fields, the header has 3: an unquoted comma inside a value (a decimal comma?) shifts the columns; quote such values or use a decimal point (DuckDB refuses the file, so --engine duckdb cannot skip the record)`);
    });

    it('says where the line endings change', () => {
        const spec = costs('mixed-endings.csv', 'id,at,cost\nA1,2026-01-05T00:00:00Z,1.5\r\nA2,2026-01-06T00:00:00Z,2\r\n');
        expect(messageOf(() => relationOf(spec, 'duckdb'))).toMatch(new RegExp(`^${escaped(spec.path)}:2: line 2 ends with CRLF, line 1 with LF: `));
    });

    it('says where a byte is not UTF-8, even in a column no field reads', async () => {
        const path = join(dir, 'latin1-note.csv');
        writeFileSync(path, Buffer.concat([Buffer.from('id,at,cost,note\nA1,2026-01-05T00:00:00Z,1.5,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
        const spec: DatasetSpec = { name: 'req', path, format: 'csv', fields: [field('id', 'text'), field('at', 'timestamp'), field('cost', 'number', true)] };
        // The local reader never reads `note`: 1 row, 1.5. DuckDB refused the file ("CSV Error on Line: 2 … Original Line: id,at,cost,note").
        expect(await readLocally(spec)).toEqual({ ids: ['A1'], sum: 1.5, rejected: 0 });
        expect(messageOf(() => relationOf(spec, 'duckdb'))).toMatch(new RegExp(`^${escaped(path)}:2:4: byte 0xe9 is not UTF-8 text`));
    });

    it('reads a quoted value with a line break, as the local reader does', async () => {
        const spec = costs('line-break.csv', 'id,at,cost\n"A\n1",2026-01-05T00:00:00Z,1.5\nA2,2026-01-06T00:00:00Z,\nA3,2026-01-07T00:00:00Z,1\n');
        // 3 rows; 1.5 + (empty) + 1 = 2.5. DuckDB's parallel reader refused it ("Parameter Not Allowed Error: … null_padding in conjunction with quoted new lines").
        const expected = { ids: ['A\n1', 'A2', 'A3'], sum: 2.5, rejected: 0 };
        expect(await readLocally(spec)).toEqual(expected);
        expect(await readThroughDuckDb(spec)).toEqual(expected);
    });

    it('puts a CSV error DuckDB still gives in the user\'s words', () => {
        const raw = new Error('Invalid Input Error: Error when sniffing file "/data/x.csv".\nIt was not possible to automatically detect the CSV parsing dialect\nPossible fixes:\n* Enable ignore errors (ignore_errors=true) to ignore potential errors\n\nLINE 1: DESCRIBE SELECT * FROM read_csv($1, …');
        const message = (duckDbError(raw, 'DuckDB (in memory)') as Error).message;
        expect(message).toBe("DuckDB's CSV reader cannot read the file with the options the built-in reader follows (RFC 4180, one kind of line ending, UTF-8): evaluate it with the built-in engine (without --engine duckdb), which names the line it cannot read, or correct the file");
    });
});

describe('CSV files both readers read alike', () => {
    it('reads CRLF files, quotes inside unquoted values and a quoted separator as before', async () => {
        const spec = costs('alike.csv', 'id,at,cost\r\nA"1,2026-01-05T00:00:00Z,1.5\r\n"A,2",2026-01-06T00:00:00Z,2\r\n  A3 ,2026-01-07T00:00:00Z,1\r\n');
        // 3 rows; 1.5 + 2 + 1 = 4.5; an unquoted value keeps its spaces (`  A3 `) in both readers.
        const expected = { ids: ['A"1', 'A,2', '  A3 '], sum: 4.5, rejected: 0 };
        expect(await readLocally(spec)).toEqual(expected);
        expect(relationOf(spec, 'duckdb')).toEqual({ kind: 'csv', dataset: spec });
        expect(await readThroughDuckDb(spec)).toEqual(expected);
    });

    it('leaves other DuckDB errors as they were', () => {
        const raw = new Error('Out of Memory Error: could not allocate block');
        expect(duckDbError(raw, 'DuckDB (in memory)')).toBe(raw);
    });
});

function escaped(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
