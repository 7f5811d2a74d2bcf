/**
 * Completion: Langium's keyword and reference completion, minus keywords that are only
 * offered because names may be spelled like keywords (or would be errors where the cursor
 * is), plus what the grammar cannot know: units right after a number, of the quantity
 * expected there (unit-completion.ts), enum values after `=` (enum-value-completion.ts), IANA
 * zone names (zone-completion.ts), parameter types, `objective each …`
 * (each-objective-completion.ts), a dataset's `one row per …` (row-key-completion.ts), the parameters a client's `with` can still set
 * (argument-name-completion.ts), and block snippets with tab stops after the keywords that
 * start a block (block-snippets.ts). Nothing inside a comment.
 */
import { COMMON_TIMESTAMP_LAYOUTS } from '@sla/engine';
import { AstUtils, CstUtils, GrammarAST, TextDocument, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem, type LangiumServices, type NextFeature } from 'langium/lsp';
import { NESTING_LIMIT, NestingLimitLexer } from '../internals/parser/nesting-limit-lexer.js';
import { BLOCK_SNIPPETS, snippetText, type BlockSnippet } from './block-snippets.js';
import { shortCompletionText } from './completion-context-text.js';
import { eachConditionFields, eachObjectiveCompletion } from './each-objective-completion.js';
import { enumValueCompletion } from './enum-value-completion.js';
import { parameterTypeCompletion } from './parameter-type-completion.js';
import { rowKeyCompletion } from './row-key-completion.js';
import { parametersNotToOffer } from './argument-name-completion.js';
import { zoneCompletion } from './zone-completion.js';
import { expectedQuantity, fittingParameterTypes, type ExpectedQuantity } from './expected-quantity.js';
import { durationUnitsFit, numberBeforeCursor, unitItems } from './unit-completion.js';
import type { SlaServices } from '../sla-module.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { quotedValueRange } from './quoted-value-range.js';
import { CompletionItemKind, CompletionList, CompletionTriggerKind, InsertTextFormat, type CompletionParams, type InitializeParams } from 'vscode-languageserver';
import type { CompletionAcceptor } from 'langium/lsp';
import { isArgument, isArgumentValue, isParameter, type Parameter } from '../generated/ast.js';
import { argumentText, countSlotsOf, scheduleParameterOf } from '../model/template-parameters.js';
import { isAgreement, isCalendar, isMaintenance, isService } from '../generated/ast.js';

/** Rules that only make a keyword usable as a name; their keywords are not offered as keywords. */
const NAME_ONLY_RULES = new Set(['Keyword', 'Name', 'QualifiedName']);

/** Lines of the agreement that the grammar also accepts inside a service (see ServiceMember). */
const AGREEMENT_TERM_RULES = new Set(['Fee', 'Validity', 'TimezoneDeclaration', 'Party']);

/** The most reference items one completion returns (the list is incomplete beyond, and narrows as the user types). */
const MAX_REFERENCE_ITEMS = 200;

interface UnitsAtCursor {
    afterNumber: boolean;
    /** The quantity the number is (undefined: not known, every unit is offered). */
    expected?: ExpectedQuantity;
}

export class SlaCompletionProvider extends DefaultCompletionProvider {
    /**
     * Characters after which the editor asks without a letter typed: `tickets.` (the fields), an
     * opening quote (`timezone "`, `severity = "`, `separator "`: the values).
     */
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', '"'] };

    /** Block snippets as completion items: only for clients that take snippets and have none of their own. */
    private offerBlockSnippets = false;

    /** The kinds of KPIs and fields, for the units and parameters that fit after a number or a comparison. */
    private readonly types: SlaTypeComputer;

    /** For the parser and lexer of row-key-completion.ts. */
    private readonly languageServices: LangiumServices;

    constructor(services: LangiumServices) {
        super(services);
        this.languageServices = services;
        this.types = (services as SlaServices).types.TypeComputer;
        services.shared.lsp.LanguageServer.onInitialize(params => this.configureSnippets(params));
    }

