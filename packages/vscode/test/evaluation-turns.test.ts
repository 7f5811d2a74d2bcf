/**
 * "SLA: Evaluate Portfolio" and the quiet refresh after a save share the language server: a
 * refresh never cancels the user's command (it joins one started after the save, or waits for
 * it), the user's command cancels a refresh, and a newer refresh cancels an older one.
 */
import { describe, expect, it } from 'vitest';
import { EvaluationTurns, type StartedEvaluation } from '../src/portfolio/evaluation-turns.js';

/** An evaluation the test finishes by hand; `cancelled` says whether it was cancelled. */
function fake(result: string): { start: () => StartedEvaluation<string>; finish: () => void; cancelled: () => boolean; started: () => boolean } {
    let resolve: (value: string | undefined) => void = () => undefined;
    let cancelled = false;
    let started = false;
    return {
        start: () => {
            started = true;
            return { cancel: () => { cancelled = true; resolve(undefined); }, done: new Promise<string | undefined>((r) => { resolve = r; }) };
        },
        finish: () => resolve(result),
        cancelled: () => cancelled,
        started: () => started
    };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the portfolio evaluations take turns', () => {
    it('a refresh for a save made before the user\'s command joins it: the command is not cancelled and both get its portfolio', async () => {
        let now = 1_000;
        const turns = new EvaluationTurns<string>(() => now);
        const user = fake('user');
        const refresh = fake('refresh');
        const command = turns.run(true, user.start);
        now = 2_500;
        const quiet = turns.run(false, refresh.start, 900); // saved at 900, before the command started (1,000)
        await tick();
        expect(user.cancelled()).toBe(false);
        expect(refresh.started()).toBe(false);
        user.finish();
        expect(await command).toBe('user');
        expect(await quiet).toBe('user');
        expect(refresh.started()).toBe(false);
    });

    it('a refresh for a save made while the user\'s command runs waits for it, then runs', async () => {
        let now = 1_000;
        const turns = new EvaluationTurns<string>(() => now);
        const user = fake('user');
        const refresh = fake('refresh');
        const command = turns.run(true, user.start);
        now = 1_200;
        const quiet = turns.run(false, refresh.start, 1_100); // saved after the command started: it may not have read the change
        await tick();
        expect(refresh.started()).toBe(false);
        expect(turns.interactiveRunning).toBe(true);
        user.finish();
        expect(await command).toBe('user');
        await tick();
        expect(user.cancelled()).toBe(false);
        expect(refresh.started()).toBe(true);
        refresh.finish();
        expect(await quiet).toBe('refresh');
    });

    it('the user\'s command cancels a refresh under way; a newer refresh cancels an older one', async () => {
        const turns = new EvaluationTurns<string>(() => 1_000);
        const first = fake('first');
        const second = fake('second');
        const user = fake('user');
        const older = turns.run(false, first.start, 1_000);
        await tick();
        const newer = turns.run(false, second.start, 1_000);
        await tick();
        expect(first.cancelled()).toBe(true);
        expect(await older).toBeUndefined();
        const command = turns.run(true, user.start);
        expect(second.cancelled()).toBe(true);
        expect(await newer).toBeUndefined();
        user.finish();
        expect(await command).toBe('user');
    });

    it('a second command of the user wins over the first (as before)', async () => {
        const turns = new EvaluationTurns<string>(() => 1_000);
        const first = fake('first');
        const second = fake('second');
        const one = turns.run(true, first.start);
        const two = turns.run(true, second.start);
        expect(first.cancelled()).toBe(true);
        expect(await one).toBeUndefined();
        second.finish();
        expect(await two).toBe('second');
    });
});
