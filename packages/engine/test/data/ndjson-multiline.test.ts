/**
 * NDJSON written as pretty-printed objects (`jq '.[]'` without -c) is said to be so: not as
 * "invalid JSON" at the first line, and not as one rejected record per line with --skip-invalid.
 */
import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from '../../src/data/json-shape.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const fields = [field('time', 'timestamp'), field('status', 'integer')];
const PRETTY = "the records of the file are written over several lines (pretty-printed JSON, as jq '.[]' writes), and NDJSON holds each record on one line: write one record per line (e.g. jq -c '.[]' export.json > records.ndjson)";
const shape = (text: string) => jsonShapeProblem(Buffer.from(text), 0, Buffer.byteLength(text), 'ndjson')?.problem;

describe('pretty-printed NDJSON', () => {
    it("jq '.[]' output is refused once for the file, with --skip-invalid too", async () => {
        // 2 records of 4 lines each: formerly "all 8 records were rejected".
        const text = '{\n  "time": "2026-03-01T10:00:00Z",\n  "status": 200\n}\n{\n  "time": "2026-03-02T10:00:00Z",\n  "status": 503\n}\n';
        const path = file('calls.ndjson', text);
        const error = await rejection(scan(path, fields, { skipInvalid: true }));
        expect(error.message).toBe(`${path}:1: ${PRETTY}`);
        expect(error.skippable).toBe(false);
    });

    it('a first record that does not close on its line while the next lines complete it is the same', () => {
        expect(shape('{"time": "2026-03-01T10:00:00Z",\n "status": 200}\n')).toBe(PRETTY);
        expect(shape('\n  {  \n"time": "2026-03-01T10:00:00Z"}\n')).toBe(PRETTY);
    });

    it('says nothing of one record per line, nor of a broken first line the next lines do not complete', () => {
        expect(shape('{"time": "2026-03-01T10:00:00Z", "status": 200}\n{"time": "2026-03-02T10:00:00Z", "status": 503}\n')).toBeUndefined();
        expect(shape('{"time": "2026-03-01T10:00:00Z",\n{"time": "2026-03-02T10:00:00Z", "status": 503}\n')).toBeUndefined();
        expect(shape('{"time": "2026-03-01T10:00:00Z", "status": 200}')).toBeUndefined();
    });

    it('a later record over several lines is one invalid record, and the records after it are read', async () => {
        const text = [
            '{"time": "2026-03-01T10:00:00Z", "status": 200}',
            '{"time": "2026-03-02T10:00:00Z",',
            ' "status": 503',
            '}',
            '{"time": "2026-03-03T10:00:00Z", "status": 200}'
        ].join('\n');
        const path = file('mixed.ndjson', text);
        const { rows, rejected, samples } = await scan(path, fields, { skipInvalid: true });
        // lines 1 and 5 are records; lines 2–4 are one record, rejected once (not 3 times)
        expect(rows.map((row) => row.line)).toEqual([1, 5]);
        expect(rejected).toBe(1);
        expect(samples[0]!.message).toBe(`${path}:2:1: the record continues over lines 2–4 (pretty-printed JSON), and NDJSON holds each record on one line: write it on one line (e.g. jq -c)`);
        // A broken line the next lines do not complete stays one invalid line.
        const broken = file('broken.ndjson', '{"time": "2026-03-01T10:00:00Z", "status": 200}\n{"time": "2026-03-02T10:00:00Z",\n{"time": "2026-03-03T10:00:00Z", "status": 200}\n');
        const read = await scan(broken, fields, { skipInvalid: true });
        expect(read.rows.map((row) => row.line)).toEqual([1, 3]);
        expect(read.samples.map((error) => error.line)).toEqual([2]);
    });

    it('a record over several lines is found across chunk boundaries', async () => {
        const records = Array.from({ length: 50 }, (_, k) => `{"time": "2026-03-01T10:00:00Z", "status": ${200 + k}}`);
        const text = `${records.join('\n')}\n{"time": "2026-03-02T10:00:00Z",\n "status": 503}\n${records.join('\n')}\n`;
        const { rows, samples } = await scan(file('chunks.ndjson', text), fields, { skipInvalid: true, readChunkBytes: 64 });
        // 50 records, then the record of lines 51–52, then 50 more on lines 53–102
        expect(rows).toHaveLength(100);
        expect(samples.map((error) => error.line)).toEqual([51]);
        expect(rows[50]!.line).toBe(53);
    });
});
