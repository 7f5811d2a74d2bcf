import { CsvFileScan } from './csv.js';
import type { FileIdentity } from './chunked-file.js';
import type { DataError } from './data-error.js';
import { ScanContext } from './scan-context.js';
import type { DatasetSpec } from './spec.js';

/**
 * Reads the one CSV record that starts at file offset `offset` on physical line
 * `line`, as a scan would, and returns the error that rejects it (undefined if it is
 * valid). With `skipInvalid: false`, or for a problem that is always fatal, the error
 * is thrown, as a scan would. A parallel pass uses this to report a worker's rejected
 * records with the file's line numbers, in exactly the words of a single pass.
 * `file`: the file as the pass opened it; undefined too when the file at the path is no longer
 * that one (replaced, truncated, rewritten: ChunkedFileOptions.sameAs; deleted), and the pass
 * reads the range itself.
 */
export async function rejectionOfRecord(spec: DatasetSpec, offset: number, line: number, skipInvalid: boolean, file: FileIdentity): Promise<DataError | undefined> {
    const context = new ScanContext(spec, () => undefined, { skipInvalid, sameFileAs: file });
    let csv: CsvFileScan;
    try {
        csv = await CsvFileScan.open(context);
    } catch {
        return undefined; // not the pass's file any more (or none): the pass reads the range itself
    }
    try {
        await csv.readHeader();
        csv.seek(offset, line);
        await csv.readUntil(offset + 1);
        return context.rejectedSamples[0];
    } finally {
        await csv.close();
    }
}
