// The portfolio's note that a percent field's values all look like shares (0.9995 written for 99.95 %)
// names the field, dataset and file from what each agreement's report carries as data
// (report/note-facts.ts), not from its note's words: rewording the agreement's note cannot drop it.
import { describe, expect, it } from 'vitest';
import { buildPortfolioReport, evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const NOW = at('2027-01-01T00:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31', now: NOW };

/**
 * 20 hourly probes from 1 March 2026 00:00 UTC, northwind's and contoso's in turn: northwind's
 * export writes shares (0.9990 … 0.9999: 10 values, at least the 5 the warning needs), contoso's
 * percents (99.90 … 99.99).
 */
function sharedProbes(): string {
    const rows = Array.from({ length: 20 }, (_, i) => {
        const time = new Date(at('2026-03-01T00:00:00Z') + i * 3_600_000).toISOString();
        const digit = Math.floor(i / 2);
        return i % 2 === 0 ? [time, 'northwind', `0.999${digit}`] : [time, 'contoso', `99.9${digit}`];
    });
    return writeCsv(tempDir(), 'probes.csv', ['time', 'client', 'availability'], rows);
}

/** `avg(probes.availability) >= 99.9 %` per calendar month over one client's rows, for `customer`. */
function client(id: string, value: string, customer: string, path: string): AgreementModel {
    const probes = dataset('probes', path, [field('time', 'timestamp'), field('client', 'text'), field('availability', 'percent')]);
    probes.clientScope = { field: 'client', value };
    const model = agreement({
        id,
        timezone: 'UTC',
        datasets: { probes },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: aggregate('avg', 'probes', ref('probes', 'availability')) }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }]
    });
    return { ...model, customer: { name: customer } };
}

const warnings = (notes: readonly string[]): string[] => notes.filter((note) => note.includes('lies between 0 and 1'));

/** Each report's notes reworded in place (the report object, and what it carries, kept). */
function reword(reports: Report[]): void {
    for (const report of reports) report.notes = report.notes.map((note) => note.replace('every value of percent field', 'all the values of the percent field').replace('lies between 0 and 1', 'are shares'));
}

describe('the portfolio note on a percent field written in shares', () => {
    it('rests on the reports\' data, whatever their notes\' words', async () => {
        const path = sharedProbes();
        // Two agreements of Northwind over its 10 rows (0.9990 to 0.9999: all between 0 and 1), one of Contoso over its 10 (99.90 to 99.99).
        const models = [client('northwind-a', 'northwind', 'Northwind', path), client('northwind-b', 'northwind', 'Northwind', path), client('contoso', 'contoso', 'Contoso', path)];
        const reports = await Promise.all(models.map((model) => evaluateAgreement(model, MARCH)));
        expect(reports.map((report) => warnings(report.notes).length)).toEqual([1, 1, 0]);
        reword(reports);
        expect(reports.flatMap((report) => warnings(report.notes))).toEqual([]);
        const portfolio = buildPortfolioReport(models, reports, { now: NOW, dataFiles: [] });
        // Two agreements read the field, one client (Northwind) named once.
        expect(warnings(portfolio.notes)).toEqual([
            "Warning: every value of percent field 'availability' of dataset 'probes' (probes.csv) that 2 agreement(s) read lies between 0 and 1 (Northwind): "
            + "likely shares written for percentages (0.9995 for 99.95 %), read as 0.9995 %; each agreement's report says what to do."
        ]);
    });

    it('is absent when no agreement reads shares', async () => {
        const path = sharedProbes();
        const models = [client('contoso', 'contoso', 'Contoso', path)];
        const reports = await Promise.all(models.map((model) => evaluateAgreement(model, MARCH)));
        expect(warnings(buildPortfolioReport(models, reports, { now: NOW, dataFiles: [] }).notes)).toEqual([]);
    });
});
