// A `percent` field reads 99.95 and 99.95% as 0.9995; an export writing shares (0.9995) is read
// as 0.9995 %, a valid value, and `avg(…) >= 99.9 %` is breached with no error. The report warns
// when every value of a percent field the agreement reads lies between 0 and 1, from the minima,
// maxima and counts its value channels kept in the pass (never a second read of the file); a
// column in percents, a mixed one, a few values or only zeros are left alone.
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr, type FieldSpec, type Report } from '../../src/index.js';
import { MIN_FRACTION_VALUES } from '../../src/evaluate/fraction-percent-note.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { DirectRowPath } from '../../src/evaluate/direct-row-path.js';
import { recordsHandedByBatch } from '../../src/data/csv-typed-kernel.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, percentile, ref, tempDir, writeCsv } from './fixtures.js';

// The worker thread of a two-thread pass runs the compiled engine (out/): build before testing.
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2026-06-01T00:00:00Z');
const DAYS = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09'];
const AVAILABILITY = ref('probes', 'availability');
const FIELDS = [field('day', 'timestamp'), field('availability', 'percent')];

/** Daily probes, the availability as the file writes it, in January and February 2026 (UTC). */
function probesCsv(values: string[]): string {
    return writeCsv(tempDir(), 'probes.csv', ['day', 'availability'], values.map((value, row) => [`${DAYS[row % DAYS.length]}T00:00:00Z`, value]));
}

/** `formula >= 99.9 %` per calendar month over the probes (default: the mean availability). */
function probes(values: string[] | string, options: { fields?: FieldSpec[]; formula?: Expr } = {}): AgreementModel {
    const path = typeof values === 'string' ? values : probesCsv(values);
    return agreement({
        timezone: 'UTC',
        validity: { from: '2026-01-01', to: '2026-02-28' },
        datasets: { probes: dataset('probes', path, options.fields ?? FIELDS) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: options.formula ?? aggregate('avg', 'probes', AVAILABILITY) }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }]
    });
}

async function evaluate(model: AgreementModel, options: { parallelMinBytes?: number; parallelRangeBytes?: number } = {}): Promise<Report> {
    return evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity, ...options });
}

/** Whether the scan of the probes goes the direct way (typed rows, batches) or the general one (ValueChannel.accept). */
function direct(model: AgreementModel): boolean {
    const plan = planAgreement(model, evaluationPeriod(model.timezone, model.validity, { now: NOW }), undefined);
    return DirectRowPath.compile(plan.scans.get('probes')!) !== undefined;
}

const SHARES = ['0.9995', '0.9990', '0.9998', '0.9993', '0.9999', '0.9994'];
const warnings = (report: Report): string[] => report.notes.filter((note) => note.includes('lies between 0 and 1'));

/** The warning for the six SHARES: 6 values, the smallest 0.9990 (written so: 0.999), the largest 0.9999 = 99.99 % as a share. */
const SHARES_WARNING =
    "Warning: every value of percent field 'availability' of dataset 'probes' (probes.csv) the agreement reads lies between 0 and 1 (6 values, 0.999 to 0.9999): "
    + 'a percent field reads 0.9999 as 0.9999 %, not 99.99 %. If the file writes shares (0.9999 for 99.99 %), export percentages (99.99 or 99.99%), '
    + "or declare 'availability' a number and multiply it by 100% where the agreement reads it (avg(probes.availability) * 100%).";

/** Not the direct path: arithmetic compared with a field (`availability * 1 >= availability`, true for every value) is read by the general path only. */
const GENERAL_FILTER: Expr = bin('>=', bin('*', AVAILABILITY, num(1)), AVAILABILITY);

