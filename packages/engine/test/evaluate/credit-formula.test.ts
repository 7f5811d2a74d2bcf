import { describe, expect, it } from 'vitest';
import { claimDeadline, claimDeadlineInMonths } from '../../src/evaluate/claim-deadline.js';
import { evaluateCreditFormula, formulaInputs, type CreditFormulaContext } from '../../src/evaluate/credit-formula.js';
import { exactInteger, exactOf, roundToCentsExact, toNumber } from '../../src/evaluate/exact-value.js';
import type { CreditFormula } from '../../src/model.js';
import { localToInstant } from '../../src/time/zone.js';

const n = (value: number): CreditFormula => ({ type: 'number', value });
const input = (name: 'fee' | 'downtime' | 'window'): CreditFormula => ({ type: 'input', input: name });
const op = (o: '+' | '-' | '*' | '/', left: CreditFormula, right: CreditFormula): CreditFormula => ({ type: 'binary', op: o, left, right });

/** 40 minutes × 25 % = 10 minutes of a 31-day month (44,640 minutes), fee 20,000 USD. */
const cloudflare: CreditFormulaContext = {
    input: (name) => name === 'fee' ? exactInteger(20_000) : name === 'window' ? exactInteger(44_640 * 60_000) : exactInteger(10 * 60_000),
    kpi: () => exactOf(0.99)
};

describe('evaluateCreditFormula', () => {
    it('computes 25 × downtime / window × fee exactly: 5,000,000 / 44,640 = 112.0071… → 112.01', () => {
        const formula = op('*', op('/', op('*', n(25), input('downtime')), input('window')), input('fee'));
        const amount = evaluateCreditFormula(formula, cloudflare)!;
        // Exact fraction 5,000,000 / 44,640 = 15,625 / 139.5 = 31,250 / 279 (no rounding before cents).
        expect(amount).toEqual({ num: 31_250n, den: 279n });
        expect(roundToCentsExact(amount)).toBe(112.01);
    });

    it('reads KPI values: 25 × (100% − 99%) × fee = 25 % of 20,000 = 5,000', () => {
        const formula = op('*', op('*', n(25), op('-', n(1), { type: 'kpi', key: 'A' })), input('fee'));
        expect(toNumber(evaluateCreditFormula(formula, cloudflare)!)).toBe(5_000);
    });

    it('floor and ceil count whole blocks: 75 of 30 minutes is 2 full blocks, 3 begun; whole values stay; negative values round the right way', () => {
        const blocks = (round: 'floor' | 'ceil', minutes: number) => toNumber(evaluateCreditFormula({ type: 'whole', round, operand: op('/', n(minutes), n(30)) }, cloudflare)!);
        expect([blocks('floor', 75), blocks('ceil', 75), blocks('floor', 60), blocks('ceil', 60), blocks('ceil', 1)]).toEqual([2, 3, 2, 2, 1]);
        // Inside a negation (before the "negative pays nothing" rule): floor(−2.5) = −3, ceil(−2.5) = −2.
        const negated = (round: 'floor' | 'ceil') => toNumber(evaluateCreditFormula({ type: 'negate', operand: { type: 'whole', round, operand: { type: 'negate', operand: op('/', n(75), n(30)) } } }, cloudflare)!);
        expect([negated('floor'), negated('ceil')]).toEqual([3, 2]);
        // Rackspace: 5 % of a 2,000 USD fee for each 30 minutes begun of 75 minutes' downtime: 300 USD.
        const rackspace = op('*', op('*', n(0.05), { type: 'whole', round: 'ceil', operand: op('/', input('downtime'), n(30 * 60_000)) }), input('fee'));
        expect(toNumber(evaluateCreditFormula(rackspace, { input: (name) => exactInteger(name === 'fee' ? 2_000 : 75 * 60_000), kpi: () => null })!)).toBe(300);
        expect([...formulaInputs(rackspace)].sort()).toEqual(['downtime', 'fee']);
    });

    it('a negative result pays nothing; a value without data or a division by zero has no amount', () => {
        expect(toNumber(evaluateCreditFormula(op('-', n(1), input('fee')), cloudflare)!)).toBe(0);
        expect(evaluateCreditFormula(op('/', input('fee'), n(0)), cloudflare)).toBeNull();
        expect(evaluateCreditFormula({ type: 'kpi', key: 'A' }, { ...cloudflare, kpi: () => null })).toBeNull();
        expect(toNumber(evaluateCreditFormula({ type: 'negate', operand: n(-3) }, cloudflare)!)).toBe(3);
    });

    it('lists the inputs a formula reads, so that only those are computed', () => {
        expect([...formulaInputs(op('*', input('fee'), op('/', input('downtime'), input('fee'))))].sort()).toEqual(['downtime', 'fee']);
        expect(formulaInputs(n(1)).size).toBe(0);
    });
});

describe('claimDeadline', () => {
    it('counts whole days after the last day of the window: January + 15 days = 15 February', () => {
        expect(claimDeadline('UTC', Date.UTC(2026, 1, 1), 15)).toBe('2026-02-15');
    });

    it('in the agreement zone, across a DST change: March (Berlin) + 30 days = 30 April', () => {
        expect(claimDeadline('Europe/Berlin', localToInstant('Europe/Berlin', 2026, 4, 1), 30)).toBe('2026-04-30');
        // February 2028 has 29 days: 29 February + 1 day = 1 March.
        expect(claimDeadline('Europe/Berlin', localToInstant('Europe/Berlin', 2028, 3, 1), 1)).toBe('2028-03-01');
    });
});

describe('claimDeadlineInMonths', () => {
    const end = (year: number, month: number, day: number) => localToInstant('Europe/Berlin', year, month, day);
    it('a window ending on a month\'s last day runs to the last day of the month N months on', () => {
        // January + 2 months: 31 March; February + 2: 30 April (not 28 April); November + 3: 28 February 2027.
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 2, 1), 2)).toBe('2026-03-31');
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 3, 1), 2)).toBe('2026-04-30');
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 12, 1), 3)).toBe('2027-02-28');
        // A quarter ending 30 June + 1 month: 31 July.
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 7, 1), 1)).toBe('2026-07-31');
    });

    it('another window keeps its day, or the later month\'s last when it has none', () => {
        // A week ending Sunday 11 January (its last day) + 1 month: 11 February; a window whose last day is 30 January + 1 month: 28 February.
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 1, 12), 1)).toBe('2026-02-11');
        expect(claimDeadlineInMonths('Europe/Berlin', end(2026, 1, 31), 1)).toBe('2026-02-28');
    });
});
