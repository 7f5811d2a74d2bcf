import {
    CompositeCstNodeImpl, CstNodeBuilder, DefaultDocumentBuilder, DefaultIndexManager, DefaultLinker, DocumentState,
    AstUtils, GrammarAST, LangiumCompletionParser, LangiumParser, RootCstNodeImpl, URI, createLangiumParser,
    type AbstractCstNode, type AstNode, type CompositeCstNode, type CstNode, type LangiumCoreServices, type LangiumDocument,
    type LangiumSharedCoreServices, type LeafCstNodeImpl, type Reference, type ReferenceDescription, type ReferenceInfo,
    type RootCstNode
} from 'langium';
import { NoViableAltException, type IToken } from 'chevrotain';
import type { CancellationToken } from 'vscode-languageserver';

type TextDocument = LangiumDocument['textDocument'];

/*
 * The only file that names private or internal members of Langium (and, through it, of
 * Chevrotain). Everything else in the language package calls the functions below.
 *
 * Langium is pinned to one exact version in package.json because these members may move in
 * any release. `LANGIUM_INTERNALS` at the end lists each one with a probe;
 * test/internals/langium-private.test.ts runs them, and README.md in this folder says what
 * each buys and how to upgrade.
 */

// ---------------------------------------------------------------- parser

/** Langium makes its CST builder itself and keeps it private: swap in ours. */
export function installCstNodeBuilder(parser: LangiumParser, builder: CstNodeBuilder): void {
    (parser as unknown as ParserStorage).nodeBuilder = builder;
}

/**
 * After a parse that threw (a stack overflow), makes the parser usable again. Langium resets
 * its other state when a parse starts; these two it resets only when one ends.
 */
export function resetParserAfterThrow(parser: LangiumParser): void {
    (parser as unknown as ParserStorage).stack = [];
    parser.unorderedGroups.clear();
}

/** Langium's parser takes any CST node as a leaf; its type says `LeafCstNodeImpl`. */
export function asLangiumLeaf(leaf: AbstractCstNode): LeafCstNodeImpl {
    return leaf as unknown as LeafCstNodeImpl;
}

/**
 * Langium parses an `infix` rule with a grammar of its own making, outside the language's
 * grammar: `parts+=Operand (operators+=Op parts+=Operand)*`, then folds the parts into binary
 * nodes and drops `parts`. True for that made-up operand assignment.
 */
export function isInfixOperandAssignment(source: GrammarAST.AbstractElement): boolean {
    if (!GrammarAST.isAssignment(source) || source.feature !== INFIX_OPERANDS) return false;
    for (let current: unknown = source; current; current = (current as { $container?: unknown }).$container) {
        if (GrammarAST.isParserRule(current) || GrammarAST.isInfixRule(current)) return false;
    }
    return true;
}
const INFIX_OPERANDS = 'parts';

/**
 * Chevrotain works out, at every syntax error, which tokens may follow the parser's place in
 * the grammar (to try inserting or deleting one token), by walking the rule's grammar afresh:
 * about 0.35 ms per error in a service, so 20,000 stray keywords cost seconds. The answer
 * depends only on the place (rules, occurrences, token): remember it, for at most `limit`
 * places (then forget all and start again).
 */
export function rememberRecoveryFollows(parser: LangiumParser | LangiumCompletionParser, limit = 10_000): void {
    const chevrotain = (parser as unknown as { wrapper: RecoveryStorage }).wrapper;
    const compute = chevrotain.getNextPossibleTokenTypes.bind(chevrotain);
    const remembered = new Map<string, unknown[]>();
    chevrotain.getNextPossibleTokenTypes = path => {
        const key = `${path.ruleStack.join(' ')}|${path.occurrenceStack.join(' ')}|${path.lastTok.name}|${path.lastTokOccurrence}`;
        let follows = remembered.get(key);
        if (!follows) {
            if (remembered.size >= limit) remembered.clear();
            follows = compute(path);
            remembered.set(key, follows);
        }
        return follows;
    };
}

/**
 * Chevrotain works out the expected paths of a "no viable alternative" error from the grammar
 * for every such error (uncached: its own comment says so). They depend only on the rule and
 * the place in it, so they are worked out once and remembered: 1,500 empty arguments after
 * `with` made 1,500 errors and took 2 s of CPU (found fuzzing). The message is built by the
 * same provider, with the same inputs, as Chevrotain's own raiseNoAltException would.
 */
