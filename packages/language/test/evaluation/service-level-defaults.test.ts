import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, failuresAgreement } from './outage-fixture.js';

/**
 * Expected and Minimum Service Levels, evaluated (UTC, January–August 2026): Availability
 * `>= 99.9% per calendar month, minimum 99.5%`, fee 10,000 EUR a month. Outages, worked by hand
 * (minutes down of the month's minutes):
 * - January 60 of 44,640: 99.866 % — misses 99.9 %, above 99.5 %;
 * - February 240 of 40,320: 99.405 % — below the minimum 99.5 %: a default by itself;
 * - March none; May, June none;
 * - April 120 of 43,200: 99.722 % — missed;
 * - July 50 of 44,640: 99.888 % — missed; August 50 of 44,640: 99.888 % — missed.
 * With `default when breached in 3 of any 6 consecutive windows` (the window and the five before):
 * April (January, February, April), July (February, April, July), August (April, July, August)
 * are defaults too; with `3 of any 5`, July is not (March–July hold April and July only).
 */
const OUTAGES: Array<[string, string]> = [
    ['2026-01-10T10:00:00Z', '2026-01-10T11:00:00Z'],
    ['2026-02-10T10:00:00Z', '2026-02-10T14:00:00Z'],
    ['2026-04-14T10:00:00Z', '2026-04-14T12:00:00Z'],
    ['2026-07-08T10:00:00Z', '2026-07-08T10:50:00Z'],
    ['2026-08-12T10:00:00Z', '2026-08-12T10:50:00Z']
];
const incidentsCsv = (outages = OUTAGES) => `started,resolved\n${outages.map(([from, to]) => `${from},${to}`).join('\n')}\n`;

const evaluate = (levels: string, credit: string, outages = OUTAGES, to = '2026-08-31') => evaluateFixture({
    'hosting.sla': availabilityAgreement(`    objective Availability >= 99.9% per calendar month${levels}\n${credit}`),
    'incidents.csv': incidentsCsv(outages)
}, { from: '2026-01-01', to });

const months = (windows: ReadonlyArray<{ start: string }>) => windows.map(window => window.start.slice(0, 7));

describe('Expected and Minimum Service Levels: which windows are Service Level Defaults', () => {
    it('minimum only: February, below 99.5 %, is the one default; the other missed months are not', async () => {
        const report = await evaluate(', minimum 99.5%', '');
        const objective = report.objectives[0]!;
        expect(objective.minimum).toBe(0.995);
        expect(objective.defaultRule).toBeUndefined();
        expect(objective.windows.map(window => window.status)).toEqual(['breached', 'breached', 'met', 'breached', 'met', 'met', 'breached', 'breached']);
        expect(objective.windows.map(window => window.default ?? null)).toEqual([null, 'below minimum', null, null, null, null, null, null]);
        expect(report.notes).toContain('Availability: 1 Service Level Default(s) in the window(s) from 2026-02-01 (misses the minimum >= 99.5 %).');
    });

    it('3 of any 6: February below the minimum; April, July and August by the rule', async () => {
        const report = await evaluate(', minimum 99.5%, default when breached in 3 of any 6 consecutive windows', '');
        const objective = report.objectives[0]!;
        expect(objective.defaultRule).toBe('3 of any 6 consecutive windows');
        expect(objective.windows.map(window => window.default ?? null)).toEqual([null, 'below minimum', null, 'repeated', null, null, 'repeated', 'repeated']);
        const table = renderTable(report, { color: false });
        expect(table).toContain('Availability >= 99.9 % per calendar month, minimum 99.5 %, default when breached in 3 of any 6 consecutive windows');
        const row = (month: string) => table.split('\n').find(line => line.startsWith(`2026-${month}-01`))!;
        expect(row('01')).toMatch(/BREACHED\s+—\s+−0.034 pp.*<<$/);
        expect(row('02')).toMatch(/BREACHED\s+misses the minimum >= 99.5 %\s+−0.495 pp.*<<$/);
        expect(row('04')).toMatch(/BREACHED\s+breached in 3 of any 6 consecutive windows\s+−0.178 pp/);
    });

    it('3 of any 5: July is no default (March–July hold two missed months); August is (April, July, August)', async () => {
        const report = await evaluate(', minimum 99.5%, default when breached in 3 of any 5 consecutive windows', '');
        expect(report.objectives[0]!.windows.map(window => window.default ?? null)).toEqual([null, 'below minimum', null, 'repeated', null, null, null, 'repeated']);
    });

    it('2 consecutive windows without a minimum: February (after January) and August (after July)', async () => {
        const report = await evaluate(', default when breached in 2 consecutive windows', '');
        const objective = report.objectives[0]!;
        expect(objective.minimum).toBeUndefined();
        expect(objective.windows.map(window => window.default ?? null)).toEqual([null, 'repeated', null, null, null, null, null, 'repeated']);
    });

    it('an objective without a minimum or a rule has no defaults, and says nothing of them', async () => {
        const report = await evaluate('', '');
        expect(report.objectives[0]!.windows.every(window => window.default === undefined)).toBe(true);
        expect(report.notes.some(note => note.includes('Service Level Default'))).toBe(false);
    });
});