describe('a percent field whose file writes shares', () => {
    it('is still read on the 0–100 scale, with a warning naming the field, the file, the values seen and what to do', async () => {
        const model = probes(SHARES);
        expect(direct(model)).toBe(true);
        const report = await evaluate(model);
        // January by hand: (0.9995 + 0.9990 + 0.9998 + 0.9993) / 4 = 3.9976 / 4 = 0.9994, read as 0.9994 % = 0.009994 < 0.999: breached.
        // (As shares it would be 99.94 % >= 99.9 %: met. The file cannot say which was meant: the value stays, the report says it.)
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(0.009994, 12);
        expect(report.objectives[0]!.windows[0]!.status).toBe('breached');
        expect(warnings(report)).toEqual([SHARES_WARNING]);
    });

    it('counts 0 and 1 as shares: 1 is 100 %', async () => {
        const report = await evaluate(probes(['1', '0', '1', '0.5', '1']));
        expect(warnings(report)[0]).toContain('(5 values, 0 to 1)');
    });

    it('is warned of when a percentile alone reads the field, on the general path too (no sums kept there)', async () => {
        // p50 of January (0.9995, 0.9990, 0.9998, 0.9993 → sorted 0.9990, 0.9993, 0.9995, 0.9998, rank ceil(0.5 × 4) = 2): 0.9993 % = 0.009993.
        const onDirectPath = probes(SHARES, { formula: percentile(50, 'probes', AVAILABILITY) });
        const onGeneralPath = probes(SHARES, { formula: percentile(50, 'probes', AVAILABILITY, GENERAL_FILTER) });
        expect(direct(onDirectPath)).toBe(true);
        expect(direct(onGeneralPath)).toBe(false);
        for (const model of [onDirectPath, onGeneralPath]) {
            const report = await evaluate(model);
            expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(0.009993, 12);
            expect(warnings(report)).toEqual([SHARES_WARNING]);
        }
    });

    it('is warned of when an avg reads the field on the general path', async () => {
        const model = probes(SHARES, { formula: aggregate('avg', 'probes', AVAILABILITY, GENERAL_FILTER) });
        expect(direct(model)).toBe(false);
        const report = await evaluate(model);
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(0.009994, 12);
        expect(warnings(report)).toEqual([SHARES_WARNING]);
    });

    it('counts the values of the most-read channel, the range over all of them', async () => {
        // avg over every probe (6 values: 0.999 to 0.9999) and max over the probes of at most 0.9996 % (≤ 0.009996: 0.9995,
        // 0.9990, 0.9993, 0.9994, 4 values): the same rows read twice, 6 values, not 10.
        const model = probes(SHARES, { formula: bin('+', aggregate('avg', 'probes', AVAILABILITY), aggregate('max', 'probes', AVAILABILITY, bin('<=', AVAILABILITY, num(0.009996, 'ratio')))) });
        expect(warnings(await evaluate(model))[0]).toContain('(6 values, 0.999 to 0.9999)');
    });
});

/**
 * 3,000 probes every 2 hours from 1 January 2026 (to 7 September), with milliseconds (`.000Z`, the
 * typed reader's kernel reads such records): 0.9990, 0.9991 … 0.9999 in turn, but the first 0.9950
 * and the last 1 (100 %) — every value between 0 and 1, from 0.995 to 1, all in 2026.
 */
function manyProbes(): AgreementModel {
    const rows = Array.from({ length: 3000 }, (_, i) => {
        const time = new Date(at('2026-01-01T00:00:00Z') + i * 2 * 3_600_000).toISOString();
        const value = i === 0 ? '0.9950' : i === 2999 ? '1' : `0.999${i % 10}`;
        return [time, value];
    });
    const path = writeCsv(tempDir(), 'probes.csv', ['day', 'availability'], rows);
    return agreement({ ...probes(path), validity: { from: '2026-01-01', to: '2026-12-31' } });
}

const LATER = at('2027-01-01T00:00:00Z');
/** The warning for manyProbes: the largest 1 is "read as 1 %, not 100 %". */
const MANY_WARNING = '(3,000 values, 0.995 to 1): a percent field reads 1 as 1 %, not 100 %. If the file writes shares (1 for 100 %), export percentages (100 or 100%)';

