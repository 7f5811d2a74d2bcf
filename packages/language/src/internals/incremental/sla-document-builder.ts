import {
    AstUtils, DocumentState, type AstNode, type CstNode, type LangiumDocument, type LangiumParser, type LangiumSharedCoreServices, type Reference, type TextDocument,
    type ReferenceDescription, type ReferenceInfo, type URI
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { Position, Range } from 'vscode-languageserver-types';
import { isAgreement, isDocument, isKpi } from '../../generated/ast.js';
import type { SlaScopeProvider } from '../../scoping/sla-scope-provider.js';
import type { SlaServices } from '../../sla-module.js';
import { acceptsDiagnosticReuse, bucketOf, type DiagnosticReuse } from '../../workspace/diagnostic-reuse.js';
import { resolveImportUri } from '../../workspace/imports.js';
import { PhaseDrivenDocumentBuilder, setTextDocument } from '../langium-private.js';
import { givesText, planBlockSteps, stepsFor, textWith, touchedBlocks, type BlockStep, type TouchedBlock } from './block-edits.js';
import { numberPatches, type NumberPatch } from './number-patch.js';
import { setRootText } from '../parser/offset-leaf-nodes.js';
import { applyBlockReparse, reparseBlock } from './block-reparse.js';
import { changedRegion, type ChangedRegion } from './changed-region.js';
import type { PositionShift } from './cst-splice.js';
import { referenceInfo, type SlaIndexManager, type SlaLinker, type SlaReferenceDescriptionProvider } from './reference-index.js';
import type { LoggedEdit, TextEditLog } from './text-edit-log.js';
import { burstTrace, now, type RequestTrace, type UpdateTrace } from './burst-trace.js';
import { bucketsOfReference, planReuse, type EditedReferences } from './validation-reuse.js';

/** A cancellation already requested: with cancelOnlyValidation, Langium's update stops before validating. */
const CANCELLED: CancellationToken = { isCancellationRequested: true, onCancellationRequested: CancellationToken.Cancelled.onCancellationRequested };

/** How answerFromBlocks made the tree ready for a request, or why it could not. */
type BlockAnswer = { how: 'patched' | 'reparsed' | 'unchanged' } | { why: string };

/** The phases between parsing and validation, in Langium's order. */
const PHASES_BEFORE_VALIDATION = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences];

