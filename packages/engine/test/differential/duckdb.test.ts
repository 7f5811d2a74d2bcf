/**
 * Differential test: random request logs and random KPIs per calendar month in
 * Europe/Berlin, computed by the engine and independently by DuckDB SQL.
 * Counts, ratios, min/max and percentiles must agree exactly; sums and means within
 * 1e-12 relative (summation order differs).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type Expr, type KpiModel, type ObjectiveModel } from '../../src/index.js';
import { agreement, dataset, field, MONTH, tempDir } from '../evaluate/fixtures.js';
import { random as seededRandom } from '../../../language/test/random.js';

const SERVICES = ['webshop', 'api', 'search', 'checkout'];
const REGIONS = ['eu', 'us', 'apac'];
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 404, 500, 503];

interface Condition {
    field: 'service' | 'region' | 'status';
    op: '=' | '!=' | '<' | '>=';
    value: string | number;
}

function conditionExpr(conditions: Condition[]): Expr | undefined {
    const parts: Expr[] = conditions.map((c) => ({
        type: 'binary',
        op: c.op,
        left: { type: 'field', dataset: 'requests', field: c.field },
        right: typeof c.value === 'number' ? { type: 'number', value: c.value, kind: 'number' } : { type: 'string', value: c.value }
    }));
    return parts.reduce<Expr | undefined>((all, part) => (all === undefined ? part : { type: 'binary', op: 'and', left: all, right: part }), undefined);
}

function conditionSql(conditions: Condition[]): string {
    if (conditions.length === 0) return 'TRUE';
    return conditions.map((c) => `${c.field} ${c.op} ${typeof c.value === 'number' ? c.value : `'${c.value}'`}`).join(' AND ');
}

function randomConditions(random: () => number): Condition[] {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const options: (() => Condition)[] = [
        () => ({ field: 'service', op: '=', value: pick(SERVICES) }),
        () => ({ field: 'region', op: '!=', value: pick(REGIONS) }),
        () => ({ field: 'status', op: '<', value: 500 }),
        () => ({ field: 'status', op: '>=', value: 300 })
    ];
    const count = Math.floor(random() * 3); // 0, 1 or 2 conditions
    return Array.from({ length: count }, () => pick(options)());
}

type KpiKind = 'count' | 'errorRatioShare' | 'errorRatioCounts' | 'sum' | 'avg' | 'min' | 'max' | 'p50' | 'p90' | 'p95' | 'p99';
const KINDS: KpiKind[] = ['count', 'errorRatioShare', 'errorRatioCounts', 'sum', 'avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99'];
const EXACT: ReadonlySet<KpiKind> = new Set(['count', 'errorRatioShare', 'errorRatioCounts', 'min', 'max', 'p50', 'p90', 'p95', 'p99']);

function kpiFormula(kind: KpiKind, where: Expr | undefined): Expr {
    const latency: Expr = { type: 'field', dataset: 'requests', field: 'latency' };
    const failed: Expr = { type: 'binary', op: '>=', left: { type: 'field', dataset: 'requests', field: 'status' }, right: { type: 'number', value: 500, kind: 'number' } };
    const withWhere = <T extends object>(node: T): T => (where === undefined ? node : { ...node, where });
    switch (kind) {
        case 'count':
            return withWhere({ type: 'aggregate', fn: 'count', dataset: 'requests' });
        case 'errorRatioShare':
            return where === undefined ? { type: 'share', dataset: 'requests', part: failed } : { type: 'share', dataset: 'requests', part: failed, whole: where };
        case 'errorRatioCounts': {
            const failedWhere: Expr = where === undefined ? failed : { type: 'binary', op: 'and', left: where, right: failed };
            return { type: 'binary', op: '/', left: { type: 'aggregate', fn: 'count', dataset: 'requests', where: failedWhere }, right: withWhere({ type: 'aggregate', fn: 'count', dataset: 'requests' }) };
        }
        case 'sum':
        case 'avg':
        case 'min':
        case 'max':
            return withWhere({ type: 'aggregate', fn: kind, dataset: 'requests', value: latency });
        default:
            return withWhere({ type: 'aggregate', fn: 'percentile', percentile: Number(kind.slice(1)), dataset: 'requests', value: latency });
    }
}

function kpiSql(kind: KpiKind, where: string): string {
    switch (kind) {
        case 'count':
            return `count(*) FILTER (WHERE ${where})`;
        case 'errorRatioShare':
        case 'errorRatioCounts':
            return `(count(*) FILTER (WHERE (${where}) AND status >= 500))::DOUBLE / NULLIF(count(*) FILTER (WHERE ${where}), 0)`;
        case 'sum':
        case 'avg':
        case 'min':
        case 'max':
            return `${kind}(latency) FILTER (WHERE ${where})`;
        default:
            return `quantile_disc(latency, ${Number(kind.slice(1)) / 100}) FILTER (WHERE ${where})`;
    }
}

/** Random instants in 2026, plus rows just around Berlin month boundaries (UTC 22:00/23:00 of the last day). */
function randomRows(random: () => number, n: number): string[] {
    const start = Date.parse('2026-01-01T00:00:00Z') - 3_600_000 * 2;
    const span = Date.parse('2027-01-01T00:00:00Z') - start;
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(start + Math.floor(random() * span));
    for (const boundary of ['2026-02-28T22:59:59.999Z', '2026-02-28T23:00:00Z', '2026-03-31T21:59:59.999Z', '2026-03-31T22:00:00Z', '2026-10-31T22:59:59Z', '2026-10-31T23:00:00Z']) {
        times.push(Date.parse(boundary));
    }
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    return times.map((t) => {
        // Latencies with one decimal and a heavy tail, so sums are not trivially exact.
        const latency = Math.round((random() < 0.05 ? 1000 + random() * 9000 : random() * 400) * 10) / 10;
        return [new Date(t).toISOString(), pick(SERVICES), pick(REGIONS), pick(STATUSES), latency].join(',');
    });
}

