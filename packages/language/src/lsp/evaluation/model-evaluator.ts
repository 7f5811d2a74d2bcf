/**
 * Runs the engine for the server's `sla.evaluate`. In the language server, each evaluation
 * gets a worker thread of its own (evaluation-worker.ts): the engine reads and aggregates
 * for seconds on large data, and on the main thread every hover and edit waited for its
 * current data chunk (hover p95 during a 10M-row evaluation on a busy 2-core machine:
 * 132 ms on the main thread at load 5, 16 ms with the worker at load 12; see
 * test/bench/lsp.bench.mjs). Services created without the worker's location (tests, tools
 * that load the language in-process) evaluate on the calling thread.
 */
import type { AgreementModel, PortfolioReport, Report } from '@sla/engine';
import { OperationCancelled, type Cancellation } from 'langium';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EvaluationInputError, evaluateModel } from '../../evaluation/evaluate-model.js';
import { evaluatePortfolioModels } from '../../evaluation/evaluate-portfolio.js';
import type { FromEvaluationWorker, ToEvaluationWorker, WorkerEvaluateOptions } from './evaluation-messages.js';

/**
 * How long a cancelled evaluation may take to stop by itself before its worker is ended.
 * The engine checks the signal every 65,536 rows and after each 4 MB data chunk: well
 * under a second, even on a busy machine.
 */
const CANCEL_GRACE_MS = 2_000;

/**
 * The worker reads on its one thread, without the engine's scan workers that `sla evaluate`
 * uses: with two cores, a second reading thread leaves the server's main thread none, and
 * hovers answered during a 10M-row evaluation took about twice as long (p95 30–65 ms
 * against 14–15 ms), while the evaluation was not faster on the busy test machine.
 */
export class ModelEvaluator {
    /**
     * `workerModule`: the built evaluation-worker, as a file URL (evaluation-worker-module.ts
     * says where it is); without it, evaluations run on the calling thread.
     */
    constructor(private readonly workerModule?: URL, private readonly cancelGraceMs = CANCEL_GRACE_MS) {}

    /**
     * The report of one model. Rejects with an EvaluationInputError for bad data (file,
     * line and column), with Langium's OperationCancelled once `cancelToken` is cancelled,
     * and with an Error for anything else.
     */
    async evaluate(model: AgreementModel, options: WorkerEvaluateOptions, cancelToken: Cancellation.CancellationToken): Promise<Report> {
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return this.workerModule
            ? await this.inWorker<Report>(this.workerModule, { type: 'evaluate', model, options }, cancelToken)
            : await this.inThisThread(signal => evaluateModel(model, { ...options, signal }), cancelToken);
    }

    /** The portfolio of `models`, each data file read once for all (`sla.evaluatePortfolio`); rejects as `evaluate` does. */
    async evaluatePortfolio(models: AgreementModel[], options: WorkerEvaluateOptions, cancelToken: Cancellation.CancellationToken): Promise<PortfolioReport> {
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return this.workerModule
            ? await this.inWorker<PortfolioReport>(this.workerModule, { type: 'evaluatePortfolio', models, options }, cancelToken)
            : await this.inThisThread(signal => evaluatePortfolioModels(models, { ...options, signal }), cancelToken);
    }

    private async inThisThread<T>(run: (signal: AbortSignal) => Promise<T>, cancelToken: Cancellation.CancellationToken): Promise<T> {
        const controller = new AbortController();
        const subscription = cancelToken.onCancellationRequested(() => controller.abort());
        try {
            return await run(controller.signal);
        } catch (error) {
            throw controller.signal.aborted ? OperationCancelled : error;
        } finally {
            subscription.dispose();
        }
    }

    private inWorker<T extends Report | PortfolioReport>(workerModule: URL, request: Exclude<ToEvaluationWorker, { type: 'cancel' }>, cancelToken: Cancellation.CancellationToken): Promise<T> {
        // Checked here: a worker whose module is missing would fail with a bare "Cannot find module".
        if (!existsSync(fileURLToPath(workerModule))) {
            return Promise.reject(new Error(`The evaluation worker ${fileURLToPath(workerModule)} is missing: `
                + 'it belongs beside the language server\'s bundle (see docs/editors.md).'));
        }
        return new Promise<T>((resolve, reject) => {
            const worker = new Worker(workerModule);
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
                    case 'report': return resolve(reply.report as T);
                    case 'portfolio': return resolve(reply.portfolio as T);
                    case 'input-error': return reject(new EvaluationInputError(reply.message, reply.problems));
                    case 'cancelled': return reject(OperationCancelled);
                    case 'failed': return reject(Object.assign(new Error(reply.message), reply.stack ? { stack: reply.stack } : {}));
                }
            }));
            worker.on('error', (error: Error) => settle(() => reject(new Error(`The evaluation stopped: ${error.message}`))));
            worker.on('exit', (code) => settle(() => reject(new Error(`The evaluation worker ended (exit code ${code}) before it answered.`))));
            post(request);
        });
    }
}
