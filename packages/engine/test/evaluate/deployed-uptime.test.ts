/**
 * `uptime(outages, …, deployed in deployments by database from created to deleted)`: each database
 * over its own deployed time, summed over the databases (Azure SQL Database's "Maximum Available
 * Minutes … for all databases deployed"; EC2's instance "in the running state").
 */
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type UptimeExpr } from '../../src/index.js';
import { exactRatio, toNumber } from '../../src/evaluate/exact-value.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

const NOW = at('2027-01-01T00:00:00Z');

// The worker thread runs the compiled module (a worker cannot load this TypeScript source): build before testing.
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

/** db1 deployed all April with a 60-minute outage; db2 created 21 April with a 60-minute outage; db3 never deployed, down 60 minutes. */
const OUTAGES = [
    ['db1', '2026-04-10T10:00:00Z', '2026-04-10T11:00:00Z'],
    ['db2', '2026-04-25T10:00:00Z', '2026-04-25T11:00:00Z'],
    ['db3', '2026-04-12T10:00:00Z', '2026-04-12T11:00:00Z']
];
const DEPLOYMENTS = [
    ['db1', '2026-04-01T00:00:00Z', ''],
    ['db2', '2026-04-21T00:00:00Z', '']
];

interface Setup {
    outages?: string[][];
    deployments?: string[][];
    perDatabase?: boolean;
    timezone?: string;
    options?: Partial<UptimeExpr>;
    validity?: { from: string; to: string };
}

function model(setup: Setup = {}): AgreementModel {
    const dir = tempDir();
    const formula: UptimeExpr = {
        type: 'uptime', dataset: 'outages', from: 'started', to: 'ended', excluding: [],
        deployed: { inventory: 'deployments', field: 'database', from: 'created', to: 'deleted' },
        ...setup.options
    };
    return agreement({
        timezone: setup.timezone ?? 'UTC',
        validity: setup.validity ?? { from: '2026-03-01', to: '2026-04-30' },
        datasets: {
            outages: dataset('outages', writeCsv(dir, 'outages.csv', ['database', 'started', 'ended'], setup.outages ?? OUTAGES),
                [field('database', 'text'), field('started', 'timestamp'), field('ended', 'timestamp', true)]),
            deployments: dataset('deployments', writeCsv(dir, 'deployments.csv', ['database', 'created', 'deleted'], setup.deployments ?? DEPLOYMENTS),
                [field('database', 'text'), field('created', 'timestamp'), field('deleted', 'timestamp', true)])
        },
        kpis: [{ key: 'Uptime', name: 'Uptime', unitKind: 'ratio', formula }],
        objectives: [{ kpi: 'Uptime', kpiName: 'Uptime', comparison: '>=', target: 0.9999, unitKind: 'ratio', window: MONTH, scopeField: setup.perDatabase ? 'database' : undefined }]
    });
}

async function windows(setup: Setup = {}) {
    const report = await evaluateAgreement(model(setup), { now: NOW });
    return { windows: report.objectives[0]!.windows, notes: report.notes };
}

/** April 2026: 30 days = 43,200 minutes; 21–30 April: 10 days = 14,400 minutes. */
const APRIL = 43_200;
const LAST_TEN_DAYS = 14_400;

