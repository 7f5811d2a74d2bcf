/**
 * docs/language-reference.md § 14.8: margin is headroom (value − target for >=/>, target − value for
 * <=/<, positive on the met side); the error budget consumed is (1 − value)/(1 − target)
 * for >=/> ratio objectives and value/target for <=/< ones.
 */
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/index.js';

describe('margin and error budget of each comparison', () => {
    it('gives headroom, positive on the met side, for >=, >, <= and <', () => {
        // Availability 99.95 % against >= 99.9 %: met, margin 0.9995 − 0.999 = +0.0005; budget (1 − 0.9995)/(1 − 0.999) = 0.5.
        expect(judge(0.9995, '>=', 0.999, 'ratio')).toEqual({ status: 'met', margin: 0.0005, budgetConsumed: 0.5, budgetRemaining: 0.5 });
        // 99.8 % against > 99.9 %: breached, margin 0.998 − 0.999 = −0.001; budget 0.002/0.001 = 2.
        expect(judge(0.998, '>', 0.999, 'ratio')).toEqual({ status: 'breached', margin: -0.001, budgetConsumed: 2, budgetRemaining: -1 });
        // Error rate 0.3 % against <= 1 %: met, margin 0.01 − 0.003 = +0.007; budget 0.003/0.01 = 0.3.
        expect(judge(0.003, '<=', 0.01, 'ratio')).toEqual({ status: 'met', margin: 0.007, budgetConsumed: 0.3, budgetRemaining: 0.7 });
        // Error rate 1.5 % against < 1 %: breached, margin 0.01 − 0.015 = −0.005; budget 0.015/0.01 = 1.5.
        expect(judge(0.015, '<', 0.01, 'ratio')).toEqual({ status: 'breached', margin: -0.005, budgetConsumed: 1.5, budgetRemaining: -0.5 });
        // p95 latency 287 ms against <= 300 ms: met, margin +13 ms, no budget (not a ratio).
        expect(judge(287, '<=', 300, 'duration')).toEqual({ status: 'met', margin: 13, budgetConsumed: null, budgetRemaining: null });
        // On the target: met for >= and <=, breached for > and <, margin 0 in every case.
        for (const [comparison, status] of [['>=', 'met'], ['>', 'breached'], ['<=', 'met'], ['<', 'breached']] as const) {
            const outcome = judge(0.99, comparison, 0.99, 'ratio');
            expect([outcome.status, outcome.margin], comparison).toEqual([status, 0]);
        }
    });

    it('keeps the margin exact: 99.8 % against >= 99.9 % is −0.1 pp, not −0.10000000000000009 pp', () => {
        // 0.998 − 0.999 in doubles is −0.0010000000000000009; the exact difference is −1/1000.
        expect(judge(0.998, '>=', 0.999, 'ratio').margin).toBe(-0.001);
        // 1 − 0.999 in doubles is 0.0010000000000000009, so (1 − 0.9995)/(1 − 0.999) drifts; exact: 0.5.
        expect(judge(0.9995, '>=', 0.999, 'ratio').budgetConsumed).toBe(0.5);
    });
});
