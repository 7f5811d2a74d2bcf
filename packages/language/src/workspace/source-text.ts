/**
 * The text of a `.sla` file's bytes. UTF-16 with its byte order mark (Notepad's "Unicode",
 * Windows PowerShell's `Out-File` and `>`) is read as UTF-16, as editors read it; read as UTF-8
 * it was hundreds of syntax errors. Anything else is read as UTF-8, as before: bytes that are
 * not UTF-8 become U+FFFD, which validation/text-encoding.ts reports.
 */
export function sourceText(bytes: Uint8Array): string {
    if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
