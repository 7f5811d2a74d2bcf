import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderTable } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, failuresAgreement, monthlyOutagesCsv } from './outage-fixture.js';

/**
 * An evaluation that starts after the validity's first day (2026-01-01) judges no window before
 * it, yet the terms that count earlier windows count them as the whole term's evaluation does:
 * a default rule, a termination right (on an `objective each` too), a credit raised for repeated
 * breaches, a yearly cap and a cap on all credits together — the windows before the period are
 * measured on their own (window-history.ts).
 */
const COUNTING = `    credits capped at 12% of fee per calendar quarter
    objective Availability >= 99.9% per calendar month, default when breached in 2 consecutive windows
    termination Chronic "Two months in a row" when Availability is breached in 2 consecutive windows
    credit for Availability per calendar month, capped at 30% of fee per calendar year {
        below 99.9% : 10% of fee
        raised by 50% per consecutive breach
    }
`;
/** The yearly cap of 3,000 EUR: January 1,000, February 1,500 (raised), March the 500 left of the 2,000 it owes. */
const YEARLY = `    objective Availability >= 99.9% per calendar month
    credit for Availability per calendar month, capped at 3000 EUR per calendar year {
        below 99.9% : 10% of fee
        raised by 50% per consecutive breach
    }
`;
/** A yearly cap of 1,500 EUR on 1,000 EUR a missed month, earned back by the next month met. */
const EARN_BACK = `    objective Availability >= 99.9% per calendar month
    credit for Availability per calendar month, capped at 1500 EUR per calendar year {
        below 99.9% : 10% of fee
        earned back after 1 met windows
    }
`;
// One hour down in January, February and March 2026: each misses 99.9 %.
const evaluate = (members: string, from: string, to = '2026-06-30', minutes = [60, 60, 60]) =>
    evaluateFixture({ 'hosting.sla': availabilityAgreement(members), 'incidents.csv': monthlyOutagesCsv(minutes) }, { from, to });
/** Per month of the credit: [amount, owed before the caps, cap, breach in a row]. */
const creditWindows = (report: Awaited<ReturnType<typeof evaluate>>) =>
    report.credits[0]!.windows.map(window => [window.start.slice(0, 7), window.amount, window.uncappedAmount, window.cap ?? null, window.repeat?.breach ?? 1]);

