/**
 * A compressed data file is said to be compressed, with the way to decompress it: formerly a
 * gzip CSV file was "not UTF-8 text" with the advice to declare encoding "windows-1252".
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionAt } from '../../src/data/compressed-file.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const fields = [field('time', 'timestamp'), field('status', 'integer')];
const CSV = 'time,status\n2026-03-01T10:00:00Z,200\n';
const GZIP = "the file is gzip-compressed (it starts with the bytes 1f 8b), and data files are read uncompressed: decompress it first (gunzip -k requests.csv.gz) and name the decompressed file in the dataset";

describe('compressed data files', () => {
    it('a gzip CSV file is refused at 1:1 as compressed, with or without a declared encoding', async () => {
        const path = file('requests.csv.gz', gzipSync(CSV));
        const error = await rejection(scan(path, fields, { format: 'csv' }));
        expect(error.message).toBe(`${path}:1:1: ${GZIP}`);
        // Declared Windows-1252 (as the former message advised), it is still compressed, not "columns missing".
        expect((await rejection(scan(path, fields, { format: 'csv', encoding: 'windows-1252' }))).message).toBe(`${path}:1:1: ${GZIP}`);
    });

    it('a compressed JSON or NDJSON file too', async () => {
        const json = file('calls.json.gz', gzipSync('[{"time": "2026-03-01T10:00:00Z", "status": 200}]'));
        expect((await rejection(scan(json, fields, { format: 'json' }))).message).toMatch(/calls\.json\.gz:1:1: the file is gzip-compressed .*\(gunzip -k calls\.json\.gz\)/);
        const ndjson = file('calls.ndjson.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58]));
        expect((await rejection(scan(ndjson, fields, { format: 'ndjson' }))).message).toMatch(/calls\.ndjson\.zst:1:1: the file is zstd-compressed \(it starts with the bytes 28 b5 2f fd\).*\(zstd -d calls\.ndjson\.zst\)/);
    });

    it('a zip archive, and an Excel workbook (one) named so, are told apart', async () => {
        const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
        expect((await rejection(scan(file('export.zip', zip), fields, { format: 'csv' }))).message).toMatch(/the file is a zip archive \(it starts with the bytes 50 4b 03 04; an Excel workbook is one too\).*\(unzip export\.zip\)/);
        expect((await rejection(scan(file('export.xlsx', zip), fields, { format: 'csv' }))).message).toMatch(/the file is an Excel workbook \(a zip archive\), and data files are read as text: save the sheet as CSV \(in Excel: Save As "CSV UTF-8"\)/);
    });

    it('says nothing of text files, whatever their first letters', async () => {
        expect((await scan(file('requests.csv', CSV), fields)).rows).toHaveLength(1);
        // A header "PK,…" (a primary key column) is text: only PK followed by the bytes 03 04 is a zip archive.
        expect(compressionAt(Buffer.from('PK,status\n'), 0, 10)).toBeUndefined();
        expect(compressionAt(Buffer.from('(b'), 0, 2)).toBeUndefined();
        expect(compressionAt(Buffer.from([0x1f, 0x8b]), 0, 2)).toBe('gzip');
        expect(compressionAt(Buffer.from([0x1f]), 0, 1)).toBeUndefined();
    });
});
