import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type EmptySliceRule, type Expr } from '../../src/index.js';
import { judgeSliceCondition } from '../../src/evaluate/slice-condition.js';
import { exactInteger } from '../../src/evaluate/exact-value.js';
import { agreement, at, bin, dataset, field, HOUR, num, percentile, ref, str, tempDir, writeCsv } from './fixtures.js';

/**
 * Azure Cosmos DB: an hour is an Excessive Latency Hour when the P99 of document reads OR of
 * writes is 10 ms or more. April 2026 (30 days, UTC): 720 hours.
 * - 12:00 on 6 April: one read at 15 ms → read P99 15 ms ≥ 10: excessive (no writes: unknown side);
 * - 13:00: one read at 3 ms → read P99 3 ms < 10, no writes: not excessive, and not quiet;
 * - 14:00: a read at 15 ms and a write at 3 ms → excessive;
 * - the other 717 hours have no operation at all: quiet (empty).
 */
const OPS = [
    ['2026-04-06T12:00:00Z', 'read', 15],
    ['2026-04-06T13:00:00Z', 'read', 3],
    ['2026-04-06T14:00:00Z', 'read', 15],
    ['2026-04-06T14:00:01Z', 'write', 3]
];

const p99 = (op: string): Expr => percentile(99, 'ops', ref('ops', 'latency'), bin('=', ref('ops', 'op'), str(op)));
const slow = (op: string): Expr => bin('>=', p99(op), num(10, 'duration'));

function excessiveHours(condition: Expr, empty: EmptySliceRule): AgreementModel {
    const path = writeCsv(tempDir(), 'ops.csv', ['time', 'op', 'latency'], OPS);
    const formula: Expr = { type: 'timeslices', sliceMs: HOUR, aggregation: 'count', value: condition, empty };
    return agreement({
        timezone: 'UTC',
        datasets: { ops: { ...dataset('ops', path, [field('time', 'timestamp'), field('op', 'enum', false, ['read', 'write']), field('latency', 'duration')]), completeTo: '2026-04-30' } },
        kpis: [{ key: 'Excessive', name: 'Excessive', unitKind: 'count', formula }],
        objectives: [{ kpi: 'Excessive', kpiName: 'Excessive', comparison: '<=', target: 0, unitKind: 'count', window: { kind: 'calendar', unit: 'month' } }]
    });
}

async function april(model: AgreementModel) {
    const report = await evaluateAgreement(model, { from: '2026-04-01', to: '2026-04-30', now: at('2026-06-01T00:00:00Z') });
    return report.objectives[0]!.windows[0]!;
}

describe('slice conditions with and/or: judged as far as the slice has data', () => {
    it('reads OR writes slow: an hour with slow reads and no writes is excessive (2 hours, not 1)', async () => {
        // Excessive: 12:00 (15 ≥ 10 or unknown = true) and 14:00 (15 ≥ 10 or 3 ≥ 10 = true) → 2.
        // 13:00 (3 ≥ 10 or unknown) stays unknown, but its read was judged: not excessive, not empty.
        // Empty: the 717 hours without any operation.
        const window = await april(excessiveHours(bin('or', slow('read'), slow('write')), { kind: 'good' }));
        expect(window.value).toBe(2);
        expect(window.slices).toEqual({ lengthMs: HOUR, total: 720, empty: 717, unknown: 0, bad: 2 });
    });

    it('empty as bad counts only the quiet hours as bad: 717 + 2 = 719, the 13:00 hour is good', async () => {
        const window = await april(excessiveHours(bin('or', slow('read'), slow('write')), { kind: 'bad' }));
        expect(window.value).toBe(719);
        expect(window.slices).toEqual({ lengthMs: HOUR, total: 720, empty: 717, unknown: 0, bad: 719 });
    });

    it('reads AND writes slow: false wins over a side without data, and an unknown result does not hold', async () => {
        // 12:00: 15 ≥ 10 and unknown → unknown, judged in part → good; 13:00: 3 ≥ 10 is false → good;
        // 14:00: true and 3 ≥ 10 (false) → good. No excessive hour; empty as bad: the 717 quiet hours.
        const and = bin('and', slow('read'), slow('write'));
        expect((await april(excessiveHours(and, { kind: 'good' }))).value).toBe(0);
        expect((await april(excessiveHours(and, { kind: 'bad' }))).value).toBe(717);
    });

    it('not (reads fast): a quiet hour stays empty, an hour with a fast read is good', async () => {
        // not (read P99 < 10): 12:00 and 14:00 → true (bad); 13:00 → false; quiet hours unknown → empty.
        const notFast: Expr = { type: 'not', operand: bin('<', p99('read'), num(10, 'duration')) };
        const window = await april(excessiveHours(notFast, { kind: 'bad' }));
        expect(window.value).toBe(2 + 717);
        expect(window.slices?.empty).toBe(717);
    });
});

describe('judgeSliceCondition: the three-valued table', () => {
    // A comparison `x >= 1` where x is 1 (true), 0 (false) or null (no data).
    const value = (name: string): Expr => ({ type: 'field', dataset: 'd', field: name });
    const values: Record<string, number | null> = { t: 1, f: 0, u: null };
    const atLeastOne = (name: string): Expr => bin('>=', value(name), num(1));
    const judge = (condition: Expr): boolean | null => judgeSliceCondition(condition, (side) => {
        if (side.type === 'number') return exactInteger(side.value);
        const found = values[(side as { field: string }).field];
        return found === null || found === undefined ? null : exactInteger(found);
    });
    const cases: [string, string, string, boolean | null][] = [
        ['or', 't', 'u', true], ['or', 'u', 't', true], ['or', 'f', 'u', false], ['or', 'u', 'u', null], ['or', 'f', 'f', false],
        ['and', 'f', 'u', false], ['and', 'u', 'f', false], ['and', 't', 'u', false], ['and', 'u', 'u', null], ['and', 't', 't', true]
    ];
    it.each(cases)('%s of %s and %s is %s (null: empty slice; unknown after a judged comparison: does not hold)', (op, left, right, expected) => {
        expect(judge(bin(op as 'and' | 'or', atLeastOne(left), atLeastOne(right)))).toBe(expected);
    });
});
