/**
 * Runs the engine for the server's `sla.evaluate`. In the language server, each evaluation
 * gets a worker thread of its own (evaluation-worker.ts): the engine reads and aggregates
 * for seconds on large data, and on the main thread it would hold up every hover and edit
 * in between its data chunks (hover p95 went from 6 ms to over 100 ms during a 10M-row
 * evaluation, test/bench/lsp.bench.mjs). Services created without the worker's location
 * (tests, tools that load the language in-process) evaluate on the calling thread.
 */
import type { AgreementModel, Report } from '@sla/engine';
import { OperationCancelled, type Cancellation } from 'langium';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EvaluationInputError, evaluateModel } from '../../evaluation/evaluate-model.js';
import type { FromEvaluationWorker, ToEvaluationWorker, WorkerEvaluateOptions } from './evaluation-messages.js';

/**
 * The worker module, as a file URL (see evaluation-worker-modules.ts for where it is).
 * The worker reads on its one thread, without the engine's scan workers that `sla evaluate`
 * uses: with two cores, a second reading thread leaves the server's main thread none, and
 * hovers answered during a 10M-row evaluation took about twice as long (p95 30–65 ms
 * against 14–15 ms), while the evaluation was not faster on the busy test machine.
 */
export interface EvaluationWorkerModules {
    /** evaluation-worker.ts, built */
    evaluation: URL;
}

/**
 * How long a cancelled evaluation may take to stop by itself before its worker is ended.
 * The engine checks the signal after each 4 MB data chunk, a few hundred ms at most on a
 * busy machine.
 */
export const CANCEL_GRACE_MS = 2_000;

export class ModelEvaluator {
    /** Without `modules`, evaluations run on the calling thread. */
    constructor(private readonly modules?: EvaluationWorkerModules, private readonly cancelGraceMs = CANCEL_GRACE_MS) {}

    /**
     * The report of one model. Rejects with an EvaluationInputError for bad data (file,
     * line and column), with Langium's OperationCancelled once `cancelToken` is cancelled,
     * and with an Error for anything else.
     */
    async evaluate(model: AgreementModel, options: WorkerEvaluateOptions, cancelToken: Cancellation.CancellationToken): Promise<Report> {
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return this.modules ? await this.inWorker(this.modules, model, options, cancelToken) : await this.inThisThread(model, options, cancelToken);
    }

    private async inThisThread(model: AgreementModel, options: WorkerEvaluateOptions, cancelToken: Cancellation.CancellationToken): Promise<Report> {
        const controller = new AbortController();
        const subscription = cancelToken.onCancellationRequested(() => controller.abort());
        try {
            return await evaluateModel(model, { ...options, signal: controller.signal });
        } catch (error) {
            throw controller.signal.aborted ? OperationCancelled : error;
        } finally {
            subscription.dispose();
        }
    }

    private inWorker(modules: EvaluationWorkerModules, model: AgreementModel, options: WorkerEvaluateOptions, cancelToken: Cancellation.CancellationToken): Promise<Report> {
        // Checked here: a worker whose module is missing would fail with a bare "Cannot find module".
        if (!existsSync(fileURLToPath(modules.evaluation))) {
            return Promise.reject(new Error(`The evaluation worker ${fileURLToPath(modules.evaluation)} is missing: `
                + 'it belongs beside the language server\'s bundle (see docs/editors.md).'));
        }
        return new Promise<Report>((resolve, reject) => {
            const worker = new Worker(modules.evaluation);
            let settled = false;
            let stopTimer: NodeJS.Timeout | undefined;
            const post = (message: ToEvaluationWorker): void => worker.postMessage(message);
            const subscription = cancelToken.onCancellationRequested(() => {
                post({ type: 'cancel' });
                stopTimer = setTimeout(() => settle(() => reject(OperationCancelled)), this.cancelGraceMs);
            });
            /** Answers once, and ends the worker: each evaluation has its own. */
            const settle = (answer: () => void): void => {
                if (settled) return;
                settled = true;
                subscription.dispose();
                clearTimeout(stopTimer);
                void worker.terminate();
                answer();
            };
            worker.on('message', (reply: FromEvaluationWorker) => settle(() => {
                switch (reply.type) {
                    case 'report': return resolve(reply.report);
                    case 'input-error': return reject(new EvaluationInputError(reply.message, reply.problems));
                    case 'cancelled': return reject(OperationCancelled);
                    case 'failed': return reject(Object.assign(new Error(reply.message), reply.stack ? { stack: reply.stack } : {}));
                }
            }));
            worker.on('error', (error: Error) => settle(() => reject(new Error(`The evaluation stopped: ${error.message}`))));
            worker.on('exit', (code) => settle(() => reject(new Error(`The evaluation worker ended (exit code ${code}) before it answered.`))));
            post({ type: 'evaluate', model, options });
        });
    }
}
