import { describe, expect, it } from 'vitest';
import { formatRowLocation, scanDataset } from '../../src/data/index.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

const fields = [
    field('time', 'timestamp'),
    field('service', 'enum', { enumValues: ['shop', 'api'] }),
    field('latency', 'duration', { column: 'latency_s', durationUnitMs: 1000 }),
    field('ok', 'boolean'),
    field('note', 'text', { optional: true })
];

describe('NDJSON', () => {
    it('reads one object per line, skipping blank lines; rows are numbered by line', async () => {
        const path = file(
            'a.ndjson',
            [
                '{"time":"2026-03-01T10:00:00Z","service":"shop","latency_s":0.25,"ok":true,"note":"first"}',
                '',
                '{"time":"2026-03-01 11:00","service":"api","latency_s":"1.5","ok":"no"}',
                '{"time":"2026-03-01T12:00:00+01:00","service":"api","latency_s":2,"ok":0,"note":null}'
            ].join('\n')
        );
        const { rows } = await scan(path, fields, { timezone: 'Europe/Berlin' });
        expect(rows).toEqual([
            { values: [utc(2026, 3, 1, 10), 'shop', 250, true, 'first'], line: 1 },
            // naive 11:00 in Berlin (CET) = 10:00Z; "1.5" s = 1500 ms; a missing optional key → null
            { values: [utc(2026, 3, 1, 10), 'api', 1500, false, null], line: 3 },
            { values: [utc(2026, 3, 1, 11), 'api', 2000, false, null], line: 4 }
        ]);
    });

    it('invalid JSON and invalid values are located by line; skipInvalid counts them', async () => {
        const path = file(
            'b.ndjson',
            [
                '{"time":"2026-03-01T10:00:00Z","service":"shop","latency_s":1,"ok":true}',
                '{"time":"2026-03-01T10:00:00Z",',
                '{"time":"2026-03-01T10:00:00Z","service":"web","latency_s":1,"ok":true}',
                '[1,2]',
                '{"service":"shop","latency_s":1,"ok":true}'
            ].join('\n') + '\n'
        );
        const { rows, rejected, samples } = await scan(path, fields, { skipInvalid: true });
        expect(rows.length).toBe(1);
        expect(rejected).toBe(4);
        expect(samples.map((e) => e.line)).toEqual([2, 3, 4, 5]);
        // line 2 is `{"time":"2026-03-01T10:00:00Z",`: 1 + 6 + 1 + 22 + 1 = 31 bytes, so it ends (where a key was expected) at column 32
        expect(samples[0]!.message).toMatch(/b\.ndjson:2:32: invalid JSON: expected a key in double quotes, found the end of the record$/);
        expect(samples[1]!.message).toMatch(/b\.ndjson:3:1: invalid value "web" for field service \(enum\) at key "service": expected one of "shop", "api"/);
        expect(samples[2]!.message).toMatch(/expected a JSON object, found an array/);
        expect(samples[3]!.message).toMatch(/b\.ndjson:5:1: missing key "time" for required field time \(timestamp\)/);
        const first = await rejection(scan(path, fields));
        expect(first.line).toBe(2);
    });


    it('a missing key names where the field is declared in the agreement, when the model says', async () => {
        const path = file('declared.ndjson', '{"service":"shop","latency_s":1,"ok":true}\n');
        const declared = [{ ...fields[0]!, declaredAt: 'desk.sla:7' }, ...fields.slice(1)];
        const error = await rejection(scan(path, declared));
        expect(error.message).toMatch(/declared\.ndjson:1:1: missing key "time" for required field time \(timestamp, declared at desk\.sla:7\)/);
    });

    it('streams a large file across chunk boundaries, with CRLF line ends', async () => {
        // 60,000 lines of ~80 bytes (~4.8 MB): more than one 4 MB chunk
        const lines: string[] = [];
        for (let i = 0; i < 60_000; i++) lines.push(`{"time":"2026-03-01T10:00:00Z","service":"api","latency_s":${i % 10},"ok":true}`);
        const { rows } = await scan(file('big.ndjson', lines.join('\r\n')), fields);
        expect(rows.length).toBe(60_000);
        // each of 0..9 s appears 6,000 times: 6,000 × 45 s = 270,000 s = 270,000,000 ms
        expect(rows.reduce((sum, r) => sum + (r.values[2] as number), 0)).toBe(270_000_000);
        expect(rows[59_999]!.line).toBe(60_000);
    });
});

