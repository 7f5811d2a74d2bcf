import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exampleFiles, root, runSla, temporaryFolder } from './run-cli.js';

/** `sla format` and `sla format --check` (docs/cli.md, "sla format"). */

const MESSY = [
    'agreement   Shop {',
    'timezone    "Europe/Berlin"',
    '      valid from 2026-01-01   to 2026-12-31',
    '  service WebShop{',
    '  kpi Up "Share of time up"   =   uptime(outages, from started to ended)',
    '  objective Up   >=    99.9 %   per calendar month',
    '}',
    '}',
    ''
].join('\n');
// What the editor's formatter makes of it (packages/language/test/lsp/formatting.test.ts
// states the rules): four-space indentation per block, one space between words, `99.9%` glued.
const TIDY = [
    'agreement Shop {',
    '    timezone "Europe/Berlin"',
    '    valid from 2026-01-01 to 2026-12-31',
    '    service WebShop {',
    '        kpi Up "Share of time up" = uptime(outages, from started to ended)',
    '        objective Up >= 99.9% per calendar month',
    '    }',
    '}',
    ''
].join('\n');

describe('sla format', () => {
    test('a CRLF file stays CRLF, re-indented lines too; --check sees a line ending in LF among CRLF ones', () => {
        const folder = temporaryFolder('format-crlf');
        const file = path.join(folder, 'shop.sla');
        const crlf = (text: string) => text.replace(/\n/g, '\r\n');
        fs.writeFileSync(file, crlf(MESSY));
        expect(runSla(['format', file]).code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toBe(crlf(TIDY));
        expect(runSla(['format', '--check', file]).code).toBe(0);
        // One LF among CRLF lines (an editor that wrote one line on its own): not formatted.
        const mixed = crlf(TIDY).replace('{\r\n', '{\n');
        fs.writeFileSync(file, mixed);
        const check = runSla(['format', '--check', file]);
        expect(check.code).toBe(1);
        expect(check.stdout).toBe(`${file}\n`);
        expect(runSla(['format', file]).code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toBe(crlf(TIDY));
    });

    test('rewrites a file in place as the editor formats it; a second run changes nothing', () => {
        const folder = temporaryFolder('format');
        const file = path.join(folder, 'shop.sla');
        fs.writeFileSync(file, MESSY);
        const first = runSla(['format', file]);
        expect(first.code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toBe(TIDY);
        expect(first.stderr).toContain('Formatted 1 file');
        const second = runSla(['format', '--check', file]);
        expect(second.code).toBe(0);
        expect(second.stdout).toBe('');
    });

    test('replaces the file whole (an editor holding it open reads the old text whole), keeping a link and the permissions', () => {
        const folder = temporaryFolder('format-replace');
        const file = path.join(folder, 'shop.sla');
        fs.writeFileSync(file, MESSY);
        fs.chmodSync(file, 0o640);
        const link = path.join(folder, 'current.sla');
        fs.symlinkSync(file, link);
        const holder = fs.openSync(file, 'r');
        try {
            expect(runSla(['format', link]).code).toBe(0);
            // Written in place, the open file would now read the new text (or a part of it).
            const bytes = Buffer.alloc(1000);
            expect(bytes.subarray(0, fs.readSync(holder, bytes, 0, 1000, 0)).toString('utf8')).toBe(MESSY);
        } finally {
            fs.closeSync(holder);
        }
        expect(fs.readFileSync(file, 'utf8')).toBe(TIDY);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
        expect(fs.statSync(file).mode & 0o777).toBe(0o640);
        expect(fs.readdirSync(folder).sort()).toEqual(['current.sla', 'shop.sla']);
    });

    test('--check lists the files that would change, exits 1 and writes nothing', () => {
        const folder = temporaryFolder('format-check');
        fs.writeFileSync(path.join(folder, 'messy.sla'), MESSY);
        fs.writeFileSync(path.join(folder, 'tidy.sla'), TIDY);
        const result = runSla(['format', '--check', folder]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe(`${path.join(folder, 'messy.sla')}\n`);
        expect(fs.readFileSync(path.join(folder, 'messy.sla'), 'utf8')).toBe(MESSY);
    });

    test('a file that does not parse is never rewritten: its syntax errors with their places, exit 2', () => {
        const folder = temporaryFolder('format-broken');
        const broken = path.join(folder, 'broken.sla');
        const text = 'agreement Shop {\n      valid from 2026-01-01 to\n';
        fs.writeFileSync(broken, text);
        fs.writeFileSync(path.join(folder, 'messy.sla'), MESSY);
        const result = runSla(['format', folder]);
        expect(result.code).toBe(2);
        expect(fs.readFileSync(broken, 'utf8')).toBe(text);
        // The date is missing at the end of the text: reported on the last line, with the code validate uses.
        expect(result.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:1: error: .*\\[sla/syntax-error\\]`));
        expect(result.stderr).toContain('does not parse; it was left as it is');
        // The other file is still formatted.
        expect(fs.readFileSync(path.join(folder, 'messy.sla'), 'utf8')).toBe(TIDY);
        expect(runSla(['format', '--check', broken]).code).toBe(2);
    });

    test('a file that is not UTF-8 is never rewritten: formatted, its characters would be lost for good (exit 2)', () => {
        const folder = temporaryFolder('format-encoding');
        // Latin-1 (from an older editor or a script): "Müller" written with the byte 0xFC.
        const latin1 = path.join(folder, 'latin1.sla');
        const latin1Bytes = Buffer.from(MESSY.replace('agreement   Shop {', 'agreement   Shop "Müller GmbH" {'), 'latin1');
        fs.writeFileSync(latin1, latin1Bytes);
        const utf16 = path.join(folder, 'utf16.sla');
        const utf16Bytes = Buffer.from(`\uFEFF${MESSY}`, 'utf16le');
        fs.writeFileSync(utf16, utf16Bytes);
        fs.writeFileSync(path.join(folder, 'messy.sla'), MESSY);
        const result = runSla(['format', folder]);
        expect(result.code).toBe(2);
        expect(fs.readFileSync(latin1).equals(latin1Bytes)).toBe(true);
        expect(fs.readFileSync(utf16).equals(utf16Bytes)).toBe(true);
        const at = (file: string) => file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        expect(result.stderr).toMatch(new RegExp(`${at(latin1)}:1:20: error: byte 0xfc is not UTF-8 \\(the file was probably saved as Latin-1 or Windows-1252\\) \\[sla/text-encoding\\]`));
        expect(result.stderr).toMatch(new RegExp(`${at(utf16)}:1:1: error: the file is UTF-16 \\(little-endian\\) text, not UTF-8 \\[sla/text-encoding\\]`));
        expect(result.stderr).toContain('Formatted 1 file; 0 files already formatted; 2 files left as they were (not UTF-8).');
        // The UTF-8 file beside them is formatted.
        expect(fs.readFileSync(path.join(folder, 'messy.sla'), 'utf8')).toBe(TIDY);
    });

    test('an under-indented block comment of several lines is moved as a whole, its words unchanged; twice is once', () => {
        const lines = (comment: string[]) => [
            'agreement F "F" {',
            '    provider P "P"',
            '    customer C "C"',
            '    valid from 2026-01-01 to 2026-12-31',
            ...comment,
            '    timezone "UTC"',
            '}',
            ''
        ].join('\n');
        const folder = temporaryFolder('format-comment');
        const file = path.join(folder, 'i.sla');
        fs.writeFileSync(file, lines(['  /* block', '     comment */']));
        const first = runSla(['format', file]);
        expect(first.stderr).not.toContain('more than whitespace');
        expect(first.code).toBe(0);
        const formatted = fs.readFileSync(file, 'utf8');
        expect(formatted).toBe(lines(['    /* block', '       comment */']));
        expect(formatted).toContain('/* block\n');
        expect(formatted).toContain(' comment */\n');
        expect(runSla(['format', file]).code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toBe(formatted);
        const check = runSla(['format', '--check', file]);
        expect(check.code).toBe(0);
        expect(check.stdout).toBe('');
    });

    test('a missing file is exit 2, nothing written', () => {
        const result = runSla(['format', 'no/such/file.sla']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('no such file or folder: no/such/file.sla');
    });

    test('every example is formatted, and formatting twice is formatting once', () => {
        const examples = exampleFiles();
        expect(examples.length).toBeGreaterThan(4);
        const check = runSla(['format', '--check', 'examples']);
        expect(check.stdout).toBe('');
        expect(check.code).toBe(0);
        // Idempotence on text that is not formatted yet: each example with its indentation
        // removed and its spaces doubled, formatted once, then again.
        const folder = temporaryFolder('format-twice');
        const copies = examples.map((file, i) => {
            const copy = path.join(folder, `${i}-${path.basename(file)}`);
            const text = fs.readFileSync(path.join(root, file), 'utf8');
            fs.writeFileSync(copy, text.split('\n').map(line => (line.trimStart().startsWith('//') ? line : line.trimStart().replace(/(\S) (?=[^"]*(?:"[^"]*"[^"]*)*$)/g, '$1  '))).join('\n'));
            return copy;
        });
        expect(runSla(['format', '--check', folder]).code).toBe(1);
        expect(runSla(['format', folder]).code).toBe(0);
        const once = copies.map(copy => fs.readFileSync(copy, 'utf8'));
        expect(runSla(['format', folder]).code).toBe(0);
        expect(copies.map(copy => fs.readFileSync(copy, 'utf8'))).toEqual(once);
        expect(runSla(['format', '--check', folder]).code).toBe(0);
    }, 60_000);
});
