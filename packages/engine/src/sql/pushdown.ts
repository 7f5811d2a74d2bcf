import type { DatasetPassResult } from '../evaluate/dataset-pass.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { EvaluationPeriod } from '../evaluate/evaluation-period.js';
import type { SqlConnection } from './sql-connection.js';
import type { DatasetRelation } from './dataset-relation.js';

export type PushDownOutcome = { result: DatasetPassResult; queries: number; rowsTransferred: number } | { reason: string };

export async function pushDown(connection: SqlConnection, relation: DatasetRelation, scan: DatasetScan, period: EvaluationPeriod, signal?: AbortSignal): Promise<PushDownOutcome> {
    void connection; void scan; void period; void signal;
    if (relation.kind === 'csv') return { reason: 'CSV text is decoded by the project (timestamps are not instants in SQL)' };
    return { reason: 'not yet' };
}
