// The direct row path scales a value once for both the kept values (ValueBuffer.pushScaled)
// and the exact sum (ExactSegmentSums.addKnown), and keeps minima and maxima only for a min
// or max: the sums, values and extremes must be those of the separate calls.
import { describe, expect, it } from 'vitest';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { runDatasetPass } from '../../src/evaluate/dataset-pass.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { ExactSegmentSums } from '../../src/evaluate/exact-sum.js';
import { ValueBuffer } from '../../src/evaluate/value-buffer.js';
import type { Expr } from '../../src/index.js';
import { agreement, aggregate, at, dataset, field, MONTH, percentile, ref, tempDir, writeCsv } from './fixtures.js';

/** Values that take every way: whole, decimals of 1–9 digits, negatives, -0, near 2³¹ once scaled, beyond, tiny, huge. */
const VALUES = [
    0, 1, -1, 12, 0.5, 138.284, -138.284, 0.001, 1.5, -0, 2147483.647, 2147483.648, -2147483.647, 214748364.7, 0.123456789, 1e-9, 99999.99999, 123456789012, 1e21, 7, 0.1, 0.2, 0.30000000000000004, 5e-324, -2.5
];

function sumsOf(values: readonly number[], known: boolean): { text: string; kept: number[] } {
    const sums = new ExactSegmentSums(2);
    const buffer = new ValueBuffer();
    for (const [i, value] of values.entries()) {
        const segment = i % 2;
        if (known) {
            const scaled = buffer.pushScaled(value);
            if (scaled === scaled) sums.addKnown(segment, value, scaled, buffer.multiplier!);
            else sums.add(segment, value);
        } else {
            buffer.push(value);
            sums.add(segment, value);
        }
    }
    const kept = new Float64Array(buffer.length);
    buffer.copyInto(kept, 0);
    const show = (exact: unknown): string => JSON.stringify(exact, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return { text: `${show(sums.range(0, 1))} ${show(sums.range(1, 2))} ${show(sums.range(0, 2))}`, kept: [...kept] };
}

describe('scaling a value once for the kept values and the exact sum', () => {
    it('gives the sums and values of separate calls, in every order of scales', () => {
        const orders = [VALUES, [...VALUES].reverse(), [...VALUES].sort((a, b) => a - b), VALUES.filter((v) => Number.isInteger(v)), Array.from({ length: 3000 }, (_, i) => (i * 7919) % 100_003 / 1000 - 50)];
        for (const values of orders) {
            const separate = sumsOf(values, false);
            const once = sumsOf(values, true);
            expect(once.text).toBe(separate.text);
            expect(once.kept.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(separate.kept.map((v) => Object.is(v, -0) ? '-0' : v));
        }
    });

    it('returns the integer stored only when the value went the usual way', () => {
        const buffer = new ValueBuffer();
        expect(buffer.pushScaled(12)).toBe(12);
        expect(buffer.pushScaled(1.5)).toBeNaN(); // a new scale (10): the usual way is not taken
        expect(buffer.multiplier).toBe(10);
        expect(buffer.pushScaled(2.5)).toBe(25);
        expect(buffer.pushScaled(-0)).toBeNaN();
        expect(buffer.pushScaled(1e300)).toBeNaN(); // doubles from here on
        expect(buffer.multiplier).toBeNull();
        expect(buffer.pushScaled(3)).toBeNaN();
        const kept = new Float64Array(buffer.length);
        buffer.copyInto(kept, 0);
        expect([...kept]).toEqual([12, 1.5, 2.5, -0, 1e300, 3]);
    });

    it('takes a known integer at its own power only', () => {
        const sums = new ExactSegmentSums(1);
        sums.add(0, 0.25); // scale 2
        sums.addKnown(0, 1.5, 15, 10); // another power: added as a value
        sums.addKnown(0, 0.75, 75, 100);
        const reference = new ExactSegmentSums(1);
        for (const value of [0.25, 1.5, 0.75]) reference.add(0, value);
        expect(sums.range(0, 1)).toEqual(reference.range(0, 1));
    });
});

describe('minima and maxima per row', () => {
    async function channelsAfterPass(kpis: Array<{ key: string; formula: Expr }>) {
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'latency'], [['2026-03-02T10:00:00Z', '4.5'], ['2026-03-02T11:00:00Z', '1.25'], ['2026-03-03T10:00:00Z', '9']]);
        const model = agreement({
            timezone: 'UTC',
            datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('latency', 'duration')]) },
            kpis: kpis.map(({ key, formula }) => ({ key, name: key, unitKind: 'duration' as const, formula })),
            objectives: kpis.map(({ key }) => ({ kpi: key, kpiName: key, comparison: '<=' as const, target: 1e6, unitKind: 'duration' as const, window: MONTH }))
        });
        const period = evaluationPeriod(model.timezone, model.validity, { now: at('2027-01-01T00:00:00Z') });
        const scan = planAgreement(model, period, undefined).scans.get('requests')!;
        await runDatasetPass(scan, period, { skipInvalid: false });
        return scan.groups.flatMap((group) => group.channels);
    }
    const latency = ref('requests', 'latency');

    it('are kept when a min or max reads the channel', async () => {
        const [channel] = await channelsAfterPass([{ key: 'Mean', formula: aggregate('avg', 'requests', latency) }, { key: 'Worst', formula: aggregate('max', 'requests', latency) }]);
        expect(channel!.keepExtremes).toBe(true);
        const march = 2; // segments are months from January
        expect([channel!.scopes[0]!.min[march], channel!.scopes[0]!.max[march]]).toEqual([1.25, 9]);
    });

    it('are not kept for an avg and a percentile alone', async () => {
        const [channel] = await channelsAfterPass([{ key: 'Mean', formula: aggregate('avg', 'requests', latency) }, { key: 'P95', formula: percentile(95, 'requests', latency) }]);
        expect(channel!.keepExtremes).toBe(false);
        expect(channel!.keepStats).toBe(true);
        expect(channel!.scopes[0]!.min.every((value) => value === Infinity)).toBe(true);
        expect(channel!.scopes[0]!.count.reduce((a, b) => a + b, 0)).toBe(3);
    });
});
