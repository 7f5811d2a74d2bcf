/** The Node file system for the SLA services: Langium's, plus bounded reads of a file's start. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { dataFileProblem } from '@sla/engine';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import type { PrefixReadingFileSystemProvider } from './file-prefix.js';

export class SlaNodeFileSystemProvider extends NodeFileSystemProvider implements PrefixReadingFileSystemProvider {
    /**
     * Reads only the first `maxBytes` bytes, whatever the file's size. Only a regular file:
     * a FIFO would block the read (and with it every document's diagnostics), a device
     * such as /dev/zero never ends.
     */
    async readPrefix(uri: URI, maxBytes: number): Promise<Uint8Array> {
        const problem = await dataFileProblem(uri.fsPath);
        if (problem !== undefined) throw new Error(`${uri.fsPath} ${problem}`);
        // O_NONBLOCK: a FIFO swapped in after the check must not block the open either.
        const handle = await open(uri.fsPath, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
            if (!(await handle.stat()).isFile()) throw new Error(`${uri.fsPath} is not a regular file`);
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

    /** Whole reads (`.sla` files) refuse a FIFO or device too: one in the workspace would block the server's start. */
    override async readFile(uri: URI): Promise<string> {
        await requireRegularFile(uri);
        return super.readFile(uri);
    }

    override async readBinary(uri: URI): Promise<Uint8Array> {
        await requireRegularFile(uri);
        return super.readBinary(uri);
    }

    async dataFileProblem(uri: URI): Promise<string | undefined> {
        return dataFileProblem(uri.fsPath);
    }
}

async function requireRegularFile(uri: URI): Promise<void> {
    const problem = await dataFileProblem(uri.fsPath);
    // Missing files keep Node's own error (callers test for ENOENT).
    if (problem !== undefined && problem !== 'does not exist') throw new Error(`${uri.fsPath} ${problem}`);
}

/** Pass to `createSlaServices` where Langium's `NodeFileSystem` would go. */
export const SlaNodeFileSystem = {
    fileSystemProvider: () => new SlaNodeFileSystemProvider()
};
