import { describe, expect, it } from 'vitest';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Credit tables per plan (`plan Premium { … }` in a credit block), chosen like `by plan` targets.
 * Requests per plan and month (UTC), `status` 500 = an error:
 *   March: Premium 50 requests, 1 error → 49/50 = 98 %; Enterprise 125 requests, 1 error → 124/125 = 99.2 %.
 *   April: Premium 50 requests, 1 error → 98 %;        Enterprise 50 requests, 1 error → 98 %.
 * Fee 1,000 EUR per calendar month.
 */
function requests(): string {
    const rows = ['time,plan,status'];
    const add = (month: string, plan: string, count: number, errors: number) => {
        for (let i = 0; i < count; i++) rows.push(`2026-${month}-10T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${plan},${i < errors ? 500 : 200}`);
    };
    add('03', 'Premium', 50, 1);
    add('03', 'Enterprise', 125, 1);
    add('04', 'Premium', 50, 1);
    add('04', 'Enterprise', 50, 1);
    return rows.join('\n') + '\n';
}

const agreement = (choice: string) => `agreement Cloud "Cloud" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    plans Premium, Enterprise
    ${choice}

    dataset requests "Requests" from "requests.csv" {
        time timestamp
        plan one of "Premium", "Enterprise"
        status integer
    }

    kpi Success "Requests without a server error" = count(requests where status < 500) / count(requests)
    objective Success by plan {
        Premium: >= 99%,
        Enterprise: >= 99.5%
    } per calendar month
    credit for Success per calendar month, capped at 100% of fee {
        plan Premium {
            at least 95% and below 99% : 10% of fee
            below 95% : 25% of fee
        }
        plan Enterprise {
            at least 99% and below 99.5% : 20% of fee
            below 99% : 50% of fee
        }
        claim within 15 days
    }
}
`;

