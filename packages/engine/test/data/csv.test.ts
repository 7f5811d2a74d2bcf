import { describe, expect, it } from 'vitest';
import { DataError, inferFormat } from '../../src/data/index.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h, mi, s, ms);

describe('CSV structure (RFC 4180)', () => {
    it('reads quoted commas, escaped quotes and only the declared columns', async () => {
        const path = file('quoted.csv', 'id,note,extra\n1,"a, b",x\n2,"say ""hi""",y\n3,plain,z\n');
        const { rows } = await scan(path, [field('note', 'text'), field('id', 'integer')]);
        expect(rows.map((r) => r.values)).toEqual([['a, b', 1], ['say "hi"', 2], ['plain', 3]]);
        expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    });

    it('counts embedded newlines: a record is numbered by the line it starts on', async () => {
        // line 1 header; line 2-4 record 1 (two newlines inside quotes); line 5 record 2; line 6-7 record 3
        const path = file('multiline.csv', 'id,note\n1,"first\nsecond\nthird"\n2,one line\n3,"x\ny"\n');
        const { rows } = await scan(path, [field('id', 'integer'), field('note', 'text')]);
        expect(rows).toEqual([
            { values: [1, 'first\nsecond\nthird'], line: 2 },
            { values: [2, 'one line'], line: 5 },
            { values: [3, 'x\ny'], line: 6 }
        ]);
    });

    it('reads CRLF line ends, a UTF-8 BOM and a last line without newline', async () => {
        const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,name\r\n1,"a\r\nb"\r\n2,Zürich')]);
        const { rows } = await scan(file('crlf.csv', content), [field('id', 'integer'), field('name', 'text')]);
        // the BOM is not part of the first column's name; the CRLF inside quotes stays in the value
        expect(rows).toEqual([
            { values: [1, 'a\r\nb'], line: 2 },
            { values: [2, 'Zürich'], line: 4 }
        ]);
    });

    it('skips blank lines, also at the end', async () => {
        const { rows } = await scan(file('blank.csv', 'id\n1\n\n2\n\n\n'), [field('id', 'integer')]);
        expect(rows).toEqual([{ values: [1], line: 2 }, { values: [2], line: 4 }]);
    });

    it('gives null for empty optional cells, quoted or not, and for a trailing empty cell', async () => {
        const path = file('optional.csv', 'id,resolved,note\n1,,\n2,"",x\n3,2026-03-01T10:00:00Z,\n');
        const { rows } = await scan(path, [field('id', 'integer'), field('resolved', 'timestamp', { optional: true }), field('note', 'text', { optional: true })]);
        expect(rows.map((r) => r.values)).toEqual([
            [1, null, null],
            [2, null, 'x'],
            [3, utc(2026, 3, 1, 10), null]
        ]);
    });

    it('reads records across chunk boundaries of a large file', async () => {
        // 200,000 records of ~40 bytes (~8 MB) span several 4 MB chunks; quoted multi-line notes every 1000th
        const parts = ['id,note,latency_ms\n'];
        for (let i = 0; i < 200_000; i++) parts.push(i % 1000 === 0 ? `${i},"multi\nline ${i}",${i % 97}\n` : `${i},note number ${i},${i % 97}\n`);
        const path = file('large.csv', parts.join(''));
        let count = 0;
        let latencySum = 0;
        let lastLine = 0;
        let idsInOrder = true;
        const { scanDataset } = await import('../../src/data/index.js');
        await scanDataset(
            { name: 'big', path, format: 'csv', fields: [field('id', 'integer'), field('latency', 'duration', { column: 'latency_ms' })] },
            (row, line) => {
                if (row[0] !== count) idsInOrder = false;
                count++;
                latencySum += row[1] as number;
                lastLine = line;
            },
            { skipInvalid: false }
        );
        expect(count).toBe(200_000);
        expect(idsInOrder).toBe(true);
        // sum of i % 97 for i < 200,000: 200,000 = 2,061 × 97 + 83 → 2,061 × (0+…+96) + (0+…+82) = 2,061 × 4,656 + 3,403 = 9,599,419
        expect(latencySum).toBe(9_599_419);
        // 1 header line + 200,000 records + one extra line for each of the 200 multi-line records; the last record (i = 199,999) starts on line 200,201
        expect(lastLine).toBe(200_201);
    });

    it('reads a single quoted cell larger than the read buffer (the buffer grows)', async () => {
        // 5,000,000 characters with 1,000 embedded newlines: more than one 4 MB chunk in one cell
        const big = ('x'.repeat(4_999) + '\n').repeat(1_000);
        const path = file('huge-cell.csv', `id,note\n1,"${big}"\n2,after\n`);
        const { rows } = await scan(path, [field('id', 'integer'), field('note', 'text')]);
        expect(rows.length).toBe(2);
        expect((rows[0]!.values[1] as string).length).toBe(5_000_000);
        // record 1 starts on line 2 and spans 1,001 lines (1,000 newlines inside), so record 2 starts on line 1,003
        expect(rows[1]).toEqual({ values: [2, 'after'], line: 1_003 });
    });

    it('infers the format from the extension', () => {
        expect(inferFormat('/x/a.csv')).toBe('csv');
        expect(inferFormat('/x/a.JSON')).toBe('json');
        expect(inferFormat('/x/a.ndjson')).toBe('ndjson');
        expect(inferFormat('/x/a.jsonl')).toBe('ndjson');
        expect(inferFormat('/x/a.txt')).toBeUndefined();
    });
});

