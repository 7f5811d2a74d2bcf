import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type UptimeExpr } from '../../src/index.js';
import { compare, exactInteger, exactRatio, toNumber } from '../../src/evaluate/exact-value.js';
import { combinedDowntime, downtimeIn } from '../../src/evaluate/replica-downtime.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

// April 2026 in UTC: 30 × 1,440 = 43,200 minutes.
const APRIL_MINUTES = 43_200;
const NOW = at('2027-01-01T00:00:00Z');

/** Outages (region, zone, started, ended, affected) and an uptime with the given options, per calendar month (for each region when asked). */
function outages(rows: (string | number)[][], options: Partial<UptimeExpr>, extra: { inventory?: (string | number)[][]; perRegion?: boolean } = {}): AgreementModel {
    const dir = tempDir();
    const path = writeCsv(dir, 'outages.csv', ['region', 'zone', 'started', 'ended', 'affected'], rows);
    const datasets: AgreementModel['datasets'] = {
        outages: dataset('outages', path, [field('region', 'text'), field('zone', 'text'), field('started', 'timestamp'), field('ended', 'timestamp', true), field('affected', 'percent', true)])
    };
    if (extra.inventory) datasets.deployments = dataset('deployments', writeCsv(dir, 'deployments.csv', ['region', 'zone'], extra.inventory), [field('region', 'text'), field('zone', 'text')]);
    const formula: UptimeExpr = { type: 'uptime', dataset: 'outages', from: 'started', to: 'ended', excluding: [], ...options };
    return agreement({
        timezone: 'UTC',
        datasets,
        kpis: [{ key: 'Uptime', name: 'Uptime', unitKind: 'ratio', formula }],
        objectives: [{ kpi: 'Uptime', kpiName: 'Uptime', comparison: '>=', target: 0.9999, unitKind: 'ratio', window: MONTH, scopeField: extra.perRegion ? 'region' : undefined }]
    });
}

async function april(model: AgreementModel) {
    const report = await evaluateAgreement(model, { from: '2026-04-01', to: '2026-04-30', now: NOW });
    return report.objectives[0]!.windows;
}

const t = (time: string) => `2026-04-10T${time}Z`;

describe('downtime across replicas: down only while every instance is down', () => {
    // a down 10:00–11:00, b 10:30–12:00, c 10:45–10:50: all three down 10:45–10:50 = 5 minutes
    // (the union would be 10:00–12:00, 120 minutes). d is not in the deployment: ignored.
    const rows = [
        ['eu', 'a', t('10:00:00'), t('11:00:00'), ''],
        ['eu', 'b', t('10:30:00'), t('12:00:00'), ''],
        ['eu', 'c', t('10:45:00'), t('10:50:00'), ''],
        ['eu', 'd', t('09:00:00'), t('13:00:00'), '']
    ];

    it('intersects the outages of the listed instances', async () => {
        const [window] = await april(outages(rows, { across: { field: 'zone', instances: ['a', 'b', 'c'] } }));
        expect(window!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 5, APRIL_MINUTES)));
        // Without across: the union of all four rows, 09:00–13:00 = 240 minutes.
        const [union] = await april(outages(rows, {}));
        expect(union!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 240, APRIL_MINUTES)));
    });

    it('is never down while one listed instance has no outage', async () => {
        // e has no outage at all: the deployment was never down.
        const [window] = await april(outages(rows, { across: { field: 'zone', instances: ['a', 'b', 'e'] } }));
        expect(window!.value).toBe(1);
    });

    it('takes the instances per region from an inventory; a region with one zone is not replicated', async () => {
        // Inventory: eu in a, b; us in a only; ap in a, b (no outages at all).
        // eu: a 10:00–11:00 ∩ b 10:30–10:40 → 10 minutes down. us: one zone → no data, notReplicated.
        const model = outages([
            ['eu', 'a', t('10:00:00'), t('11:00:00'), ''],
            ['eu', 'b', t('10:30:00'), t('10:40:00'), ''],
            ['us', 'a', t('10:00:00'), t('11:00:00'), '']
        ], { across: { field: 'zone', inventory: 'deployments' } }, { perRegion: true, inventory: [['eu', 'a'], ['eu', 'b'], ['us', 'a'], ['ap', 'a'], ['ap', 'b']] });
        const byRegion = Object.fromEntries((await april(model)).map((w) => [w.scopeValue, w]));
        expect(byRegion.eu!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 10, APRIL_MINUTES)));
        expect(byRegion.us!.status).toBe('no data');
        expect(byRegion.us!.value).toBeNull();
        expect(byRegion.us!.notReplicated).toEqual({ instances: 1 });
        // ap has no outage row: it is a scope through the inventory, up all month.
        expect(byRegion.ap!.value).toBe(1);
        expect(byRegion.ap!.status).toBe('met');
    });
});

