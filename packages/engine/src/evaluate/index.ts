export { evaluateAgreement, type EvaluateOptions } from './evaluate-agreement.js';
export { enableScanWorkers } from './scan-workers.js';
export { evaluationPeriod, type EvaluationPeriod } from './evaluation-period.js';
export { nearestRank } from './percentile.js';
export { judge, type Outcome } from './outcome.js';
export { roundToCents } from './money.js';
export { aggregateSlices, exactSum, type SliceSummary, type SliceValue } from './timeslices.js';
export { planSlices, slicesOf, type SlicePlan } from './slice-plan.js';
