import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmptyFileSystemProvider, URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { readFilePrefix } from '../../src/workspace/file-prefix.js';
import { SlaNodeFileSystemProvider } from '../../src/workspace/sla-node-file-system.js';

const folder = mkdtempSync(join(tmpdir(), 'sla-prefix-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SlaNodeFileSystemProvider.readPrefix', () => {
    test('reads the first bytes of a 600 MB file without reading the rest', async () => {
        // A sparse file: a header, then 600 MB of holes (no disk space used).
        const file = join(folder, 'huge.csv');
        const header = 'opened,priority\n2026-03-02 09:00,P1\n';
        const descriptor = openSync(file, 'w');
        writeSync(descriptor, header);
        ftruncateSync(descriptor, 600 * 1024 * 1024);
        closeSync(descriptor);
        const before = process.memoryUsage().arrayBuffers;
        const prefix = await new SlaNodeFileSystemProvider().readPrefix(URI.file(file), 65_537);
        const grown = process.memoryUsage().arrayBuffers - before;
        expect(prefix.length).toBe(65_537);
        expect(Buffer.from(prefix.subarray(0, header.length)).toString('utf8')).toBe(header);
        // A whole read would hold 600 MB in an ArrayBuffer; the prefix needs 64 KB (allow 16 MB for noise).
        expect(grown).toBeLessThan(16 * 1024 * 1024);
    });

    test('returns the whole file when it is shorter than asked', async () => {
        const file = join(folder, 'small.csv');
        writeFileSync(file, 'a,b\n1,2\n');
        const prefix = await new SlaNodeFileSystemProvider().readPrefix(URI.file(file), 1000);
        expect(Buffer.from(prefix).toString('utf8')).toBe('a,b\n1,2\n');
    });
});

describe('SlaNodeFileSystemProvider.readPrefix keeps a file start while the file is unchanged', () => {
    test('an unchanged file is read once; a rewrite of the same size, a new inode or an append is read again', async () => {
        const file = join(folder, 'shared.csv');
        writeFileSync(file, 'client,opened\nc1,2026-03-02T09:00:00Z\n');
        const provider = new SlaNodeFileSystemProvider();
        const first = await provider.readPrefix(URI.file(file), 1000);
        // The same bytes object: 400 agreements reading one shared file cost one read.
        expect(await provider.readPrefix(URI.file(file), 1000)).toBe(first);
        // Same size, other content (the modification time tells it apart).
        await new Promise(resolve => setTimeout(resolve, 20));
        writeFileSync(file, 'client,closed\nc1,2026-03-02T09:00:00Z\n');
        expect(Buffer.from(await provider.readPrefix(URI.file(file), 1000)).toString('utf8')).toBe('client,closed\nc1,2026-03-02T09:00:00Z\n');
        // Replaced by another file (a new inode), as editors and exports save.
        writeFileSync(`${file}.new`, 'client,region\nc1,eu\n');
        execFileSync('mv', [`${file}.new`, file]);
        expect(Buffer.from(await provider.readPrefix(URI.file(file), 1000)).toString('utf8')).toBe('client,region\nc1,eu\n');
        // A removed file is refused in words, not served from what was read before.
        rmSync(file);
        await expect(provider.readPrefix(URI.file(file), 1000)).rejects.toThrow(/does not exist/);
    });
});

describe('readFilePrefix', () => {
    test('uses the provider\'s readPrefix when it has one, never a whole read', async () => {
        const calls: string[] = [];
        const provider = Object.assign(new EmptyFileSystemProvider(), {
            readPrefix: async (_uri: URI, maxBytes: number) => { calls.push(`prefix ${maxBytes}`); return new Uint8Array(maxBytes); },
            readBinary: async () => { calls.push('whole'); return new Uint8Array(0); }
        });
        expect((await readFilePrefix(provider, URI.file('/x.csv'), 10)).length).toBe(10);
        expect(calls).toEqual(['prefix 10']);
    });

    test('falls back to a whole read, cut to the size asked, for providers without it', async () => {
        const provider = Object.assign(new EmptyFileSystemProvider(), {
            readBinary: async () => new TextEncoder().encode('opened,priority\n2026-03-02 09:00,P1\n')
        });
        const prefix = await readFilePrefix(provider, URI.file('/x.csv'), 6);
        expect(new TextDecoder().decode(prefix)).toBe('opened');
    });
});

describe('SlaNodeFileSystemProvider and special files', () => {
    test('refuses a FIFO instead of blocking on it (prefix, whole read, data-file check)', async () => {
        const fifo = join(folder, 'pipe.sla');
        execFileSync('mkfifo', [fifo]);
        const provider = new SlaNodeFileSystemProvider();
        // Each of these would block forever on main: nobody writes to the FIFO.
        await expect(provider.readPrefix(URI.file(fifo), 100)).rejects.toThrow('is not a regular file');
        await expect(provider.readFile(URI.file(fifo))).rejects.toThrow('is not a regular file');
        expect(await provider.dataFileProblem(URI.file(fifo))).toContain('is not a regular file');
        expect(await provider.dataFileProblem(URI.file(folder))).toBe('is a folder, not a file');
    }, 10_000);
});

describe('SlaNodeFileSystemProvider.readFile: the text of a .sla file', () => {
    const agreement = 'agreement Müller "Müller GmbH – Hosting" {\n}\n';

    test('UTF-16 with its byte order mark is read as UTF-16 (little- and big-endian), UTF-8 as before', async () => {
        const fileSystem = new SlaNodeFileSystemProvider();
        const le = join(folder, 'utf16le.sla');
        writeFileSync(le, Buffer.from(`\uFEFF${agreement}`, 'utf16le'));
        const be = join(folder, 'utf16be.sla');
        writeFileSync(be, Buffer.from(`\uFEFF${agreement}`, 'utf16le').swap16());
        const utf8 = join(folder, 'utf8.sla');
        writeFileSync(utf8, agreement);
        expect(await fileSystem.readFile(URI.file(le))).toBe(agreement);
        expect(await fileSystem.readFile(URI.file(be))).toBe(agreement);
        expect(await fileSystem.readFile(URI.file(utf8))).toBe(agreement);
    });

    test('a UTF-8 byte order mark is not text: the text starts after it, as an editor shows it, so columns count as the editor\'s do', async () => {
        const fileSystem = new SlaNodeFileSystemProvider();
        // Notepad's "UTF-8 with BOM": EF BB BF, then the text.
        const bom = join(folder, 'bom.sla');
        writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(agreement)]));
        expect(await fileSystem.readFile(URI.file(bom))).toBe(agreement);
        // Only at the start: a U+FEFF inside the text is a character of it.
        const inside = join(folder, 'inside.sla');
        writeFileSync(inside, `${agreement}// \uFEFF\n`);
        expect(await fileSystem.readFile(URI.file(inside))).toBe(`${agreement}// \uFEFF\n`);
    });

    test('Latin-1 bytes are read as U+FFFD, where validation reports them (sla/text-encoding)', async () => {
        const file = join(folder, 'latin1.sla');
        writeFileSync(file, Buffer.from(agreement, 'latin1'));
        const text = await new SlaNodeFileSystemProvider().readFile(URI.file(file));
        expect(text.startsWith('agreement M\uFFFDller "M\uFFFDller GmbH')).toBe(true);
    });
});
