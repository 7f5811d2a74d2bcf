import { PerformanceObserver } from 'node:perf_hooks';

/**
 * What hovers and completions waited for during a burst of edits (issue 13, item 9), for
 * `npm run bench:lsp -- --only burst`. Off unless the server runs with SLA_TRACE_BURST=1; then
 * it records, per request, how readyForPlace answered (from the built tree, from re-parsed or
 * patched blocks, or by waiting for a build, and why), how long it waited for an update under
 * way or a build; per update, how it built and for how long; and the garbage collector's
 * pauses and the event loop's stalls (times the server's one thread was held). At exit it
 * writes one line, `[sla-burst-trace] {json}`, to stderr. Timestamps are wall-clock ms
 * (performance.timeOrigin + now), comparable with the client's.
 */
export class BurstTrace {
    private readonly requests: RequestTrace[] = [];
    private readonly updates: UpdateTrace[] = [];
    private readonly gc: Array<{ at: number; ms: number }> = [];
    private readonly stalls: Array<{ at: number; ms: number; cpuMs: number }> = [];
    private readonly settled: Record<string, number> = {};

    constructor() {
        const observer = new PerformanceObserver(list => {
            for (const entry of list.getEntries()) this.gc.push({ at: wallMs(entry.startTime), ms: entry.duration });
        });
        observer.observe({ entryTypes: ['gc'] });
        // A 5 ms timer that fires late: the thread was held by one task (a build, a request, a GC)
        // that long, or the machine ran other processes. The process's CPU time meanwhile tells
        // which: a task of the server's own shows as CPU time, whatever the load.
        let expected = performance.now() + STALL_TICK_MS;
        let cpu = process.cpuUsage();
        setInterval(() => {
            const now = performance.now();
            const late = now - expected;
            const used = process.cpuUsage(cpu);
            if (late >= STALL_MIN_MS) this.stalls.push({ at: wallMs(expected), ms: late, cpuMs: (used.user + used.system) / 1000 });
            expected = now + STALL_TICK_MS;
            cpu = process.cpuUsage();
        }, STALL_TICK_MS).unref();
        process.on('exit', () => process.stderr.write(`[sla-burst-trace] ${JSON.stringify(this.summary())}\n`));
    }

    /** A hover or completion begins (the handler runs). */
    request(kind: string): RequestTrace {
        const trace: RequestTrace = { kind, at: now(), answer: 'built', waitedUpdateMs: 0, waitedBuildMs: 0, ms: 0, cpuMs: 0 };
        const cpu = process.cpuUsage();
        trace.end = () => {
            trace.ms = now() - trace.at;
            const used = process.cpuUsage(cpu);
            trace.cpuMs = (used.user + used.system) / 1000;
            delete trace.end;
        };
        this.requests.push(trace);
        return trace;
    }

    /** An update begins building (SlaDocumentBuilder.update). */
    update(linkOnly: boolean): UpdateTrace {
        const trace: UpdateTrace = { at: now(), linkOnly, path: 'langium', ms: 0 };
        this.updates.push(trace);
        return trace;
    }

    /** How a queued update's wait ended (coalescing-update-handler.ts). */
    settle(reason: string): void {
        this.settled[reason] = (this.settled[reason] ?? 0) + 1;
    }

    private summary() {
        return { requests: this.requests, updates: this.updates, settled: this.settled, gc: this.gc, stalls: this.stalls };
    }
}

/** One hover or completion: how readyForPlace made the tree ready, and what it waited for. */
export interface RequestTrace {
    kind: string;
    /** When the handler began (wall-clock ms). */
    at: number;
    /** 'built' (no edit since the last build), 'blocks' (re-parsed or patched blocks), 'build' (waited for a build of its text). */
    answer: 'built' | 'blocks' | 'build';
    /** For 'blocks': 'patched' (numbers set), 'reparsed', 'unchanged' (no block it reads changed). */
    how?: string;
    /** For 'build': why the blocks could not answer. */
    why?: string;
    /** Waiting for an update under way to end. */
    waitedUpdateMs: number;
    /** Waiting for a build of its text, or of another file's changed text (which its answer may read). */
    waitedBuildMs: number;
    /** Handler begin to answer. */
    ms: number;
    /** The process's CPU time meanwhile (the request's own work, and anything that ran between its steps). */
    cpuMs: number;
    /** Records the answer's time. */
    end?: () => void;
}

/** One update (a build): its path and length. */
export interface UpdateTrace {
    at: number;
    linkOnly: boolean;
    /** 'blocks N' (N blocks re-parsed), 'same text', 'langium' (the whole file), 'deferred' (cancelled before it began). */
    path: string;
    /** Begin to IndexedReferences (parse and link, not interruptible), when the block path took it. */
    linkedMs?: number;
    ms: number;
    cancelled?: boolean;
}

const STALL_TICK_MS = 5;
const STALL_MIN_MS = 20;

function wallMs(performanceMs: number): number {
    return performance.timeOrigin + performanceMs;
}

export function now(): number {
    return wallMs(performance.now());
}

/** The server's trace, when SLA_TRACE_BURST=1 (the benchmark sets it). */
export const burstTrace: BurstTrace | undefined = process.env.SLA_TRACE_BURST === '1' ? new BurstTrace() : undefined;
