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
        // the last record, without a trailing newline, is read too (one line break is inside quotes)
        expect(fast.rows.at(-1)).toEqual({ values: [Date.parse('2026-03-07T11:49:00Z'), 'db', 49, 404, 'ap', 'last'], line: lines.length + 1 });
    });
});
