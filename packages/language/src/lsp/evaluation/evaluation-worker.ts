/**
 * The language server's evaluation worker: a thread of its own that runs the engine on one
 * agreement model and posts back the report, so that the server's main thread goes on
 * answering hovers and edits during a long evaluation (model-evaluator.ts starts it, one
 * per evaluation, and ends it afterwards). It loads the engine only, not Langium.
 */
import { parentPort } from 'node:worker_threads';
import { EvaluationInputError, evaluateModel } from '../../evaluation/evaluate-model.js';
import { evaluatePortfolioModels } from '../../evaluation/evaluate-portfolio.js';
import type { FromEvaluationWorker, ToEvaluationWorker } from './evaluation-messages.js';

const port = parentPort;
if (!port) throw new Error('evaluation-worker runs as a worker thread of the SLA language server, not on its own.');

const controller = new AbortController();

port.on('message', (message: ToEvaluationWorker) => {
    if (message.type === 'cancel') controller.abort();
    else void evaluate(message);
});

async function evaluate(request: Exclude<ToEvaluationWorker, { type: 'cancel' }>): Promise<void> {
    let reply: FromEvaluationWorker;
    try {
        const options = { ...request.options, signal: controller.signal };
        reply = request.type === 'evaluate'
            ? { type: 'report', report: await evaluateModel(request.model, options) }
            : { type: 'portfolio', portfolio: await evaluatePortfolioModels(request.models, options) };
    } catch (error) {
        reply = replyToError(error);
    }
    port!.postMessage(reply);
}

function replyToError(error: unknown): FromEvaluationWorker {
    // The engine stops on the signal by throwing its reason, checked first: an abort is never a defect.
    if (controller.signal.aborted) return { type: 'cancelled' };
    if (error instanceof EvaluationInputError) return { type: 'input-error', message: error.message, problems: error.problems };
    return error instanceof Error ? { type: 'failed', message: error.message, stack: error.stack } : { type: 'failed', message: String(error) };
}
