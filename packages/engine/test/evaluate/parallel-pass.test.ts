// The two-thread CSV pass (parallel-csv-pass.ts) must give exactly what one thread gives:
// the same report, the same rejected rows with the same line numbers and messages, the
// same first error. The worker runs the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr, type Report } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { EarlyPercentiles } from '../../src/evaluate/early-percentiles.js';
import { finishAgreement, prepareAgreement } from '../../src/evaluate/evaluate-agreement.js';
import { agreement, aggregate, at, bin, count, dataset, field, monthlyAtMost, MONTH, namedKpi, num, percentile, ref, seededRandom, str, tempDir } from './fixtures.js';

// The worker thread runs the compiled module (a worker cannot load this TypeScript source).
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const SERVICES = ['api', 'web', 'db', 'auth'];

interface Options {
    rows: number;
    /** a quoted note with line breaks in this row (0-based) */
    longNoteAt?: number;
    /** rows (0-based) with a latency that is not a number */
    invalidAt?: number[];
}

/**
 * Requests over March–April 2026: time, service, latency (one decimal), status and an
 * optional note, some quoted with line breaks and "" escapes (so lines ≠ records).
 */
function requestsCsv(options: Options): string {
    const lines = ['time,service,latency,status,note'];
    const random = seededRandom(7);
    for (let i = 0; i < options.rows; i++) {
        const time = new Date(at('2026-03-01T00:00:00+01:00') + Math.floor((i / options.rows) * 55 * 86_400_000)).toISOString();
        const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
        const latency = options.invalidAt?.includes(i) ? 'n/a' : (Math.round(random() * 30_000) / 10).toString();
        const status = random() < 0.05 ? 503 : 200;
        let note = '';
        if (i === options.longNoteAt) note = `"long ""note""${'\nline'.repeat(2000)}"`;
        else if (i % 7 === 3) note = `"retried,\nthen ""ok"""`;
        else if (i % 5 === 1) note = 'plain';
        lines.push(`${time},${service},${latency},${status},${note}`);
    }
    return lines.join('\n') + '\n';
}

function model(csv: string): AgreementModel {
    const path = join(tempDir(), 'requests.csv');
    writeFileSync(path, csv);
    const latency = ref('requests', 'latency');
    const errors: Expr = bin('>=', ref('requests', 'status'), num(500));
    return agreement({
        datasets: {
            requests: dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration'), field('status', 'integer'), field('note', 'text', true)])
        },
        kpis: [
            namedKpi('Count', count('requests'), 'count'),
            namedKpi('Errors', bin('/', count('requests', errors), count('requests')), 'ratio'),
            namedKpi('Mean', aggregate('avg', 'requests', latency)),
            namedKpi('Max', aggregate('max', 'requests', latency)),
            namedKpi('P95', percentile(95, 'requests', latency)),
            namedKpi('P99Api', percentile(99, 'requests', latency, bin('=', ref('requests', 'service'), str('api'))))
        ],
        objectives: [
            monthlyAtMost('Count', 1e9, 'service'),
            monthlyAtMost('Errors', 0.5, 'service'),
            monthlyAtMost('Mean', 2000, 'service'),
            monthlyAtMost('Max', 2000),
            monthlyAtMost('P95', 2000, 'service'),
            monthlyAtMost('P99Api', 2000)
        ]
    });
}

/**
 * Ranges of about 16 kB: the files below are cut into some 16 ranges (by default, in
 * two). Which thread reads which range depends on timing; the merge is the same.
 */
const SMALL_RANGES = 16 * 1024;

/** One thread, or two with ranges of `rangeBytes` (default: two ranges for these small files). */
async function evaluate(agreementModel: AgreementModel, parallel: boolean | number, skipInvalid = false): Promise<Report> {
    const report = await evaluateAgreement(agreementModel, {
        now: NOW, skipInvalid, parallelMinBytes: parallel === false ? Infinity : 1, readChunkBytes: 4096, ...(typeof parallel === 'number' ? { parallelRangeBytes: parallel } : {})
    });
    return { ...report, generatedAt: '' };
}

