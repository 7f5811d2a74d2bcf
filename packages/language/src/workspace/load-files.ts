import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { isDocument } from '../generated/ast.js';
import { createSlaServices, type SlaServices } from '../sla-module.js';
import { dataAccessOf } from '../validation/sla-validation-module.js';
import { resolveImportUri } from './imports.js';
import { SlaNodeFileSystem } from './sla-node-file-system.js';

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
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const access = dataAccessOf(services);
    const files: string[] = [];
    for (const given of paths) files.push(...await expandPath(path.resolve(given)));
    const requested: LangiumDocument[] = [];
    const queue = [...files.map(file => URI.file(file))];
    const loaded = new Map<string, LangiumDocument>();
    while (queue.length > 0) {
        const uri = queue.shift()!;
        if (loaded.has(uri.toString())) continue;
        let document: LangiumDocument;
        try {
            document = await langiumDocuments.getOrCreateDocument(uri);
        } catch (error) {
            // A missing import: the validator reports it at the import. Any other file that
            // cannot be read is an error of its own: no file is ever skipped silently.
            if (!files.includes(uri.fsPath) && !await isFile(uri.fsPath)) continue;
            throw new Error(`cannot read ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
        loaded.set(uri.toString(), document);
        const root = document.parseResult.value;
        if (isDocument(root)) {
            for (const imp of root.imports) {
                const target = resolveImportUri(imp);
                // An import outside the allowed folders is not read; the validator says so at the import.
                if (target && access.problem(target.fsPath, document.uri.fsPath) === undefined) queue.push(target);
            }
        }
    }
    for (const file of files) {
        const document = loaded.get(URI.file(file).toString());
        if (document) requested.push(document);
    }
    const all = [...loaded.values()];
    await services.shared.workspace.DocumentBuilder.build(all, { validation: options.validate ?? true });
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

async function isFile(file: string): Promise<boolean> {
    return fs.stat(file).then(stat => stat.isFile(), () => false);
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