/** The version recorded for a tree parsed from a text the editor has since replaced: below every real version. */
const UNKNOWN_OLDER_VERSION = -1;

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
    /** Requests waiting for a document to be built from at least the text version they were sent for. */
    private readonly waiters = new Map<string, Array<{ version: number; resolve: () => void }>>();
    /** Who builds a document at once when a request needs its newest text (coalescing-update-handler.ts). */
    private readonly buildWantedListeners: Array<(uri: URI) => void> = [];

    /** The documents open in the editor (the workspace's public service). */
    private readonly openEditors: LangiumSharedCoreServices['workspace']['TextDocuments'];

    constructor(services: LangiumSharedCoreServices, private readonly editLog?: TextEditLog) {
        super(services);
        this.openEditors = services.workspace.TextDocuments;
        // Langium's full path parses the editor's text of that moment: remember which version.
        // A change may come in between the parse and this announcement (Langium lets the event
        // loop run before each phase listener): the tree is then of an older text than the
        // editor's version of now, so it is recorded as built from an unknown older version (the
        // document stays stale until the change's own update). Recording the version of now let
        // a request that waited for it read the older tree; recording nothing made a file just
        // opened look up to date.
        this.onDocumentPhase(DocumentState.Parsed, document => {
            if (this.announcingBlockUpdate) return;
            const parsed = document.parseResult.value.$cstNode?.root.fullText;
            const textDocument = this.openTextDocument(document.uri);
            const older = parsed !== undefined && textDocument !== undefined && parsed !== textDocument.getText();
            this.builtFrom(document.uri, older ? UNKNOWN_OLDER_VERSION : textDocument?.version);
        });
    }

    /** Called when a request waits for a document whose newest text is not built yet: build it now. */
    onBuildWanted(listener: (uri: URI) => void): void {
        this.buildWantedListeners.push(listener);
    }

    /**
     * Langium's wait for a document's state, first for the text the request was sent for.
     * Changes are built together once a burst of them pauses (coalescing-update-handler.ts);
     * a request for a document whose text changed since its last build asks for that build at
     * once and waits for it, so that every answer is of the text the request was sent for
     * (or a newer one). Answering from the tree before, positions and contents could be of
     * another text (a hover on a line that moved, a completion without the letters just typed).
     */
    override waitUntil(state: DocumentState, cancelToken?: CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: CancellationToken): Promise<URI>;
    override async waitUntil(state: DocumentState, uriOrToken?: URI | CancellationToken, cancelToken?: CancellationToken): Promise<URI | void> {
        if (uriOrToken && 'path' in uriOrToken && cancelToken && this.readyRequests.delete(cancelToken)) {
            return super.waitUntil(state, uriOrToken, cancelToken);
        }
        if (uriOrToken && 'path' in uriOrToken) {
            await Promise.all([this.builtForRequest(uriOrToken, cancelToken), this.othersBuiltForRequest(uriOrToken, cancelToken)]);
            return super.waitUntil(state, uriOrToken, cancelToken);
        }
        // A workspace-wide request (rename, references) waits for every open document's text of now.
        await this.othersBuiltForRequest(undefined, uriOrToken);
        return super.waitUntil(state, uriOrToken);
    }

    /**
     * The requests (by their cancellation token, which Langium's handler passes on to waitUntil)
     * that readyForPlace made ready: their wait takes its decision. Per request: two requests
     * made ready in the same turn (both waited for an update to end) each skip the wait; with
     * one flag for the document, the second waited for a build (500 ms in the benchmark).
     */
    private readonly readyRequests = new WeakSet<CancellationToken>();
    /** readyForPlace's work, one request at a time (answerFromBlocks changes the tree between awaits). */
    private placeTurn: Promise<unknown> = Promise.resolve();

    /**
     * Before a hover or a completion: makes sure the tree answers at `position` as a build of
     * the editor's text of now would, without building the whole file when it can. During a
     * burst, every change since the last build is in the editor's log (text-edit-log.ts); when
     * each is strictly inside a block, only the blocks the answer reads are re-parsed and put in
     * place now (answerFromBlocks). Otherwise the request waits for the build of its text.
     * Langium's handler follows at once (no event-loop turn between), so its wait takes the
     * decision made here.
     */
    async readyForPlace(uri: URI, position: Position, cancelToken?: CancellationToken, trace?: RequestTrace): Promise<void> {
        // The answer may read another file (a client's template in its catalogue): its changes are built first.
        const sinceOthers = now();
        await this.othersBuiltForRequest(uri, cancelToken);
        if (trace) trace.waitedBuildMs += now() - sinceOthers;
        // Two requests' blocks put in place at once would each write the tree's text from the one
        // before (the second undoing the first): one request at a time.
        const turn = this.placeTurn.then(() => this.readyFromBlocks(uri, position, cancelToken, trace));
        this.placeTurn = turn.catch(() => undefined);
        if (!await turn) {
            const since = now();
            await this.builtForRequest(uri, cancelToken);
            if (trace) trace.waitedBuildMs += now() - since;
        }
        // Built from the request's text, or its blocks in place: Langium's wait must not wait again
        // for edits that came after the request (a burst would starve it).
        if (cancelToken && cancelToken !== CancellationToken.None) this.readyRequests.add(cancelToken);
    }

    /** readyForPlace's look at the blocks: true when the tree is ready for the request, false when it waits for a build. */
    private async readyFromBlocks(uri: URI, position: Position, cancelToken?: CancellationToken, trace?: RequestTrace): Promise<boolean> {
        // A build under way changes the tree: wait for it, then look again (a few times at most).
        let why = 'an update under way three times';
        for (let attempt = 0; attempt < 3 && this.isStale(uri) && !cancelToken?.isCancellationRequested; attempt++) {
            if (this.updating > 0) {
                const since = now();
                await new Promise<void>(resolve => this.idleWaiters.push(resolve));
                if (trace) trace.waitedUpdateMs += now() - since;
                continue;
            }
            let answer: BlockAnswer = { why: 'threw' };
            try {
                answer = await this.answerFromBlocks(uri, position);
            } catch (error) {
                // Not expected; the tree and the log stay consistent at every step, and the request waits for a build.
                console.error('Answering from re-parsed blocks failed; waiting for a build:', error);
            }
            if ('why' in answer) {
                why = answer.why;
                break;
            }
            if (trace) Object.assign(trace, { answer: 'blocks', how: answer.how });
            return true;
        }
        if (!this.isStale(uri)) return true;
        if (trace) Object.assign(trace, { answer: 'build', why });
        return false;
    }

    /**
     * Brings the tree to answer at `position` for the editor's text of now, re-parsing only the
     * blocks the answer reads; false when it cannot (nothing changed then). The blocks put in
     * place: every block the changes touched in the declaration around `position` (a service,
     * a calendar…) and in the declarations it refers to, however indirectly; every block where
     * a change did more than retype a number (number-edit.ts), so that every name stays as a
     * build of the newest text would have it; and every block whose length changed, so that
     * every offset, line and column is the newest text's. The other touched blocks keep their
     * old numbers, which no answer here reads. The tree is then of a text between the built one
     * and the newest (the log is rewritten to go on from it); the build after the burst goes
     * on from there. A burst of edits elsewhere costs a hover nothing, and one in its own
     * service one block's parse, where a build re-parsed every block touched since the last.
     */
    private async answerFromBlocks(uri: URI, position: Position): Promise<BlockAnswer> {
        const key = uri.toString();
        const from = this.builtVersions.get(key);
        const document = this.langiumDocuments.getDocument(uri);
        const textDocument = this.openTextDocument(uri);
        const root = document?.parseResult.value;
        const oldText = root?.$cstNode?.root.fullText;
        if (!this.editLog || from === undefined || !document || !textDocument || !root || oldText === undefined) return { why: 'no tree or no log' };
        // Which of the logged changes the tree has is not known: build.
        if (from === UNKNOWN_OLDER_VERSION) return { why: 'a tree of an unknown older text' };
        if (document.state < DocumentState.Linked) return { why: 'not linked' };
        if (!this.othersAreBuilt(document)) return { why: 'another document not built' };
        if (this.isUsedElsewhere(document)) return { why: 'used by another document' };
        const version = textDocument.version;
        const newText = textDocument.getText();
        const edits = this.editLog.since(key, from);
        const touched = touchedBlocks(document, edits);
        // None touched: the requests before put every change in place (the log is empty since);
        // the tree is then of the editor's text, as givesText checks below.
        if (!touched) return { why: 'an edit outside blocks' };

        // The declaration around the place, in the built tree.
        const offset = textDocument.offsetAt(position);
        let moved = 0;
        let declaration: AstNode | undefined;
        for (const block of touched) {
            if (block.end <= offset) moved += (block.end - block.start) - (block.oldEnd - block.oldStart);
            else if (block.start <= offset) declaration = topLevelDeclarationOf(block.node);
        }
        declaration ??= topLevelDeclarationAt(root, offset - moved);
        if (!declaration) return { why: 'no declaration at the place' };
        const read = [...declarationsRead(declaration, document)];
        const overlaps = (block: TouchedBlock) => read.some(node => node.$cstNode!.offset < block.oldEnd && block.oldStart < node.$cstNode!.end);
        const sameLength = (block: TouchedBlock) => block.end - block.start === block.oldEnd - block.oldStart;
        const chosen = touched.filter(block => !block.numberOnly || !sameLength(block) || overlaps(block));
        const left = touched.filter(block => !chosen.includes(block));

        const services = this.serviceRegistry.getServices(uri) as SlaServices;
        if (chosen.length > 0 && chosen.every(block => block.numberOnly && sameLength(block)) && givesText(touched, oldText, newText)) {
            // Only numbers retyped in place (every touched block as long as before): set their values, no parse.
            const patches = chosen.map(block => numberPatches(block.node.$cstNode!, oldText, newText, services.parser.ValueConverter));
            if (patches.every(patch => patch !== undefined)) {
                (services.references.ScopeProvider as SlaScopeProvider).carryOver([]);
                await this.announceChange(uri);
                if (textDocument.version !== version) return { why: 'an edit came in' };
                setRootText(root.$cstNode!.root, textWith(chosen, oldText, newText));
                for (const { node, property, value } of patches.flat()) Reflect.set(node, property, value);
                if (document.state > DocumentState.IndexedReferences) document.state = DocumentState.IndexedReferences;
                this.reachedState(DocumentState.IndexedReferences);
                this.editLog.replaceSince(key, from, version, blockChanges(left, newText, version));
                return { how: 'patched' };
            }
        }
        if (chosen.length > 0) {
            const planned = stepsFor(touched, chosen, oldText, newText, services.parser.LangiumParser);
            if (!planned) return { why: 'a block does not parse alone' };
            (services.references.ScopeProvider as SlaScopeProvider).carryOver(planned.steps.flatMap(({ reparse }) => reparse.renamedPairs));
            await this.announceChange(uri);
            try {
                // No edit can come in between (the update listeners run in the same turn); should one, the full path builds.
                if (textDocument.version !== version) throw new Error('an edit came in while blocks were re-parsed for a request');
                await this.spliceAndLink(document, services, planned.steps, textDocument, false);
            } catch (error) {
                console.error('Re-parsing blocks for a request failed; the file is parsed again:', error);
                this.resetToState(document, DocumentState.Changed);
                return { why: 're-parse failed' };
            }
            this.reachedState(DocumentState.IndexedReferences);
            // From the tree's text to the editor's: one change per block left (as long as before, same lines).
            this.editLog.replaceSince(key, from, version, blockChanges(left, newText, version));
            // The declaration's new text may read another one a change left behind: then build.
            // (The blocks left are as long as before: their places in the tree are those in the editor's text.)
            const around = topLevelDeclarationAt(root, offset);
            if (!around) return { why: 'no declaration at the place' };
            const nowRead = [...declarationsRead(around, document)];
            if (left.some(block => nowRead.some(node => node.$cstNode!.offset < block.end && block.start < node.$cstNode!.end))) return { why: 'reads a block left' };
            return { how: 'reparsed' };
        } else if (!givesText(touched, oldText, newText)) {
            // The log is a hint: its changes must give the editor's text.
            return { why: 'the log does not give the text' };
        } else if (edits.length > touched.length) {
            // The next request reads one change per block, not every keystroke of the burst so far.
            this.editLog.replaceSince(key, from, version, blockChanges(touched, newText, version));
        }
        return { how: 'unchanged' };
    }

    /** Resolves once a document is built from the editor's text of now (or a newer one), or the request is cancelled. */
    private async builtForRequest(uri: URI, cancelToken?: CancellationToken): Promise<void> {
        const version = this.openTextDocument(uri)?.version;
        if (version === undefined || !this.isStale(uri)) return;
        const key = uri.toString();
        const waiting = new Promise<void>(resolve => {
            const list = this.waiters.get(key) ?? [];
            list.push({ version, resolve });
            this.waiters.set(key, list);
            // A cancelled request stops waiting; Langium's wait then says it was cancelled.
            cancelToken?.onCancellationRequested(() => resolve());
        });
        for (const listener of this.buildWantedListeners) listener(uri);
        await waiting;
    }

    /**
     * Resolves once every document but `uri` is built from the editor's text of now. An answer
     * in one file may read others (a client agreement links to its catalogue's template), and
     * Langium lowers the state of the files that read a changed one only once its update
     * begins: until then (a burst's pause, coalescing-update-handler.ts), a client looked built,
     * and a definition or a hover there answered from the catalogue's older text.
     */
    private async othersBuiltForRequest(uri: URI | undefined, cancelToken?: CancellationToken): Promise<void> {
        const key = uri?.toString();
        const stale = this.langiumDocuments.all.map(document => document.uri).filter(other => other.toString() !== key && this.isStale(other)).toArray();
        await Promise.all(stale.map(other => this.builtForRequest(other, cancelToken)));
    }

    /** An open document whose editor text is newer than the text last built. */
    private isStale(uri: URI): boolean {
        const built = this.builtVersions.get(uri.toString());
        const current = this.openTextDocument(uri)?.version;
        return built !== undefined && current !== undefined && built !== current;
    }

    /** Lets requests go on: those for `uri` waiting for a version up to `version`, or all of them. */
    private releaseWaiters(uri: URI, version = Number.POSITIVE_INFINITY): void {
        const key = uri.toString();
        const list = this.waiters.get(key);
        if (!list) return;
        const kept = list.filter(waiter => waiter.version > version);
        if (kept.length > 0) this.waiters.set(key, kept);
        else this.waiters.delete(key);
        for (const waiter of list) if (waiter.version <= version) waiter.resolve();
    }

    /** The benchmark's record of the update under way (burst-trace.ts), when tracing. */
    private updateTrace?: UpdateTrace;

    /** Updates under way (the tree may be half changed between their steps). */
    private updating = 0;
    /** Requests waiting for the updates under way to end (readyForPlace). */
    private idleWaiters: Array<() => void> = [];

    /** True while an update leaves validation for later (linkOnly). */
    private validationDeferred = false;

    /**
     * Updates documents up to their links and index, leaving validation to a later update of
     * the same documents (which then validates them: their build is not complete). In a burst
     * of edits, a request that needs the newest text has it built now; checking the whole file
     * as well (about 250 ms at 5,000 lines) would only be cut short by the next change, and
     * held the server's thread from the requests meanwhile. Throws Langium's cancellation when
     * Langium's own path stopped before validation.
     */
    async linkOnly(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        this.validationDeferred = true;
        try {
            await this.update(changed, deleted, cancelToken);
        } finally {
            this.validationDeferred = false;
        }
    }

    override async update(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        this.updating++;
        const trace = this.updateTrace = burstTrace?.update(this.validationDeferred);
        try {
            await this.updateNow(changed, deleted, cancelToken);
        } finally {
            if (trace) Object.assign(trace, { ms: now() - trace.at, cancelled: cancelToken.isCancellationRequested });
            if (--this.updating === 0) {
                const waiters = this.idleWaiters;
                this.idleWaiters = [];
                waiters.forEach(resolve => resolve());
            }
        }
    }

    private async updateNow(changed: URI[], deleted: URI[], cancelToken: CancellationToken): Promise<void> {
        if (cancelToken.isCancellationRequested && deleted.length === 0) {
            // Langium cancels an update when it queues the next one: a burst of edits queues one
            // update per change. The newest builds them all at once; this one only says what changed.
            for (const uri of changed) this.pending.set(uri.toString(), uri);
            if (this.updateTrace) this.updateTrace.path = 'deferred';
            // A request waiting for one of them must not wait for a change that may never come.
            // (After this update has ended: the updater starts no second update of a file it is building.)
            const waited = changed.filter(uri => this.waiters.has(uri.toString()));
            if (waited.length > 0) setImmediate(() => waited.forEach(uri => this.buildWantedListeners.forEach(listener => listener(uri))));
            return;
        }
        const all = new Map([...this.pending, ...changed.map(uri => [uri.toString(), uri] as const)]);
        this.pending.clear();
        for (const uri of deleted) all.delete(uri.toString());
        changed = [...all.values()];
        // A document no longer open that is no file (an untitled editor closed before its last change
        // was built) has no text left to read: Langium would read it from disk and fail. It is gone.
        const gone = changed.filter(uri => uri.scheme !== 'file' && this.openEditors?.get(uri.toString()) === undefined);
        if (gone.length > 0) {
            changed = changed.filter(uri => !gone.includes(uri));
            deleted = [...deleted, ...gone];
        }
        try {
            if (deleted.length === 0 && changed.length === 1 && await this.updateWithinBlock(changed[0], cancelToken)) return;
            // Parsing and linking run to their end, so requests waiting for a linked file get one;
            // a newer edit cuts short only the validation (which the next update does again).
            await super.update(changed, deleted, this.cancelOnlyValidation(this.validationDeferred ? CANCELLED : cancelToken));
        } finally {
            // Requests held back for these documents go on if what was built is of their text (or
            // newer). One sent after an edit that arrived during this update waits for the next
            // build, which it asks for: released now, it would be answered from the older tree.
            for (const uri of changed) {
                this.releaseWaiters(uri, this.builtVersions.get(uri.toString()) ?? Number.POSITIVE_INFINITY);
                if (this.waiters.has(uri.toString())) setImmediate(() => this.buildWantedListeners.forEach(listener => listener(uri)));
            }
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
            if (this.updateTrace) this.updateTrace.path = 'same text';
            // The same text (the file opened in the editor, an undo back to it): what was built
            // still holds; the client hears its diagnostics again, as after any update. A check
            // a newer edit cut short is done now.
            this.builtFrom(uri, version);
            if (this.validationDeferred) return true;
            if (document.state === DocumentState.Validated && this.isBuildComplete(document)) {
                await this.announceValidatedAgain(document, cancelToken);
                return true;
            }
            await this.validateAfterUpdate(document, cancelToken);
            return true;
        }
        if (this.isUsedElsewhere(document)) return false;
        const services = this.serviceRegistry.getServices(uri) as SlaServices;
        let reuse: DiagnosticReuse | undefined;
        const patches = this.numberOnlyPatches(document, oldText, newText, services);
        if (patches) {
            // Only numbers retyped in place, in several blocks (a script adjusting targets): their
            // values are set, no block is parsed or linked again (as readyForPlace does for a request).
            // Re-parsing every block such a burst touched held the server's thread from the
            // requests for 100 ms and more (about 10 blocks at the burst's start; hundreds after a pause).
            (services.references.ScopeProvider as SlaScopeProvider).carryOver([]);
            await this.announceChange(uri);
            if (textDocument.version !== version) return false;
            setRootText(document.parseResult.value.$cstNode!.root, newText);
            setTextDocument(document, textDocument);
            for (const { node, property, value } of patches) Reflect.set(node, property, value);
            document.state = DocumentState.IndexedReferences;
            if (this.updateTrace) this.updateTrace.path = 'numbers set';
        } else {
            const steps = this.blockSteps(document, region, oldText, newText, services.parser.LangiumParser);
            if (!steps) return false;

            // Caches (types, agreement facts) hold nodes of the old blocks: the update clears them. Scope
            // tables keep their names and move to the new blocks' nodes (the names are the same).
            const moved = steps.flatMap(({ reparse }) => reparse.renamedPairs);
            (services.references.ScopeProvider as SlaScopeProvider).carryOver(moved);
            await this.announceChange(uri);
            // Listeners may have let a newer edit in: the steps are of the text read above.
            if (textDocument.version !== version) return false;
            try {
                const single = await this.spliceAndLink(document, services, steps, textDocument);
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
            if (this.updateTrace) this.updateTrace.path = `blocks ${steps.length}`;
        }
        this.builtFrom(uri, version);
        if (this.updateTrace) this.updateTrace.linkedMs = now() - this.updateTrace.at;
        this.announcingBlockUpdate = true;
        try {
            await this.announcePhases(document, PHASES_BEFORE_VALIDATION, cancelToken);
        } finally {
            this.announcingBlockUpdate = false;
        }
        // Left unvalidated (its build not complete): the next update of this document validates it.
        if (this.validationDeferred) return true;
        const validator = services.validation.DocumentValidator;
        if (reuse && acceptsDiagnosticReuse(validator)) validator.planReuse(document, reuse);
        await this.validateAfterUpdate(document, cancelToken);
        return true;
    }

    /**
     * Puts re-parsed blocks in place (AST and CST), re-links the references they touch, and
     * updates the index: the document reaches IndexedReferences, of the steps' text. From here
     * to the reference index nothing waits on I/O or timers (no cancellable step), so no
     * request sees a half-updated file. For one block, what diagnostic reuse needs (unless
     * `forReuse` is false: a request's blocks, never validated as they are).
     */
    private async spliceAndLink(document: LangiumDocument, services: SlaServices, steps: BlockStep[], textDocument: TextDocument, forReuse = true):
        Promise<{ referencedBefore: EditedReferences; shift: PositionShift; editedRange: Range } | undefined> {
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
        if (steps.length === 1 && forReuse) {
            // Lines and columns (a scan of the whole text) serve the diagnostics kept across a one-block edit.
            const { reparse, text } = steps[0]!;
            const editedRange = reparse.oldNode.$cstNode!.range;
            single = { referencedBefore, shift: applyBlockReparse(reparse, text), editedRange };
        } else {
            for (const { reparse, text, oldBlockText } of steps) applyBlockReparse(reparse, text, false, oldBlockText);
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
        return single;
    }

    /**
     * The blocks to re-parse for the change from the built text to the editor's: the one
     * block around it, or, when the change spans blocks (edits coalesced from a burst), one
     * block per edit as the editor's log of changes tells.
     */
    private blockSteps(document: LangiumDocument, region: ChangedRegion, oldText: string, newText: string, parser: LangiumParser): BlockStep[] | undefined {
        const reparse = reparseBlock(document, region, newText, parser);
        if (reparse) return [{ reparse, text: newText, oldBlockText: oldText.slice(reparse.oldNode.$cstNode!.offset, reparse.oldNode.$cstNode!.end) }];
        const from = this.builtVersions.get(document.uri.toString());
        if (!this.editLog || from === undefined) return undefined;
        const edits = this.editLog.since(document.uri.toString(), from);
        // The log is a hint; planBlockSteps checks that its steps give exactly the editor's text
        // (applying every edit to the whole text first cost a copy of the file per edit).
        if (edits.length < 2) return undefined;
        return planBlockSteps(document, oldText, newText, edits, parser);
    }

    /**
     * The numbers to set when the changes since the last build (the log's) only retyped numbers
     * in place, in more than one block (number-edit.ts, number-patch.ts): then the new text
     * parses to the same tree with those values. Nothing otherwise, and for one block, which
     * blockSteps re-parses with its diagnostics kept (planReuse).
     */
    private numberOnlyPatches(document: LangiumDocument, oldText: string, newText: string, services: SlaServices): NumberPatch[] | undefined {
        const from = this.builtVersions.get(document.uri.toString());
        if (!this.editLog || from === undefined) return undefined;
        const edits = this.editLog.since(document.uri.toString(), from);
        if (edits.length < 2 || !edits.every(edit => edit.numberOnly && edit.text.length === edit.end - edit.start)) return undefined;
        const touched = touchedBlocks(document, edits);
        if (!touched || touched.length < 2 || !givesText(touched, oldText, newText)) return undefined;
        const patches: NumberPatch[] = [];
        for (const block of touched) {
            const patch = numberPatches(block.node.$cstNode!, oldText, newText, services.parser.ValueConverter);
            if (!patch) return undefined;
            patches.push(...patch);
        }
        return patches;
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
        this.releaseWaiters(uri, version);
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

/** The declaration directly in an agreement or at a file's top level around `offset`, if any. */
function topLevelDeclarationAt(root: AstNode, offset: number): AstNode | undefined {
    let current: AstNode | undefined = root;
    while (current) {
        let next: AstNode | undefined;
        for (const child of AstUtils.streamContents(current)) {
            const cst = child.$cstNode;
            if (cst && cst.offset <= offset && offset < cst.end) {
                next = child;
                break;
            }
        }
        if (next && (isAgreement(next.$container) || isDocument(next.$container)) && !isAgreement(next)) return next;
        current = next;
    }
    return undefined;
}

/** The top-level declaration (in an agreement or a file) a node is in, or the node itself. */
function topLevelDeclarationOf(node: AstNode): AstNode | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (!isAgreement(current) && (isAgreement(current.$container) || isDocument(current.$container))) return current;
    }
    return undefined;
}

/**
 * The top-level declarations an answer about `declaration` may read: itself, and those its
 * references name in the same file, however indirectly (a KPI's type flows through formulas).
 */
function declarationsRead(declaration: AstNode, document: LangiumDocument): Set<AstNode> {
    const read = new Set<AstNode>([declaration]);
    const queue = [declaration];
    while (queue.length > 0) {
        const current = queue.pop()!;
        for (const node of AstUtils.streamAst(current)) {
            for (const { reference } of AstUtils.streamReferences(node)) {
                const target = (reference as Reference).ref;
                if (!target || AstUtils.getDocument(target) !== document) continue;
                const around = topLevelDeclarationOf(target);
                if (around?.$cstNode && !read.has(around)) {
                    read.add(around);
                    queue.push(around);
                }
            }
        }
    }
    return read;
}

/**
 * The changes from a text to `newText` that replace the inside of each block (in the order of
 * the file, each with the blocks before it already new): what the log keeps of many edits.
 */
function blockChanges(blocks: readonly TouchedBlock[], newText: string, version: number): LoggedEdit[] {
    return blocks.map(block => ({
        start: block.start + 1,
        end: block.start + (block.oldEnd - block.oldStart) - 1,
        text: newText.slice(block.start + 1, block.end - 1),
        version,
        numberOnly: block.numberOnly,
        block: block.node
    }));
}
