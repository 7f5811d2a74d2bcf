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

    it('a plan without a table earns no credit', async () => {
        const text = agreement('plan Premium').replace(/        plan Premium \{[^}]*\}\n/, '');
        const report = await evaluateFixture({ 'cloud.sla': text, 'requests.csv': requests() }, options);
        // The Premium objective is breached (98 % < 99 %) but the agreement gives Premium no table.
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['breached', 'breached']);
        expect(report.credits).toEqual([]);
    });
});
