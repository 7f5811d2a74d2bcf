import { DocumentValidator, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isSlaDiagnosticData, type QuickFix } from '../../validation/quick-fix.js';
import { lineEndingOf, withLineEndings } from '../line-endings.js';

/**
 * Quick fixes for SLA diagnostics. Each check computes its fixes when it reports (they
 * travel in the diagnostic's `data`), so this provider only turns them into code actions.
 */
export class SlaCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        let eol: '\r\n' | '\n' | undefined;
        for (const diagnostic of params.context.diagnostics) {
            for (const quickFix of fixesOf(diagnostic)) {
                // Checks write their fixes' line breaks as \n: a CRLF file gets \r\n (once looked up per request).
                const edits = quickFix.edits.map(edit => {
                    if (!edit.newText.includes('\n')) return { range: edit.range, newText: edit.newText };
                    eol ??= lineEndingOf(document.textDocument.getText());
                    return { range: edit.range, newText: withLineEndings(edit.newText, eol) };
                });
                actions.push(toCodeAction(document, diagnostic, quickFix, edits));
            }
        }
        return actions;
    }
}

export function fixesOf(diagnostic: Diagnostic): QuickFix[] {
    if (isSlaDiagnosticData(diagnostic.data)) return diagnostic.data.fixes ?? [];
    // A parser error's data keeps Langium's code (`parsing-error`); a suggested keyword's fix travels beside it (syntax-aware-document-validator.ts).
    return isSyntaxErrorData(diagnostic.data) ? diagnostic.data.fixes ?? [] : [];
}

function isSyntaxErrorData(data: unknown): data is { code: string; fixes?: QuickFix[] } {
    return typeof data === 'object' && data !== null && (data as { code?: unknown }).code === DocumentValidator.ParsingError;
}

function toCodeAction(document: LangiumDocument, diagnostic: Diagnostic, quickFix: QuickFix, edits: TextEdit[]): CodeAction {
    const action: CodeAction = {
        title: quickFix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
    if (quickFix.preferred) action.isPreferred = true;
    return action;
}
