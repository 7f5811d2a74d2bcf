import {
    AstUtils, DocumentState, type AstNode, type CstNode, type LangiumDocument, type LangiumParser, type LangiumSharedCoreServices, type Reference,
    type ReferenceDescription, type ReferenceInfo, type URI
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { Range } from 'vscode-languageserver-types';
import { isDocument, isKpi } from '../../generated/ast.js';
import type { SlaScopeProvider } from '../../scoping/sla-scope-provider.js';
import type { SlaServices } from '../../sla-module.js';
import { acceptsDiagnosticReuse, bucketOf, type DiagnosticReuse } from '../../workspace/diagnostic-reuse.js';
import { resolveImportUri } from '../../workspace/imports.js';
import { PhaseDrivenDocumentBuilder, setTextDocument } from '../langium-private.js';
import { planBlockSteps, type BlockStep } from './block-edits.js';
import { applyBlockReparse, namedNodes, reparseBlock } from './block-reparse.js';
import { changedRegion, type ChangedRegion } from './changed-region.js';
import type { PositionShift } from './cst-splice.js';
import { referenceInfo, type SlaIndexManager, type SlaLinker, type SlaReferenceDescriptionProvider } from './reference-index.js';
import { applyEdits, type TextEditLog } from './text-edit-log.js';
import { bucketsOfReference, planReuse, type EditedReferences } from './validation-reuse.js';

/** The phases between parsing and validation, in Langium's order. */
const PHASES_BEFORE_VALIDATION = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences];

/**
 * Langium's document builder, with one shortcut for typing in a large file: an edit inside
 * one block (a service, calendar, maintenance, dataset or credit) re-parses that block
 * alone, re-links the references it touches, and re-checks only the blocks that can see
 * the change (validation-reuse.ts). Langium would re-parse, re-link and re-check the whole
 * file, about 300 ms at 5,000 lines. Edits built together (a burst, coalesced by
 * coalescing-update-handler.ts) re-parse each block they touched, in turn (block-edits.ts,
 * from the editor's change log). Anything the shortcut cannot prove safe takes Langium's full
 * path; the tests compare both paths on random edits. Requests for a document whose newest
 * text is not built yet wait for it (waitUntil).
 */
export class SlaDocumentBuilder extends PhaseDrivenDocumentBuilder {
    /** The text version each open document was last parsed from (the log's changes after it are not built yet). */
    private readonly builtVersions = new Map<string, number>();
    /** Changed documents whose update was cancelled before it began: the next update takes them along. */
    private readonly pending = new Map<string, URI>();

    /** True while the block path announces its phases: it has recorded the version it built itself. */
    private announcingBlockUpdate = false;
    /** Requests waiting for a document whose newest text is not built yet. */
    private readonly waiters = new Map<string, Array<() => void>>();

    constructor(services: LangiumSharedCoreServices, private readonly editLog?: TextEditLog) {
        super(services);
        // Langium's full path parses the editor's text of that moment: remember which version.
        this.onDocumentPhase(DocumentState.Parsed, document => {
            if (!this.announcingBlockUpdate) this.builtFrom(document.uri);
        });
        for (const state of [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated]) {
            this.onDocumentPhase(state, document => {
                if (!this.isStale(document.uri)) this.releaseWaiters([document.uri]);
            });
        }
    }

    /**
     * Langium's wait for a document's state. Changes are built together once a burst of them
     * pauses (coalescing-update-handler.ts); until then the document keeps the tree of the
     * text before. Requests that read the tree at a place (hover, completion, definition,
     * semantic tokens, inlay hints, signature help: Linked or IndexedReferences) are answered
     * from it, as Langium answers them while a build runs: a burst of 2,000 edits on a
     * 5,000-line file otherwise made each of them wait for a build. Requests whose answer edits
     * the text or covers the whole file (formatting, symbols, folding: Parsed; code actions:
     * Validated) and workspace-wide ones (rename, references) first wait for the newest text.
     */
    override waitUntil(state: DocumentState, cancelToken?: CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: CancellationToken): Promise<URI>;
    override async waitUntil(state: DocumentState, uriOrToken?: URI | CancellationToken, cancelToken?: CancellationToken): Promise<URI | void> {
        if (uriOrToken && 'path' in uriOrToken) {
            const readsAtPlace = state === DocumentState.Linked || state === DocumentState.IndexedReferences;
            if (!readsAtPlace && this.isStale(uriOrToken)) await this.newestBuilt(uriOrToken, cancelToken);
            return super.waitUntil(state, uriOrToken, cancelToken);
        }
        // A workspace-wide request (rename, references) waits for every open document's newest text.
        for (let stale = this.firstStale(); stale && !uriOrToken?.isCancellationRequested; stale = this.firstStale()) {
            await this.newestBuilt(stale, uriOrToken);
        }
        return super.waitUntil(state, uriOrToken);
    }

