import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../engine/test/seeded-random.js';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, monthlyOutagesCsv } from './outage-fixture.js';

/**
 * Promises over the term against an independent count, over random cases (UTC, 2026, fee
 * 10,000 EUR a month): one outage a month of a random length, an objective in force from a random
 * month with up to two steps of random targets, a credit paying 5 % of the fee when the objective
 * is missed and 10 % below 98.5 %, payable from a random month, and a termination right on two
 * breached months in a row. Each month's status is decided here in whole numbers —
 * 10,000 × (minutes up) ≥ target in basis points × (minutes in the month) — never in doubles.
 */
const MONTH_MINUTES = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(days => days * 1440);
const DOWNTIMES = [0, 30, 44, 45, 60, 120, 240, 480, 700];
const TARGETS = [9900, 9950, 9970, 9990];
const month = (m: number) => `2026-${String(m).padStart(2, '0')}-01`;

interface Case {
    downtime: number[];
    base: number;
    inForce?: number;
    steps: Array<{ month: number; target: number }>;
    payable?: number;
}

function drawCase(seed: number): Case {
    const random = seededRandom(seed);
    const inForce = random.chance(0.5) ? 2 + random.int(5) : undefined;
    const steps: Case['steps'] = [];
    let after = inForce ?? 1;
    for (let i = random.int(3); i > 0 && after < 12; i--) {
        after += 1 + random.int(Math.max(1, 12 - after));
        if (after > 12) break;
        steps.push({ month: after, target: random.pick(TARGETS) });
    }
    return {
        downtime: MONTH_MINUTES.map(() => random.pick(DOWNTIMES)),
        base: random.pick(TARGETS),
        inForce,
        steps,
        payable: random.chance(0.5) ? 2 + random.int(10) : undefined
    };
}

const percent = (basisPoints: number) => `${basisPoints / 100}%`;

function agreementOf(c: Case): string {
    const term = `${c.inForce !== undefined ? ` from ${month(c.inForce)}` : ''}${c.steps.map(step => `, >= ${percent(step.target)} from ${month(step.month)}`).join('')}`;
    return availabilityAgreement(`    objective Availability >= ${percent(c.base)} per calendar month${term}
    credit for Availability per calendar month${c.payable !== undefined ? ` from ${month(c.payable)}` : ''}, capped at 30% of fee {
        missed : 5% of fee
        below 98.5% : 10% of fee
    }
    termination Chronic "Two months in a row" when Availability is breached in 2 consecutive windows
`);
}

/** What the report must say, counted here. */
function expected(c: Case) {
    const months = Array.from({ length: 12 }, (_, index) => index + 1).filter(m => c.inForce === undefined || m >= c.inForce);
    const targetOf = (m: number) => c.steps.filter(step => step.month <= m).reduce((target, step) => step.target, c.base);
    const up = (m: number) => MONTH_MINUTES[m - 1]! - c.downtime[m - 1]!;
    const breached = (m: number) => 10_000 * up(m) < targetOf(m) * MONTH_MINUTES[m - 1]!;
    const owed = (m: number) => (10_000 * up(m) < 9850 * MONTH_MINUTES[m - 1]! ? 1000 : breached(m) ? 500 : 0);
    const payable = (m: number) => c.payable === undefined || m >= c.payable;
    const fired = months.find(m => breached(m) && months.includes(m - 1) && breached(m - 1));
    return {
        months: months.map(month),
        targets: months.map(m => targetOf(m) / 10_000),
        statuses: months.map(m => (breached(m) ? 'breached' : 'met')),
        amounts: months.map(m => (payable(m) ? owed(m) : 0)),
        uncapped: months.map(owed),
        total: months.reduce((sum, m) => sum + (payable(m) ? owed(m) : 0), 0),
        firedAt: fired === undefined ? undefined : (fired === 12 ? '2027-01-01' : month(fired + 1))
    };
}

describe('promises over the term against an independent count (40 random cases)', () => {
    for (let seed = 1; seed <= 40; seed++) {
        it(`case ${seed}`, async () => {
            const c = drawCase(seed);
            const report = await evaluateFixture({ 'hosting.sla': agreementOf(c), 'incidents.csv': monthlyOutagesCsv(c.downtime) }, { from: '2026-01-01', to: '2026-12-31' });
            const want = expected(c);
            const objective = report.objectives[0]!;
            const stepped = c.steps.length > 0;
            expect(objective.windows.map(w => w.start.slice(0, 10))).toEqual(want.months);
            expect(objective.windows.map(w => w.status)).toEqual(want.statuses);
            expect(objective.windows.map(w => w.target)).toEqual(stepped ? want.targets : want.targets.map(() => undefined));
            const credit = report.credits[0]!;
            expect(credit.windows.map(w => w.amount)).toEqual(want.amounts);
            expect(credit.windows.map(w => w.uncappedAmount)).toEqual(want.uncapped);
            expect(credit.total).toBe(want.total);
            const scope = report.terminations![0]!.scopes[0];
            expect(scope?.firedAt?.slice(0, 10)).toBe(want.firedAt);
        });
    }
});