    /**
     * The VS Code extension contributes the same snippets itself (initializationOptions
     * `staticSnippets: true`): offering them here too would list each block twice.
     */
    configureSnippets(params: Pick<InitializeParams, 'capabilities' | 'initializationOptions'>): void {
        const snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
        const staticSnippets = (params.initializationOptions as { staticSnippets?: unknown } | undefined)?.staticSnippets === true;
        this.offerBlockSnippets = snippetSupport && !staticSnippets;
    }

    /** The last answer of unitsAt per document. */
    private readonly lastUnits = new WeakMap<LangiumDocument, { version: number; offset: number; units: UnitsAtCursor }>();

    /** The document each text document belongs to, for findFeaturesAt (which Langium hands only the text). */
    private readonly documentsByText = new WeakMap<TextDocument, LangiumDocument>();

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        this.documentsByText.set(document.textDocument, document);
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        // Nothing is written inside a comment: `// timezone <|>` is no zone.
        if (inComment(document, offset)) return CompletionList.create([], false);
        const zone = zoneCompletion(document, text, offset);
        if (zone) return zone;
        const spelling = this.fileSpellingCompletion(document, text, offset);
        if (spelling) return spelling;
        const each = eachObjectiveCompletion(document, text, offset, this.scopeProvider);
        if (each) return each;
        const parameterType = parameterTypeCompletion(document, text, offset);
        if (parameterType) return parameterType;
        const enums = enumValueCompletion(document, text, offset, this.scopeProvider);
        if (enums) return enums;
        const rowKey = rowKeyCompletion(this.languageServices, document, text, offset, (typed, name) => this.fuzzyMatcher.match(typed, name));
        if (rowKey) return rowKey;
        // A quote that opens no value (a title, a description) and a decimal point ask for nothing.
        const trigger = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
        if (trigger === '"' || (trigger === '.' && !/[A-Za-z_]\w*\.$/.test(text.slice(Math.max(0, offset - 100), offset)))) return CompletionList.create([], false);
        const list = await super.getCompletion(document, params);
        // `objective each tickets where <|>`: the items' fields, bare (the formula's scope has no aggregate to find them by).
        const itemFields = list ? eachConditionFields(document, text, offset, this.scopeProvider) : [];
        if (list && itemFields.length > 0) {
            const named = new Set(itemFields.map(item => item.label));
            list.items = [...itemFields, ...list.items.filter(item => !named.has(item.label))];
        }
        const units = this.unitsAt(document, offset);
        if (list && units.afterNumber) list.items.push(...unitItems(document, units.expected));
        // `per calendar …` takes a calendar unit, which the grammar reads as a plain name.
        if (list && /\bper\s+calendar\s+\w*$/.test(text.slice(Math.max(0, offset - 40), offset))) {
            list.items.push(...['day', 'week', 'month', 'quarter', 'year'].map((unit, i) => ({ label: unit, kind: CompletionItemKind.Unit, detail: 'calendar window', sortText: `0${i}` })));
        }
        return list;
    }

    /** Whether the cursor stands right after a number on its line, and which quantity belongs there (cached: keyword filtering asks per keyword). */
    private unitsAt(document: LangiumDocument, offset: number): UnitsAtCursor {
        const version = document.textDocument.version;
        const cached = this.lastUnits.get(document);
        if (cached && cached.version === version && cached.offset === offset) return cached.units;
        const text = document.textDocument.getText();
        const numberAt = numberBeforeCursor(text, offset);
        // After the day of `except 24 …` / `without 8 …` comes a month, not a unit.
        const dayOfMonth = numberAt !== undefined && /\b(except|without)\b/.test(text.slice(text.lastIndexOf('\n', numberAt) + 1, numberAt));
        const root = document.parseResult.value.$cstNode;
        const holder = numberAt !== undefined && root ? CstUtils.findLeafNodeAtOffset(root, numberAt)?.astNode : undefined;
        const units: UnitsAtCursor = numberAt === undefined || dayOfMonth
            ? { afterNumber: false }
            : { afterNumber: true, expected: holder ? expectedQuantity(holder, this.types) : undefined };
        this.lastUnits.set(document, { version, offset, units });
        return units;
    }

    /** Features at the cursor from a short equivalent text instead of everything before the cursor. */
    protected override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
        const document = this.documentsByText.get(textDocument);
        const short = document && document.textDocument.version === textDocument.version ? shortCompletionText(document, offset) : undefined;
        const [text, at] = short ? [short.text, short.offset] : [textDocument.getText(), offset];
        // Nesting deeper than the parser reads (see nesting-limit-lexer.ts) gets no keyword
        // completion: Langium's completion parser takes seconds there, or overflows its stack.
        if (this.lexer instanceof NestingLimitLexer && this.lexer.deepestNesting(text.slice(0, at)) > NESTING_LIMIT) return [];
        try {
            if (!short) return super.findFeaturesAt(textDocument, offset);
            return super.findFeaturesAt(TextDocument.create(textDocument.uri, 'sla', 0, short.text), short.offset);
        } catch (error) {
            // Langium's completion parser has no nesting guard: text nested deeper than its stack
            // (the document's own parse reports it) offers no keyword completion instead of failing.
            if (!(error instanceof RangeError)) throw error;
            return [];
        }
    }

    /**
     * Reference candidates that can match what is typed, at most MAX_REFERENCE_ITEMS: an agreement
     * of 250 services has thousands of `Service.Kpi` names, and building an item for each costs
     * more than the rest of completion. The list is marked incomplete, so the client asks again as
     * the user types and the matches narrow.
     */
    protected override getReferenceCandidates(given: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const refInfo = this.referenceOwner(given);
        const typed = context.textDocument.getText().slice(context.tokenOffset, context.offset).toLowerCase();
        let candidates = super.getReferenceCandidates(refInfo, context);
        // Where a whole number is written (`in <|> consecutive windows`), only count parameters fit.
        if (countSlotsOf(refInfo.container).some(slot => slot.parameterProperty === refInfo.property)) {
            candidates = candidates.filter(d => isParameter(d.node) && d.node.type === 'count');
        }
        // `with supportHours = <|>`: the calendars (for a maintenance parameter, the maintenances) the client sees.
        const schedule = isArgumentValue(refInfo.container) ? scheduleParameterOf(refInfo.container) : undefined;
        if (schedule) candidates = candidates.filter(d => d.type.toLowerCase() === schedule.type);
        // `objective Availability >= <|>` in a template: the parameters of the KPI's kind (percentages), never a calendar's.
        if (refInfo.container.$type === 'Quantity' && refInfo.property === 'parameter') {
            const fitting = fittingParameterTypes(expectedQuantity(refInfo.container, this.types));
            candidates = candidates.filter(d => isParameter(d.node) && fitting.includes(d.node.type));
        }
        // `with availability = 99.95 %, <|>`: the parameters not set yet and not left without effect by the client's own lines.
        if (isArgument(refInfo.container) && refInfo.property === 'parameter') {
            const leftOut = parametersNotToOffer(refInfo.container);
            candidates = candidates.filter(d => !leftOut.has(d.name));
        }
        if (typed) candidates = candidates.filter(d => this.fuzzyMatcher.match(typed, d.name));
        return candidates.limit(MAX_REFERENCE_ITEMS);
    }

    /**
     * After an optional sub-rule (`objective each tickets: <|>`), Langium's completion hands the
     * sub-rule's node (ItemSelection) as the owner of the next reference (the objective's KPI),
     * and scoping then throws "Property kpi of type ItemSelection is not a reference". The owner
     * is the nearest container whose type has that reference property.
     *
     * A name begun where a rule starts with a reference (`with supportHours = Off<|>`, `default
     * Off<|>`: an ArgumentValue) already parsed into a node of that rule; Langium puts its new node
     * for the completion inside that one, as if nested (an ArgumentValue in an ArgumentValue),
     * and scoping found nothing there: no calendar was offered once a letter was typed. The
     * begun node is the owner.
     */
    private referenceOwner(refInfo: ReferenceInfo): ReferenceInfo {
        const begun = refInfo.container.$container;
        if (begun && refInfo.container.$cstNode === undefined && begun.$type === refInfo.container.$type && begun.$containerProperty === refInfo.container.$containerProperty) {
            refInfo = { ...refInfo, container: begun };
        }
        for (let container: AstNode | undefined = refInfo.container; container; container = container.$container) {
            try {
                this.astReflection.getReferenceType({ ...refInfo, container });
                return container === refInfo.container ? refInfo : { ...refInfo, container };
            } catch {
                // not a reference of this node's type: try its container
            }
        }
        return refInfo;
    }

    /** Reference items without documentation: looking up each candidate's comment costs more than it shows (hover has it). */
    protected override createReferenceCompletionItem(nodeDescription: AstNodeDescription): CompletionValueItem {
        // A template's parameter shows its type and default (`percentage, default 99.9 %`).
        const node = nodeDescription.node;
        const detail = isParameter(node) ? parameterDetail(node) : nodeDescription.type;
        return { nodeDescription, kind: this.nodeKindProvider.getCompletionItemKind(nodeDescription), detail, sortText: '0' };
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (!super.filterKeyword(context, keyword)) return false;
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name ?? '';
        if (NAME_ONLY_RULES.has(rule)) return false;
        // The adverbs parse only so that the validator can flag them as ambiguous: never suggest them.
        if (rule === 'WindowAdverb') return false;
        const before = context.textDocument.getText().slice(Math.max(0, context.tokenOffset - 40), context.tokenOffset);
        // Duration units belong after a number (or `duration`), not wherever a name may stand.
        if (rule === 'DurationUnit' || (rule === 'BusinessDayUnit' && keyword.value === 'business')) {
            // A field's `duration ms`; else right after a number on the line, where a duration fits.
            if (/\bduration\s*$/.test(before)) return rule === 'DurationUnit';
            const units = this.unitsAt(context.document, context.offset);
            return units.afterNumber && durationUnitsFit(units.expected);
        }
        // A template declares parameters; a client agreement sets them (`with …`): elsewhere each is an error.
        if (rule === 'Parameter' || rule === 'TemplateArguments') {
            const agreement = context.node && AstUtils.getContainerOfType(context.node, isAgreement);
            if (agreement) return rule === 'Parameter' ? agreement.isTemplate : !agreement.isTemplate && agreement.template !== undefined;
        }
        // Agreement terms parse inside a service only to be reported as misplaced: never suggest them there.
        if (AGREEMENT_TERM_RULES.has(rule) && context.node && isService(AstUtils.getContainerOfType(context.node, n => isService(n) || isAgreement(n)))) return false;
        // Weekdays are written in calendars and maintenance slots only.
        if (rule === 'Weekday') return !!context.node && !!AstUtils.getContainerOfType(context.node, n => isCalendar(n) || isMaintenance(n));
        // Month names belong to the days off of a calendar, ordinals (`first sunday of each month`) to maintenance.
        if (rule === 'Month') return !!context.node && !!AstUtils.getContainerOfType(context.node, isCalendar);
        if (rule === 'Ordinal') return !!context.node && !!AstUtils.getContainerOfType(context.node, isMaintenance);
        return true;
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void | Promise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        super.completionForKeyword(context, keyword, acceptor);
        if (!this.offerBlockSnippets) return;
        for (const snippet of BLOCK_SNIPPETS) {
            if (snippet.prefix === keyword.value) acceptor(context, this.snippetItem(context, snippet));
        }
    }

    /** A block snippet, indented like the line the cursor is on. */
    private snippetItem(context: CompletionContext, snippet: BlockSnippet): CompletionValueItem {
        const text = context.textDocument.getText();
        const lineStart = text.lastIndexOf('\n', context.tokenOffset - 1) + 1;
        const indent = /^[ \t]*/.exec(text.slice(lineStart, context.tokenOffset))?.[0] ?? '';
        return {
            label: `${snippet.prefix} …`,
            filterText: snippet.prefix,
            kind: CompletionItemKind.Snippet,
            detail: snippet.description,
            insertText: snippetText(snippet, indent).replace(/\t/g, '    '),
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: '2'
        };
    }

    /**
     * Inside (or right after) `separator`, `decimal`, `encoding` or a timestamp's `format`: the values a CSV
     * export is written with, each with what it reads — the separators, the decimal marks, the encodings and the
     * layouts exports commonly write (COMMON_TIMESTAMP_LAYOUTS, with an example of each).
     */
    private fileSpellingCompletion(document: LangiumDocument, text: string, offset: number): CompletionList | undefined {
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const match = /(?:^|\s)(separator|decimal|encoding|timestamp\s+format)\s+("?)([^"]*)$/.exec(text.slice(lineStart, offset));
        if (!match) return undefined;
        const quoted = match[2] === '"';
        const typed = match[3] ?? '';
        if (!quoted && typed !== '') return undefined;
        const choices = match[1] === 'separator' ? SEPARATOR_CHOICES : match[1] === 'decimal' ? DECIMAL_CHOICES : match[1] === 'encoding' ? ENCODING_CHOICES : layoutChoices();
        const range = quotedValueRange(document, text, offset, typed, quoted, quoted ? /^[^"]*"?/ : /^/);
        const items = choices.map(([value, detail], i) => ({
            label: JSON.stringify(value), kind: CompletionItemKind.Value, detail, sortText: String(i).padStart(3, '0'),
            filterText: JSON.stringify(value), textEdit: { range, newText: JSON.stringify(value) }
        }));
        return CompletionList.create(items, false);
    }
}

