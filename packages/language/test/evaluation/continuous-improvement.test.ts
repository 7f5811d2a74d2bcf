import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, monthlyOutagesCsv } from './outage-fixture.js';

/**
 * Continuous Improvement, evaluated (UTC, 2026–2028, fee 10,000 EUR a month): Availability
 * `>= 99.5% per calendar month, improved yearly to the mean of the best 6 windows`. One outage a
 * month, from the 10th at midnight, as long as the month's uptime asks (worked by hand: a month
 * of M minutes at u % is down M × (1 − u) minutes; 99.9 % of January's 44,640 minutes leaves
 * 44.64 minutes down).
 * - 2026: 99.9, 99.8, 99.7, 99.95, 99.6, 99.85, 99.75, 99.9, 99.65, 99.8, 99.7, 99.55 % — all
 *   meet 99.5 %; the best six average 599.2 / 6 = 99.8666… %, taken down to 0.1 %: 2027's
 *   target is 99.8 %.
 * - 2027: 99.85 % every month but February, 99.7 %: February misses 99.8 % (it would have met
 *   2026's 99.5 %) and its `missed` credit is 5 % of the fee, 500 EUR. The best six average
 *   99.85 %, taken down to 99.8 %: not stricter, 2028 keeps 99.8 %.
 */
