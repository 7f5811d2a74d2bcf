/**
 * Outline: agreements, services, KPIs, datasets and their fields, calendars, maintenance,
 * parties and clauses by name, plus the unnamed statements that matter most in a contract —
 * objectives, internal targets, credits and the cap on all credits — titled by what they say.
 */
import { CstUtils, GrammarUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isCredit, isCreditsCap, isInternalTarget, isObjective } from '../generated/ast.js';

const KINDS: Record<string, SymbolKind> = {
    Agreement: SymbolKind.Namespace, Service: SymbolKind.Module, Kpi: SymbolKind.Function, Dataset: SymbolKind.Struct,
    Field: SymbolKind.Field, Calendar: SymbolKind.Object, Maintenance: SymbolKind.Event, Party: SymbolKind.Constant,
    Clause: SymbolKind.String, Objective: SymbolKind.Boolean, InternalTarget: SymbolKind.Boolean, Credit: SymbolKind.Number,
    CreditsCap: SymbolKind.Number
};

/**
 * The statement up to its block on one line, from its tokens: `objective Availability >= 99.9%
 * per calendar month`. Comments are left out (a `// agreed {in} 2025` is neither the name nor its
 * end) and any space or comment between two tokens becomes one space.
 */
function statementHead(statement: CstNode): string {
    let head = '';
    let previousEnd: number | undefined;
    for (const leaf of CstUtils.streamCst(statement)) {
        if (!isLeafCstNode(leaf) || leaf.hidden) continue;
        if (leaf.text === '{') break;
        if (previousEnd !== undefined && leaf.offset > previousEnd) head += ' ';
        head += leaf.text;
        previousEnd = leaf.end;
    }
    return head;
}

export class SlaDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if ((isObjective(astNode) || isInternalTarget(astNode) || isCredit(astNode) || isCreditsCap(astNode)) && astNode.$cstNode) {
            const kpiNode = GrammarUtils.findNodeForProperty(astNode.$cstNode, 'kpi') ?? GrammarUtils.findNodeForKeyword(astNode.$cstNode, 'credits') ?? astNode.$cstNode;
            const head = statementHead(astNode.$cstNode);
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
