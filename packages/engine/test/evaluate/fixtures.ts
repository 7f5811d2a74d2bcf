/** Builders for small agreements and data files written to a temp dir (nothing is committed). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgreementModel, DatasetModel, Expr, FieldKind, FieldSpec, ValueKind, WindowSpec } from '../../src/index.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MONTH: WindowSpec = { kind: 'calendar', unit: 'month' };

export function tempDir(): string {
    return mkdtempSync(join(tmpdir(), 'sla-engine-test-'));
}

export function writeCsv(dir: string, fileName: string, header: string[], rows: (string | number)[][]): string {
    const path = join(dir, fileName);
    writeFileSync(path, [header.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n');
    return path;
}

export function field(name: string, kind: FieldKind, optional = false, enumValues?: string[]): FieldSpec {
    return enumValues ? { name, column: name, kind, optional, enumValues } : { name, column: name, kind, optional };
}

export function dataset(name: string, path: string, fields: FieldSpec[]): DatasetModel {
    return { name, path, format: 'csv', fields };
}

export function agreement(parts: Partial<AgreementModel>): AgreementModel {
    return {
        id: 'Test',
        timezone: 'Europe/Berlin',
        validity: { from: '2026-01-01', to: '2026-12-31' },
        calendars: {},
        maintenance: {},
        datasets: {},
        kpis: [],
        objectives: [],
        internalTargets: [],
        credits: [],
        ...parts
    };
}

export const ref = (dataset: string, name: string): Expr => ({ type: 'field', dataset, field: name });
export const num = (value: number, kind: ValueKind = 'number'): Expr => ({ type: 'number', value, kind });
export const str = (value: string): Expr => ({ type: 'string', value });
export const bin = (op: Extract<Expr, { type: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ type: 'binary', op, left, right });
export const count = (dataset: string, where?: Expr): Expr => (where ? { type: 'aggregate', fn: 'count', dataset, where } : { type: 'aggregate', fn: 'count', dataset });
export function aggregate(fn: 'sum' | 'avg' | 'min' | 'max', dataset: string, value: Expr, where?: Expr): Expr {
    return where ? { type: 'aggregate', fn, dataset, value, where } : { type: 'aggregate', fn, dataset, value };
}
export function percentile(p: number, dataset: string, value: Expr, where?: Expr): Expr {
    return where ? { type: 'aggregate', fn: 'percentile', percentile: p, dataset, value, where } : { type: 'aggregate', fn: 'percentile', percentile: p, dataset, value };
}

/** An instant from a local ISO text with offset, e.g. '2026-03-01T00:00:00+01:00'. */
export const at = (iso: string): number => Date.parse(iso);

/** A KPI whose key is its name (a duration unless said otherwise). */
export function namedKpi(key: string, formula: Expr, unitKind: 'count' | 'duration' | 'ratio' = 'duration') {
    return { key, name: key, unitKind, formula };
}

/** An objective `KPI <= target per calendar month`, for each value of `scopeField` when given. */
export function monthlyAtMost(key: string, target: number, scopeField?: string) {
    return { kpi: key, kpiName: key, comparison: '<=' as const, target, unitKind: 'duration' as const, window: MONTH, ...(scopeField === undefined ? {} : { scopeField }) };
}

/** A repeatable pseudo-random sequence in [0, 1) (a linear congruential generator): the same data on every run. */
export function seededRandom(seed: number): () => number {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
