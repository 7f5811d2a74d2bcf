/**
 * Writes a text given in pieces (see json-chunks.ts) to a file or to standard output, a batch of
 * about 1 MB at a time: few writes, and never the whole text in memory.
 */
import { once } from 'node:events';
import * as fs from 'node:fs/promises';

const BATCH_CHARACTERS = 1 << 20;

/** The pieces joined into batches of about BATCH_CHARACTERS. */
function* batches(pieces: Iterable<string>): Generator<string> {
    let batch: string[] = [];
    let length = 0;
    for (const piece of pieces) {
        batch.push(piece);
        length += piece.length;
        if (length >= BATCH_CHARACTERS) {
            yield batch.join('');
            batch = [];
            length = 0;
        }
    }
    if (length > 0) yield batch.join('');
}

export async function writePiecesToFile(file: string, pieces: Iterable<string>): Promise<void> {
    const handle = await fs.open(file, 'w');
    try {
        for (const batch of batches(pieces)) await handle.write(batch);
    } finally {
        await handle.close();
    }
}

/** To standard output, waiting whenever a pipe's buffer is full. */
export async function writePiecesToStdout(pieces: Iterable<string>): Promise<void> {
    for (const batch of batches(pieces)) {
        if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
    }
}
