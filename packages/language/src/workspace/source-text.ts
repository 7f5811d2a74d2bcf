/**
 * The text of a `.sla` file's bytes. UTF-16 with its byte order mark (Notepad's "Unicode",
 * Windows PowerShell's `Out-File` and `>`) is read as UTF-16, as editors read it; read as UTF-8
 * it was hundreds of syntax errors. Anything else is read as UTF-8, as before: bytes that are
 * not UTF-8 become U+FFFD, which validation/text-encoding.ts reports. A byte order mark is not
 * text (editors neither show nor count it): kept, it made every column of the first line one
 * too far (1:29 for the editor's 1:28) in `sla validate`, its JSON and SARIF.
 */
export function sourceText(bytes: Uint8Array): string {
    if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
    const start = hasUtf8ByteOrderMark(bytes) ? 3 : 0;
    return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('utf8');
}

/** Whether the bytes start with the UTF-8 byte order mark (EF BB BF: Notepad's "UTF-8 with BOM"). */
export function hasUtf8ByteOrderMark(bytes: Uint8Array): boolean {
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
