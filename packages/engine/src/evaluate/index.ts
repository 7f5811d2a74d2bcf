export { evaluateAgreement, type EvaluateOptions } from './evaluate-agreement.js';
export { enableScanWorkers } from './scan-workers.js';
export { evaluationPeriod, type EvaluationPeriod } from './evaluation-period.js';
export { nearestRank } from './percentile.js';
export { judge, type Outcome } from './outcome.js';
export { minorUnits, roundToCents } from './money.js';
// Exact arithmetic and the fee of a window, for texts that state what the evaluation pays (the language's explain).
export * as exact from './exact-value.js';
export { feeBetween } from './credit-fee.js';
export { decimalSum, percentOfDecimal } from './exact-value.js';
export { aggregateSlices, exactSum, type SliceSummary, type SliceValue } from './timeslices.js';
export { planSlices, slicesOf, type SlicePlan } from './slice-plan.js';
export { evaluatePortfolio, type PortfolioOptions } from './evaluate-portfolio.js';
export { prepareAgreement, finishAgreement, type PreparedAgreement } from './evaluate-agreement.js';
export { terminationRule } from './termination-rights.js';
export { definesDefaults } from './service-level-default.js';
export { contractYearStarts } from './continuous-improvement.js';