const MONTH_MINUTES = (year: number, month: number) => (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / 60_000;
const UPTIME: Record<number, number[]> = {
    2026: [99.9, 99.8, 99.7, 99.95, 99.6, 99.85, 99.75, 99.9, 99.65, 99.8, 99.7, 99.55],
    2027: [99.85, 99.7, 99.85, 99.85, 99.85, 99.85, 99.85, 99.85, 99.85, 99.85, 99.85, 99.85],
    2028: [99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9, 99.9]
};

/** Minutes down of each month of 2026–2028, in order: M × (100 − u) / 100 (u of at most two decimals). */
const DOWN = Object.entries(UPTIME).flatMap(([year, values]) => values.map((percent, month) => MONTH_MINUTES(Number(year), month) * (10_000 - Math.round(percent * 100)) / 10_000));
const outagesCsv = () => monthlyOutagesCsv(DOWN);

/** The agreement, 2026–2028, with `objective` and a credit of 5 % of the fee in a missed month. */
const agreement = (objective: string) => availabilityAgreement(`    ${objective}
    credit for Availability per calendar month {
        missed : 5% of fee
    }
`, '2028-12-31');

const evaluate = (objective: string, options: { from?: string; to?: string } = {}) => evaluateFixture({
    'hosting.sla': agreement(objective),
    'incidents.csv': outagesCsv()
}, { now: Date.UTC(2029, 0, 1), ...options });

const IMPROVED = 'objective Availability >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows';

describe('Continuous Improvement: each contract year\'s target from the year before', () => {
    it('2027 is judged against 99.8 %: February 2027 (99.7 %) is breached and earns its credit', async () => {
        const report = await evaluate(IMPROVED);
        const objective = report.objectives[0]!;
        expect(objective.improvement).toEqual({ best: 6, step: 0.001 });
        const targetOf = (month: string) => objective.windows.find(window => window.start.startsWith(month))!;
        expect(targetOf('2026-12').target).toBe(0.995);
        expect(targetOf('2027-02')).toMatchObject({ target: 0.998, status: 'breached' });
        expect(targetOf('2027-03')).toMatchObject({ target: 0.998, status: 'met' });
        expect(targetOf('2028-06').target).toBe(0.998);
        expect(objective.windows.filter(window => window.status === 'breached').map(window => window.start.slice(0, 7))).toEqual(['2027-02']);
        const credit = report.credits[0]!;
        const paid = credit.windows.filter(window => window.amount > 0);
        expect(paid.map(window => [window.start.slice(0, 7), window.amount])).toEqual([['2027-02', 500]]);
        expect(objective.improvedTargets!.map(year => [year.from, year.target, year.outcome])).toEqual([['2027-01-01', 0.998, 'raised'], ['2028-01-01', 0.998, 'not stricter']]);
        expect(objective.improvedTargets![0]!.best.map(window => window.start.slice(0, 7))).toEqual(['2026-04', '2026-01', '2026-08', '2026-06', '2026-02', '2026-10']);
        expect(report.notes).toContain('Availability from 2027-01-01: the target is >= 99.8 % (was >= 99.5 %): the mean of the best 6 of the 12 windows of the contract year before (2026-04-01: 99.95 %, 2026-01-01: 99.9 %, 2026-08-01: 99.9 %, 2026-06-01: 99.85 %, 2026-02-01: 99.8 %, 2026-10-01: 99.8 %) is 99.866667 %, taken down to a multiple of 0.1 %. Availability from 2028-01-01: the target stays >= 99.8 %: the mean of the best 6 of the 12 windows of the contract year before (2027-01-01: 99.85 %, 2027-03-01: 99.85 %, 2027-04-01: 99.85 %, 2027-05-01: 99.85 %, 2027-06-01: 99.85 %, 2027-07-01: 99.85 %) is 99.85 %, taken down to a multiple of 0.1 %, which is not stricter.');
        const table = renderTable(report, { color: false });
        expect(table).toContain('Availability >= 99.5 % per calendar month, improved yearly to the mean of the best 6 windows: BREACHED');
        expect(table.split('\n').find(line => line.startsWith('2027-02-01'))).toMatch(/99\.7 % \(target >= 99\.8 %\)\s+BREACHED/);
    });

    it('without the improvement, every window meets 99.5 % and nothing is owed', async () => {
        const report = await evaluate('objective Availability >= 99.5% per calendar month');
        expect(report.objectives[0]!.windows.every(window => window.status === 'met')).toBe(true);
        expect(report.objectives[0]!.improvedTargets).toBeUndefined();
        expect(report.credits[0]!.windows.every(window => window.amount === 0)).toBe(true);
    });

    it('by at most 0.2 %: 2027\'s target is capped at 99.7 % (February met), 2028\'s raised to 99.8 %', async () => {
        const report = await evaluate(`${IMPROVED} by at most 0.2%`);
        const objective = report.objectives[0]!;
        expect(objective.improvedTargets!.map(year => [year.target, year.outcome])).toEqual([[0.997, 'capped'], [0.998, 'raised']]);
        expect(objective.windows.filter(window => window.status === 'breached')).toEqual([]);
        expect(report.notes.join('\n')).toContain('the target moves by at most 0.2 pp a year.');
    });

    it('a written target of 99.50 % is kept to two decimals: 2027\'s target is 99.86 %', async () => {
        const report = await evaluate('objective Availability >= 99.50% per calendar month, improved yearly to the mean of the best 6 windows');
        const objective = report.objectives[0]!;
        expect(objective.improvedTargets![0]!.target).toBe(0.9986);
        // 2027's months at 99.85 % now miss too.
        expect(objective.windows.filter(window => window.status === 'breached').length).toBe(12);
    });

    it('for each service: each value\'s targets from its own windows (web 99.8 %, mail 99.6 %)', async () => {
        const report = await evaluateFixture(perServiceFixture(), { now: Date.UTC(2028, 0, 1) });
        const objective = report.objectives[0]!;
        // Evaluated to the end of 2027: 2028's targets, about to begin, follow from all of 2027 (not provisional).
        expect(objective.improvedTargets!.map(year => [year.scopeValue, year.from, year.target, year.outcome, year.provisional ?? false])).toEqual([
            ['mail', '2027-01-01', 0.996, 'raised', false], ['mail', '2028-01-01', 0.997, 'raised', false],
            ['web', '2027-01-01', 0.998, 'raised', false], ['web', '2028-01-01', 0.998, 'not stricter', false]
        ]);
        const target = (service: string, month: string) => objective.windows.find(window => window.scopeValue === service && window.start.startsWith(month))!;
        // December 2027 (mail 99.7 %, web 99.85 %) would meet 2028's targets.
        expect(objective.improvedTargets!.some(year => year.wouldMiss !== undefined)).toBe(false);
        expect(target('mail', '2027-02')).toMatchObject({ target: 0.996, status: 'met' });
        expect(target('web', '2027-02')).toMatchObject({ target: 0.998, status: 'breached' });
    });

    it('an internal target looser than a later year\'s target is named in a warning note; a stricter one is not', async () => {
        const looser = await evaluate(`${IMPROVED}\n    internal target Availability >= 99.7% per calendar month owner "Operations"`);
        expect(looser.notes).toContain('Warning: the internal target for Availability (>= 99.7 %) is looser than the target the objective improved to (from 2027-01-01: >= 99.8 %; from 2028-01-01: >= 99.8 %): staff can meet theirs while the promise is missed.');
        const stricter = await evaluate(`${IMPROVED}\n    internal target Availability >= 99.8% per calendar month owner "Operations"`);
        expect(stricter.notes.join('\n')).not.toContain('internal target');
    });

    it('within 90 days of the next contract year: its target so far, from the months that are over (it can only get stricter)', async () => {
        // To the end of November 2026: 31 days before 2027; January–November hold the same best six (December's 99.55 % is not among them).
        const november = await evaluate(IMPROVED, { to: '2026-11-30' });
        const [preview] = november.objectives[0]!.improvedTargets!;
        // November (99.7 %), the latest window, would miss it.
        expect(preview).toMatchObject({ from: '2027-01-01', previous: 0.995, target: 0.998, measured: 11, outcome: 'raised', provisional: true, wouldMiss: true });
        expect(november.notes.join('\n')).toContain('Availability from 2027-01-01: the target will be at least as strict as >= 99.8 % (now >= 99.5 %): so far the mean of the best 6 of the 11 windows of this contract year that are over (2026-04-01: 99.95 %, 2026-01-01: 99.9 %, 2026-08-01: 99.9 %, 2026-06-01: 99.85 %, 2026-02-01: 99.8 %, 2026-10-01: 99.8 %) is 99.866667 %; the rest of the year cannot make it looser.');
        // In the middle of December, December (in progress) is not counted: the same 11 months.
        const midDecember = await evaluateFixture({ 'hosting.sla': agreement(IMPROVED), 'incidents.csv': outagesCsv() }, { now: Date.UTC(2026, 11, 15) });
        expect(midDecember.objectives[0]!.improvedTargets).toEqual([preview]);
        // Evaluated to the end of the validity, no year is to come.
        expect((await evaluate(IMPROVED)).objectives[0]!.improvedTargets!.every(year => year.provisional === undefined)).toBe(true);
        // To the end of September: 2027 is 92 days away, beyond the 90 days looked ahead.
        expect((await evaluate(IMPROVED, { to: '2026-09-30' })).objectives[0]!.improvedTargets).toEqual([]);
    });

    it('a duration that must stay low improves downwards, taken up to the written precision', async () => {
        // One outage a month, so the 90th percentile is its length: 2026's six shortest are April 21.6,
        // January 44.64, August 44.64, June 64.8, February 80.64 and October 89.28 minutes: mean 57.6.
        const kpi = 'kpi Restore "Time to restore" = percentile(90, elapsed(incidents.started, incidents.resolved) wall-clock)\n    objective Availability >= 99.5% per calendar month\n    ';
        const hours = await evaluate(`${kpi}objective Restore <= 4 hours per calendar month, improved yearly to the mean of the best 6 windows`);
        const byHours = hours.objectives.find(objective => objective.kpi === 'Restore')!;
        // Written in whole hours: 57.6 minutes taken up to 1 hour.
        expect(byHours.improvedTargets![0]).toMatchObject({ from: '2027-01-01', previous: 14_400_000, target: 3_600_000, outcome: 'raised' });
        expect(byHours.improvedTargets![0]!.mean).toBe(3_456_000);
        const minutes = await evaluate(`${kpi}objective Restore <= 240 minutes per calendar month, improved yearly to the mean of the best 6 windows`);
        const byMinutes = minutes.objectives.find(objective => objective.kpi === 'Restore')!;
        // Written in whole minutes: 58 minutes. January 2027 (99.85 %: 66.96 minutes) misses it.
        expect(byMinutes.improvedTargets![0]).toMatchObject({ target: 3_480_000, outcome: 'raised' });
        expect(byMinutes.windows.find(window => window.start.startsWith('2027-01'))).toMatchObject({ target: 3_480_000, status: 'breached' });
    });

    it('in force from April: the first year\'s best six are of April–December only', async () => {
        // April–December 2026: 99.95, 99.6, 99.85, 99.75, 99.9, 99.65, 99.8, 99.7, 99.55 — the best six
        // (99.95, 99.9, 99.85, 99.8, 99.75, 99.7) average 99.825 %: 99.8 %, from 9 windows measured.
        const report = await evaluate('objective Availability >= 99.5% per calendar month from 2026-04-01, improved yearly to the mean of the best 6 windows');
        const [year] = report.objectives[0]!.improvedTargets!;
        expect(year).toMatchObject({ measured: 9, target: 0.998, outcome: 'raised' });
        expect(year!.mean).toBeCloseTo(0.99825, 12);
    });

    it('evaluated from a later contract year, the windows before it are measured on their own: February 2027 misses 99.8 %', async () => {
        const whole = await evaluate(IMPROVED);
        const february = await evaluate(IMPROVED, { from: '2027-02-01', to: '2027-02-28' });
        const objective = february.objectives[0]!;
        expect(objective.windows.map(window => [window.start.slice(0, 7), window.target, window.status])).toEqual([['2027-02', 0.998, 'breached']]);
        expect(february.credits[0]!.windows.map(window => [window.start.slice(0, 7), window.amount])).toEqual([['2027-02', 500]]);
        // 2027's target and the 2026 windows it is the mean of, as the whole evaluation has them.
        expect(objective.improvedTargets).toEqual([whole.objectives[0]!.improvedTargets![0]]);
        expect(february.notes.join('\n')).toContain('Availability from 2027-01-01: the target is >= 99.8 % (was >= 99.5 %): the mean of the best 6 of the 12 windows of the contract year before (2026-04-01: 99.95 %');
    });

    it('from any window\'s first day to the end, every window, target and credit is the whole evaluation\'s', async () => {
        const whole = await evaluate(IMPROVED);
        for (const from of ['2026-02-01', '2026-12-01', '2027-01-01', '2027-07-01', '2028-03-01']) {
            const part = await evaluate(IMPROVED, { from });
            const inPeriod = <T extends { start: string }>(windows: T[]) => windows.filter(window => window.start.slice(0, 10) >= from);
            expect(part.objectives[0]!.windows, from).toEqual(inPeriod(whole.objectives[0]!.windows));
            expect(part.objectives[0]!.improvedTargets, from).toEqual(whole.objectives[0]!.improvedTargets);
            expect(part.credits[0]!.windows, from).toEqual(inPeriod(whole.credits[0]!.windows));
        }
    });

    it('from March to November 2026: 2027\'s target so far, from January and February too', async () => {
        const part = await evaluate(IMPROVED, { from: '2026-03-01', to: '2026-11-30' });
        const [preview] = part.objectives[0]!.improvedTargets!;
        // As evaluated from January (the test "within 90 days of the next contract year" above): 11 months, the best six give 99.8 %.
        expect(preview).toMatchObject({ from: '2027-01-01', target: 0.998, measured: 11, provisional: true });
        expect(part.objectives[0]!.improvedTargets).toEqual((await evaluate(IMPROVED, { to: '2026-11-30' })).objectives[0]!.improvedTargets);
    });

    it('for each service: each value\'s earlier windows are measured on their own too', async () => {
        const whole = await evaluateFixture(perServiceFixture(), { now: Date.UTC(2028, 0, 1) });
        const part = await evaluateFixture(perServiceFixture(), { now: Date.UTC(2028, 0, 1), from: '2027-05-01' });
        const objective = part.objectives[0]!;
        expect(objective.improvedTargets).toEqual(whole.objectives[0]!.improvedTargets);
        const target = (service: string, month: string) => objective.windows.find(window => window.scopeValue === service && window.start.startsWith(month))!;
        expect(target('mail', '2027-05')).toMatchObject({ target: 0.996, status: 'met' });
        expect(target('web', '2027-05')).toMatchObject({ target: 0.998, status: 'met' });
    });

    it('the earlier windows\' open rows are judged at the instant the evaluation\'s data are known to, not at the period\'s first day', async () => {
        // Tickets answered within 4 hours, 90 %, improved by the best 2 months. Every month of 2026
        // has 8 of 10 tickets on time (80 %) but December: 10 on time and 2 opened on 31 December
        // (22:00, 23:30) never answered. The data run to December 2027, so both are late: 10 of 12,
        // 83.33 %. The best two average (83.33 + 80) / 2 = 81.67 %: not stricter, 2027 keeps 90 %.
        // Judged on 1 January 2027 instead, the two (2 hours and 30 minutes old) would still be pending.
        const rows: string[] = [];
        for (let month = 0; month < 24; month++) {
            for (let i = 0; i < 10; i++) {
                const opened = Date.UTC(2026, month, 2 + i, 9);
                const late = month !== 11 && i < 2;
                rows.push(`${new Date(opened).toISOString()},${new Date(opened + (late ? 5 : 1) * 3_600_000).toISOString()}`);
            }
        }
        rows.push('2026-12-31T22:00:00Z,', '2026-12-31T23:30:00Z,');
        const files = {
            'desk.sla': `agreement Desk "Desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2027-12-31
    timezone "UTC"

    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        responded timestamp optional
    }

    kpi OnTime "Answered within 4 hours" = share(tickets where elapsed(opened, responded) wall-clock <= 4 hours of tickets)
    objective OnTime >= 90% per calendar month, improved yearly to the mean of the best 2 windows
}
`,
            'tickets.csv': `opened,responded\n${rows.join('\n')}\n`
        };
        const whole = await evaluateFixture(files, { now: Date.UTC(2028, 0, 1) });
        const part = await evaluateFixture(files, { now: Date.UTC(2028, 0, 1), from: '2027-01-01' });
        const [year] = part.objectives[0]!.improvedTargets!;
        expect(year!.best.map(window => [window.start.slice(0, 7), window.value])).toEqual([['2026-12', 10 / 12], ['2026-01', 0.8]]);
        expect(year).toMatchObject({ target: 0.9, outcome: 'not stricter' });
        expect(year!.mean).toBeCloseTo((10 / 12 + 0.8) / 2, 15);
        expect(part.objectives[0]!.improvedTargets).toEqual(whole.objectives[0]!.improvedTargets);
    });

    it('a period whose first day falls inside a window and reaches the next contract year judges that window whole, as from its first day', async () => {
        // Refused before whole windows (evaluation-period.ts): 15 March cut March 2026, which 2027's target needs whole.
        for (const [inside, first, to] of [['2026-03-15', '2026-03-01', undefined], ['2027-03-15', '2027-03-01', '2028-01-31']] as const) {
            const report = await evaluate(IMPROVED, { from: inside, ...(to === undefined ? {} : { to }) });
            const fromFirst = await evaluate(IMPROVED, { from: first, ...(to === undefined ? {} : { to }) });
            expect(report.period.requestedFrom?.slice(0, 10)).toBe(inside);
            expect(report.objectives[0]!.improvedTargets!.length).toBeGreaterThan(0);
            expect({ objectives: report.objectives, credits: report.credits }).toEqual({ objectives: fromFirst.objectives, credits: fromFirst.credits });
        }
        // Within that contract year: March (whole) to December, with 2027's target previewed from the whole year, as from 1 March
        // (before, the cut March left no preview).
        const early = await evaluate(IMPROVED, { from: '2026-03-15', to: '2026-12-31' });
        expect(early.objectives[0]!.windows.length).toBe(10);
        expect(early.objectives[0]!.windows[0]!.partial).toBe(false);
        expect(early.objectives[0]!.improvedTargets!.map(year => year.from)).toEqual(['2027-01-01']);
        expect(early.objectives).toEqual((await evaluate(IMPROVED, { from: '2026-03-01', to: '2026-12-31' })).objectives);
        const later = await evaluate(IMPROVED, { from: '2027-03-15', to: '2027-12-31' });
        expect(later.objectives[0]!.windows.map(window => window.target)).toEqual(Array(10).fill(0.998));
    });
});

/** `for each service`, no credit: web has the months above; mail 99.6 % every month of 2026 (its best six average 99.6 %), 99.7 % in 2027. */
function perServiceFixture(): Record<string, string> {
    const mailDown = (year: number, month: number, percent: number) => Math.round(MONTH_MINUTES(year, month) * 60_000 * (10_000 - percent * 100) / 10_000);
    const web = outagesCsv().split('\n').slice(1).filter(line => line !== '').map(line => `web,${line}`);
    const mail = [2026, 2027].flatMap(year => Array.from({ length: 12 }, (_, month) => {
        const start = Date.UTC(year, month, 12);
        return `mail,${new Date(start).toISOString()},${new Date(start + mailDown(year, month, year === 2026 ? 99.6 : 99.7)).toISOString()}`;
    }));
    const text = agreement(`${IMPROVED.replace('per calendar month', 'per calendar month for each service')}`)
        .replace('        started timestamp', '        service text\n        started timestamp')
        .replace('    credit for Availability per calendar month {\n        missed : 5% of fee\n    }\n', '');
    return { 'hosting.sla': text, 'incidents.csv': `service,started,resolved\n${[...web, ...mail].join('\n')}\n` };
}
