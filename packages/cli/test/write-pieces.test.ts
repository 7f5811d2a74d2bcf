/** A text in pieces written to a file (src/write-pieces.ts): the file holds the pieces joined, as UTF-8, byte for byte. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writePiecesToFile } from '../src/write-pieces.js';

const folder = mkdtempSync(join(tmpdir(), 'sla-write-pieces-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function written(pieces: string[], batchBytes?: number): Promise<Buffer> {
    const file = join(folder, `out-${Math.random().toString(36).slice(2)}.txt`);
    await writePiecesToFile(file, pieces, batchBytes);
    return readFileSync(file);
}

describe('writePiecesToFile', () => {
    test('the file is the pieces joined, in UTF-8, when batches end inside multi-byte text and pieces outgrow a batch', async () => {
        // é is 2 bytes, € 3, 😀 4 (a surrogate pair: 2 UTF-16 units); a batch of 16 bytes takes a piece of at most 5 units.
        const pieces = ['{', 'é€😀', '', 'ab', 'x'.repeat(5), '😀😀😀', 'a much longer piece than any batch: é € 😀', '"', '€'.repeat(40), '}\n'];
        for (const batchBytes of [16, 17, 64, 4 << 20]) {
            expect((await written(pieces, batchBytes)).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        }
    });

    test('a piece of exactly a batch, nothing, and a JSON report of several batches', async () => {
        expect((await written([], 16)).length).toBe(0);
        expect((await written(['abcde'], 15)).toString('utf8')).toBe('abcde');
        const report = { entries: Array.from({ length: 2000 }, (_, n) => ({ agreement: `Client ${n} — «Kunde»`, value: n / 7 })) };
        const text = JSON.stringify(report, null, 2);
        const pieces = text.split(/(?<=\n)/);
        const bytes = await written(pieces, 4096);
        expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
        expect(JSON.parse(bytes.toString('utf8'))).toEqual(report);
    });
});
