import type { AgreementModel } from '../../src/index.js';
import { agreement, bin, count, dataset, field, MONTH, num, percentile, ref } from '../evaluate/fixtures.js';

/**
 * A client's agreement over the shared request log of the portfolio tests: the share of
 * requests without a server error (≥ 90 %) and the p95 latency (≤ 2,500 ms) per calendar month
 * of `zone`, scoped to the rows whose client is `value` (none: every row of the log).
 */
export function clientAgreement(id: string, zone: string, value: string | undefined, path: string, options: { clientOptional?: boolean } = {}): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text', options.clientOptional ?? false), field('latency', 'duration'), field('status', 'integer'), field('note', 'text', true)]);
    if (value !== undefined) requests.clientScope = { field: 'client', value };
    return agreement({
        id,
        timezone: zone,
        datasets: { requests },
        kpis: [
            { key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) },
            { key: 'P95', name: 'P95', unitKind: 'duration', formula: percentile(95, 'requests', ref('requests', 'latency')) }
        ],
        objectives: [
            { kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.9, unitKind: 'ratio', window: MONTH },
            { kpi: 'P95', kpiName: 'P95', comparison: '<=', target: 2500, unitKind: 'duration', window: MONTH }
        ]
    });
}
