import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement } from './outage-fixture.js';

/**
 * A promise over the term, evaluated (UTC): `from 2026-03-01` (in force from March: January and
 * February are a transition period) and `, >= 99.7% from 2026-05-01` (the target steps up in
 * May). Fee 10,000 EUR a month; the credit pays 5 % of fee (500 EUR) when the objective is missed
 * (`missed`, whatever its target in the month) and 10 % (1,000 EUR) below 99.0 %.
 * Outages, worked by hand (minutes down of the month's minutes):
 * - January 960 of 44,640: 97.849 % — before the promise is in force: no window, no credit;
 * - February none;
 * - March 360 of 44,640: 99.194 % < 99.5 %: breached, 500 EUR;
 * - April 180 of 43,200: 99.583 % >= 99.5 %: met (it would miss May's 99.7 %);
 * - May 120 of 44,640: 99.731 % >= 99.7 %: met, margin +0.031 pp (not the +0.231 pp of 99.5 %);
 * - June 180 of 43,200: 99.583 % < 99.7 %: breached, 500 EUR (a `below 99.5%` tier would pay nothing);
 * - July 480 of 44,640: 98.925 % < 99.0 %: breached, 1,000 EUR.
 * 2,000 EUR in all; 3,000 EUR if January counted (97.849 % < 99.0 %: 1,000 EUR).
 */
const OUTAGES: Array<[string, string]> = [
    ...['02', '03', '04', '05', '06', '07', '08', '09'].map((day): [string, string] => [`2026-01-${day}T10:00:00Z`, `2026-01-${day}T12:00:00Z`]),
    ['2026-03-03T10:00:00Z', '2026-03-03T16:00:00Z'],
    ['2026-04-14T10:00:00Z', '2026-04-14T13:00:00Z'],
    ['2026-05-20T10:00:00Z', '2026-05-20T12:00:00Z'],
    ['2026-06-09T22:00:00Z', '2026-06-10T01:00:00Z'],
    ['2026-07-01T00:00:00Z', '2026-07-01T08:00:00Z']
];
const incidentsCsv = `started,resolved\n${OUTAGES.map(([from, to]) => `${from},${to}`).join('\n')}\n`;

const agreement = (term: string, tiers = 'missed : 5% of fee\n        below 99.0% : 10% of fee') => availabilityAgreement(`    objective Availability >= 99.5% per calendar month${term}
    credit for Availability per calendar month, capped at 30% of fee {
        ${tiers}
    }
    termination Chronic "Two failures in a row" when Availability is breached in 2 consecutive windows
`);

const evaluate = (term: string, tiers?: string, creditTerm = '') =>
    evaluateFixture({ 'hosting.sla': agreement(term, tiers).replace('credit for Availability per calendar month,', `credit for Availability per calendar month${creditTerm},`), 'incidents.csv': incidentsCsv }, { from: '2026-01-01', to: '2026-07-31' });

