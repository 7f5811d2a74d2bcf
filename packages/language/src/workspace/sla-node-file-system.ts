/** The Node file system for the SLA services: Langium's, plus bounded reads of a file's start. */
import { open } from 'node:fs/promises';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { PrefixReadingFileSystemProvider } from './file-prefix.js';

export class SlaNodeFileSystemProvider extends NodeFileSystemProvider implements PrefixReadingFileSystemProvider {
    /** Reads only the first `maxBytes` bytes (one read call), whatever the file's size. */
    async readPrefix(uri: URI, maxBytes: number): Promise<Uint8Array> {
        const handle = await open(uri.fsPath, 'r');
        try {
            const buffer = Buffer.alloc(maxBytes);
            let filled = 0;
            // A read may return fewer bytes than asked before the end of the file (pipes, network file systems).
            while (filled < maxBytes) {
                const { bytesRead } = await handle.read(buffer, filled, maxBytes - filled, filled);
                if (bytesRead === 0) break;
                filled += bytesRead;
            }
            return buffer.subarray(0, filled);
        } finally {
            await handle.close();
        }
    }
}

/** Pass to `createSlaServices` where Langium's `NodeFileSystem` would go. */
export const SlaNodeFileSystem = {
    fileSystemProvider: () => new SlaNodeFileSystemProvider()
};
