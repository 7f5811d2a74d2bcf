import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Named exclusions, evaluated (UTC; the maintenance is every Sunday 02:00–04:00).
 *
 * Scheduled: maintenance time is excluded up to 20 hours per calendar year, counted from
 * 1 January even though the evaluation starts on 1 March: 2 h × 10 Sundays = 20 h covers
 * 4, 11, 18, 25 January, 1, 8, 15, 22 February and 1, 8 March. So in March only 1 and 8 March
 * are excluded (240 min) and 15, 22, 29 March count as ordinary time; April excludes nothing.
 *
 * March (31 days = 44,640 min): eligible = 44,640 − 240 = 44,400 min.
 *   8 March 02:30–03:30 (inside excluded maintenance): not downtime;
 *   10 March 10:00–12:00, caused by the customer: excluded row, not downtime;
 *   15 March 02:00–03:00 (maintenance after the cap): 60 min of downtime;
 *   20 March 10:00–10:30: 30 min.
 *   uptime = (44,400 − 90) / 44,400 = 44,310 / 44,400 = 0.997972972… → breached (< 99.9 %).
 * April (30 days = 43,200 min, nothing excluded): 5 April 02:00–04:00 = 120 min of downtime,
 *   uptime = 43,080 / 43,200 = 0.997222… → breached.
 */
const INCIDENTS = `started,resolved,cause
2026-03-08T02:30:00Z,2026-03-08T03:30:00Z,provider
2026-03-10T10:00:00Z,2026-03-10T12:00:00Z,customer
2026-03-15T02:00:00Z,2026-03-15T03:00:00Z,provider
2026-03-20T10:00:00Z,2026-03-20T10:30:00Z,provider
2026-04-05T02:00:00Z,2026-04-05T04:00:00Z,provider
`;

/**
 * Beta: requests of beta features leave the success rate. March: 8 GA requests (7 succeed)
 * and 2 beta requests (both fail): 7 / 8 = 87.5 % with the exclusion (70 % without).
 */
const REQUESTS = `time,status,stage
2026-03-02T10:00:00Z,200,ga
2026-03-02T10:01:00Z,200,ga
2026-03-02T10:02:00Z,200,ga
2026-03-02T10:03:00Z,200,ga
2026-03-02T10:04:00Z,200,ga
2026-03-02T10:05:00Z,200,ga
2026-03-02T10:06:00Z,200,ga
2026-03-02T10:07:00Z,503,ga
2026-03-02T10:08:00Z,500,beta
2026-03-02T10:09:00Z,500,beta
`;

const agreement = (cap: string) => `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    maintenance Patching "Planned maintenance" {
        every sunday 02:00 to 04:00
        notice 48 hours
    }

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
        cause one of "provider", "customer"
    }

    dataset requests "Requests" from "requests.csv" {
        time timestamp
        status integer
        stage one of "ga", "beta"
    }

    exclusion ForceMajeure "Events beyond the provider's control"
    exclusion CustomerCaused "Outages caused by the customer" = incidents where cause = "customer"
    exclusion Scheduled "Scheduled maintenance with 48 hours' notice" during Patching${cap}

    service Web "Web" {
        exclusion Beta "Beta features" = requests where stage = "beta"
        kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
        kpi Success "Share of successful requests" = share(requests where status < 500 of requests)
        objective Availability >= 99.9% per calendar month
        objective Success >= 99% per calendar month
    }
}
`;

const files = (cap: string) => ({ 'hosting.sla': agreement(cap), 'incidents.csv': INCIDENTS, 'requests.csv': REQUESTS });
const options = { from: '2026-03-01', to: '2026-04-30' };