describe('JSON array', () => {
    it('reads the elements as rows, located by the line where each starts', async () => {
        const path = file(
            'c.json',
            `[
  {"time": "2026-03-01T10:00:00Z", "service": "shop", "latency_s": 0.5, "ok": "YES", "note": "a \\"quoted\\" ] }, note"},
  {"time": "2026-03-01T10:01:00Z", "service": "api", "latency_s": 1, "ok": false,
   "nested": {"list": [1, {"x": "]"}]}}
]
`
        );
        const { rows } = await scan(path, fields);
        expect(rows).toEqual([
            { values: [utc(2026, 3, 1, 10), 'shop', 500, true, 'a "quoted" ] }, note'], line: 2 },
            { values: [utc(2026, 3, 1, 10, 1), 'api', 1000, false, null], line: 3 }
        ]);
    });

    it('locates an invalid value by the line and column where its element starts, with its index in the message', async () => {
        const path = file('d.json', '[\n{"time":"2026-03-01T10:00:00Z","service":"shop","latency_s":1,"ok":true},\n{"time":"yesterday","service":"shop","latency_s":1,"ok":true}\n]');
        const err = await rejection(scan(path, fields));
        // element 1 starts at the beginning of line 3
        expect(err.line).toBe(3);
        expect(err.column).toBe(1);
        expect(err.locator).toBe('line');
        expect(err.value).toBe('yesterday');
        expect(err.message).toMatch(/d\.json:3:1: element 1: invalid value "yesterday" for field time \(timestamp\) at key "time": expected an ISO-8601 timestamp/);
        expect(formatRowLocation(path, 1, 'element')).toMatch(/d\.json element 1$/);
    });

    it('an empty array has no rows; a non-array or an unclosed array is an error', async () => {
        expect((await scan(file('e.json', ' [ ] '), fields)).rows).toEqual([]);
        expect((await rejection(scan(file('f.json', '"a"'), fields))).message).toMatch(/expected a JSON array of objects/);
        // An object (of one line) is taken for NDJSON (json-shape.test.ts).
        expect((await rejection(scan(file('f.json', '{"a":1}'), fields))).message).toMatch(/one JSON object per line \(NDJSON\)/);
        const a = [field('a', 'integer')];
        // Located at the character where the array goes wrong: the end of the 9 bytes `[{"a":1},` is column 10.
        expect((await rejection(scan(file('g.json', '[{"a":1},'), a))).message).toMatch(/g\.json:1:10: the JSON array is not closed/);
        expect((await rejection(scan(file('h.json', '[{"a":1},\n]'), a))).message).toMatch(/h\.json:2:1: a "," before "]" leaves element 1 empty: remove that ","/);
        // `[{"a":1}] x`: the x is the 11th byte
        expect((await rejection(scan(file('i.json', '[{"a":1}] x'), a))).message).toMatch(/i\.json:1:11: unexpected content after the end/);
    });

    it('streams a large array across chunk boundaries', async () => {
        // 60,000 elements of ~90 bytes (~5.4 MB): more than one 4 MB chunk
        const parts: string[] = [];
        for (let i = 0; i < 60_000; i++) parts.push(`{"time":"2026-03-01T10:00:00Z","service":"shop","latency_s":${i % 10},"ok":true,"note":"n${i}"}`);
        const path = file('big.json', `[${parts.join(',\n')}]`);
        let count = 0;
        let sum = 0;
        await scanDataset({ name: 'big', path, format: 'json', fields }, (row) => {
            count++;
            sum += row[2] as number;
        }, { skipInvalid: false });
        expect(count).toBe(60_000);
        // each of 0..9 s appears 6,000 times: 6,000 × 45 s = 270,000 s = 270,000,000 ms
        expect(sum).toBe(270_000_000);
    });
});
