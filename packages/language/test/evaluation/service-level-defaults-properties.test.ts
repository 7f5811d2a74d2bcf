import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../engine/test/seeded-random.js';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, monthlyOutagesCsv } from './outage-fixture.js';

/**
 * Service Level Defaults against an independent count, over random cases (UTC, 2026, fee
 * 10,000 EUR a month): one outage a month of a random length, an objective of a random target in
 * force from a random month or the whole year, a minimum below it, a default rule (N of any M, or
 * N in a row), or both; a credit paying 2 % of the fee in a missed month that is no default and
 * 10 % upon a default. Each month is decided here in whole numbers — 10,000 × (minutes up) against
 * a level in basis points × (minutes in the month) — never in doubles; the rule counts the months
 * judged (from the in-force month on), the month and the M − 1 before it.
 */
const MONTH_MINUTES = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(days => days * 1440);
const DOWNTIMES = [0, 0, 0, 30, 44, 45, 60, 120, 216, 217, 240, 480, 700];
const TARGETS = [9950, 9970, 9990];
const MINIMA = [9900, 9940, 9950, 9960];
const month = (m: number) => `2026-${String(m).padStart(2, '0')}-01`;
const percent = (basisPoints: number) => `${basisPoints / 100}%`;

interface Case {
    downtime: number[];
    target: number;
    inForce?: number;
    minimum?: number;
    rule?: { breached: number; span?: number };
}

function drawCase(seed: number): Case {
    const random = seededRandom(seed);
    const target = random.pick(TARGETS);
    const kind = random.int(3);
    const minima = MINIMA.filter(minimum => minimum < target);
    const span = 1 + random.int(6);
    return {
        downtime: MONTH_MINUTES.map(() => random.pick(DOWNTIMES)),
        target,
        inForce: random.chance(0.3) ? 2 + random.int(5) : undefined,
        minimum: kind !== 1 ? random.pick(minima) : undefined,
        rule: kind !== 0 ? (random.chance(0.3) ? { breached: span } : { breached: 1 + random.int(span), span }) : undefined
    };
}

function agreementOf(c: Case): string {
    const levels = `${c.minimum !== undefined ? `, minimum ${percent(c.minimum)}` : ''}${c.rule !== undefined ? `, default when breached in ${c.rule.breached}${c.rule.span !== undefined ? ` of any ${c.rule.span}` : ''} consecutive windows` : ''}`;
    return availabilityAgreement(`    objective Availability >= ${percent(c.target)} per calendar month${c.inForce !== undefined ? ` from ${month(c.inForce)}` : ''}${levels}
    credit for Availability per calendar month, capped at 30% of fee {
        missed : 2% of fee
        default : 10% of fee
    }
`);
}

/** What the report must say, counted here. */
function expected(c: Case) {
    const months = Array.from({ length: 12 }, (_, index) => index + 1).filter(m => c.inForce === undefined || m >= c.inForce);
    const up = (m: number) => MONTH_MINUTES[m - 1]! - c.downtime[m - 1]!;
    const misses = (m: number, level: number) => 10_000 * up(m) < level * MONTH_MINUTES[m - 1]!;
    const breached = months.map(m => misses(m, c.target));
    const defaults = months.map((m, index) => {
        if (c.minimum !== undefined && misses(m, c.minimum)) return 'below minimum';
        if (c.rule === undefined || !breached[index]) return null;
        const span = c.rule.span ?? c.rule.breached;
        const counted = breached.slice(Math.max(0, index - span + 1), index + 1).filter(Boolean).length;
        return counted >= c.rule.breached ? 'repeated' : null;
    });
    const amounts = months.map((_, index) => (defaults[index] !== null ? 1000 : breached[index] ? 200 : 0));
    return { months: months.map(month), statuses: breached.map(b => (b ? 'breached' : 'met')), defaults, amounts, total: amounts.reduce((sum, amount) => sum + amount, 0) };
}

describe('Service Level Defaults against an independent count (40 random cases)', () => {
    for (let seed = 1; seed <= 40; seed++) {
        it(`case ${seed}`, async () => {
            const c = drawCase(seed);
            const report = await evaluateFixture({ 'hosting.sla': agreementOf(c), 'incidents.csv': monthlyOutagesCsv(c.downtime) }, { from: '2026-01-01', to: '2026-12-31' });
            const want = expected(c);
            const objective = report.objectives[0]!;
            expect(objective.windows.map(w => w.start.slice(0, 10))).toEqual(want.months);
            expect(objective.windows.map(w => w.status)).toEqual(want.statuses);
            expect(objective.windows.map(w => w.default ?? null)).toEqual(want.defaults);
            const credit = report.credits[0]!;
            expect(credit.windows.map(w => w.amount)).toEqual(want.amounts);
            expect(credit.total).toBe(want.total);
        });
    }

    it('the cases reach every kind of month: met, missed, below the minimum, repeated', () => {
        const kinds = new Set<string>();
        for (let seed = 1; seed <= 40; seed++) {
            const want = expected(drawCase(seed));
            want.statuses.forEach((status, index) => kinds.add(want.defaults[index] ?? status));
        }
        expect([...kinds].sort()).toEqual(['below minimum', 'breached', 'met', 'repeated']);
    });
});
