import { isOperationCancelled, type LangiumDocuments, type URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { burstTrace } from './burst-trace.js';
import { SlaDocumentBuilder } from './sla-document-builder.js';

/** The changes of one queued update, by URI: a later change of a file replaces an earlier one. */
export interface QueuedUpdate {
    changed: Map<string, URI>;
    deleted: Map<string, URI>;
    /** Counts the changes merged in, to tell whether more came while the update waited. */
    merges: number;
    /** A request needs the newest text of a file in this update: build at once. */
    wanted: boolean;
    /** Ends the wait, once the update waits. */
    wake?: () => void;
}

/**
 * During a burst (changes arriving while the previous update still builds), an update waits
 * until no change came for this long, unless a request needs it sooner. Fast typing sends a
 * change every 70–150 ms and scripted edits far faster; 50 ms of silence ends a burst of the
 * latter without holding back the diagnostics of the former by more than that.
 */
const BURST_PAUSE_MS = 50;
/**
 * In a burst that does not pause, the tree is still brought up to date this often (linked, not
 * validated), which bounds the work left for its end. Nothing else waits for these builds:
 * hovers and completions re-parse the blocks they read (SlaDocumentBuilder.readyForPlace), and
 * another request that needs the newest text asks for a build at once. Each of them re-parses
 * every block touched since the last (on a 5,000-line file, most of them, about 100 ms on a
 * quiet machine) and holds the requests behind it meanwhile: every 250 ms, they took most of
 * the server's time during the benchmark's burst.
 */
const BURST_BUILD_EVERY_MS = 5_000;

/**
 * Langium's document update handler, folding a burst of edits into one build. Langium starts
 * a build per change, at once: the connection hands the server one message per event-loop
 * turn, so during a burst each change was built alone while the next ones (and any hover
 * behind them) waited in the connection's queue (2,000 edits in 3 s: hovers waited up to
 * 13 s). Here a change that arrives while an update waits joins it. An update waits, one
 * event-loop turn at a time, until the messages already received bring no more changes; if
 * it began while the update before it was still building (a burst), it waits further, until
 * the changes pause (BURST_PAUSE_MS). Then it builds once (re-parsing each touched block:
 * block-edits.ts). A request for a file in a waiting update ends the wait: the update builds
 * at once, and the request is answered from the newest text (SlaDocumentBuilder.waitUntil).
 * Building after every change of a burst kept the server's one thread busy with builds that
 * the next change made obsolete, and requests waited behind them (hover p95 about 1 s).
 */
export class CoalescingDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private queued?: QueuedUpdate;
    /** The files of the update building now (a request for one of them waits for it). */
    private building = new Set<string>();
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
        const builder = services.workspace.DocumentBuilder;
        if (builder instanceof SlaDocumentBuilder) builder.onBuildWanted(uri => this.buildWanted(uri));
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.workspaceManager.ready.then(() => this.queue(changed, deleted, false)).catch(error => {
            // As Langium's handler: should never happen, but if it does, it must be seen.
            console.error('Workspace initialization failed. Could not perform document update.', error);
        });
    }

    /** A request waits for the newest text of `uri`: its waiting update builds now, or one is started. */
    private buildWanted(uri: URI): void {
        const key = uri.toString();
        if (this.queued?.changed.has(key)) want(this.queued);
        else if (!this.building.has(key) && this.documents.hasDocument(uri)) {
            // No update of this file waits or builds (one was cancelled before it began): start one.
            void this.workspaceManager.ready.then(() => this.queue([uri], [], true));
        }
    }

    private queue(changed: URI[], deleted: URI[], wanted: boolean, burst = false): void {
        if (this.queued) {
            mergeInto(this.queued, changed, deleted);
            if (wanted) want(this.queued);
            return;
        }
        const update: QueuedUpdate = { changed: new Map(), deleted: new Map(), merges: 0, wanted };
        mergeInto(update, changed, deleted);
        this.queued = update;
        // A file the server has no tree of yet (just opened) is built at once, as Langium does:
        // a request for it right after `didOpen` has no earlier tree to be answered from.
        const opening = changed.some(uri => !this.documents.hasDocument(uri));
        const inBurst = burst || this.building.size > 0;
        void this.workspaceLock.write(async token => {
            const ended = opening ? 'paused' : await settle(update, inBurst);
            burstTrace?.settle(`${inBurst ? 'burst' : 'first'} ${ended}`);
            // Building: later changes queue an update of their own (and cancel this one's validation).
            this.queued = undefined;
            const changedUris = [...update.changed.values()];
            const deletedUris = [...update.deleted.values()];
            // The lock runs one update at a time: no other update builds until this one ends.
            this.building = new Set(update.changed.keys());
            try {
                if (inBurst && ended !== 'paused' && deletedUris.length === 0 && this.documentBuilder instanceof SlaDocumentBuilder) {
                    // In the middle of a burst (a request needs the text, or the tree is overdue): link
                    // now, validate once the burst pauses.
                    try {
                        await this.documentBuilder.linkOnly(changedUris, deletedUris, token);
                    } catch (error) {
                        if (!isOperationCancelled(error)) throw error;
                    }
                    this.building = new Set();
                    this.queue(changedUris, [], false, true);
                } else {
                    await this.documentBuilder.update(changedUris, deletedUris, token);
                }
            } finally {
                this.building = new Set();
            }
        });
    }
}

/**
 * Waits until an update's changes stop coming: two quiet event-loop turns in a row (a request
 * between two changes does not end the burst), and in a burst BURST_PAUSE_MS without a change.
 * A request that needs the update's text ends the wait at once.
 */
export async function settle(update: QueuedUpdate, inBurst: boolean): Promise<'paused' | 'wanted' | 'overdue'> {
    const woken = new Promise<void>(resolve => { update.wake = resolve; });
    await quietTurns(update);
    const since = performance.now();
    while (inBurst && !update.wanted) {
        const seen = update.merges;
        await Promise.race([woken, delay(BURST_PAUSE_MS)]);
        // After the thread was held (a request, a garbage collection), the timer fires before the
        // changes received meanwhile are read: they are, in the next turns. Without this, any
        // stall over BURST_PAUSE_MS ended the burst, and its build (every block touched so far)
        // held the requests behind it.
        if (update.merges === seen) await quietTurns(update);
        if (update.merges === seen) break;
        if (performance.now() - since >= BURST_BUILD_EVERY_MS) return 'overdue';
    }
    return update.wanted ? 'wanted' : 'paused';
}

/** Waits until two event-loop turns in a row bring no change (a request between two changes does not count). */
async function quietTurns(update: QueuedUpdate): Promise<void> {
    for (let quiet = 0; quiet < 2 && !update.wanted;) {
        const seen = update.merges;
        await nextTurn();
        quiet = update.merges === seen ? quiet + 1 : 0;
    }
}

function want(update: QueuedUpdate): void {
    update.wanted = true;
    update.wake?.();
}

/** One turn of the event loop: the connection handles one received message per turn. */
function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

function delay(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

/** Adds changes to a queued update: the last word on a file (changed or deleted) wins. */
export function mergeInto(update: QueuedUpdate, changed: URI[], deleted: URI[]): void {
    update.merges++;
    for (const uri of changed) {
        update.deleted.delete(uri.toString());
        update.changed.set(uri.toString(), uri);
    }
    for (const uri of deleted) {
        update.changed.delete(uri.toString());
        update.deleted.set(uri.toString(), uri);
    }
}
