/**
 * What the language server's main thread and its evaluation worker (evaluation-worker.ts)
 * say to each other. Everything here is structured-cloneable: the engine's model and
 * report are plain data, and errors travel as their message and places.
 */
import type { AgreementModel, EngineEvaluateOptions, Report } from '@sla/engine';
import type { EvaluationProblem } from '../../evaluation/evaluate-model.js';

/** The options of `sla.evaluate` that reach the engine (the signal is the worker's own). */
export type WorkerEvaluateOptions = Pick<EngineEvaluateOptions, 'from' | 'to' | 'now' | 'dataOverrides' | 'skipInvalid' | 'connectionConfigs'>;

export type ToEvaluationWorker =
    | { type: 'evaluate'; model: AgreementModel; options: WorkerEvaluateOptions }
    /** Stop at the next data chunk and answer `cancelled`. */
    | { type: 'cancel' };

export type FromEvaluationWorker =
    | { type: 'report'; report: Report }
    /** bad data (a DataError), as the places to fix */
    | { type: 'input-error'; message: string; problems: EvaluationProblem[] }
    | { type: 'cancelled' }
    /** anything else: a defect, reported with its stack */
    | { type: 'failed'; message: string; stack?: string };
