// CSV files with lone-CR line ends (old Mac files, Excel for Mac's "CSV (Macintosh)"): every
// read path — one thread (typed records, the general scanner), two threads (ranges cut at line
// feeds) — reports a rejected or stopping row at its physical line, lone CRs counted as line ends.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { agreement, aggregate, at, count, dataset, field, monthlyAtMost, namedKpi, ref, tempDir } from './fixtures.js';

// The worker thread runs the compiled module (a worker cannot load this TypeScript source).
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');

function model(csv: string): AgreementModel {
    const path = join(tempDir(), 'requests.csv');
    writeFileSync(path, csv);
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('name', 'text'), field('cost', 'number')]) },
        kpis: [namedKpi('Count', count('requests'), 'count'), namedKpi('Cost', aggregate('sum', 'requests', ref('requests', 'cost')), 'count')],
        objectives: [monthlyAtMost('Count', 1e9), monthlyAtMost('Cost', 1e9)]
    });
}

async function evaluate(agreementModel: AgreementModel, parallel: boolean, skipInvalid: boolean): Promise<Report> {
    const report = await evaluateAgreement(agreementModel, { now: NOW, skipInvalid, parallelMinBytes: parallel ? 1 : Infinity, readChunkBytes: 4096, ...(parallel ? { parallelRangeBytes: 16 * 1024 } : {}) });
    return { ...report, generatedAt: '' };
}

async function failure(agreementModel: AgreementModel, parallel: boolean): Promise<DataError> {
    try {
        await evaluate(agreementModel, parallel, false);
    } catch (error) {
        if (error instanceof DataError) return error;
        throw error;
    }
    throw new Error('the evaluation did not fail');
}

describe('lone-CR line ends', () => {
    it('locate an invalid value at its physical line, line breaks in quotes counted', async () => {
        // Line 1 header, line 2 a row, lines 3–4 a row whose quoted name holds a lone CR, line 5 the bad cost.
        const agreementModel = model('time,name,cost\r2026-03-01T10:00:00Z,a,1.10\r2026-03-02T10:00:00Z,"b\rc",2.20\r2026-03-03T10:00:00Z,x,bad\r');
        const error = await failure(agreementModel, false);
        expect({ line: error.line, column: error.column, value: error.value }).toEqual({ line: 5, column: 3, value: 'bad' });
        expect(error.message).toMatch(/requests\.csv:5:3: invalid value "bad"/);
        const report = await evaluate(agreementModel, false, true);
        expect(report.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual([5]);
        // The values are read as written: 1.10 + 2.20 = 3.30 in March (the third month of 2026).
        expect(report.objectives[1]!.windows[2]!.value).toBeCloseTo(3.3, 12);
        expect(report.datasets[0]!.rows).toBe(2);
    });

    it('give the same lines on two threads as on one, in a file mixing CR, LF and CRLF', async () => {
        // 6,000 records of one physical line each: record i (0-based) is on line i + 2. Line ends
        // cycle LF, CR, CRLF, so the ranges are cut (after line feeds) and read on both threads.
        const ends = ['\n', '\r', '\r\n'];
        const invalidAt = [10, 2000, 3001, 4502, 5999];
        let csv = 'time,name,cost\n';
        for (let i = 0; i < 6000; i++) {
            const time = new Date(at('2026-03-01T00:00:00Z') + i * 600_000).toISOString();
            csv += `${time},n${i % 7},${invalidAt.includes(i) ? 'bad' : '1.5'}${ends[i % 3]}`;
        }
        const agreementModel = model(csv);
        const period = evaluationPeriod(agreementModel.timezone, agreementModel.validity, { now: NOW });
        const scan = planAgreement(agreementModel, period, undefined).scans.get('requests')!;
        const passed = await runDatasetPass(scan, period, { skipInvalid: true, parallelMinBytes: 1, parallelRangeBytes: 16 * 1024, parallelInputs: { model: agreementModel, period, dataOverrides: undefined } });
        expect(passed.threads).toBe(2);
        const serial = await evaluate(agreementModel, false, true);
        expect(serial.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual(invalidAt.map((i) => i + 2));
        expect(serial.datasets[0]!.rows).toBe(5995); // 6,000 − 5 rejected
        expect(await evaluate(agreementModel, true, true)).toEqual(serial);
        // Without skipping, both stop at record 10's line, 12.
        for (const parallel of [false, true]) expect((await failure(agreementModel, parallel)).line).toBe(12);
    });

    it('are read by the two-thread pass as by one thread when the file has no line feed (no cut: one range)', async () => {
        let csv = 'time,name,cost\r';
        for (let i = 0; i < 3000; i++) csv += `${new Date(at('2026-03-01T00:00:00Z') + i * 600_000).toISOString()},n,${i === 2500 ? 'bad' : '2'}\r`;
        const agreementModel = model(csv);
        const parallel = await evaluate(agreementModel, true, true);
        expect(parallel.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual([2502]); // record 2500 on line 2500 + 2
        expect(parallel).toEqual(await evaluate(agreementModel, false, true));
    });
});
