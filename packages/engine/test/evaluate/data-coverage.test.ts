import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr, type ObjectiveReport } from '../../src/index.js';
import { windowsAfterDataEnd, windowsAfterDataEndPhrase } from '../../src/evaluate/data-end-note.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.10, "Data coverage": a March export with an outage still open, evaluated
 * without --to on 2 December. Before, the open outage ran to the present: 0 % from April
 * to December and a credit each month. Now those windows have no data.
 */
const NOW = at('2026-12-02T12:00:00+01:00');
// March 2026 in Europe/Berlin: 44,580 minutes (the spring-forward day has 23 hours).
const MARCH_MINUTES = 31 * 1440 - 60;

function hosting(rows: string[][], completeTo?: string): AgreementModel {
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved', 'severity'], rows);
    const formula: Expr = {
        type: 'uptime',
        dataset: 'incidents',
        where: { type: 'binary', op: '=', left: { type: 'field', dataset: 'incidents', field: 'severity' }, right: { type: 'string', value: 'outage' } },
        from: 'started',
        to: 'resolved',
        excluding: []
    };
    const incidents = dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true), field('severity', 'text')]);
    return agreement({
        fee: { amount: 12000, currency: 'EUR', period: MONTH },
        datasets: { incidents: completeTo === undefined ? incidents : { ...incidents, completeTo } },
        kpis: [{ key: 'Availability', name: 'Availability', unitKind: 'ratio', formula }],
        objectives: [{ kpi: 'Availability', kpiName: 'Availability', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Availability', window: MONTH, tiers: [{ upper: { value: 0.999, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99.9%' }] }]
    });
}

// A 10-minute outage on 5 March, and one open since 20 March 10:00 (the last event).
const marchExport = [
    ['2026-03-05T10:00:00+01:00', '2026-03-05T10:10:00+01:00', 'outage'],
    ['2026-03-20T10:00:00+01:00', '', 'outage']
];

