/**
 * CSV files written in another dialect than RFC 4180's commas and decimal points, as the
 * dataset declares it: `separator ";"` (or a tab, a bar) and `decimal ","` (numbers written
 * 1,5). Expected values are written out by hand from the file contents.
 */
import { describe, expect, it } from 'vitest';
import { firstRecordOfPrefix, columnsOfPrefix, headerMismatchReason } from '../../src/data/index.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const utc = (y: number, m: number, d: number, h = 0, mi = 0) => Date.UTC(y, m - 1, d, h, mi);

describe('separator', () => {
    it('reads semicolon-separated records, a quoted semicolon and a comma as text', async () => {
        const path = file('semicolons.csv', 'time;service;note\n2026-03-01T10:00:00Z;api;"a; b"\n2026-03-01T11:00:00Z;web;x, y\n');
        const { rows } = await scan(path, [field('time', 'timestamp'), field('service', 'text'), field('note', 'text')], { separator: ';' });
        expect(rows).toEqual([
            { values: [utc(2026, 3, 1, 10), 'api', 'a; b'], line: 2 },
            { values: [utc(2026, 3, 1, 11), 'web', 'x, y'], line: 3 }
        ]);
    });

    it('reads tabs and bars', async () => {
        const fields = [field('service', 'text'), field('status', 'integer')];
        const tabs = await scan(file('tabs.csv', 'service\tstatus\napi\t200\nweb\t503\n'), fields, { separator: '\t' });
        expect(tabs.rows.map((r) => r.values)).toEqual([['api', 200], ['web', 503]]);
        const bars = await scan(file('bars.csv', 'service|status\r\napi|200\r\n"w|b"|503\r\n'), fields, { separator: '|' });
        expect(bars.rows.map((r) => r.values)).toEqual([['api', 200], ['w|b', 503]]);
    });

    it('reads a comma-separated file as one column when the dataset declares semicolons, and says so', async () => {
        const err = await rejection(scan(file('commas.csv', 'time,service\n2026-03-01T10:00:00Z,api\n'), [field('time', 'timestamp'), field('service', 'text')], { separator: ';' }));
        expect(err.message).toContain('the file seems to separate its columns with commas, and the dataset declares separator ";": remove the separator line from the dataset');
    });

    it('names the declaration that reads a semicolon file declared with commas', async () => {
        const err = await rejection(scan(file('excel.csv', 'time;latency_ms\n2026-03-01T10:00:00Z;5\n'), [field('time', 'timestamp')]));
        expect(err.message).toContain('the file seems to separate its columns with semicolons (";"), and CSV columns are separated by commas: declare separator ";" in the dataset (and decimal "," if its numbers are written 1,5), or export the file with commas');
        const tabs = await rejection(scan(file('tabbed.csv', 'time\tlatency_ms\n2026-03-01T10:00:00Z\t5\n'), [field('time', 'timestamp')]));
        expect(tabs.message).toContain('declare separator "\\t" in the dataset, or export the file with commas');
    });

    it('says which separator shifted the columns of a record with more cells than the header', async () => {
        const path = file('shifted.csv', 'service;status\napi;200\nweb;50;3\n');
        const { rows, invalid } = await scan(path, [field('service', 'text'), field('status', 'integer')], { separator: ';', skipInvalid: true });
        expect(rows.map((r) => r.values)).toEqual([['api', 200]]);
        expect(invalid.map((e) => e.message)).toEqual([expect.stringContaining('shifted.csv:3:3: the record has 3 fields, the header has 2: an unquoted ";" inside a value shifts the columns; quote such values')]);
    });

    it('reads the header and first record from a file start with the declared separator (the editor checks)', () => {
        const bytes = Buffer.from('time;service\n2026-03-01T10:00:00Z;api\n');
        expect(columnsOfPrefix(bytes, 'csv', true, ';')).toEqual(['time', 'service']);
        expect(columnsOfPrefix(bytes, 'csv', true)).toEqual(['time;service']);
        expect(firstRecordOfPrefix(bytes, 'csv', true, ';')).toEqual({ time: '2026-03-01T10:00:00Z', service: 'api' });
        expect(headerMismatchReason(bytes, ['time;service'], ['time'], true)).toContain('declare separator ";"');
        expect(headerMismatchReason(bytes, ['time', 'service'], ['time'], true, ';')).toBeUndefined();
    });
});

