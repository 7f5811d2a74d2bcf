import { pathCharacterProblem } from '@sla/engine';
import { AstUtils, UriUtils, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import { isDocument, type Document, type Import } from '../generated/ast.js';

/**
 * The file an `import "…"` names, resolved against the importing document's folder;
 * undefined for a path no file can have (a NUL, a lone surrogate: the validator says so).
 */
export function resolveImportUri(imp: Import): URI | undefined {
    if (!imp.path || pathCharacterProblem(imp.path) !== undefined) return undefined;
    const document = AstUtils.getDocument(imp);
    return UriUtils.resolvePath(UriUtils.dirname(document.uri), imp.path);
}

/**
 * Every document reachable through imports from `root` (transitively, cycles tolerated),
 * excluding `root` itself. Imports that are not loaded are skipped here; the validator
 * reports them.
 */
export function importedDocuments(root: LangiumDocument, documents: LangiumDocuments): LangiumDocument[] {
    const seen = new Set<string>([root.uri.toString()]);
    const result: LangiumDocument[] = [];
    const queue: LangiumDocument[] = [root];
    while (queue.length > 0) {
        const current = queue.shift()!;
        const model = current.parseResult.value;
        if (!isDocument(model)) continue;
        for (const imp of model.imports) {
            const uri = resolveImportUri(imp);
            if (!uri || seen.has(uri.toString())) continue;
            seen.add(uri.toString());
            const imported = documents.getDocument(uri);
            if (imported) {
                result.push(imported);
                queue.push(imported);
            }
        }
    }
    return result;
}

/** The root `Document` node of the file holding `node`. */
export function documentRoot(node: Parameters<typeof AstUtils.getDocument>[0]): Document | undefined {
    const root = AstUtils.findRootNode(node);
    return isDocument(root) ? root : undefined;
}
