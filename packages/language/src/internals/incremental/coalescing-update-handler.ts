import type { LangiumDocuments, URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';

/** The changes of one queued update, by URI: a later change of a file replaces an earlier one. */
interface QueuedUpdate {
    changed: Map<string, URI>;
    deleted: Map<string, URI>;
    /** Counts the changes merged in, to tell whether more came while the update waited. */
    merges: number;
}

/**
 * Langium's document update handler, folding a burst of edits into one build. Langium starts
 * a build per change, at once: the connection hands the server one message per event-loop
 * turn, so during a burst each change was built alone while the next ones (and any hover
 * behind them) waited in the connection's queue (2,000 edits in 3 s: hovers waited up to
 * 13 s). Here a change that arrives while an update waits joins it, and an update waits, one
 * event-loop turn at a time, until the messages already received bring no more changes; then
 * it builds once (re-parsing each touched block: block-edits.ts). A request received
 * meanwhile is answered from the tree before, or waits for that build if its answer edits
 * the text (SlaDocumentBuilder.waitUntil).
 */
export class CoalescingDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private queued?: QueuedUpdate;
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.documents = services.workspace.LangiumDocuments;
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.workspaceManager.ready.then(() => {
            if (this.queued) {
                mergeInto(this.queued, changed, deleted);
                return;
            }
            const update: QueuedUpdate = { changed: new Map(), deleted: new Map(), merges: 0 };
            mergeInto(update, changed, deleted);
            this.queued = update;
            // A file the server has no tree of yet (just opened) is built at once, as Langium does:
            // a request for it right after `didOpen` has no earlier tree to be answered from.
            const opening = changed.some(uri => !this.documents.hasDocument(uri));
            void this.workspaceLock.write(async token => {
                // Two quiet turns in a row: a request between two changes does not end the burst.
                for (let quiet = opening ? 2 : 0; quiet < 2;) {
                    const seen = update.merges;
                    await nextTurn();
                    quiet = update.merges === seen ? quiet + 1 : 0;
                }
                // Building: later changes queue an update of their own (and cancel this one).
                this.queued = undefined;
                await this.documentBuilder.update([...update.changed.values()], [...update.deleted.values()], token);
            });
        }).catch(error => {
            // As Langium's handler: should never happen, but if it does, it must be seen.
            console.error('Workspace initialization failed. Could not perform document update.', error);
        });
    }
}

/** One turn of the event loop: the connection handles one received message per turn. */
function nextTurn(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

/** Adds changes to a queued update: the last word on a file (changed or deleted) wins. */
function mergeInto(update: QueuedUpdate, changed: URI[], deleted: URI[]): void {
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
