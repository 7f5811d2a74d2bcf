import { describe, expect, it } from 'vitest';
import { evaluateAgreement } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, ref, tempDir, writeCsv } from './fixtures.js';

// A text field no KPI reads is not converted (FieldReads, InlineKind.Unread), but still checked.
describe('a text field no KPI reads', () => {
    it('still rejects a row whose required cell is empty', async () => {
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency', 'region'], [
            ['2026-03-05T12:00:00+01:00', 100, 'eu'],
            ['2026-03-05T13:00:00+01:00', 900, ''],
            ['2026-03-05T14:00:00+01:00', 300, 'us']
        ]);
        const model = agreement({
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration'), field('region', 'text')]) },
            kpis: [{ key: 'Mean', name: 'Mean', unitKind: 'duration', formula: aggregate('avg', 'requests', ref('requests', 'latency')) }],
            objectives: [{ kpi: 'Mean', kpiName: 'Mean', comparison: '<=', target: 250, unitKind: 'duration', window: MONTH }]
        });
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z'), skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 2, rejected: 1 });
        expect(report.datasets[0]!.rejectedSamples[0]).toMatchObject({ line: 3, field: 'region' });
        expect(report.objectives[0]!.windows[0]!.value).toBe(200);
    });
});
