import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

/** An availability agreement over an incident register; outages are [started, resolved). */
function availability(rows: (string | number)[][], extra: Partial<AgreementModel> = {}, excluding: string[] = []): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved', 'severity'], rows);
    const formula: Expr = {
        type: 'uptime',
        dataset: 'incidents',
        where: { type: 'binary', op: '=', left: { type: 'field', dataset: 'incidents', field: 'severity' }, right: { type: 'string', value: 'outage' } },
        from: 'started',
        to: 'resolved',
        excluding
    };
    return agreement({
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), field('severity', 'text')]) },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }],
        ...extra
    });
}

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
// March 2026 in Europe/Berlin: 31 days × 1440 min − 60 min (clocks spring forward on 29 March) = 44,580 min.
const MARCH_MINUTES = 31 * 1440 - 60;

describe('uptime', () => {
    it('rejects an outage that ends before it starts, naming file, line and fields', async () => {
        // Line 2: resolved 09:00 is before started 10:00 (swapped columns); counting it as
        // no outage would report 100 %.
        const model = availability([['2026-03-10T10:00:00+01:00', '2026-03-10T09:00:00+01:00', 'outage']]);
        const evaluation = evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        await expect(evaluation).rejects.toMatchObject({ name: 'DataError', line: 2, field: 'resolved' });
        await expect(evaluation).rejects.toThrow(/incidents\.csv:2: invalid row: the outage ends before it starts \(resolved 2026-03-10T08:00:00\.000Z is before started 2026-03-10T09:00:00\.000Z\)/);
    });

    it('accepts an outage of zero length (it ends as it starts) as no downtime', async () => {
        const model = availability([['2026-03-10T10:00:00+01:00', '2026-03-10T10:00:00+01:00', 'outage']]);
        const report = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        expect(report.objectives[0]!.windows[0]!.value).toBe(1);
    });

    it('measures the Berlin March 2026 window as 44,580 minutes', async () => {
        // One outage of exactly 60 minutes: uptime = (44,580 − 60) / 44,580.
        const model = availability([['2026-03-10T10:00:00+01:00', '2026-03-10T11:00:00+01:00', 'outage']]);
        const report = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        const [window] = report.objectives[0]!.windows;
        expect(window!.start).toBe('2026-03-01T00:00:00+01:00');
        expect(window!.end).toBe('2026-04-01T00:00:00+02:00');
        expect(at(window!.end) - at(window!.start)).toBe(44_580 * 60_000);
        expect(window!.value).toBeCloseTo((MARCH_MINUTES - 60) / MARCH_MINUTES, 15);
        // 1 − 60/44,580 = 0.998654 < 0.999 → breached; budget used = (60/44,580)/0.001 = 1.3459…
        expect(window!.status).toBe('breached');
        expect(window!.budgetConsumed).toBeCloseTo(60 / 44_580 / 0.001, 9);
        expect(window!.partial).toBe(false);
    });

    it('counts overlapping outages once', async () => {
        // [10:00, 11:00) ∪ [10:30, 11:30) = [10:00, 11:30): 90 minutes, not 120.
        const model = availability([
            ['2026-03-10T10:00:00+01:00', '2026-03-10T11:00:00+01:00', 'outage'],
            ['2026-03-10T10:30:00+01:00', '2026-03-10T11:30:00+01:00', 'outage'],
            ['2026-03-11T10:00:00+01:00', '2026-03-11T15:00:00+01:00', 'degraded'] // filtered out by where
        ]);
        const report = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo((MARCH_MINUTES - 90) / MARCH_MINUTES, 15);
        expect(report.objectives[0]!.windows[0]!.rows).toBe(2);
    });

    it('removes maintenance from both downtime and eligible time', async () => {
        // Maintenance every Sunday 02:00–04:00. Sundays in March 2026: 1, 8, 15, 22 (2 h each)
        // and 29, the spring-forward day: 02:00 does not exist, so the slot is 03:00–04:00 (1 h).
        // Excluded: 4 × 120 + 60 = 540 min → eligible 44,580 − 540 = 44,040 min.
        // Outage Sunday 8 March 01:00–03:00 (120 min), of which 02:00–03:00 is maintenance → 60 min down.
        const model = availability(
            [['2026-03-08T01:00:00+01:00', '2026-03-08T03:00:00+01:00', 'outage']],
            { maintenance: { Patching: { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] } } },
            ['Patching']
        );
        const report = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo((44_040 - 60) / 44_040, 15);
    });

    it('counts maintenance as available: no downtime inside it, and it stays eligible time', async () => {
        // As above, with `counting Patching as available` ("scheduled maintenance is not downtime"): the outage
        // Sunday 8 March 01:00–03:00 is down 60 min (02:00–03:00 is maintenance), over all 44,580 minutes of March.
        const model = availability(
            [['2026-03-08T01:00:00+01:00', '2026-03-08T03:00:00+01:00', 'outage']],
            { maintenance: { Patching: { recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] } } }
        );
        (model.kpis[0]!.formula as Extract<Expr, { type: 'uptime' }>).available = ['Patching'];
        const report = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        const [window] = report.objectives[0]!.windows;
        // (44,580 − 60) / 44,580 = 0.998654…, where excluding it gives (44,040 − 60) / 44,040 = 0.998638…
        expect(window!.value).toBeCloseTo((MARCH_MINUTES - 60) / MARCH_MINUTES, 15);
        expect(window!.value).not.toBeCloseTo((44_040 - 60) / 44_040, 6);
    });

    it('gives full uptime without outage rows, and no data for zero eligible time', async () => {
        const model = availability([['2026-05-10T10:00:00+02:00', '2026-05-10T11:00:00+02:00', 'outage']]);
        // No outage overlaps March: uptime 1 (absence of outage rows means full uptime).
        const march = await evaluateAgreement(model, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        expect(march.objectives[0]!.windows[0]!.value).toBe(1);
        expect(march.objectives[0]!.windows[0]!.status).toBe('met');
        // A calendar with no working hours at all leaves zero eligible time → no data.
        const never = availability([], { calendars: { Never: { zone: 'Europe/Berlin', rules: [], holidays: [] } } });
        (never.kpis[0]!.formula as Extract<Expr, { type: 'uptime' }>).during = 'Never';
        const empty = await evaluateAgreement(never, { ...MARCH, now: at('2027-01-01T00:00:00Z') });
        expect(empty.objectives[0]!.windows[0]!.value).toBeNull();
        expect(empty.objectives[0]!.windows[0]!.status).toBe('no data');
    });

    it('keeps an open incident open until the end of the evaluation period and flags it', async () => {
        // Started 31 March 23:00 (+02:00), no end; the present is 1 April 01:00; --to says the data run to then.
        // March: 60 min down → (44,580 − 60)/44,580. April so far: [00:00, 01:00) all down → 0, partial.
        const model = availability([['2026-03-31T23:00:00+02:00', '', 'outage']]);
        const report = await evaluateAgreement(model, { now: at('2026-04-01T01:00:00+02:00'), from: '2026-03-01', to: '2026-04-30' });
        const [march, april] = report.objectives[0]!.windows;
        expect(march!.value).toBeCloseTo((MARCH_MINUTES - 60) / MARCH_MINUTES, 15);
        expect(april!.partial).toBe(true);
        expect(april!.evaluatedTo).toBe('2026-04-01T01:00:00+02:00');
        expect(april!.value).toBe(0);
        expect(march!.openIncidents).toBe(1);
        expect(april!.openIncidents).toBe(1);
        expect(report.openItems).toEqual([{ kind: 'open incident', dataset: 'incidents', line: 2, start: '2026-03-31T23:00:00+02:00' }]);
        expect(report.datasets[0]).toMatchObject({ openIncidents: 1, unresolved: 0 });
    });
});
