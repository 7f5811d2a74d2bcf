/**
 * The editor setting `sla.connections` (VS Code settings, or any client's workspace/configuration):
 * named database connections besides the workspace's `.slarc.json`, in the same shape
 * (`"NAME": "URL"` or `{ "url", "passwordEnv" }`, never a password). Read by validation (a
 * dataset's connection must be known) and by evaluations of a trusted workspace
 * (DataAccess.evaluationConnections); an entry of the setting wins over `.slarc.json`'s.
 * A malformed setting is reported to the user and leaves the previous one in effect.
 */
import type { SlaServices } from '../sla-module.js';
import type { DataAccess } from '../workspace/data-access.js';
import { ProjectConfigError, connectionsOf } from '../workspace/project-config.js';

/** The connections of a setting's value; an empty or missing value is none. Throws ProjectConfigError with what is wrong. */
export function connectionsOfSetting(value: unknown): Record<string, { url: string; passwordEnv?: string }> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
    return connectionsOf(value, 'The setting sla.connections');
}

export function watchConnectionSetting(services: SlaServices, access: DataAccess): void {
    const shared = services.shared;
    const configuration = shared.workspace.ConfigurationProvider;
    const languageId = services.LanguageMetaData.languageId;
    let current = 'null';
    const apply = (value: unknown): void => {
        let connections: Record<string, { url: string; passwordEnv?: string }> | undefined;
        try {
            connections = connectionsOfSetting(value);
        } catch (error) {
            if (!(error instanceof ProjectConfigError)) throw error;
            shared.lsp.Connection?.console.warn(error.message);
            void shared.lsp.Connection?.window.showWarningMessage(`${error.message} The previous connections stay in effect.`);
            return;
        }
        const key = JSON.stringify(connections ?? null);
        if (key === current) return;
        current = key;
        access.editorConnectionConfigs = connections;
        // A dataset's connection may have become known (or unknown): validate again.
        const documents = shared.workspace.LangiumDocuments.all.filter(document => shared.ServiceRegistry.getServices(document.uri) === services).toArray();
        if (documents.length === 0) return;
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token)).catch(() => undefined);
    };
    // `ready` resolves only in a language server; the CLI and tests never wait on it.
    void configuration.ready.then(() => configuration.getConfiguration(languageId, 'connections')).then(apply, () => undefined);
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === languageId && typeof update.configuration === 'object' && update.configuration !== null) {
            apply((update.configuration as Record<string, unknown>).connections);
        }
    });
}
