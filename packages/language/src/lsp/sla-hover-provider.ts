/**
 * Hovers that explain: a declaration or reference shows its plain-language explanation
 * (the same wording as `sla explain`), a keyword its glossary entry, and anything inside an
 * objective, credit or term of the agreement shows that statement as a sentence.
 */
import { terminationRule } from '@sla/engine';
import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument, type URI } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { DocumentationProvider, References } from 'langium';
import { explainNode } from '../explain/explain-node.js';
import { glossaryForKeyword, glossaryMarkdown } from '../explain/glossary.js';
import {
    isAgreement, isClause, isCompleteTo, isRowKey, isCredit, isCreditsCap, isCsvEncoding, isCsvSeparator, isDecimalMark, isExclusion, isTermination, isFee, isService, type Termination, type CreditsCap, isHolidaySet, isInternalTarget, isNthWeekdaySlot, isObjective, isParty, isPlanChoice, isPlanList,
    isFiscalYear, isRecurringSlot, isTimezoneDeclaration, isValidity
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import type { LatestEvaluations } from './evaluation/latest-evaluations.js';
import { latestCreditCapsMarkdown, latestTerminationMarkdown, latestValuesMarkdown } from './evaluation/latest-values-markdown.js';
import { objectiveReportOf } from './evaluation/objective-report-of.js';
import { creditCapText } from '../model/credits-caps.js';
import { hasSyntaxError, printsUnreadText } from '../parser/unread-text.js';

/** Data type rules through which a keyword is used as a name (`service text` declares a field). */
const NAME_RULES = new Set(['Name', 'QualifiedName', 'Keyword']);

/** Keywords whose hover is the statement they open, followed by the glossary entry. */
const STATEMENT_KEYWORDS = new Set(['objective', 'internal', 'target', 'credit', 'credits', 'exclusion', 'termination', 'procedural', 'plan', 'plans', 'timezone']);

/** Statements explained when the cursor is anywhere inside them (a number, an operator, a window). */
function isExplainedStatement(node: AstNode): boolean {
    return isObjective(node) || isInternalTarget(node) || isCredit(node) || isCreditsCap(node) || isValidity(node) || isCompleteTo(node) || isRowKey(node) || isCsvSeparator(node) || isDecimalMark(node) || isCsvEncoding(node) || isTimezoneDeclaration(node) || isFiscalYear(node)
        || isFee(node) || isParty(node) || isClause(node) || isExclusion(node) || isTermination(node) || isPlanChoice(node) || isPlanList(node)
        // holiday sets list their days off, maintenance rules their occurrences
        || isHolidaySet(node) || isNthWeekdaySlot(node) || (isRecurringSlot(node) && (node.other || node.second));
}

/**
 * Whose latest report a statement's hover shows: its own agreement's (a file may hold Alpha and
 * Beta, each kept apart). A template's statement has no report of its own: the file's agreement
 * evaluated last (objective-report-of.ts shows it only when that client is built from the template).
 */
function reportAsked(node: AstNode): { uri: URI; agreement: string | undefined } {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    return { uri: AstUtils.getDocument(node).uri, agreement: agreement && !agreement.isTemplate ? agreement.name : undefined };
}

export class SlaHoverProvider implements HoverProvider {
    private readonly types: SlaTypeComputer;
    private readonly references: References;
    private readonly documentation: DocumentationProvider;
    private readonly nameRegexp: RegExp;
    private readonly latestEvaluations: LatestEvaluations;

    constructor(services: SlaServices) {
        this.types = services.types.TypeComputer;
        this.references = services.references.References;
        this.documentation = services.documentation.DocumentationProvider;
        this.nameRegexp = services.parser.GrammarConfig.nameRegexp;
        this.latestEvaluations = services.evaluation.LatestEvaluations;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const text = this.contentAt(root, offset);
        // While the text has a syntax error, no hover of a name or number not typed yet ('**undefined** (Google LLC)').
        if (!text || hasSyntaxError(document) && printsUnreadText(text)) return undefined;
        return { contents: { kind: 'markdown', value: text } };
    }

    private contentAt(root: CstNode, offset: number): string | undefined {
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf || leaf.hidden) return undefined;
        const nameNode = CstUtils.findDeclarationNodeAtOffset(root, offset, this.nameRegexp);
        if (nameNode && nameNode.offset + nameNode.length > offset) {
            const texts = this.references.findDeclarations(nameNode).map(target => this.explainDeclaration(target)).filter((t): t is string => !!t);
            if (texts.length > 0) return texts.join('\n\n---\n\n');
        }
        const keyword = leaf.grammarSource;
        const rule = GrammarAST.isKeyword(keyword) ? AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name ?? '' : '';
        if (GrammarAST.isKeyword(keyword) && !NAME_RULES.has(rule)) {
            const entry = glossaryForKeyword(keyword.value, rule);
            if (STATEMENT_KEYWORDS.has(keyword.value)) {
                const statement = this.statementAround(leaf.astNode);
                if (statement) return entry ? `${statement}\n\n---\n\n${glossaryMarkdown(entry)}` : statement;
            }
            if (entry) return glossaryMarkdown(entry);
        }
        return this.statementAround(leaf.astNode);
    }

    private statementAround(node: AstNode): string | undefined {
        for (let current: AstNode | undefined = node; current; current = current.$container) {
            if (isExplainedStatement(current)) return this.withLatestValues(current, explainNode(current, this.types));
        }
        return undefined;
    }

    /** After `sla.evaluate` ran on this document: the objective's latest values per window, the termination right's latest judgement, or what the caps on all credits let be paid. */
    private withLatestValues(node: AstNode, text: string | undefined): string | undefined {
        if (text && isTermination(node)) return this.withLatestTermination(node, text);
        if (text && isCreditsCap(node)) return this.withLatestCreditCaps(node, text);
        if (!text || !(isObjective(node) || isInternalTarget(node))) return text;
        const { uri, agreement } = reportAsked(node);
        const report = this.latestEvaluations.get(uri, agreement);
        // The document may have changed since: the entry of this objective, if one still describes it.
        const entry = report && objectiveReportOf(report, node);
        if (!report || !entry) return text;
        const changed = this.latestEvaluations.dataChangedSince(uri, agreement);
        return `${text}\n\n${latestValuesMarkdown(report, entry, changed)}`;
    }

    /** The right as the latest evaluation judged it, when its report still has a right of that name, service and rule. */
    private withLatestTermination(node: Termination, text: string): string {
        const { uri, agreement } = reportAsked(node);
        const report = this.latestEvaluations.get(uri, agreement);
        const service = AstUtils.getContainerOfType(node, isService)?.name;
        const entry = report?.terminations?.find(candidate => candidate.name === node.name && candidate.service === service && node.count !== undefined && candidate.rule === terminationRule(node.count, node.span));
        if (!report || !entry) return text;
        return `${text}\n\n${latestTerminationMarkdown(report, entry, this.latestEvaluations.dataChangedSince(uri, agreement))}`;
    }

    /** What the latest evaluation paid under these caps, when its report still has a cap of each one's amount and period. */
    private withLatestCreditCaps(node: CreditsCap, text: string): string {
        const { uri, agreement } = reportAsked(node);
        const report = this.latestEvaluations.get(uri, agreement);
        const written = node.caps.map(creditCapText);
        // A service's cap is its own entry (`service`); the agreement's has none.
        const service = isService(node.$container) ? node.$container.name : undefined;
        const entries = written.map(cap => report?.creditCaps?.find(candidate => candidate.cap === cap && candidate.service === service));
        if (!report || entries.length === 0 || entries.some(entry => entry === undefined)) return text;
        return `${text}\n\n${latestCreditCapsMarkdown(report, entries as NonNullable<(typeof entries)[number]>[], this.latestEvaluations.dataChangedSince(uri, agreement))}`;
    }

    /** The explanation of a declaration, then its doc comment (`/** … *\/` above it) when it has one. */
    private explainDeclaration(node: AstNode): string | undefined {
        // A termination right named by the cursor shows its latest judgement too, as its statement does.
        const explanation = isTermination(node) ? this.withLatestValues(node, explainNode(node, this.types)) : explainNode(node, this.types);
        const doc = this.documentation.getDocumentation(node);
        if (explanation && doc) return `${explanation}\n\n${doc}`;
        return explanation ?? doc;
    }
}
