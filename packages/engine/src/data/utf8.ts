/**
 * UTF-8 validity of raw bytes. `Buffer#toString('utf8')` turns invalid bytes into
 * U+FFFD silently, so `where service = "café"` would stop matching a Latin-1 file
 * without a word. Decoding stays the fast non-fatal one; a decoded string that holds
 * U+FFFD (rare: the file may also contain the character itself, validly) is re-checked
 * here byte by byte. Measured (Node 20, short text cells, 2 M decodes, shared machine):
 * `toString` about 360 ns, plus the U+FFFD test 410–500 ns, a fatal TextDecoder 750–1050
 * ns; and the CSV reader decodes only on a TextInterner miss, so repeated values pay nothing.
 */

/** The offset of the first byte in [start, end) that is not part of valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    while (i < end) {
        const c = bytes[i]!;
        if (c < 0x80) {
            i++;
            continue;
        }
        let length: number;
        let min: number;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + length > end) return i;
        let code = c & (0xff >> (length + 1));
        for (let k = 1; k < length; k++) {
            const next = bytes[i + k]!;
            if ((next & 0xc0) !== 0x80) return i;
            code = (code << 6) | (next & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
        if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
        i += length;
    }
    return -1;
}

/** The text of bytes [start, end), or undefined when they are not valid UTF-8. */
export function decodeUtf8Strictly(bytes: Buffer, start: number, end: number): string | undefined {
    const text = bytes.toString('utf8', start, end);
    return text.includes('\uFFFD') && invalidUtf8Offset(bytes, start, end) >= 0 ? undefined : text;
}