/** How many threads read the dataset (2 unless no range of the worker was used). */
async function threadsUsed(agreementModel: AgreementModel, skipInvalid = false): Promise<number> {
    const period = evaluationPeriod(agreementModel.timezone, agreementModel.validity, { now: NOW });
    const plan = planAgreement(agreementModel, period, undefined);
    const scan = plan.scans.get('requests')!;
    const result = await runDatasetPass(scan, period, {
        skipInvalid, parallelMinBytes: 1, parallelInputs: { model: agreementModel, period, dataOverrides: undefined }
    });
    return result.threads;
}

describe('parallel CSV pass', () => {
    it('gives the same report as one thread, quoted line breaks included', async () => {
        const agreementModel = model(requestsCsv({ rows: 6002 })); // the middle of the file falls between records
        expect(await threadsUsed(agreementModel)).toBe(2);
        const serial = await evaluate(agreementModel, false);
        expect(serial.objectives[0]!.windows.length).toBeGreaterThan(0);
        expect(await evaluate(agreementModel, true)).toEqual(serial);
        expect(await evaluate(agreementModel, SMALL_RANGES)).toEqual(serial);
    });

    it('reads on alone when a quoted field with line breaks spans the middle of the file', async () => {
        // Row 3000 holds 2,000 line breaks in quotes: the middle of the file falls inside it.
        const agreementModel = model(requestsCsv({ rows: 6000, longNoteAt: 3000 }));
        expect(await threadsUsed(agreementModel)).toBe(1);
        const serial = await evaluate(agreementModel, false);
        expect(await evaluate(agreementModel, true)).toEqual(serial);
        // Cut in many ranges, some cuts fall inside it too: the ranges before it are used.
        expect(await evaluate(agreementModel, SMALL_RANGES)).toEqual(serial);
    });

    it('gives the same report when the header is longer than the first read of each range (64 kB)', async () => {
        // Each range reads the header in small reads before it seeks to its range: an extra
        // column with a 70,000-character name takes two of them.
        const lines = requestsCsv({ rows: 6002 }).split('\n');
        const csv = [`${lines[0]},${'x'.repeat(70_000)}`, ...lines.slice(1, -1).map((line) => `${line},1`)].join('\n') + '\n';
        const agreementModel = model(csv);
        expect(await threadsUsed(agreementModel)).toBe(2);
        const serial = await evaluate(agreementModel, false);
        expect(serial.datasets[0]!.rows).toBe(6002);
        expect(await evaluate(agreementModel, true)).toEqual(serial);
        expect(await evaluate(agreementModel, SMALL_RANGES)).toEqual(serial);
        // The same file without the long column: the same figures.
        const plain = await evaluate(model(requestsCsv({ rows: 6002 })), false);
        expect(serial.objectives).toEqual(plain.objectives);
    });

    it('lists rejected rows of both halves with the same lines and messages, in file order', async () => {
        const agreementModel = model(requestsCsv({ rows: 6000, invalidAt: [10, 2000, 3500, 3600, 5999] }));
        expect(await threadsUsed(agreementModel, true)).toBe(2);
        const serial = await evaluate(agreementModel, false, true);
        expect(serial.datasets[0]!.rejected).toBe(5);
        expect(serial.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual([...serial.datasets[0]!.rejectedSamples.map((sample) => sample.line)].sort((a, b) => a - b));
        expect(await evaluate(agreementModel, true, true)).toEqual(serial);
        expect(await evaluate(agreementModel, SMALL_RANGES, true)).toEqual(serial);
    });

    it('keeps the count of rejected rows and the first 20 of them in file order, over many ranges', async () => {
        const invalidAt = Array.from({ length: 30 }, (_, i) => 100 + i * 190);
        const agreementModel = model(requestsCsv({ rows: 6000, invalidAt }));
        const serial = await evaluate(agreementModel, false, true);
        expect(serial.datasets[0]!.rejected).toBe(30);
        expect(serial.datasets[0]!.rejectedSamples).toHaveLength(20);
        expect(await evaluate(agreementModel, SMALL_RANGES, true)).toEqual(serial);
    });

    it('stops when aborted while the threads read ranges', async () => {
        const agreementModel = model(requestsCsv({ rows: 6000 }));
        const controller = new AbortController();
        const evaluation = evaluateAgreement(agreementModel, {
            now: NOW, parallelMinBytes: 1, parallelRangeBytes: SMALL_RANGES, readChunkBytes: 4096, signal: controller.signal,
            onProgress: (done) => {
                if (done > 40_000) controller.abort();
            }
        });
        await expect(evaluation).rejects.toThrow(/abort/i);
    });

    it('stops at the same first invalid row when it is in the second half', async () => {
        const agreementModel = model(requestsCsv({ rows: 6000, invalidAt: [4000, 5000] }));
        const failure = async (parallel: boolean | number): Promise<DataError> => {
            try {
                await evaluate(agreementModel, parallel);
            } catch (error) {
                if (error instanceof DataError) return error;
                throw error;
            }
            throw new Error('the evaluation did not fail');
        };
        const serial = await failure(false);
        expect(serial.line).toBeGreaterThan(4000); // quoted line breaks: lines run ahead of rows
        for (const parallel of [await failure(true), await failure(SMALL_RANGES)]) {
            expect({ message: parallel.message, line: parallel.line, column: parallel.column, value: parallel.value }).toEqual({ message: serial.message, line: serial.line, column: serial.column, value: serial.value });
        }
    });
});

describe('parallel CSV pass with outages', () => {
    it('keeps outage intervals and open incidents as one thread does', async () => {
        const lines = ['started,resolved,severity,region'];
        for (let i = 0; i < 4000; i++) {
            const start = at('2026-03-01T00:00:00+01:00') + i * 15 * 60_000;
            const open = i % 997 === 0;
            lines.push(`${new Date(start).toISOString()},${open ? '' : new Date(start + 5 * 60_000).toISOString()},${i % 3 === 0 ? 'outage' : 'minor'},${['eu', 'us'][i % 2]}`);
        }
        const path = join(tempDir(), 'incidents.csv');
        writeFileSync(path, lines.join('\n') + '\n');
        const formula: Expr = { type: 'uptime', dataset: 'incidents', where: bin('=', ref('incidents', 'severity'), str('outage')), from: 'started', to: 'resolved', excluding: [] };
        const agreementModel = agreement({
            datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), field('severity', 'text'), field('region', 'text')]) },
            kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula }],
            objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.99, unitKind: 'ratio', window: MONTH, scopeField: 'region' }]
        });
        const serial = await evaluate(agreementModel, false);
        expect(serial.openItems.length).toBeGreaterThan(1);
        expect(await evaluate(agreementModel, true)).toEqual(serial);
        expect(await evaluate(agreementModel, 8 * 1024)).toEqual(serial);
    });
});

