// The Google Compute Engine example (examples/public-slas/google-compute-engine/) evaluated over
// March and April 2026 against the outcomes computed by hand in its README.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'public-slas', 'google-compute-engine', 'google-compute-engine.sla');

async function report(from = '2026-03-01', to = '2026-04-30') {
    const { documents, services } = await loadSlaFiles([file]);
    return evaluateDocument(documents[0]!, services, { from, to, now: Date.parse('2026-11-25T12:00:00Z') });
}

describe('Compute Engine: Instances in Multiple Zones', () => {
    test('a region is down only while all its zones are down, in whole minutes; a one-zone region is not replicated', async () => {
        const { objectives, notes } = await report();
        const zones = objectives.find((o) => o.kpiKey === 'InstancesInMultipleZones.MonthlyUptime')!;
        // The agreement's plan is the Premium Tier outside Mexico and Stockholm: its line, >= 99.99 %.
        expect(zones.plan).toBe('PremiumTier');
        expect(zones.target).toBe(0.9999);
        const windows = Object.fromEntries(zones.windows.map((w) => [`${w.scopeValue} ${w.start.slice(0, 7)}`, { value: w.value, status: w.status, notReplicated: w.notReplicated }]));
        expect(windows).toEqual({
            // one zone only: no data, never "100 % met"
            'asia-east1 2026-03': { value: null, status: 'no data', notReplicated: { instances: 1 } },
            'asia-east1 2026-04': { value: null, status: 'no data', notReplicated: { instances: 1 } },
            // March: all three zones down 02:00–02:03 → 3 minutes of 44,640 → 99.993280 % ≥ 99.99 %
            'europe-west1 2026-03': { value: 44_637 / 44_640, status: 'met', notReplicated: undefined },
            // April: all down 10:10:30–10:20:45 = 10 min 15 s → 10 whole minutes; zone b alone for an hour and
            // all three for 50 s do not count → 43,190 / 43,200 = 99.976852 % < 99.99 %
            'europe-west1 2026-04': { value: 43_190 / 43_200, status: 'breached', notReplicated: undefined },
            // us-central1-f never down: the region never is
            'us-central1 2026-03': { value: 1, status: 'met', notReplicated: undefined },
            'us-central1 2026-04': { value: 1, status: 'met', notReplicated: undefined }
        });
        expect(notes.some((note) => note.includes('(asia-east1) have a deployment with fewer than two instances'))).toBe(true);
    });
});

describe('Compute Engine: Financial Credits per region, on the region\'s bill', () => {
    test('europe-west1 April (99.976852 %) earns 10 % of its 1,500 USD; a met region and a one-zone region earn nothing', async () => {
        const { credits } = await report();
        const credit = credits.find((c) => c.kpiKey === 'InstancesInMultipleZones.MonthlyUptime')!;
        const windows = Object.fromEntries(credit.windows.map((w) => [`${w.scopeValue} ${w.start.slice(0, 7)}`, { value: w.value, tier: w.tier, fee: w.fee, amount: w.amount }]));
        expect(windows).toEqual({
            // one zone: no Monthly Uptime Percentage, so no tier and no credit (not "100 %"); its bill is read all the same
            'asia-east1 2026-03': { value: null, tier: null, fee: 300, amount: 0 },
            'asia-east1 2026-04': { value: null, tier: null, fee: 300, amount: 0 },
            // 700 + 500 = 1,200 USD; 99.993280 % ≥ 99.99 %: no tier
            'europe-west1 2026-03': { value: 44_637 / 44_640, tier: null, fee: 1_200, amount: 0 },
            // 900 + 600 = 1,500 USD; 99.0 % ≤ 99.976852 % < 99.99 %: the first tier, 10 % × 1,500 = 150 USD
            'europe-west1 2026-04': { value: 43_190 / 43_200, tier: 1, fee: 1_500, amount: 150 },
            'us-central1 2026-03': { value: 1, tier: null, fee: 800, amount: 0 },
            'us-central1 2026-04': { value: 1, tier: null, fee: 800, amount: 0 }
        });
        expect(credit.total).toBe(150);
        expect(credit.scopeTotals).toEqual([
            { scopeValue: 'asia-east1', total: 0, provisionalTotal: 0 },
            { scopeValue: 'europe-west1', total: 150, provisionalTotal: 0 },
            { scopeValue: 'us-central1', total: 0, provisionalTotal: 0 }
        ]);
        expect(credit.feeSource).toBe('billing data');
        // The tiers are the Premium Tier's table (the plan of the agreement).
        expect(credit.plan).toBe('PremiumTier');
        // Only one credit: the Single Instance and Load balancing have no retrieved credit table.
        expect(credits.map((c) => c.kpiKey)).toEqual(['InstancesInMultipleZones.MonthlyUptime']);
    });
});