const options = { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') };

describe('credit tables per plan', () => {
    it('plan from data: one credit per plan table, each on the rows of its plan and with its own tiers', async () => {
        const report = await evaluateFixture({ 'cloud.sla': agreement('plan from plan'), 'requests.csv': requests() }, options);
        expect(report.credits.map(c => [c.plan, c.scope])).toEqual([['Premium', 'plan'], ['Enterprise', 'plan']]);
        const [premium, enterprise] = report.credits;
        // Premium: 98 % in both months → 95 % ≤ 98 % < 99 %: tier 1, 10 % × 1,000 = 100 EUR each.
        expect(premium!.windows.map(w => [w.scopeValue, w.value, w.tier, w.amount])).toEqual([['Premium', 0.98, 1, 100], ['Premium', 0.98, 1, 100]]);
        // Enterprise: March 99.2 % → 99 % ≤ 99.2 % < 99.5 %: 20 % = 200 EUR; April 98 % < 99 %: 50 % = 500 EUR.
        // The same 98 % earns 100 EUR under Premium and 500 EUR under Enterprise.
        expect(enterprise!.windows.map(w => [w.scopeValue, w.value, w.tier, w.amount])).toEqual([['Enterprise', 124 / 125, 1, 200], ['Enterprise', 0.98, 2, 500]]);
        expect([premium!.total, enterprise!.total]).toEqual([200, 700]);
        // The claim terms of the block apply to every plan's credit: 15 days after 31 March = 15 April.
        expect(enterprise!.windows[0]!.claimBy).toBe('2026-04-15');
    });

    it('the agreement under one plan: its table, over every row', async () => {
        const report = await evaluateFixture({ 'cloud.sla': agreement('plan Enterprise'), 'requests.csv': requests() }, options);
        expect(report.credits).toHaveLength(1);
        const [credit] = report.credits;
        expect(credit!.plan).toBe('Enterprise');
        expect(credit!.scope).toBeUndefined();
        // March: 175 requests, 2 errors → 173/175 = 98.857 % < 99 %: 50 % = 500 EUR; April: 100 requests, 2 errors → 98 %: 500 EUR.
        expect(credit!.windows.map(w => [w.value, w.tier, w.amount])).toEqual([[173 / 175, 2, 500], [0.98, 2, 500]]);
        expect(credit!.total).toBe(1_000);
    });

    it('a plan without a table earns no credit, and the report says so (no credit line)', async () => {
        const text = agreement('plan Premium').replace(/        plan Premium \{[^}]*\}\n/, '');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // Premium's target is 99 %, over every row: March 173/175 = 98.857 % < 99 %, April 98/100 = 98 % < 99 %: both breached.
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['breached', 'breached']);
        // The agreement gives Premium no table: no credit at all (not a credit of 0), and a note says why.
        expect(report.credits).toEqual([]);
        expect(report.notes).toContain(noTableNote('Premium', '2026-03-01, 2026-04-01', 2));
    });

    it('a plan without a table whose objective breached one window: the note names that window only', async () => {
        const text = agreement('plan Premium').replace(/        plan Premium \{[^}]*\}\n/, '').replace('Premium: >= 99%', 'Premium: >= 98.5%');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // March 173/175 = 98.857 % >= 98.5 %: met; April 98/100 = 98 % < 98.5 %: breached.
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['met', 'breached']);
        expect(report.notes).toContain(noTableNote('Premium', '2026-04-01', 1));
    });

    it('a plan without a table whose objective breached nothing: no note', async () => {
        const text = agreement('plan Premium').replace(/        plan Premium \{[^}]*\}\n/, '').replace('Premium: >= 99%', 'Premium: >= 98%');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // March 173/175 = 98.857 % >= 98 %, April 98/100 = 98 % >= 98 %: both met.
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['met', 'met']);
        expect(report.credits).toEqual([]);
        expect(report.notes.join('\n')).not.toContain('has no table for the plan');
    });

    it('every plan has a table: no note that a plan earns nothing', async () => {
        for (const choice of ['plan from plan', 'plan Enterprise', 'plan Premium']) {
            const report = await evaluateFixture({ 'cloud.sla': agreement(choice), 'requests.csv': requests() }, options);
            // Breached windows there are (Premium 98 % < 99 %), but each earns its table's credit.
            expect(report.objectives.some(o => o.windows.some(w => w.status === 'breached'))).toBe(true);
            expect(report.notes.join('\n')).not.toContain('has no table for the plan');
        }
    });

    it('plan from data: the plan without a table gets the note, from its own rows; the plan with one its credit', async () => {
        const text = agreement('plan from plan').replace(/        plan Premium \{[^}]*\}\n/, '');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // Only Enterprise has a table: 200 EUR (99.2 %) + 500 EUR (98 %), as in the first test.
        expect(report.credits.map(c => [c.plan, c.total])).toEqual([['Enterprise', 700]]);
        // Premium's rows: 49/50 = 98 % < 99 % in March and in April: breached, and no table.
        expect(report.notes).toContain(noTableNote('Premium', '2026-03-01, 2026-04-01', 2));
        expect(report.notes.join('\n')).not.toContain('no table for the plan Enterprise');
    });

    it('plan from data: a plan without a table whose rows met the target: no note', async () => {
        const text = agreement('plan from plan').replace(/        plan Premium \{[^}]*\}\n/, '').replace('Premium: >= 99%', 'Premium: >= 98%');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // Premium's rows: 49/50 = 98 % >= 98 % in both months: met. Enterprise's April (98 % < 99.5 %) is breached, but has a table.
        expect(report.objectives.map(o => [o.plan, o.windows.map(w => w.status)])).toEqual([['Premium', ['met', 'met']], ['Enterprise', ['breached', 'breached']]]);
        expect(report.notes.join('\n')).not.toContain('has no table for the plan');
    });

    it('under one plan, an objective for each value of a field: each breached window named with its value', async () => {
        const text = agreement('plan Premium').replace(/        plan Premium \{[^}]*\}\n/, '').replace('} per calendar month\n    credit', '} per calendar month for each plan\n    credit');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // Premium's target 99 % on each plan's rows: Premium rows 49/50 = 98 % in March and April (breached);
        // Enterprise rows 124/125 = 99.2 % in March (met), 49/50 = 98 % in April (breached).
        // Listed in the objective report's order: per value (Enterprise, Premium), then by window.
        expect(report.notes).toContain(noTableNote('Premium', '2026-04-01 for Enterprise, 2026-03-01 for Premium, 2026-04-01 for Premium', 3));
    });
});

/** The note of a plan without a credit table, as the language reference § 12.3 words it. */
function noTableNote(plan: string, starts: string, count: number): string {
    return `Credits for Success (plan ${plan}): the credit block has no table for the plan ${plan}, so a breach under it earns no credit; ${count} breached window(s) (starting ${starts}) earn nothing.`;
}