export function rememberNoViableAltPaths(parser: LangiumParser | LangiumCompletionParser, limit = 10_000): void {
    const chevrotain = (parser as unknown as { wrapper: NoViableAltStorage }).wrapper;
    const raise = chevrotain.raiseNoAltException.bind(chevrotain);
    const remembered = new Map<string, unknown[]>();
    chevrotain.raiseNoAltException = (occurrence, errorMessageTypes) => {
        const ruleName = chevrotain.getCurrRuleFullName();
        const key = `${ruleName}|${occurrence}`;
        const provider = chevrotain.errorMessageProvider;
        const paths = remembered.get(key);
        if (!paths) {
            // The first time: Chevrotain works them out; note them on their way to the message.
            const build = provider.buildNoViableAltMessage;
            provider.buildNoViableAltMessage = options => {
                if (remembered.size >= limit) remembered.clear();
                remembered.set(key, options.expectedPathsPerAlt);
                return build.call(provider, options);
            };
            try {
                return raise(occurrence, errorMessageTypes);
            } finally {
                provider.buildNoViableAltMessage = build;
            }
        }
        const actual: unknown[] = [];
        for (let i = 1; i <= chevrotain.maxLookahead; i++) actual.push(chevrotain.LA(i));
        const previous = chevrotain.LA(0);
        const message = provider.buildNoViableAltMessage({ expectedPathsPerAlt: paths, actual, previous, customUserDescription: errorMessageTypes, ruleName });
        throw chevrotain.SAVE_ERROR(new NoViableAltException(message, chevrotain.LA(1) as IToken, previous as IToken));
    };
}

interface NoViableAltOptions {
    expectedPathsPerAlt: unknown[];
    actual: unknown[];
    previous: unknown;
    customUserDescription: string | undefined;
    ruleName: string;
}
interface NoViableAltStorage {
    raiseNoAltException(occurrence: number, errorMessageTypes: string | undefined): never;
    getCurrRuleFullName(): string;
    LA(offset: number): unknown;
    SAVE_ERROR(error: Error): Error;
    maxLookahead: number;
    errorMessageProvider: { buildNoViableAltMessage(options: NoViableAltOptions): string };
}

interface GrammarPath {
    ruleStack: string[];
    occurrenceStack: number[];
    lastTok: { name: string };
    lastTokOccurrence: number;
}
interface RecoveryStorage {
    getNextPossibleTokenTypes(path: GrammarPath): unknown[];
}

interface ParserStorage {
    nodeBuilder: CstNodeBuilder;
    stack: unknown[];
}

// ---------------------------------------------------------------- concrete syntax tree

/** Gives a CST's root another text of the same shape (its nodes' offsets must hold in it). */
export function replaceRootText(root: RootCstNode, text: string): void {
    (root as unknown as RootStorage)._text = text;
}

/** The AST node a composite was made for, without looking up its containers (undefined if none). */
export function ownAstNode(node: CompositeCstNode): AstNode | undefined {
    return (node as unknown as CompositeStorage)._astNode;
}

/** Links a composite to the AST node it now stands for (after an incremental re-parse). */
export function setAstNode(node: CompositeCstNode, astNode: AstNode): void {
    (node as CompositeCstNodeImpl).astNode = astNode;
}

/** Forgets a composite's cached range, after the nodes in it moved. */
export function forgetCachedRange(node: CompositeCstNode): void {
    (node as unknown as CompositeStorage)._rangeCache = undefined;
}

/** Gives a composite other children (Langium's builder has no method for this). */
export function replaceChildren(parent: CompositeCstNode, children: readonly CstNode[]): void {
    for (const child of children) (child as unknown as { container: CompositeCstNode }).container = parent;
    (parent as unknown as { content: readonly CstNode[] }).content = children;
}

interface RootStorage {
    _text: string;
}
interface CompositeStorage {
    content: CstNode[];
    _astNode: AstNode | undefined;
    _rangeCache: unknown;
}

// ---------------------------------------------------------------- linking and the index

/** Forgets a reference's target, so that linking it again looks it up afresh (as Langium's `unlink` does). */
export function forgetReferenceTarget(reference: Reference): void {
    const storage = reference as unknown as ReferenceStorage;
    storage._ref = undefined;
    delete storage._nodeDescription;
}

/** Links one reference (Langium's linker only links whole documents in public). */
export function linkReference(linker: DefaultLinker, info: ReferenceInfo, document: LangiumDocument): void {
    (linker as unknown as { doLink(info: ReferenceInfo, document: LangiumDocument): void }).doLink(info, document);
}