describe('a promise over the term', () => {
    it('without a term every month of the validity is judged against 99.5 %', async () => {
        const report = await evaluate('');
        const objective = report.objectives[0]!;
        expect(objective.windows.map(w => w.start.slice(0, 7))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
        expect(objective.windows.map(w => w.status)).toEqual(['breached', 'met', 'breached', 'met', 'met', 'met', 'breached']);
        expect(objective.windows.every(w => w.target === undefined)).toBe(true);
        expect(report.credits[0]!.windows.map(w => w.amount)).toEqual([1000, 0, 500, 0, 0, 0, 1000]);
        expect(report.credits[0]!.total).toBe(2500);
    });

    it('in force from March, 99.7 % from May: the windows before March are not judged, each window has its target', async () => {
        const report = await evaluate(' from 2026-03-01, >= 99.7% from 2026-05-01');
        const objective = report.objectives[0]!;
        expect(objective).toMatchObject({ target: 0.995, inForceFrom: '2026-03-01', targetSteps: [{ from: '2026-05-01', target: 0.997 }] });
        expect(objective.windows.map(w => w.start.slice(0, 7))).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
        expect(objective.windows.map(w => w.target)).toEqual([0.995, 0.995, 0.997, 0.997, 0.997]);
        expect(objective.windows.map(w => w.status)).toEqual(['breached', 'met', 'met', 'breached', 'breached']);
        // May: 1 − 120 / 44,640 = 99.7312 %, 0.0312 pp above 99.7 %.
        expect(objective.windows[2]!.margin).toBeCloseTo(1 - 120 / 44640 - 0.997, 12);
        const credit = report.credits[0]!;
        expect(credit.windows.map(w => w.start.slice(0, 7))).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
        expect(credit.windows.map(w => w.amount)).toEqual([500, 0, 0, 500, 1000]);
        expect(credit.windows.map(w => w.tierLabel)).toEqual(['missed', null, null, 'missed', 'below 99.0%']);
        expect(credit.total).toBe(2000);
        // June and July, two breaches in a row (January, before the promise, is not one).
        expect(report.terminations![0]!.scopes[0]!).toMatchObject({ triggered: true, breachedWindows: ['2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'].map(start => expect.stringContaining(start.slice(0, 10))) });
        const table = renderTable(report, { color: false });
        expect(table).toContain('Availability >= 99.5 % per calendar month from 2026-03-01, >= 99.7 % from 2026-05-01');
        expect(table).toContain('(target >= 99.7 %)');
    });

    it('a tier written as a threshold does not follow the step: June\'s 99.583 % earns nothing under "below 99.5%"', async () => {
        const report = await evaluate(', >= 99.7% from 2026-05-01', 'below 99.5% : 5% of fee\n        below 99.0% : 10% of fee');
        expect(report.objectives[0]!.windows[5]!.status).toBe('breached');
        expect(report.credits[0]!.windows.map(w => w.amount)).toEqual([1000, 0, 500, 0, 0, 0, 1000]);
    });
});

describe('credits payable from a day (a stabilization period: measured and reported, no credit)', () => {
    it('January is judged and breached, its 1,000 EUR not payable; March and July are paid: 1,500 EUR', async () => {
        const report = await evaluate('', undefined, ' from 2026-03-01');
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['breached', 'met', 'breached', 'met', 'met', 'met', 'breached']);
        const credit = report.credits[0]!;
        expect(credit.payableFrom).toBe('2026-03-01');
        expect(credit.windows.map(w => [w.amount, w.uncappedAmount, w.notPayable ?? false])).toEqual([
            [0, 1000, true], [0, 0, true], [500, 500, false], [0, 0, false], [0, 0, false], [0, 0, false], [1000, 1000, false]
        ]);
        expect(credit.total).toBe(1500);
        expect(report.notes).toContain('Credits for Availability: payable from 2026-03-01; 1 window(s) before it would owe 1000 EUR and pay nothing.');
        const table = renderTable(report, { color: false });
        expect(table).toContain('Credits for Availability per calendar month from 2026-03-01: total €1,500.00');
        expect(table).toContain('€0.00 (not payable before 2026-03-01: €1,000.00)');
    });
});

describe('a missed tier in the credit tables of a target per plan', () => {
    it('each plan\'s table misses its own plan\'s target: 6 hours misses Premium\'s hour, not Basic\'s 8 hours', async () => {
        const text = `agreement Support "Support" {
    provider P "Provider SAS"
    customer C "Customer SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    plans Basic, Premium
    plan from plan

    dataset cases "Cases" from "cases.csv" {
        opened    timestamp
        responded timestamp optional
        plan      one of "Basic", "Premium"
    }

    kpi Response "Slowest response" = max(elapsed(cases.opened, cases.responded) wall-clock)
    objective Response by plan { Basic: <= 8 hours, Premium: <= 1 hour } per calendar month
    credit for Response per calendar month, capped at 50% of fee {
        plan Basic {
            missed : 5% of fee
        }
        plan Premium {
            missed : 10% of fee
        }
    }
}
`;
        // March: a Basic case and a Premium case, each answered after 6 hours.
        const cases = 'opened,responded,plan\n2026-03-10T09:00:00Z,2026-03-10T15:00:00Z,Basic\n2026-03-11T09:00:00Z,2026-03-11T15:00:00Z,Premium\n';
        const report = await evaluateFixture({ 'support.sla': text, 'cases.csv': cases }, { from: '2026-03-01', to: '2026-03-31' });
        expect(report.credits.map(credit => [credit.plan, credit.windows.map(w => [w.scopeValue, w.tierLabel, w.amount])])).toEqual([
            ['Basic', [['Basic', null, 0]]],
            ['Premium', [['Premium', 'missed', 100]]]
        ]);
    });
});
