// The one-pass reader of common CSV records (csv-simple-record.ts) hands every unusual
// record to the general reader: mixed in among common records, each must come out as
// the general reader alone makes it (compared with a scan in 1-byte reads, where the
// one-pass reader never finds a whole record in the buffer).
import { describe, expect, it } from 'vitest';
import { type DatasetSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import { field, tempDir } from './helpers.js';

const write = tempDir();

const COMMON = '2026-03-05T12:00:00.000+01:00,api,12.5,200,eu';
const lines = [
    'time,service,latency,status,region,note',
    ...Array.from({ length: 50 }, (_, i) => `2026-03-05T12:${String(i).padStart(2, '0')}:00.000+01:00,api,${i}.5,200,eu,`),
    `${COMMON},"quoted, with ""escapes"" and\na line break"`,
    `${COMMON},plain\r`,
    `${COMMON},lone CR\rnext,record`,
    '',
    '2026-03-05T12:00:00.000Z,web,1,500,us,z form',
    '2026-03-05T12:00:00Z,web,1,500,us,no fraction',
    '2026-03-06 12:00:00+01:00,web,1,500,us,space and new date',
    '2026-03-06T12:00:00.000+01:00,web,,500,us,empty required',
    '2026-03-06T12:00:00.000+01:00,web,1.5,200.5,us,not an integer',
    '2026-03-06T12:00:00.000+01:00,web,-3,200,us,negative duration',
    '2026-03-06T12:00:00.000+01:00,web,7,200,us,extra,cells',
    '2026-03-06T12:00:00.000+01:00,web,7,200,us',
    '2026-03-06T12:00:00.000+01:00,,7,200,us,empty scope text',
    '2026-03-06T24:00:00.000+01:00,web,7,200,us,hour 24',
    '2026-03-06T12:00:00.000+01:00,"web",7,200,us,quoted text',
    '2026-03-06T12:00:00.000+01:00,web,7 ,200,us,blank after number',
    // numbers the one-pass reader reads while looking for the cell's end, or hands on
    '2026-03-06T12:00:00.000+01:00,web,1e3,200,us,exponent',
    '2026-03-06T12:00:00.000+01:00,web,+5,200,us,plus sign',
    '2026-03-06T12:00:00.000+01:00,web,-0,200,us,negative zero',
    '2026-03-06T12:00:00.000+01:00,web,.5,200,us,leading dot',
    '2026-03-06T12:00:00.000+01:00,web,5.,200,us,trailing dot',
    '2026-03-06T12:00:00.000+01:00,web,1234567890.123456,200,us,sixteen digits',
    '2026-03-06T12:00:00.000+01:00,web,0.125,2e2,us,integer with exponent',
    '2026-03-06T12:00:00.000+01:00,web,12.345,-200,us,negative integer',
    '2026-03-06T12:00:00.000+01:00,web,1.5x,200,us,letter after number',
    '2026-03-06T12:00:00.000+01:00,web,-,200,us,sign alone',
    ...Array.from({ length: 50 }, (_, i) => `2026-03-07T12:${String(i).padStart(2, '0')}:00.000+01:00,db,${i},404,ap,last`)
];
const path = write('mixed.csv', lines.join('\n'));
const spec: DatasetSpec = {
    name: 'requests',
    path,
    format: 'csv',
    fields: [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration'), field('status', 'integer'), field('region', 'text'), field('note', 'text', { optional: true })]
};

async function read(readChunkBytes?: number) {
    const rows: { values: RowValue[]; line: number }[] = [];
    const result = await scanDataset(spec, (row, line) => rows.push({ values: [...row], line }), { skipInvalid: true, ...(readChunkBytes === undefined ? {} : { readChunkBytes }) });
    return { rows, rejected: result.rejected, samples: result.rejectedSamples.map((error) => ({ line: error.line, message: error.message })) };
}

describe('the one-pass CSV reader', () => {
    it('reads a file mixing common and unusual records as the general reader does', async () => {
        const fast = await read();
        const general = await read(1);
        expect(fast.rows.length).toBeGreaterThan(100);
        expect(fast.rejected).toBeGreaterThan(2);
        expect(fast).toEqual(general);
        // the last record, without a trailing newline, is read too, on line lines.length + 2: one line
        // break is inside quotes, and the lone CR after "lone CR" ends a line of its own
        // numbers by hand: 1e3 is 1000, +5 is 5, -0 a duration of 0, .5 and 5. are 0.5 and 5,
        // 2e2 the integer 200, 12.345 and -200 as written
        const note = (text: string) => fast.rows.find((r) => r.values[5] === text)?.values.slice(2, 4);
        expect(note('exponent')).toEqual([1000, 200]);
        expect(note('plus sign')).toEqual([5, 200]);
        expect(note('negative zero')).toEqual([0, 200]);
        expect(note('leading dot')).toEqual([0.5, 200]);
        expect(note('trailing dot')).toEqual([5, 200]);
        expect(note('sixteen digits')).toEqual([1234567890.123456, 200]);
        expect(note('integer with exponent')).toEqual([0.125, 200]);
        expect(note('negative integer')).toEqual([12.345, -200]);
        expect(note('letter after number')).toBeUndefined();
        expect(note('sign alone')).toBeUndefined();
        expect(fast.rows.at(-1)).toEqual({ values: [Date.parse('2026-03-07T11:49:00Z'), 'db', 49, 404, 'ap', 'last'], line: lines.length + 2 });
    });

    it('skips columns no field reads, bytes below the comma included, as the general reader does', async () => {
        // Only time and status are declared: service, latency, region and note are skipped.
        // Their cells hold spaces, '+', '*', '!', '#', '(' (all below ',' = 0x2c), a lone CR
        // and an extra cell; the general reader (1-byte reads) is the reference.
        const skipped = write('skipped.csv', [
            'time,service,latency,status,region,note',
            ...Array.from({ length: 20 }, (_, i) => `2026-03-05T12:${String(i).padStart(2, '0')}:00.000Z,a b,1+2,200,e*u,#!(${i})`),
            '2026-03-05T13:00:00.000Z,a b,1+2,500,e u,lone CR\rnext',
            '2026-03-05T13:01:00.000Z,a b,1+2,501,e u,extra,cell',
            '2026-03-05T13:02:00.000Z,a b,1+2,502,e u,last'
        ].join('\n'));
        const narrow: DatasetSpec = { name: 'requests', path: skipped, format: 'csv', fields: [field('time', 'timestamp'), field('status', 'integer')] };
        const readNarrow = async (readChunkBytes?: number) => {
            const rows: RowValue[][] = [];
            const result = await scanDataset(narrow, (row) => rows.push([...row]), { skipInvalid: true, ...(readChunkBytes === undefined ? {} : { readChunkBytes }) });
            return { rows, rejected: result.rejected };
        };
        const fast = await readNarrow();
        expect(fast).toEqual(await readNarrow(1));
        // 20 common rows, the CR row (the CR ends its record; "next" is a one-cell record: rejected),
        // the row with an extra cell rejected, and the last row
        expect(fast.rows.map((row) => row[1])).toEqual([...Array.from({ length: 20 }, () => 200), 500, 502]);
        expect(fast.rejected).toBe(2);
    });
});