describe('engine agrees with DuckDB', () => {
    it('on random KPIs per calendar month in Europe/Berlin', async () => {
        const random = seededRandom(20260301);
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, ['time,service,region,status,latency', ...randomRows(random, 4000)].join('\n') + '\n');

        const kpis: KpiModel[] = [];
        const objectives: ObjectiveModel[] = [];
        const queries: { key: string; kind: KpiKind; sql: string }[] = [];
        for (let i = 0; i < 40; i++) {
            const kind = KINDS[i % KINDS.length]!;
            const conditions = randomConditions(random);
            const key = `K${i}`;
            const unitKind = kind.startsWith('errorRatio') ? 'ratio' : kind === 'count' ? 'count' : 'duration';
            kpis.push({ key, name: key, unitKind, formula: kpiFormula(kind, conditionExpr(conditions)) });
            objectives.push({ kpi: key, kpiName: key, comparison: '>=', target: 0, unitKind, window: MONTH });
            queries.push({ key, kind, sql: kpiSql(kind, conditionSql(conditions)) });
        }
        const model = agreement({
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), field('region', 'text'), field('status', 'integer'), field('latency', 'duration')]) },
            kpis,
            objectives
        });
        const report = await evaluateAgreement(model, { now: Date.parse('2027-06-01T00:00:00Z') });

        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        try {
            const select = queries.map((query) => `${query.sql} AS "${query.key}"`).join(',\n');
            const sql = `
                SELECT strftime(timezone('Europe/Berlin', time), '%Y-%m') AS month, count(*) AS total_rows, ${select}
                FROM read_csv('${path}', header = true, columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'region': 'VARCHAR', 'status': 'INTEGER', 'latency': 'DOUBLE'})
                WHERE time >= TIMESTAMPTZ '2026-01-01 00:00:00+01' AND time < TIMESTAMPTZ '2027-01-01 00:00:00+01'
                GROUP BY month ORDER BY month`;
            const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
            const byMonth = new Map(rows.map((row) => [String(row['month']), row]));
            expect(byMonth.size).toBe(12);

            let compared = 0;
            let withValue = 0;
            for (const [index, query] of queries.entries()) {
                const objective = report.objectives[index]!;
                expect(objective.windows).toHaveLength(12);
                for (const window of objective.windows) {
                    const month = window.start.slice(0, 7);
                    const expected = byMonth.get(month)![query.key];
                    const expectedNumber = expected === null || expected === undefined ? null : Number(expected);
                    const context = `${query.key} (${query.kind}: ${query.sql}) in ${month}`;
                    if (expectedNumber === null) {
                        expect(window.value, context).toBeNull();
                    } else if (EXACT.has(query.kind)) {
                        expect(window.value, context).toBe(expectedNumber);
                    } else {
                        expect(window.value, context).not.toBeNull();
                        expect(Math.abs(window.value! - expectedNumber), context).toBeLessThanOrEqual(1e-12 * Math.abs(expectedNumber));
                    }
                    compared++;
                    if (expectedNumber !== null) withValue++;
                }
            }
            expect(compared).toBe(40 * 12);
            // Guard against a vacuous pass: nearly every (KPI, month) has rows to compare.
            expect(withValue).toBeGreaterThan(40 * 12 * 0.9);
            // Rows per month: the engine's "all rows" view equals DuckDB's group sizes.
            expect(report.datasets[0]!.rows).toBe(4006);
        } finally {
            connection.closeSync();
            instance.closeSync();
        }
    });

    it('on rolling 7-day windows ending at every Berlin midnight (across both DST changes)', async () => {
        const random = seededRandom(7);
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, ['time,service,region,status,latency', ...randomRows(random, 3000)].join('\n') + '\n');
        const rolling = { kind: 'rolling' as const, lengthMs: 7 * 86_400_000, label: '7 days' };
        const cases: { kind: KpiKind; conditions: Condition[] }[] = [
            { kind: 'count', conditions: [{ field: 'status', op: '>=', value: 300 }] },
            { kind: 'errorRatioShare', conditions: [{ field: 'region', op: '!=', value: 'us' }] },
            { kind: 'avg', conditions: [] },
            { kind: 'max', conditions: [{ field: 'service', op: '=', value: 'api' }] },
            { kind: 'p95', conditions: [] },
            { kind: 'p50', conditions: [{ field: 'status', op: '<', value: 500 }] }
        ];
        const kpis: KpiModel[] = [];
        const objectives: ObjectiveModel[] = [];
        cases.forEach(({ kind, conditions }, i) => {
            const key = `R${i}`;
            const unitKind = kind.startsWith('errorRatio') ? 'ratio' : kind === 'count' ? 'count' : 'duration';
            kpis.push({ key, name: key, unitKind, formula: kpiFormula(kind, conditionExpr(conditions)) });
            objectives.push({ kpi: key, kpiName: key, comparison: '>=', target: 0, unitKind, window: rolling });
        });
        const model = agreement({
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), field('region', 'text'), field('status', 'integer'), field('latency', 'duration')]) },
            kpis,
            objectives
        });
        const report = await evaluateAgreement(model, { now: Date.parse('2027-06-01T00:00:00Z') });

        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        try {
            await connection.run("SET TimeZone = 'Europe/Berlin'");
            const select = cases.map(({ kind, conditions }, i) => `${kpiSql(kind, conditionSql(conditions))} AS "R${i}"`).join(',\n');
            // Window ends: local midnights 2 January 2026 … 1 January 2027 (calendar-day steps in the session zone);
            // each window is the 7 × 24 h of real time before its end, cut at the start of 2026.
            const sql = `
                WITH ends AS (SELECT unnest(generate_series(TIMESTAMPTZ '2026-01-02 00:00:00+01', TIMESTAMPTZ '2027-01-01 00:00:00+01', INTERVAL 1 DAY)) AS t),
                     requests AS (SELECT * FROM read_csv('${path}', header = true, columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'region': 'VARCHAR', 'status': 'INTEGER', 'latency': 'DOUBLE'})
                                  WHERE time >= TIMESTAMPTZ '2026-01-01 00:00:00+01' AND time < TIMESTAMPTZ '2027-01-01 00:00:00+01')
                SELECT epoch_ms(t) AS end_ms, ${select}
                FROM ends JOIN requests ON requests.time >= to_timestamp(epoch(t) - 604800) AND requests.time < t
                GROUP BY t ORDER BY t`;
            const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
            const byEnd = new Map(rows.map((row) => [Number(row['end_ms']), row]));
            let withValue = 0;
            cases.forEach(({ kind, conditions }, i) => {
                const objective = report.objectives[i]!;
                expect(objective.windows).toHaveLength(365);
                for (const window of objective.windows) {
                    const row = byEnd.get(Date.parse(window.end));
                    const expected = row === undefined ? null : row[`R${i}`];
                    const expectedNumber = expected === null || expected === undefined ? null : Number(expected);
                    const context = `R${i} (${kind} where ${conditionSql(conditions)}) window ending ${window.end}`;
                    if (expectedNumber === null) {
                        expect(window.value, context).toBeNull();
                        continue;
                    }
                    withValue++;
                    if (EXACT.has(kind)) expect(window.value, context).toBe(expectedNumber);
                    else expect(Math.abs(window.value! - expectedNumber), context).toBeLessThanOrEqual(1e-12 * Math.abs(expectedNumber));
                }
            });
            expect(withValue).toBeGreaterThan(6 * 365 * 0.9);
            // The window ending 30 March 00:00 (+02:00) starts 22 March 23:00 (+01:00): 168 real hours.
            const afterSpringForward = report.objectives[0]!.windows.find((w) => w.end === '2026-03-30T00:00:00+02:00')!;
            expect(afterSpringForward.start).toBe('2026-03-22T23:00:00+01:00');
        } finally {
            connection.closeSync();
            instance.closeSync();
        }
    });

    it('on `for each region` objectives per calendar month', async () => {
        const random = seededRandom(99);
        const path = join(tempDir(), 'requests.csv');
        writeFileSync(path, ['time,service,region,status,latency', ...randomRows(random, 3000)].join('\n') + '\n');
        const cases: { kind: KpiKind; conditions: Condition[] }[] = [
            { kind: 'count', conditions: [] },
            { kind: 'errorRatioCounts', conditions: [{ field: 'service', op: '=', value: 'checkout' }] },
            { kind: 'sum', conditions: [{ field: 'status', op: '<', value: 500 }] },
            { kind: 'p90', conditions: [] },
            { kind: 'min', conditions: [{ field: 'service', op: '=', value: 'search' }] }
        ];
        const kpis: KpiModel[] = [];
        const objectives: ObjectiveModel[] = [];
        cases.forEach(({ kind, conditions }, i) => {
            const key = `S${i}`;
            const unitKind = kind.startsWith('errorRatio') ? 'ratio' : kind === 'count' ? 'count' : 'duration';
            kpis.push({ key, name: key, unitKind, formula: kpiFormula(kind, conditionExpr(conditions)) });
            objectives.push({ kpi: key, kpiName: key, comparison: '>=', target: 0, unitKind, window: MONTH, scopeField: 'region' });
        });
        const model = agreement({
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('service', 'text'), field('region', 'text'), field('status', 'integer'), field('latency', 'duration')]) },
            kpis,
            objectives
        });
        const report = await evaluateAgreement(model, { now: Date.parse('2027-06-01T00:00:00Z') });

        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        try {
            const select = cases.map(({ kind, conditions }, i) => `${kpiSql(kind, conditionSql(conditions))} AS "S${i}"`).join(',\n');
            const sql = `
                SELECT region, strftime(timezone('Europe/Berlin', time), '%Y-%m') AS month, ${select}
                FROM read_csv('${path}', header = true, columns = {'time': 'TIMESTAMPTZ', 'service': 'VARCHAR', 'region': 'VARCHAR', 'status': 'INTEGER', 'latency': 'DOUBLE'})
                WHERE time >= TIMESTAMPTZ '2026-01-01 00:00:00+01' AND time < TIMESTAMPTZ '2027-01-01 00:00:00+01'
                GROUP BY ALL`;
            const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
            const byKey = new Map(rows.map((row) => [`${String(row['region'])} ${String(row['month'])}`, row]));
            let compared = 0;
            cases.forEach(({ kind, conditions }, i) => {
                const objective = report.objectives[i]!;
                // 3 regions × 12 months, region-major.
                expect(objective.windows.map((w) => w.scopeValue).filter((v, index, all) => all.indexOf(v) === index)).toEqual(['apac', 'eu', 'us']);
                expect(objective.windows).toHaveLength(36);
                for (const window of objective.windows) {
                    const row = byKey.get(`${window.scopeValue} ${window.start.slice(0, 7)}`)!;
                    const expected = row[`S${i}`];
                    const expectedNumber = expected === null || expected === undefined ? null : Number(expected);
                    const context = `S${i} (${kind} where ${conditionSql(conditions)}) for ${window.scopeValue} in ${window.start.slice(0, 7)}`;
                    if (expectedNumber === null) expect(window.value, context).toBeNull();
                    else if (EXACT.has(kind)) expect(window.value, context).toBe(expectedNumber);
                    else expect(Math.abs(window.value! - expectedNumber), context).toBeLessThanOrEqual(1e-12 * Math.abs(expectedNumber));
                    compared++;
                }
            });
            expect(compared).toBe(5 * 36);
        } finally {
            connection.closeSync();
            instance.closeSync();
        }
    });
});
