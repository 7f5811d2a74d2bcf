// In a portfolio, one read of a shared file feeds every client's agreement: the warning that a
// percent field's values all look like shares (0.9995 written for 99.95 %) comes from each
// agreement's own pass accumulators, for the client whose rows they are, and the file is still
// read once (no second read per client). The worker runs the compiled engine (out/): build before testing.
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluatePortfolio, type AgreementModel, type PortfolioOptions } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');

/**
 * 2,000 hourly probes from 1 March 2026 (to 23 May), northwind's and contoso's in turn: northwind's
 * export writes shares (0.9990, 0.9991 … 0.9999), contoso's percents (99.90, 99.91 … 99.99).
 */
function sharedProbes(): string {
    const rows = Array.from({ length: 2000 }, (_, i) => {
        const time = new Date(at('2026-03-01T00:00:00Z') + i * 3_600_000).toISOString();
        const digit = Math.floor(i / 2) % 10;
        return i % 2 === 0 ? [time, 'northwind', `0.999${digit}`] : [time, 'contoso', `99.9${digit}`];
    });
    return writeCsv(tempDir(), 'probes.csv', ['time', 'client', 'availability'], rows);
}

/** `avg(probes.availability) >= 99.9 %` per calendar month, for one client's rows (none: every row). */
function client(id: string, value: string | undefined, path: string): AgreementModel {
    const probes = dataset('probes', path, [field('time', 'timestamp'), field('client', 'text'), field('availability', 'percent')]);
    if (value !== undefined) probes.clientScope = { field: 'client', value };
    return agreement({
        id,
        timezone: 'UTC',
        datasets: { probes },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula: aggregate('avg', 'probes', ref('probes', 'availability')) }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }]
    });
}

const warnings = (notes: string[]): string[] => notes.filter((note) => note.includes('lies between 0 and 1'));

describe('a shared file whose percent column one client writes in shares', () => {
    const ways: [string, PortfolioOptions, number][] = [
        ['on one thread', {}, 1],
        ['parsed by a worker, routed on this thread', { parallelMinBytes: 1 }, 2],
        // The file (81,025 bytes) in 10 ranges of 8 kB, read by either thread.
        ['in ranges on two threads', { parallelMinBytes: 1, sharedFileThreads: 2, parallelRangeBytes: 8 * 1024 }, 2]
    ];
    for (const [way, options, threads] of ways) {
        it(`warns that client, not the other nor the operator's view of every row, reading the file once (${way})`, async () => {
            const path = sharedProbes();
            const models = [client('Northwind', 'northwind', path), client('Contoso', 'contoso', path), client('Everyone', undefined, path)];
            const report = await evaluatePortfolio(models, { now: NOW, ...options });
            const notesOf = (id: string): string[] => report.entries.find((entry) => entry.agreement === id)!.report.notes;
            // Northwind: the 1,000 even rows, 0.9990 to 0.9999, all read (March to May are in the validity, 2026).
            // March by hand: 744 hours, 372 northwind rows, digits 0–9 in turn (37 whole turns and 0, 1): mean
            // (37 × (0.9990 + … + 0.9999) + 0.9990 + 0.9991) / 372 = (37 × 9.9945 + 1.9981) / 372 = 371.7946 / 372 = 0.99944…, read as 0.0099944… < 0.999.
            expect(report.entries.find((entry) => entry.agreement === 'Northwind')!.report.objectives[0]!.windows.find((window) => window.start.startsWith('2026-03-01'))!.value).toBeCloseTo(371.7946 / 372 / 100, 12);
            expect(warnings(notesOf('Northwind'))).toEqual([
                "Warning: every value of percent field 'availability' of dataset 'probes' (probes.csv) the agreement reads lies between 0 and 1 (1,000 values, 0.999 to 0.9999): "
                + 'a percent field reads 0.9999 as 0.9999 %, not 99.99 %. If the file writes shares (0.9999 for 99.99 %), export percentages (99.99 or 99.99%), '
                + "or declare 'availability' a number and multiply it by 100% where the agreement reads it (avg(probes.availability) * 100%)."
            ]);
            // Contoso's values are 99.90 to 99.99 (percents); every row's include them: no warning.
            expect(warnings(notesOf('Contoso'))).toEqual([]);
            expect(warnings(notesOf('Everyone'))).toEqual([]);
            // The portfolio's own notes (the table, Markdown and HTML print those) name the field once, with the one client.
            expect(warnings(report.notes)).toEqual([
                "Warning: every value of percent field 'availability' of dataset 'probes' (probes.csv) that 1 agreement(s) read lies between 0 and 1 (Northwind): "
                + "likely shares written for percentages (0.9995 for 99.95 %), read as 0.9995 %; each agreement's report says what to do."
            ]);
            // A client with two agreements over the file: two agreements, the client named once.
            const twice = [client('NorthwindA', 'northwind', path), client('NorthwindB', 'northwind', path)].map((model) => ({ ...model, customer: { name: 'Northwind', title: 'Northwind Traders' } }));
            const both = await evaluatePortfolio(twice, { now: NOW, ...options });
            expect(warnings(both.notes)).toEqual([
                "Warning: every value of percent field 'availability' of dataset 'probes' (probes.csv) that 2 agreement(s) read lies between 0 and 1 (Northwind Traders): "
                + "likely shares written for percentages (0.9995 for 99.95 %), read as 0.9995 %; each agreement's report says what to do."
            ]);
            // One read of the file for the three agreements.
            expect(report.dataFiles).toHaveLength(1);
            expect(report.dataFiles[0]).toMatchObject({ agreements: 3, reads: 1, rows: 2000, threads });
        });
    }
});
