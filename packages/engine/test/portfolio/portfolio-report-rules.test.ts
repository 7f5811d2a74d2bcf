/**
 * Rules of the portfolio report found wrong by testing (docs/cli.md, "Portfolio report"): the
 * worst objective over every `for each` value, at-risk lines that name their value, a window cut
 * by the end of the validity that is complete (not at risk), early warnings on a window cut by
 * the start of the period, and the agreements' data warnings carried to the portfolio's notes.
 * Every figure is worked out by hand from the rows written here.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, renderPortfolioTable, type AgreementModel, type WindowSpec } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };

/** 10 requests per client, region and day given; status 500 for the first `failed` of them. */
function requests(days: Array<{ client: string; region: string; day: string; failed: number }>): string {
    const rows: (string | number)[][] = [];
    for (const { client, region, day, failed } of days) {
        for (let i = 0; i < 10; i++) rows.push([`${day}T${String(10 + i).padStart(2, '0')}:00:00Z`, client, region, i < failed ? 500 : 200]);
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'region', 'status'], rows);
}

function clientAgreement(client: string, path: string, options: { validTo?: string; scopeField?: string; internal?: { target: number; window: WindowSpec } } = {}): AgreementModel {
    const requestsDataset = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('region', 'text'), field('status', 'integer')]);
    requestsDataset.clientScope = { field: 'client', value: client };
    const scope = options.scopeField === undefined ? {} : { scopeField: options.scopeField };
    return agreement({
        id: client,
        timezone: 'UTC',
        customer: { name: client, title: client },
        validity: { from: '2026-01-01', to: options.validTo ?? '2026-12-31' },
        fee: { amount: 3000, currency: 'EUR', period: MONTH },
        datasets: { requests: requestsDataset },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ service: 'Web', kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.99, unitKind: 'ratio', window: MONTH, ...scope }],
        internalTargets: options.internal === undefined ? [] : [{ service: 'Web', kpi: 'Success', kpiName: 'Success', comparison: '>=', target: options.internal.target, unitKind: 'ratio', window: options.internal.window }],
        credits: [{ kpi: 'Success', window: MONTH, tiers: [{ upper: { value: 0.99, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 99%' }], ...scope }]
    });
}

describe('portfolio report rules', () => {
    it('takes the worst objective over every for-each value, whatever their order, and names the value', async () => {
        // February: alpha's ap 9/10 = 90 % (−9 pp against 99 %), its us 10/10 (+1 pp); bravo the other way round.
        const path = requests([
            { client: 'alpha', region: 'ap', day: '2026-02-10', failed: 1 },
            { client: 'alpha', region: 'us', day: '2026-02-10', failed: 0 },
            { client: 'bravo', region: 'ap', day: '2026-02-10', failed: 0 },
            { client: 'bravo', region: 'us', day: '2026-02-10', failed: 1 }
        ]);
        const report = await evaluatePortfolio(['alpha', 'bravo'].map((client) => clientAgreement(client, path, { scopeField: 'region' })), { from: '2026-02-01', to: '2026-02-28', now: at('2026-03-15T00:00:00Z') });
        const worst = Object.fromEntries(report.entries.map((entry) => [entry.agreement, entry.worst]));
        expect(worst.alpha).toMatchObject({ kpi: 'Success', service: 'Web', scopeValue: 'ap', margin: expect.closeTo(-0.09, 12), status: 'breached' });
        expect(worst.bravo).toMatchObject({ scopeValue: 'us', margin: expect.closeTo(-0.09, 12), status: 'breached' });
        // The February window (from 2026-02-01), which the table names by the day it starts.
        expect(renderPortfolioTable(report)).toContain('Web.Success (ap) (2026-02-01) −9 pp');
    });

    it('says a window that is a Service Level Default by its minimum missed it, whichever side the minimum lies on', async () => {
        // February: 8/10 = 80 % against `>= 99 %, minimum 95 %`: misses the minimum (below it), a default.
        const path = requests([{ client: 'alpha', region: 'eu', day: '2026-02-10', failed: 2 }]);
        const model = clientAgreement('alpha', path);
        model.objectives[0]!.minimum = 0.95;
        const report = await evaluatePortfolio([model], { from: '2026-02-01', to: '2026-02-28', now: at('2026-03-15T00:00:00Z') });
        expect(report.entries[0]!.defaults).toMatchObject([{ kpi: 'Success', reason: 'below minimum' }]);
        // "missed", not "below": for `<= 4 hours, minimum 8 hours` the default lies above the minimum.
        expect(renderPortfolioTable(report)).toMatch(/alpha\s+Web · Success\s+2026-02-01 – 2026-02-28\s+missed the minimum/);
    });

    it('names the for-each value of each window at risk', async () => {
        // March so far (to the 15th, 12:00): eu 9/10 and us 5/10 miss 99 %; both at risk, apart.
        const path = requests([
            { client: 'alpha', region: 'eu', day: '2026-03-02', failed: 1 },
            { client: 'alpha', region: 'us', day: '2026-03-02', failed: 5 }
        ]);
        const report = await evaluatePortfolio([clientAgreement('alpha', path, { scopeField: 'region' })], { from: '2026-03-01', now: at('2026-03-15T12:00:00Z') });
        const entry = report.entries[0]!;
        expect(entry.status).toBe('at risk');
        // Budget consumed so far: (1 − value)/(1 − 0.99) × the elapsed share of March, 14.5 of 31 days.
        expect(entry.atRisk.map((risk) => [risk.scopeValue, risk.budgetConsumed])).toEqual([
            ['eu', expect.closeTo((0.1 / 0.01) * (14.5 / 31), 9)],
            ['us', expect.closeTo((0.5 / 0.01) * (14.5 / 31), 9)]
        ]);
        const table = renderPortfolioTable(report);
        expect(table).toContain('Web.Success (eu)');
        expect(table).toContain('Web.Success (us)');
    });

    it('judges a window cut by the end of the validity as complete: breached, not at risk', async () => {
        // Valid to 12 April; April (1–12) 9/10 misses 99 %: a finished window. 10 % of the fee prorated to 12 of 30 days: 120 EUR.
        const path = requests([
            { client: 'ended', region: 'eu', day: '2026-04-05', failed: 1 },
            { client: 'ongoing', region: 'eu', day: '2026-04-05', failed: 1 }
        ]);
        const report = await evaluatePortfolio([clientAgreement('ended', path, { validTo: '2026-04-12' }), clientAgreement('ongoing', path)], { from: '2026-04-01', now: at('2026-04-20T12:00:00Z') });
        const entry = (id: string) => report.entries.find((candidate) => candidate.agreement === id)!;
        expect(entry('ended').status).toBe('breached');
        expect(entry('ended').atRisk).toEqual([]);
        expect(entry('ended').credits).toEqual([{ currency: 'EUR', total: 120, provisionalTotal: 0 }]);
        // The same month still running (to the 20th) for an agreement in force: at risk.
        expect(entry('ongoing').status).toBe('at risk');
        expect(entry('ongoing').atRisk).toHaveLength(1);
    });

    it('warns early of an internal week missed in a week cut by the start of the period', async () => {
        // Weeks from Monday: 2026-01-02 (a Friday) is in the week of 29 December, evaluated from 1 January.
        // 10 days of 10 requests in January, one failure on the 2nd: 99/100 = 99 % meets the objective;
        // the internal 99.5 % per week misses the week of 29 December (9/10).
        const days = Array.from({ length: 10 }, (_, i) => ({ client: 'alpha', region: 'eu', day: `2026-01-${String(2 + i * 2).padStart(2, '0')}`, failed: i === 0 ? 1 : 0 }));
        const report = await evaluatePortfolio([clientAgreement('alpha', requests(days), { internal: { target: 0.995, window: WEEK } })], { to: '2026-01-31', now: at('2026-02-01T00:00:00Z') });
        const entry = report.entries[0]!;
        expect(entry.status).toBe('met');
        expect(entry.earlyWarnings).toEqual([{ kpi: 'Success', service: 'Web', window: 'calendar week', start: '2025-12-29T00:00:00+00:00' }]);
    });

    it('carries skipped invalid rows, a high rejected share and windows after the data end to the portfolio\'s notes', async () => {
        // 30 valid rows of alpha and bravo in January, 10 invalid statuses: 10 of 40 records = 25 % rejected.
        const rows: (string | number)[][] = [];
        for (let i = 0; i < 30; i++) rows.push([`2026-01-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`, i % 2 === 0 ? 'alpha' : 'bravo', 'eu', 200]);
        for (let i = 0; i < 10; i++) rows.push([`2026-01-20T12:00:00Z`, 'alpha', 'eu', 'oops']);
        const path = writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'region', 'status'], rows);
        // Evaluated to 1 April: February and March start after the last event (28 January), for each of the two
        // objectives (4 windows, the agreements' "no data"); alpha's internal monthly target has 2 more, named apart.
        const agreements = [clientAgreement('alpha', path, { internal: { target: 0.995, window: MONTH } }), clientAgreement('bravo', path)];
        const report = await evaluatePortfolio(agreements, { now: at('2026-04-01T00:00:00Z'), skipInvalid: true });
        expect(report.notes).toEqual([
            `10 invalid row(s) of ${path} were skipped (--skip-invalid); each agreement's report lists the first ones.`,
            `Warning: 25 % of the records of ${path} were rejected (more than 10 %): the results rest on a part of the data; check the file's format.`,
            "4 window(s) have no data because they start after the end of the data, and so do 2 window(s) of internal targets, in 2 agreement(s) (alpha, bravo); each agreement's report names its datasets' ends. If the data run further, give --to, --data-end NAME=DATE or a 'complete to' date in the dataset."
        ]);
        expect(report.entries.map((entry) => entry.report.totals.noData)).toEqual([2, 2]);
        // No window after the data end when the period ends with January, and no skipped rows without invalid ones.
        const january = await evaluatePortfolio(['alpha', 'bravo'].map((client) => clientAgreement(client, path)), { now: at('2026-01-29T00:00:00Z'), skipInvalid: true });
        expect(january.notes.filter((note) => note.includes('after the end of the data'))).toEqual([]);
        const valid = writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'region', 'status'], rows.slice(0, 30));
        const whole = await evaluatePortfolio(['alpha', 'bravo'].map((client) => clientAgreement(client, valid)), { now: at('2026-01-29T00:00:00Z'), skipInvalid: true });
        expect(whole.notes).toEqual([]);
    });
});
