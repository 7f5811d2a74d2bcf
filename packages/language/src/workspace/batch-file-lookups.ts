/**
 * A file system lookup (stat) made once per path for the length of a batch: the CLI's
 * loading of a portfolio, where 400 agreements declare the same three data files and the
 * dataset checks would otherwise look each one up twice per dataset (exists? regular file?).
 * Only for a one-shot load (workspace/load-files.ts): files do not change under it. The
 * language server has no batch: files change while it runs, every check looks again.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

export class BatchFileLookups {
    private readonly stats = new Map<string, Promise<Stats>>();

    constructor(private readonly statOf: (path: string) => Promise<Stats> = stat) {}

    /** The file's stats as of its first lookup in this batch (an error, as Node threw it, the same way). */
    stat(path: string): Promise<Stats> {
        let result = this.stats.get(path);
        if (!result) {
            result = this.statOf(path);
            // Kept for the later lookups; a rejection handled by whoever awaits it.
            result.catch(() => undefined);
            this.stats.set(path, result);
        }
        return result;
    }
}
