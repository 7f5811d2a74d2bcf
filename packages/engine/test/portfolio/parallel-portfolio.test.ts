// A large shared file read on two threads for a portfolio (parallel-csv-pass.ts with the
// members of pass-target.ts): each range is read into every agreement's accumulators, merged
// in file order; each agreement's report must be exactly what it gets alone on one thread.
// The worker runs the compiled engine (out/): build before testing.
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio } from '../../src/index.js';
import { at, tempDir, writeCsv } from '../evaluate/fixtures.js';
import { clientAgreement } from './client-models.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');

const client = clientAgreement;

describe('a portfolio pass on two threads', () => {
    it('gives every agreement the report it gets alone on one thread, across many ranges and quoted line breaks', async () => {
        const rows: (string | number)[][] = [];
        const clients = ['northwind', 'contoso', 'tailspin', 'fabrikam'];
        for (let i = 0; i < 30_000; i++) {
            const note = i % 11 === 3 ? '"retried,\nthen ""ok"""' : '';
            rows.push([new Date(at('2026-03-01T00:00:00Z') + i * 250_000).toISOString(), clients[(i * 7) % 4]!, (i * 37) % 3000, i % 13 === 0 ? 503 : 200, note]);
        }
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'latency', 'status', 'note'], rows);
        const models = [
            client('Northwind', 'Europe/Berlin', 'northwind', path),
            client('Contoso', 'America/New_York', 'contoso', path),
            client('Tailspin', 'Asia/Tokyo', 'tailspin', path),
            client('Everyone', 'UTC', undefined, path)
        ];
        const report = await evaluatePortfolio(models, { now: NOW, sharedFileThreads: 2, parallelMinBytes: 1, parallelRangeBytes: 40_000 });
        for (const model of models) {
            const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
            expect(report.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
        }
        // One pass, on two threads: one read.
        expect(report.dataFiles[0]).toMatchObject({ agreements: 4, reads: 1, rows: 30_000, threads: 2 });
        // On one thread (sharedFileThreads: 1; by default it is parsed on the worker: pipelined-portfolio.test.ts).
        const oneThread = await evaluatePortfolio(models, { now: NOW, parallelMinBytes: 1, parallelRangeBytes: 40_000, sharedFileThreads: 1 });
        expect(oneThread.dataFiles[0]).toMatchObject({ reads: 1, threads: 1 });
        expect(oneThread.entries.map((entry) => entry.report)).toEqual(report.entries.map((entry) => entry.report));
    });
});
