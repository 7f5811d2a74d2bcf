/**
 * Files the CLI writes over (reports with --out, `sla format`, `sla explain --out`, OpenSLO
 * files) are replaced whole or not at all (src/replace-file.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createReadStream, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { replaceFile, replaceFileText } from '../src/replace-file.js';
import { writePiecesToFile } from '../src/write-pieces.js';

/** packages/cli: the test's child process loads the compiled module (out/), as `sla` does. */
const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = mkdtempSync(join(tmpdir(), 'sla-replace-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A folder of its own with `report.json` holding the last report. */
function withOldReport(): { folder: string; file: string } {
    const folder = join(root, `case-${++folders}`);
    execFileSync('mkdir', ['-p', folder]);
    const file = join(folder, 'report.json');
    writeFileSync(file, '{"last": "report"}\n');
    return { folder, file };
}

describe('replaceFile', () => {
    test('a reader that opened the file before reads the old content whole; the path then has the new', async () => {
        const { folder, file } = withOldReport();
        const reader = openSync(file, 'r');
        await replaceFileText(file, '{"new": "report"}\n');
        const bytes = Buffer.alloc(100);
        const read = readSync(reader, bytes, 0, 100, 0);
        closeSync(reader);
        expect(bytes.subarray(0, read).toString()).toBe('{"last": "report"}\n');
        expect(readFileSync(file, 'utf8')).toBe('{"new": "report"}\n');
        expect(readdirSync(folder)).toEqual(['report.json']);
    });

    test('a write that fails midway leaves the old file as it was, and no temporary file', async () => {
        const { folder, file } = withOldReport();
        function* pieces(): Generator<string> {
            yield '{"entries": [';
            yield 'x'.repeat(10_000);
            throw new Error('the report could not be made');
        }
        // Batches of 1 kB: the first pieces are written before the failure.
        await expect(writePiecesToFile(file, pieces(), 1024)).rejects.toThrow('the report could not be made');
        expect(readFileSync(file, 'utf8')).toBe('{"last": "report"}\n');
        expect(readdirSync(folder)).toEqual(['report.json']);
    });

    test('a new file is made; one in a folder that does not exist is an error, and nothing is left', async () => {
        const { folder } = withOldReport();
        await replaceFileText(join(folder, 'new.md'), '# New\n');
        expect(readFileSync(join(folder, 'new.md'), 'utf8')).toBe('# New\n');
        await expect(replaceFileText(join(folder, 'none', 'new.md'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
        expect(readdirSync(folder).sort()).toEqual(['new.md', 'report.json']);
    });

    test('keeps the permission bits of the file replaced; refuses a file its owner may not write', async () => {
        const { file } = withOldReport();
        chmodSync(file, 0o640);
        await replaceFileText(file, 'new\n');
        expect(statSync(file).mode & 0o7777).toBe(0o640);
        chmodSync(file, 0o444);
        await expect(replaceFileText(file, 'newer\n')).rejects.toThrow('is read-only');
        expect(readFileSync(file, 'utf8')).toBe('new\n');
    });

    test('follows a symbolic link: the file it points to is replaced, the link stays', async () => {
        const { folder, file } = withOldReport();
        const link = join(folder, 'latest.json');
        symlinkSync(file, link);
        await replaceFileText(link, '{"via": "link"}\n');
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
        expect(readFileSync(file, 'utf8')).toBe('{"via": "link"}\n');
    });

    test('a signal that stops the process while it writes (Ctrl-C) removes the temporary file; the old file stays', async () => {
        const { folder, file } = withOldReport();
        // A process that writes part of a report, then waits: stopped there by SIGINT, then by SIGTERM.
        const script = `
            const { replaceFile } = await import(${JSON.stringify(pathToFileURL(join(cliRoot, 'out', 'replace-file.js')).href)});
            await replaceFile(${JSON.stringify(file)}, async (handle) => {
                await handle.write('{"entries": [');
                process.stdout.write('writing\\n');
                await new Promise((resolve) => setTimeout(resolve, 60_000));
            });`;
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
            const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
            await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
            expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
            const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, by) => resolve(by)));
            child.kill(signal);
            expect(await ended).toBe(signal);
            expect(readdirSync(folder)).toEqual(['report.json']);
            expect(readFileSync(file, 'utf8')).toBe('{"last": "report"}\n');
        }
    });

    test('writes a path that is not a regular file (a pipe) directly', async () => {
        const { folder } = withOldReport();
        const fifo = join(folder, 'pipe');
        execFileSync('mkfifo', [fifo]);
        const received = new Promise<string>((resolve, reject) => {
            const chunks: Buffer[] = [];
            createReadStream(fifo).on('data', (chunk) => chunks.push(chunk as Buffer)).on('end', () => resolve(Buffer.concat(chunks).toString())).on('error', reject);
        });
        await replaceFile(fifo, async (handle) => {
            await handle.writeFile('through the pipe\n');
        });
        expect(await received).toBe('through the pipe\n');
        expect(lstatSync(fifo).isFIFO()).toBe(true);
    });
});
