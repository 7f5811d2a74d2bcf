import { EmptyFileSystemProvider, type ValidationChecks } from 'langium';
import type { SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { resolveImportUri } from '../workspace/imports.js';
import { report } from './report.js';

/** `import "lib/calendars.sla"`: the file must exist, or its names silently vanish. */
export function importChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const documents = services.shared.workspace.LangiumDocuments;
    const fileSystem = services.shared.workspace.FileSystemProvider;
    return {
        Import: async (imp, accept) => {
            if (!imp.path) return;
            let uri;
            try {
                uri = resolveImportUri(imp);
            } catch {
                return;
            }
            if (!uri || documents.hasDocument(uri)) return;
            if (!(fileSystem instanceof EmptyFileSystemProvider) && await fileSystem.exists(uri)) return;
            report(accept, 'unresolved-reference',
                `The imported file "${imp.path}" was not found (looked for ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}). The path is relative to this file; check its spelling.`,
                { node: imp, property: 'path' });
        }
    };
}