describe('parallel CSV pass with open tickets', () => {
    it('keeps every open row (pending and failed) as one thread does', async () => {
        const lines = ['opened,resolved,priority,region'];
        for (let i = 0; i < 4000; i++) {
            const opened = at('2026-03-01T00:00:00+01:00') + i * 15 * 60_000;
            // Every 97th ticket is still open; the others take 0–7 hours.
            const resolved = i % 97 === 0 ? '' : new Date(opened + (i % 8) * 3_600_000).toISOString();
            lines.push(`${new Date(opened).toISOString()},${resolved},${['P1', 'P2'][i % 2]},${['eu', 'us'][i % 3 === 0 ? 0 : 1]}`);
        }
        const path = join(tempDir(), 'tickets.csv');
        writeFileSync(path, lines.join('\n') + '\n');
        const elapsed: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved') };
        const isP1 = bin('=', ref('tickets', 'priority'), str('P1'));
        const fast = bin('<=', elapsed, num(4 * 3_600_000, 'duration'));
        const agreementModel = agreement({
            datasets: { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('resolved', 'timestamp', true), field('priority', 'text'), field('region', 'text')]) },
            kpis: [
                { key: 'Fast', name: 'Fast', unitKind: 'ratio', formula: { type: 'share', dataset: 'tickets', part: fast, whole: isP1 } },
                { key: 'P90', name: 'P90', unitKind: 'duration', formula: percentile(90, 'tickets', elapsed, isP1) }
            ],
            objectives: [
                { kpi: 'Fast', kpiName: 'Fast', comparison: '>=', target: 0.5, unitKind: 'ratio', window: { kind: 'calendar', unit: 'week' }, scopeField: 'region' },
                { kpi: 'P90', kpiName: 'P90', comparison: '<=', target: 6 * 3_600_000, unitKind: 'duration', window: MONTH, scopeField: 'region' }
            ]
        });
        const serial = await evaluate(agreementModel, false);
        expect(serial.openItems.filter((item) => item.kind === 'unresolved row').length).toBeGreaterThan(10);
        expect(serial.objectives[0]!.windows.some((window) => (window.pending ?? 0) + (window.failedOpen ?? 0) > 0)).toBe(true);
        expect(await evaluate(agreementModel, true)).toEqual(serial);
        expect(await evaluate(agreementModel, 8 * 1024)).toEqual(serial);
    });
});

