/**
 * The whole report over messy data, read every way the engine reads a CSV file: by the JS
 * reader on one thread (the reference), by the WebAssembly kernel on one thread, in tiny reads
 * (records cut everywhere), and on two threads in small ranges, with and without the kernel.
 * Every report must be the reference's, byte for byte; without --skip-invalid, every way must
 * stop at the same first invalid row with the same words.
 *
 * Each seed draws a file and an agreement: the agreement's zone among five (DST changes in the
 * period, a 30-minute one at Lord Howe, none in Kolkata), timestamps with `Z`, with offsets and
 * naive ones (the dataset's zone, some in the spring-forward gap), fractions of 0–3 digits; a
 * byte order mark, CRLF, an undeclared column, columns in another order; quoted cells with commas,
 * quotes and line breaks; empty optional cells; about one row in a hundred invalid; KPIs drawn
 * from counts, filtered counts, sums, means, minima, maxima and percentiles (with filters on
 * numbers, texts and a boolean), each per calendar day, week or month, for each service or not.
 * The single paths' rules each have tests of their own; this looks for a combination nobody
 * wrote down. `SLA_DIFFERENTIAL_SEEDS=1-200` runs more seeds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, evaluatePortfolio, type AgreementModel, type Expr, type FieldSpec, type Report } from '../../src/index.js';
import { useTypedCsvKernel } from '../../src/data/typed-csv-wasm.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import type { CalendarUnit } from '../../src/time/windows.js';
import { agreement, aggregate, bin, count, num, percentile, ref, seededRandom, str, tempDir } from './fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));
afterEach(() => useTypedCsvKernel(true));

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
const SERVICES = ['api', 'web', 'db', 'b,q', 'ü'];
const FIELDS: FieldSpec[] = [
    { name: 'time', column: 'time', kind: 'timestamp', optional: false },
    { name: 'service', column: 'service', kind: 'text', optional: false },
    { name: 'latency', column: 'latency_ms', kind: 'duration', optional: true },
    { name: 'status', column: 'status', kind: 'integer', optional: false },
    { name: 'ok', column: 'ok', kind: 'boolean', optional: true },
    { name: 'note', column: 'note', kind: 'text', optional: true },
    { name: 'client', column: 'client', kind: 'text', optional: false }
];
const CLIENTS = ['north', 'south', 'east'];

type Random = () => number;
const pick = <T,>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** A CSV cell: quoted when it must be, sometimes (odd) when it need not. */
function cell(random: Random, text: string, odd: number): string {
    return /[",\r\n]/.test(text) || random() < odd / 4 ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A timestamp within February–May 2026: usually `…T…Z` with milliseconds, or (odd) one of the other ways a file may write it. */
function timestamp(random: Random, ms: number, odd: number): string {
    const date = new Date(ms);
    if (random() >= odd) return date.toISOString();
    const digits = pick(random, [0, 0, 1, 2, 3]);
    const fraction = digits === 0 ? '' : `.${pad(date.getUTCMilliseconds(), 3).slice(0, digits)}`;
    const form = random();
    if (form < 0.3) return `${date.toISOString().slice(0, 19)}${fraction}Z`;
    if (form < 0.7) {
        // Another offset, the same instant.
        const offsetMinutes = pick(random, [60, 120, -300, 330, 630]);
        const local = new Date(ms + offsetMinutes * 60_000);
        const sign = offsetMinutes < 0 ? '-' : '+';
        return `${local.toISOString().slice(0, 19)}${fraction}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
    }
    // Naive: read in the dataset's zone (a wall time in a gap or an overlap included).
    const naive = new Date(ms + pick(random, [0, 3_600_000, -3_600_000]));
    return `${naive.toISOString().slice(0, 10)}${random() < 0.5 ? 'T' : ' '}${naive.toISOString().slice(11, 19)}${fraction}`;
}

function invalidCell(random: Random, column: string): string {
    switch (column) {
        case 'time': return pick(random, ['yesterday', '2026-02-30T10:00:00Z', '2026-03-01T25:00:00Z', '']);
        case 'latency_ms': return pick(random, ['n/a', '1,5', '12ms', '--3']);
        case 'status': return pick(random, ['5xx', '200.5', '', '9999999999999999999']);
        default: return pick(random, ['maybe', 'yes!', '2']);
    }
}

/** The file's text: rows in time order over February–May 2026, with odd cells (`odd`: their share) among common ones. */
function messyCsv(random: Random, rows: number): string {
    const odd = pick(random, [0.002, 0.02, 0.1, 0.5]);
    const extra = random() < 0.4;
    const columns = [...FIELDS.map((f) => f.column), ...(extra ? ['unused'] : [])];
    if (random() < 0.4) columns.reverse();
    const newline = random() < 0.3 ? '\r\n' : '\n';
    const lines: string[] = [columns.join(',')];
    const start = Date.parse('2026-02-01T00:00:00Z');
    const span = Date.parse('2026-06-01T00:00:00Z') - start;
    for (let i = 0; i < rows; i++) {
        const ms = start + Math.floor((i / rows) * span) + Math.floor(random() * 3_000);
        const values: Record<string, string> = {
            time: timestamp(random, ms, odd),
            service: pick(random, SERVICES),
            latency_ms: random() < odd ? '' : String(pick(random, [0, 1, 12, 99.5, 250.25, 1000, 1234.567, 30_000, 0.001])),
            status: String(pick(random, [200, 200, 200, 204, 404, 500, 503])),
            ok: random() < odd ? '' : pick(random, ['true', 'false', 'TRUE', 'False', 'yes', 'no', '1', '0']),
            note: random() >= odd ? 'plain' : pick(random, ['plain', 'with, comma', 'with "quotes"', 'two\nlines', 'ünïcode ✓', ' spaced ']),
            unused: String(i),
            client: pick(random, CLIENTS)
        };
        if (random() < odd / 10) {
            const column = pick(random, ['time', 'latency_ms', 'status', 'ok']);
            values[column] = invalidCell(random, column);
        }
        lines.push(columns.map((column) => cell(random, values[column]!, odd)).join(','));
    }
    return (random() < 0.3 ? '\ufeff' : '') + lines.join(newline) + (random() < 0.8 ? newline : '') + (random() < 0.1 ? newline : '');
}

function messyAgreement(random: Random, path: string): AgreementModel {
    const zone = pick(random, ZONES);
    const latency = ref('requests', 'latency');
    const status = ref('requests', 'status');
    const service = ref('requests', 'service');
    const filters: Expr[] = [
        bin('>=', status, num(500)),
        bin('=', service, str(pick(random, SERVICES))),
        bin('!=', service, str('api')),
        ref('requests', 'ok'),
        { type: 'not', operand: ref('requests', 'ok') },
        bin('and', bin('<', status, num(300)), bin('>', latency, num(100))),
        bin('or', bin('=', status, num(404)), bin('<=', latency, num(12)))
    ];
    const choices: Array<() => [Expr, 'count' | 'duration' | 'ratio' | 'number']> = [
        () => [count('requests'), 'count'],
        () => [count('requests', pick(random, filters)), 'count'],
        () => [bin('/', count('requests', pick(random, filters)), count('requests')), 'ratio'],
        () => [aggregate(pick(random, ['sum', 'avg', 'min', 'max'] as const), 'requests', latency), 'duration'],
        () => [aggregate('avg', 'requests', latency, pick(random, filters)), 'duration'],
        () => [percentile(pick(random, [50, 90, 95, 99, 99.9]), 'requests', latency), 'duration'],
        () => [percentile(pick(random, [50, 95]), 'requests', latency, pick(random, filters)), 'duration']
    ];
    const kpis = Array.from({ length: 3 + Math.floor(random() * 4) }, (_, k) => {
        const [formula, unitKind] = pick(random, choices)();
        return { key: `K${k}`, name: `K${k}`, unitKind, formula };
    });
    const objectives = kpis.map((kpi) => ({
        kpi: kpi.key, kpiName: kpi.name, comparison: '>=' as const, target: 0, unitKind: kpi.unitKind,
        window: { kind: 'calendar' as const, unit: pick(random, ['day', 'week', 'month', 'month'] as CalendarUnit[]) },
        ...(random() < 0.5 ? { scopeField: 'service' } : {})
    }));
    // Half the agreements are a client's, over the rows of its client (a portfolio's shared file).
    const scoped = random() < 0.5;
    return agreement({
        id: scoped ? 'North' : 'Test',
        timezone: zone,
        validity: { from: '2026-02-01', to: '2026-05-31' },
        datasets: { requests: { name: 'requests', path, format: 'csv', fields: FIELDS, timezone: zone, ...(scoped ? { clientScope: { field: 'client', value: 'north' } } : {}) } },
        kpis,
        objectives
    });
}

interface Way {
    name: string;
    kernel: boolean;
    options: { parallelMinBytes: number; parallelRangeBytes?: number; readChunkBytes?: number; pipelineBatchRows?: number; sharedFileThreads?: 1 | 2 };
}

const WAYS: Way[] = [
    { name: 'JS reader, one thread', kernel: false, options: { parallelMinBytes: Infinity } },
    { name: 'kernel, one thread', kernel: true, options: { parallelMinBytes: Infinity } },
    { name: 'kernel, reads of 61 bytes', kernel: true, options: { parallelMinBytes: Infinity, readChunkBytes: 61 } },
    { name: 'kernel, two threads, ranges of 8 kB', kernel: true, options: { parallelMinBytes: 1, parallelRangeBytes: 8 * 1024, readChunkBytes: 4096 } },
    { name: 'JS reader here, two threads, ranges of 5 kB, reads of 509 bytes', kernel: false, options: { parallelMinBytes: 1, parallelRangeBytes: 5 * 1024, readChunkBytes: 509 } }
];

/**
 * A client's agreement is also read in a portfolio with the other clients' (the same agreement
 * scoped to them), the shared file read once for all: routed by this thread, pipelined with the
 * scan worker in small batches, or in ranges on both threads. Its report must be its own.
 */
const PORTFOLIO_WAYS: Way[] = [
    { name: 'portfolio, one thread', kernel: true, options: { parallelMinBytes: Infinity } },
    { name: 'portfolio, pipelined in batches of 97 rows', kernel: true, options: { parallelMinBytes: 1, pipelineBatchRows: 97 } },
    { name: 'portfolio, two threads reading ranges of 8 kB', kernel: true, options: { parallelMinBytes: 1, sharedFileThreads: 2, parallelRangeBytes: 8 * 1024 } }
];

const NOW = Date.parse('2026-06-15T00:00:00Z');

/** The report as JSON (generatedAt left out), or the first error's words and place. */
async function outcome(model: AgreementModel, way: Way, skipInvalid: boolean): Promise<string> {
    useTypedCsvKernel(way.kernel);
    try {
        let report;
        if (PORTFOLIO_WAYS.includes(way)) {
            const scope = model.datasets.requests!.clientScope!;
            const others = CLIENTS.filter((client) => client !== scope.value).map((client) => ({
                ...model,
                id: client,
                datasets: { requests: { ...model.datasets.requests!, clientScope: { ...scope, value: client } } }
            }));
            const portfolio = await evaluatePortfolio([model, ...others], { now: NOW, skipInvalid, ...way.options });
            report = portfolio.entries.find((entry) => entry.agreement === model.id)!.report;
        } else {
            report = await evaluateAgreement(model, { now: NOW, skipInvalid, ...way.options });
        }
        return JSON.stringify({ ...report, generatedAt: '' }, null, 1);
    } catch (error) {
        if (!(error instanceof DataError)) throw error;
        return `DataError ${JSON.stringify({ message: error.message, line: error.line, column: error.column, value: error.value, field: error.field })}`;
    }
}

function seeds(): number[] {
    const range = /^(\d+)-(\d+)$/.exec(process.env.SLA_DIFFERENTIAL_SEEDS ?? '');
    if (range === null) return [1, 2, 3, 4, 5, 6, 7, 8];
    return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
}

describe('the report over messy data, read every way', () => {
    const folder = tempDir();
    /** over the seeds: records the kernel read (one thread), rows rejected, client agreements */
    const exercised = { kernelRecords: 0, rejected: 0, scoped: 0 };
    for (const seed of seeds()) {
        it(`is the same every way (seed ${seed})`, async () => {
            const random = seededRandom(seed * 7919 + 13);
            const path = join(folder, `requests-${seed}.csv`);
            writeFileSync(path, messyCsv(random, 1500 + Math.floor(random() * 2500)));
            const model = messyAgreement(random, path);
            for (const skipInvalid of [true, false]) {
                const reference = await outcome(model, WAYS[0]!, skipInvalid);
                if (skipInvalid) {
                    const report = JSON.parse(reference) as Report;
                    expect(report.datasets[0]!.rows).toBeGreaterThan(0);
                    expect(report.objectives.every((objective) => objective.windows.length > 0)).toBe(true);
                    exercised.rejected += report.datasets[0]!.rejected;
                    exercised.scoped += model.datasets.requests!.clientScope === undefined ? 0 : 1;
                }
                const kernelBefore = recordsReadByKernel();
                if (skipInvalid) expect(reference).not.toMatch(/^DataError/);
                const ways = model.datasets.requests!.clientScope === undefined ? WAYS.slice(1) : [...WAYS.slice(1), ...PORTFOLIO_WAYS];
                for (const way of ways) {
                    const other = await outcome(model, way, skipInvalid);
                    if (way === WAYS[1]) exercised.kernelRecords += recordsReadByKernel() - kernelBefore;
                    if (other !== reference) {
                        // The first differing line, for a readable failure.
                        const a = reference.split('\n');
                        const b = other.split('\n');
                        const at = a.findIndex((line, i) => line !== b[i]);
                        expect({ way: way.name, skipInvalid, line: at, got: b.slice(Math.max(0, at - 3), at + 3) }).toEqual({ way: way.name, skipInvalid, line: at, got: a.slice(Math.max(0, at - 3), at + 3) });
                    }
                }
            }
        }, 60_000);
    }

    it('drew what it is for: records read by the kernel, invalid rows, client agreements in portfolios', () => {
        expect(exercised.kernelRecords).toBeGreaterThan(1000);
        expect(exercised.rejected).toBeGreaterThan(10);
        expect(exercised.scoped).toBeGreaterThan(0);
    });
});
