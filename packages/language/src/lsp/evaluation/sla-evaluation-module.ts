import type { Module } from 'langium';
import type { SlaServices } from '../../sla-module.js';
import { LatestEvaluations } from './latest-evaluations.js';
import { ModelEvaluator, type EvaluationWorkerModules } from './model-evaluator.js';

/** The server's evaluation: `sla.evaluate` runs the engine through ModelEvaluator, hovers read LatestEvaluations. */
export interface SlaEvaluationServices {
    evaluation: {
        ModelEvaluator: ModelEvaluator;
        LatestEvaluations: LatestEvaluations;
    };
}

/** With `worker` (the language server passes it), evaluations run on worker threads; without, on the calling thread. */
export function createSlaEvaluationModule(worker?: EvaluationWorkerModules): Module<SlaServices, SlaEvaluationServices> {
    return {
        evaluation: {
            ModelEvaluator: () => new ModelEvaluator(worker),
            LatestEvaluations: (services) => new LatestEvaluations(services)
        }
    };
}
