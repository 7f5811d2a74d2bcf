import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The file (absolute path) that stands where `folder`, or a folder above it, should be: `sla init
 * t1/data/requests.csv` names a file, `--out t1/data/requests.csv/report.json` writes under one.
 * Undefined when the path is a folder or can be made one.
 */
export async function fileInPath(folder: string): Promise<string | undefined> {
    for (let at = path.resolve(folder); ; at = path.dirname(at)) {
        const info = await fs.stat(at).catch(() => undefined);
        if (info !== undefined) return info.isDirectory() ? undefined : at;
        if (path.dirname(at) === at) return undefined;
    }
}
