// Whole evaluations read with the typed CSV reader's WebAssembly kernel (data/csv-typed-kernel.ts)
// and without it (SLA_CSV_KERNEL=js in the scan worker, useTypedCsvKernel(false) here) must give
// byte-identical reports, on one thread and on two. The worker runs the compiled engine (out/):
// build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { recordsHandedByBatch, recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { agreement, aggregate, at, bin, count, dataset, field, monthlyAtMost, namedKpi, num, percentile, ref, seededRandom, tempDir } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const SERVICES = ['api', 'web', 'db', 'auth', 'search', 'billing'];

afterAll(() => {
    useTypedCsvKernel(true);
    delete process.env.SLA_CSV_KERNEL;
});

/**
 * Requests over January–March 2026 in Berlin time (offsets) or UTC (`Z`), latencies with up to
 * three decimals; one record in 50 is not a common one (a quoted service, an empty latency, a
 * naive timestamp in the dataset's zone, an invalid number).
 */
function requestsCsv(rows: number, utc: boolean): string {
    const lines = ['time,service,latency_ms,status,region'];
    const random = seededRandom(11);
    for (let i = 0; i < rows; i++) {
        const instant = at('2026-01-01T00:00:00Z') + Math.floor((i / rows) * 89 * 86_400_000);
        const iso = new Date(instant).toISOString();
        const time = utc ? iso : `${new Date(instant + 3_600_000).toISOString().slice(0, 23)}+01:00`;
        let service = SERVICES[Math.floor(random() * SERVICES.length)]!;
        let latency = (Math.round(random() * 3_000_000) / 1000).toString();
        const status = random() < 0.05 ? 503 : 200;
        const odd = i % 50 === 7 ? Math.floor(random() * 4) : -1;
        if (odd === 0) service = `"${service}"`;
        if (odd === 1) latency = '';
        if (odd === 3) latency = 'n/a';
        lines.push(`${odd === 2 ? iso.slice(0, 23) : time},${service},${latency},${status},eu-${i % 3}`);
    }
    return lines.join('\n') + '\n';
}

function model(csv: string): AgreementModel {
    const path = join(tempDir(), 'requests.csv');
    writeFileSync(path, csv);
    const latency = ref('requests', 'latency');
    const errors: Expr = bin('>=', ref('requests', 'status'), num(500));
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), { ...field('latency', 'duration', true), column: 'latency_ms' }, field('status', 'integer'), field('region', 'text')]);
    return agreement({
        timezone: 'Europe/Berlin',
        datasets: { requests: { ...requests, timezone: 'Europe/Berlin' } },
        kpis: [
            namedKpi('Count', count('requests'), 'count'),
            namedKpi('Errors', bin('/', count('requests', errors), count('requests')), 'ratio'),
            namedKpi('Mean', aggregate('avg', 'requests', latency)),
            namedKpi('P95', percentile(95, 'requests', latency)),
            namedKpi('P99Api', percentile(99, 'requests', latency, bin('>=', ref('requests', 'status'), num(500))))
        ],
        objectives: [monthlyAtMost('Count', 1e9, 'service'), monthlyAtMost('Errors', 0.5, 'service'), monthlyAtMost('Mean', 2000, 'service'), monthlyAtMost('P95', 2000, 'service'), monthlyAtMost('P99Api', 2000)]
    } as Partial<AgreementModel>);
}

async function report(agreementModel: AgreementModel, kernel: boolean, twoThreads: boolean): Promise<string> {
    useTypedCsvKernel(kernel);
    if (kernel) delete process.env.SLA_CSV_KERNEL;
    else process.env.SLA_CSV_KERNEL = 'js'; // the scan worker started for this pass reads it
    const result = await evaluateAgreement(agreementModel, {
        from: '2026-01-01',
        to: '2026-03-31',
        now: NOW,
        skipInvalid: true,
        ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 } : { parallelMinBytes: Infinity })
    });
    return JSON.stringify({ ...result, generatedAt: '' });
}

describe('reports with and without the typed CSV kernel', () => {
    for (const utc of [false, true]) {
        it(`are byte-identical, on one thread and on two (${utc ? 'UTC' : 'Berlin'} data)`, async () => {
            const agreementModel = model(requestsCsv(40_000, utc));
            const before = recordsReadByKernel();
            const batchedBefore = recordsHandedByBatch();
            const withKernel = await report(agreementModel, true, false);
            // The kernel read this thread's records (all but the odd ones), and handed them to the direct path by the batch
            // (between the odd records, which the JS reader hands over one by one: both kinds in one run).
            expect(recordsReadByKernel() - before).toBeGreaterThan(30_000);
            expect(recordsHandedByBatch() - batchedBefore).toBe(recordsReadByKernel() - before);
            const withoutKernel = await report(agreementModel, false, false);
            expect(withKernel).toBe(withoutKernel);
            expect(withKernel).toContain('"rejected"');
            const twoWithKernel = await report(agreementModel, true, true);
            const twoWithoutKernel = await report(agreementModel, false, true);
            expect(twoWithKernel).toBe(twoWithoutKernel);
        });
    }
});