describe('a percent field whose file writes shares, read in batches and on two threads', () => {
    it('is warned of from the direct path\'s batches', async () => {
        const model = manyProbes();
        expect(direct(model)).toBe(true);
        const batched = recordsHandedByBatch();
        const report = await evaluateAgreement(model, { now: LATER, parallelMinBytes: Infinity });
        // Every record came by the typed reader's batches (the direct path's batch loop).
        expect(recordsHandedByBatch() - batched).toBe(3000);
        expect(warnings(report)).toHaveLength(1);
        expect(warnings(report)[0]).toContain(MANY_WARNING);
    });

    it('is warned of from both threads\' minima and maxima (the general path on both too)', async () => {
        for (const model of [manyProbes(), { ...manyProbes(), kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio' as const, formula: percentile(50, 'probes', AVAILABILITY, GENERAL_FILTER) }] }]) {
            const period = evaluationPeriod(model.timezone, model.validity, { now: LATER });
            const pass = await runDatasetPass(planAgreement(model, period, undefined).scans.get('probes')!, period, { skipInvalid: false, parallelMinBytes: 1, parallelInputs: { model, period, dataOverrides: undefined } });
            expect(pass.threads).toBe(2);
            // Ranges of 8 kB: the file (96,012 bytes) in 12, read by either thread.
            const report = await evaluateAgreement(model, { now: LATER, parallelMinBytes: 1, parallelRangeBytes: 8 * 1024 });
            expect(warnings(report)).toHaveLength(1);
            expect(warnings(report)[0]).toContain(MANY_WARNING);
        }
    });
});

describe('percent fields left alone', () => {
    it('a column in percents', async () => {
        const report = await evaluate(probes(['99.95', '99.90', '99.98', '99.93', '99.99', '99.94']));
        // January by hand: (99.95 + 99.90 + 99.98 + 99.93) / 4 = 399.76 / 4 = 99.94 % >= 99.9 %: met.
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(0.9994, 12);
        expect(report.objectives[0]!.windows[0]!.status).toBe('met');
        expect(warnings(report)).toEqual([]);
    });

    it('a column in percents read by a percentile on the general path', async () => {
        expect(warnings(await evaluate(probes(['99.95', '99.90', '99.98', '99.93', '99.99', '99.94'], { formula: percentile(50, 'probes', AVAILABILITY, GENERAL_FILTER) })))).toEqual([]);
    });

    it('a column mixing values below and above 1 (0.5 % and 99.9 %)', async () => {
        expect(warnings(await evaluate(probes(['0.5', '0.9', '0.7', '0.6', '99.9', '0.8'])))).toEqual([]);
        // 1.01 % is above a share's largest (1): in percents.
        expect(warnings(await evaluate(probes(['0.5', '0.9', '0.7', '0.6', '1.01', '0.8'])))).toEqual([]);
    });

    it('a column with one value below 0', async () => {
        expect(warnings(await evaluate(probes(['0.5', '0.9', '0.7', '0.6', '-0.1', '0.8'])))).toEqual([]);
    });

    it(`fewer than ${MIN_FRACTION_VALUES} values between 0 and 1, and only zeros (0 is 0 % either way)`, async () => {
        expect(warnings(await evaluate(probes(SHARES.slice(0, MIN_FRACTION_VALUES - 1))))).toEqual([]);
        expect(warnings(await evaluate(probes(['0', '0', '0', '0', '0', '0'])))).toEqual([]);
    });

    it('shares outside the windows read: only the values read count', async () => {
        // One window, January (4 values): fewer than 5 read, though the file holds 6.
        const model = agreement({ ...probes(SHARES), validity: { from: '2026-01-01', to: '2026-01-31' } });
        expect(warnings(await evaluate(model))).toEqual([]);
    });

    it('a percent field the agreement does not read', async () => {
        expect(warnings(await evaluate(probes(SHARES, { formula: count('probes') })))).toEqual([]);
    });

    it('a number field holding shares', async () => {
        const report = await evaluate(probes(SHARES, { fields: [field('day', 'timestamp'), field('availability', 'number')] }));
        expect(warnings(report)).toEqual([]);
    });
});
