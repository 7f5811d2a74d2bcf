import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { agreement, aggregate, at, count, dataset, field, MONTH, ref, tempDir, writeCsv } from './fixtures.js';

const LATER = at('2027-01-01T00:00:00Z');

function latencyAgreement(rows: (string | number)[][]): AgreementModel {
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'received', 'latency'], rows);
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('received', 'timestamp'), field('latency', 'duration')]) },
        kpis: [
            { key: 'Mean', name: 'Mean', unitKind: 'duration', formula: aggregate('avg', 'requests', ref('requests', 'latency')) },
            { key: 'Count', name: 'Count', unitKind: 'count', formula: count('requests') }
        ],
        objectives: [{ service: 'Shop', kpi: 'Mean', kpiName: 'Mean', comparison: '<=', target: 200, unitKind: 'duration', window: MONTH }],
        internalTargets: [{ service: 'Shop', kpi: 'Mean', kpiName: 'Mean', comparison: '<=', target: 120, unitKind: 'duration', window: MONTH, owner: 'Platform team' }]
    });
}

describe('evaluation options and report shape', () => {
    it('reports internal targets separately with their owner, in the JSON contract shape', async () => {
        // March: (100 + 200) / 2 = 150 ms → objective (<= 200) met, internal target (<= 120) breached.
        const model = latencyAgreement([
            ['2026-03-05T12:00:00+01:00', '2026-03-05T12:00:00+01:00', 100],
            ['2026-03-06T12:00:00+01:00', '2026-03-06T12:00:00+01:00', 200]
        ]);
        const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: LATER });
        const json = JSON.parse(JSON.stringify(report));
        expect(json).toMatchObject({
            schemaVersion: 1,
            agreement: 'Test',
            timezone: 'Europe/Berlin',
            period: { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' },
            datasets: [{ name: 'requests', timeField: 'time', rows: 2, rejected: 0, firstTime: '2026-03-05T12:00:00+01:00', lastTime: '2026-03-06T12:00:00+01:00' }],
            objectives: [{ service: 'Shop', kpi: 'Mean', comparison: '<=', target: 200, unit: 'ms', window: 'calendar month', windows: [{ start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 150, status: 'met', margin: 50, budgetConsumed: null }] }],
            internalTargets: [{ owner: 'Platform team', windows: [{ value: 150, status: 'breached', margin: -30 }] }],
            credits: []
        });
    });

    it('ends the period at `now` (partial window) and narrows it with from/to', async () => {
        const model = latencyAgreement([
            ['2026-03-05T12:00:00+01:00', '2026-03-05T12:00:00+01:00', 100],
            ['2026-03-20T12:00:00+01:00', '2026-03-20T12:00:00+01:00', 300]
        ]);
        // Now = 10 March: only the first row counts; the March window is partial.
        const report = await evaluateAgreement(model, { now: at('2026-03-10T00:00:00+01:00') });
        const windows = report.objectives[0]!.windows;
        expect(windows.map((w) => w.start.slice(0, 7))).toEqual(['2026-01', '2026-02', '2026-03']);
        expect(windows[2]).toMatchObject({ partial: true, value: 100, evaluatedTo: '2026-03-10T00:00:00+01:00' });
        expect(report.datasets[0]!.outsidePeriod).toBe(1);
    });

    it('places rows by the declared event time field and reads replaced data paths', async () => {
        const model = latencyAgreement([['2026-02-28T23:30:00+01:00', '2026-03-01T00:30:00+01:00', 100]]);
        // By `time` the row is in February; by `received` in March.
        model.datasets['requests']!.eventTimeField = 'received';
        const other = writeCsv(tempDir(), 'other.csv', ['time', 'received', 'latency'], [['2026-03-02T00:00:00+01:00', '2026-03-02T00:00:00+01:00', 40]]);
        const report = await evaluateAgreement(model, { from: '2026-02-01', to: '2026-03-31', now: LATER });
        expect(report.objectives[0]!.windows.map((w) => w.value)).toEqual([null, 100]);
        const replaced = await evaluateAgreement(model, { from: '2026-02-01', to: '2026-03-31', now: LATER, dataOverrides: { requests: other } });
        expect(replaced.datasets[0]!.path).toBe(other);
        expect(replaced.objectives[0]!.windows.map((w) => w.value)).toEqual([null, 40]);
        // A replacement with another extension is read in that format (NDJSON here).
        const ndjson = join(tempDir(), 'other.ndjson');
        writeFileSync(ndjson, JSON.stringify({ time: '2026-03-03T00:00:00+01:00', received: '2026-03-03T00:00:00+01:00', latency: 70 }) + '\n');
        const fromJson = await evaluateAgreement(model, { from: '2026-02-01', to: '2026-03-31', now: LATER, dataOverrides: { requests: ndjson } });
        expect(fromJson.objectives[0]!.windows.map((w) => w.value)).toEqual([null, 70]);
    });

    it('evaluates nothing, without failing, before the agreement starts', async () => {
        const model = latencyAgreement([['2026-03-05T12:00:00+01:00', '2026-03-05T12:00:00+01:00', 100]]);
        const report = await evaluateAgreement(model, { now: at('2025-12-01T00:00:00+01:00') });
        expect(report.objectives[0]!.windows).toEqual([]);
        expect(report.objectives[0]!.status).toBe('no data');
        expect(report.datasets[0]!.outsidePeriod).toBe(1);
    });

    it('reports progress in bytes and stops when cancelled', async () => {
        const rows = Array.from({ length: 100_000 }, (_, i) => ['2026-03-05T12:00:00+01:00', '2026-03-05T12:00:00+01:00', i % 500]);
        const model = latencyAgreement(rows);
        const progress: [number, number][] = [];
        await evaluateAgreement(model, { now: LATER, onProgress: (done, total) => progress.push([done, total]) });
        const last = progress[progress.length - 1]!;
        expect(last[0]).toBe(last[1]);
        expect(last[1]).toBeGreaterThan(0);
        const controller = new AbortController();
        const cancelled = evaluateAgreement(model, { now: LATER, signal: controller.signal, onProgress: () => controller.abort() });
        await expect(cancelled).rejects.toThrow(/abort/i);
    });

    it('hears a cancellation that comes as an event (a timer, a message) between two chunks of the file', async () => {
        // 100,000 rows (≈ 5 MB) read in 64 kB chunks: the event loop turns between chunks, though each chunk is read synchronously.
        const rows = Array.from({ length: 100_000 }, (_, i) => ['2026-03-05T12:00:00+01:00', '2026-03-05T12:00:00+01:00', i % 500]);
        const model = latencyAgreement(rows);
        const controller = new AbortController();
        let chunks = 0;
        // The timer is set once the scan has read its first chunk: it fires only if the event loop turns during the scan.
        const onProgress = (): void => {
            if (chunks++ === 0) setTimeout(() => controller.abort(), 0);
        };
        const cancelled = evaluateAgreement(model, { now: LATER, signal: controller.signal, readChunkBytes: 64 * 1024, parallelMinBytes: Infinity, onProgress });
        await expect(cancelled).rejects.toThrow(/abort/i);
        // Stopped early: far fewer chunks read than the file has (≈ 80).
        expect(chunks).toBeLessThan(20);
    });
});
