import { describe, expect, it } from 'vitest';
import { DataError, evaluateAgreement, renderTable, type AgreementModel, type FieldSpec } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, ref, tempDir, writeCsv } from './fixtures.js';

/** `satisfaction score 1 to 5` (docs/language-reference.md § 6.1): read as a number on its scale. */
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: at('2027-01-01T00:00:00Z') };
const satisfaction: FieldSpec = { ...field('satisfaction', 'number'), range: { min: 1, max: 5 }, score: true };

function survey(path: string): AgreementModel {
    return agreement({
        timezone: 'Europe/Paris',
        datasets: { survey: dataset('survey', path, [field('answered', 'timestamp'), satisfaction]) },
        kpis: [{ key: 'Satisfaction', name: 'Satisfaction', unitKind: 'number', formula: aggregate('avg', 'survey', ref('survey', 'satisfaction')) }],
        objectives: [{ kpi: 'Satisfaction', kpiName: 'Satisfaction', comparison: '>=', target: 4.2, unitKind: 'number', window: { kind: 'calendar', unit: 'quarter' }, scale: { low: 1, high: 5 } }]
    });
}

describe('scores on a scale', () => {
    it('a value outside the scale is an invalid row naming file, line, column and the scale', async () => {
        const path = writeCsv(tempDir(), 'survey.csv', ['answered', 'satisfaction'], [['2026-01-05T10:00:00+01:00', 4], ['2026-02-05T10:00:00+01:00', 42]]);
        const evaluation = evaluateAgreement(survey(path), OPTIONS);
        await expect(evaluation).rejects.toBeInstanceOf(DataError);
        await expect(evaluation).rejects.toMatchObject({ line: 3, column: 2, value: '42', field: 'satisfaction' });
        await expect(evaluation).rejects.toThrow(/survey\.csv:3:2: .*"42" for field satisfaction \(score 1 to 5\).*outside the scale 1 to 5 of the score/);
    });

    it('the average is exact on the decimals and the report carries the scale', async () => {
        // 4.5, 4 and 4.1 average to exactly 4.2: met against >= 4.2 (binary floating point gives 4.199999…).
        const path = writeCsv(tempDir(), 'survey.csv', ['answered', 'satisfaction'], [['2026-01-05T10:00:00+01:00', 4.5], ['2026-02-05T10:00:00+01:00', 4], ['2026-03-29T10:00:00+02:00', 4.1]]);
        const report = await evaluateAgreement(survey(path), OPTIONS);
        const objective = report.objectives[0]!;
        expect(objective.scale).toEqual({ low: 1, high: 5 });
        expect(objective.windows[0]).toMatchObject({ value: 4.2, status: 'met', margin: 0 });
        expect(renderTable(report)).toContain('Satisfaction >= 4.2 out of 5 per calendar quarter: MET');
    });
});