/** The index's references of each document (by URI), which Langium keeps to itself. */
export function referenceIndexOf(manager: DefaultIndexManager): Map<string, ReferenceDescription[]> {
    return (manager as unknown as { referenceIndex: Map<string, ReferenceDescription[]> }).referenceIndex;
}

/** Points a document at the editor's new text document (Langium sets it only when it creates the document). */
export function setTextDocument(document: LangiumDocument, textDocument: TextDocument): void {
    Object.defineProperty(document, 'textDocument', { value: textDocument, configurable: true });
}

interface ReferenceStorage {
    _ref?: unknown;
    _nodeDescription?: unknown;
}

// ---------------------------------------------------------------- document builder

/**
 * Langium's document builder, with its phase machinery (which it keeps protected, for its
 * own `update` and `build`) offered to a subclass that updates one document its own way.
 */
export abstract class PhaseDrivenDocumentBuilder extends DefaultDocumentBuilder {
    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** The editor's current text of a document, if it is open. */
    protected openTextDocument(uri: URI): TextDocument | undefined {
        return this.textDocuments?.get(uri.toString());
    }

    /** Whether the last build of a document ran to its end (not cut short). */
    protected isBuildComplete(document: LangiumDocument): boolean {
        return this.buildState.get(document.uri.toString())?.completed === true;
    }

    /** Tells update listeners that a document changed, as Langium's `update` does first. */
    protected async announceChange(uri: URI): Promise<void> {
        this.currentState = DocumentState.Changed;
        await this.emitUpdate([uri], []);
    }

    /** Records that the workspace is at `state`, without telling listeners (blocks re-parsed for a request). */
    protected reachedState(state: DocumentState): void {
        this.currentState = state;
    }

    /** Tells phase listeners that a document reached each of `states`, in order. */
    protected async announcePhases(document: LangiumDocument, states: DocumentState[], cancelToken: CancellationToken): Promise<void> {
        for (const state of states) {
            await this.notifyDocumentPhase(document, state, cancelToken);
            await this.notifyBuildPhase([document], state, cancelToken);
            this.currentState = state;
        }
    }

    /** Tells the client a document's diagnostics again, unchanged. */
    protected async announceValidatedAgain(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        await this.notifyDocumentPhase(document, DocumentState.Validated, cancelToken);
    }

    /**
     * A cancellation that takes effect only once the build has linked and indexed every
     * document (Langium's `currentState`): a newer edit cuts the validation short, never the
     * parsing and linking that requests wait for. Cancelled at every step, a burst of edits
     * kept a file unlinked (hovers unanswered) until it ended.
     */
    protected cancelOnlyValidation(cancelToken: CancellationToken): CancellationToken {
        const builder = this;
        return {
            get isCancellationRequested() {
                return cancelToken.isCancellationRequested && builder.currentState >= DocumentState.IndexedReferences;
            },
            onCancellationRequested: cancelToken.onCancellationRequested
        };
    }

    /** Validates a document whose earlier phases were brought up to date by hand, then announces it. */
    protected async validateAfterUpdate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        document.diagnostics = undefined;
        this.buildState.delete(document.uri.toString());
        this.prepareBuild([document], this.updateBuildOptions);
        await this.validate(document, cancelToken);
        this.markAsCompleted(document);
        document.state = DocumentState.Validated;
        await this.announcePhases(document, [DocumentState.Validated], cancelToken);
    }
}

// ---------------------------------------------------------------- the list, with probes

/** One internal member this adapter relies on: what it is for, and how to see it is still there. */
export interface LangiumInternal {
    /** Class and member, as Langium names them. */
    member: string;
    /** What the language uses it for. */
    usedFor: string;
    /** Undefined when the member is there with the expected shape; otherwise what is wrong. */
    probe(subjects: ProbeSubjects): string | undefined;
}

/** Fresh Langium objects to probe, made once from the language's services. */
export interface ProbeSubjects {
    parser: LangiumParser;
    root: RootCstNode;
    /** The CST node of `compositeFor`. */
    composite: CompositeCstNode;
    compositeFor: AstNode;
    reference: Reference;
    linker: DefaultLinker;
    indexManager: DefaultIndexManager;
    documentBuilder: DefaultDocumentBuilder;
    document: LangiumDocument;
    /** Grammar sources of the CST of the sample text, parsed by Langium's own parser. */
    grammarSources: GrammarAST.AbstractElement[];
}

const field = (object: object, name: string) => name in object ? undefined : `no field '${name}'`;
const method = (object: object, name: string) =>
    typeof (object as Record<string, unknown>)[name] === 'function' ? undefined : `no method '${name}'`;

