// A value channel read by percentiles alone keeps no sums, minima or maxima (filter-group.ts,
// keepStats); one also read by avg, sum, min or max keeps them. Either way the figures are those
// worked out here by hand.
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type KpiModel } from '../../src/index.js';
import { aggregate, agreement, at, dataset, field, MONTH, percentile, ref, tempDir, writeCsv } from './fixtures.js';

const LATER = at('2027-01-01T00:00:00Z');

function latencyAgreement(kpis: KpiModel[]): AgreementModel {
    // Four requests in March 2026 (Berlin): latencies 40, 10, 30, 20 ms.
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], [
        ['2026-03-02T10:00:00Z', 40],
        ['2026-03-03T10:00:00Z', 10],
        ['2026-03-04T10:00:00Z', 30],
        ['2026-03-05T10:00:00Z', 20]
    ]);
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) },
        kpis,
        objectives: kpis.map((kpi) => ({ kpi: kpi.key, kpiName: kpi.name, comparison: '<=' as const, target: 1000, unitKind: 'duration' as const, window: MONTH }))
    });
}

const kpi = (key: string, formula: KpiModel['formula']): KpiModel => ({ key, name: key, unitKind: 'duration', formula });

async function marchValues(model: AgreementModel): Promise<Record<string, number | null | undefined>> {
    const report = await evaluateAgreement(model, { now: LATER });
    return Object.fromEntries(report.objectives.map((objective) => [objective.kpi, objective.windows.find((window) => window.start.startsWith('2026-03'))?.value]));
}

describe('value channels', () => {
    it('give percentiles from a channel no other aggregate reads', async () => {
        // Sorted 10, 20, 30, 40: p50 is the ceil(0.5 · 4) = 2nd value, p95 the ceil(3.8) = 4th.
        const values = await marchValues(latencyAgreement([kpi('P50', percentile(50, 'requests', ref('requests', 'latency'))), kpi('P95', percentile(95, 'requests', ref('requests', 'latency')))]));
        expect(values).toEqual({ P50: 20, P95: 40 });
    });

    it('give sums, means, minima and maxima beside percentiles of the same channel', async () => {
        const latency = ref('requests', 'latency');
        const values = await marchValues(
            latencyAgreement([
                kpi('P50', percentile(50, 'requests', latency)),
                kpi('Mean', aggregate('avg', 'requests', latency)),
                kpi('Total', aggregate('sum', 'requests', latency)),
                kpi('Least', aggregate('min', 'requests', latency)),
                kpi('Most', aggregate('max', 'requests', latency))
            ])
        );
        // 10 + 20 + 30 + 40 = 100; mean 25; least 10; most 40.
        expect(values).toEqual({ P50: 20, Mean: 25, Total: 100, Least: 10, Most: 40 });
    });
});
