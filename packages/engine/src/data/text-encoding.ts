import type { CsvEncoding } from './spec.js';
import { invalidUtf8Offset } from './utf8.js';

/**
 * Data files are read as UTF-8; a CSV file in another encoding declares it (`encoding
 * "windows-1252"`, `"utf-16"`) and is read through a Transcoder. An undeclared export in UTF-16
 * or UTF-32 (Excel's "Unicode Text", Windows PowerShell's `Out-File` and `>`, some ITSM tools)
 * would otherwise meet the user as
 * "the header is not valid UTF-8 (byte 0xff)" or, without a byte order mark, as a header whose
 * columns are all missing ("check the path") — true, but no help. Its first bytes say which
 * encoding it is: a byte order mark, or the zero bytes that ASCII text has in UTF-16. No valid
 * UTF-8 data file starts so (0xFE and 0xFF are never UTF-8; a header or a JSON value does not
 * start with a one-letter name followed by a NUL).
 */

/** The encoding the first bytes of a file show, when it is one of the UTF-16 and UTF-32 forms; undefined otherwise. */
export function foreignEncodingAt(bytes: Uint8Array, start: number, end: number): string | undefined {
    const at = (k: number): number => (start + k < end ? bytes[start + k]! : -1);
    const [b0, b1, b2, b3] = [at(0), at(1), at(2), at(3)];
    if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return 'UTF-32 (big-endian)';
    if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return 'UTF-32 (little-endian)';
    if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 (big-endian)';
    if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 (little-endian)';
    // Without a byte order mark: two ASCII characters as UTF-16 (`s\0e\0`, `\0s\0e`).
    if (b0 > 0 && b0 < 0x80 && b1 === 0x00 && b2 > 0 && b2 < 0x80 && b3 === 0x00) return 'UTF-16 (little-endian, without byte order mark)';
    if (b0 === 0x00 && b1 > 0 && b1 < 0x80 && b2 === 0x00 && b3 > 0 && b3 < 0x80) return 'UTF-16 (big-endian, without byte order mark)';
    return undefined;
}

/** What to tell the user about a file in `encoding` (from foreignEncodingAt): what it is and what to do (Excel's way for a CSV file; a CSV dataset may declare UTF-16). */
export function foreignEncodingProblem(encoding: string, csv: boolean): string {
    const declare = csv && encoding.startsWith('UTF-16') ? 'declare encoding "utf-16" in the dataset, or ' : '';
    return `the file is ${encoding} text, and data files are read as UTF-8: ${declare}save it as UTF-8 (${csv ? 'in Excel: Save As "CSV UTF-8"; ' : ''}in PowerShell: -Encoding utf8)`;
}

/**
 * What to tell the user about a byte at `offset` that is not UTF-8 (utf8.ts found it): the byte,
 * and the character it is in Windows-1252 — the encoding of Excel's plain "CSV" (in Germany
 * "CSV (Trennzeichen-getrennt)") and of many Windows exports, where `Priorität` is written with
 * the single byte 0xE4 —, then what to do. `where` says where the byte is (`in column 2`).
 */
export function notUtf8Problem(bytes: Uint8Array, offset: number, where: string): string {
    const byte = bytes[offset]!;
    const hex = `0x${byte.toString(16).padStart(2, '0')}`;
    const reading = windows1252Reading(bytes, offset);
    const seems = reading === undefined ? '' : ` — ${JSON.stringify(reading)} in Windows-1252, as Excel's plain "CSV" and many Windows exports are saved`;
    return `byte ${hex} ${where} is not UTF-8${seems}: declare encoding "windows-1252" in the dataset if the file is saved so, or save it as UTF-8 (in Excel: Save As "CSV UTF-8")`;
}

/** The word around the byte at `offset` as Windows-1252 text (`Priorität`), when it reads as letters there. */
function windows1252Reading(bytes: Uint8Array, offset: number): string | undefined {
    const word = windows1252Text(wordAround(bytes, offset));
    return /^[\p{L}\p{N}]+$/u.test(word) ? word : undefined;
}

/**
 * Windows-1252's characters for the bytes 0x80–0x9F, as the WHATWG Encoding Standard has them
 * (the five bytes it leaves unassigned as the C1 controls of the same number); 0xA0–0xFF are
 * U+00A0–U+00FF, as in Latin-1. Written out because Node's TextDecoder('windows-1252') decodes
 * these 32 bytes as Latin-1's C1 controls (Node 24: 0x80 gives U+0080, not "€").
 */
const CP1252_80_9F = [
    0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178
];

/** Windows-1252 bytes as text. */
export function windows1252Text(bytes: Uint8Array): string {
    const out = Buffer.allocUnsafe(bytes.length * 3);
    return out.toString('utf8', 0, windows1252ToUtf8(bytes, out, 0));
}