describe('termination rights on Service Level Defaults', () => {
    const levels = ', minimum 99.5%, default when breached in 3 of any 6 consecutive windows';

    it('counting defaults (February, April, July, August): 2 in a row fire at the end of August, 2 of any 3 at the end of April; counting breaches, at the end of February', async () => {
        const report = await evaluate(levels, [
            '    termination Consecutive "Two defaults in a row" when Availability defaults in 2 consecutive windows',
            '    termination TwoOfThree "Two defaults in any three months" when Availability defaults in 2 of any 3 consecutive windows',
            '    termination Breaches "Two failures in a row" when Availability is breached in 2 consecutive windows'
        ].join('\n') + '\n');
        const [consecutive, twoOfThree, breaches] = report.terminations!;
        expect(consecutive).toMatchObject({ defaults: true, rule: '2 consecutive windows' });
        expect(consecutive!.scopes[0]).toMatchObject({ triggered: true, breached: 4, firedAt: '2026-09-01T00:00:00+00:00', breachedWindows: ['2026-07-01T00:00:00+00:00', '2026-08-01T00:00:00+00:00'] });
        expect(twoOfThree!.scopes[0]).toMatchObject({ triggered: true, firedAt: '2026-05-01T00:00:00+00:00', breachedWindows: ['2026-02-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'] });
        expect(breaches!.defaults).toBeUndefined();
        expect(breaches!.scopes[0]).toMatchObject({ triggered: true, breached: 5, firedAt: '2026-03-01T00:00:00+00:00' });
        expect(report.notes).toContain('Termination right Consecutive ("Two defaults in a row") fired: Availability was in Service Level Default in 2 consecutive windows (windows from 2026-07-01T00:00:00+00:00, 2026-08-01T00:00:00+00:00; the last ended 2026-09-01T00:00:00+00:00).');
        expect(renderTable(report, { color: false })).toMatch(/Consecutive\s+Availability in default in 2 consecutive windows/);
    });

    it('at risk: after February\'s default alone (evaluated to March), one more default fires a right on 2 of any 3', async () => {
        const report = await evaluate(levels, '    termination TwoOfThree "Two defaults in any three months" when Availability defaults in 2 of any 3 consecutive windows\n', OUTAGES, '2026-03-31');
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 1, atRisk: true });
        expect(report.notes).toContain('Termination right TwoOfThree ("Two defaults in any three months") is at risk: one more Service Level Default of Availability fires it (2 of any 3 consecutive windows).');
    });
});

