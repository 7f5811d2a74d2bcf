/**
 * Where the scan worker module (scan-worker.js) is, and a worker started ahead of time.
 * The engine does not locate the module itself (that would need `import.meta`, which
 * bundles of the engine in CommonJS, such as the language server's, do not have): the
 * caller that can start workers says where it is. Until then, passes read on one thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

let workerModule: URL | undefined;
/** A worker started ahead of time, waiting for its first task. */
let spare: Worker | undefined;

/**
 * Lets large CSV passes use a worker thread running `module` (the engine's
 * `@sla/engine/scan-worker`), on machines with two cores or more. With `warmUp`, one is
 * started now, so that loading its modules overlaps whatever the caller does before
 * evaluating (the CLI loads the language services and parses the agreement meanwhile);
 * it does not keep the process alive.
 */
export function enableScanWorkers(module: URL, options: { warmUp?: boolean } = {}): void {
    if (availableParallelism() < 2) return;
    workerModule = module;
    if (!options.warmUp || spare !== undefined) return;
    try {
        spare = new Worker(module);
        spare.unref();
        spare.on('error', () => undefined); // a failed spare is not used (it has exited)
    } catch {
        spare = undefined;
    }
}

export function scanWorkersEnabled(): boolean {
    return workerModule !== undefined;
}

/** A scan worker: the spare if it is still alive, else a new one. Throws if workers are not enabled or cannot start. */
export function takeScanWorker(): Worker {
    if (workerModule === undefined) throw new Error('scan workers are not enabled');
    // threadId is -1 once a worker has exited.
    const worker = spare !== undefined && spare.threadId >= 0 ? spare : new Worker(workerModule);
    spare = undefined;
    worker.ref();
    return worker;
}