/** Writes Windows-1252 `bytes` as UTF-8 into `into` from `at` (room for 3 bytes per byte); returns the bytes written. */
function windows1252ToUtf8(bytes: Uint8Array, into: Uint8Array, at: number): number {
    let to = at;
    for (let i = 0; i < bytes.length; i++) {
        const byte = bytes[i]!;
        if (byte < 0x80) into[to++] = byte;
        else {
            const code = byte < 0xa0 ? CP1252_80_9F[byte - 0x80]! : byte;
            if (code < 0x800) {
                into[to++] = 0xc0 | (code >> 6);
                into[to++] = 0x80 | (code & 0x3f);
            } else {
                into[to++] = 0xe0 | (code >> 12);
                into[to++] = 0x80 | ((code >> 6) & 0x3f);
                into[to++] = 0x80 | (code & 0x3f);
            }
        }
    }
    return to - at;
}

/**
 * A file's bytes in a declared encoding, turned into UTF-8 as they are read (the record readers
 * read UTF-8): chunk after chunk, a character cut by a chunk's end completed by the next.
 */
export interface Transcoder {
    /**
     * Writes the UTF-8 of the file's next `bytes` into `into` from `at` — which must have room for
     * UTF8_BYTES_PER_BYTE per byte, and as many for a character begun in the chunk before —, `last`
     * when they are the file's last; returns the bytes written.
     */
    write(bytes: Uint8Array, into: Buffer, at: number, last: boolean): number;
    /**
     * Once the whole file was written: why it is not in the declared encoding after all, with the
     * line that shows it, or undefined (Windows-1252: a UTF-8 file whose first kilobytes are ASCII).
     */
    finish?(): EncodingMismatch | undefined;
}

/** The most UTF-8 bytes one byte of a file in a declared encoding becomes (a Windows-1252 "€"; half a UTF-16 unit gives at most 1.5). */
export const UTF8_BYTES_PER_BYTE = 3;

/** The transcoder of a declared encoding. */
export function transcoderOf(encoding: CsvEncoding): Transcoder {
    if (encoding === 'windows-1252') return windows1252Transcoder();
    // UTF-16: big-endian when the file starts with its mark (FE FF) or, without a mark, with the zero byte of
    // an ASCII character written high byte first; else little-endian, as Excel and PowerShell write it (its
    // mark FF FE, when there, is dropped by the decoder). A unit cut by a chunk's end waits for the next.
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    /** the file's first byte, while the second (which tells the byte order) has not come */
    let first: Uint8Array | undefined;
    return {
        write(bytes, into, at, last) {
            if (decoder === undefined) {
                if (first !== undefined) bytes = Buffer.concat([first, bytes]);
                if (bytes.length < 2 && !last) {
                    first = Uint8Array.from(bytes);
                    return 0;
                }
                const bigEndian = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0x00 && bytes[1] !== 0x00);
                decoder = new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le');
            }
            const text = decoder.decode(bytes, { stream: !last });
            if (text.length === 0) return 0;
            // Buffer#write stops silently where `into` ends: never lose text so (the caller leaves room: refill).
            if (Buffer.byteLength(text, 'utf8') > into.length - at) throw new Error('no room for the transcoded text');
            return into.write(text, at, 'utf8');
        }
    };
}

/**
 * Windows-1252 reads any bytes, so a UTF-8 file declared so would be misread without an error
 * (`Müller` as `MÃ¼ller`) where its first kilobytes, which encodingMismatch looks at, are ASCII.
 * As the file goes by, its high bytes are followed as UTF-8 would have them: when every one is
 * part of a valid UTF-8 sequence and there is at least one, the file is UTF-8 (real Windows-1252
 * text has a lone high byte — `ä` is 0xE4 followed by a letter — long before it could spell
 * `Ã¤` twice in a row), and `finish` says so with the line of the first such sequence.
 */
function windows1252Transcoder(): Transcoder {
    /** continuation bytes still expected after a UTF-8 lead byte */
    let need = 0;
    /** a high byte that UTF-8 cannot have there: the file is not UTF-8, and is no longer followed */
    let notUtf8 = false;
    /** the first complete multi-byte sequence: its line and the bytes of its word */
    let evidence: { line: number; word: Uint8Array } | undefined;
    /** lines of the file so far, counted until the evidence is found */
    let line = 1;
    const follow = (bytes: Uint8Array): void => {
        for (let i = 0; i < bytes.length; i++) {
            const byte = bytes[i]!;
            if (byte < 0x80) {
                if (need > 0) return void (notUtf8 = true);
                if (byte === 0x0a && evidence === undefined) line++;
            } else if (byte < 0xc0) {
                if (need === 0) return void (notUtf8 = true);
                if (--need === 0 && evidence === undefined) evidence = { line, word: Uint8Array.from(wordAround(bytes, i)) };
            } else {
                if (need > 0 || byte < 0xc2 || byte > 0xf4) return void (notUtf8 = true);
                need = byte < 0xe0 ? 1 : byte < 0xf0 ? 2 : 3;
            }
        }
    };
    return {
        write(bytes, into, at) {
            if (!notUtf8) follow(bytes);
            return windows1252ToUtf8(bytes, into, at);
        },
        finish() {
            if (notUtf8 || need > 0 || evidence === undefined) return undefined;
            const asUtf8 = Buffer.from(evidence.word).toString('utf8');
            return { line: evidence.line, problem: `the file is UTF-8 text ("${asUtf8}" on this line), which Windows-1252 would read as "${windows1252Text(evidence.word)}": remove encoding "windows-1252" from the dataset` };
        }
    };
}

