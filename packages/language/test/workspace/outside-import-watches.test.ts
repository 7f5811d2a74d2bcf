/**
 * The folder watches of imported files outside the workspace (workspace/outside-imports.ts),
 * counted: a file an import names that is not on disk (not written yet, or a typo) has its
 * folder watched once however many builds follow — not one more watch each build — is read
 * when it appears, and its watch is closed when no import names it any more.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { dataAccessOf } from '../../src/validation/sla-validation-module.js';
import { SlaNodeFileSystem } from '../../src/workspace/sla-node-file-system.js';

/** Every fs.watch the module makes: the folder, and whether it was closed since. */
const watches = vi.hoisted(() => [] as Array<{ folder: string; closed: boolean }>);

vi.mock('node:fs', async (importOriginal) => {
    const actual = await importOriginal<typeof import('node:fs')>();
    const watch = ((...args: Parameters<typeof actual.watch>) => {
        const watcher = actual.watch(...args);
        const entry = { folder: String(args[0]), closed: false };
        watches.push(entry);
        const close = watcher.close.bind(watcher);
        watcher.close = () => {
            entry.closed = true;
            close();
        };
        return watcher;
    }) as typeof actual.watch;
    return { ...actual, default: { ...actual, watch }, watch };
});

const AGREEMENT = `agreement A "A" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset t "T" from "t.csv" {
        opened timestamp
        resolved timestamp optional
    }
    service S "S" {
        kpi R "R" unit hours = max(elapsed(t.opened, t.resolved) during OfficeHours)
        objective R <= 4 hours per calendar month
    }
}
`;
const SHARED = `calendar OfficeHours "Office hours" {
    monday to friday 08:00 to 18:00
}
`;

const folders: string[] = [];
afterAll(() => folders.forEach(folder => fs.rmSync(folder, { recursive: true, force: true })));

describe('folder watches of imported files outside the workspace', () => {
    test('a missing file an import names: one watch of its folder across builds, read when it appears, the watch closed when the import goes', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-outside-import-watches-'));
        folders.push(root);
        const workspace = path.join(root, 'ws');
        const outside = path.join(root, 'outside');
        fs.mkdirSync(workspace);
        fs.mkdirSync(outside);
        const file = path.join(workspace, 'a.sla');
        fs.writeFileSync(file, `import "../outside/later.sla"\n${AGREEMENT}`);
        fs.writeFileSync(path.join(workspace, 't.csv'), 'opened,resolved\n');

        const { shared, Sla } = createSlaServices({ ...SlaNodeFileSystem });
        const access = dataAccessOf(Sla);
        access.roots = [workspace];
        access.extraFolders = [outside];
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(workspace).toString(), name: 'ws' }]);
        const uri = URI.file(file);
        const rebuild = () => shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([uri], [], token));
        const unknownCalendar = () => shared.workspace.LangiumDocuments.getDocument(uri)?.references.some(reference => reference.error?.message.includes('OfficeHours')) ?? true;
        const watchesOfOutside = () => watches.filter(watch => watch.folder === outside);
        const openWatches = () => watchesOfOutside().filter(watch => !watch.closed).length;
        let mostOpen = 0;
        const counting = setInterval(() => mostOpen = Math.max(mostOpen, openWatches()), 5);
        try {
            await vi.waitFor(() => expect(openWatches()).toBe(1), { timeout: 20_000, interval: 20 });
            for (let build = 0; build < 5; build++) await rebuild();
            expect(unknownCalendar()).toBe(true);

            // The file written: its folder's watch reads it, with no other build.
            fs.writeFileSync(path.join(outside, 'later.sla'), SHARED);
            await vi.waitFor(() => expect(unknownCalendar()).toBe(false), { timeout: 20_000, interval: 20 });
            mostOpen = Math.max(mostOpen, openWatches());
            expect(watchesOfOutside()).toHaveLength(1);
            expect(mostOpen).toBe(1);

            // No import names it any more: the watch is closed and the file let go.
            fs.writeFileSync(file, AGREEMENT);
            await rebuild();
            await vi.waitFor(() => expect(openWatches()).toBe(0), { timeout: 20_000, interval: 20 });
            await vi.waitFor(() => expect(shared.workspace.LangiumDocuments.hasDocument(URI.file(path.join(outside, 'later.sla')))).toBe(false), { timeout: 20_000, interval: 20 });
        } finally {
            clearInterval(counting);
        }
    }, 60_000);
});
