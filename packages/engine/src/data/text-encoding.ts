/**
 * Data files are read as UTF-8. An export in UTF-16 or UTF-32 (Excel's "Unicode Text",
 * Windows PowerShell's `Out-File` and `>`, some ITSM tools) would otherwise meet the user as
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

/** What to tell the user about a file in `encoding` (from foreignEncodingAt): what it is and what to do (Excel's way for a CSV file). */
export function foreignEncodingProblem(encoding: string, csv: boolean): string {
    return `the file is ${encoding} text, and data files are read as UTF-8: save it as UTF-8 (${csv ? 'in Excel: Save As "CSV UTF-8"; ' : ''}in PowerShell: -Encoding utf8)`;
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
    return `byte ${hex} ${where} is not UTF-8${seems}: save the file as UTF-8 (in Excel: Save As "CSV UTF-8")`;
}

const WINDOWS_1252 = new TextDecoder('windows-1252');

/** The word around the byte at `offset` as Windows-1252 text (`Priorität`), when it reads as letters there. */
function windows1252Reading(bytes: Uint8Array, offset: number): string | undefined {
    let start = offset;
    let end = offset + 1;
    const isWordByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0x80;
    while (start > 0 && offset - start < 30 && isWordByte(bytes[start - 1]!)) start--;
    while (end < bytes.length && end - offset < 30 && isWordByte(bytes[end]!)) end++;
    const word = WINDOWS_1252.decode(bytes.subarray(start, end));
    return /^[\p{L}\p{N}]+$/u.test(word) ? word : undefined;
}
