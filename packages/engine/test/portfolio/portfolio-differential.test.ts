/**
 * A portfolio's one pass over shared files must give every agreement exactly the report it gets
 * alone. Each seed draws three shared exports (requests, incidents, tickets; random-portfolio.ts:
 * rows around month ends and DST changes, out of order, with `Z` and offsets, missing clients and
 * lookalikes of scoped ones, invalid cells, open incidents and tickets) and a portfolio: four or
 * five scoped clients, a second agreement of one of them, sometimes one scoped to a lookalike, and
 * in every other seed one without a client scope (every row), each with its own zone, validity,
 * KPIs, windows and credits. The portfolio is
 * evaluated every way a shared file is read — on one thread, parsed by the scan worker and routed
 * here in small batches, in byte ranges on two threads, and through the batch ring on this thread —
 * with and without `--from`/`--to`; each entry's report must deep-equal the agreement's own
 * (`evaluateAgreement`, one thread), and each shared file must be read once.
 * `SLA_PORTFOLIO_SEEDS=1-100` runs more seeds. The worker runs the compiled engine (out/): build first.
 */
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type EvaluateOptions, type PortfolioOptions, type Report } from '../../src/index.js';
import { seededRandom, type SeededRandom } from '../seeded-random.js';
import { tempDir } from '../evaluate/fixtures.js';
import { CLIENTS, LOOKALIKES, randomAgreement, writePortfolioFiles } from './random-portfolio.js';
import { historyOptions, prepareAgreement } from '../../src/evaluate/evaluate-agreement.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { historyRequest } from '../../src/evaluate/window-history.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

/** Each seed evaluates 5–8 agreements alone and as a portfolio 4 ways, twice: generous on a loaded machine. */
const SLOW_MACHINE_MS = 180_000;

interface Way {
    name: string;
    options: PortfolioOptions;
}

const WAYS: Way[] = [
    { name: 'one thread', options: { sharedFileThreads: 1 } },
    { name: 'parsed by the worker, batches of 61 rows', options: { parallelMinBytes: 1, pipelineBatchRows: 61 } },
    { name: 'byte ranges of 6 kB on two threads', options: { parallelMinBytes: 1, sharedFileThreads: 2, parallelRangeBytes: 6 * 1024 } },
    { name: 'through the batch ring here, batches of 37 rows, reads of 1,021 bytes', options: { pipelineBatchRows: 37, readChunkBytes: 1021 } }
];

/** Days `--from` and `--to` may name (each agreement's zone): DST days, a month's first or last, mid-month. */
const FROM_DAYS = ['2026-03-08', '2026-03-29', '2026-04-01', '2026-05-15'];
const TO_DAYS = ['2026-07-15', '2026-10-25', '2026-10-31', '2026-11-01'];

/** The present: inside the data (windows in progress, rows after it), or after all of them (the data end inside a window). */
const NOWS = ['2026-11-05T12:00:00Z', '2027-01-15T00:00:00Z'].map(Date.parse);

function seeds(): number[] {
    const range = /^(\d+)-(\d+)$/.exec(process.env.SLA_PORTFOLIO_SEEDS ?? '');
    if (range === null) return [1, 2, 3, 4, 5];
    return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
}

/** `n` of `values`, each at most once, in the order drawn. */
function drawWithout<T>(random: SeededRandom, values: readonly T[], n: number): T[] {
    const left = [...values];
    return Array.from({ length: Math.min(n, left.length) }, () => left.splice(random.int(left.length), 1)[0]!);
}

/** The report as JSON lines, for a failure that shows where two reports part. */
const lines = (report: Report): string[] => JSON.stringify(report, null, 1).split('\n');

/**
 * The client cells of random-portfolio.ts (CLIENTS, LOOKALIKES) that look alike: they differ only in case,
 * spaces or the decomposed ü. Not `northwind2` (another name), `fabrikam` or an empty cell.
 */
