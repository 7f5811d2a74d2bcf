/**
 * The language server reads the `.slarc.json` of each workspace folder, as the CLI reads the
 * one of its working directory, so that the editor and CI flag the same vague terms and
 * allow the same data folders. It reads them again when one changes (the client watches
 * `**\/.slarc.json`) and re-validates the workspace. A malformed file is reported in the
 * server's log and as a message to the user, and leaves the previous settings in effect.
 */
import { resolve } from 'node:path';
import { URI, UriUtils } from 'langium';
import type { SlaServices } from '../sla-module.js';
import type { DataAccess } from '../workspace/data-access.js';
import { PROJECT_CONFIG_FILE, ProjectConfigError, parseProjectConfig } from '../workspace/project-config.js';
import type { VagueTerms } from './vague-terms.js';
import { onWorkspaceFoldersChange } from '../workspace/workspace-folder-changes.js';

export function watchProjectConfig(services: SlaServices, vagueTerms: VagueTerms, access: DataAccess): void {
    const shared = services.shared;
    let folders: URI[] = [];
    let current = '';
    const reload = async (): Promise<void> => {
        const terms: string[] = [];
        const allowed: string[] = [];
        let connections: Set<string> | undefined;
        const configs: Record<string, { url: string; passwordEnv?: string }> = {};
        for (const folder of folders) {
            const file = UriUtils.joinPath(folder, PROJECT_CONFIG_FILE);
            let text: string;
            try {
                text = await shared.workspace.FileSystemProvider.readFile(file);
            } catch {
                continue; // no .slarc.json in this folder
            }
            try {
                const config = parseProjectConfig(text, file.fsPath);
                terms.push(...config.vagueTerms);
                allowed.push(...config.allowDataOutside.map(folderPath => resolve(folder.fsPath, folderPath)));
                if (config.connections !== undefined) {
                    connections = new Set([...(connections ?? []), ...Object.keys(config.connections)]);
                    Object.assign(configs, config.connections);
                }
            } catch (error) {
                if (!(error instanceof ProjectConfigError)) throw error;
                shared.lsp.Connection?.console.warn(error.message);
                void shared.lsp.Connection?.window.showWarningMessage(`${error.message} The previous settings stay in effect.`);
                return;
            }
        }
        const key = JSON.stringify([terms, allowed, connections === undefined ? null : [...connections]]);
        if (key === current) return;
        current = key;
        access.connections = connections;
        access.connectionConfigs = connections === undefined ? undefined : configs;
        vagueTerms.setProjectTerms(terms);
        access.projectFolders = allowed;
        const documents = shared.workspace.LangiumDocuments.all.filter(document => shared.ServiceRegistry.getServices(document.uri) === services).toArray();
        if (documents.length === 0) return;
        await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
    };
    shared.lsp.LanguageServer.onInitialize(params => {
        folders = params.workspaceFolders?.map(folder => URI.parse(folder.uri)) ?? (params.rootUri ? [URI.parse(params.rootUri)] : []);
    });
    // A folder added to the workspace later brings its .slarc.json; a removed one takes its own away.
    onWorkspaceFoldersChange(shared, event => {
        const removed = new Set(event.removed.map(folder => URI.parse(folder.uri).toString()));
        folders = [...folders.filter(folder => !removed.has(folder.toString())), ...event.added.map(folder => URI.parse(folder.uri))];
        return reload();
    });
    // Read once the client is ready; if the file changes anything, the workspace is checked again.
    shared.lsp.LanguageServer.onInitialized(() => { void reload().catch(() => undefined); });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        if (params.changes.some(change => change.uri.endsWith(`/${PROJECT_CONFIG_FILE}`))) void reload().catch(() => undefined);
    });
}
