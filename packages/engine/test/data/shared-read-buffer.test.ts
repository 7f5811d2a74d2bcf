/**
 * A read buffer handed from one scan to the next (ScanOptions.readBuffer: the ranges of a
 * parallel pass on one thread) is lent to one scan at a time: two scans open at once on one
 * thread (two evaluations a library caller runs together) each read into a buffer of their own.
 */
import { describe, expect, it } from 'vitest';
import { type DatasetSpec, type RowValue, scanDataset } from '../../src/data/index.js';
import { field, tempDir } from './helpers.js';

const file = tempDir();
const CHUNK = 4096;

function requests(latency: (i: number) => number): string {
    const lines = ['time,service,latency'];
    for (let i = 0; i < 3000; i++) lines.push(`2026-03-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,api,${latency(i)}`);
    return lines.join('\n') + '\n';
}

async function latencies(path: string, readBuffer: { buffer: Buffer | undefined }): Promise<RowValue[]> {
    const spec: DatasetSpec = { name: 'requests', path, format: 'csv', fields: [field('time', 'timestamp'), field('service', 'text'), field('latency', 'number')], timezone: 'UTC' };
    const values: RowValue[] = [];
    await scanDataset(spec, (row) => values.push(row[2]!), { skipInvalid: false, readChunkBytes: CHUNK, readBuffer });
    return values;
}

describe('a read buffer shared by scans of one thread', () => {
    it('is used by one scan at a time: two scans at once read their own files', async () => {
        // Lines of the same length in both files (a read of one at the other's offsets meets whole records).
        const one = file('one.csv', requests((i) => 100 + (i % 800)));
        const two = file('two.csv', requests((i) => 900 - (i % 800)));
        const shared = { buffer: Buffer.alloc(CHUNK) as Buffer | undefined };
        const [first, second] = await Promise.all([latencies(one, shared), latencies(two, shared)]);
        expect(first).toEqual(Array.from({ length: 3000 }, (_, i) => 100 + (i % 800)));
        expect(second).toEqual(Array.from({ length: 3000 }, (_, i) => 900 - (i % 800)));
        // The buffer is handed on after them, for the next scan.
        expect(shared.buffer?.length).toBe(CHUNK);
    });
});