    /** Resolves once an update has built a document's newest text (or ended), or the request is cancelled. */
    private newestBuilt(uri: URI, cancelToken?: CancellationToken): Promise<void> {
        const key = uri.toString();
        return new Promise<void>(resolve => {
            const list = this.waiters.get(key) ?? [];
            list.push(resolve);
            this.waiters.set(key, list);
            // A cancelled request stops waiting; Langium's wait then says it was cancelled.
            cancelToken?.onCancellationRequested(() => resolve());
        });
    }

    private firstStale(): URI | undefined {
        return this.langiumDocuments.all.map(document => document.uri).find(uri => this.isStale(uri));
    }

    /** An open document whose editor text is newer than the text last built. */
    private isStale(uri: URI): boolean {
        const built = this.builtVersions.get(uri.toString());
        const current = this.openTextDocument(uri)?.version;
        return built !== undefined && current !== undefined && built !== current;
    }

    private releaseWaiters(uris: URI[]): void {
        for (const uri of uris) {
            const list = this.waiters.get(uri.toString());
            if (!list) continue;
            this.waiters.delete(uri.toString());
            for (const resolve of list) resolve();
        }
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        if (cancelToken.isCancellationRequested && deleted.length === 0) {
            // Langium cancels an update when it queues the next one: a burst of edits queues one
            // update per change. The newest builds them all at once; this one only says what changed.
            for (const uri of changed) this.pending.set(uri.toString(), uri);
            return;
        }
        const all = new Map([...this.pending, ...changed.map(uri => [uri.toString(), uri] as const)]);
        this.pending.clear();
        for (const uri of deleted) all.delete(uri.toString());
        changed = [...all.values()];
        try {
            if (deleted.length === 0 && changed.length === 1 && await this.updateWithinBlock(changed[0], cancelToken)) return;
            // Parsing and linking run to their end, so requests waiting for a linked file get one;
            // a newer edit cuts short only the validation (which the next update does again).
            await super.update(changed, deleted, this.cancelOnlyValidation(cancelToken));
        } finally {
            // Requests held back for these documents see what was built (or wait as Langium lets them).
            this.releaseWaiters(changed);
        }
    }

