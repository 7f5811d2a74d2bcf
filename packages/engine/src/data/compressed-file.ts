/**
 * Data files are read uncompressed. A compressed export (`requests.csv.gz` from a log shipper,
 * an Excel workbook, which is a zip archive) would otherwise meet the user as a CSV header that
 * is "not UTF-8 text" with the advice to declare encoding "windows-1252", or as columns all
 * missing. Its first bytes say what it is: no UTF-8 text starts with them (0x8B and 0xB5 are
 * never the first byte of a UTF-8 character; a header does not start with `PK` and two control
 * characters).
 */

export type Compression = 'gzip' | 'zip' | 'zstd';

/** The compression the first bytes of a file (bytes [start, end)) show, or undefined. */
export function compressionAt(bytes: Uint8Array, start: number, end: number): Compression | undefined {
    const at = (k: number): number => (start + k < end ? bytes[start + k]! : -1);
    if (at(0) === 0x1f && at(1) === 0x8b) return 'gzip';
    if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) return 'zip';
    if (at(0) === 0x28 && at(1) === 0xb5 && at(2) === 0x2f && at(3) === 0xfd) return 'zstd';
    return undefined;
}

/** What to tell the user about a data file compressed so: what it is and what to do (`path`: the file as the dataset names it). */
export function compressedFileProblem(compression: Compression, path: string): string {
    const name = path.split(/[\\/]/).pop() ?? path;
    switch (compression) {
        case 'gzip':
            return `the file is gzip-compressed (it starts with the bytes 1f 8b), and data files are read uncompressed: decompress it first (gunzip -k ${name}) and name the decompressed file in the dataset`;
        case 'zstd':
            return `the file is zstd-compressed (it starts with the bytes 28 b5 2f fd), and data files are read uncompressed: decompress it first (zstd -d ${name}) and name the decompressed file in the dataset`;
        case 'zip':
            return /\.xlsx$/i.test(name)
                ? 'the file is an Excel workbook (a zip archive), and data files are read as text: save the sheet as CSV (in Excel: Save As "CSV UTF-8") and name that file in the dataset'
                : `the file is a zip archive (it starts with the bytes 50 4b 03 04; an Excel workbook is one too), and data files are read uncompressed: extract it first (unzip ${name}) and name the extracted file in the dataset`;
    }
}