describe('Compute Engine: A Single Instance, per instance, with the target of its machine family', () => {
    test('a Memory Optimized instance against 99.95 %, the others against 99.9 %; a Spot VM\'s loss is excluded', async () => {
        const { objectives, exclusions } = await report();
        const byInstance = (kpiKey: string) => {
            const objective = objectives.find((o) => o.kpiKey === kpiKey)!;
            expect(objective.plan).toBe('PremiumTier');
            return { target: objective.target, windows: Object.fromEntries(objective.windows.map((w) => [`${w.scopeValue} ${w.start.slice(0, 7)}`, { value: w.value, status: w.status, excluded: w.excluded }])) };
        };
        expect(byInstance('SingleInstance.MemoryOptimizedUptime')).toEqual({
            target: 0.9995,
            windows: {
                // March: 10:00–10:20 = 20 minutes of 44,640 → 44,620 / 44,640 = 99.955197 % ≥ 99.95 %
                'db-1 2026-03': { value: 44_620 / 44_640, status: 'met', excluded: undefined },
                // April: 09:00:00–09:30:45 = 30 min 45 s → 30 whole minutes → 43,170 / 43,200 = 99.930556 % < 99.95 %
                // (it would meet the 99.9 % of the other families: the family decides)
                'db-1 2026-04': { value: 43_170 / 43_200, status: 'breached', excluded: undefined }
            }
        });
        const none = [{ exclusion: 'SpotAndPreemptible', rows: 0 }];
        expect(byInstance('SingleInstance.OtherFamiliesUptime')).toEqual({
            target: 0.999,
            windows: {
                // the Spot VM: no row in March; in April its 3 hours down are taken out by the exclusion → 100 %
                'batch-1 2026-03': { value: 1, status: 'met', excluded: none },
                'batch-1 2026-04': { value: 1, status: 'met', excluded: [{ exclusion: 'SpotAndPreemptible', rows: 1 }] },
                // March: 15:00–15:40 = 40 minutes → 44,600 / 44,640 = 99.910394 % ≥ 99.9 %
                'web-1 2026-03': { value: 44_600 / 44_640, status: 'met', excluded: none },
                // April: connectivity 14:00–14:30 and disk access 14:20–14:45:20 are one Downtime Period of
                // 45 min 20 s → 45 whole minutes; the 50 s on the 22nd is less than a minute, not counted
                // → 43,155 / 43,200 = 99.895833 % < 99.9 %
                'web-1 2026-04': { value: 43_155 / 43_200, status: 'breached', excluded: none }
            }
        });
        expect(exclusions).toEqual([{
            name: 'SpotAndPreemptible',
            text: 'Spot VMs and preemptible instances are not covered by any Service Level Agreement and are excluded from the Compute Engine SLA',
            measured: true,
            appliesTo: ['SingleInstance.OtherFamiliesUptime'],
            dataset: 'other_families_outages'
        }]);
    });
});

describe('Compute Engine: Load balancing, per region', () => {
    test('4 whole minutes in March meet 99.99 %, 5 minutes in April do not', async () => {
        const { objectives } = await report();
        const balancing = objectives.find((o) => o.kpiKey === 'LoadBalancing.MonthlyUptime')!;
        expect(balancing.plan).toBe('PremiumTier');
        expect(balancing.target).toBe(0.9999);
        expect(Object.fromEntries(balancing.windows.map((w) => [`${w.scopeValue} ${w.start.slice(0, 7)}`, { value: w.value, status: w.status }]))).toEqual({
            'europe-west1 2026-03': { value: 1, status: 'met' },
            // 12:00–12:05 = 5 minutes → 43,195 / 43,200 = 99.988426 % < 99.99 % (at most 4.32 minutes allowed)
            'europe-west1 2026-04': { value: 43_195 / 43_200, status: 'breached' },
            // 06:00:00–06:04:30 = 4 min 30 s → 4 whole minutes → 44,636 / 44,640 = 99.991039 % ≥ 99.99 % (4.464 allowed)
            'us-central1 2026-03': { value: 44_636 / 44_640, status: 'met' },
            'us-central1 2026-04': { value: 1, status: 'met' }
        });
    });
});