    /** True when the edit was applied by re-parsing blocks; false leaves the document untouched. */
    private async updateWithinBlock(uri: URI, cancelToken: CancellationToken): Promise<boolean> {
        const document = this.langiumDocuments.getDocument(uri);
        const textDocument = this.openTextDocument(uri);
        if (!document || !textDocument || document.state < DocumentState.IndexedReferences) return false;
        const oldText = document.parseResult.value.$cstNode?.root.fullText;
        const newText = textDocument.getText();
        const version = textDocument.version;
        if (oldText === undefined || !this.othersAreBuilt(document)) return false;
        const region = changedRegion(oldText, newText);
        if (!region) {
            // The same text (the file opened in the editor, an undo back to it): what was built
            // still holds; the client hears its diagnostics again, as after any update. A check
            // a newer edit cut short is done now.
            this.builtFrom(uri, version);
            if (document.state === DocumentState.Validated && this.isBuildComplete(document)) {
                await this.announceValidatedAgain(document, cancelToken);
                return true;
            }
            await this.validateAfterUpdate(document, cancelToken);
            return true;
        }
        if (this.isUsedElsewhere(document)) return false;
        const services = this.serviceRegistry.getServices(uri) as SlaServices;
        const steps = this.blockSteps(document, region, oldText, newText, services.parser.LangiumParser);
        if (!steps) return false;

        // Caches (types, agreement facts) hold nodes of the old blocks: the update clears them. Scope
        // tables keep their names and move to the new blocks' nodes (the names are the same).
        const moved = steps.flatMap(({ reparse }) => {
            const newNamed = namedNodes(reparse.newNode);
            return namedNodes(reparse.oldNode).map((node, i): [AstNode, AstNode] => [node, newNamed[i]!]);
        });
        (services.references.ScopeProvider as SlaScopeProvider).carryOver(moved);
        await this.announceChange(uri);
        // Listeners may have let a newer edit in: the steps are of the text read above.
        if (textDocument.version !== version) return false;
        let reuse: DiagnosticReuse | undefined;
        try {
            // From here to the reference index nothing waits on I/O or timers (no cancellable step),
            // so no request sees a half-updated file.
            const linker = services.references.Linker as SlaLinker;
            const staleInfos: ReferenceInfo[] = [];
            const droppedRefNodes = new Set<CstNode | undefined>();
            let single: { referencedBefore: EditedReferences; shift: PositionShift; editedRange: Range } | undefined;
            // References sorted once, in the built text's offsets, before any block moves.
            const { kept: keptReferences, stale, referencedBefore } = sortReferences(document, steps.map(step => step.reparse.oldNode));
            staleInfos.push(...stale.map(referenceInfo).filter((info): info is ReferenceInfo => info !== undefined));
            // References inside the old blocks and those re-linked lose their index entries.
            const keptSet = new Set(keptReferences);
            for (const reference of document.references as Reference[]) if (!keptSet.has(reference)) droppedRefNodes.add(reference.$refNode);
            document.references = keptReferences;
            if (steps.length === 1) {
                // Lines and columns (a scan of the whole text) serve the diagnostics kept across a one-block edit.
                const { reparse, text } = steps[0]!;
                const editedRange = reparse.oldNode.$cstNode!.range;
                single = { referencedBefore, shift: applyBlockReparse(reparse, text), editedRange };
            } else {
                for (const { reparse, text } of steps) applyBlockReparse(reparse, text, false);
            }

            setTextDocument(document, textDocument);
            document.state = DocumentState.Parsed;
            await this.indexManager.updateContent(document, CancellationToken.None);
            document.state = DocumentState.IndexedContent;
            document.localSymbols = await services.references.ScopeComputation.collectLocalSymbols(document, CancellationToken.None);
            document.state = DocumentState.ComputedScopes;

            const linked: ReferenceInfo[] = [];
            for (const info of staleInfos) {
                linker.resetReference(info.reference as Reference);
                linker.linkReference(info, document);
                linked.push(info);
            }
            for (const { reparse } of steps) {
                for (const node of AstUtils.streamAst(reparse.newNode)) {
                    AstUtils.streamReferences(node).forEach(info => {
                        linker.linkReference(info, document);
                        linked.push(info);
                    });
                }
            }
            document.state = DocumentState.Linked;

            const describer = services.workspace.ReferenceDescriptionProvider as SlaReferenceDescriptionProvider;
            const added: ReferenceDescription[] = [];
            for (const info of linked) if (!info.reference.error) added.push(...describer.describe(info));
            (this.indexManager as SlaIndexManager).replaceBlockReferences(document, droppedRefNodes, added);
            document.state = DocumentState.IndexedReferences;
            // Diagnostics are kept across a one-block edit; after many blocks at once, all are checked again.
            if (single) {
                const edited = steps[0]!.reparse.newNode;
                reuse = planReuse(document, oldText, bucketOf(edited) ?? edited, single.referencedBefore, single.shift, single.editedRange);
            }
        } catch (error) {
            // Not expected; should it happen, the full path rebuilds the file from its text.
            console.error('Incremental update failed; re-parsing the whole file:', error);
            document.parseResult = services.parser.LangiumParser.parse(newText);
            Object.assign(document.parseResult.value, { $document: document });
            this.resetToState(document, DocumentState.Changed);
            return false;
        }
        this.builtFrom(uri, version);
        this.announcingBlockUpdate = true;
        try {
            await this.announcePhases(document, PHASES_BEFORE_VALIDATION, cancelToken);
        } finally {
            this.announcingBlockUpdate = false;
        }
        const validator = services.validation.DocumentValidator;
        if (reuse && acceptsDiagnosticReuse(validator)) validator.planReuse(document, reuse);
        await this.validateAfterUpdate(document, cancelToken);
        return true;
    }

