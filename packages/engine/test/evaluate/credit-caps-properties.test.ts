// Caps on all credits together (the agreement's and each service's) on random credits: what the
// money rules promise whatever the amounts, the order and the caps (docs/language-reference.md § 12.4).
import { describe, expect, it } from 'vitest';
import type { AgreementCreditCapModel, AgreementModel } from '../../src/model.js';
import type { CreditWindowReport } from '../../src/report/report-types.js';
import { applyAgreementCreditCaps } from '../../src/evaluate/agreement-credit-caps.js';
import type { CreditDraft, CreditEntry } from '../../src/evaluate/credit-evaluation.js';
import { add, compare, EXACT_ZERO, exactOf, exactRatio, roundToCentsExact, sign, toNumber, type Exact } from '../../src/evaluate/exact-value.js';
import { InstantFormatter } from '../../src/evaluate/instant-format.js';
import { seededRandom } from '../seeded-random.js';

const MONTHS = [0, 1, 2, 3, 4, 5].map((m) => [Date.UTC(2026, m, 1), Date.UTC(2026, m + 1, 1)] as const);
const QUARTER_OF = (start: number) => Math.floor(new Date(start).getUTCMonth() / 3);

interface Case {
    model: AgreementModel;
    drafts: CreditDraft[];
    /** Each entry's amount before the caps, and the draft it belongs to. */
    before: Map<CreditEntry, { amount: Exact; draft: CreditDraft }>;
}

/** Up to five credits over two services (or none), six months of windows each, June's provisional in half the cases; an agreement cap and up to one cap per service. Amounts in cents, or in `1 / amountsPer` EUR. */
function randomCase(random: () => number, amountsPer = 100): Case {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const cents = (max: number) => Math.floor(random() * max);
    const caps: AgreementCreditCapModel[] = [];
    caps.push(random() < 0.5
        ? { amount: { kind: 'money', amount: cents(300_000) / 100, currency: 'EUR' }, window: { kind: 'calendar', unit: pick(['month', 'quarter'] as const) }, text: 'agreement cap' }
        : { amount: { kind: 'percentOfFee', percent: pick([5, 12, 12.5, 33.3]) }, window: { kind: 'calendar', unit: 'month' }, text: 'agreement share' });
    for (const service of ['A', 'B']) {
        if (random() < 0.6) caps.push({ amount: { kind: 'money', amount: cents(200_000) / 100, currency: 'EUR' }, window: { kind: 'calendar', unit: pick(['month', 'quarter'] as const) }, text: `cap of ${service}`, service });
    }
    const model = { timezone: 'UTC', fee: { amount: 10_000, currency: 'EUR', period: { kind: 'calendar', unit: 'month' } }, creditCaps: caps } as unknown as AgreementModel;
    const before = new Map<CreditEntry, { amount: Exact; draft: CreditDraft }>();
    const drafts: CreditDraft[] = [];
    // June in progress in half the cases: its windows are provisional (as when evaluating before the month ends).
    const juneInProgress = random() < 0.5;
    const count = 1 + Math.floor(random() * 5);
    for (let d = 0; d < count; d++) {
        const draft: CreditDraft = { credit: { kpi: `K${d}`, service: pick(['A', 'B', undefined]) } as CreditDraft['credit'], currency: 'EUR', entries: [], finish: () => { throw new Error('not used'); } };
        for (const [start, end] of MONTHS) {
            // In cents, or (amountsPer 1000) in tenths of a cent, as a share of a prorated fee may be.
            const amount = random() < 0.3 ? EXACT_ZERO : exactRatio(cents(1500 * amountsPer), amountsPer);
            const entry = { report: { capped: false } as CreditWindowReport, amount, provisional: juneInProgress && start === MONTHS[5]![0], inProgress: false, openRowsUndecided: false, earned: undefined, scopeValue: undefined, start, end } as CreditEntry;
            draft.entries.push(entry);
            before.set(entry, { amount, draft });
        }
        // As draftCredit hands a draft over: each window rounded to cents on its own (`before` keeps the exact amounts).
        for (const entry of draft.entries) entry.amount = exactOf(roundToCentsExact(entry.amount));
        drafts.push(draft);
    }
    return { model, drafts, before };
}

/** The period of `cap` an entry counts in (its start's month or quarter). */
const periodKey = (cap: AgreementCreditCapModel, start: number) => (cap.window.kind === 'calendar' && cap.window.unit === 'quarter' ? `q${QUARTER_OF(start)}` : `m${start}`);
const covers = (cap: AgreementCreditCapModel, draft: CreditDraft) => cap.service === undefined || cap.service === draft.credit.service;
/** A cap's limit in cents: money as written, or the share of the 10,000 EUR monthly fee (33.3 % → 3,330.00 EUR). */
const limitOf = (cap: AgreementCreditCapModel): Exact => (cap.amount.kind === 'money' ? exactRatio(Math.round(cap.amount.amount * 100), 100) : exactRatio(Math.round(cap.amount.percent * 10_000), 100));

