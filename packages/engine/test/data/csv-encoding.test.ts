/**
 * CSV files in another encoding than UTF-8, as the dataset declares it: `encoding
 * "windows-1252"` (Excel's plain "CSV", many Windows exports) and `encoding "utf-16"` (Excel's
 * "Unicode Text", Windows PowerShell). The files' bytes are written here byte by byte; the
 * expected values are the texts as written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { encodingMismatch, prefixText } from '../../src/data/index.js';
import { windows1252Text } from '../../src/data/text-encoding.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();

/** Windows-1252 bytes of a text: ASCII and U+00A0–U+00FF as themselves, and the few characters of 0x80–0x9F used here. */
function cp1252(text: string): Buffer {
    const high: Record<string, number> = { '€': 0x80, '„': 0x84, '–': 0x96, '“': 0x93, '”': 0x94, '’': 0x92 };
    return Buffer.from([...text].map((c) => high[c] ?? (c.codePointAt(0)! <= 0xff ? c.codePointAt(0)! : Number.NaN)));
}

const FIELDS = [field('service', 'text'), field('Priorität', 'text'), field('customer', 'text'), field('cost', 'number'), field('note', 'text')];
const TEXT = 'service,Priorität,customer,cost,note\r\napi,hoch,Müller GmbH,12.5,"Preis 5 € – „Angebot“"\r\nweb,niedrig,Café Crème,3,"zwei\r\nZeilen, ’quoted’"\r\n';
const EXPECTED = [
    { values: ['api', 'hoch', 'Müller GmbH', 12.5, 'Preis 5 € – „Angebot“'], line: 2 },
    { values: ['web', 'niedrig', 'Café Crème', 3, 'zwei\r\nZeilen, ’quoted’'], line: 3 }
];

describe('Windows-1252', () => {
    it('maps 0x80–0x9F as Windows-1252 does, not as Latin-1 (what Node\'s own decoder gives)', () => {
        const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
        // Python's cp1252 codec and the WHATWG index agree on these; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned (the C1 control).
        expect(windows1252Text(bytes)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
        expect(windows1252Text(Buffer.from([0x50, 0xe4, 0xdf, 0xff, 0xa0]))).toBe('Päßÿ\u00a0');
    });

    it('reads a file declared windows-1252: header, texts with €, dashes and quotes, a quoted line break', async () => {
        const path = file('excel.csv', cp1252(TEXT));
        const { rows } = await scan(path, FIELDS, { encoding: 'windows-1252' });
        expect(rows).toEqual(EXPECTED);
    });

    it('reads it the same in chunks of 1 to 7 bytes (a character is never cut: one byte each)', async () => {
        const path = file('excel-chunks.csv', cp1252(TEXT));
        for (const readChunkBytes of [1, 2, 3, 7]) {
            expect((await scan(path, FIELDS, { encoding: 'windows-1252', readChunkBytes })).rows).toEqual(EXPECTED);
        }
    });

    it('without the declaration, says what to declare', async () => {
        const err = await rejection(scan(file('undeclared.csv', cp1252(TEXT)), FIELDS));
        expect(err.message).toContain('the header is not UTF-8 text: byte 0xe4 in column 2 is not UTF-8 — "Priorität" in Windows-1252');
        expect(err.message).toContain('declare encoding "windows-1252" in the dataset if the file is saved so, or save it as UTF-8');
    });

    it('refuses a UTF-8 file declared windows-1252 (it would read "Müller" as "MÃ¼ller" without an error)', async () => {
        const err = await rejection(scan(file('utf8.csv', TEXT), FIELDS, { encoding: 'windows-1252' }));
        expect(err.message).toContain('utf8.csv:1:1: the file is UTF-8 text ("Priorität"), which Windows-1252 would read as "PrioritÃ¤t": remove encoding "windows-1252" from the dataset');
        // Told from the file's start, whatever the size of the reads.
        expect((await rejection(scan(file('utf8-chunks.csv', TEXT), FIELDS, { encoding: 'windows-1252', readChunkBytes: 1 }))).message).toContain('the file is UTF-8 text ("Priorität")');
        // Its first kilobytes ASCII, a UTF-8 name further down: said at the end of the read, with the line.
        const late = ['service,customer', ...Array.from({ length: 3000 }, (_, i) => `api,Acme ${i}`), 'web,Müller GmbH', 'api,Acme'].join('\n') + '\n';
        const lateError = await rejection(scan(file('utf8-late.csv', late), [field('service', 'text'), field('customer', 'text')], { encoding: 'windows-1252' }));
        expect(lateError.message).toContain('utf8-late.csv:3002: the file is UTF-8 text ("Müller" on this line), which Windows-1252 would read as "MÃ¼ller": remove encoding "windows-1252" from the dataset');
        expect(lateError.line).toBe(3002);
        const cut = await rejection(scan(file('utf8-late-chunks.csv', late), [field('service', 'text'), field('customer', 'text')], { encoding: 'windows-1252', readChunkBytes: 7 }));
        expect(cut.message).toContain('utf8-late-chunks.csv:3002: the file is UTF-8 text');
        // The same rows in Windows-1252 (ü is the byte 0xFC, a lone high byte): read.
        const lateRows = await scan(file('ansi-late.csv', cp1252(late)), [field('service', 'text'), field('customer', 'text')], { encoding: 'windows-1252', readChunkBytes: 1000 });
        expect(lateRows.rows.at(-2)).toEqual({ values: ['web', 'Müller GmbH'], line: 3002 });
        // A file of ASCII only is the same in both: read.
        const ascii = 'service,Priorität,customer,cost,note\napi,high,Acme,1,x\n'.replace('Priorität', 'priority');
        const { rows } = await scan(file('ascii.csv', ascii), [field('service', 'text'), field('priority', 'text')], { encoding: 'windows-1252' });
        expect(rows.map((r) => r.values)).toEqual([['api', 'high']]);
    });
});

describe('UTF-16', () => {
    const littleEndian = (bom: boolean): Buffer => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(TEXT.replace('Café', 'Café 😀'), 'utf16le')]);
    const bigEndian = (bom = true): Buffer => littleEndian(bom).swap16(); // (FE FF), then each unit high byte first
    const expected = [EXPECTED[0], { ...EXPECTED[1]!, values: ['web', 'niedrig', 'Café 😀 Crème', 3, 'zwei\r\nZeilen, ’quoted’'] }];

    it('reads little-endian and big-endian, with and without the byte order mark', async () => {
        for (const [name, bytes] of [['le-bom.csv', littleEndian(true)], ['le.csv', littleEndian(false)], ['be-bom.csv', bigEndian()], ['be.csv', bigEndian(false)]] as const) {
            expect((await scan(file(name, bytes), FIELDS, { encoding: 'utf-16' })).rows, name).toEqual(expected);
        }
    });

    it('reads it the same in chunks of 1 to 7 bytes (units and the emoji\'s surrogate pair cut by chunk ends)', async () => {
        for (const [name, bytes] of [['le-chunks.csv', littleEndian(true)], ['be-chunks.csv', bigEndian()], ['be-nobom-chunks.csv', bigEndian(false)]] as const) {
            for (const readChunkBytes of [1, 2, 3, 5, 7]) {
                expect((await scan(file(name, bytes), FIELDS, { encoding: 'utf-16', readChunkBytes })).rows, `${name} ${readChunkBytes}`).toEqual(expected);
            }
        }
    });

    it('without the declaration, says to declare it; declared on a file that is not UTF-16, says so', async () => {
        const undeclared = await rejection(scan(file('undeclared16.csv', littleEndian(true)), FIELDS));
        expect(undeclared.message).toContain('the file is UTF-16 (little-endian) text, and data files are read as UTF-8: declare encoding "utf-16" in the dataset, or save it as UTF-8');
        const utf8 = await rejection(scan(file('not16.csv', TEXT), FIELDS, { encoding: 'utf-16' }));
        expect(utf8.message).toContain('not16.csv:1:1: the file is not UTF-16 text (it has neither the byte order mark nor the zero bytes of UTF-16): remove encoding "utf-16" from the dataset if the file is UTF-8');
        const as1252 = await rejection(scan(file('16as1252.csv', littleEndian(true)), FIELDS, { encoding: 'windows-1252' }));
        expect(as1252.message).toContain('the file is UTF-16 (little-endian) text, not Windows-1252: declare encoding "utf-16" in the dataset');
    });

    it('an empty file declared utf-16 is an empty file', async () => {
        const err = await rejection(scan(file('empty16.csv', Buffer.alloc(0)), FIELDS, { encoding: 'utf-16' }));
        expect(err.message).toContain('the file is empty');
    });
});