describe('decimal comma', () => {
    const fields = [field('cost', 'number'), field('share', 'percent'), field('latency', 'duration', { durationUnitMs: 1000 }), field('count', 'integer')];

    it('reads numbers, percentages, durations and integers written with a decimal comma', async () => {
        const path = file('comma-decimals.csv', 'cost;share;latency;count\n1,5;99,5%;0,25;3\n-0,125;100;1,5 minutes;0\n12;0,5;2;17\n');
        const { rows } = await scan(path, fields, { separator: ';', decimalComma: true });
        expect(rows.map((r) => r.values)).toEqual([
            [1.5, 0.995, 250, 3],
            [-0.125, 1, 90_000, 0],
            [12, 0.005, 2000, 17]
        ]);
    });

    it('reads quoted decimal commas in a comma-separated file', async () => {
        const { rows } = await scan(file('quoted-decimals.csv', 'cost,count\n"1,5",2\n"0,05","3"\n'), [field('cost', 'number'), field('count', 'integer')], { decimalComma: true });
        expect(rows.map((r) => r.values)).toEqual([[1.5, 2], [0.05, 3]]);
    });

    it('refuses a point rather than guess whether it separates thousands, and keeps the cell as written in the message', async () => {
        const path = file('points.csv', 'cost;share;latency;count\n1.234;5;1;1\n1,5;5;1;1\n2;5;1.5;1\n3;5;1;1,5\n');
        const { rows, invalid } = await scan(path, fields, { separator: ';', decimalComma: true, skipInvalid: true });
        expect(rows.map((r) => r.values)).toEqual([[1.5, 0.05, 1000, 1]]);
        expect(invalid.map((e) => e.line)).toEqual([2, 4, 5]);
        expect(invalid[0]!.message).toContain('invalid value "1.234" for field cost');
        expect(invalid[0]!.message).toContain('the dataset declares decimal ",", and this number has a point');
        // An integer with a decimal comma is a fraction, not an integer.
        expect(invalid[2]!.message).toContain('invalid value "1,5" for field count');
        expect(invalid[2]!.message).toContain('expected an integer');
    });

    it('reads timestamps and texts as they are', async () => {
        const path = file('mixed.csv', 'time;note;cost\n2026-03-01T10:00:00,5Z;a,b;7,25\n');
        const { rows } = await scan(path, [field('time', 'timestamp'), field('note', 'text'), field('cost', 'number')], { separator: ';', decimalComma: true });
        expect(rows.map((r) => r.values)).toEqual([[utc(2026, 3, 1, 10) + 500, 'a,b', 7.25]]);
    });

    it('without decimal "," a decimal comma stays invalid, and the message says what to declare (CSV only)', async () => {
        const fields = [field('cost', 'number'), field('share', 'percent'), field('count', 'integer')];
        const { invalid } = await scan(file('undeclared.csv', 'cost;share;count\n1,5;5;2\n1;99,5 %;2\n1;5;x\n'), fields, { separator: ';', skipInvalid: true });
        expect(invalid.map((e) => e.message)).toEqual([
            expect.stringContaining('invalid value "1,5" for field cost (number) in column 1 (cost): expected a number; the number is written with a decimal comma: declare decimal "," in the dataset'),
            expect.stringContaining('invalid value "99,5 %" for field share (percent) in column 2 (share): expected a percentage such as 99.5 or 99.5%; the number is written with a decimal comma: declare decimal ","'),
            expect.stringMatching(/invalid value "x" for field count \(integer\) in column 3 \(count\): expected an integer$/)
        ]);
        // A quoted one in a comma-separated file too.
        const quoted = await scan(file('quoted.csv', 'cost\n"0,25"\n'), [field('cost', 'number')], { skipInvalid: true });
        expect(quoted.invalid[0]!.message).toContain('declare decimal "," in the dataset');
        // JSON has its own numbers: no CSV declaration is suggested.
        const json = await scan(file('costs.json', '[{"cost": "0,25"}]'), [field('cost', 'number')], { skipInvalid: true });
        expect(json.invalid[0]!.message).toContain('expected a number');
        expect(json.invalid[0]!.message).not.toContain('decimal');
    });
});
