import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';
import { evaluateFixture } from '../evaluation/evaluate-fixture.js';

/**
 * `objective each … by plan { … }`: a limit on every item, per plan (AWS Support's first response
 * times per support plan). It passed validation but the evaluation refused it ("takes one target,
 * not one per plan"). Support hours Monday–Friday 09:00–18:00, Europe/Paris; every value by hand:
 *   T1 Premium  P1  Tue 10 Mar 09:00 → 15:00          = 6 h
 *   T2 Standard P1  Tue 10 Mar 09:00 → 15:00          = 6 h
 *   T3 Standard P1  Wed 11 Mar 09:00 → Thu 12 Mar 10:00 = 9 h + 1 h = 10 h
 *   T4 Premium  P2  Wed 11 Mar 09:00 → 17:00          (not an item: P2)
 *   T5 Premium  P1  Thu 12 Mar 09:00 → 12:00          = 3 h
 */
const agreement = (planLine: string, targets: string) => `agreement Desk "Paris service desk" {
    provider P "Provider SAS"
    customer C "Customer SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"
    plans Standard "Standard", Premium "Premium"
    ${planLine}

    calendar SupportHours "Support hours" {
        monday to friday 09:00 to 18:00
    }

    dataset tickets "Tickets" from "tickets.csv" {
        opened   timestamp
        id       text
        tier     one of "Standard", "Premium"
        priority one of "P1", "P2"
        resolved timestamp optional
    }

    kpi ResolutionTime "Working time to resolve" = elapsed(tickets.opened, tickets.resolved) during SupportHours

    objective each tickets by id where priority = "P1": ResolutionTime by plan {
        ${targets}
    } per calendar month
}
`;
const TICKETS = `opened,id,tier,priority,resolved
2026-03-10T09:00:00+01:00,T1,Premium,P1,2026-03-10T15:00:00+01:00
2026-03-10T09:00:00+01:00,T2,Standard,P1,2026-03-10T15:00:00+01:00
2026-03-11T09:00:00+01:00,T3,Standard,P1,2026-03-12T10:00:00+01:00
2026-03-11T09:00:00+01:00,T4,Premium,P2,2026-03-11T17:00:00+01:00
2026-03-12T09:00:00+01:00,T5,Premium,P1,2026-03-12T12:00:00+01:00
`;
const HOUR = 3_600_000;
const PER_PLAN = 'Standard: <= 8 hours,\n        Premium: <= 4 hours';

async function evaluate(planLine: string, targets = PER_PLAN) {
    return evaluateFixture({ 'desk.sla': agreement(planLine, targets), 'tickets.csv': TICKETS }, { from: '2026-03-01', to: '2026-03-31' });
}

describe('objective each … by plan', () => {
    it('plan from a field: each plan judged on its own items against its own limit', async () => {
        const report = await evaluate('plan from tier');
        const byPlan = new Map(report.objectives.map((objective) => [objective.plan, objective]));
        expect([...byPlan.keys()]).toEqual(['Standard', 'Premium']);
        // Standard (≤ 8 h): T2 6 h passes, T3 10 h fails.
        const standard = byPlan.get('Standard')!;
        expect(standard.target).toBe(8 * HOUR);
        expect(standard.each).toEqual({ dataset: 'tickets', idField: 'id', where: 'priority = "P1"' });
        expect(standard.windows[0]!.items).toEqual({ judged: 2, passed: 1, failed: 1, pending: 0, noValue: 0, failures: [{ id: 'T3', line: 4, value: 10 * HOUR }] });
        expect(standard.windows[0]!.status).toBe('breached');
        // Premium (≤ 4 h): T1 6 h fails, T5 3 h passes; T4 is P2, not an item.
        const premium = byPlan.get('Premium')!;
        expect(premium.target).toBe(4 * HOUR);
        expect(premium.windows[0]!.items).toEqual({ judged: 2, passed: 1, failed: 1, pending: 0, noValue: 0, failures: [{ id: 'T1', line: 2, value: 6 * HOUR }] });
        expect(premium.windows[0]!.value).toBe(6 * HOUR);
    });

    it('one plan in effect: its limit on every item, whatever the field says', async () => {
        const report = await evaluate('plan Premium');
        expect(report.objectives.map((objective) => objective.plan)).toEqual(['Premium']);
        // All four P1 tickets against 4 h: T1 6 h, T2 6 h and T3 10 h fail, T5 3 h passes.
        expect(report.objectives[0]!.windows[0]!.items).toMatchObject({ judged: 4, passed: 1, failed: 3 });
        expect(report.objectives[0]!.windows[0]!.value).toBe(10 * HOUR);
    });

    it('a plan with no promise gives no objective: under it nothing is judged', async () => {
        const report = await evaluate('plan Standard', 'Standard: none,\n        Premium: <= 4 hours');
        expect(report.objectives).toEqual([]);
        // The same statement under plan from: only Premium's items are judged.
        const fromField = await evaluate('plan from tier', 'Standard: none,\n        Premium: <= 4 hours');
        expect(fromField.objectives.map((objective) => [objective.plan, objective.windows[0]!.items?.judged])).toEqual([['Premium', 2]]);
    });

    it('without plans the promise is unchanged: one limit on every item', async () => {
        const text = agreement('', PER_PLAN).replace(/ResolutionTime by plan \{[^}]*\}/, 'ResolutionTime <= 8 hours').replace(/ {4}plans [^\n]*\n/, '');
        const report = await evaluateFixture({ 'desk.sla': text, 'tickets.csv': TICKETS }, { from: '2026-03-01', to: '2026-03-31' });
        expect(report.objectives.map((objective) => objective.plan)).toEqual([undefined]);
        // Against 8 h: only T3 (10 h) of the four P1 tickets fails.
        expect(report.objectives[0]!.windows[0]!.items).toMatchObject({ judged: 4, passed: 3, failed: 1 });
    });
});

describe('objective each … by plan, explained', () => {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const parse = parseHelper<Document>(services);
    afterEach(() => clearDocuments(services.shared));

    it("says each plan's limit, not a missing comparison", async () => {
        const document = await parse(agreement('plan from tier', PER_PLAN));
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        expect(text).toContain('every item of tickets where priority = "P1" has ResolutionTime within its plan\'s limit, in every calendar month');
        expect(text).toContain('Per plan: Standard — at most 8 hours; Premium — at most 4 hours. Each plan\'s target is judged on the rows whose `tier` names that plan.');
        expect(text).not.toContain('no comparison is written');
    });
});
