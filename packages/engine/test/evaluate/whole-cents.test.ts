import { describe, expect, it } from 'vitest';
import type { CreditEntry } from '../../src/evaluate/credit-evaluation.js';
import { exactOf, toNumber } from '../../src/evaluate/exact-value.js';
import { payInWholeCents } from '../../src/evaluate/whole-cents.js';

const entry = (amount: number, scopeValue?: string, provisional = false): CreditEntry => ({
    report: {} as CreditEntry['report'], amount: exactOf(amount), provisional, inProgress: provisional, openRowsUndecided: false,
    earned: undefined, scopeValue, start: 0, end: 0
});

describe('credit windows paid in whole cents (before a cap on all credits together)', () => {
    it('each window is paid what it adds to the rounded running total', () => {
        // Running totals 33.335, 66.67, 100.005 → rounded 33.34, 66.67, 100.01: paid 33.34, 33.33, 33.34 (100.01 in all).
        const entries = [entry(33.335), entry(33.335), entry(33.335)];
        payInWholeCents(entries, 2);
        expect(entries.map(e => toNumber(e.amount))).toEqual([33.34, 33.33, 33.34]);
    });

    it('per scope value, firm and provisional windows apart', () => {
        // eu firm: 0.005 → 0.01, then 0.005 (running total 0.01, still 0.01 rounded): 0. us firm: 0.005 → 0.01 (its own running total).
        // eu provisional: 0.005 → 0.01 (not added to eu's firm total).
        const entries = [entry(0.005, 'eu'), entry(0.005, 'eu'), entry(0.005, 'us'), entry(0.005, 'eu', true)];
        payInWholeCents(entries, 2);
        expect(entries.map(e => toNumber(e.amount))).toEqual([0.01, 0, 0.01, 0.01]);
    });

    it('whole yen for JPY: 100.5 + 100.5 JPY are paid 101 + 100', () => {
        const entries = [entry(100.5), entry(100.5)];
        payInWholeCents(entries, 0);
        expect(entries.map(e => toNumber(e.amount))).toEqual([101, 100]);
    });
});
