import { renderTable, type Report } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Targets per plan (UTC). Urgent cases, first response in minutes (wall clock):
 *   March: Developer 300 (5 h), Business 90, Business 200, Enterprise 40.
 *   April: Business 30.
 * Targets: Developer none, Business <= 4 hours (240 min), Enterprise <= 1 hour (60 min).
 */
const CASES = `opened,responded,severity,plan
2026-03-02T10:00:00Z,2026-03-02T15:00:00Z,urgent,Developer
2026-03-03T10:00:00Z,2026-03-03T11:30:00Z,urgent,Business
2026-03-04T10:00:00Z,2026-03-04T13:20:00Z,urgent,Business
2026-03-05T10:00:00Z,2026-03-05T10:40:00Z,urgent,Enterprise
2026-04-02T10:00:00Z,2026-04-02T10:30:00Z,urgent,Business
`;

const agreement = (choice: string) => `agreement Support "Support" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    plans Developer, Business, Enterprise
    ${choice}

    dataset cases "Cases" from "cases.csv" {
        opened timestamp
        responded timestamp optional
        severity one of "urgent", "normal"
        plan one of "Developer", "Business", "Enterprise"
    }

    service Desk "Desk" {
        kpi Urgent "Slowest first response to an urgent case" =
            max(elapsed(cases.opened, cases.responded) wall-clock where severity = "urgent")
        objective Urgent by plan {
            Developer: none,
            Business: <= 4 hours,
            Enterprise: <= 1 hour
        } per calendar month
    }
}
`;

const options = { from: '2026-03-01', to: '2026-04-30' };
const MINUTE = 60_000;

describe('targets per plan', () => {
    it('plan from data: one objective per plan with a target, each judged on the rows of its plan; none is not evaluated', async () => {
        const report = await evaluateFixture({ 'support.sla': agreement('plan from plan'), 'cases.csv': CASES }, options);
        expect(report.objectives.map(o => [o.plan, o.scope, o.target])).toEqual([['Business', 'plan', 240 * MINUTE], ['Enterprise', 'plan', 60 * MINUTE]]);
        const [business, enterprise] = report.objectives;
        // Business: max(90, 200) = 200 min <= 240 met in March; 30 min in April.
        expect(business!.windows.map(w => [w.scopeValue, w.value, w.status])).toEqual([['Business', 200 * MINUTE, 'met'], ['Business', 30 * MINUTE, 'met']]);
        // Enterprise: 40 min in March; no case in April: no data, never met.
        expect(enterprise!.windows.map(w => [w.scopeValue, w.value, w.status])).toEqual([['Enterprise', 40 * MINUTE, 'met'], ['Enterprise', null, 'no data']]);
        // The Developer case (5 h) would breach every target: it is in no objective.
        expect(report.totals).toEqual({ windows: 4, met: 3, breached: 0, noData: 1 });
    });

    it('the agreement under one plan: that plan\'s target, over every row', async () => {
        const report = await evaluateFixture({ 'support.sla': agreement('plan Enterprise'), 'cases.csv': CASES }, options);
        expect(report.objectives).toHaveLength(1);
        const [objective] = report.objectives;
        expect(objective).toMatchObject({ plan: 'Enterprise', target: 60 * MINUTE });
        expect(objective!.scope).toBeUndefined();
        // All urgent cases: March max(300, 90, 200, 40) = 300 min > 60 breached; April 30 min met.
        expect(objective!.windows.map(w => [w.value, w.status])).toEqual([[300 * MINUTE, 'breached'], [30 * MINUTE, 'met']]);
    });

    it('a row whose plan (a text field) names no declared plan is in no objective, and a note says so', async () => {
        const text = agreement('plan from plan').replace('plan one of "Developer", "Business", "Enterprise"', 'plan text');
        const report = await evaluateFixture({ 'support.sla': text, 'cases.csv': `${CASES}2026-03-06T10:00:00Z,2026-03-06T20:00:00Z,urgent,Gold\n` }, options);
        // The Gold case (10 h) is in no window: Business and Enterprise values are unchanged.
        expect(report.objectives.map(o => o.windows[0]!.value)).toEqual([200 * MINUTE, 40 * MINUTE]);
        expect(report.notes).toContain("Desk.Urgent: rows whose plan is 'Gold' name no declared plan (Developer, Business, Enterprise): no plan's target judges them.");
    });

    it('a plan with none: no objective at all', async () => {
        const report = await evaluateFixture({ 'support.sla': agreement('plan Developer'), 'cases.csv': CASES }, options);
        expect(report.objectives).toEqual([]);
    });

    /** The table report's title line of the first objective. */
    const titleOf = (report: Report): string => renderTable(report).split('\n').find(line => line.includes(' · Urgent '))!;

    it('the title says which: the rows of a plan (plan from data), or the agreement\'s plan and its for each', async () => {
        const fromData = await evaluateFixture({ 'support.sla': agreement('plan from plan'), 'cases.csv': CASES }, options);
        expect(titleOf(fromData)).toBe('Desk · Urgent <= 4 h per calendar month, plan Business (rows whose plan is Business): MET');
        expect(fromData.objectives[0]!.planField).toBe('plan');
        // Under one plan with `for each severity`: the scope is the for-each field, not the plan's (it used to
        // read "plan Enterprise (rows whose severity is Enterprise)").
        const text = agreement('plan Enterprise').replace('} per calendar month', '} per calendar month for each severity');
        const perSeverity = await evaluateFixture({ 'support.sla': text, 'cases.csv': CASES }, options);
        expect(perSeverity.objectives[0]).toMatchObject({ plan: 'Enterprise', scope: 'severity' });
        expect(perSeverity.objectives[0]!.planField).toBeUndefined();
        // Urgent cases only (the KPI's filter): March 300 min > 60 breached.
        expect(titleOf(perSeverity)).toBe('Desk · Urgent <= 1 h per calendar month for each severity, plan Enterprise: BREACHED');
    });
});