describe('percentiles of windows already read (early-percentiles.ts)', () => {
    /** The agreement's plan, fed by one thread's pass. */
    async function fed(agreementModel: AgreementModel) {
        const prepared = prepareAgreement(agreementModel, { now: NOW });
        const scan = prepared.scans[0]!;
        const pass = await runDatasetPass(scan, prepared.period, { skipInvalid: false });
        const report = async (): Promise<Report> => ({ ...(await finishAgreement(prepared, [pass], { now: NOW })), generatedAt: '' });
        const channels = scan.groups.flatMap((group) => group.channels).filter((channel) => channel.percentiles.length > 0);
        return { scan, report, channels };
    }

    it('selects the windows that end by the time given, each once, and the evaluator takes them while their values are the same', async () => {
        const { scan, report, channels } = await fed(model(requestsCsv({ rows: 6002 })));
        const plain = await report();
        const early = new EarlyPercentiles(scan);
        early.windowsEndedBy(Infinity); // a range without rows: nothing
        expect(channels.every((channel) => channel.earlyPercentiles.size === 0)).toBe(true);
        early.windowsEndedBy(at('2026-03-31T00:00:00Z')); // before March ends: January and February only, which hold no values
        expect(channels.every((channel) => channel.earlyPercentiles.size === 0)).toBe(true);
        early.windowsEndedBy(at('2026-04-10T00:00:00Z'));
        // March: per service for P95, one for api's P99; April not yet.
        const entries = channels.flatMap((channel) => [...channel.earlyPercentiles.values()]);
        expect(entries.length).toBe(SERVICES.length + 1);
        const windowsSoFar = early.windows;
        early.windowsEndedBy(at('2026-04-10T00:00:00Z'));
        expect(early.windows).toBe(windowsSoFar);
        expect(await report()).toEqual(plain);
        // The evaluator takes an entry whose count is the window's (here made up, to see it taken) …
        const [channel] = channels;
        const [key, entry] = [...channel!.earlyPercentiles][0]!;
        channel!.earlyPercentiles.set(key, { count: entry.count, results: entry.results.map(() => 123_456) });
        expect(await report()).not.toEqual(plain);
        // … and not one made from fewer values.
        channel!.earlyPercentiles.set(key, { count: entry.count - 1, results: entry.results.map(() => 123_456) });
        expect(await report()).toEqual(plain);
    });

    it('a parallel pass over a file in time order, or out of it, gives the report one thread gives', async () => {
        const inOrder = model(requestsCsv({ rows: 6002 }));
        expect(await evaluate(inOrder, SMALL_RANGES)).toEqual(await evaluate(inOrder, false));
        // Early March rows moved to the end of the file: March looks read when April's ranges are merged, but is not.
        const lines = requestsCsv({ rows: 6002 }).trimEnd().split('\n').filter((line) => /^\d{4}-.*,\d+,$/.test(line) || line.startsWith('time,'));
        expect(lines.length).toBeGreaterThan(3000);
        const outOfOrder = model([lines[0], ...lines.slice(301), ...lines.slice(1, 301)].join('\n') + '\n');
        expect(await evaluate(outOfOrder, SMALL_RANGES)).toEqual(await evaluate(outOfOrder, false));
    });
});
