// A CSV file in Windows-1252 or UTF-16 (`encoding "…"`) is read from its start through a
// transcoder, on one thread (a range of a parallel pass would start at a byte offset of the file,
// not of its text); every pass that reads it — one agreement, a portfolio parsed on the worker —
// must give the figures of the same data in UTF-8, clients with umlauts in their names included.
// The worker runs the compiled engine (out/): build before testing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Report } from '../../src/index.js';
import { windows1252Text } from '../../src/data/text-encoding.js';
import { clientAgreement } from '../portfolio/client-models.js';
import { at, seededRandom, tempDir } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const CLIENTS = ['müller', 'café', 'jäger'];
const SLOW_MACHINE_MS = 120_000;
type Encoding = 'utf-8' | 'windows-1252' | 'utf-16';

/** 9,000 requests in March 2026 as CSV text: clients with umlauts, notes with "€" and a quoted line break. */
function text(): string {
    const random = seededRandom(5);
    const lines = ['time,client,latency,status,note'];
    for (let i = 0; i < 9_000; i++) {
        const note = i % 7 === 3 ? '"5 € – zwei\nZeilen"' : i % 4 === 0 ? 'Grüße' : '';
        lines.push(`${new Date(at('2026-03-01T00:00:00Z') + i * 250_000).toISOString()},${CLIENTS[i % 3]},${Math.round(random() * 4000)},${random() < 0.08 ? 503 : 200},${note}`);
    }
    return lines.join('\r\n') + '\r\n';
}

/** The text's bytes in the encoding (Windows-1252: each character one byte, checked by reading them back). */
function bytesOf(encoding: Encoding): Buffer {
    const written = text();
    if (encoding === 'utf-8') return Buffer.from(written);
    if (encoding === 'utf-16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(written, 'utf16le')]);
    const bytes = Buffer.from([...written].map((c) => (c === '€' ? 0x80 : c === '–' ? 0x96 : c.codePointAt(0)!)));
    expect(windows1252Text(bytes)).toBe(written);
    return bytes;
}

function writeFile(encoding: Encoding): string {
    const path = join(tempDir(), `requests-${encoding}.csv`);
    writeFileSync(path, bytesOf(encoding));
    return path;
}

function model(id: string, zone: string, client: string | undefined, path: string, encoding: Encoding): AgreementModel {
    const agreement = clientAgreement(id, zone, client, path);
    if (encoding !== 'utf-8') agreement.datasets.requests!.encoding = encoding;
    return agreement;
}

const figures = (report: Report) => ({ objectives: report.objectives, rows: report.datasets.map((d) => [d.rows, d.rejected]) });

describe('a CSV file in Windows-1252 or UTF-16', () => {
    it('gives one agreement the figures of the UTF-8 file, read on one thread where two were allowed', async () => {
        const expected = figures(await evaluateAgreement(model('Everyone', 'Europe/Berlin', undefined, writeFile('utf-8'), 'utf-8'), { now: NOW, parallelMinBytes: Infinity }));
        expect(expected.rows).toEqual([[9_000, 0]]);
        for (const encoding of ['windows-1252', 'utf-16'] as const) {
            const path = writeFile(encoding);
            const report = await evaluateAgreement(model('Everyone', 'Europe/Berlin', undefined, path, encoding), { now: NOW, parallelMinBytes: 1, readChunkBytes: 4096 });
            expect(figures(report), encoding).toEqual(expected);
            expect(report.datasets[0]!.threads ?? 1, encoding).toBe(1);
        }
    }, SLOW_MACHINE_MS);

    it('gives a portfolio scoped by clients written with umlauts, parsed on the worker, the figures of the UTF-8 file', async () => {
        const portfolio = (path: string, encoding: Encoding) => [
            model('Mueller', 'Europe/Berlin', 'müller', path, encoding),
            model('Cafe', 'America/New_York', 'café', path, encoding),
            model('Jaeger', 'Asia/Tokyo', 'jäger', path, encoding)
        ];
        const plain = await evaluatePortfolio(portfolio(writeFile('utf-8'), 'utf-8'), { now: NOW, parallelMinBytes: Infinity });
        // Each client's 3,000 rows reached it: the scope matched the transcoded names.
        expect(plain.entries.map((entry) => entry.report.datasets[0]!.rows - (entry.report.datasets[0]!.otherClientRows ?? 0))).toEqual([3000, 3000, 3000]);
        for (const encoding of ['windows-1252', 'utf-16'] as const) {
            const report = await evaluatePortfolio(portfolio(writeFile(encoding), encoding), { now: NOW, parallelMinBytes: 1, pipelineBatchRows: 1000, readChunkBytes: 4096 });
            expect(report.dataFiles[0], encoding).toMatchObject({ agreements: 3, reads: 1, rows: 9_000, threads: 2 });
            expect(report.entries.map((entry) => figures(entry.report)), encoding).toEqual(plain.entries.map((entry) => figures(entry.report)));
        }
    }, SLOW_MACHINE_MS);

    it('reads a file once per way the agreements say it is written: one declaring no encoding hears of its error', async () => {
        const path = writeFile('windows-1252');
        const declared = model('Mueller', 'Europe/Berlin', 'müller', path, 'windows-1252');
        const undeclared = model('Cafe', 'Europe/Berlin', 'café', path, 'utf-8');
        // Read with the first agreement's encoding for both, the second would get figures of a file it cannot read.
        await expect(evaluatePortfolio([declared, undeclared], { now: NOW, parallelMinBytes: Infinity })).rejects.toThrow('declare encoding "windows-1252" in the dataset');
        const both = await evaluatePortfolio([declared, model('Cafe', 'Europe/Berlin', 'café', path, 'windows-1252')], { now: NOW, parallelMinBytes: Infinity });
        expect(both.dataFiles).toMatchObject([{ agreements: 2, reads: 1 }]);
    }, SLOW_MACHINE_MS);
});
