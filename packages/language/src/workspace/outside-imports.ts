/**
 * Imported files the user allows outside the workspace folders (`sla.data.allowedFolders`,
 * `.slarc.json` "allowDataOutside"). Langium's workspace manager loads the `.sla` files under
 * the workspace folders only: an allowed `import "../shared/calendars.sla"` passed validation,
 * yet its declarations were never read — "Unknown calendar 'OfficeHours'" stayed, and the
 * evaluation was refused, where `sla validate --allow-data-outside` (which follows imports,
 * load-files.ts) found none. Here the server loads such a file when an import names it,
 * rebuilds it when it changes on disk (the editor watches the workspace only) — deleted and
 * recreated too, its folder stays watched while an import names it — and lets it go when no
 * import names it any more or its folder is no longer allowed; the documents that import it
 * are linked and checked again each time.
 */
import { watch } from 'node:fs';
import * as fs from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { outsideAllowedFolders } from '@sla/engine';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isDocument } from '../generated/ast.js';
import type { DataAccess } from './data-access.js';
import { resolveImportUri } from './imports.js';

/** How long a burst of file events (a save writes, renames, touches) is let settle before the file is read again. */
const SETTLE_MS = 50;

/** The watch of a followed file's folder; no longer alive once it failed (the next build watches again). */
interface FileWatch {
    readonly alive: boolean;
    close(): void;
}

/** An allowed file outside the workspace folders that an import names, and whether it is on disk now. */
interface WantedFile {
    uri: URI;
    exists: boolean;
}

export function followOutsideImports(shared: LangiumSharedServices, access: DataAccess): void {
    // Every wanted file is watched, missing ones too (undefined: its folder could not be watched).
    const followed = new Map<string, FileWatch | undefined>();
    let reconciling = false;
    let again = false;
    const reconcile = async (): Promise<void> => {
        if (reconciling) {
            again = true;
            return;
        }
        reconciling = true;
        try {
            do {
                again = false;
                await reconcileOnce(shared, access, followed);
            } while (again);
        } catch (error) {
            console.error('Loading imported files outside the workspace failed:', error);
        } finally {
            reconciling = false;
        }
    };
    // Only in the language server: the CLI's loader follows imports itself, and its workspace manager is never ready.
    void shared.workspace.WorkspaceManager.ready.then(() => {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => void reconcile());
        void reconcile();
    }, () => undefined);
}

async function reconcileOnce(shared: LangiumSharedServices, access: DataAccess, followed: Map<string, FileWatch | undefined>): Promise<void> {
    const documents = shared.workspace.LangiumDocuments;
    const wanted = await wantedOutsideImports(shared, access, followed);
    const load: URI[] = [];
    const drop: URI[] = [];
    for (const [key, { uri, exists }] of wanted) {
        // A missing file is watched too: deleted and recreated (a branch checked out and back, a
        // regenerated catalogue), it is read when it comes back, not at the next edit.
        const watch = followed.get(key);
        if (watch?.alive !== true) {
            watch?.close();
            followed.set(key, watchFile(shared, uri));
        }
        const present = documents.hasDocument(uri);
        if (exists && !present) load.push(uri);
        else if (!exists && present && !isOpenInEditor(shared, key)) drop.push(uri);
    }
    for (const [key, watch] of [...followed]) {
        if (wanted.has(key)) continue;
        watch?.close();
        followed.delete(key);
        const uri = URI.parse(key);
        // A file the user has open in an editor stays: the editor holds it, as any opened file.
        if (documents.hasDocument(uri) && !isOpenInEditor(shared, key)) drop.push(uri);
    }
    if (load.length === 0 && drop.length === 0) return;
    await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(load, drop, token));
}

function isOpenInEditor(shared: LangiumSharedServices, key: string): boolean {
    return shared.workspace.TextDocuments?.get(key) !== undefined;
}

/**
 * The allowed files outside the workspace folders that imports name, on disk or not, reached
 * from the workspace's documents (through other such files too), by URI string.
 */
async function wantedOutsideImports(shared: LangiumSharedServices, access: DataAccess, followed: ReadonlyMap<string, unknown>): Promise<Map<string, WantedFile>> {
    const documents = shared.workspace.LangiumDocuments;
    const wanted = new Map<string, WantedFile>();
    const queue: LangiumDocument[] = documents.all.filter(document => !followed.has(document.uri.toString())).toArray();
    const seen = new Set(queue.map(document => document.uri.toString()));
    while (queue.length > 0) {
        const document = queue.shift()!;
        const root = document.parseResult?.value;
        if (!isDocument(root) || document.uri.scheme !== 'file') continue;
        for (const imp of root.imports) {
            let target: URI | undefined;
            try {
                target = resolveImportUri(imp);
            } catch {
                continue;
            }
            if (target === undefined || target.scheme !== 'file') continue;
            const key = target.toString();
            if (seen.has(key)) continue;
            seen.add(key);
            if (!isOutsideWorkspaceFolders(target.fsPath, access)) continue;
            // Not allowed: validation/imports.ts reports it at the import, and nothing is read.
            if (access.problem(target.fsPath, document.uri.fsPath) !== undefined) continue;
            wanted.set(key, { uri: target, exists: await isFile(target.fsPath) });
            const imported = documents.getDocument(target);
            if (imported) queue.push(imported);
        }
    }
    return wanted;
}

/** Whether the workspace manager does not load `file`: it lies under none of the workspace folders (or there are none). */
function isOutsideWorkspaceFolders(file: string, access: DataAccess): boolean {
    const roots = access.roots ?? [];
    return roots.length === 0 || outsideAllowedFolders(file, roots) !== undefined;
}

async function isFile(file: string): Promise<boolean> {
    return fs.stat(file).then(stat => stat.isFile(), () => false);
}

/**
 * Rebuilds the file when it changes on disk, reads it when it appears, lets it go when it is
 * deleted. Its folder is watched, not the file: an editor saving by writing a new file and
 * renaming it over the old one ends a watch of the file itself, and a missing file has none.
 */
function watchFile(shared: LangiumSharedServices, uri: URI): FileWatch | undefined {
    const name = basename(uri.fsPath);
    let alive = true;
    let timer: NodeJS.Timeout | undefined;
    const reread = async (): Promise<void> => {
        // Let go meanwhile: no import names it any more, or its folder is no longer allowed.
        if (!alive) return;
        // Open in an editor: the editor's text is the document's, its changes come from there.
        if (isOpenInEditor(shared, uri.toString())) return;
        const exists = await isFile(uri.fsPath);
        if (!exists && !shared.workspace.LangiumDocuments.hasDocument(uri)) return;
        await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(exists ? [uri] : [], exists ? [] : [uri], token));
    };
    try {
        const watcher = watch(dirname(uri.fsPath), { persistent: false }, (_event, changed) => {
            if (changed !== null && changed.toString() !== name) return;
            clearTimeout(timer);
            timer = setTimeout(() => void reread().catch(() => undefined), SETTLE_MS);
        });
        const close = (): void => {
            alive = false;
            clearTimeout(timer);
            watcher.close();
        };
        watcher.on('error', close);
        return { get alive() { return alive; }, close };
    } catch {
        // A folder that cannot be watched (missing, say): the file is read at the next build.
        return undefined;
    }
}
