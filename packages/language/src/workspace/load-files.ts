import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { isDocument, type Import } from '../generated/ast.js';
import { createSlaServices, type SlaServices } from '../sla-module.js';
import { dataAccessOf } from '../validation/sla-validation-module.js';
import type { DataAccess } from './data-access.js';
import { resolveImportUri } from './imports.js';
import { SlaNodeFileSystem, SlaNodeFileSystemProvider } from './sla-node-file-system.js';

export interface LoadedWorkspace {
    services: SlaServices;
    /** The documents asked for, in the order given. */
    documents: LangiumDocument[];
    /** Every loaded document, imports included. */
    all: LangiumDocument[];
}

/**
 * Loads `.sla` files (and folders, searched recursively) outside an editor, follows their
 * imports, and builds them (parse, link, validate) — what the CLI and the tests need.
 * Throws, naming the file, when a file asked for (or an import that exists) cannot be read.
 */
export async function loadSlaFiles(paths: string[], options: { validate?: boolean; services?: SlaServices } = {}): Promise<LoadedWorkspace> {
    const services = options.services ?? createSlaServices(SlaNodeFileSystem).Sla;
    const access = dataAccessOf(services);
    // The files do not change during this one load: each path is judged once against the allowed folders.
    access.startBatch();
    try {
        return await loadWithin(paths, services, access, options);
    } finally {
        access.endBatch();
    }
}

async function loadWithin(paths: string[], services: SlaServices, access: DataAccess, options: { validate?: boolean } = {}): Promise<LoadedWorkspace> {
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const fileSystem = services.shared.workspace.FileSystemProvider;
    const files = await filesAskedFor(paths);
    const requested: LangiumDocument[] = [];
    const loaded = new Map<string, LangiumDocument>();
    const importTargets = new ImportTargets();
    // Breadth first, one import level at a time: the files of a level are read concurrently
    // (a bounded number at a time), then made into documents one after the other in the
    // order a queue would have taken them, so the documents, their order and any error
    // are the same as when each file was read in turn.
    let level = files.map(file => URI.file(file));
    while (level.length > 0) {
        const wanted = new Map<string, URI>();
        for (const uri of level) {
            const key = uri.toString();
            if (!loaded.has(key) && !wanted.has(key)) wanted.set(key, uri);
        }
        const texts = await readConcurrently([...wanted.values()], uri =>
            langiumDocuments.hasDocument(uri) ? Promise.resolve(undefined) : fileSystem.readFile(uri));
        const next: URI[] = [];
        let i = 0;
        for (const [key, uri] of wanted) {
            const text = texts[i++]!;
            let document: LangiumDocument;
            try {
                if (!text.ok) throw text.error;
                document = langiumDocuments.getDocument(uri) ?? langiumDocuments.createDocument(uri, text.value!);
            } catch (error) {
                // A missing import: the validator reports it at the import. Any other file that
                // cannot be read is an error of its own: no file is ever skipped silently.
                if (!files.includes(uri.fsPath) && !await isFile(uri.fsPath)) continue;
                throw new Error(`cannot read ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
            }
            loaded.set(key, document);
            const root = document.parseResult.value;
            if (isDocument(root)) {
                for (const imp of root.imports) {
                    const target = importTargets.resolve(imp, document);
                    // An import outside the allowed folders is not read; the validator says so at the import.
                    if (target && access.problem(target.fsPath, document.uri.fsPath) === undefined) next.push(target);
                }
            }
        }
        level = next;
    }
    for (const file of files) {
        const document = loaded.get(URI.file(file).toString());
        if (document) requested.push(document);
    }
    const all = [...loaded.values()];
    // The files do not change during this one load: each data file is looked up once for all
    // the datasets that name it (400 agreements of a portfolio name the same few files).
    const batch = fileSystem instanceof SlaNodeFileSystemProvider ? fileSystem : undefined;
    batch?.startBatch();
    try {
        await services.shared.workspace.DocumentBuilder.build(all, { validation: options.validate ?? true });
    } finally {
        batch?.endBatch();
    }
    return { services, documents: requested, all };
}

/**
 * Lets the loaded documents go (syntax trees, index entries, workspace caches), for a caller
 * that has taken what it needs from them: the CLI's portfolio keeps only the agreements'
 * models through the pass over the data (the 400 trees of a portfolio are ≈ 75 MB of heap).
 */
export async function releaseSlaFiles(workspace: LoadedWorkspace): Promise<void> {
    const uris = workspace.all.map(document => document.uri);
    workspace.documents.length = 0;
    workspace.all.length = 0;
    await workspace.services.shared.workspace.DocumentBuilder.update([], uris);
}

/** How many files are read at once: enough to keep the disk and the thread pool busy, few enough not to run out of file handles. */
export const CONCURRENT_READS = 64;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** `read` of each item, at most {@link CONCURRENT_READS} at a time; the results (or errors) in the items' order. */
async function readConcurrently<I, T>(items: I[], read: (item: I) => Promise<T>): Promise<Array<Settled<T>>> {
    const results = new Array<Settled<T>>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const index = next++;
            try {
                results[index] = { ok: true, value: await read(items[index]!) };
            } catch (error) {
                results[index] = { ok: false, error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, items.length) }, worker));
    return results;
}

async function isFile(file: string): Promise<boolean> {
    return fs.stat(file).then(stat => stat.isFile(), () => false);
}

/**
 * The `.sla` files of the paths given, each once, in the order first given: a file named twice
 * (`. kilo.sla`, `kilo.sla ./kilo.sla`, a folder and a link to it) is one document, so its
 * agreements are not evaluated — and their credits counted — twice.
 */
async function filesAskedFor(paths: readonly string[]): Promise<string[]> {
    const files = new Map<string, string>();
    for (const given of paths) {
        const expanded = await expandPath(path.resolve(given));
        const keys = await Promise.all(expanded.map(file => fs.realpath(file).catch(() => file)));
        expanded.forEach((file, index) => {
            if (!files.has(keys[index]!)) files.set(keys[index]!, file);
        });
    }
    return [...files.values()];
}

async function expandPath(target: string): Promise<string[]> {
    const stat = await fs.stat(target);
    if (!stat.isDirectory()) return [target];
    const result: string[] = [];
    for (const entry of await fs.readdir(target, { withFileTypes: true, recursive: true })) {
        if (entry.isFile() && entry.name.endsWith('.sla') && !entry.parentPath.includes('node_modules')) {
            result.push(path.join(entry.parentPath, entry.name));
        }
    }
    return result.sort();
}

/**
 * The files imports name, resolved once per folder and written path during one load: 400
 * clients in one folder importing "catalogue.sla" name one file, and resolving a path as a
 * URI costs tens of microseconds.
 */
class ImportTargets {
    private readonly targets = new Map<string, URI | undefined>();

    resolve(imp: Import, document: LangiumDocument): URI | undefined {
        if (imp.path === undefined) return resolveImportUri(imp);
        const key = `${path.dirname(document.uri.fsPath)}\0${document.uri.scheme}\0${imp.path}`;
        if (this.targets.has(key)) return this.targets.get(key);
        const target = resolveImportUri(imp);
        this.targets.set(key, target);
        return target;
    }
}
