import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from '../../src/data/json-shape.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const fields = [field('time', 'timestamp'), field('latency', 'duration', { column: 'latency_ms' })];
const record = (day: number) => `{"time": "2026-03-0${day}T10:00:00Z", "latency_ms": ${day}}`;
const shape = (text: string, format: 'json' | 'ndjson') => jsonShapeProblem(Buffer.from(text), 0, Buffer.byteLength(text), format)?.problem;

describe('the JSON formats mixed up, and records wrapped in an object', () => {
    it('one object per line in a .json file is refused as NDJSON, saying how to declare it', async () => {
        const path = file('lines.json', `${record(1)}\n${record(2)}\n`);
        const err = await rejection(scan(path, fields));
        expect(err.message).toBe(`${path}:1:1: the file holds one JSON object per line (NDJSON), not an array of objects: declare \`format ndjson\` in the dataset, or name the file .ndjson`);
        // Declared as what it is, it is read.
        const { rows } = await scan(file('lines-declared.json', `${record(1)}\n${record(2)}\n`), fields, { format: 'ndjson' });
        expect(rows.map((r) => r.values)).toEqual([[Date.UTC(2026, 2, 1, 10), 1], [Date.UTC(2026, 2, 2, 10), 2]]);
    });

    it('a JSON array in a .ndjson file is refused once for the file, not line by line (not with --skip-invalid either)', async () => {
        for (const text of [`[\n  ${record(1)},\n  ${record(2)}\n]\n`, `[${record(1)}, ${record(2)}]`, `\n\n  [${record(1)}]`]) {
            const path = file('array.ndjson', text);
            const err = await rejection(scan(path, fields, { skipInvalid: true }));
            expect(err.message).toBe(`${path}:1: the file is one JSON array (it starts with "["), not one JSON object per line: declare \`format json\` in the dataset, or name the file .json`);
        }
        const { rows } = await scan(file('array-declared.ndjson', `[\n  ${record(1)},\n  ${record(2)}\n]\n`), fields, { format: 'json' });
        expect(rows).toHaveLength(2);
    });

    it("a REST export's object whose key holds the records is named, with the way to take the array out", async () => {
        const path = file('servicenow.json', `{\n  "result": [\n    ${record(1)}\n  ]\n}\n`);
        const err = await rejection(scan(path, fields));
        expect(err.message).toBe(`${path}:1:1: the file is one JSON object whose key "result" holds an array (as REST exports write), and a JSON dataset is an array of records: save that array alone (e.g. jq '.result' export.json > records.json)`);
        // A key that is not a plain word is not quoted (the file may be no data file at all), nor given to jq.
        expect(shape(`{"the records": [${record(1)}]}`, 'json')).toBe('the file is one JSON object whose first key holds an array (as REST exports write), and a JSON dataset is an array of records: save that array alone');
        expect(shape(`{"AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY": []}`, 'json')).not.toContain('AKIA');
        // A key holding an array of something else is no wrapper of records (an object on one line reads as NDJSON).
        expect(shape('{"servers": ["a", "b"]}', 'json')).toMatch(/^the file holds one JSON object per line/);
        expect(shape('{\n  "servers": ["a", "b"]\n}', 'json')).toBeUndefined();
    });

    it('says nothing of files of the right shape, and keeps the former message for other starts', async () => {
        expect(shape(`[${record(1)}]`, 'json')).toBeUndefined();
        expect(shape(`  \n[${record(1)}]`, 'json')).toBeUndefined();
        expect(shape(`${record(1)}\n`, 'ndjson')).toBeUndefined();
        expect(shape('', 'json')).toBeUndefined();
        // `[default]` opens a credentials or INI file, not a JSON array: not taken for one (hostile.test.ts).
        expect(shape('[default]\naws_access_key_id = x\n', 'ndjson')).toBeUndefined();
        expect(shape('[]', 'ndjson')).toBe('the file is one JSON array (it starts with "["), not one JSON object per line: declare `format json` in the dataset, or name the file .json');
        // An object that is neither a wrapper nor a line of its own (a record over several lines): no guess.
        expect(shape(`{\n  "time": "2026-03-01T10:00:00Z"\n}`, 'json')).toBeUndefined();
        const path = file('number.json', '42\n');
        const err = await rejection(scan(path, fields));
        expect(err.message).toBe(`${path}:1:1: expected a JSON array of objects ("[ {...}, {...} ]")`);
    });
});