describe('exclusions', async () => {
    const report = await evaluateFixture(files(', at most 20 hours per calendar year'), options);
    const [availability, success] = report.objectives;

    it('a capped maintenance exclusion counts its cap from the start of the year, and a customer-caused outage is no downtime', () => {
        expect(availability!.windows.map(w => w.value)).toEqual([44_310 / 44_400, 43_080 / 43_200]);
        expect(availability!.windows.map(w => w.status)).toEqual(['breached', 'breached']);
    });

    it('each window says what each exclusion took out: rows of the dataset, maintenance time after the cap', () => {
        // March: 1 customer row; 1 and 8 March, 2 h each = 4 h = 14,400,000 ms. April: nothing.
        expect(availability!.windows[0]!.excluded).toEqual([{ exclusion: 'CustomerCaused', rows: 1 }, { exclusion: 'Scheduled', timeMs: 14_400_000 }]);
        expect(availability!.windows[1]!.excluded).toEqual([{ exclusion: 'CustomerCaused', rows: 0 }, { exclusion: 'Scheduled', timeMs: 0 }]);
    });

    it('a row exclusion of a service leaves its rows out of a share: 7 of 8, not 7 of 10', () => {
        expect(success!.windows[0]).toMatchObject({ value: 0.875, status: 'breached', rows: 8 });
        expect(success!.windows[0]!.excluded).toEqual([{ exclusion: 'Beta', rows: 2 }]);
    });

    it('the report lists every exclusion, the declared one as not measured, with a note', () => {
        expect(report.exclusions).toEqual([
            { name: 'ForceMajeure', text: "Events beyond the provider's control", measured: false, appliesTo: [] },
            { name: 'CustomerCaused', text: 'Outages caused by the customer', measured: true, dataset: 'incidents', appliesTo: ['Web.Availability'] },
            { name: 'Scheduled', text: "Scheduled maintenance with 48 hours' notice", measured: true, maintenance: 'Patching', cap: { ms: 72_000_000, per: 'calendar year' }, appliesTo: ['Web.Availability'] },
            { name: 'Beta', text: 'Beta features', service: 'Web', measured: true, dataset: 'requests', appliesTo: ['Web.Success'] }
        ]);
        expect(report.notes.join('\n')).toContain('Exclusion ForceMajeure ("Events beyond the provider\'s control") is a declared term the data cannot show');
    });

    it('without a cap the maintenance is excluded every Sunday, as `excluding` does', async () => {
        // March: Sundays 1, 8, 15, 22, 29 = 5 × 120 = 600 min; eligible 44,640 − 600 = 44,040 min.
        // Downtime: 8 March inside maintenance (0), 15 March 02:00–03:00 inside maintenance (0), 20 March 30 min.
        // uptime = 44,010 / 44,040. April: Sundays 5, 12, 19, 26 = 480 min; the 5 April outage is inside: 43,200 − 480 = 42,720, uptime 1.
        const uncapped = await evaluateFixture(files(''), options);
        expect(uncapped.objectives[0]!.windows.map(w => w.value)).toEqual([44_010 / 44_040, 1]);
        expect(uncapped.objectives[0]!.windows[0]!.excluded).toEqual([{ exclusion: 'CustomerCaused', rows: 1 }, { exclusion: 'Scheduled', timeMs: 36_000_000 }]);
    });

    it('counted as available, the maintenance stays eligible time and no outage in it is downtime', async () => {
        // March: eligible all 44,640 min; downtime only 20 March 10:00–10:30 (8 and 15 March are inside maintenance):
        // uptime = 44,610 / 44,640 (excluded instead: 44,010 / 44,040). April: the 5 April outage is inside: uptime 1.
        const available = await evaluateFixture(files(', counted as available'), options);
        expect(available.objectives[0]!.windows.map(w => w.value)).toEqual([44_610 / 44_640, 1]);
        // Sundays 1, 8, 15, 22, 29 March: 600 min counted as available.
        expect(available.objectives[0]!.windows[0]!.excluded).toEqual([
            { exclusion: 'CustomerCaused', rows: 1 }, { exclusion: 'Scheduled', timeMs: 36_000_000, countedAsAvailable: true }
        ]);
        expect(available.exclusions?.find(e => e.name === 'Scheduled')).toMatchObject({ maintenance: 'Patching', countedAsAvailable: true });
        // The table says which: counted as available (here), or taken out (the uncapped exclusion above).
        const table = renderTable(available, { color: false });
        expect(table).toContain('counted as available by Scheduled: 10 h');
        expect(table).toContain('downtime during Patching (counted as available)');
        const excluded = renderTable(await evaluateFixture(files(''), options), { color: false });
        expect(excluded).toContain('excluded by Scheduled: 10 h');
        expect(excluded).toContain('time of Patching');
        expect(excluded).not.toContain('counted as available');
    });

    it('counted as available with a cap: the first 20 hours of the year, the rest is ordinary time', async () => {
        // March: 1 and 8 March (240 min) are available; 15 March 02:00–03:00 counts (60 min) and 20 March (30 min):
        // (44,640 − 90) / 44,640. April: the cap is used, the 5 April outage counts 120 min: 43,080 / 43,200.
        const capped = await evaluateFixture(files(', at most 20 hours per calendar year, counted as available'), options);
        expect(capped.objectives[0]!.windows.map(w => w.value)).toEqual([44_550 / 44_640, 43_080 / 43_200]);
        expect(capped.objectives[0]!.windows[0]!.excluded).toContainEqual({ exclusion: 'Scheduled', timeMs: 14_400_000, countedAsAvailable: true });
    });

    it('an uptime of its own `counting Patching as available` counts as the exclusion does', async () => {
        const own = files('');
        own['hosting.sla'] = own['hosting.sla']
            .replace(/ {4}exclusion Scheduled .*\n/, '')
            .replace('uptime(incidents, from started to resolved)', 'uptime(incidents, from started to resolved) counting Patching as available');
        expect(own['hosting.sla']).toContain('counting Patching as available');
        const counted = await evaluateFixture(own, options);
        expect(counted.objectives[0]!.windows.map(w => w.value)).toEqual([44_610 / 44_640, 1]);
    });
});