describe('Cloud Datastore (older wording): Downtime Periods of five consecutive minutes', () => {
    test('only runs of at least five minutes above 10 % errors count, a run over the month\'s end in both months', async () => {
        const { objectives } = await report();
        const datastore = objectives.find((o) => o.kpiKey === 'DatastoreRegional.MonthlyUptime')!;
        // 31 March 23:57 – 1 April 00:03 at 25 %: one Downtime Period of 6 minutes, 3 in each month
        // (each month alone holds a run of 3, shorter than five).
        // March: 3 minutes of 44,640 → 44,637 / 44,640 = 99.993280 % ≥ 99.9 %.
        // April: 3, then runs of 7 (20 %), 4 (50 %, too short), 1 at exactly 10 % (not more), 5 (11 %), 40 (100 %)
        // → 3 + 7 + 5 + 40 = 55 minutes of 43,200 → 43,145 / 43,200 = 99.872685 % < 99.9 %.
        expect(datastore.windows.map((w) => ({ value: w.value, status: w.status, bad: w.slices?.bad }))).toEqual([
            { value: 44_637 / 44_640, status: 'met', bad: 3 },
            { value: 43_145 / 43_200, status: 'breached', bad: 55 }
        ]);
    });

    test('each month the same when evaluated alone (--from 2026-04-01, --to 2026-03-31): the minutes just outside the period are read', async () => {
        const month = async (from: string, to: string) => {
            const datastore = (await report(from, to)).objectives.find((o) => o.kpiKey === 'DatastoreRegional.MonthlyUptime')!;
            return datastore.windows.map((w) => ({ start: w.start.slice(0, 10), value: w.value, status: w.status, bad: w.slices?.bad, provisional: w.provisional === true }));
        };
        // March alone still counts the three minutes of the run that goes on into April (the data are complete to 30 April).
        expect(await month('2026-03-01', '2026-03-31')).toEqual([{ start: '2026-03-01', value: 44_637 / 44_640, status: 'met', bad: 3, provisional: false }]);
        // April alone still counts its first three minutes, the end of the run that began on 31 March 23:57.
        expect(await month('2026-04-01', '2026-04-30')).toEqual([{ start: '2026-04-01', value: 43_145 / 43_200, status: 'breached', bad: 55, provisional: false }]);
    });
});

describe('google-compute-engine: the data script', () => {
    test('reproduces the committed data byte for byte, and its --check recounts the outcomes without the engine', () => {
        const folder = path.dirname(file);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-google-compute-engine-'));
        try {
            const printed = execFileSync(process.execPath, [path.join(folder, 'make-data.mjs'), '--out', out, '--check'], { encoding: 'utf8' });
            for (const data of ['zone-outages.csv', 'deployments.csv', 'datastore-requests.csv', 'billing.csv', 'memory-optimized-outages.csv', 'other-families-outages.csv', 'lb-outages.csv']) {
                expect(fs.readFileSync(path.join(out, 'data', data)).equals(fs.readFileSync(path.join(folder, 'data', data))), `${data} differs from make-data.mjs's output`).toBe(true);
            }
            for (const line of [
                'europe-west1 2026-04: 10 Downtime minutes of 43200 → 99.976852 %',
                'asia-east1 2026-04: one zone, not Instances in Multiple Zones → no data',
                'datastore 2026-03: 3 minutes in Downtime Periods of 44640 → 99.993280 %',
                'datastore 2026-04: 55 minutes in Downtime Periods of 43200 → 99.872685 %',
                'memory-optimized db-1 2026-04: 30 Downtime minutes of 43200 → 99.930556 % breached (target 99.95 %)',
                'other-families web-1 2026-04: 45 Downtime minutes of 43200 → 99.895833 % breached (target 99.9 %)',
                'other-families batch-1 2026-04: 0 Downtime minutes of 43200 → 100.000000 % met (target 99.9 %) (1 row(s) excluded: Spot or preemptible)',
                'load balancing us-central1 2026-03: 4 Downtime minutes of 44640 → 99.991039 % met (target 99.99 %)',
                'load balancing europe-west1 2026-04: 5 Downtime minutes of 43200 → 99.988426 % breached (target 99.99 %)'
            ]) expect(printed).toContain(line);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
