import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, monthlyOutagesCsv } from './outage-fixture.js';

/**
 * An evaluation that starts after the validity's first day (2026-01-01) judges no window before
 * it: the terms that count earlier windows are named in a note, so that nobody reads the credits
 * of such a report as the term's. A default rule is not among them: it counts the windows before
 * the period, measured on their own.
 */
const COUNTING = `    credits capped at 12% of fee per calendar quarter
    objective Availability >= 99.9% per calendar month, default when breached in 2 consecutive windows
    termination Chronic "Two months in a row" when Availability is breached in 2 consecutive windows
    credit for Availability per calendar month, capped at 30% of fee per calendar year {
        below 99.9% : 10% of fee
        raised by 50% per consecutive breach
    }
`;
const PLAIN = `    objective Availability >= 99.9% per calendar month
    credit for Availability per calendar month {
        below 99.9% : 10% of fee
    }
`;
// One hour down in January, February and March 2026: each misses 99.9 %.
const evaluate = (members: string, from: string) => evaluateFixture({ 'hosting.sla': availabilityAgreement(members), 'incidents.csv': monthlyOutagesCsv([60, 60, 60]) }, { from, to: '2026-06-30' });
const noteOf = (notes: string[]) => notes.filter(note => note.startsWith('The evaluation starts on'));

describe('an evaluation that starts after the validity\'s first day', () => {
    it('from 1 March: the raised credits, the yearly cap and the quarter\'s cap on all credits count fewer windows', async () => {
        const report = await evaluate(COUNTING, '2026-03-01');
        expect(noteOf(report.notes)).toEqual(['The evaluation starts on 2026-03-01, after the validity\'s first day (2026-01-01): the windows before it are not counted by the raised credits for Availability, the yearly cap of the credit for Availability and the cap on all credits together (12% of fee per calendar quarter). Evaluate from 2026-01-01 to count every window of the term.']);
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

    it('from 1 April, a quarter\'s first day: the quarter\'s cap is whole, the rest still counts fewer windows', async () => {
        const report = await evaluate(COUNTING, '2026-04-01');
        expect(noteOf(report.notes)[0]).toContain('not counted by the raised credits for Availability and the yearly cap of the credit for Availability.');
    });

    it('from the validity\'s first day, or without such terms: no note', async () => {
        expect(noteOf((await evaluate(COUNTING, '2026-01-01')).notes)).toEqual([]);
        expect(noteOf((await evaluate(PLAIN, '2026-03-01')).notes)).toEqual([]);
    });
});
