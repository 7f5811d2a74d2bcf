import { describe, expect, it } from 'vitest';
import { evaluateAgreement } from '../../src/index.js';
import { aggregate, agreement, at, DAY, dataset, field, percentile, ref, tempDir, writeCsv } from './fixtures.js';

describe('rolling windows', () => {
    it('evaluates at the end of every day over [t − L, t) and summarises each month', async () => {
        // One request per day at noon, 1–10 June 2026 (Berlin, +02:00), latency 50 ms except 5 June: 150 ms.
        const rows = Array.from({ length: 10 }, (_, i) => [`2026-06-${String(i + 1).padStart(2, '0')}T12:00:00+02:00`, i === 4 ? 150 : 50]);
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], rows);
        const rolling2Days = { kind: 'rolling' as const, lengthMs: 2 * DAY, label: '2 days' };
        const model = agreement({
            validity: { from: '2026-06-01', to: '2026-06-30' },
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) },
            kpis: [
                { key: 'Max', name: 'Max', unitKind: 'duration', formula: aggregate('max', 'requests', ref('requests', 'latency')) },
                { key: 'P50', name: 'P50', unitKind: 'duration', formula: percentile(50, 'requests', ref('requests', 'latency')) }
            ],
            objectives: [
                { kpi: 'Max', kpiName: 'Max', comparison: '<=', target: 100, unitKind: 'duration', window: rolling2Days },
                { kpi: 'P50', kpiName: 'P50', comparison: '<=', target: 100, unitKind: 'duration', window: rolling2Days }
            ]
        });
        const report = await evaluateAgreement(model, { to: '2026-06-10', now: at('2027-01-01T00:00:00Z') });
        const max = report.objectives[0]!;
        expect(max.window).toBe('rolling 2 days');
        // Window ends: midnights 2 June … 11 June → 10 windows. The first, [31 May, 2 June), is cut by the start.
        expect(max.windows).toHaveLength(10);
        expect(max.windows[0]).toMatchObject({ start: '2026-05-31T00:00:00+02:00', end: '2026-06-02T00:00:00+02:00', partial: true, value: 50 });
        // 5 June's 150 ms falls into the windows ending 6 June ([4, 6)) and 7 June ([5, 7)): breached.
        expect(max.windows.map((w) => w.status)).toEqual(['met', 'met', 'met', 'met', 'breached', 'breached', 'met', 'met', 'met', 'met']);
        // June summary: 8 of 10 met → 0.8; worst window: the first with the lowest margin, ending 6 June.
        expect(max.summary).toEqual([{ month: '2026-06', windows: 10, met: 8, breached: 2, noData: 0, shareMet: 0.8, worst: { end: '2026-06-06T00:00:00+02:00', value: 150, margin: -50, status: 'breached' } }]);
        // p50 over two days {50, 150}: ceil(0.5 · 2) = 1 → 50: met in every window.
        expect(report.objectives[1]!.windows.every((w) => w.value === 50 && w.status === 'met')).toBe(true);
    });
});
