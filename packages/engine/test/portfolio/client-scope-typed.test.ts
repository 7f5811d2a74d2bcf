// A client-scoped agreement over a shared request log read by the typed CSV path (RowSink.typedTarget
// with the client as a scope slot, the WebAssembly kernel's batches filtered to the client) must give
// the report the general row path gives. The reference: the same log with every client cell quoted,
// which no typed reader reads (every record then goes the general path, checked below), written to
// the same path (the report names it). Two threads run the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { RowSink } from '../../src/evaluate/row-sink.js';
import { recordsHandedByBatch, recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, percentile, ref, seededRandom, tempDir } from '../evaluate/fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

afterAll(() => {
    useTypedCsvKernel(true);
    delete process.env.SLA_CSV_KERNEL;
});

const NOW = at('2027-01-01T00:00:00Z');
/** c1's neighbours: a longer value it begins (c10) and one longer than the typed reader's cache keys */
const CLIENTS = ['c1', 'c10', 'c2', 'c3', 'client-with-a-name-longer-than-thirty-two-bytes'];
const ROWS = 40_000;

interface Log {
    csv: string;
    /** the same rows, every client cell quoted */
    quoted: string;
    /** per client: its rows the reader keeps (not rejected) */
    valid: Map<string, number>;
    rejected: number;
}

/**
 * Requests of five clients over January–March 2026; one record in 40 is not a common one: a
 * quoted client, an empty latency (optional), an empty client (optional: nobody's), a latency
 * that is not a number (rejected).
 */
function sharedLog(): Log {
    const random = seededRandom(23);
    const plain = ['time,client,latency,status,region'];
    const quoted = [...plain];
    const valid = new Map<string, number>();
    let rejected = 0;
    for (let i = 0; i < ROWS; i++) {
        const time = new Date(at('2026-01-01T00:00:00Z') + Math.floor((i / ROWS) * 89 * 86_400_000)).toISOString();
        let client = CLIENTS[Math.floor(random() * CLIENTS.length)]!;
        let latency = (Math.round(random() * 3_000_000) / 1000).toString();
        const status = random() < 0.07 ? 503 : 200;
        const odd = i % 40 === 3 ? i % 160 === 3 ? 0 : i % 160 === 43 ? 1 : i % 160 === 83 ? 2 : 3 : -1;
        let cell = client;
        if (odd === 0) cell = `"${client}"`;
        if (odd === 1) latency = '';
        if (odd === 2) client = cell = '';
        if (odd === 3) latency = 'n/a';
        if (odd === 3) rejected++;
        else valid.set(client, (valid.get(client) ?? 0) + 1);
        // A region only other clients' rows hold (c3's): not a scope value of c1's agreement.
        const region = client === 'c3' && i % 11 === 0 ? 'only-c3' : `eu-${i % 3}`;
        plain.push(`${time},${cell},${latency},${status},${region}`);
        quoted.push(`${time},"${client}",${latency},${status},${region}`);
    }
    return { csv: plain.join('\n') + '\n', quoted: quoted.join('\n') + '\n', valid, rejected };
}

function model(path: string, client: string, clientKind: 'text' | 'integer' | 'enum' = 'text', scopeField?: string): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', clientKind, true, clientKind === 'enum' ? CLIENTS : undefined), field('latency', 'duration', true), field('status', 'integer'), field('region', 'text', true)]);
    requests.clientScope = { field: 'client', value: client };
    const latency = ref('requests', 'latency');
    return agreement({
        validity: { from: '2026-01-01', to: '2026-03-31' },
        datasets: { requests },
        kpis: [
            { key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) },
            { key: 'P95', name: 'P95', unitKind: 'duration', formula: percentile(95, 'requests', latency) },
            { key: 'Count', name: 'Count', unitKind: 'count', formula: count('requests') }
        ],
        objectives: [
            { kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.9, unitKind: 'ratio', window: MONTH },
            { kpi: 'P95', kpiName: 'P95', comparison: '<=', target: 2500, unitKind: 'duration', window: MONTH },
            { kpi: 'Count', kpiName: 'Count', comparison: '>=', target: 1, unitKind: 'count', window: MONTH, ...(scopeField === undefined ? {} : { scopeField }) }
        ]
    });
}

async function report(agreementModel: AgreementModel, kernel: boolean, twoThreads: boolean): Promise<string> {
    useTypedCsvKernel(kernel);
    if (kernel) delete process.env.SLA_CSV_KERNEL;
    else process.env.SLA_CSV_KERNEL = 'js'; // the scan worker started for this pass reads it
    const result = await evaluateAgreement(agreementModel, {
        now: NOW,
        skipInvalid: true,
        ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 } : { parallelMinBytes: Infinity })
    });
    return JSON.stringify({ ...result, generatedAt: '' }, null, 1);
}