describe('caps on all credits together, on random credits (300 cases)', () => {
    const cases = Array.from({ length: 300 }, (_, index) => randomCase(seededRandom(20261205 + index).next));
    for (const c of cases) applyAgreementCreditCaps(c.model, c.drafts, { start: MONTHS[0]![0], end: MONTHS[5]![1], validityStart: Date.UTC(2026, 0, 1), validityEnd: Date.UTC(2027, 0, 1) }, new InstantFormatter('UTC'), []);

    it('no credit is raised, none goes below zero, and a lowered one says which cap', () => {
        for (const { before } of cases) {
            for (const [entry, { amount }] of before) {
                expect(compare(entry.amount, amount)).toBeLessThanOrEqual(0);
                expect(sign(entry.amount)).toBeGreaterThanOrEqual(0);
                if (compare(entry.amount, amount) < 0) expect(['agreement', 'service']).toContain(entry.report.cap);
                else expect(entry.report.cap).toBeUndefined();
            }
        }
    });

    it('in every period of every cap, the firm credits it covers are paid at most its limit', () => {
        for (const { model, before } of cases) {
            for (const cap of model.creditCaps!) {
                const paid = new Map<string, Exact>();
                for (const [entry, { draft }] of before) {
                    if (!covers(cap, draft) || entry.provisional) continue;
                    const key = periodKey(cap, entry.start);
                    paid.set(key, add(paid.get(key) ?? EXACT_ZERO, entry.amount));
                }
                for (const total of paid.values()) expect(compare(total, limitOf(cap))).toBeLessThanOrEqual(0);
            }
        }
    });

    it('nothing is withheld for nothing: a lowered firm credit lies in a period some covering cap has paid in full', () => {
        let lowered = 0;
        for (const { model, before } of cases) {
            for (const [entry, { amount, draft }] of before) {
                if (entry.provisional || compare(entry.amount, amount) >= 0) continue;
                lowered++;
                const full = model.creditCaps!.filter((cap) => covers(cap, draft)).some((cap) => {
                    let total = EXACT_ZERO;
                    for (const [other, { draft: otherDraft }] of before) {
                        if (covers(cap, otherDraft) && !other.provisional && periodKey(cap, other.start) === periodKey(cap, entry.start)) total = add(total, other.amount);
                    }
                    return compare(total, limitOf(cap)) === 0;
                });
                expect(full).toBe(true);
            }
        }
        // The cases do lower credits (else the property holds vacuously).
        expect(lowered).toBeGreaterThan(100);
    });

    it('a provisional credit never takes more than its covering caps leave after the firm ones', () => {
        for (const { model, before } of cases) {
            for (const [entry, { draft }] of before) {
                if (!entry.provisional) continue;
                for (const cap of model.creditCaps!.filter((candidate) => covers(candidate, draft))) {
                    let firm = EXACT_ZERO;
                    for (const [other, { draft: otherDraft }] of before) {
                        if (covers(cap, otherDraft) && !other.provisional && periodKey(cap, other.start) === periodKey(cap, entry.start)) firm = add(firm, other.amount);
                    }
                    expect(compare(add(firm, entry.amount), limitOf(cap))).toBeLessThanOrEqual(0);
                }
            }
        }
    });
});

describe('caps on all credits together, on random credits with fractions of a cent (300 cases)', () => {
    const cases = Array.from({ length: 300 }, (_, index) => randomCase(seededRandom(20261206 + index).next, 1000));
    const reports = cases.map((c) => applyAgreementCreditCaps(c.model, c.drafts, { start: MONTHS[0]![0], end: MONTHS[5]![1], validityStart: Date.UTC(2026, 0, 1), validityEnd: Date.UTC(2027, 0, 1) }, new InstantFormatter('UTC'), []));
    const isWholeCents = (amount: Exact) => (amount.num * 100n) % amount.den === 0n;

    it('every window is paid whole cents, and a window nothing cut is paid its exact amount rounded on its own', () => {
        for (const { before } of cases) {
            for (const [entry, { amount }] of before) {
                expect(isWholeCents(entry.amount)).toBe(true);
                if (entry.report.cap === undefined) expect(toNumber(entry.amount)).toBe(roundToCentsExact(amount));
            }
        }
    });

    it('in every period of every cap, the firm credits it covers add up to its reported paid, at most its limit', () => {
        cases.forEach(({ model, before }, index) => {
            model.creditCaps!.forEach((cap, capIndex) => {
                const paid = new Map<string, Exact>();
                for (const [entry, { draft }] of before) {
                    if (!covers(cap, draft) || entry.provisional) continue;
                    const key = periodKey(cap, entry.start);
                    paid.set(key, add(paid.get(key) ?? EXACT_ZERO, entry.amount));
                }
                // The periods where something is paid, in time order, as the report lists them.
                const reported = reports[index]![capIndex]!.periods.map((period) => period.paid).filter((amount) => amount > 0);
                expect([...paid.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, total]) => toNumber(total)).filter((amount) => amount > 0)).toEqual(reported);
                for (const total of paid.values()) expect(compare(total, limitOf(cap))).toBeLessThanOrEqual(0);
            });
        });
    });
});
