import { describe, expect, it } from 'vitest';
import { evaluateFixture } from '../evaluation/evaluate-fixture.js';
import { DESK } from './desk-fixture.js';

/**
 * The Paris desk evaluated from its `.sla` text as the CLI does (language → model → engine).
 * Support hours Monday–Friday 09:00–18:00, 1 May 2026 (a Friday) a holiday; the clocks change on
 * Sunday 29 March. Every number is counted by hand:
 *   line 2: T1 P1, Fri 27 Mar 16:00 → Mon 30 Mar 12:00: 2 h + 3 h = 5 working hours; paused Fri 17:00 →
 *           Mon 10:00 (1 h + 1 h of working time) → 3 h, passes;
 *   line 3: T2 P1, Tue 10 Mar 09:00 → 15:00: 6 h, fails;
 *   line 4: T3 P2, not an item;
 *   line 5: T4 P1, Thu 30 Apr 17:00 → Mon 4 May 11:00: 1 h + 2 h (1 May is a holiday) = 3 h, passes;
 *           it has no pause.
 * Satisfaction: 4.5, 4 and 4.1 in the first quarter average exactly 4.2: met (>= 4.2 out of 5).
 */
const TICKETS = `opened,id,priority,resolved
2026-03-27T16:00:00+01:00,T1,P1,2026-03-30T12:00:00+02:00
2026-03-10T09:00:00+01:00,T2,P1,2026-03-10T15:00:00+01:00
2026-03-11T09:00:00+01:00,T3,P2,2026-03-13T09:00:00+01:00
2026-04-30T17:00:00+02:00,T4,P1,2026-05-04T11:00:00+02:00
`;
const PAUSES = `ticket,pausedFrom,pausedTo
T1,2026-03-27T17:00:00+01:00,2026-03-30T10:00:00+02:00
`;
const SURVEY = `answered,satisfaction
2026-01-05T10:00:00+01:00,4.5
2026-02-05T10:00:00+01:00,4
2026-03-29T10:00:00+02:00,4.1
`;
const HOUR = 3_600_000;

function files(tickets = TICKETS, survey = SURVEY): Record<string, string> {
    return {
        'desk.sla': DESK.replaceAll('data/desk-', ''),
        'tickets.csv': tickets,
        'pauses.csv': PAUSES,
        'survey.csv': survey
    };
}

describe('the Paris desk, from the .sla text', () => {
    it('March breaches on T2 only (the pause saves T1); April is met (the holiday saves T4)', async () => {
        const report = await evaluateFixture(files(), { from: '2026-03-01', to: '2026-04-30' });
        const each = report.objectives.find((objective) => objective.each !== undefined)!;
        expect(each.each).toEqual({ dataset: 'tickets', idField: 'id', where: 'priority = "P1"' });
        const [march, april] = each.windows;
        expect(march!.items).toEqual({ judged: 2, passed: 1, failed: 1, pending: 0, noValue: 0, failures: [{ id: 'T2', line: 3, value: 6 * HOUR }] });
        expect(march!.status).toBe('breached');
        expect(april!.items).toMatchObject({ judged: 1, passed: 1, failed: 0 });
        expect(april!.value).toBe(3 * HOUR);
        expect(april!.status).toBe('met');
        expect(report.pauses).toMatchObject([{ name: 'ticketPauses', joinedTo: 'tickets', key: 'ticket = id', rows: 1, kept: 1, unknownKeys: 0 }]);
    });

    it('a promise on every item in force from April: March (T2 failed) is not judged, April is', async () => {
        const desk = files();
        desk['desk.sla'] = desk['desk.sla']!.replace('ResolutionTime <= 4 hours per calendar month', 'ResolutionTime <= 4 hours per calendar month from 2026-04-01');
        const report = await evaluateFixture(desk, { from: '2026-03-01', to: '2026-04-30' });
        const each = report.objectives.find((objective) => objective.each !== undefined)!;
        expect(each.inForceFrom).toBe('2026-04-01');
        expect(each.windows.map((window) => [window.start.slice(0, 7), window.status])).toEqual([['2026-04', 'met']]);
        // Evaluated to the end of March, it comes into force the next day.
        const march = await evaluateFixture(desk, { from: '2026-03-01', to: '2026-03-31' });
        expect(march.objectives.find((objective) => objective.each !== undefined)!.upcoming).toEqual({ from: '2026-04-01', target: 4 * HOUR, days: 1, inForce: true });
    });

    it('the satisfaction score: exact average on the scale, the scale in the report', async () => {
        const report = await evaluateFixture(files(), { from: '2026-01-01', to: '2026-03-31' });
        const satisfaction = report.objectives.find((objective) => objective.kpi === 'Satisfaction')!;
        expect(satisfaction.scale).toEqual({ low: 1, high: 5 });
        expect(satisfaction.windows[0]).toMatchObject({ value: 4.2, status: 'met' });
    });

    it('an answer outside the scale is an invalid row with file, line and column', async () => {
        const survey = SURVEY.replace('4.1', '6');
        await expect(evaluateFixture(files(TICKETS, survey), { from: '2026-01-01', to: '2026-03-31' }))
            .rejects.toThrow(/survey\.csv:4:2: .*"6" for field satisfaction \(score 1 to 5\).*outside the scale 1 to 5/);
    });
});
