import { describe, expect, it } from 'vitest';
import { EarlyPercentiles } from '../../src/evaluate/early-percentiles.js';
import type { DatasetScan } from '../../src/evaluate/evaluation-plan.js';
import { ValueChannel } from '../../src/evaluate/filter-group.js';
import { ValueBuffer } from '../../src/evaluate/value-buffer.js';
import { num } from './fixtures.js';

/** A scan of one window plan (two monthly windows) and one channel read by p50 and p95, with values in both windows. */
function scanWith(timeField: string | undefined): { scan: DatasetScan; channel: ValueChannel } {
    const channel = new ValueChannel('latency', 2, () => null, num(0));
    channel.keepValues = true;
    channel.percentiles.push(50, 95);
    const scope = channel.scopeOrNew(0);
    scope.values![0] = new ValueBuffer();
    scope.values![1] = new ValueBuffer();
    for (let i = 1; i <= 100; i++) {
        scope.values![0]!.push(i);
        scope.values![1]!.push(1000 + i);
    }
    const windows = [
        { start: 0, end: 100, from: 0, to: 100, partial: false, firstSegment: 0, endSegment: 1 },
        { start: 100, end: 200, from: 100, to: 200, partial: false, firstSegment: 1, endSegment: 2 }
    ];
    const plan = { key: 'month', spec: { kind: 'calendar', unit: 'month' }, windows, boundaries: Float64Array.from([0, 100, 200]), segmentCount: 2, ...(timeField === undefined ? {} : { timeField }) };
    const scan = { plans: [plan], groups: [{ planIndex: 0, channels: [channel] }] } as unknown as DatasetScan;
    return { scan, channel };
}

describe('EarlyPercentiles', () => {
    it('selects a window once the earliest row of a merged range is at or past its end, not before', () => {
        const { scan, channel } = scanWith(undefined);
        const early = new EarlyPercentiles(scan);
        early.windowsEndedBy(99);
        expect(channel.earlyPercentiles.size).toBe(0);
        early.windowsEndedBy(100); // a row exactly at the window's end belongs to the next window
        expect([...channel.earlyPercentiles]).toEqual([['0:0:1', { count: 100, results: [50, 95] }]]);
        early.windowsEndedBy(250);
        expect(channel.earlyPercentiles.get('0:1:2')).toEqual({ count: 100, results: [1050, 1095] });
        expect(early.windows).toBe(2);
    });

    it('leaves a slice plan that places rows by a field of its own to the evaluator', () => {
        const { scan, channel } = scanWith('closed');
        new EarlyPercentiles(scan).windowsEndedBy(250);
        expect(channel.earlyPercentiles.size).toBe(0);
    });
});
