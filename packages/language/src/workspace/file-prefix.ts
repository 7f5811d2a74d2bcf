/**
 * Reading the start of a file through Langium's file system provider. The editor looks at
 * the header and first record of a dataset's file while the user types; the provider only
 * offers whole-file reads, and a 600 MB export must not be read whole for a header. So a
 * provider may add `readPrefix` (the Node one does: SlaNodeFileSystemProvider); any other
 * (a browser or test provider) falls back to a whole read.
 */
import type { FileSystemProvider, URI } from 'langium';

/** A file system provider that can read the first bytes of a file alone. */
export interface PrefixReadingFileSystemProvider extends FileSystemProvider {
    /** At most `maxBytes` bytes from the start of the file (fewer when the file is shorter); refuses anything but a regular file. */
    readPrefix(uri: URI, maxBytes: number): Promise<Uint8Array>;
    /** Why the file cannot be read as data ("does not exist", "is a folder, not a file", …), or undefined. */
    dataFileProblem?(uri: URI): Promise<string | undefined>;
}

function readsPrefixes(fileSystem: FileSystemProvider): fileSystem is PrefixReadingFileSystemProvider {
    return typeof (fileSystem as Partial<PrefixReadingFileSystemProvider>).readPrefix === 'function';
}

/**
 * Why the file cannot be read as data, through whatever the provider offers: the Node
 * provider tells a FIFO or a folder from a missing file; others only say whether it exists.
 */
export async function dataFileProblem(fileSystem: FileSystemProvider, uri: URI): Promise<string | undefined> {
    if (readsPrefixes(fileSystem) && fileSystem.dataFileProblem) return fileSystem.dataFileProblem(uri);
    return await fileSystem.exists(uri) ? undefined : 'does not exist';
}

/** At most `maxBytes` bytes from the start of the file, through whatever the provider offers. */
export async function readFilePrefix(fileSystem: FileSystemProvider, uri: URI, maxBytes: number): Promise<Uint8Array> {
    if (readsPrefixes(fileSystem)) return fileSystem.readPrefix(uri, maxBytes);
    const bytes = await fileSystem.readBinary(uri);
    return bytes.length <= maxBytes ? bytes : bytes.subarray(0, maxBytes);
}
