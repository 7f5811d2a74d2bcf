import { describe, test } from 'vitest';
import { withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

const TERMS = `agreement Support "Support" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    plans Developer, Business "Business support", Enterprise
    plan from plan

    maintenance Patching "Planned maintenance" {
        every sunday 02:00 to 04:00
        notice 48 hours
    }

    dataset cases "Cases" from "cases.csv" {
        opened timestamp
        responded timestamp optional
        severity one of "urgent", "normal"
        plan one of "Developer", "Business", "Enterprise"
        cause text
    }

    exclusion ForceMajeure "Events beyond the provider's control"
    exclusion Tests "Test cases" = cases where cause = "test"
    exclusion Scheduled "Scheduled maintenance" during Patching, at most 10 hours per calendar year
    exclusion NotDowntime "Maintenance is not downtime" during Patching, counted as available

    procedural clause Claims "The customer claims credits within 15 days; the provider uses commercially reasonable efforts."
    clause Plain "The customer names two contacts."

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

describe('hover on exclusions', () => {
    test('a declared exclusion says the data cannot show it and nothing is taken out', async () => {
        await hover({
            text: withCursor('ForceMajeure', 0, TERMS),
            index: 0,
            hover: '**Exclusion ForceMajeure**: "Events beyond the provider\'s control" A declared term the data cannot show: nothing is taken out for it when the agreement is evaluated, and the report lists it, so that a claim invoking it is judged on the facts, outside the numbers.'
        });
    });

    test('a row exclusion names the rows and who leaves them out', async () => {
        await hover({
            text: withCursor('"test"', 0, TERMS),
            index: 0,
            hover: '**Exclusion Tests**: "Test cases" Rows of cases where cause is "test" do not count: every KPI of the agreement that reads them leaves them out (an outage among them is no downtime). The report counts them per window.'
        });
    });

    test('a row exclusion on a dataset whose name has underscores: escaped once for Markdown', async () => {
        const text = TERMS.replace('dataset cases ', 'dataset support_cases ').replace('= cases where', '= support_cases where').replaceAll('cases.', 'support_cases.');
        await hover({
            text: withCursor('"test"', 0, text),
            index: 0,
            hover: '**Exclusion Tests**: "Test cases" Rows of support\\_cases where cause is "test" do not count: every KPI of the agreement that reads them leaves them out (an outage among them is no downtime). The report counts them per window.'
        });
    });

    test('a capped maintenance exclusion states the cap and what happens beyond it', async () => {
        await hover({
            text: withCursor('10 hours', 0, TERMS),
            index: 0,
            hover: '**Exclusion Scheduled**: "Scheduled maintenance" The time of the maintenance Patching is left out of every uptime measured by the KPIs of the agreement: neither downtime nor eligible time, at most 10 hours per calendar year: maintenance beyond that in the same window counts as ordinary time, downtime in it included. The report shows the time taken out per window.'
        });
    });

    test('a maintenance exclusion counted as available says the time stays eligible and holds no downtime', async () => {
        await hover({
            text: withCursor('NotDowntime', 0, TERMS),
            index: 0,
            hover: '**Exclusion NotDowntime**: "Maintenance is not downtime" The time of the maintenance Patching counts as available in every uptime measured by the KPIs of the agreement: an outage during it is no downtime, and the time stays eligible time (the uptime is over the whole window). The report shows the time counted as available per window.'
        });
    });
});

describe('hover on clauses', () => {
    test('a procedural clause says it is a procedure, not a measured level', async () => {
        await hover({
            text: withCursor('Claims', 0, TERMS),
            index: 0,
            hover: '**Procedural clause Claims**: "The customer claims credits within 15 days; the provider uses commercially reasonable efforts." A procedural clause: a procedure or the provider\'s conduct (claims, notices, efforts), not a level of service, so nothing measures it; its standard of effort is a term of art, not a vague promise.'
        });
    });

    test('an ordinary clause without measured by is still "not bound to a KPI"', async () => {
        await hover({
            text: withCursor('Plain', 0, TERMS),
            index: 0,
            hover: '**Clause Plain**: "The customer names two contacts." Not bound to a KPI.'
        });
    });
});

describe('hover on plans', () => {
    test('an objective by plan shows the target of each plan and how the plan is chosen', async () => {
        await hover({
            text: withCursor('4 hours', 0, TERMS),
            index: 0,
            hover: 'Desk promises that Urgent meets its plan\'s target in every calendar month (UTC time). '
                + 'Per plan: Developer — no promise; Business — at most 4 hours; Enterprise — at most 1 hour. '
                + 'Each plan\'s target is judged on the rows whose `plan` names that plan.'
        });
    });

    test('a plan name shows its target in every objective given per plan', async () => {
        await hover({
            text: withCursor('Business: <=', 0, TERMS),
            index: 0,
            hover: '**Plan Business** — Business support (one of Developer, Business and Enterprise)\n\n- Urgent: at most 4 hours'
        });
    });

    test('the plans line lists the plans and how the one in effect is chosen', async () => {
        await hover({
            text: withCursor('plans Developer', 0, TERMS),
            index: 0,
            hover: '**Plans**: Developer, Business (Business support) and Enterprise. Each row names its plan in the field `plan`: a target given per plan is judged, for each plan, on the rows of that plan.\n\n---\n\n'
                + '**Plan**: `plans A, B` declares the plans (support levels, tiers) of one agreement; `plan B` says which one it is under, `plan from F` that each row names its plan. `objective K by plan { A: none, B: <= 4 hours }` gives each plan its target: the plan in effect decides, or, from data, each plan is judged on its own rows.'
        });
    });
});
