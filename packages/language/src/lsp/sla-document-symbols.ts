/**
 * Outline: agreements, services, KPIs, datasets and their fields, calendars, maintenance,
 * parties and clauses by name, plus the unnamed statements that matter most in a contract —
 * objectives, internal targets, credits and the cap on all credits — titled by what they say.
 */
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isCredit, isCreditsCap, isInternalTarget, isObjective } from '../generated/ast.js';

const KINDS: Record<string, SymbolKind> = {
    Agreement: SymbolKind.Namespace, Service: SymbolKind.Module, Kpi: SymbolKind.Function, Dataset: SymbolKind.Struct,
    Field: SymbolKind.Field, Calendar: SymbolKind.Object, Maintenance: SymbolKind.Event, Party: SymbolKind.Constant,
    Clause: SymbolKind.String, Objective: SymbolKind.Boolean, InternalTarget: SymbolKind.Boolean, Credit: SymbolKind.Number,
    CreditsCap: SymbolKind.Number
};

export class SlaDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if ((isObjective(astNode) || isInternalTarget(astNode) || isCredit(astNode) || isCreditsCap(astNode)) && astNode.$cstNode) {
            const kpiNode = GrammarUtils.findNodeForProperty(astNode.$cstNode, 'kpi') ?? GrammarUtils.findNodeForKeyword(astNode.$cstNode, 'credits') ?? astNode.$cstNode;
            // The statement's head on one line: `objective Availability >= 99.9% per calendar month`.
            const head = astNode.$cstNode.text.split('{')[0]!.replace(/\s+/g, ' ').trim();
            return [{ name: head, kind: KINDS[astNode.$type]!, range: astNode.$cstNode.range, selectionRange: kpiNode.range }];
        }
        const symbols = super.getSymbol(document, astNode);
        for (const symbol of symbols) {
            const kind = KINDS[astNode.$type];
            if (kind !== undefined && symbol.range === astNode.$cstNode?.range) symbol.kind = kind;
        }
        return symbols;
    }
}
