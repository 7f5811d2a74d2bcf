// A client scope restricts a shared dataset to the client's rows, but the dataset's coverage
// (first and last event time → coverage end, and the instant open rows are known to) is that of
// all its rows, every client's and those without a client (docs/language-reference.md § 14.10
// and § 18.1; SEMANTICS.md, decisions of 2026-12: "Coverage and open items are judged on all rows
// of a dataset, not only those a `where` selects"). A client scope is a `where client = "…"` on
// every KPI: both must give the same figures, on every path that reads the file (one thread, two
// threads in ranges, a portfolio's shared pass: row by row, through the batch ring on this thread,
// parsed on the worker, in ranges).
// The worker runs the compiled engine (out/): build before testing.
import { afterAll, describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type EvaluateOptions, type Expr, type PortfolioOptions, type Report } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { recordsHandedByBatch, recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { typedCsvKernelAvailable, useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, str, tempDir, writeCsv } from '../evaluate/fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

afterAll(() => {
    useTypedCsvKernel(true);
    delete process.env.SLA_CSV_KERNEL;
});

/** The typed CSV rows by the WebAssembly kernel's batches (RowSink's batch taker), or by the JS reader one by one (its accept). */
function useKernel(kernel: boolean): void {
    useTypedCsvKernel(kernel);
    if (kernel) delete process.env.SLA_CSV_KERNEL;
    else process.env.SLA_CSV_KERNEL = 'js'; // the scan worker started for a pass reads it
}

const NOW = at('2027-03-01T00:00:00Z');
/** January 2026 in Europe/Berlin: 31 days of 1,440 minutes (no clock change). */
const JANUARY_MINUTES = 31 * 1440;
const SLOW_MACHINE_MS = 60_000;

/**
 * An incident register of several clients: northwind's only incident is in January (30 min);
 * the earliest row has no client (December 2025, before the period), the latest is globex's,
 * on 5 May 08:00 CEST. A few rows of other clients pad the file so that two threads get ranges.
 */
function incidentRegister(): string {
    return writeCsv(tempDir(), 'incidents.csv', ['client', 'started', 'resolved'], [
        ['', '2025-12-20T10:00:00+01:00', '2025-12-20T11:00:00+01:00'],
        ['northwind', '2026-01-14T09:00:00+01:00', '2026-01-14T09:30:00+01:00'],
        ['globex', '2026-02-05T08:00:00+01:00', '2026-02-05T23:00:00+01:00'],
        ['contoso', '2026-03-10T08:00:00+01:00', '2026-03-10T09:00:00+01:00'],
        ['globex', '2026-05-05T08:00:00+02:00', '2026-05-05T09:00:00+02:00'],
        ['contoso', '2026-04-02T08:00:00+02:00', '2026-04-02T08:10:00+02:00']
    ]);
}

/** `uptime(incidents from started to resolved)` ≥ 99.95 % per calendar month, 10 % credit below; scoped to `client`, or with a `where`. */
function hosting(path: string, client: string, how: 'scope' | 'where', id = `Hosting-${client}`): AgreementModel {
    const incidents = dataset('incidents', path, [field('client', 'text', true), field('started', 'timestamp'), field('resolved', 'timestamp', true)]);
    if (how === 'scope') incidents.clientScope = { field: 'client', value: client };
    const formula: Expr = {
        type: 'uptime',
        dataset: 'incidents',
        ...(how === 'where' ? { where: bin('=', ref('incidents', 'client'), str(client)) } : {}),
        from: 'started',
        to: 'resolved',
        excluding: []
    };
    return agreement({
        id,
        validity: { from: '2026-01-01', to: '2026-06-30' },
        fee: { amount: 4000, currency: 'EUR', period: MONTH },
        datasets: { incidents },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.9995, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Availability', window: MONTH, tiers: [{ upper: { value: 0.9995, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.95%' }] }]
    });
}

