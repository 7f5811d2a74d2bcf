/**
 * docs/language-reference.md § 14.8, exact arithmetic: values parsed from decimal text are summed,
 * averaged and compared exactly (no binary floating-point drift decides a status).
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr, type FieldKind, type ValueKind, type ComparisonOp } from '../../src/index.js';
import { aggregate, agreement, at, dataset, field, MONTH, ref, tempDir, writeCsv } from './fixtures.js';

const LATER = at('2027-01-01T00:00:00Z');

function oneKpi(kind: FieldKind, values: string[], formula: (value: Expr) => Expr, unitKind: ValueKind, comparison: ComparisonOp, target: number, options: { parallel?: boolean; format?: 'csv' | 'json' } = {}): AgreementModel {
    const dir = tempDir();
    const rows = values.map((value, i) => [`2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+01:00`, value]);
    const path = writeCsv(dir, 'rows.csv', ['at', 'value'], rows);
    return agreement({
        datasets: { rows: dataset('rows', path, [field('at', 'timestamp'), field('value', kind)]) },
        kpis: [{ key: 'K', name: 'K', unitKind, ...(unitKind === 'money' ? { currency: 'EUR' } : {}), formula: formula(ref('rows', 'value')) }],
        objectives: [{ kpi: 'K', kpiName: 'K', comparison, target, unitKind, ...(unitKind === 'money' ? { currency: 'EUR' } : {}), window: MONTH }]
    });
}

async function march(model: AgreementModel, parallelMinBytes?: number) {
    const report = await evaluateAgreement(model, { from: '2026-03-01', to: '2026-03-31', now: LATER, ...(parallelMinBytes === undefined ? {} : { parallelMinBytes, parallelRangeBytes: 64, readChunkBytes: 64 }) });
    return report.objectives[0]!.windows[0]!;
}

describe('exact sums and averages of decimal text', () => {
    it('averages 99.8 %, 99.1 % and 98.1 % to exactly 99 %, which meets >= 99%', async () => {
        // (99.8 + 99.1 + 98.1) / 3 = 297 / 3 = 99 exactly; in doubles (0.998 + 0.991 + 0.981) / 3 = 0.9899999999999999.
        const window = await march(oneKpi('percent', ['99.8', '99.1', '98.1'], (v) => aggregate('avg', 'rows', v), 'ratio', '>=', 0.99));
        expect(window.value).toBe(0.99);
        expect(window.status).toBe('met');
        expect(window.margin).toBe(0);
    });

    it('adds 1.10 EUR and 2.20 EUR to exactly 3.30 EUR, which meets <= 3.30 EUR', async () => {
        // 110 + 220 = 330 cents; in doubles 1.1 + 2.2 = 3.3000000000000003.
        const window = await march(oneKpi('number', ['1.10', '2.20'], (v) => aggregate('sum', 'rows', v), 'money', '<=', 3.3));
        expect(window.value).toBe(3.3);
        expect(window.status).toBe('met');
        expect(window.margin).toBe(0);
    });

    it('keeps a sum exact when a strict comparison hinges on the last digit', async () => {
        // 0.1 + 0.2 = 0.3 exactly, so `< 0.3` is breached (margin 0) and `<= 0.3` met; doubles give 0.30000000000000004.
        const strict = await march(oneKpi('number', ['0.1', '0.2'], (v) => aggregate('sum', 'rows', v), 'number', '<', 0.3));
        expect([strict.value, strict.status, strict.margin]).toEqual([0.3, 'breached', 0]);
        const inclusive = await march(oneKpi('number', ['0.1', '0.2'], (v) => aggregate('sum', 'rows', v), 'number', '<=', 0.3));
        expect(inclusive.status).toBe('met');
    });

    it('is exact on ten thousand values, also when two threads each read part of the file', async () => {
        // 10,000 × 0.1 = 1000 exactly (doubles: 999.9999999998906 plain, about 1000.0000000000001 compensated).
        // avg: 1000 / 10,000 = 0.1, so `>= 0.1` is met with margin 0.
        const values = Array.from({ length: 10_000 }, () => '0.1');
        const sum = oneKpi('number', values, (v) => aggregate('sum', 'rows', v), 'number', '>=', 1000);
        for (const parallel of [undefined, 1]) {
            const window = await march(sum, parallel);
            expect(window.value).toBe(1000);
            expect(window.status).toBe('met');
        }
        const avg = await march(oneKpi('number', values, (v) => aggregate('avg', 'rows', v), 'number', '>=', 0.1));
        expect([avg.value, avg.status, avg.margin]).toEqual([0.1, 'met', 0]);
    });

    it('sums mixed scales and large amounts exactly (scaled sums beyond 2^50 move to BigInt)', async () => {
        // 9,007,199,254,740.99 × 2 + 0.02 = 18,014,398,509,482 exactly. Scaled to cents each large amount is
        // 900,719,925,474,099 (< 2^50), their sum 1,801,439,850,948,198 is not (> 2^50 ≈ 1.1259e15).
        const window = await march(oneKpi('number', ['9007199254740.99', '0.02', '9007199254740.99'], (v) => aggregate('sum', 'rows', v), 'number', '>=', 18014398509482));
        expect([window.value, window.status, window.margin]).toEqual([18014398509482, 'met', 0]);
        // The same sum with a value needing more decimals after the large ones (the scale rises with the sums held as BigInt).
        const rescaled = await march(oneKpi('number', ['9007199254740.99', '9007199254740.99', '0.015', '0.005'], (v) => aggregate('sum', 'rows', v), 'number', '<=', 18014398509482));
        expect([rescaled.value, rescaled.status, rescaled.margin]).toEqual([18014398509482, 'met', 0]);
    });

    it('compares a ratio of sums with the target exactly', async () => {
        // sum(value) / count = avg; 3 rows of 0.7, 0.7, 0.7 against >= 0.7: exact 2.1 / 3 = 0.7 (doubles: 2.0999999999999996 / 3 = 0.6999999999999998).
        const model = oneKpi('number', ['0.7', '0.7', '0.7'], (v) => ({ type: 'binary', op: '/', left: aggregate('sum', 'rows', v), right: { type: 'aggregate', fn: 'count', dataset: 'rows' } }), 'number', '>=', 0.7);
        const window = await march(model);
        expect([window.value, window.status, window.margin]).toEqual([0.7, 'met', 0]);
    });

    it('adds, subtracts and multiplies row values as decimals before they are summed', async () => {
        // Per row net + tax: 1.10 + 2.20 = 3.30 exactly (doubles: 3.3000000000000003), against <= 3.30: met, margin 0.
        const dir = tempDir();
        const path = writeCsv(dir, 'orders.csv', ['at', 'net', 'tax', 'quantity'], [['2026-03-02T10:00:00+01:00', '1.10', '2.20', '3']]);
        const orders = dataset('orders', path, [field('at', 'timestamp'), field('net', 'number'), field('tax', 'number'), field('quantity', 'integer')]);
        const model = (formula: Expr, target: number): AgreementModel => agreement({
            datasets: { orders },
            kpis: [{ key: 'K', name: 'K', unitKind: 'money', currency: 'EUR', formula }],
            objectives: [{ kpi: 'K', kpiName: 'K', comparison: '<=', target, unitKind: 'money', currency: 'EUR', window: MONTH }]
        });
        const plus = await march(model(aggregate('sum', 'orders', { type: 'binary', op: '+', left: ref('orders', 'net'), right: ref('orders', 'tax') }), 3.3));
        expect([plus.value, plus.status, plus.margin]).toEqual([3.3, 'met', 0]);
        // 1.10 × 3 = 3.30 (doubles: 3.3000000000000003); 2.20 − 1.10 = 1.10 (doubles: 1.1000000000000001).
        const times = await march(model(aggregate('sum', 'orders', { type: 'binary', op: '*', left: ref('orders', 'net'), right: ref('orders', 'quantity') }), 3.3));
        expect([times.value, times.status, times.margin]).toEqual([3.3, 'met', 0]);
        const minus = await march(model(aggregate('sum', 'orders', { type: 'binary', op: '-', left: ref('orders', 'tax'), right: ref('orders', 'net') }), 1.1));
        expect([minus.value, minus.status, minus.margin]).toEqual([1.1, 'met', 0]);
    });
});

describe('infinite exact values (an open row that never ends)', () => {
    it('orders, adds and divides ∞ as IEEE does, and refuses ∞ − ∞', async () => {
        const { add, compare, divide, exactOf, exactOfDouble, infinite, subtract, toNumber } = await import('../../src/evaluate/exact-value.js');
        const inf = infinite(1);
        expect(compare(inf, exactOf(1e300))).toBe(1);
        expect(compare(infinite(-1), exactOf(-1e300))).toBe(-1);
        expect(compare(inf, infinite(1))).toBe(0);
        expect(toNumber(add(exactOf(2.5), inf))).toBe(Infinity);
        expect(toNumber(subtract(exactOf(2.5), inf))).toBe(-Infinity);
        expect(toNumber(divide(inf, exactOf(-3))!)).toBe(-Infinity);
        expect(divide(exactOf(3), inf)).toEqual({ num: 0n, den: 1n });
        expect(divide(inf, inf)).toBeNull();
        expect(() => subtract(inf, inf)).toThrow(RangeError);
        expect(exactOfDouble(Number.NaN)).toBeNull();
        expect(exactOfDouble(Infinity)).toEqual(inf);
    });
});