export const LANGIUM_INTERNALS: readonly LangiumInternal[] = [
    {
        member: 'LangiumParser.nodeBuilder (private)',
        usedFor: 'install the lean CST builder (leaner syntax trees)',
        probe: ({ parser }) => (parser as unknown as ParserStorage).nodeBuilder instanceof CstNodeBuilder ? undefined : "no CstNodeBuilder in 'nodeBuilder'"
    },
    {
        member: 'LangiumParser.wrapper.getNextPossibleTokenTypes (Chevrotain, public on its parser)',
        usedFor: 'remember the tokens that may follow a grammar place during error recovery',
        probe: ({ parser }) => {
            const chevrotain = (parser as unknown as { wrapper?: object }).wrapper;
            return chevrotain ? method(chevrotain, 'getNextPossibleTokenTypes') : "no 'wrapper'";
        }
    },
    {
        member: 'LangiumParser.wrapper.raiseNoAltException, getCurrRuleFullName, LA, SAVE_ERROR, maxLookahead, errorMessageProvider (Chevrotain, on its parser)',
        usedFor: 'remember the expected paths of a "no viable alternative" error per rule and place',
        probe: ({ parser }) => {
            const chevrotain = (parser as unknown as { wrapper?: Record<string, unknown> }).wrapper;
            if (!chevrotain) return "no 'wrapper'";
            for (const name of ['raiseNoAltException', 'getCurrRuleFullName', 'LA', 'SAVE_ERROR']) {
                const problem = method(chevrotain, name);
                if (problem) return problem;
            }
            if (typeof chevrotain.maxLookahead !== 'number') return "no number 'maxLookahead'";
            const provider = chevrotain.errorMessageProvider as Record<string, unknown> | undefined;
            return provider && typeof provider.buildNoViableAltMessage === 'function' ? undefined : "no 'errorMessageProvider.buildNoViableAltMessage'";
        }
    },
    {
        member: 'LangiumParser.stack (private)',
        usedFor: 'reset the parser after a stack overflow',
        probe: ({ parser }) => Array.isArray((parser as unknown as ParserStorage).stack) ? undefined : "'stack' is not an array"
    },
    {
        member: 'CstNodeBuilder.createLeafNode (protected)',
        usedFor: 'make offset-only leaves',
        probe: () => method(CstNodeBuilder.prototype, 'createLeafNode')
    },
    {
        member: 'RootCstNodeImpl._text (private)',
        usedFor: 'give a spliced tree its new text',
        probe: ({ root }) => {
            const before = root.fullText;
            replaceRootText(root, 'probe');
            const seen = root.fullText;
            replaceRootText(root, before);
            return seen === 'probe' ? undefined : "fullText does not read '_text'";
        }
    },
    {
        member: 'CompositeCstNodeImpl._astNode (private)',
        usedFor: 'tell pass-through composites (no AST node of their own) while compacting',
        probe: ({ composite, compositeFor }) => field(composite, '_astNode') ?? (ownAstNode(composite) === compositeFor ? undefined : "'_astNode' is not the node's AST node")
    },
    {
        member: 'CompositeCstNodeImpl.astNode (setter)',
        usedFor: 'link a spliced block to its new AST node',
        probe: () => Object.getOwnPropertyDescriptor(CompositeCstNodeImpl.prototype, 'astNode')?.set ? undefined : "no setter 'astNode'"
    },
    {
        member: 'CompositeCstNodeImpl._rangeCache (private)',
        usedFor: 'forget cached ranges after a splice moved the tokens',
        probe: ({ composite }) => {
            if (!('_rangeCache' in composite)) return "no field '_rangeCache'";
            void composite.range;
            return (composite as unknown as CompositeStorage)._rangeCache !== undefined ? undefined : "'range' does not cache in '_rangeCache'";
        }
    },
    {
        member: 'CompositeCstNodeImpl.content (written)',
        usedFor: 'merge pass-through composites; put a re-parsed block in place',
        probe: ({ composite }) => Object.getOwnPropertyDescriptor(composite, 'content')?.writable ? undefined : "'content' is not a writable field"
    },
    {
        member: "infix rules' operand assignment 'parts' (internal grammar)",
        usedFor: 'tell operand slots of infix rules (no AST node keeps them) while compacting',
        probe: ({ grammarSources }) => grammarSources.some(isInfixOperandAssignment) ? undefined : "no assignment 'parts' outside the grammar's rules in the CST of an infix expression"
    },
    {
        member: 'DefaultReferenceImpl._ref, _nodeDescription (private)',
        usedFor: 'link one reference again after an edit',
        probe: ({ reference }) => {
            const missing = field(reference, '_ref');
            if (missing) return missing;
            const marker = { name: 'probe' };
            (reference as unknown as ReferenceStorage)._nodeDescription = marker;
            const seen = reference.$nodeDescription;
            forgetReferenceTarget(reference);
            return seen === marker ? undefined : "$nodeDescription does not read '_nodeDescription'";
        }
    },
    {
        member: 'DefaultLinker.doLink (protected)',
        usedFor: 'link one reference (Langium links whole documents)',
        probe: ({ linker }) => method(linker, 'doLink')
    },
    {
        member: 'DefaultIndexManager.referenceIndex (protected)',
        usedFor: "replace one block's references in the index",
        probe: ({ indexManager }) => referenceIndexOf(indexManager) instanceof Map ? undefined : "'referenceIndex' is not a Map"
    },
    {
        member: 'LangiumDocument.textDocument (configurable)',
        usedFor: "point a document at the editor's new text without re-creating it",
        probe: ({ document }) => Object.getOwnPropertyDescriptor(document, 'textDocument')?.configurable ? undefined : "'textDocument' cannot be redefined"
    },
    {
        member: 'DefaultDocumentBuilder.buildState, currentState, textDocuments (protected)',
        usedFor: 'update one document by re-parsing one block',
        probe: ({ documentBuilder }) => {
            const storage = documentBuilder as unknown as { buildState: unknown; currentState: unknown; textDocuments: unknown };
            if (!(storage.buildState instanceof Map)) return "'buildState' is not a Map";
            return field(documentBuilder, 'currentState') ?? field(documentBuilder, 'textDocuments');
        }
    },
    {
        member: 'DefaultDocumentBuilder.emitUpdate, notifyDocumentPhase, notifyBuildPhase, prepareBuild, validate, markAsCompleted (protected)',
        usedFor: 'update one document by re-parsing one block',
        probe: ({ documentBuilder }) => ['emitUpdate', 'notifyDocumentPhase', 'notifyBuildPhase', 'prepareBuild', 'validate', 'markAsCompleted']
            .map(name => method(documentBuilder, name)).find(problem => problem !== undefined)
    }
];

