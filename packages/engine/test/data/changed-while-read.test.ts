/**
 * A data file that changes while a scan reads it (chunked-file.ts, FileIdentity): the scan reads
 * the file as it was when it opened it, or fails saying so — never a mix of two versions. The
 * file is changed for real (appended to, truncated, rewritten, replaced) right after the scan's
 * first read, through its progress callback; reads are 256 bytes, so most of the file is read
 * after the change.
 */
import { appendFileSync, renameSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, type DatasetSpec, type FieldSpec, scanDataset } from '../../src/data/index.js';
import { field, rejection, tempDir } from './helpers.js';

const file = tempDir();
const FIELDS: FieldSpec[] = [field('time', 'timestamp'), field('service', 'text'), field('latency', 'number')];
/** An hour ago: a file written by an earlier export (its modification time then differs from a rewrite's). */
const EARLIER = new Date(Date.now() - 3_600_000);

function csvRows(count: number, latency = '120'): string {
    return Array.from({ length: count }, (_, i) => `2026-03-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,api,${latency}\n`).join('');
}

function ndjsonRows(count: number, latency = 120): string {
    return Array.from({ length: count }, (_, i) => `${JSON.stringify({ time: `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z`, service: 'api', latency })}\n`).join('');
}

/** Writes a data file as an earlier export left it. */
function exported(name: string, content: string): string {
    const path = file(name, content);
    utimesSync(path, EARLIER, EARLIER);
    return path;
}

/** Scans `path`, calling `change` once, right after the first read; the rows' latencies and the bytes read, or the error. */
async function scanChangedAfterFirstRead(path: string, change: (path: string) => void): Promise<{ latencies: number[]; bytes: number }> {
    const format: DatasetSpec['format'] = path.endsWith('.csv') ? 'csv' : path.endsWith('.json') ? 'json' : 'ndjson';
    const spec: DatasetSpec = { name: 'requests', path, format, fields: FIELDS, timezone: 'UTC' };
    const latencies: number[] = [];
    let changed = false;
    const result = await scanDataset(spec, (row) => latencies.push(row[2] as number), {
        skipInvalid: false,
        readChunkBytes: 256,
        onProgress: () => {
            if (changed) return;
            changed = true;
            change(path);
        }
    });
    return { latencies, bytes: result.bytes };
}

const unchanged = (): void => undefined;

describe('a CSV file that changes while it is read', () => {
    const header = 'time,service,latency\n';

    it('is read whole when nothing changes (the control)', async () => {
        const content = header + csvRows(200);
        const read = await scanChangedAfterFirstRead(exported('control.csv', content), unchanged);
        expect(read.latencies).toHaveLength(200);
        expect(read.bytes).toBe(Buffer.byteLength(content));
    });

    it('is read as it was when opened when rows are appended: the rows appended are not read', async () => {
        const content = header + csvRows(200);
        const read = await scanChangedAfterFirstRead(exported('appended.csv', content), (path) => appendFileSync(path, csvRows(100, '999')));
        expect(read.latencies).toHaveLength(200);
        expect(read.latencies.every((latency) => latency === 120)).toBe(true);
        expect(read.bytes).toBe(Buffer.byteLength(content));
    });

    it('fails, saying so, when it is truncated', async () => {
        const content = header + csvRows(200);
        const path = exported('truncated.csv', content);
        const error = await rejection(scanChangedAfterFirstRead(path, (changing) => truncateSync(changing, 2000)));
        expect(error).toBeInstanceOf(DataError);
        expect(error.file).toBe(path);
        expect(error.message).toContain(`changed while it was read: it was truncated from ${Buffer.byteLength(content)} to 2000 bytes`);
        expect(error.message).toContain('evaluate again once it is written');
    });

    it('fails when it is rewritten in place at the same size', async () => {
        const path = exported('same-size.csv', header + csvRows(200));
        const error = await rejection(scanChangedAfterFirstRead(path, (changing) => writeFileSync(changing, header + csvRows(200, '999'))));
        expect(error.message).toMatch(/changed while it was read: it was rewritten \(modified at \d{4}-\d\d-\d\dT/);
    });

    it('fails when it is rewritten in place larger (not rows appended: its former end changed)', async () => {
        const path = exported('rewritten-larger.csv', header + csvRows(200));
        const error = await rejection(scanChangedAfterFirstRead(path, (changing) => writeFileSync(changing, header + csvRows(300, '99'))));
        expect(error.message).toContain('changed while it was read: it was rewritten (its bytes before offset');
    });

    it('fails when its last line was still being written when it was opened, and the rest came after', async () => {
        const content = header + csvRows(200) + '2026-03-01T01:00:00Z,api,12';
        const path = exported('half-line.csv', content);
        const error = await rejection(scanChangedAfterFirstRead(path, (changing) => appendFileSync(changing, '0\n' + csvRows(5))));
        expect(error.message).toContain('its last line was still being written when it was read');
        expect(error.line).toBeGreaterThanOrEqual(201);
    });

    it('reads a last line without a line end as a row when the file does not change', async () => {
        const read = await scanChangedAfterFirstRead(exported('no-final-newline.csv', header + csvRows(200) + '2026-03-01T01:00:00Z,api,12'), unchanged);
        expect(read.latencies).toHaveLength(201);
        expect(read.latencies.at(-1)).toBe(12);
    });

    it('is read as it was when another file is renamed over it (the file opened is read to its end)', async () => {
        const path = exported('replaced.csv', header + csvRows(200));
        const read = await scanChangedAfterFirstRead(path, (changing) => {
            const next = file('replacement.csv', header + csvRows(50, '999'));
            renameSync(next, changing);
        });
        expect(read.latencies).toHaveLength(200);
        expect(read.latencies.every((latency) => latency === 120)).toBe(true);
    });
});

describe('an NDJSON or JSON file that changes while it is read', () => {
    it('NDJSON: rows appended are not read; a truncation fails', async () => {
        const content = ndjsonRows(100);
        const read = await scanChangedAfterFirstRead(exported('appended.ndjson', content), (path) => appendFileSync(path, ndjsonRows(50, 999)));
        expect(read.latencies).toHaveLength(100);
        expect(read.bytes).toBe(Buffer.byteLength(content));
        const error = await rejection(scanChangedAfterFirstRead(exported('truncated.ndjson', content), (path) => truncateSync(path, 1000)));
        expect(error.message).toContain('changed while it was read: it was truncated');
    });

    it('a JSON array that grows was rewritten (an array is not appended to): it fails', async () => {
        const array = (count: number): string => `[\n${ndjsonRows(count).trim().split('\n').join(',\n')}\n]\n`;
        const path = exported('grown.json', array(100));
        const error = await rejection(scanChangedAfterFirstRead(path, (changing) => writeFileSync(changing, array(150))));
        expect(error.message).toMatch(/changed while it was read: it was rewritten \(\d+ bytes when opened, \d+ now\)/);
        const read = await scanChangedAfterFirstRead(exported('steady.json', array(100)), unchanged);
        expect(read.latencies).toHaveLength(100);
    });
});
