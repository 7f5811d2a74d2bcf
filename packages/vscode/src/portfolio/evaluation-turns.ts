// Who may cancel whom among the portfolio's evaluations: the user's command and the quiet
// refresh after a save share one language server request at a time. Plain code (no `vscode`):
// the unit tests drive it with fake evaluations.

/** An evaluation under way: `cancel` stops it (`done` then resolves undefined). */
export interface StartedEvaluation<T> {
    cancel(): void;
    done: Promise<T | undefined>;
}

interface Turn<T> extends StartedEvaluation<T> {
    /** The user's command (else a background refresh). */
    interactive: boolean;
    /** When it started (the files it reads are at least this recent). */
    started: number;
}

/**
 * The user's evaluations and the background refreshes of one portfolio service:
 *
 * - a user's command cancels whatever runs (a newer question wins, as for "Evaluate Agreement");
 * - a background refresh never cancels a user's command: while one runs, the refresh joins it
 *   when it started after the change the refresh is for (its result already has the change),
 *   else waits for it and runs after it;
 * - a refresh cancels an older refresh.
 */
export class EvaluationTurns<T> {
    private current: Turn<T> | undefined;

    constructor(private readonly now: () => number = Date.now) {}

    /** Whether a user's command is under way. */
    get interactiveRunning(): boolean {
        return this.current?.interactive === true;
    }

    /**
     * Runs `start` as the user's (`interactive`) or a background refresh for a change made at
     * `changedAt` (epoch ms; absent: now). Resolves with its result, or a joined user's result,
     * or undefined when cancelled.
     */
    async run(interactive: boolean, start: () => StartedEvaluation<T>, changedAt?: number): Promise<T | undefined> {
        if (!interactive) {
            const since = changedAt ?? this.now();
            for (let current = this.current; current?.interactive; current = this.current) {
                if (current.started >= since) return await current.done;
                await current.done.catch(() => undefined);
            }
        }
        this.current?.cancel();
        const started = this.now();
        const evaluation = start();
        const turn: Turn<T> = { ...evaluation, interactive, started };
        this.current = turn;
        try {
            return await evaluation.done;
        } finally {
            if (this.current === turn) this.current = undefined;
        }
    }

    /** Cancels what runs (the extension is going away). */
    cancel(): void {
        this.current?.cancel();
    }
}
