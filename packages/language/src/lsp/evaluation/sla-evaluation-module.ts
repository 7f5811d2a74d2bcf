import type { Module } from 'langium';
import type { SlaServices } from '../../sla-module.js';
import { LatestEvaluations } from './latest-evaluations.js';
import { ModelEvaluator } from './model-evaluator.js';

/** The server's evaluation: `sla.evaluate` runs the engine through ModelEvaluator, hovers read LatestEvaluations. */
export interface SlaEvaluationServices {
    evaluation: {
        ModelEvaluator: ModelEvaluator;
        LatestEvaluations: LatestEvaluations;
    };
}

/** With `workerModule` (the language server passes it), evaluations run on worker threads; without, on the calling thread. */
export function createSlaEvaluationModule(workerModule?: URL): Module<SlaServices, SlaEvaluationServices> {
    return {
        evaluation: {
            ModelEvaluator: () => new ModelEvaluator(workerModule),
            LatestEvaluations: (services) => new LatestEvaluations(services)
        }
    };
}