describe('an evaluation that starts after the validity\'s first day', () => {
    it('from 1 March: March is the third breach in a row (1,000 EUR × 2) and the quarter\'s cap leaves it 1,100 of its 3,600 EUR, as in the whole run', async () => {
        // 10 % of 10,000 EUR raised by 50 % per consecutive breach: January 1,000, February 1,500, March 2,000 owed;
        // the quarter's cap (12 % of 30,000 EUR = 3,600) pays March the 1,100 EUR January and February leave.
        const whole = await evaluate(COUNTING, '2026-01-01');
        expect(creditWindows(whole).slice(0, 3)).toEqual([['2026-01', 1000, 1000, null, 1], ['2026-02', 1500, 1500, null, 2], ['2026-03', 1100, 2000, 'agreement', 3]]);
        const march = await evaluate(COUNTING, '2026-03-01', '2026-03-31');
        expect(creditWindows(march)).toEqual([['2026-03', 1100, 2000, 'agreement', 3]]);
        expect(march.credits[0]!.total).toBe(1100);
        // The quarter's line: what January and February were paid, counted first; March's own owed and paid.
        expect(march.creditCaps![0]!.periods).toEqual([{ start: '2026-01-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', limit: 3600, owed: 2000, paid: 1100, paidBefore: 2500, reached: true, lowered: ['Availability'] }]);
        expect(march.notes).toContain('All credits together are capped at 12% of fee per calendar quarter: in the quarter from 2026-01-01, 2000 EUR were owed and 1100 EUR are paid, after 2500 EUR paid in its windows before the evaluation period (lowered, counted last: Availability).');
        // The table says what was paid before, beside the cap; the whole run's quarter has no such words.
        expect(renderTable(march, { color: false })).toMatch(/2026-01-01 +€2,000\.00 +€3,600\.00 \(€2,500\.00 paid before this evaluation\) +€1,100\.00 +Availability/);
        expect(renderTable(whole, { color: false })).not.toContain('paid before this evaluation');
    });

    it('from 1 February: the second breach in a row (1,500 EUR), under the quarter\'s cap after January\'s 1,000', async () => {
        const february = await evaluate(COUNTING, '2026-02-01', '2026-02-28');
        expect(creditWindows(february)).toEqual([['2026-02', 1500, 1500, null, 2]]);
        expect(february.creditCaps![0]!.periods).toEqual([{ start: '2026-01-01T00:00:00+00:00', end: '2026-04-01T00:00:00+00:00', limit: 3600, owed: 1500, paid: 1500, paidBefore: 1000 }]);
    });

    it('a met February ends the run: March alone is a first breach (1,000 EUR), January\'s 1,000 still counted by the quarter\'s cap', async () => {
        const march = await evaluate(COUNTING, '2026-03-01', '2026-03-31', [60, 0, 60]);
        expect(creditWindows(march)).toEqual([['2026-03', 1000, 1000, null, 1]]);
        expect(march.creditCaps![0]!.periods[0]).toMatchObject({ owed: 1000, paid: 1000, paidBefore: 1000 });
        expect(march.creditCaps![0]!.periods[0]!.reached).toBeUndefined();
    });

    it('the yearly cap of the credit: March alone is paid the 500 EUR January\'s 1,000 and February\'s 1,500 leave of 3,000, as in the whole run', async () => {
        const whole = await evaluate(YEARLY, '2026-01-01');
        expect(creditWindows(whole).slice(0, 3)).toEqual([['2026-01', 1000, 1000, null, 1], ['2026-02', 1500, 1500, null, 2], ['2026-03', 500, 2000, 'year', 3]]);
        const march = await evaluate(YEARLY, '2026-03-01', '2026-03-31');
        expect(creditWindows(march)).toEqual([['2026-03', 500, 2000, 'year', 3]]);
        expect(march.notes).toContain('Credits for Availability: the yearly cap counts the 2500 EUR paid in the windows of the year from 2026-01-01 before the evaluation period.');
        // From the validity's first day nothing was paid before: no such note.
        expect(whole.notes.filter(note => note.includes('before the evaluation period'))).toEqual([]);
    });

    it('earn-back: January\'s credit stands (February missed) and uses the yearly cap, evaluated from 1 February too', async () => {
        // January, February and March missed, April met: January 1,000 stands, February gets the 500 left of 1,500, March is earned back.
        const minutes = [60, 60, 60, 0];
        const whole = await evaluate(EARN_BACK, '2026-01-01', '2026-06-30', minutes);
        expect(creditWindows(whole).slice(0, 4)).toEqual([['2026-01', 1000, 1000, null, 1], ['2026-02', 500, 1000, 'year', 1], ['2026-03', 0, 1000, null, 1], ['2026-04', 0, 0, null, 1]]);
        expect(whole.credits[0]!.windows[2]!.earnedBack).toBe(true);
        // From 1 February, January lies before the period: whether February earns it back is known from the period's windows.
        const february = await evaluate(EARN_BACK, '2026-02-01', '2026-06-30', minutes);
        expect(creditWindows(february).slice(0, 3)).toEqual([['2026-02', 500, 1000, 'year', 1], ['2026-03', 0, 1000, null, 1], ['2026-04', 0, 0, null, 1]]);
        expect(february.notes).toContain('Credits for Availability: the yearly cap counts the 1000 EUR paid in the windows of the year from 2026-01-01 before the evaluation period.');
        // February met instead: January is earned back and uses nothing; March gets its 1,000 (March missed, April met: earned back too).
        const metFebruary = await evaluate(EARN_BACK, '2026-02-01', '2026-06-30', [60, 0, 60, 60, 0]);
        expect(creditWindows(metFebruary).slice(0, 3)).toEqual([['2026-02', 0, 0, null, 1], ['2026-03', 1000, 1000, null, 1], ['2026-04', 0, 1000, null, 1]]);
    });

    it('from 1 April, a quarter\'s first day: the quarter\'s cap is whole (nothing paid before it), the yearly cap still counts the first quarter', async () => {
        // April: 60 minutes down, the fourth breach in a row (×2.5: 2,500 EUR owed), under the yearly cap's 3,000 less the first quarter's 3,000 paid.
        const april = await evaluate(YEARLY, '2026-04-01', '2026-04-30', [60, 60, 60, 60]);
        expect(creditWindows(april)).toEqual([['2026-04', 0, 2500, 'year', 4]]);
        const quarter = await evaluate(COUNTING, '2026-04-01', '2026-04-30', [60, 60, 60, 60]);
        expect(quarter.creditCaps![0]!.periods).toEqual([{ start: '2026-04-01T00:00:00+00:00', end: '2026-07-01T00:00:00+00:00', limit: 3600, owed: 2500, paid: 2500 }]);
    });

    it('from 1 March: the termination right counts January and February, before the period — it fired at the end of February either way', async () => {
        // Two months in a row breached: January and February. Evaluated from 1 March, the right has fired, as counted from the start.
        const whole = await evaluate(COUNTING, '2026-01-01');
        const report = await evaluate(COUNTING, '2026-03-01');
        const fired = { triggered: true, firedAt: '2026-03-01T00:00:00+00:00', breachedWindows: ['2026-01-01T00:00:00+00:00', '2026-02-01T00:00:00+00:00'] };
        expect(whole.terminations![0]!.scopes[0]).toMatchObject(fired);
        expect(report.terminations![0]!.scopes[0]).toMatchObject(fired);
        // Only March breached (January and February met): from 1 March nothing fired, and one more breach would fire it.
        const once = await evaluateFixture({ 'hosting.sla': availabilityAgreement(COUNTING), 'incidents.csv': monthlyOutagesCsv([0, 0, 60]) }, { from: '2026-03-01', to: '2026-03-31' });
        expect(once.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 1, atRisk: true });
    });

    it('from 1 March: the default rule counts February, before the period — March is a default either way', async () => {
        // January, February and March are breached: under `default when breached in 2 consecutive windows` March is a default.
        const whole = await evaluate(COUNTING, '2026-01-01');
        const report = await evaluate(COUNTING, '2026-03-01');
        const march = (r: typeof report) => r.objectives[0]!.windows.find(window => window.start.startsWith('2026-03'))!.default;
        expect(march(whole)).toBe('repeated');
        expect(march(report)).toBe('repeated');
        // February alone: a default too (January before it was breached); January alone is not (nothing before the validity).
        const february = await evaluateFixture({ 'hosting.sla': availabilityAgreement(COUNTING), 'incidents.csv': monthlyOutagesCsv([60, 60, 60]) }, { from: '2026-02-01', to: '2026-02-28' });
        expect(february.objectives[0]!.windows.map(window => window.default ?? null)).toEqual(['repeated']);
        const january = await evaluateFixture({ 'hosting.sla': availabilityAgreement(COUNTING), 'incidents.csv': monthlyOutagesCsv([60, 60, 60]) }, { from: '2026-01-01', to: '2026-01-31' });
        expect(january.objectives[0]!.windows.map(window => window.default ?? null)).toEqual([null]);
        // A met February breaks the run: March alone is no default.
        const metFebruary = await evaluateFixture({ 'hosting.sla': availabilityAgreement(COUNTING), 'incidents.csv': monthlyOutagesCsv([60, 0, 60]) }, { from: '2026-03-01', to: '2026-03-31' });
        expect(metFebruary.objectives[0]!.windows.map(window => window.default ?? null)).toEqual([null]);
    });

    it('in a portfolio too: the windows before the period of every agreement are read in one pass and counted', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-period-start-'));
        fs.writeFileSync(path.join(folder, 'incidents.csv'), monthlyOutagesCsv([60, 60, 60]));
        fs.writeFileSync(path.join(folder, 'quarter.sla'), availabilityAgreement(COUNTING));
        fs.writeFileSync(path.join(folder, 'yearly.sla'), availabilityAgreement(YEARLY).replace('agreement Hosting', 'agreement Yearly'));
        const files = ['quarter.sla', 'yearly.sla'].map(file => path.join(folder, file));
        const { documents, services } = await loadSlaFiles(files);
        const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-03-01', to: '2026-03-31', now: Date.UTC(2027, 0, 1) });
        const byName = (name: string) => portfolio.entries.find(entry => entry.agreement === name)!.report;
        expect(creditWindows(byName('Hosting'))).toEqual([['2026-03', 1100, 2000, 'agreement', 3]]);
        expect(byName('Hosting').creditCaps![0]!.periods[0]).toMatchObject({ paid: 1100, paidBefore: 2500 });
        expect(creditWindows(byName('Yearly'))).toEqual([['2026-03', 500, 2000, 'year', 3]]);
    });

    it('a termination right on an `objective each` counts the months before the period too: fired at the end of February either way', async () => {
        // Every ticket resolved within 4 hours: January's and February's took 10; the right counts 2 slow months in a row.
        const desk = failuresAgreement(`    kpi Resolution "Time to resolve" = elapsed(tickets.opened, tickets.resolved) wall-clock
    objective each tickets by id: Resolution <= 4 hours per calendar month
    termination Slow "Two slow months in a row" when any objective is breached in 2 consecutive windows
`);
        const tickets = 'id,severity,opened,resolved\nT1,normal,2026-01-05T10:00:00Z,2026-01-05T20:00:00Z\nT2,normal,2026-02-05T10:00:00Z,2026-02-05T20:00:00Z\n';
        const files = { 'desk.sla': desk, 'tickets.csv': tickets };
        const whole = await evaluateFixture(files, { from: '2026-01-01', to: '2026-03-31' });
        const fired = { triggered: true, breached: 2, firedAt: '2026-03-01T00:00:00+00:00', breachedWindows: ['2026-01-01T00:00:00+00:00', '2026-02-01T00:00:00+00:00'] };
        expect(whole.terminations![0]!.scopes[0]).toMatchObject(fired);
        for (const from of ['2026-02-01', '2026-03-01']) {
            const later = await evaluateFixture(files, { from, to: '2026-03-31' });
            expect(later.terminations![0]!.scopes[0], from).toMatchObject(fired);
        }
    });

    it('from 15 March (inside March, evaluation-period.ts): March judged whole, with the same credit, cap, run, default and right as from 1 March', async () => {
        const fromFirst = await evaluate(COUNTING, '2026-03-01', '2026-03-31');
        const inside = await evaluate(COUNTING, '2026-03-15', '2026-03-31');
        expect(inside.period).toEqual({ from: '2026-03-01T00:00:00+00:00', to: '2026-04-01T00:00:00+00:00', requestedFrom: '2026-03-15T00:00:00+00:00' });
        // March: the third breach in a row, 1,100 of its 2,000 EUR under the quarter's cap (was: judged on 15–31 March, met, nothing).
        expect(creditWindows(inside)).toEqual([['2026-03', 1100, 2000, 'agreement', 3]]);
        expect(inside.creditCaps).toEqual(fromFirst.creditCaps);
        expect(inside.objectives[0]!.windows.map(window => [window.start, window.partial, window.status, window.default ?? null])).toEqual([['2026-03-01T00:00:00+00:00', false, 'breached', 'repeated']]);
        expect(inside.terminations).toEqual(fromFirst.terminations);
        // An `objective each` right: February's slow ticket and March's, two months in a row, fired at the end of March from the 15th too.
        const desk = failuresAgreement(`    kpi Resolution "Time to resolve" = elapsed(tickets.opened, tickets.resolved) wall-clock
    objective each tickets by id: Resolution <= 4 hours per calendar month
    termination Slow "Two slow months in a row" when any objective is breached in 2 consecutive windows
`);
        const files = { 'desk.sla': desk, 'tickets.csv': 'id,severity,opened,resolved\nT2,normal,2026-02-05T10:00:00Z,2026-02-05T20:00:00Z\nT3,normal,2026-03-05T10:00:00Z,2026-03-05T20:00:00Z\n' };
        const fired = { triggered: true, breached: 2, firedAt: '2026-04-01T00:00:00+00:00', breachedWindows: ['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00'] };
        expect((await evaluateFixture(files, { from: '2026-01-01', to: '2026-03-31' })).terminations![0]!.scopes[0]).toMatchObject(fired);
        expect((await evaluateFixture(files, { from: '2026-03-15', to: '2026-03-31' })).terminations![0]!.scopes[0]).toMatchObject(fired);
    });
});