describe('CSV errors', () => {
    it('names file, line, column and value of an invalid value', async () => {
        const path = file('invalid.csv', 'time,note,latency_ms\n2026-03-01T10:00:00Z,ok,12\n2026-03-01T10:00:01Z,"multi\nline",5\n2026-03-01T10:00:02Z,x,abc\n');
        const err = await rejection(scan(path, [field('time', 'timestamp'), field('note', 'text'), field('latency', 'duration', { column: 'latency_ms' })]));
        expect(err).toBeInstanceOf(DataError);
        // header line 1, record on line 2, multi-line record on lines 3-4, "abc" on line 5, column 3
        expect(err.line).toBe(5);
        expect(err.column).toBe(3);
        expect(err.value).toBe('abc');
        expect(err.field).toBe('latency');
        expect(err.file).toBe(path);
        expect(err.message).toMatch(/invalid\.csv:5:3: invalid value "abc" for field latency \(duration ms\) in column 3 \(latency_ms\): expected a non-negative number/);
    });

    it('skipInvalid counts the rejected rows, keeps the first 20 samples and reports each', async () => {
        const lines = ['id,latency_ms'];
        for (let i = 0; i < 30; i++) lines.push(`${i},${i % 3 === 0 ? 'oops' : String(i)}`);
        // ids 0, 3, …, 27 are invalid: 10 rows; 20 valid
        const { rows, rejected, samples, invalid } = await scan(file('skip.csv', lines.join('\n')), [field('id', 'integer'), field('latency', 'duration', { column: 'latency_ms' })], { skipInvalid: true });
        expect(rows.length).toBe(20);
        expect(rejected).toBe(10);
        expect(samples.length).toBe(10);
        expect(invalid.length).toBe(10);
        // id 0 is on line 2, id 3 on line 5
        expect(samples.slice(0, 2).map((e) => e.line)).toEqual([2, 5]);
        expect(samples[0]!.value).toBe('oops');
    });

    it('keeps only the first 20 samples', async () => {
        const lines = ['id'];
        for (let i = 0; i < 25; i++) lines.push('x');
        const { rejected, samples, invalid } = await scan(file('many.csv', lines.join('\n')), [field('id', 'integer')], { skipInvalid: true });
        expect(rejected).toBe(25);
        expect(samples.length).toBe(20);
        expect(invalid.length).toBe(25);
    });

    it('an empty required cell is an error', async () => {
        const err = await rejection(scan(file('empty-required.csv', 'id,name\n1,\n'), [field('id', 'integer'), field('name', 'text')]));
        expect(err.message).toMatch(/empty-required\.csv:2:2: empty value for required field name \(text\) in column 2 \(name\)/);
    });

    it('a missing header column for a field is an error at line 1 listing the columns found', async () => {
        const err = await rejection(scan(file('missing.csv', 'time,Latency_MS\n'), [field('time', 'timestamp'), field('latency', 'duration', { column: 'latency_ms' })]));
        expect(err.line).toBe(1);
        expect(err.message).toMatch(/missing\.csv:1: missing column "latency_ms" for field latency \(did you mean "Latency_MS"\?\); the header has 2 columns: "time", "Latency_MS"/);
    });

    it('a missing header column names where the field is declared', async () => {
        const latency = { ...field('latency', 'duration', { column: 'latency_ms' }), declaredAt: 'contract.sla:14' };
        const err = await rejection(scan(file('declared.csv', 'time,Latency_MS\n'), [field('time', 'timestamp'), latency]));
        expect(err.message).toMatch(/declared\.csv:1: missing column "latency_ms" for field latency \(declared at contract\.sla:14; did you mean "Latency_MS"\?\)/);
    });

    it('says so when the file uses another separator', async () => {
        const err = await rejection(scan(file('semicolon.csv', 'time;latency_ms\n2026-03-01T10:00:00Z;5\n'), [field('time', 'timestamp')]));
        // No declared column matched: the header is not quoted (the file may not be data at all).
        expect(err.message).toMatch(/the header has 1 column \(not quoted: none of them is a declared column\) \(the file seems to separate its columns with semicolons \(";"\), and CSV columns are separated by commas: declare separator ";" in the dataset/);
        expect(err.message).not.toContain('latency_ms');
        const tabs = await rejection(scan(file('tabs.csv', 'time\tlatency_ms\n2026-03-01T10:00:00Z\t5\n'), [field('time', 'timestamp')]));
        expect(tabs.message).toContain('(the file seems to separate its columns with tabs, and CSV columns are separated by commas');
        // A header of one column without another separator in it: no guess.
        const single = await rejection(scan(file('single.csv', 'when\n2026-03-01T10:00:00Z\n'), [field('time', 'timestamp')]));
        expect(single.message).not.toContain('separate');
    });

    it('says so when the header is further down, after a report title or Excel\'s "sep=" line', async () => {
        const fields = [field('time', 'timestamp'), field('latency', 'duration', { column: 'latency_ms' })];
        const titled = await rejection(scan(file('titled.csv', 'Requests - exported 2026-04-01\n\ntime,latency_ms\n2026-03-01T10:00:00Z,5\n'), fields));
        expect(titled.message).toContain('(the declared columns are named on line 3: lines 1 and 2 are not the header (a report title, or Excel\'s "sep=" line); remove them so that the header comes first)');
        const excel = await rejection(scan(file('excel.csv', 'sep=,\ntime,latency_ms\n2026-03-01T10:00:00Z,5\n'), fields));
        expect(excel.message).toContain('(the declared columns are named on line 2: line 1 is not the header');
        // Only a line naming every declared column counts; a header that names some of them is the header.
        const partly = await rejection(scan(file('partly.csv', 'title\ntime,latency\n2026-03-01T10:00:00Z,5\n'), fields));
        expect(partly.message).not.toContain('named on line');
        const some = await rejection(scan(file('some.csv', 'time,latency\ntime,latency_ms\n'), fields));
        expect(some.message).not.toContain('named on line');
    });

    it('a record too short for a required column is an error (optional ones read as empty); an unclosed quote too', async () => {
        const short = await rejection(scan(file('short.csv', 'a,b,c\n1,2,3\n1,2\n'), [field('c', 'integer')]));
        expect(short.message).toMatch(/short\.csv:3: the record has 2 fields, the header has 3/);
        const { rows } = await scan(file('short-optional.csv', 'a,b,c\n1,2,3\n4\n'), [field('a', 'integer'), field('c', 'integer', { optional: true })]);
        expect(rows.map((r) => r.values)).toEqual([[1, 3], [4, null]]);
        const unclosed = await rejection(scan(file('unclosed.csv', 'a\n1\n"2\n'), [field('a', 'text')]));
        expect(unclosed.line).toBe(3);
        expect(unclosed.message).toMatch(/not closed/);
    });

    it('a header without records has no rows; a file that is only a BOM is empty', async () => {
        expect((await scan(file('header-only.csv', 'id,name'), [field('id', 'integer')])).rows).toEqual([]);
        const err = await rejection(scan(file('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])), [field('a', 'text')]));
        expect(err.message).toMatch(/the file is empty/);
    });

    it('an unknown dataset time zone is an error before reading', async () => {
        const err = await rejection(scan(file('tz.csv', 'time\n2026-03-01 10:00\n'), [field('time', 'timestamp')], { timezone: 'Europe/Atlantis' }));
        expect(err.message).toMatch(/dataset requests declares an unknown time zone "Europe\/Atlantis"/);
    });

    it('an empty file is an error', async () => {
        const err = await rejection(scan(file('empty.csv', ''), [field('a', 'text')]));
        expect(err.message).toMatch(/empty\.csv:1: the file is empty/);
    });
});

describe('CSV typed values', () => {
    it('timestamps: offsets, Z, space separator, fractions; naive ones with the dataset zone', async () => {
        const path = file(
            'times.csv',
            'time\n2026-03-01T10:00:00Z\n2026-03-01T11:00:00+01:00\n2026-03-01 10:00:00.5-0130\n2026-03-01T10:00Z\n2026-03-29 02:30\n2026-10-25 02:30:00\n'
        );
        const { rows } = await scan(path, [field('time', 'timestamp')], { timezone: 'Europe/Berlin' });
        expect(rows.map((r) => r.values[0])).toEqual([
            utc(2026, 3, 1, 10),
            utc(2026, 3, 1, 10), // 11:00 at +01:00
            utc(2026, 3, 1, 11, 30, 0, 500), // 10:00:00.5 at -01:30 → 11:30:00.500Z
            utc(2026, 3, 1, 10),
            utc(2026, 3, 29, 1, 30), // naive 02:30 in the gap → 03:30 CEST = 01:30Z
            utc(2026, 10, 25, 0, 30) // naive repeated 02:30 → the earlier (CEST) = 00:30Z
        ]);
    });

    it('a naive timestamp without a dataset zone stops the scan, even with skipInvalid, and says what to declare', async () => {
        const path = file('naive.csv', 'time\n2026-03-01T10:00:00Z\n2026-03-01 10:00\n');
        const err = await rejection(scan(path, [field('time', 'timestamp')], { skipInvalid: true }));
        expect(err.line).toBe(3);
        expect(err.value).toBe('2026-03-01 10:00');
        expect(err.message).toMatch(/naive\.csv:3:1: invalid value "2026-03-01 10:00" for field time \(timestamp\) in column 1 \(time\): timestamp has no UTC offset and dataset requests declares no time zone; declare the dataset's timezone/);
    });

    it('rejects impossible dates and malformed timestamps', async () => {
        for (const bad of ['2026-02-29T10:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '01.03.2026 10:00', '2026-03-01T10:00:00+1', 'March 1']) {
            const err = await rejection(scan(file('bad-time.csv', `time\n${bad}\n`), [field('time', 'timestamp')], { timezone: 'UTC' }));
            expect(err.value).toBe(bad);
        }
    });

    it('durations in seconds become ms exactly; a unit in the cell overrides', async () => {
        const path = file('durations.csv', 'd\n1.005\n2\n0.25\n"250 ms"\n1.5 minutes\n');
        const { rows } = await scan(path, [field('d', 'duration', { durationUnitMs: 1000 })]);
        // 1.005 s = 1005 ms (not 1004.9999999999999); 2 s = 2000; 0.25 s = 250; 250 ms; 1.5 × 60,000 = 90,000
        expect(rows.map((r) => r.values[0])).toEqual([1005, 2000, 250, 250, 90_000]);
    });

    it('rejects negative durations', async () => {
        const err = await rejection(scan(file('negative.csv', 'd\n-5\n'), [field('d', 'duration')]));
        expect(err.message).toMatch(/non-negative duration/);
    });

    it('numbers, integers and percents (99.5 and 99.5% both mean 0.995)', async () => {
        const path = file('numbers.csv', 'n,i,p\n1.5,42,99.5\n-0.25,-7,99.5%\n1e3,1e2,99.95\n" 12 ",0,100%\n');
        const { rows } = await scan(path, [field('n', 'number'), field('i', 'integer'), field('p', 'percent')]);
        expect(rows.map((r) => r.values)).toEqual([
            [1.5, 42, 0.995],
            [-0.25, -7, 0.995],
            [1000, 100, 0.9995], // 99.95 / 100 read as one exact decimal: 0.9995, not 0.9994999999999999
            [12, 0, 1]
        ]);
    });

    it('rejects non-integers for integer fields and text for numbers', async () => {
        const notInteger = await rejection(scan(file('int.csv', 'i\n1.5\n'), [field('i', 'integer')]));
        expect(notInteger.message).toMatch(/expected an integer/);
        const comma = await rejection(scan(file('num2.csv', 'n\n"1,5"\n'), [field('n', 'number')]));
        expect(comma.value).toBe('1,5');
    });

    it('booleans from true/false, yes/no, 1/0 in any case', async () => {
        const path = file('bools.csv', 'b\ntrue\nFALSE\nYes\nno\n1\n0\n');
        const { rows } = await scan(path, [field('b', 'boolean')]);
        expect(rows.map((r) => r.values[0])).toEqual([true, false, true, false, true, false]);
        const err = await rejection(scan(file('bool-bad.csv', 'b\nmaybe\n'), [field('b', 'boolean')]));
        expect(err.message).toMatch(/expected true\/false, yes\/no or 1\/0/);
    });

    it('enums must be one of the declared values, exactly', async () => {
        const fields = [field('severity', 'enum', { enumValues: ['outage', 'degraded', 'minor'] })];
        const { rows } = await scan(file('enum.csv', 'severity\noutage\n"minor"\ndegraded\n'), fields);
        expect(rows.map((r) => r.values[0])).toEqual(['outage', 'minor', 'degraded']);
        const err = await rejection(scan(file('enum-bad.csv', 'severity\nOutage\n'), fields));
        expect(err.message).toMatch(/invalid value "Outage" for field severity \(enum\) in column 1 \(severity\): expected one of "outage", "degraded", "minor"/);
    });

    it('text values repeat correctly through the interning cache', async () => {
        const lines = ['s'];
        for (let i = 0; i < 5000; i++) lines.push(['eu', 'us', 'apac', 'é-ü', `unique-${i}`][i % 5]!);
        const { rows } = await scan(file('text.csv', lines.join('\n')), [field('s', 'text')]);
        expect(rows.map((r) => r.values[0])).toEqual(lines.slice(1));
    });
});