describe('data coverage', () => {
    it('leaves windows after the last event without data, and flags the window holding it', async () => {
        const report = await evaluateAgreement(hosting(marchExport), { now: NOW });
        const windows = report.objectives[0]!.windows;
        expect(windows.map((window) => window.status)).toEqual(['met', 'met', 'breached', ...Array(9).fill('no data')]);
        expect(windows.slice(3).every((window) => window.afterDataEnd === true && window.value === null)).toBe(true);
        const march = windows[2]!;
        // The open outage counts as down until the end of the period, inside March up to 1 April 00:00:
        // 20 March 10:00 → 1 April 00:00 is 11 days 14 hours less the lost DST hour = 277 h = 16,620 min;
        // with the 10-minute outage 16,630 min of 44,580.
        expect(march.value).toBeCloseTo((MARCH_MINUTES - 16_630) / MARCH_MINUTES, 15);
        expect(march.dataEnd).toBe('2026-03-20T10:00:00+01:00');
        // Had it ended where the data end, March would be (44,580 − 10)/44,580 = 99.98 %, met: provisional.
        expect(march.provisional).toBe(true);
        // Credits: March only (10 % of 12,000 EUR), provisional; none for April–December (48,750 EUR before).
        // A provisional credit may still change (the outage may have ended at the data end): it is
        // reported beside the total, not in it (language reference § 14.9).
        const credits = report.credits[0]!;
        expect(credits.windows.map((window) => window.amount)).toEqual([0, 0, 1200, ...Array(9).fill(0)]);
        expect(credits.windows[2]!.provisional).toBe(true);
        expect(credits.windows[3]!.afterDataEnd).toBe(true);
        expect(credits.total).toBe(0);
        expect(credits.provisionalTotal).toBe(1200);
        expect(report.totals).toEqual({ windows: 12, met: 2, breached: 1, noData: 9 });
        expect(report.datasets[0]!.coverage).toEqual({ declaredEnd: null, end: '2026-03-20T10:00:00+01:00', basis: 'last event', knownUntil: '2026-03-20T10:00:00+01:00' });
        expect(report.dataEndNote).toMatch(/^9 window\(s\) have no data because they start after the end of the data \(incidents last event 2026-03-20T10:00:00\+01:00\)/);
        expect(report.notes[0]).toBe(report.dataEndNote);
    });

    it('counts in its data-end line the windows the headline counts, and those of internal targets apart', async () => {
        // An internal target on the same KPI per calendar month: its April–December (9 windows) start after the
        // data end too. The headline's "without data" counts the objective's 9 (totals.noData); the line says
        // 9 first, as the headline does, and names the internal target's 9 apart (not "18 window(s)").
        const model = hosting(marchExport);
        model.internalTargets = [{ ...model.objectives[0]!, target: 0.9995, owner: 'Platform team' }];
        const report = await evaluateAgreement(model, { now: NOW });
        expect(report.totals.noData).toBe(9);
        expect(report.dataEndNote).toBe("9 window(s) have no data because they start after the end of the data (incidents last event 2026-03-20T10:00:00+01:00), and so do 9 window(s) of internal targets. If the data run further, give --to, --data-end NAME=DATE or a 'complete to' date in the dataset.");
    });

    it('names only internal targets when no objective window is after the data end', () => {
        // An objective per year (whole, with data) and an internal target per month: only the target's windows are after the end.
        const window = (afterDataEnd: boolean) => ({ start: '', end: '', partial: false, value: null, status: 'no data' as const, margin: null, budgetConsumed: null, budgetRemaining: null, rows: 0, unresolved: 0, ...(afterDataEnd ? { afterDataEnd } : {}) });
        const objective = (afterDataEnd: boolean[]): ObjectiveReport => ({ kpi: 'A', kpiKey: 'A', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', status: 'no data', windows: afterDataEnd.map(window) });
        expect(windowsAfterDataEndPhrase(windowsAfterDataEnd([objective([false])], [objective([false, true, true])]), ' (x)')).toBe('2 window(s) of internal targets have no data because they start after the end of the data (x)');
        expect(windowsAfterDataEndPhrase(windowsAfterDataEnd([objective([false])], [objective([false])]), ' (x)')).toBeUndefined();
    });

    it('evaluates up to a declared coverage end, and --data-end overrides it', async () => {
        // complete to 30 April: April is covered; the outage is down all April → 0 %; May on: no data.
        const declared = await evaluateAgreement(hosting(marchExport, '2026-04-30'), { now: NOW });
        const windows = declared.objectives[0]!.windows;
        expect(windows[3]!.value).toBe(0);
        expect(windows[2]!.dataEnd).toBeUndefined();
        expect(windows.slice(4).every((window) => window.afterDataEnd === true)).toBe(true);
        expect(declared.datasets[0]!.coverage).toMatchObject({ declaredEnd: '2026-04-30', end: '2026-05-01T00:00:00+02:00', basis: 'complete to' });
        // --data-end incidents=2026-03-31: April has no data again.
        const option = await evaluateAgreement(hosting(marchExport, '2026-04-30'), { now: NOW, dataEnd: { incidents: '2026-03-31' } });
        expect(option.objectives[0]!.windows[3]!.afterDataEnd).toBe(true);
        expect(option.datasets[0]!.coverage).toMatchObject({ declaredEnd: '2026-03-31', basis: '--data-end' });
    });

    it('takes --to as the statement that the data run to the end of the period', async () => {
        const report = await evaluateAgreement(hosting(marchExport), { now: NOW, to: '2026-05-31' });
        const windows = report.objectives[0]!.windows;
        expect(windows.map((window) => window.value === null)).toEqual([false, false, false, false, false]);
        expect(windows[4]!.value).toBe(0); // May: the outage is still open
        expect(report.dataEndNote).toBeUndefined();
    });

    it('reads the coverage from all rows, not only those the KPI selects', async () => {
        // A degraded incident on 10 April (not an outage) still shows the export reaches April.
        const report = await evaluateAgreement(hosting([...marchExport, ['2026-04-10T09:00:00+02:00', '2026-04-10T09:30:00+02:00', 'degraded']]), { now: NOW });
        const april = report.objectives[0]!.windows[3]!;
        expect(april.value).toBe(0);
        expect(april.dataEnd).toBe('2026-04-10T09:00:00+02:00');
        expect(report.objectives[0]!.windows[4]!.afterDataEnd).toBe(true);
    });

    it('gives an empty export no data end: no data, unless an end is stated', async () => {
        const empty = await evaluateAgreement(hosting([]), { now: NOW, from: '2026-03-01' });
        expect(empty.objectives[0]!.windows.every((window) => window.status === 'no data' && window.afterDataEnd === true)).toBe(true);
        expect(empty.datasets[0]!.coverage).toEqual({ declaredEnd: null, end: null, basis: 'no rows', knownUntil: null });
        expect(empty.dataEndNote).toContain('incidents has no rows');
        // complete to 31 March: no outage rows in March means full uptime.
        const declared = await evaluateAgreement(hosting([], '2026-03-31'), { now: NOW, from: '2026-03-01' });
        expect(declared.objectives[0]!.windows[0]!.value).toBe(1);
        expect(declared.objectives[0]!.windows[1]!.afterDataEnd).toBe(true);
    });
});