/** What must not depend on how the client's rows were selected (scope or where) nor on the path. */
function figures(report: Report) {
    const dataset = report.datasets[0]!;
    return { objectives: report.objectives, credits: report.credits, totals: report.totals, coverage: dataset.coverage, firstTime: dataset.firstTime, lastTime: dataset.lastTime };
}

/** Northwind's hosting report over the register, worked by hand. */
function expectNorthwindHosting(report: Report): void {
    const dataset = report.datasets[0]!;
    // Every row's times: the first is the row without a client (before the period), the last globex's.
    expect(dataset.firstTime).toBe('2025-12-20T10:00:00+01:00');
    expect(dataset.lastTime).toBe('2026-05-05T08:00:00+02:00');
    expect(dataset.coverage).toEqual({ declaredEnd: null, end: '2026-05-05T08:00:00+02:00', basis: 'last event', knownUntil: '2026-05-05T08:00:00+02:00' });
    // The client's rows stay the client's: one row, five of others (one without a client), none outside the period.
    expect(dataset.rows).toBe(1);
    expect(dataset.clientScope).toEqual({ field: 'client', value: 'northwind', otherClientRows: 5 });
    expect(dataset.outsidePeriod).toBe(0);
    const windows = report.objectives[0]!.windows;
    // January: 30 of 44,640 minutes down → breached; February–April: no incident of the client, covered → 100 %, met;
    // May holds the data end (evaluated, flagged); June starts after it: no data.
    expect(windows.map((window) => window.status)).toEqual(['breached', 'met', 'met', 'met', 'met', 'no data']);
    expect(windows[0]!.value).toBeCloseTo((JANUARY_MINUTES - 30) / JANUARY_MINUTES, 15);
    expect(windows.slice(1, 5).map((window) => window.value)).toEqual([1, 1, 1, 1]);
    expect(windows.slice(0, 4).every((window) => window.dataEnd === undefined && window.afterDataEnd !== true)).toBe(true);
    expect(windows[4]!.dataEnd).toBe('2026-05-05T08:00:00+02:00');
    expect(windows[5]!.afterDataEnd).toBe(true);
    expect(windows[5]!.value).toBeNull();
    // 10 % of 4,000 EUR for January only.
    expect(report.credits[0]!.windows.map((window) => window.amount)).toEqual([400, 0, 0, 0, 0, 0]);
    expect(report.credits[0]!.total).toBe(400);
    expect(report.totals).toEqual({ windows: 6, met: 4, breached: 1, noData: 1 });
}

/**
 * A request log (typed rows: no outages, a count with a filter; times written as the typed readers
 * read them, with milliseconds): northwind's requests are in January (two server errors), globex's
 * run to 5 May, a request without a client (an empty cell: read as an array) is the earliest.
 */
function requestLog(): string {
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], [
        ['2025-12-20T10:00:00.000+01:00', '', 200],
        ['2026-01-14T09:00:00.000+01:00', 'northwind', 500],
        ['2026-01-15T09:00:00.000+01:00', 'northwind', 503],
        ['2026-01-16T09:00:00.000+01:00', 'northwind', 200],
        ['2026-02-05T08:00:00.000+01:00', 'globex', 503],
        ['2026-03-10T08:00:00.000+01:00', 'contoso', 200],
        ['2026-05-05T08:00:00.000+02:00', 'globex', 200],
        ['2026-04-02T08:00:00.000+02:00', 'contoso', 200]
    ]);
}