    /**
     * The blocks to re-parse for the change from the built text to the editor's: the one
     * block around it, or, when the change spans blocks (edits coalesced from a burst), one
     * block per edit as the editor's log of changes tells.
     */
    private blockSteps(document: LangiumDocument, region: ChangedRegion, oldText: string, newText: string, parser: LangiumParser): BlockStep[] | undefined {
        const reparse = reparseBlock(document, region, newText, parser);
        if (reparse) return [{ reparse, text: newText }];
        const from = this.builtVersions.get(document.uri.toString());
        if (!this.editLog || from === undefined) return undefined;
        const edits = this.editLog.since(document.uri.toString(), from);
        if (edits.length < 2 || applyEdits(oldText, edits) !== newText) return undefined;
        return planBlockSteps(document, oldText, newText, edits, parser);
    }

    /** Remembers that a document was built from the editor's text of `version` (by default, its current one). */
    private builtFrom(uri: URI, version = this.openTextDocument(uri)?.version): void {
        const key = uri.toString();
        if (version === undefined) {
            this.builtVersions.delete(key);
            return;
        }
        this.builtVersions.set(key, version);
        this.editLog?.forget(key, version);
    }

    /** The shortcut assumes every other document is fully built (no build was cut short). */
    private othersAreBuilt(document: LangiumDocument): boolean {
        return this.langiumDocuments.all.every(other => other === document
            || (other.state === DocumentState.Validated && this.isBuildComplete(other)));
    }

    /** Another file that imports or refers to this one may link or validate differently after the edit. */
    private isUsedElsewhere(document: LangiumDocument): boolean {
        const uri = document.uri.toString();
        const changed = new Set([uri]);
        return this.langiumDocuments.all.some(other => {
            if (other === document) return false;
            if (this.indexManager.isAffected(other, changed)) return true;
            const root = other.parseResult.value;
            return isDocument(root) && root.imports.some(imp => resolveImportUri(imp)?.toString() === uri);
        });
    }
}

/**
 * The file's references sorted out: those outside the blocks that stay as they are, those
 * outside that point into a block (to be linked again to the new nodes), and the
 * top-level declarations and KPIs the blocks' own references point to. Buckets (remembered per
 * reference) settle most references at once; offsets decide only within a block's bucket.
 */
function sortReferences(document: LangiumDocument, blocks: AstNode[]): { kept: Reference[]; stale: Reference[]; referencedBefore: EditedReferences } {
    const byBucket = new Map<AstNode, Array<{ start: number; end: number }>>();
    for (const block of blocks) {
        const bucket = bucketOf(block) ?? block;
        const list = byBucket.get(bucket) ?? [];
        list.push({ start: block.$cstNode!.offset, end: block.$cstNode!.end });
        byBucket.set(bucket, list);
    }
    const kept: Reference[] = [];
    const stale: Reference[] = [];
    const referencedBefore: EditedReferences = { buckets: new Set(), kpis: new Set() };
    for (const reference of document.references as Reference[]) {
        const { source, target } = bucketsOfReference(reference);
        const sourceBlocks = source ? byBucket.get(source) : undefined;
        if (sourceBlocks) {
            const at = reference.$refNode?.offset ?? -1;
            if (sourceBlocks.some(block => at >= block.start && at < block.end)) {
                if (target) referencedBefore.buckets.add(target);
                if (isKpi(reference.ref)) referencedBefore.kpis.add(reference.ref);
                continue;
            }
        }
        const targetBlocks = target ? byBucket.get(target) : undefined;
        if (targetBlocks) {
            const targetCst = reference.ref?.$cstNode;
            if (targetCst && targetBlocks.some(block => targetCst.offset >= block.start && targetCst.end <= block.end)) {
                stale.push(reference);
                continue;
            }
        }
        kept.push(reference);
    }
    return { kept, stale, referencedBefore };
}