/**
 * Probes every internal member in {@link LANGIUM_INTERNALS} on fresh objects made from
 * `services`; `sample` is a text of the language with an infix expression of two operands
 * and a reference. Returns one line per missing member, naming it; empty when all are there.
 */
export function checkLangiumInternals(services: LangiumCoreServices & { shared: LangiumSharedCoreServices }, sample: string): string[] {
    const parser = createLangiumParser(services);
    const parsed = parser.parse(sample);
    const root = parsed.value.$cstNode?.root;
    if (!root) return ['LangiumParser.parse: the sample gave no syntax tree'];
    const compositeFor = AstUtils.streamAst(parsed.value).find(node => node !== parsed.value && node.$cstNode instanceof CompositeCstNodeImpl);
    if (!compositeFor) return ['LangiumParser.parse: the sample gave no AST node below the root'];
    const grammarSources: GrammarAST.AbstractElement[] = [];
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.grammarSource) grammarSources.push(node.grammarSource);
        if (node instanceof CompositeCstNodeImpl) stack.push(...node.content);
    }
    const shared = services.shared;
    const linker = services.references.Linker;
    const indexManager = shared.workspace.IndexManager;
    const documentBuilder = shared.workspace.DocumentBuilder;
    if (!(linker instanceof DefaultLinker) || !(indexManager instanceof DefaultIndexManager) || !(documentBuilder instanceof DefaultDocumentBuilder)) {
        return ['the services are not built on DefaultLinker, DefaultIndexManager and DefaultDocumentBuilder'];
    }
    const subjects: ProbeSubjects = {
        parser,
        root: root instanceof RootCstNodeImpl ? root : new RootCstNodeImpl(sample),
        composite: compositeFor.$cstNode as CompositeCstNode,
        compositeFor,
        reference: linker.buildReference(parsed.value, 'probe', undefined, 'probe'),
        linker,
        indexManager,
        documentBuilder,
        document: shared.workspace.LangiumDocumentFactory.fromString(sample, URI.parse('memory:///probe.sla')),
        grammarSources
    };
    const problems: string[] = [];
    for (const internal of LANGIUM_INTERNALS) {
        let problem: string | undefined;
        try {
            problem = internal.probe(subjects);
        } catch (error) {
            problem = `probe threw: ${String(error)}`;
        }
        if (problem) problems.push(`${internal.member}: ${problem} (used to ${internal.usedFor})`);
    }
    return problems;
}