const SEPARATOR_CHOICES: ReadonlyArray<[string, string]> = [
    [';', 'semicolons, as Excel saves CSV where the decimal separator is a comma'],
    ['\t', 'tabs'],
    ['|', 'bars'],
    [',', 'commas (the default)']
];

const DECIMAL_CHOICES: ReadonlyArray<[string, string]> = [[',', 'decimal comma: 1,5'], ['.', 'decimal point: 1.5 (the default)']];

const ENCODING_CHOICES: ReadonlyArray<[string, string]> = [
    ['windows-1252', 'Excel\'s plain "CSV" and many Windows exports (Priorität with the byte 0xE4)'],
    ['utf-16', 'Excel\'s "Unicode Text" and Windows PowerShell\'s output'],
    ['utf-8', 'UTF-8 (the default; Excel\'s "CSV UTF-8")']
];

/** The layouts offered after a timestamp's `format`, with an example of each. */
function layoutChoices(): Array<[string, string]> {
    return COMMON_TIMESTAMP_LAYOUTS.map(layout => [layout.pattern, `e.g. ${layout.example}${layout.hasOffset ? '' : ' (in the dataset\'s time zone)'}`]);
}

function parameterDetail(parameter: Parameter): string {
    return `${parameter.type ?? 'parameter'}${parameter.default ? `, default ${argumentText(parameter.default)}` : ', required'}`;
}

/** Whether the cursor is inside a comment (at the end of a `//` line too, not after a closed block comment). */
function inComment(document: LangiumDocument, offset: number): boolean {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && offset > 0 ? CstUtils.findLeafNodeAtOffset(root, offset - 1) : undefined;
    if (!leaf?.hidden || !/COMMENT/.test(leaf.tokenType.name)) return false;
    return offset < leaf.end || leaf.tokenType.name !== 'ML_COMMENT';
}