/**
 * Why a file's first bytes (`bytes`, up to a few kilobytes) are not in the declared encoding,
 * or undefined: a file declared UTF-16 that is not (reading it so would make every column a
 * string of CJK characters), or one declared Windows-1252 that is UTF-8 (or UTF-16) text —
 * Windows-1252 reads any bytes, and would turn `Priorität` into `PrioritÃ¤t` without an error,
 * so that a filter on such a value would silently match nothing. UTF-8 shows itself by
 * multi-byte sequences that are all valid (Windows-1252 text with letters such as "Ã¤" in a
 * row is not an export anyone writes).
 */
export function encodingMismatch(bytes: Uint8Array, encoding: CsvEncoding): EncodingMismatch | undefined {
    if (bytes.length === 0) return undefined; // an empty file: the readers say so
    const foreign = foreignEncodingAt(bytes, 0, bytes.length);
    if (encoding === 'utf-16') {
        if (foreign?.startsWith('UTF-16')) return undefined;
        return {
            line: 1,
            problem: foreign !== undefined
                ? `the file is ${foreign} text, not UTF-16: save it as UTF-8 (in PowerShell: -Encoding utf8)`
                : 'the file is not UTF-16 text (it has neither the byte order mark nor the zero bytes of UTF-16): remove encoding "utf-16" from the dataset if the file is UTF-8'
        };
    }
    if (foreign !== undefined) {
        const utf16 = foreign.startsWith('UTF-16');
        return { line: 1, problem: `the file is ${foreign} text, not Windows-1252: ${utf16 ? 'declare encoding "utf-16" in the dataset' : 'save it as UTF-8'}`, ...(utf16 ? { readsAs: 'utf-16' as const } : {}) };
    }
    // Whole lines only: the bytes may end inside a character.
    const end = bytes.lastIndexOf(0x0a) + 1;
    const lines = bytes.subarray(0, end > 0 ? end : bytes.length);
    const multiByte = lines.findIndex((byte) => byte >= 0x80);
    if (multiByte < 0 || invalidUtf8Offset(lines, 0, lines.length) >= 0) return undefined;
    const word = wordAround(lines, multiByte);
    const asUtf8 = Buffer.from(word.buffer, word.byteOffset, word.byteLength).toString('utf8');
    return { line: 1, problem: `the file is UTF-8 text ("${asUtf8}"), which Windows-1252 would read as "${windows1252Text(word)}": remove encoding "windows-1252" from the dataset` };
}

/** Why a file is not in its declared encoding, and the line that shows it. */
export interface EncodingMismatch {
    line: number;
    problem: string;
    /** the encoding the file is in, when declaring it would read the file */
    readsAs?: 'utf-16';
}

/** How much of a file's start tells, before it is read, whether it is in its declared encoding (encodingMismatch). */
export const ENCODING_CHECK_BYTES = 4096;

/** The bytes of the word (letters, digits, any byte of a multi-byte character) around `offset`, at most 30 bytes either side. */
function wordAround(bytes: Uint8Array, offset: number): Uint8Array {
    const isWordByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0x80;
    let start = offset;
    let end = offset + 1;
    while (start > 0 && offset - start < 30 && isWordByte(bytes[start - 1]!)) start--;
    while (end < bytes.length && end - offset < 30 && isWordByte(bytes[end]!)) end++;
    return bytes.subarray(start, end);
}

/**
 * A file's first bytes in a declared encoding as UTF-8, for the editor's checks of a file's start
 * (a character cut by their end is left out unless they are the whole file), or why they are not
 * in that encoding: as evaluation would find it in these bytes (encodingMismatch on the first
 * ENCODING_CHECK_BYTES, then the transcoder's own follow-up).
 */
export function prefixText(bytes: Uint8Array, encoding: CsvEncoding, wholeFile: boolean): { text: Buffer } | { mismatch: EncodingMismatch } {
    const early = encodingMismatch(bytes.subarray(0, ENCODING_CHECK_BYTES), encoding);
    if (early !== undefined) return { mismatch: early };
    const out = Buffer.allocUnsafe(bytes.length * UTF8_BYTES_PER_BYTE + 16);
    const transcoder = transcoderOf(encoding);
    const text = out.subarray(0, transcoder.write(bytes, out, 0, wholeFile));
    const late = transcoder.finish?.();
    return late === undefined ? { text } : { mismatch: late };
}
