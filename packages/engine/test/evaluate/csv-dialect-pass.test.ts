// A CSV file written with semicolons and decimal commas (`separator ";"`, `decimal ","`) is read
// by the general record scanner only (the one-pass readers know commas and points): every pass
// that reads it — one thread, two threads in ranges, a portfolio parsed on the worker — must
// give the figures of the same data written with commas and points.
// The worker runs the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Report } from '../../src/index.js';
import { clientAgreement } from '../portfolio/client-models.js';
import { at, seededRandom, tempDir } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const CLIENTS = ['northwind', 'contoso', 'tailspin'];
const SLOW_MACHINE_MS = 120_000;

interface Row { time: string; client: string; latency: string; status: number; note: string }

/** 12,000 requests in March 2026, latencies with one decimal, notes with separators and quoted line breaks. */
function rows(): Row[] {
    const random = seededRandom(11);
    return Array.from({ length: 12_000 }, (_, i) => ({
        time: new Date(at('2026-03-01T00:00:00Z') + i * 200_000).toISOString(),
        client: CLIENTS[i % 3]!,
        latency: (Math.round(random() * 40_000) / 10).toFixed(1),
        status: random() < 0.07 ? 503 : 200,
        note: i % 9 === 4 ? 'retried, then ok; twice\nsecond line' : i % 5 === 0 ? 'a, b' : ''
    }));
}

/** The rows as RFC 4180 has them, or as Excel writes them where the decimal mark is a comma. */
function writeRows(dialect: 'plain' | 'excel'): string {
    const separator = dialect === 'plain' ? ',' : ';';
    const quote = (text: string): string => (/[,;"\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const lines = [['time', 'client', 'latency', 'status', 'note'].join(separator)];
    for (const row of rows()) {
        const latency = dialect === 'plain' ? row.latency : row.latency.replace('.', ',');
        lines.push([row.time, row.client, latency, String(row.status), quote(row.note)].join(separator));
    }
    const path = join(tempDir(), `requests-${dialect}.csv`);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
}

function clientModel(id: string, zone: string, value: string | undefined, path: string, dialect: 'plain' | 'excel'): AgreementModel {
    const model = clientAgreement(id, zone, value, path);
    if (dialect === 'excel') Object.assign(model.datasets.requests!, { separator: ';', decimalComma: true });
    return model;
}

const figures = (report: Report) => ({ objectives: report.objectives, rows: report.datasets.map((d) => [d.rows, d.rejected]) });

describe('a CSV file with semicolons and decimal commas', () => {
    it('gives the figures of the same data with commas and points, on one thread and on two', async () => {
        const plain = clientModel('Everyone', 'Europe/Berlin', undefined, writeRows('plain'), 'plain');
        const excel = clientModel('Everyone', 'Europe/Berlin', undefined, writeRows('excel'), 'excel');
        const expected = figures(await evaluateAgreement(plain, { now: NOW, parallelMinBytes: Infinity }));
        expect(expected.rows).toEqual([[12_000, 0]]);
        // The p95 latency is a value as written: one decimal, read from the comma.
        const p95 = expected.objectives.find((o) => o.kpi === 'P95')!.windows[0]!.value!;
        expect(Math.round(p95 * 10)).toBe(p95 * 10);
        expect(figures(await evaluateAgreement(excel, { now: NOW, parallelMinBytes: Infinity }))).toEqual(expected);
        expect(figures(await evaluateAgreement(excel, { now: NOW, parallelMinBytes: 1 }))).toEqual(expected);
        expect(figures(await evaluateAgreement(excel, { now: NOW, parallelMinBytes: 1, parallelRangeBytes: 16 * 1024, readChunkBytes: 4096 }))).toEqual(expected);
    }, SLOW_MACHINE_MS);

    it('gives a portfolio parsed on the worker the figures of the plain file', async () => {
        const portfolio = (path: string, dialect: 'plain' | 'excel') => [
            clientModel('Northwind', 'Europe/Berlin', 'northwind', path, dialect),
            clientModel('Contoso', 'America/New_York', 'contoso', path, dialect),
            clientModel('Tailspin', 'Asia/Tokyo', 'tailspin', path, dialect)
        ];
        const plain = await evaluatePortfolio(portfolio(writeRows('plain'), 'plain'), { now: NOW, parallelMinBytes: Infinity });
        const excel = await evaluatePortfolio(portfolio(writeRows('excel'), 'excel'), { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000 });
        expect(excel.dataFiles[0]).toMatchObject({ agreements: 3, reads: 1, rows: 12_000, threads: 2 });
        expect(excel.entries.map((entry) => figures(entry.report))).toEqual(plain.entries.map((entry) => figures(entry.report)));
    }, SLOW_MACHINE_MS);
});