const PERIOD = evaluationPeriod('Europe/Berlin', { from: '2026-01-01', to: '2026-03-31' }, { now: NOW });

function sinkOf(agreementModel: AgreementModel): RowSink {
    const scan = planAgreement(agreementModel, PERIOD, undefined).scans.get('requests')!;
    return new RowSink(scan, PERIOD);
}

describe('a client-scoped agreement read by the typed path', () => {
    it('is a typed target with the client as a scope slot, for a text or enumeration client field only', () => {
        const target = sinkOf(model('/nonexistent/requests.csv', 'c1'))!.typedTarget();
        expect(target).toBeDefined();
        expect(target!.scopeIds.length).toBe(1);
        expect(target!.scopeSlots[1]).toBe(0); // the client field (position 1) fills slot 0
        expect(target!.scopeId(0, 'c1')).not.toBe(target!.scopeId(0, 'c10'));
        // With a scope field (region, position 4): its slot 0, the client's 1.
        const regional = sinkOf(model('/nonexistent/requests.csv', 'c1', 'text', 'region')).typedTarget()!;
        expect([regional.scopeIds.length, regional.scopeSlots[4], regional.scopeSlots[1]]).toEqual([2, 0, 1]);
        // Routed (a portfolio's batches, only the client's rows): no client slot, as before.
        expect(sinkOf(model('/nonexistent/requests.csv', 'c1')).typedTarget(true)!.scopeIds.length).toBe(0);
        // An enumeration as client field (`one of …`): its declared texts, the client's slot as for a text.
        expect(sinkOf(model('/nonexistent/requests.csv', 'c1', 'enum')).typedTarget()!.scopeSlots[1]).toBe(0);
        // A number as client (matched by its written form), or the client field also a scope field: the row path.
        expect(sinkOf(model('/nonexistent/requests.csv', '42', 'integer')).typedTarget()).toBeUndefined();
        expect(sinkOf(model('/nonexistent/requests.csv', 'c1', 'text', 'client')).typedTarget()).toBeUndefined();
    });

    it('gives the general path\'s report, byte for byte, on one thread and on two', async () => {
        const log = sharedLog();
        const path = join(tempDir(), 'requests.csv');
        // c1 with its requests counted per region too: a region only other clients have must not become one of its scope values.
        // And c2 with the client field an enumeration of the five clients (`one of …`).
        for (const [client, scopeField, clientKind] of [['c1', undefined, 'text'], ['c1', 'region', 'text'], [CLIENTS[4]!, undefined, 'text'], ['c2', undefined, 'enum']] as const) {
            const agreementModel = model(path, client, clientKind, scopeField);
            // The reference: every record quoted, read by the general path (the kernel reads none).
            writeFileSync(path, log.quoted);
            let before = recordsReadByKernel();
            const general = await report(agreementModel, true, false);
            expect(recordsReadByKernel() - before).toBe(0);
            const twoGeneral = await report(agreementModel, true, true);

            writeFileSync(path, log.csv);
            before = recordsReadByKernel();
            const batchedBefore = recordsHandedByBatch();
            const withKernel = await report(agreementModel, true, false);
            // The kernel read this thread's common records (all clients'), and handed them over by the batch.
            expect(recordsReadByKernel() - before).toBeGreaterThan(35_000);
            expect(recordsHandedByBatch() - batchedBefore).toBe(recordsReadByKernel() - before);
            expect(withKernel).toBe(general);
            // The JS typed reader, row by row (acceptTyped).
            before = recordsReadByKernel();
            expect(await report(agreementModel, false, false)).toBe(general);
            expect(recordsReadByKernel() - before).toBe(0);
            // Two threads: this thread reads ranges too (range-scan.ts, as the worker does), by the kernel.
            before = recordsReadByKernel();
            expect(await report(agreementModel, true, true)).toBe(twoGeneral);
            expect(recordsReadByKernel() - before).toBeGreaterThan(0);
            expect(await report(agreementModel, false, true)).toBe(twoGeneral);

            // The counts, from the generator: the client's valid rows, the other valid rows (an empty client is nobody's).
            const parsed = JSON.parse(withKernel) as { datasets: Array<{ rows: number; rejected: number; clientScope: { otherClientRows: number } }> };
            const mine = log.valid.get(client)!;
            expect(mine).toBeGreaterThan(7_000);
            expect(parsed.datasets[0]!.rows).toBe(mine);
            expect(parsed.datasets[0]!.clientScope.otherClientRows).toBe(ROWS - log.rejected - mine);
            expect(parsed.datasets[0]!.rejected).toBe(log.rejected);
            expect(JSON.parse(twoGeneral).datasets[0].clientScope.otherClientRows).toBe(ROWS - log.rejected - mine);
            if (scopeField !== undefined) {
                expect(withKernel).toContain('"eu-2"');
                expect(withKernel).not.toContain('only-c3');
            }
        }
    }, 60_000);
});
