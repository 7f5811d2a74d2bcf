/**
 * An evaluation from a later day (`--from`) pays every credit window what the whole term's
 * evaluation pays it, when the credits count earlier windows: raised for repeated breaches, a
 * yearly cap, a cap on all credits together per quarter or year (window-history.ts), with earn-back
 * or not (a credit before the period that the period's windows earn back uses no cap). Random
 * agreements over random exports (random-portfolio.ts), their monthly credits given those terms at
 * random; each evaluated over its whole validity, then from a later day (the first of a month, or
 * a day inside one, in the agreement's zone) to the same end: every credit window of the later
 * evaluation (those ending after that day, judged whole) must have the whole run's tier, amount,
 * cap and place in its run of breaches, and the caps' lines the whole run's payments (the period's
 * own plus those before it). Monthly and weekly credits.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import { seededRandom } from '../seeded-random.js';
import { tempDir } from './fixtures.js';
import { randomAgreement, writePortfolioFiles } from '../portfolio/random-portfolio.js';
import { instantToLocal } from '../../src/time/zone.js';

const NOW = Date.parse('2027-01-15T00:00:00Z');
const SLOW_MACHINE_MS = 120_000;

/** The windows of the report's credits that end after `start` (an instant), as compared. */
function creditWindowsFrom(report: Report, start: string): unknown[] {
    return report.credits.flatMap((credit) => credit.windows
        .filter((window) => Date.parse(window.end) > Date.parse(start))
        .map((window) => ({ kpi: credit.kpiKey, start: window.start, scope: window.scopeValue, tier: window.tier, amount: window.amount, uncapped: window.uncappedAmount, cap: window.cap, repeat: window.repeat, provisional: window.provisional, earnedBack: window.earnedBack })));
}

/** Per cap and period from `start` on: what the whole run paid there, and what the later one paid before and in it. */
function capPayments(report: Report, start: string): unknown[] {
    return (report.creditCaps ?? []).flatMap((cap) => cap.periods
        .filter((period) => Date.parse(period.end) > Date.parse(start))
        .map((period) => ({ cap: cap.cap, start: period.start, limit: period.limit })));
}

/**
 * The first day of the month after the validity's first, then two later days (agreement zone),
 * YYYY-MM-DD: the 1st of a month, or a day inside it (the windows holding it are judged whole).
 */
function laterDays(model: AgreementModel, random: ReturnType<typeof seededRandom>): string[] {
    const first = Number(model.validity.from.slice(5, 7));
    const last = Number(model.validity.to.slice(5, 7));
    const months = Array.from({ length: last - first }, (_, i) => first + 1 + i);
    const day = (month: number, dayOfMonth: number) => `2026-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
    const picked = new Set([day(months[0]!, 1), day(random.pick(months), random.chance(0.5) ? 1 : 2 + random.int(27)), day(random.pick(months), 2 + random.int(27))]);
    return [...picked].sort();
}

describe('credits evaluated from a later day (random agreements)', () => {
    const exercised = { agreements: 0, months: 0, windows: 0, raised: 0, yearCapped: 0, capsPaidBefore: 0, earnedBack: 0, insideWindows: 0, weekly: 0 };
    for (const seed of [1, 2, 3, 4, 5, 6]) {
        it(`each month from a later day pays what the whole run pays it (seed ${seed})`, async () => {
            const random = seededRandom(seed * 104_729 + 3);
            const files = writePortfolioFiles(random, tempDir());
            for (let a = 0; a < 6; a++) {
                const { model: drawn } = randomAgreement(random, `A${a}`, random.pick([undefined, 'northwind', 'contoso']), files);
                // Calendar credits (monthly and weekly): a window `--from` falls inside is judged whole, as in the whole run.
                const credits = drawn.credits.filter((credit) => credit.window.kind === 'calendar').map((credit) => ({
                    ...credit,
                    claimTerms: {
                        ...(random.chance(0.6) ? { repeatEscalation: { stepPercent: 50, ...(random.chance(0.5) ? { limitPercent: 200 } : {}) } } : {}),
                        // Earned back by the next met windows: the last credits before the period by the period's first windows.
                        ...(random.chance(0.4) ? { earnBackWindows: random.pick([1, 2]) } : {})
                    },
                    ...(random.chance(0.5) ? { capPerYear: { kind: 'money' as const, amount: random.pick([500, 1234.56, 5000]), currency: 'EUR' } } : {})
                }));
                if (credits.length === 0) continue;
                const cap = random.pick([undefined, 'quarter', 'year'] as const);
                const model: AgreementModel = {
                    ...drawn,
                    credits,
                    ...(cap === undefined ? {} : { creditCaps: [{ amount: { kind: 'percentOfFee', percent: random.pick([5, 12, 30]) }, window: { kind: 'calendar', unit: cap }, text: `per calendar ${cap}` }] })
                };
                const whole = await evaluateAgreement(model, { now: NOW, skipInvalid: true });
                exercised.agreements++;
                for (const from of laterDays(model, random)) {
                    const later = await evaluateAgreement(model, { now: NOW, skipInvalid: true, from });
                    // The windows judged end after the day asked for; the period starts at the first one's start.
                    const start = later.period.requestedFrom ?? later.period.from;
                    expect(instantToLocal(model.timezone, Date.parse(start)).day, `${model.id} from ${from}`).toBe(Number(from.slice(8)));
                    if (later.period.requestedFrom !== undefined) exercised.insideWindows++;
                    exercised.weekly += later.credits.filter((credit) => credit.window === 'calendar week').length;
                    const expected = creditWindowsFrom(whole, start);
                    expect(creditWindowsFrom(later, start), `seed ${seed}, ${model.id} (${model.timezone}) from ${from}`).toEqual(expected);
                    // Each cap period the later run reports: the whole run's limit; paid before and in it, the whole run's paid.
                    for (const line of later.creditCaps ?? []) {
                        const wholeLine = whole.creditCaps!.find((candidate) => candidate.cap === line.cap)!;
                        for (const period of line.periods) {
                            const same = wholeLine.periods.find((candidate) => candidate.start === period.start)!;
                            expect(period.limit).toBe(same.limit);
                            expect(Math.round(((period.paidBefore ?? 0) + period.paid) * 100), `seed ${seed}, ${model.id} from ${from}: ${line.cap} ${period.start}`).toBe(Math.round(same.paid * 100));
                            if (period.paidBefore !== undefined) exercised.capsPaidBefore++;
                        }
                    }
                    expect(capPayments(later, start).length).toBeLessThanOrEqual(capPayments(whole, start).length);
                    exercised.months++;
                    exercised.earnedBack += later.credits.flatMap((credit) => credit.windows).filter((window) => window.earnedBack === true).length;
                    for (const window of expected as Array<{ repeat?: { breach: number }; cap?: string }>) {
                        exercised.windows++;
                        if ((window.repeat?.breach ?? 0) > 1) exercised.raised++;
                        if (window.cap === 'year') exercised.yearCapped++;
                    }
                }
            }
        }, SLOW_MACHINE_MS);
    }

    it('the draws reached raised credits, yearly caps and caps paid before the period', () => {
        expect(exercised.months).toBeGreaterThan(10);
        expect(exercised.raised).toBeGreaterThan(0);
        expect(exercised.yearCapped).toBeGreaterThan(0);
        expect(exercised.capsPaidBefore).toBeGreaterThan(0);
        expect(exercised.earnedBack).toBeGreaterThan(0);
        // Days inside windows (a month, a week) and weekly credits were among them.
        expect(exercised.insideWindows).toBeGreaterThan(5);
        expect(exercised.weekly).toBeGreaterThan(0);
    });
});
