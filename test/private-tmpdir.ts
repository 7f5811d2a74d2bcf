import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest global set-up: the run's temporary files go to a folder of its own, removed when
 * the run ends. Tests, the CLIs they start and the throw-away database servers make their
 * folders under os.tmpdir(); without this, every run left a few thousand of them in /tmp.
 * TMPDIR is set before the test processes are forked, so they and their children inherit it.
 */
export default function setup(): () => void {
    const root = mkdtempSync(join(tmpdir(), 'sla-test-run-'));
    // As open as /tmp: the throw-away PostgreSQL servers run as the postgres user and must reach their folders.
    chmodSync(root, 0o1777);
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = root;
    return () => {
        if (previous === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = previous;
        rmSync(root, { recursive: true, force: true });
    };
}
