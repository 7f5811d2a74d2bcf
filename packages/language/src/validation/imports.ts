import { pathCharacterProblem } from '@sla/engine';
import { AstUtils, EmptyFileSystemProvider, type ValidationChecks } from 'langium';
import type { SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { resolveImportUri } from '../workspace/imports.js';
import { report } from './report.js';
import { dataAccessOf } from './sla-validation-module.js';

/** `import "lib/calendars.sla"`: the file must exist, or its names silently vanish. */
export function importChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const documents = services.shared.workspace.LangiumDocuments;
    const fileSystem = services.shared.workspace.FileSystemProvider;
    const access = dataAccessOf(services);
    return {
        Import: async (imp, accept) => {
            if (!imp.path) return;
            const characters = pathCharacterProblem(imp.path);
            if (characters) {
                report(accept, 'path-invalid', `The imported path cannot name a file: ${characters}.`, { node: imp, property: 'path' });
                return;
            }
            let uri;
            try {
                uri = resolveImportUri(imp);
            } catch {
                return;
            }
            if (!uri) return;
            const from = AstUtils.getDocument(imp).uri;
            if (uri.scheme === 'file' && from.scheme === 'file' && !(fileSystem instanceof EmptyFileSystemProvider)) {
                const outside = access.problem(uri.fsPath, from.fsPath);
                if (outside) {
                    report(accept, 'path-outside-workspace',
                        `The imported file "${imp.path}" is not read: ${outside}. Keep imported files inside the workspace, or allow their folder explicitly (editor setting sla.data.allowedFolders; CLI --allow-data-outside DIR).`,
                        { node: imp, property: 'path' });
                    return;
                }
            }
            if (documents.hasDocument(uri)) return;
            if (!(fileSystem instanceof EmptyFileSystemProvider) && await fileSystem.exists(uri)) return;
            report(accept, 'unresolved-reference',
                `The imported file "${imp.path}" was not found (looked for ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}). The path is relative to this file; check its spelling.`,
                { node: imp, property: 'path' });
        }
    };
}
