import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, evaluateAgreement, type AgreementModel, type FieldSpec } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, ref, tempDir, writeCsv } from './fixtures.js';

const OPTIONS = { from: '2026-03-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };
const score: FieldSpec = { ...field('score', 'integer'), range: { min: 1, max: 5 } };

function survey(path: string, format: 'csv' | 'json' = 'csv'): AgreementModel {
    return agreement({
        datasets: { survey: { ...dataset('survey', path, [field('time', 'timestamp'), score]), format } },
        kpis: [{ key: 'Satisfaction', name: 'Satisfaction', unitKind: 'number', formula: aggregate('avg', 'survey', ref('survey', 'score')) }],
        objectives: [{ kpi: 'Satisfaction', kpiName: 'Satisfaction', comparison: '>=', target: 4, unitKind: 'number', window: MONTH }]
    });
}

describe('a field with a range (integer 1 to 5)', () => {
    const rows = [['2026-03-05T12:00:00+01:00', 5], ['2026-03-06T12:00:00+01:00', 17], ['2026-03-07T12:00:00+01:00', 1]];

    it('a value outside the range stops the evaluation, naming file, line, column, value and the range', async () => {
        const path = writeCsv(tempDir(), 'survey.csv', ['time', 'score'], rows);
        const evaluation = evaluateAgreement(survey(path), OPTIONS);
        await expect(evaluation).rejects.toBeInstanceOf(DataError);
        // 17 is on line 3 (the header is line 1), column 2.
        await expect(evaluation).rejects.toMatchObject({ line: 3, column: 2, value: '17', field: 'score' });
        await expect(evaluation).rejects.toThrow(/survey\.csv:3:2: .*"17" for field score \(integer 1 to 5\).*outside the declared range 1 to 5/);
    });

    it('with skipInvalid the row is skipped and listed, and the average is of the valid rows', async () => {
        const path = writeCsv(tempDir(), 'survey.csv', ['time', 'score'], rows);
        const report = await evaluateAgreement(survey(path), { ...OPTIONS, skipInvalid: true });
        // (5 + 1) / 2 = 3: breached against >= 4. Accepting 17 would have given (5 + 17 + 1) / 3 ≈ 7.67, met.
        expect([report.objectives[0]!.windows[0]!.value, report.objectives[0]!.windows[0]!.status]).toEqual([3, 'breached']);
        expect(report.datasets[0]).toMatchObject({ rows: 2, rejected: 1 });
        expect(report.datasets[0]!.rejectedSamples[0]).toMatchObject({ line: 3, value: '17', field: 'score' });
    });

    it('the ends are included, and a JSON value outside the range is rejected as well', async () => {
        const inside = writeCsv(tempDir(), 'survey.csv', ['time', 'score'], [rows[0]!, rows[2]!]);
        // (5 + 1) / 2 = 3
        expect((await evaluateAgreement(survey(inside), OPTIONS)).objectives[0]!.windows[0]!.value).toBe(3);
        const json = join(tempDir(), 'survey.json');
        writeFileSync(json, JSON.stringify([{ time: '2026-03-05T12:00:00+01:00', score: 5 }, { time: '2026-03-06T12:00:00+01:00', score: 0 }]));
        await expect(evaluateAgreement(survey(json, 'json'), OPTIONS)).rejects.toThrow(/"0" for field score \(integer 1 to 5\).*outside the declared range 1 to 5/);
    });

    it('a number range takes decimals and negative ends', async () => {
        const load: FieldSpec = { ...field('load', 'number'), range: { min: -10.5, max: 100 } };
        const path = writeCsv(tempDir(), 'load.csv', ['time', 'load'], [['2026-03-05T12:00:00+01:00', -10.5], ['2026-03-06T12:00:00+01:00', 100.01]]);
        const model = agreement({
            datasets: { load: dataset('load', path, [field('time', 'timestamp'), load]) },
            kpis: [{ key: 'Peak', name: 'Peak', unitKind: 'number', formula: aggregate('max', 'load', ref('load', 'load')) }],
            objectives: [{ kpi: 'Peak', kpiName: 'Peak', comparison: '<=', target: 90, unitKind: 'number', window: MONTH }]
        });
        await expect(evaluateAgreement(model, OPTIONS)).rejects.toMatchObject({ line: 3, value: '100.01', field: 'load' });
    });
});