describe('downtime weighted by the share of users affected', () => {
    it('counts each moment at the largest share of the outages covering it', async () => {
        // 10:00–10:40 at 25 % → 10 minutes. 20:00–20:30 at 50 % with 20:10–20:20 at 100 % inside:
        // 10 × 0.5 + 10 × 1 + 10 × 0.5 = 20 minutes. Total 30 minutes of 43,200.
        const [window] = await april(outages([
            ['eu', 'a', t('10:00:00'), t('10:40:00'), '25%'],
            ['eu', 'a', t('20:00:00'), t('20:30:00'), '50%'],
            ['eu', 'a', t('20:10:00'), t('20:20:00'), '100%']
        ], { weightedBy: 'affected' }));
        expect(window!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 30, APRIL_MINUTES)));
    });

    it('with summed, adds the shares of overlapping outages (user minutes), up to everyone', async () => {
        // Same rows as above: 10:00–10:40 at 25 % → 10 minutes. 20:00–20:30 at 50 % with 20:10–20:20 at 100 %:
        // 10 × 0.5 + 10 × min(1, 1.5) + 10 × 0.5 = 20 minutes. 21:00–21:30 at 10 % with 21:00–21:30 at 20 %:
        // 30 × 0.3 = 9 minutes exactly (largest share: 30 × 0.2 = 6). Total 39 minutes (largest: 36).
        const rows = [
            ['eu', 'a', t('10:00:00'), t('10:40:00'), '25%'],
            ['eu', 'a', t('20:00:00'), t('20:30:00'), '50%'],
            ['eu', 'a', t('20:10:00'), t('20:20:00'), '100%'],
            ['eu', 'a', t('21:00:00'), t('21:30:00'), '10%'],
            ['eu', 'a', t('21:00:00'), t('21:30:00'), '20%']
        ];
        const [summed] = await april(outages(rows, { weightedBy: 'affected', weightsSummed: true }));
        expect(summed!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 39, APRIL_MINUTES)));
        const [largest] = await april(outages(rows, { weightedBy: 'affected' }));
        expect(largest!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 36, APRIL_MINUTES)));
    });

    it('sums the shares exactly: 10 % + 20 % over 30 minutes is 9 minutes to the millisecond', () => {
        // In binary floating point 0.1 + 0.2 is 0.30000000000000004: 540,000.0000000001 ms.
        const thirtyMinutes: [number, number] = [0, 1_800_000];
        const pieces = combinedDowntime({ intervals: [thirtyMinutes, thirtyMinutes], weights: [0.1, 0.2] }, { weightedBy: 'affected', weightsSummed: true });
        expect(pieces).toHaveLength(1);
        const { exact, ms } = downtimeIn(pieces, [thirtyMinutes], 0, 1_800_000, false);
        expect(compare(exact, exactInteger(540_000))).toBe(0);
        expect(ms).toBe(1_800_000);
        // Shares above everyone are capped: 70 % + 60 % counts the 30 minutes once.
        const capped = combinedDowntime({ intervals: [thirtyMinutes, thirtyMinutes], weights: [0.7, 0.6] }, { weightedBy: 'affected', weightsSummed: true });
        expect(compare(downtimeIn(capped, [thirtyMinutes], 0, 1_800_000, false).exact, exactInteger(1_800_000))).toBe(0);
    });

    it('counts an outage without a share as affecting everyone, and refuses a share above 100 %', async () => {
        const [window] = await april(outages([['eu', 'a', t('10:00:00'), t('10:10:00'), '']], { weightedBy: 'affected' }));
        expect(window!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 10, APRIL_MINUTES)));
        const evaluation = evaluateAgreement(outages([['eu', 'a', t('10:00:00'), t('10:10:00'), '150%']], { weightedBy: 'affected' }), { from: '2026-04-01', to: '2026-04-30', now: NOW });
        await expect(evaluation).rejects.toThrow(/outages\.csv:2: invalid row: the share of users affected is 1\.5, not between 0 and 1/);
    });
});