describe('a file start for the editor', () => {
    it('gives the UTF-8 of a start, leaving out a character cut at its end', () => {
        const text = (bytes: Uint8Array, encoding: 'windows-1252' | 'utf-16', wholeFile: boolean) => {
            const read = prefixText(bytes, encoding, wholeFile);
            return 'text' in read ? read.text.toString() : read.mismatch.problem;
        };
        expect(text(cp1252('Priorität,€'), 'windows-1252', false)).toBe('Priorität,€');
        const units = Buffer.from('ab😀', 'utf16le');
        expect(text(units.subarray(0, 5), 'utf-16', false)).toBe('ab'); // half of the surrogate pair
        expect(text(units, 'utf-16', true)).toBe('ab😀');
    });

    it('tells a start in the declared encoding from one that is not, past the first 4 KB too', () => {
        expect(encodingMismatch(cp1252('Priorität\n'), 'windows-1252')).toBeUndefined();
        expect(encodingMismatch(Buffer.from('Priorität\nMüller'), 'windows-1252')).toMatchObject({ line: 1, problem: expect.stringContaining('("Priorität")') });
        expect(encodingMismatch(Buffer.from('\ufeffname\n', 'utf16le'), 'utf-16')).toBeUndefined();
        expect(encodingMismatch(Buffer.from('name\n'), 'utf-16')?.problem).toContain('not UTF-16 text');
        expect(encodingMismatch(Buffer.from('\ufeffname\n', 'utf16le'), 'windows-1252')).toMatchObject({ readsAs: 'utf-16' });
        const late = Buffer.from(['name', ...Array.from({ length: 500 }, (_, i) => `Acme ${i}`), 'Müller'].join('\n') + '\n');
        expect(prefixText(late, 'windows-1252', true)).toMatchObject({ mismatch: { line: 502, problem: expect.stringContaining('("Müller" on this line)') } });
    });
});
