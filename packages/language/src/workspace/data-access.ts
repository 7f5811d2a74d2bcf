/**
 * Which files an agreement may make the tools read (issue 13, security). A dataset or
 * import path must stay inside the allowed folders once symbolic links are resolved:
 * - the language server: the workspace folders (or, with none, the folder of the
 *   document), plus the folders of the `sla.data.allowedFolders` setting and the
 *   "allowDataOutside" of the workspace folders' `.slarc.json` (trusted workspaces only);
 * - the CLI: the folder of the file given, or the working directory when it contains
 *   that file, plus `--allow-data-outside DIR` and `.slarc.json` "allowDataOutside".
 * In an untrusted workspace (the editor says so at start-up) no data file is read at all.
 */
import { dirname, resolve } from 'node:path';
import { outsideAllowedFolders, pathCharacterProblem } from '@sla/engine';

export class DataAccess {
    /** false: the workspace is not trusted, no data file is read */
    trusted = true;
    /** the workspace folders (server) or the CLI's folder; undefined: the folder of each document */
    roots: string[] | undefined;
    /** folders the user allows besides the roots (absolute) */
    extraFolders: string[] = [];
    /** folders the workspace's `.slarc.json` allows ("allowDataOutside", absolute; trusted workspaces only) */
    projectFolders: string[] = [];
    /** the connections the project configures (`.slarc.json` "connections", `--connection`); undefined: not known, a dataset's connection is not checked */
    connections: ReadonlySet<string> | undefined;
    /** the same connections with their URLs and password variables (never a password), for evaluations of a trusted workspace */
    connectionConfigs: Record<string, { url: string; passwordEnv?: string }> | undefined;

    /** the connections of the editor's `sla.connections` setting (validation/connection-setting.ts); they win over `.slarc.json` entries of the same name */
    editorConnectionConfigs: Record<string, { url: string; passwordEnv?: string }> | undefined;

    /** The names a dataset's connection may take (`.slarc.json` and the editor setting); undefined: not known, not checked. */
    knownConnections(): ReadonlySet<string> | undefined {
        if (this.editorConnectionConfigs === undefined) return this.connections;
        return new Set([...(this.connections ?? []), ...Object.keys(this.editorConnectionConfigs)]);
    }

    /** The connections an evaluation may open: none in an untrusted workspace; else `.slarc.json`'s, the editor setting's winning. */
    evaluationConnections(): Record<string, { url: string; passwordEnv?: string }> | undefined {
        if (!this.trusted) return undefined;
        if (this.editorConnectionConfigs === undefined) return this.connectionConfigs;
        return { ...this.connectionConfigs, ...this.editorConnectionConfigs };
    }

    /** The folders a document at `documentFile` may read from. */
    allowedFolders(documentFile: string): string[] {
        return [...(this.roots ?? [dirname(documentFile)]), ...this.extraFolders, ...(this.trusted ? this.projectFolders : [])];
    }

    /**
     * Why `file` (absolute, as resolved from a path written in `documentFile`) may not be
     * read, in words, or undefined when it may.
     */
    problem(file: string, documentFile: string): string | undefined {
        const folders = this.allowedFolders(documentFile);
        if (!this.batch) return pathCharacterProblem(file) ?? outsideAllowedFolders(resolve(file), folders);
        // Symbolic links are resolved (file system lookups) for every answer: in a batch, once per file and folders.
        const key = `${file}\0${folders.join('\0')}`;
        if (this.batch.has(key)) return this.batch.get(key);
        const answer = pathCharacterProblem(file) ?? outsideAllowedFolders(resolve(file), folders);
        this.batch.set(key, answer);
        return answer;
    }

    /** The answers of {@link problem} during a batch (see {@link startBatch}), by file and allowed folders. */
    private batch: Map<string, string | undefined> | undefined;

    /**
     * From now until {@link endBatch}, each file is judged once for the same allowed folders: a
     * one-shot load (workspace/load-files.ts), where 400 agreements name the same data files and
     * nothing on disk changes meanwhile. The language server never starts one: links may change.
     */
    startBatch(): void {
        this.batch = new Map();
    }

    endBatch(): void {
        this.batch = undefined;
    }
}

/** Reads the client's word on Workspace Trust and the workspace folders from the `initialize` request. */
export function configureFromInitialize(access: DataAccess, params: { initializationOptions?: unknown; workspaceFolders?: Array<{ uri: string }> | null; rootUri?: string | null }, toPath: (uri: string) => string): void {
    const options = params.initializationOptions as { workspaceTrusted?: unknown } | undefined;
    // Only an explicit `false` restricts: other clients (and older extensions) do not send it.
    access.trusted = options?.workspaceTrusted !== false;
    const folders = params.workspaceFolders?.map(folder => toPath(folder.uri)) ?? (params.rootUri ? [toPath(params.rootUri)] : []);
    if (folders.length > 0) access.roots = folders;
}

/** The workspace folders after the client added or removed some (workspace-folder-changes.ts). */
export function changeWorkspaceFolders(access: DataAccess, event: { added: Array<{ uri: string }>; removed: Array<{ uri: string }> }, toPath: (uri: string) => string): void {
    const removed = new Set(event.removed.map(folder => toPath(folder.uri)));
    const kept = (access.roots ?? []).filter(root => !removed.has(root));
    const added = event.added.map(folder => toPath(folder.uri)).filter(root => !kept.includes(root));
    access.roots = [...kept, ...added];
}

/** `sla.data.allowedFolders`: absolute folders, or relative to the first workspace folder. */
export function allowedFoldersSetting(access: DataAccess, value: unknown): void {
    const base = access.roots?.[0] ?? process.cwd();
    access.extraFolders = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(folder => resolve(base, folder)) : [];
}
