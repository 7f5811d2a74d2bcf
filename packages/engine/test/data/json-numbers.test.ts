/**
 * A JSON number is read from its text in the file, as a CSV cell is (json-members.ts): JSON.parse's
 * double would merge account IDs past 2^53 and drop a trailing zero, and error messages would quote
 * a value the file does not hold.
 */
import { describe, expect, it } from 'vitest';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();

// The four accounts of the report: 9007199254740993 and 9007199254740992 are one double
// (2^53 + 1 rounds to 2^53), 12345678901234567891 prints as 12345678901234567000 from a double.
const ACCOUNTS = ['9007199254740993', '9007199254740992', '12345678901234567891', '12345678901234567000'];
const accountFields = [field('time', 'timestamp'), field('account', 'text'), field('failed', 'boolean')];
const day = (k: number) => `2026-03-0${k + 2}T10:00:00Z`;
const failed = (k: number) => k % 2 === 0;

describe('JSON numbers in text fields', () => {
    it('keep the digits the file writes, as the CSV, JSON and NDJSON files of the same data agree', async () => {
        const csv = file('calls.csv', ['time,account,failed', ...ACCOUNTS.map((account, k) => `${day(k)},${account},${failed(k)}`)].join('\n') + '\n');
        const json = file('calls.json', `[\n${ACCOUNTS.map((account, k) => `  {"time": "${day(k)}", "account": ${account}, "failed": ${failed(k)}}`).join(',\n')}\n]\n`);
        const ndjson = file('calls.ndjson', ACCOUNTS.map((account, k) => `{"time":"${day(k)}","account":${account},"failed":${failed(k)}}`).join('\n') + '\n');
        const accounts = async (path: string) => (await scan(path, accountFields)).rows.map((row) => row.values[1]);
        expect(await accounts(csv)).toEqual(ACCOUNTS);
        expect(await accounts(json)).toEqual(ACCOUNTS);
        expect(await accounts(ndjson)).toEqual(ACCOUNTS);
        // 4 accounts, not 3: each of them one row.
        expect(new Set(await accounts(json)).size).toBe(4);
    });

    it('keep a trailing zero, an exponent and a sign as written', async () => {
        const path = file('codes.ndjson', ['{"code": 1.10}', '{"code": -0.50}', '{"code": 1E+3}', '{"code": 0}'].join('\n'));
        const { rows } = await scan(path, [field('code', 'text')]);
        expect(rows.map((row) => row.values[0])).toEqual(['1.10', '-0.50', '1E+3', '0']);
    });

    it('are found under a key written with escapes, beside nested numbers and strings that look like keys', async () => {
        // "acc\u006funt" is the key "account"; the nested object's numbers and the string ", \"account\": 1" are not its value.
        const path = file('escaped.ndjson', '{"note": ", \\"account\\": 1", "meta": {"account": 2.50}, "acc\\u006funt": 9007199254740993}\n');
        const { rows } = await scan(path, [field('account', 'text'), field('note', 'text')]);
        expect(rows.map((row) => row.values)).toEqual([['9007199254740993', ', "account": 1']]);
    });
});

describe('JSON numbers in numeric fields', () => {
    it('are read from their digits: a percent and a duration scale exactly, booleans read 1 and 0', async () => {
        const path = file('metrics.json', '[{"share": 99.95, "took": 1.005, "ok": 1, "count": 42}, {"share": 100, "took": 0, "ok": 0, "count": -7}]');
        const { rows } = await scan(path, [field('share', 'percent'), field('took', 'duration', { durationUnitMs: 1000 }), field('ok', 'boolean'), field('count', 'integer')]);
        // 99.95 % = 0.9995; 1.005 s = 1005 ms; 100 % = 1
        expect(rows.map((row) => row.values)).toEqual([[0.9995, 1005, true, 42], [1, 0, false, -7]]);
    });

    it('quote the value the file holds when it is invalid, as the CSV reader does', async () => {
        const path = file('usage.json', '[\n  {"bytes": 9007199254740993, "ratio": 0.5},\n  {"bytes": 1, "ratio": 1e400}\n]\n');
        const fields = [field('bytes', 'integer'), field('ratio', 'number')];
        const { samples } = await scan(path, fields, { skipInvalid: true });
        // Not "9007199254740992" (the double JSON.parse gives), nor "null" (JSON.stringify(Infinity)).
        expect(samples.map((error) => [error.value, error.message.replace(/^.*usage\.json/, 'usage.json')])).toEqual([
            ['9007199254740993', 'usage.json:2:3: element 0: invalid value "9007199254740993" for field bytes (integer) at key "bytes": the integer is beyond the exact range of ±9007199254740991 (2^53 − 1): it would be read rounded'],
            ['1e400', 'usage.json:3:3: element 1: invalid value "1e400" for field ratio (number) at key "ratio": expected a number (out of range)']
        ]);
        const csv = file('usage.csv', 'bytes,ratio\n9007199254740993,0.5\n');
        expect((await rejection(scan(csv, fields))).value).toBe('9007199254740993');
    });

    it('a number where a timestamp or one of a list is expected is still refused', async () => {
        const path = file('wrong.ndjson', '{"time": 1767225600000, "tier": 1}\n{"time": "2026-03-01T10:00:00Z", "tier": 1}\n');
        const { samples } = await scan(path, [field('time', 'timestamp'), field('tier', 'enum', { enumValues: ['1', '2'] })], { skipInvalid: true });
        expect(samples.map((error) => error.message.replace(/^.*wrong\.ndjson/, 'wrong.ndjson'))).toEqual([
            'wrong.ndjson:1:1: invalid value "1767225600000" for field time (timestamp) at key "time": expected an ISO-8601 timestamp string',
            'wrong.ndjson:2:1: invalid value "1" for field tier (enum) at key "tier": expected one of "1", "2"'
        ]);
    });
});