describe('minimum downtime periods and whole minutes', () => {
    it('drops downtime periods shorter than the minimum (overlapping outages merge first)', async () => {
        // 10:00–10:04 (4 min, dropped); 11:00–11:03 and 11:03–11:06 touch: one period of 6 min, kept.
        const [window] = await april(outages([
            ['eu', 'a', t('10:00:00'), t('10:04:00'), ''],
            ['eu', 'a', t('11:00:00'), t('11:03:00'), ''],
            ['eu', 'a', t('11:03:00'), t('11:06:00'), '']
        ], { minimumOutageMs: 5 * 60_000 }));
        expect(window!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 6, APRIL_MINUTES)));
    });

    it('counts only the whole minutes of each downtime period', async () => {
        // 10:00:00–10:04:59 → 4 whole minutes; 10:10:30–10:11:20 (50 s) → none.
        const [window] = await april(outages([
            ['eu', 'a', t('10:00:00'), t('10:04:59'), ''],
            ['eu', 'a', t('10:10:30'), t('10:11:20'), '']
        ], { wholeMinutes: true }));
        expect(window!.value).toBe(toNumber(exactRatio(APRIL_MINUTES - 4, APRIL_MINUTES)));
    });
});

describe('downtime across replicas with `at least N down`: down while N instances are down at once', () => {
    // a 10:00–11:00, b 10:30–12:00, c 10:45–10:50 (and c again 11:30–11:40), d not listed: ignored.
    // At least 2 down: 10:30–11:00 (a, b) and 11:30–11:40 (b, c) = 40 minutes; at least 1: the union 10:00–12:00 = 120;
    // at least 3: 10:45–10:50 = 5, as without it (every listed zone).
    const rows = [
        ['eu', 'a', t('10:00:00'), t('11:00:00'), ''],
        ['eu', 'b', t('10:30:00'), t('12:00:00'), ''],
        ['eu', 'c', t('10:45:00'), t('10:50:00'), ''],
        ['eu', 'c', t('11:30:00'), t('11:40:00'), ''],
        ['eu', 'd', t('09:00:00'), t('13:00:00'), '']
    ];
    const downMinutes = async (atLeast?: number) => {
        const window = (await april(outages(rows, { across: { field: 'zone', instances: ['a', 'b', 'c'], ...(atLeast === undefined ? {} : { atLeast }) } })))[0]!;
        return Math.round((1 - window.value!) * APRIL_MINUTES * 1e6) / 1e6;
    };

    it('counts the time with at least N listed instances down', async () => {
        expect(await downMinutes(2)).toBe(40);
        expect(await downMinutes(1)).toBe(120);
        expect(await downMinutes(3)).toBe(5);
        expect(await downMinutes()).toBe(5);
    });

    it('two instances down one after the other (touching, not overlapping) are never down together', async () => {
        const touching = [['eu', 'a', t('10:00:00'), t('10:30:00'), ''], ['eu', 'b', t('10:30:00'), t('11:00:00'), '']];
        const window = (await april(outages(touching, { across: { field: 'zone', instances: ['a', 'b'], atLeast: 2 } })))[0]!;
        expect(window.value).toBe(1);
    });

    it('AWS\'s region: more than one zone of the deployments down; a region with fewer zones than that is not replicated (no data)', async () => {
        // us-east-1 runs in three zones, az1 and az2 down 10:00–10:30 together: 30 minutes of 43,200; eu-west-1 in one zone only.
        const regional = [
            ['us-east-1', 'use1-az1', t('10:00:00'), t('10:30:00'), ''],
            ['us-east-1', 'use1-az2', t('10:00:00'), t('10:30:00'), ''],
            ['eu-west-1', 'euw1-az1', t('08:00:00'), t('09:00:00'), '']
        ];
        const inventory = [['us-east-1', 'use1-az1'], ['us-east-1', 'use1-az2'], ['us-east-1', 'use1-az4'], ['eu-west-1', 'euw1-az1']];
        const model = outages(regional, { across: { field: 'zone', inventory: 'deployments', atLeast: 2 } }, { inventory, perRegion: true });
        const windows = await april(model);
        const us = windows.find((window) => window.scopeValue === 'us-east-1')!;
        expect(us.value).toBeCloseTo(1 - 30 / APRIL_MINUTES, 12);
        const eu = windows.find((window) => window.scopeValue === 'eu-west-1')!;
        expect([eu.status, eu.notReplicated]).toEqual(['no data', { instances: 1 }]);
        // Three down at once in a region of two zones can never happen: no data, and the note says how many are needed.
        const report = await evaluateAgreement(outages(regional, { across: { field: 'zone', inventory: 'deployments', atLeast: 3 } }, { inventory: [['us-east-1', 'use1-az1'], ['us-east-1', 'use1-az2']], perRegion: true }), { from: '2026-04-01', to: '2026-04-30', now: NOW });
        expect(report.objectives[0]!.windows.find((window) => window.scopeValue === 'us-east-1')!.notReplicated).toEqual({ instances: 2, needed: 3 });
        expect(report.notes.some((note) => note.includes("fewer than the 3 instances its 'at least N down' needs"))).toBe(true);
    });
});
