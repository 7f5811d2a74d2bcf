import { describe, expect, it } from 'vitest';
import { DataError, evaluateAgreement } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, ref, tempDir, writeCsv } from './fixtures.js';

function model() {
    // Line 3 of the file has a latency that is not a number.
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], [
        ['2026-03-05T12:00:00+01:00', 100],
        ['2026-03-05T13:00:00+01:00', 'abc'],
        ['2026-03-05T14:00:00+01:00', 300]
    ]);
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) },
        kpis: [{ key: 'Mean', name: 'Mean', unitKind: 'duration', formula: aggregate('avg', 'requests', ref('requests', 'latency')) }],
        objectives: [{ kpi: 'Mean', kpiName: 'Mean', comparison: '<=', target: 250, unitKind: 'duration', window: MONTH }]
    });
}

describe('invalid rows', () => {
    it('stop the evaluation by default with the file, line and value', async () => {
        const evaluation = evaluateAgreement(model(), { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') });
        await expect(evaluation).rejects.toBeInstanceOf(DataError);
        await expect(evaluation).rejects.toMatchObject({ line: 3, value: 'abc', field: 'latency' });
    });

    it('are skipped, counted and listed with skipInvalid', async () => {
        const report = await evaluateAgreement(model(), { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z'), skipInvalid: true });
        // (100 + 300) / 2 = 200 ms from the two valid rows.
        expect(report.objectives[0]!.windows[0]!.value).toBe(200);
        expect(report.datasets[0]).toMatchObject({ rows: 2, rejected: 1 });
        expect(report.datasets[0]!.rejectedSamples[0]).toMatchObject({ line: 3, value: 'abc', field: 'latency' });
        expect(report.notes.join(' ')).toContain('1 invalid row');
    });

    it('with skipInvalid, warn when more than 10 % of the records are rejected', async () => {
        // 1 of 3 records rejected: 33.3 % > 10 %.
        const report = await evaluateAgreement(model(), { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z'), skipInvalid: true });
        expect(report.datasets[0]!.rejectedShare).toBeCloseTo(1 / 3, 15);
        expect(report.notes.join(' ')).toContain("Warning: 33.3 % of the records of dataset 'requests' were rejected (more than 10 %)");
    });

    it('with skipInvalid, do not warn at 10 % or less', async () => {
        // 1 of 10 records rejected: exactly 10 %, not more.
        const rows: (string | number)[][] = Array.from({ length: 9 }, (_, i) => [`2026-03-05T1${i}:00:00+01:00`, 100]);
        rows.push(['2026-03-06T10:00:00+01:00', 'abc']);
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], rows);
        const tenth = { ...model(), datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) } };
        const report = await evaluateAgreement(tenth, { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z'), skipInvalid: true });
        expect(report.datasets[0]).toMatchObject({ rows: 9, rejected: 1, rejectedShare: 0.1 });
        expect(report.notes.join(' ')).not.toContain('Warning');
    });

    it('with skipInvalid, a dataset whose every record is rejected is an error', async () => {
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], [['2026-03-05T12:00:00+01:00', 'abc'], ['2026-03-05T13:00:00+01:00', 'x']]);
        const allBad = { ...model(), datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) } };
        const evaluation = evaluateAgreement(allBad, { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z'), skipInvalid: true });
        await expect(evaluation).rejects.toBeInstanceOf(DataError);
        await expect(evaluation).rejects.toThrow(/dataset requests has no usable rows: all 2 records were rejected as invalid; the first: .*requests\.csv:2:2: invalid value "abc"/);
    });
});
