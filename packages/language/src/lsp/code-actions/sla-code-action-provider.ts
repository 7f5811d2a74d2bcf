import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import { isSlaDiagnosticData, type QuickFix } from '../../validation/quick-fix.js';

/**
 * Quick fixes for SLA diagnostics. Each check computes its fixes when it reports (they
 * travel in the diagnostic's `data`), so this provider only turns them into code actions.
 */
export class SlaCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            for (const quickFix of fixesOf(diagnostic)) {
                actions.push(toCodeAction(document, diagnostic, quickFix));
            }
        }
        return actions;
    }
}

export function fixesOf(diagnostic: Diagnostic): QuickFix[] {
    return isSlaDiagnosticData(diagnostic.data) ? diagnostic.data.fixes ?? [] : [];
}

function toCodeAction(document: LangiumDocument, diagnostic: Diagnostic, quickFix: QuickFix): CodeAction {
    const action: CodeAction = {
        title: quickFix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.textDocument.uri]: quickFix.edits.map(edit => ({ range: edit.range, newText: edit.newText })) } }
    };
    if (quickFix.preferred) action.isPreferred = true;
    return action;
}
