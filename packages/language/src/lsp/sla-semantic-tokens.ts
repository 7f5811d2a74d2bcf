/**
 * Semantic highlighting: what a name is (KPI, dataset, field, calendar, maintenance window,
 * service, party), whatever its spelling — a field called `service` is a property, not the
 * keyword TextMate takes it for. Qualified names are split: `requests.latency` is a dataset
 * then a field, `WebShop.Availability` a service then a KPI. A template's parameters are
 * parameters wherever they stand: declared, in a target, a count, a formula, an argument.
 */
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isAgreement, isArgument, isCalendar, isClause, isCredit, isCreditInput, isDataset, isElapsed, isField, isInternalTarget, isKpi, isMaintenance, isNameReference,
    isCreditScope, isNumberLiteral, isObjective, isParameter, isParty, isQuantity, isService, isTimezoneDeclaration, isUptime, isWindow
} from '../generated/ast.js';
import { countSlotParameter, countSlotsOf } from '../model/template-parameters.js';

/** The token type of a declaration kind. */
function typeOf(node: AstNode | undefined): string | undefined {
    if (isKpi(node)) return SemanticTokenTypes.function;
    if (isDataset(node)) return SemanticTokenTypes.class;
    if (isField(node)) return SemanticTokenTypes.property;
    if (isCalendar(node) || isMaintenance(node)) return SemanticTokenTypes.type;
    if (isService(node) || isAgreement(node)) return SemanticTokenTypes.namespace;
    if (isParty(node)) return SemanticTokenTypes.variable;
    if (isCreditInput(node)) return SemanticTokenTypes.variable; // `fee`, `downtime`, `window` in a credit formula
    if (isClause(node)) return SemanticTokenTypes.event;
    if (isParameter(node)) return SemanticTokenTypes.parameter;
    return undefined;
}

export class SlaSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = typeOf(node);
        if (declared && 'name' in node && node.name) {
            acceptor({ node, property: 'name' as never, type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        for (const slot of countSlotsOf(node)) {
            // `in breaches consecutive windows`
            if (countSlotParameter(node, slot)) acceptor({ node, property: slot.parameterProperty as never, type: SemanticTokenTypes.parameter });
        }
        if (isNameReference(node)) this.highlightQualified(node, 'target', node.target?.ref);
        else if ((isQuantity(node) || isArgument(node) || isTimezoneDeclaration(node)) && node.parameter) {
            // `>= availability`, `with availability = 99.95 %`, `timezone zone`
            acceptor({ node, property: 'parameter', type: SemanticTokenTypes.parameter });
        }
        else if (isObjective(node) || isInternalTarget(node) || isCredit(node)) {
            this.highlightQualified(node, 'kpi', node.kpi?.ref);
            if (isObjective(node) || isInternalTarget(node)) {
                if (node.scope) acceptor({ node, property: 'scope', type: SemanticTokenTypes.property });
            }
        } else if (isCreditScope(node)) {
            acceptor({ node, property: 'field', type: SemanticTokenTypes.property });
        } else if (isClause(node)) {
            node.measuredBy.forEach((ref, index) => this.highlightQualified(node, 'measuredBy', ref?.ref, index));
        } else if (isUptime(node) || isElapsed(node)) {
            if (node.calendar) acceptor({ node, property: 'calendar', type: SemanticTokenTypes.type });
            if (isUptime(node)) {
                node.exclusions.forEach((_, index) => acceptor({ node, property: 'exclusions', index, type: SemanticTokenTypes.type }));
                node.available.forEach((_, index) => acceptor({ node, property: 'available', index, type: SemanticTokenTypes.type }));
            }
        } else if ((isQuantity(node) || isNumberLiteral(node)) && node.unit) {
            acceptor({ node, property: 'unit', type: SemanticTokenTypes.keyword });
        } else if (isWindow(node) && node.unit) {
            acceptor({ node, property: 'unit', type: SemanticTokenTypes.keyword });
        }
    }

    /** `Service.Kpi`, `dataset.field`: the container part and the target part get their own types. */
    private highlightQualified(node: AstNode, property: string, target: AstNode | undefined, index?: number): void {
        const type = typeOf(target);
        const cst = GrammarUtils.findNodesForProperty(node.$cstNode, property)[index ?? 0];
        if (!type || !cst || !this.currentDocument) return;
        const text = cst.text;
        const dot = text.lastIndexOf('.');
        const document = this.currentDocument.textDocument;
        if (dot > 0) {
            const container = isField(target) ? AstUtils.getContainerOfType(target.$container, isDataset) : AstUtils.getContainerOfType(target?.$container, isService);
            const containerType = typeOf(container) ?? SemanticTokenTypes.namespace;
            this.highlightToken({ range: { start: document.positionAt(cst.offset), end: document.positionAt(cst.offset + dot) }, type: containerType });
            this.highlightToken({ range: { start: document.positionAt(cst.offset + dot + 1), end: document.positionAt(cst.end) }, type });
        } else {
            this.highlightToken({ range: cst.range, type });
        }
    }
}
