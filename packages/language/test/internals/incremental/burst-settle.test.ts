/**
 * When a burst of edits ends (coalescing-update-handler.ts: settle). A burst ends when no
 * change came for 50 ms; its build then re-checks the file while the requests that follow wait
 * behind any part of it that cannot be interrupted. The pause must be one of the editor, not
 * of the server: when the server's thread was held longer than that (a request, a garbage
 * collection, the machine busy), the timer fires before the changes received meanwhile are
 * read, which happens in the turns after. Ending the burst there built, mid-burst, every
 * block touched so far (issue 13, item 9: a hover p95 of 115 ms in one quiet run out of five).
 */
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { mergeInto, settle, type QueuedUpdate } from '../../../src/internals/incremental/coalescing-update-handler.js';

const uri = URI.parse('file:///work/burst.sla');

function queuedUpdate(): QueuedUpdate {
    const update: QueuedUpdate = { changed: new Map(), deleted: new Map(), merges: 0, wanted: false };
    mergeInto(update, [uri], []);
    return update;
}

/** Holds the thread, as a long task does. */
function holdThread(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until) { /* busy */ }
}

describe('the end of a burst of edits', () => {
    test('a change received while the thread was held longer than the pause keeps the burst going', async () => {
        const update = queuedUpdate();
        let mergesAtEnd: number | undefined;
        const settled = settle(update, true).then(ended => {
            mergesAtEnd = update.merges;
            return ended;
        });
        // 10 ms in, a request's handler (run by the connection in an event-loop turn's check
        // phase) holds the thread for 80 ms, more than the 50 ms pause. A change came meanwhile:
        // the connection reads it in the next turn's poll phase and hands it over in its check
        // phase (setImmediate, as vscode-jsonrpc does), after that turn's timers have fired.
        setTimeout(() => setImmediate(() => {
            holdThread(80);
            setImmediate(() => mergeInto(update, [uri], []));
        }), 10);
        // The burst ends only after the editor's pause that follows that change: the update takes it along.
        expect(await settled).toBe('paused');
        expect(mergesAtEnd).toBe(2);
    });

    test('without changes, the burst ends after the pause; a request that needs the text ends it at once', async () => {
        const quiet = queuedUpdate();
        const start = performance.now();
        expect(await settle(quiet, true)).toBe('paused');
        // At least the 50 ms pause (the timer may fire a little early or late: a margin of 5 ms).
        expect(performance.now() - start).toBeGreaterThanOrEqual(45);

        const wanted = queuedUpdate();
        const settling = settle(wanted, true);
        wanted.wanted = true;
        wanted.wake?.();
        expect(await settling).toBe('wanted');
    });
});