/** `count(requests where status >= 500) <= 1` per calendar month; scoped to `client`, or with a `where`. */
function errorBudget(path: string, client: string, how: 'scope' | 'where', id = `Errors-${client}`, options: { eventTimeField?: string; logged?: boolean } = {}): AgreementModel {
    const fields = [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')];
    if (options.logged === true) fields.push(field('logged', 'timestamp'));
    const requests = dataset('requests', path, fields);
    if (options.eventTimeField !== undefined) requests.eventTimeField = options.eventTimeField;
    if (how === 'scope') requests.clientScope = { field: 'client', value: client };
    const failed = bin('>=', ref('requests', 'status'), num(500));
    return agreement({
        id,
        validity: { from: '2026-01-01', to: '2026-06-30' },
        datasets: { requests },
        kpis: [{ key: 'Errors', name: 'Errors', unitKind: 'count', formula: count('requests', how === 'where' ? bin('and', bin('=', ref('requests', 'client'), str(client)), failed) : failed) }],
        objectives: [{ kpi: 'Errors', kpiName: 'Errors', comparison: '<=', target: 1, unitKind: 'count', window: MONTH }]
    });
}

function expectNorthwindErrors(report: Report): void {
    const dataset = report.datasets[0]!;
    expect(dataset.firstTime).toBe('2025-12-20T10:00:00+01:00');
    expect(dataset.lastTime).toBe('2026-05-05T08:00:00+02:00');
    expect(dataset.coverage).toEqual({ declaredEnd: null, end: '2026-05-05T08:00:00+02:00', basis: 'last event', knownUntil: '2026-05-05T08:00:00+02:00' });
    expect(dataset.rows).toBe(3);
    expect(dataset.clientScope).toEqual({ field: 'client', value: 'northwind', otherClientRows: 5 });
    const windows = report.objectives[0]!.windows;
    // January: 2 errors > 1 → breached, and the data run past it (no data end inside it). February–May hold no
    // row of the client (a count over no row at all is no data) but lie inside the coverage; May holds its end;
    // June alone starts after it.
    expect(windows.map((window) => window.status)).toEqual(['breached', 'no data', 'no data', 'no data', 'no data', 'no data']);
    expect(windows[0]!.value).toBe(2);
    expect(windows[0]!.dataEnd).toBeUndefined();
    expect(windows.slice(0, 5).map((window) => window.afterDataEnd === true)).toEqual([false, false, false, false, false]);
    expect(windows[4]!.dataEnd).toBe('2026-05-05T08:00:00+02:00');
    expect(windows[5]!.afterDataEnd).toBe(true);
    expect(report.dataEndNote).toMatch(/^1 window\(s\) have no data because they start after the end of the data \(requests last event 2026-05-05T08:00:00\+02:00\)/);
}

/** The figures of the error budget a client scope and a `where` must share (a month without the client's rows: see expectNorthwindErrors). */
function errorFigures(report: Report) {
    const dataset = report.datasets[0]!;
    return { coverage: dataset.coverage, firstTime: dataset.firstTime, lastTime: dataset.lastTime, january: report.objectives[0]!.windows[0], june: report.objectives[0]!.windows[5], dataEndNote: report.dataEndNote };
}

async function passOf(model: AgreementModel, options: { parallelMinBytes: number; parallelRangeBytes?: number }) {
    const period = evaluationPeriod(model.timezone, model.validity, { now: NOW });
    const scan = [...planAgreement(model, period, undefined).scans.values()][0]!;
    return await runDatasetPass(scan, period, { skipInvalid: false, ...options, parallelInputs: { model, period, dataOverrides: undefined } });
}

describe('the coverage of a client-scoped dataset is that of all its rows', () => {
    describe('one agreement', () => {
        const paths: Array<[string, EvaluateOptions]> = [
            ['one thread', { parallelMinBytes: Infinity }],
            ['two threads, in ranges of a row or two', { parallelMinBytes: 1, parallelRangeBytes: 40 }]
        ];
        it.each(paths)('uptime (rows as arrays), %s: February–April met at 100 percent, May holds the data end, June has no data', async (_name, options) => {
            const path = incidentRegister();
            const report = await evaluateAgreement(hosting(path, 'northwind', 'scope'), { now: NOW, ...options });
            expectNorthwindHosting(report);
            // The same agreement written with `where client = "northwind"` gives the same figures.
            const control = await evaluateAgreement(hosting(path, 'northwind', 'where'), { now: NOW, ...options });
            expect(figures(report)).toEqual(figures(control));
        }, SLOW_MACHINE_MS);

        it.each(paths)('a count (typed rows, by the kernel\'s batches and by the JS reader), %s: the same coverage as with a `where`', async (_name, options) => {
            const path = requestLog();
            try {
                for (const kernel of typedCsvKernelAvailable() ? [true, false] : [false]) {
                    useKernel(kernel);
                    const read = recordsReadByKernel();
                    const batched = recordsHandedByBatch();
                    const report = await evaluateAgreement(errorBudget(path, 'northwind', 'scope'), { now: NOW, ...options });
                    // On one thread the kernel's records are counted here: all but the one with an empty client, by the batch.
                    if (options.parallelMinBytes === Infinity) expect([recordsReadByKernel() - read, recordsHandedByBatch() - batched]).toEqual(kernel ? [7, 7] : [0, 0]);
                    expectNorthwindErrors(report);
                    const control = await evaluateAgreement(errorBudget(path, 'northwind', 'where'), { now: NOW, ...options });
                    expect(errorFigures(report)).toEqual(errorFigures(control));
                }
            } finally {
                useKernel(true);
            }
        }, SLOW_MACHINE_MS);

        it('reads the two-thread pass on two threads, and its first and last are every row\'s', async () => {
            for (const model of [hosting(incidentRegister(), 'northwind', 'scope'), errorBudget(requestLog(), 'northwind', 'scope')]) {
                const pass = await passOf(model, { parallelMinBytes: 1, parallelRangeBytes: 40 });
                expect(pass.threads, model.id).toBe(2);
                expect(pass.firstTime, model.id).toBe(at('2025-12-20T10:00:00+01:00'));
                expect(pass.lastTime, model.id).toBe(at('2026-05-05T08:00:00+02:00'));
                expect(pass.otherClientRows, model.id).toBe(5);
            }
        }, SLOW_MACHINE_MS);

        it('judges an open incident of the client up to the last event of any client', async () => {
            // northwind: down since 2 March 10:00 CET, still open; globex's last incident starts 10 April 12:00 CEST.
            const path = writeCsv(tempDir(), 'incidents.csv', ['client', 'started', 'resolved'], [
                ['northwind', '2026-03-02T10:00:00+01:00', ''],
                ['globex', '2026-04-10T12:00:00+02:00', '2026-04-10T13:00:00+02:00']
            ]);
            for (const options of paths.map(([, options]) => options)) {
                const report = await evaluateAgreement(hosting(path, 'northwind', 'scope'), { now: NOW, ...options });
                expect(report.datasets[0]!.coverage).toEqual({ declaredEnd: null, end: '2026-04-10T12:00:00+02:00', basis: 'last event', knownUntil: '2026-04-10T12:00:00+02:00' });
                const windows = report.objectives[0]!.windows;
                // The data reach past March: March is known, down from 2 March 10:00 to its end (29 days 14 hours less the
                // lost DST hour = 709 h of 743 h: 34/743), breached for certain and credited (10 % of 4,000 EUR). April is
                // down at least to 10 April 12:00 (9 days 12 hours of 30 days): below 99.95 % whatever follows, credited too.
                expect(windows[2]!.value).toBeCloseTo(34 / 743, 15);
                expect(windows[2]!.status).toBe('breached');
                expect(windows[2]!.provisional).not.toBe(true);
                expect(windows[2]!.dataEnd).toBeUndefined();
                // April holds the data end; May and June start after it.
                expect(windows[3]!.dataEnd).toBe('2026-04-10T12:00:00+02:00');
                expect(windows.slice(4).map((window) => window.status)).toEqual(['no data', 'no data']);
                const credits = report.credits[0]!;
                expect(credits.windows.map((window) => window.amount)).toEqual([0, 0, 400, 400, 0, 0]);
                expect(credits.windows[2]!.provisional).not.toBe(true);
                expect(credits.total).toBe(800);
                const control = await evaluateAgreement(hosting(path, 'northwind', 'where'), { now: NOW, ...options });
                expect(figures(report)).toEqual(figures(control));
            }
        }, SLOW_MACHINE_MS);
    });

    describe('a portfolio sharing the file', () => {
        /** name, options, threads that read the file */
        const paths: Array<[string, PortfolioOptions, number]> = [
            ['one thread, row by row (sharedFileThreads: 1)', { sharedFileThreads: 1 }, 1],
            ['this thread through the batch ring (small file, default)', { pipelineBatchRows: 2 }, 1],
            ['parsed on the worker, routed here in batches of two rows', { parallelMinBytes: 1, pipelineBatchRows: 2 }, 2],
            ['two threads in ranges (sharedFileThreads: 2)', { sharedFileThreads: 2, parallelMinBytes: 1, parallelRangeBytes: 40 }, 2]
        ];

        it.each(paths)('uptime, %s: each client gets the coverage of all rows', async (_name, options, threads) => {
            const path = incidentRegister();
            // fabrikam has no row at all: its client scope matched no row of the only file it reads, which is evidence
            // of nothing (a misspelt client looks the same): no data in every month, not 100 % (missing-scope-note.ts).
            // The file is read once more, for the values nearest "fabrikam".
            const models = ['northwind', 'globex', 'fabrikam'].map((client) => hosting(path, client, 'scope'));
            const portfolio = await evaluatePortfolio(models, { now: NOW, ...options });
            expect(portfolio.dataFiles[0]).toMatchObject({ agreements: 3, reads: 2, rows: 6, threads });
            const entry = (client: string): Report => portfolio.entries.find((candidate) => candidate.agreement === `Hosting-${client}`)!.report;
            expectNorthwindHosting(entry('northwind'));
            const fabrikam = entry('fabrikam');
            expect(fabrikam.datasets[0]!.rows).toBe(0);
            expect(fabrikam.datasets[0]!.coverage).toEqual({ ...entry('northwind').datasets[0]!.coverage, end: null, basis: 'no rows' });
            expect(fabrikam.objectives[0]!.windows.map((window) => window.status)).toEqual(['no data', 'no data', 'no data', 'no data', 'no data', 'no data']);
            expect(fabrikam.dataEndNote).toMatch(/^client scope client = "fabrikam" matched no row of incidents\.csv \(6 rows of other clients\)/);
            for (const client of ['northwind', 'globex']) {
                const control = await evaluateAgreement(hosting(path, client, 'where'), { now: NOW, parallelMinBytes: Infinity });
                expect(figures(entry(client)), client).toEqual(figures(control));
            }
            expect(fabrikam).toEqual(await evaluateAgreement(hosting(path, 'fabrikam', 'scope'), { now: NOW, parallelMinBytes: Infinity }));
        }, SLOW_MACHINE_MS);

        it.each(paths)('a count (typed rows), %s: each client gets the coverage of all rows', async (_name, options, threads) => {
            const path = requestLog();
            const models = ['northwind', 'globex', 'fabrikam'].map((client) => errorBudget(path, client, 'scope'));
            const portfolio = await evaluatePortfolio(models, { now: NOW, ...options });
            // Read once more for the values nearest "fabrikam", whose client scope matched no row.
            expect(portfolio.dataFiles[0]).toMatchObject({ agreements: 3, reads: 2, rows: 8, threads });
            const entry = (client: string): Report => portfolio.entries.find((candidate) => candidate.agreement === `Errors-${client}`)!.report;
            expectNorthwindErrors(entry('northwind'));
            // fabrikam: no request at all, a client scope that matched no row: the client has no data in the file.
            expect(entry('fabrikam').datasets[0]!.coverage).toEqual({ ...entry('northwind').datasets[0]!.coverage, end: null, basis: 'no rows' });
            expect(entry('fabrikam').objectives[0]!.windows.map((window) => window.afterDataEnd === true)).toEqual([true, true, true, true, true, true]);
            for (const client of ['northwind', 'globex', 'fabrikam']) {
                const alone = await evaluateAgreement(errorBudget(path, client, 'scope'), { now: NOW, parallelMinBytes: Infinity });
                expect(entry(client), client).toEqual(alone);
                if (client === 'fabrikam') continue;
                const control = await evaluateAgreement(errorBudget(path, client, 'where'), { now: NOW, parallelMinBytes: Infinity });
                expect(errorFigures(entry(client)).coverage, client).toEqual(errorFigures(control).coverage);
            }
        }, SLOW_MACHINE_MS);

        it.each(paths)('members placing rows by different event times, %s: each its own field\'s range over all rows', async (_name, options, threads) => {
            // `logged` runs a day behind `time`, and its last value is on a contoso row whose `time` is not the last.
            const path = writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status', 'logged'], [
                ['2026-01-14T09:00:00.000+01:00', 'northwind', 500, '2026-01-15T09:00:00.000+01:00'],
                ['2026-02-05T08:00:00.000+01:00', 'globex', 503, '2026-02-06T08:00:00.000+01:00'],
                ['2026-05-05T08:00:00.000+02:00', 'globex', 200, '2026-05-06T08:00:00.000+02:00'],
                ['2026-04-02T08:00:00.000+02:00', 'contoso', 200, '2026-05-20T08:00:00.000+02:00']
            ]);
            const models = [errorBudget(path, 'northwind', 'scope', 'ByTime', { logged: true }), errorBudget(path, 'globex', 'scope', 'ByLogged', { logged: true, eventTimeField: 'logged' })];
            const portfolio = await evaluatePortfolio(models, { now: NOW, ...options });
            expect(portfolio.dataFiles[0]).toMatchObject({ agreements: 2, reads: 1, threads });
            const byTime = portfolio.entries.find((entry) => entry.agreement === 'ByTime')!.report.datasets[0]!;
            const byLogged = portfolio.entries.find((entry) => entry.agreement === 'ByLogged')!.report.datasets[0]!;
            expect([byTime.firstTime, byTime.lastTime]).toEqual(['2026-01-14T09:00:00+01:00', '2026-05-05T08:00:00+02:00']);
            expect([byLogged.firstTime, byLogged.lastTime]).toEqual(['2026-01-15T09:00:00+01:00', '2026-05-20T08:00:00+02:00']);
            for (const model of models) {
                const alone = await evaluateAgreement(model, { now: NOW, parallelMinBytes: Infinity });
                expect(portfolio.entries.find((entry) => entry.agreement === model.id)!.report, model.id).toEqual(alone);
            }
        }, SLOW_MACHINE_MS);

        it.each(paths)('an open incident, %s: judged up to the last event of any client', async (_name, options, threads) => {
            const path = writeCsv(tempDir(), 'incidents.csv', ['client', 'started', 'resolved'], [
                ['northwind', '2026-03-02T10:00:00+01:00', ''],
                ['globex', '2026-04-10T12:00:00+02:00', '2026-04-10T13:00:00+02:00']
            ]);
            const models = ['northwind', 'globex'].map((client) => hosting(path, client, 'scope'));
            const portfolio = await evaluatePortfolio(models, { now: NOW, ...options });
            expect(portfolio.dataFiles[0]).toMatchObject({ agreements: 2, reads: 1, threads });
            const northwind = portfolio.entries.find((entry) => entry.agreement === 'Hosting-northwind')!.report;
            expect(northwind.datasets[0]!.coverage.knownUntil).toBe('2026-04-10T12:00:00+02:00');
            // March breached for certain (34/743 up), April too (down at least 9.5 days): 2 × 10 % of 4,000 EUR in the total.
            expect(northwind.objectives[0]!.windows[2]!.value).toBeCloseTo(34 / 743, 15);
            expect(northwind.credits[0]!.total).toBe(800);
            const control = await evaluateAgreement(hosting(path, 'northwind', 'where'), { now: NOW, parallelMinBytes: Infinity });
            expect(figures(northwind)).toEqual(figures(control));
        }, SLOW_MACHINE_MS);
    });
});
