// A data file that changes during an evaluation's two-thread pass (parallel-csv-pass.ts): every
// range reads the file the pass opened, as it was then (RangeTask.file), so the report is the
// one of that file; a truncation fails, saying so. The file is changed for real at the pass's
// first progress report (its header read, before any range is opened), or once a third of it
// is read. The worker runs the compiled engine (out/): build before testing.
import { appendFileSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import { agreement, aggregate, at, count, dataset, field, monthlyAtMost, namedKpi, percentile, ref, seededRandom, tempDir } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
/** Ranges of 16 kB: the files below are cut into a dozen or more. */
const SMALL_RANGES = 16 * 1024;

/** `rows` requests over March 2026, latencies from `seed`. */
function requestsCsv(rows: number, seed: number): string {
    const random = seededRandom(seed);
    const lines = ['time,service,latency'];
    for (let i = 0; i < rows; i++) {
        const time = new Date(at('2026-03-01T00:00:00Z') + Math.floor((i / rows) * 30 * 86_400_000)).toISOString();
        lines.push(`${time},${['api', 'web'][i % 2]},${Math.round(random() * 30_000) / 10}`);
    }
    return lines.join('\n') + '\n';
}

function model(path: string): AgreementModel {
    const latency = ref('requests', 'latency');
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), field('latency', 'duration')]) },
        kpis: [namedKpi('Count', count('requests'), 'count'), namedKpi('Mean', aggregate('avg', 'requests', latency)), namedKpi('P95', percentile(95, 'requests', latency))],
        objectives: [monthlyAtMost('Count', 1e9, 'service'), monthlyAtMost('Mean', 2000, 'service'), monthlyAtMost('P95', 2000, 'service')]
    });
}

/** The data file as an earlier export left it (written an hour ago). */
function exported(content: string): string {
    const path = join(tempDir(), 'requests.csv');
    writeFileSync(path, content);
    const earlier = new Date(Date.now() - 3_600_000);
    utimesSync(path, earlier, earlier);
    return path;
}

/** Evaluates on two threads in small ranges; `change` runs once, when `when` bytes of the file are read. */
async function evaluateChanging(path: string, when: number, change: (path: string) => void, skipInvalid = false): Promise<Report> {
    let changed = false;
    const report = await evaluateAgreement(model(path), {
        now: NOW, parallelMinBytes: 1, parallelRangeBytes: SMALL_RANGES, readChunkBytes: 4096, skipInvalid,
        onProgress: (done) => {
            if (changed || done < when) return;
            changed = true;
            change(path);
        }
    });
    return { ...report, generatedAt: '' };
}

async function evaluateOnce(path: string, skipInvalid = false): Promise<Report> {
    return { ...(await evaluateAgreement(model(path), { now: NOW, parallelMinBytes: Infinity, skipInvalid })), generatedAt: '' };
}

describe('an evaluation\'s two-thread pass over a file that changes', () => {
    const original = requestsCsv(6000, 1);
    // Another export of the same shape: every line as long as the original's, other latencies (digits
    // swapped in pairs). Ranges read from the same offsets in it would meet whole records, and other numbers.
    const swapped: Record<string, string> = { '1': '2', '2': '1', '3': '4', '4': '3', '5': '6', '6': '5', '7': '8', '8': '7' };
    const other = original.replace(/,([\d.]+)$/gm, (_, latency: string) => `,${latency.replace(/[1-8]/g, (digit) => swapped[digit]!)}`);

    for (const [when, moment] of [[0, 'before the ranges are cut'], [original.length / 3, 'while the ranges are read']] as const) {
        it(`reports the file it opened when another file is renamed over it ${moment}`, async () => {
            const expected = await evaluateOnce(exported(original));
            expect(expected.datasets[0]!.rows).toBe(6000);
            const path = exported(original);
            const report = await evaluateChanging(path, when, (changing) => {
                const next = join(tempDir(), 'next.csv');
                writeFileSync(next, other);
                renameSync(next, changing);
            });
            expect(report.objectives).toEqual(expected.objectives);
            expect(report.datasets[0]!.rows).toBe(6000);
            // The file at the path now is the other one: other figures.
            expect((await evaluateOnce(path)).objectives).not.toEqual(expected.objectives);
        });
    }

    it('reports the file it opened when it is deleted while the ranges are read, its rejected rows listed', async () => {
        // Some rows invalid (skipped): their lines and words are read again from the file when the ranges are merged.
        let row = 0;
        const withInvalid = original.replace(/^(.*),([\d.]+)$/gm, (_, start: string, latency: string) => (++row % 500 === 0 ? `${start},n/a` : `${start},${latency}`));
        const expected = await evaluateOnce(exported(withInvalid), true);
        expect(expected.datasets[0]!.rejected).toBeGreaterThan(5);
        const report = await evaluateChanging(exported(withInvalid), withInvalid.length / 3, (changing) => rmSync(changing), true);
        expect(report.objectives).toEqual(expected.objectives);
        expect(report.datasets[0]!.rejected).toBe(expected.datasets[0]!.rejected);
        expect(report.datasets[0]!.rejectedSamples.map((sample) => [sample.line, sample.message.split(': ').slice(1).join(': ')]))
            .toEqual(expected.datasets[0]!.rejectedSamples.map((sample) => [sample.line, sample.message.split(': ').slice(1).join(': ')]));
    });

    it('reports the file as opened when rows are appended during the pass', async () => {
        const expected = await evaluateOnce(exported(original));
        const report = await evaluateChanging(exported(original), original.length / 3, (changing) => appendFileSync(changing, other.slice(other.indexOf('\n') + 1)));
        expect(report.objectives).toEqual(expected.objectives);
        expect(report.datasets[0]!.rows).toBe(6000);
    });

    it('fails, saying so, when the file is truncated during the pass', async () => {
        const path = exported(original);
        const failure = await evaluateChanging(path, original.length / 3, (changing) => truncateSync(changing, 20_000)).then(
            () => undefined,
            (error: unknown) => error
        );
        expect(failure).toBeInstanceOf(DataError);
        expect((failure as DataError).file).toBe(path);
        expect((failure as DataError).message).toContain(`changed while it was read: it was truncated from ${original.length} to 20000 bytes`);
    });
});