describe('credits upon a Service Level Default', () => {
    const levels = ', minimum 99.5%, default when breached in 3 of any 6 consecutive windows';

    it('`default : 10% of fee` pays 1,000 EUR in each default month: February, April, July, August — 4,000 EUR', async () => {
        const report = await evaluate(levels, '    credit for Availability per calendar month {\n        default : 10% of fee\n    }\n');
        const credit = report.credits[0]!;
        expect(credit.windows.map(window => window.amount)).toEqual([0, 1000, 0, 1000, 0, 0, 1000, 1000]);
        expect(credit.windows.map(window => window.tierLabel)).toEqual([null, 'default', null, 'default', null, null, 'default', 'default']);
        expect(credit.total).toBe(4000);
    });

    it('with `missed : 2% of fee`: January pays 200 EUR (missed, no default), the defaults 1,000 — 4,200 EUR', async () => {
        const report = await evaluate(levels, '    credit for Availability per calendar month {\n        missed : 2% of fee\n        default : 10% of fee\n    }\n');
        expect(report.credits[0]!.windows.map(window => window.amount)).toEqual([200, 1000, 0, 1000, 0, 0, 1000, 1000]);
        expect(report.credits[0]!.total).toBe(4200);
    });

    it('the allocation of the at-risk amount: 50 % of 12 % of the fee, 600 EUR per default — 2,400 EUR', async () => {
        const report = await evaluate(levels, '    credits capped at 12% of fee per calendar month\n    credit for Availability per calendar month {\n        default : 50% of at-risk amount\n    }\n');
        expect(report.credits[0]!.windows.map(window => window.amount)).toEqual([0, 600, 0, 600, 0, 0, 600, 600]);
        expect(report.credits[0]!.total).toBe(2400);
    });

    // Daily windows: a late ticket (open over 36 hours) or a critical one breaches a day; two
    // breached days in a row are a default, which pays 100 EUR.
    const desk = failuresAgreement(`    objective Failures <= 0 per calendar day, default when breached in 2 consecutive windows
    credit for Failures per calendar day {
        default : 100 EUR
    }
`);
    const evaluateDesk = (t1Resolved: string) => evaluateFixture({
        'desk.sla': desk,
        'tickets.csv': `id,severity,opened,resolved\nT1,normal,2026-03-01T23:00:00Z,${t1Resolved}\nT2,critical,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n`
    }, { from: '2026-03-01', to: '2026-03-02', now: Date.parse('2026-03-03T01:00:00Z') });

    it('open rows that could breach the window before make the default undecided: the credit is provisional, not in the total', async () => {
        // T1, opened on 1 March at 23:00 and still open at 01:00 on 3 March (26 hours so far), may
        // yet breach 1 March; T2, critical, breaches 2 March for sure: 2 March is a default if and
        // only if T1 runs past 36 hours.
        const report = await evaluateDesk('');
        const [first, second] = report.objectives[0]!.windows;
        expect(first).toMatchObject({ status: 'met', provisional: true });
        expect(first!.default).toBeUndefined();
        expect(first!.defaultProvisional).toBeUndefined();
        expect(second).toMatchObject({ status: 'breached', defaultProvisional: true });
        expect(second!.default).toBeUndefined();
        const credit = report.credits[0]!;
        expect(credit.windows[1]).toMatchObject({ tier: null, amount: 0, provisional: true });
        expect(credit.total).toBe(0);
        // 2 March is missed for sure: 3 March, missed too, would be a default whatever T1 does.
        expect(report.notes).toContain('Failures: 0 Service Level Default(s); open rows could still make or unmake the default of the window(s) from 2026-03-02.'
            + ' Failures: one more missed window is a Service Level Default (2 consecutive windows) — the window from 2026-03-03 (1 of the 1 window(s) before it missed).');
        expect(renderTable(report, { color: false })).toMatch(/2026-03-02\s+1\s+BREACHED\s+— \(provisional\)/);
    });

    it('T1 resolved after 40 hours: 1 March breached, 2 March a default for sure, 100 EUR (1 March is the first window evaluated: no default)', async () => {
        const report = await evaluateDesk('2026-03-03T15:00:00Z');
        const [first, second] = report.objectives[0]!.windows;
        expect([first!.status, first!.default ?? null, second!.status, second!.default ?? null]).toEqual(['breached', null, 'breached', 'repeated']);
        expect(second!.defaultProvisional).toBeUndefined();
        expect(report.credits[0]!.windows.map(window => [window.amount, window.provisional])).toEqual([[0, false], [100, false]]);
        expect(report.credits[0]!.total).toBe(100);
    });
});