const LOOKALIKE_GROUPS = [['northwind', 'Northwind', 'NORTHWIND', ' northwind', 'northwind '], ['contoso', 'Contoso', ' contoso '], ['zürich-ä', 'zu\u0308rich-ä'], ['東京', '東京 ']];

/** The cells that look like a client's value without being it. */
function lookalikesOf(client: string): string[] {
    return LOOKALIKE_GROUPS.find((group) => group.includes(client))?.filter((cell) => cell !== client) ?? [];
}

function expectSameReport(got: Report, alone: Report, context: string): void {
    const a = lines(alone);
    const b = lines(got);
    const at = a.findIndex((line, i) => line !== b[i]);
    if (at >= 0 || a.length !== b.length) {
        const from = Math.max(0, at - 4);
        expect({ context, line: at, got: b.slice(from, at + 4) }, context).toEqual({ context, line: at, got: a.slice(from, at + 4) });
    }
    expect(got, context).toEqual(alone);
}

describe('a portfolio pass over random shared exports', () => {
    /** over the seeds: what was drawn, so that a generator that drifts is seen (last test) */
    const exercised = { agreements: 0, scoped: 0, rows: 0, rejected: 0, otherClientRows: 0, lookalikeRows: 0, unresolved: 0, openIncidents: 0, withoutEventTime: 0, credits: 0, windows: 0 };

    for (const seed of seeds()) {
        it(`gives every agreement the report it gets alone, every way (seed ${seed})`, async () => {
            const random = seededRandom(seed * 7919 + 17);
            const files = writePortfolioFiles(random, tempDir());
            // Four or five clients, one of them twice (another zone, other KPIs), and in every other seed an agreement
            // over every row (no client scope: the worker then hands this thread every row, not each client's).
            // Sometimes also a client whose value a scoped one's lookalikes hold (` northwind`, `Northwind`): their rows are its.
            const scoped = drawWithout(random, CLIENTS, 4 + random.int(2));
            const clients = [...(seed % 2 === 0 ? [undefined] : []), ...scoped, random.pick(scoped), ...(random.chance(0.5) ? [random.pick(LOOKALIKES.filter((value) => value !== ''))] : [])];
            const drawn = clients.map((client, index) => randomAgreement(random, `A${index}-${client ?? 'all'}`, client, files));
            const models: AgreementModel[] = drawn.map(({ model }) => model);
            const now = random.pick(NOWS);
            // The whole evaluation period, and one narrowed by `--from`/`--to` (or only one of them).
            const narrowed = random.pick([{ from: random.pick(FROM_DAYS), to: random.pick(TO_DAYS) }, { from: random.pick(FROM_DAYS) }, { to: random.pick(TO_DAYS) }]);
            for (const period of [{}, narrowed]) {
                const options: EvaluateOptions = { now, skipInvalid: true, ...period };
                const alone = await Promise.all(models.map((model) => evaluateAgreement(model, { ...options, parallelMinBytes: Infinity })));
                // The client's rows are those whose cell is its value exactly: `Northwind`, ` northwind`, `northwind `, a decomposed
                // `ü` are other clients' (a text as is: client-scope.ts), and so is an empty cell. Counted as the rows were written.
                const validRequests = [...files.validRequests.values()].reduce((sum, rows) => sum + rows, 0);
                drawn.forEach(({ model, datasets }, index) => {
                    if (!datasets.includes('requests')) return;
                    const line = alone[index]!.datasets.find((dataset) => dataset.name === 'requests')!;
                    const client = clients[index];
                    const mine = client === undefined ? validRequests : files.validRequests.get(client) ?? 0;
                    expect([line.rows, line.clientScope?.otherClientRows ?? 0], model.id).toEqual([mine, validRequests - mine]);
                    // Of the others, those that differ from the client's value only in case, spacing or Unicode form, by value (most rows first).
                    const lookalikes = (client === undefined ? [] : lookalikesOf(client))
                        .map((value) => ({ value, rows: files.validRequests.get(value) ?? 0 }))
                        .filter((entry) => entry.rows > 0)
                        .sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : 1));
                    expect(line.clientScope?.lookalikes ?? [], model.id).toEqual(lookalikes);
                });
                // A client value no row holds makes the report read the smallest file again for the values nearest it (missing-scope-note.ts).
                const unmatched = alone.some((report) => report.dataEndNote?.startsWith('client scope') === true);
                // From a later day, the windows before the period that some agreement's terms count (raised credits, caps over
                // a longer period: window-history.ts) are read in one more pass per file, shared by all those agreements.
                const historyPaths = new Set(models.flatMap((model) => {
                    const request = historyRequest(model, evaluationPeriod(model.timezone, model.validity, options));
                    return request === undefined ? [] : prepareAgreement(request.model, historyOptions(request, options)).scans.map((scan) => scan.spec.path);
                }));
                for (const way of WAYS) {
                    const portfolio = await evaluatePortfolio(models, { ...options, ...way.options });
                    models.forEach((model, index) => {
                        const entry = portfolio.entries.find((candidate) => candidate.agreement === model.id)!;
                        expectSameReport(entry.report, alone[index]!, `seed ${seed}, ${way.name}, ${JSON.stringify(period)}, ${model.id}`);
                    });
                    // One read per shared file, for every agreement that reads it.
                    for (const [name, path] of [['requests', files.requests], ['incidents', files.incidents], ['tickets', files.tickets]] as const) {
                        const readers = drawn.filter((agreement) => agreement.datasets.includes(name)).length;
                        const file = portfolio.dataFiles.find((candidate) => candidate.path === path);
                        if (readers === 0) expect(file, `${way.name}: ${name}`).toBeUndefined();
                        else expect(file, `${way.name}: ${name}`).toMatchObject({ agreements: readers, ...(unmatched ? {} : { reads: historyPaths.has(path) ? 2 : 1 }) });
                    }
                }
                for (const report of alone) {
                    exercised.windows += report.objectives.reduce((sum, objective) => sum + objective.windows.length, 0);
                    exercised.credits += report.credits.length;
                    for (const dataset of report.datasets) {
                        exercised.rows += dataset.rows;
                        exercised.rejected += dataset.rejected;
                        exercised.otherClientRows += dataset.clientScope?.otherClientRows ?? 0;
                        exercised.lookalikeRows += (dataset.clientScope?.lookalikes ?? []).reduce((sum, entry) => sum + entry.rows, 0);
                        exercised.unresolved += dataset.unresolved ?? 0;
                        exercised.openIncidents += dataset.openIncidents ?? 0;
                        exercised.withoutEventTime += dataset.withoutEventTime ?? 0;
                    }
                }
            }
            exercised.agreements += models.length;
            exercised.scoped += clients.filter((client) => client !== undefined).length;
        }, SLOW_MACHINE_MS);
    }

    it('drew what it is for: scoped and unscoped agreements, other clients\' rows, rejected rows, open rows, credits', () => {
        expect(exercised.agreements).toBeGreaterThan(exercised.scoped);
        expect(exercised.scoped).toBeGreaterThan(0);
        expect(exercised.rows).toBeGreaterThan(10_000);
        expect(exercised.otherClientRows).toBeGreaterThan(1000);
        expect(exercised.lookalikeRows).toBeGreaterThan(100);
        expect(exercised.rejected).toBeGreaterThan(0);
        expect(exercised.unresolved).toBeGreaterThan(0);
        expect(exercised.openIncidents).toBeGreaterThan(0);
        expect(exercised.withoutEventTime).toBeGreaterThan(0);
        expect(exercised.credits).toBeGreaterThan(0);
        expect(exercised.windows).toBeGreaterThan(1000);
    });
});