describe('uptime over each resource\'s deployed time', () => {
    it('for each database: each over its own deployed time (db2 from 21 April, not all April)', async () => {
        const { windows: all } = await windows({ perDatabase: true });
        const april = Object.fromEntries(all.filter((w) => w.start.startsWith('2026-04')).map((w) => [w.scopeValue, w]));
        // db1: (43,200 − 60) / 43,200 = 99.8611 %.
        expect(april.db1!.value).toBe(toNumber(exactRatio(APRIL - 60, APRIL)));
        expect(april.db1!.value!.toFixed(6)).toBe('0.998611');
        // db2: (14,400 − 60) / 14,400 = 99.5833 % — measured over all April it would read 99.8611 %.
        expect(april.db2!.value).toBe(toNumber(exactRatio(LAST_TEN_DAYS - 60, LAST_TEN_DAYS)));
        expect(april.db2!.value!.toFixed(6)).toBe('0.995833');
        // db3 is in no deployment: no eligible time, no data (never 100 %), and its hour is reported.
        expect(april.db3!.status).toBe('no data');
        expect(april.db3!.value).toBeNull();
        expect(april.db3!.notDeployed).toEqual({ outageMs: 60 * 60_000, resources: ['db3'] });
    });

    it('without for each: eligible time and downtime summed over the databases; an outage of a database not deployed is no downtime, and said', async () => {
        const { windows: [march, april], notes } = await windows();
        // No database deployed in March: no eligible time, no data (not 100 %).
        expect(march!.status).toBe('no data');
        expect(march!.value).toBeNull();
        // (43,200 + 14,400 − 60 − 60) / 57,600 = 57,480 / 57,600 = 99.7917 %; db3's hour is not downtime.
        expect(april!.value).toBe(toNumber(exactRatio(57_600 - 120, 57_600)));
        expect(april!.value!.toFixed(6)).toBe('0.997917');
        expect(april!.notDeployed).toEqual({ outageMs: 60 * 60_000, resources: ['db3'] });
        expect(notes).toContain("Uptime: 1 h of outages in 1 window(s) are of database db3 while the inventory 'deployments' lists no deployment of it: not downtime, and not in the value. Add the deployment to the inventory 'deployments' if it was deployed.");
    });

    it('a database deleted on 5 April counts 4 days; its outage after the deletion is no downtime', async () => {
        // db4 deployed 1 March – 5 April 00:00; down 4 April 23:30 – 5 April 00:30: 30 minutes deployed, 30 not.
        // April: 4 days = 5,760 minutes eligible → (5,760 − 30) / 5,760 = 99.4792 %. March: 31 days down-free = 100 %.
        const { windows: [march, april] } = await windows({
            outages: [['db4', '2026-04-04T23:30:00Z', '2026-04-05T00:30:00Z']],
            deployments: [['db4', '2026-03-01T00:00:00Z', '2026-04-05T00:00:00Z']]
        });
        expect(march!.value).toBe(1);
        expect(april!.value).toBe(toNumber(exactRatio(5_760 - 30, 5_760)));
        expect(april!.notDeployed).toEqual({ outageMs: 30 * 60_000, resources: ['db4'] });
    });

    it('a resource deployed twice counts each deployment once; overlapping rows and outages count once', async () => {
        // db5: 1–11 April and 21 April – (still deployed), with a duplicate row for 5–8 April: 10 + 10 days = 28,800 minutes.
        // Outages 10 April 10:00–11:00 and 10:30–11:30 (merged: 90 minutes); 15 April 10:00–11:00 while not deployed.
        const { windows: [, april] } = await windows({
            outages: [['db5', '2026-04-10T10:00:00Z', '2026-04-10T11:00:00Z'], ['db5', '2026-04-10T10:30:00Z', '2026-04-10T11:30:00Z'], ['db5', '2026-04-15T10:00:00Z', '2026-04-15T11:00:00Z']],
            deployments: [['db5', '2026-04-01T00:00:00Z', '2026-04-11T00:00:00Z'], ['db5', '2026-04-05T00:00:00Z', '2026-04-08T00:00:00Z'], ['db5', '2026-04-21T00:00:00Z', '']]
        });
        // (28,800 − 90) / 28,800 = 99.6875 %.
        expect(april!.value).toBe(toNumber(exactRatio(28_800 - 90, 28_800)));
        expect(april!.notDeployed).toEqual({ outageMs: 60 * 60_000, resources: ['db5'] });
    });

    it('`at least` and `whole minutes` judge each database\'s own downtime periods', async () => {
        // db1 down 4 min 30 s and db2 down 6 min 30 s, at the same time: each period is judged alone (not their union, 6 min 30 s).
        // at least 5 minutes: db1's period does not count, db2's does: whole minutes → 6 minutes.
        // Eligible: db1 all April (43,200) + db2 from 21 April (14,400) = 57,600 minutes → (57,600 − 6) / 57,600.
        const outages = [['db1', '2026-04-25T10:00:00Z', '2026-04-25T10:04:30Z'], ['db2', '2026-04-25T10:00:00Z', '2026-04-25T10:06:30Z']];
        const { windows: [, april] } = await windows({ outages, options: { minimumOutageMs: 5 * 60_000, wholeMinutes: true } });
        expect(april!.value).toBe(toNumber(exactRatio(57_600 - 6, 57_600)));
    });

    it('for each region: the databases the inventory places in the region, summed; weighted outages count their share per database', async () => {
        // eu: db1 (all April, 43,200 min) and db2 (from 21 April, 14,400 min); us: db4 (all April, 43,200 min).
        // db1 down 60 min at 50 % affected = 30; db2 down 60 min (no share: everyone) = 60; db4 down 120 min at 25 % = 30.
        // eu: (57,600 − 90) / 57,600 = 99.84375 %; us: (43,200 − 30) / 43,200 = 99.9306 %.
        const dir = tempDir();
        const formula: UptimeExpr = {
            type: 'uptime', dataset: 'outages', from: 'started', to: 'ended', excluding: [], weightedBy: 'affected',
            deployed: { inventory: 'deployments', field: 'database', from: 'created', to: 'deleted' }
        };
        const regional = agreement({
            timezone: 'UTC',
            validity: { from: '2026-04-01', to: '2026-04-30' },
            datasets: {
                outages: dataset('outages', writeCsv(dir, 'outages.csv', ['region', 'database', 'started', 'ended', 'affected'], [
                    ['eu', 'db1', '2026-04-10T10:00:00Z', '2026-04-10T11:00:00Z', '50%'],
                    ['eu', 'db2', '2026-04-25T10:00:00Z', '2026-04-25T11:00:00Z', ''],
                    ['us', 'db4', '2026-04-26T10:00:00Z', '2026-04-26T12:00:00Z', '25%']
                ]), [field('region', 'text'), field('database', 'text'), field('started', 'timestamp'), field('ended', 'timestamp', true), field('affected', 'percent', true)]),
                deployments: dataset('deployments', writeCsv(dir, 'deployments.csv', ['region', 'database', 'created', 'deleted'], [
                    ['eu', 'db1', '2026-01-01T00:00:00Z', ''],
                    ['eu', 'db2', '2026-04-21T00:00:00Z', ''],
                    ['us', 'db4', '2026-01-01T00:00:00Z', '']
                ]), [field('region', 'text'), field('database', 'text'), field('created', 'timestamp'), field('deleted', 'timestamp', true)])
            },
            kpis: [{ key: 'Uptime', name: 'Uptime', unitKind: 'ratio', formula }],
            objectives: [{ kpi: 'Uptime', kpiName: 'Uptime', comparison: '>=', target: 0.9999, unitKind: 'ratio', window: MONTH, scopeField: 'region' }]
        });
        const report = await evaluateAgreement(regional, { now: NOW });
        const byRegion = Object.fromEntries(report.objectives[0]!.windows.map((w) => [w.scopeValue, w.value]));
        expect(byRegion).toEqual({ eu: toNumber(exactRatio(57_600 - 90, 57_600)), us: toNumber(exactRatio(APRIL - 30, APRIL)) });
    });

    it('a window boundary in Europe/Berlin: a database created at 23:00 on 31 March (local) counts one hour in March', async () => {
        // 2026-03-31T21:00Z is 23:00 CEST; March ends at 2026-03-31T22:00Z (April 00:00 CEST). Down 21:30Z–22:30Z, and
        // 30 minutes on 20 April (the outages' data reach into April). March: 60 minutes deployed, 30 down → 50 %.
        // April (30 days, 43,200 minutes): 30 + 30 down → (43,200 − 60) / 43,200 = 99.8611 %.
        const { windows: [march, april] } = await windows({
            timezone: 'Europe/Berlin',
            outages: [['db1', '2026-03-31T21:30:00Z', '2026-03-31T22:30:00Z'], ['db1', '2026-04-20T10:00:00Z', '2026-04-20T10:30:00Z']],
            deployments: [['db1', '2026-03-31T21:00:00Z', '']]
        });
        expect(march!.start).toBe('2026-03-01T00:00:00+01:00');
        expect(april!.start).toBe('2026-04-01T00:00:00+02:00');
        expect(march!.value).toBe(0.5);
        expect(april!.value).toBe(toNumber(exactRatio(APRIL - 60, APRIL)));
    });

    it('an inventory row without a start, or ending before it starts, stops the evaluation with its line', async () => {
        await expect(windows({ deployments: [['db1', '2026-04-10T00:00:00Z', '2026-04-01T00:00:00Z']] })).rejects.toThrow(/deployments\.csv:2: invalid row: the deployment ends before it starts/);
    });

    it('two threads give what one gives: a worker\'s deployments and outage resources merge into the main thread\'s', async () => {
        // 400 databases, each deployed on a day of March or April (some deleted later), with outages before and
        // after their deployment: files cut in ranges read by two threads (pass-state.ts) must give the same report.
        const deployments: string[][] = [];
        const outages: string[][] = [];
        const day = (n: number, hour = 0) => new Date(Date.UTC(2026, 2, 1 + n, hour)).toISOString();
        for (let i = 0; i < 400; i++) {
            deployments.push([`db${i}`, day(i % 50), i % 3 === 0 ? day((i % 50) + 7) : '']);
            outages.push([`db${i}`, day(i % 55, 10), day(i % 55, 11)], [`db${i}`, day((i * 7) % 60, 3), day((i * 7) % 60, 5)]);
        }
        for (const perDatabase of [false, true]) {
            const agreementModel = model({ outages, deployments, perDatabase });
            const serial = await evaluateAgreement(agreementModel, { now: NOW, parallelMinBytes: Infinity });
            const parallel = await evaluateAgreement(agreementModel, { now: NOW, parallelMinBytes: 1, parallelRangeBytes: 2048, readChunkBytes: 1024 });
            expect(serial.objectives[0]!.windows.some((window) => window.notDeployed !== undefined)).toBe(true);
            expect({ ...parallel, generatedAt: '' }).toEqual({ ...serial, generatedAt: '' });
        }
    });
});
