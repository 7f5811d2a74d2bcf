import { describe, expect, it } from 'vitest';
import { compileRowExpression, type RowCompileContext } from '../../src/evaluate/row-expression.js';
import type { Expr } from '../../src/index.js';
import { bin, num, ref, str } from './fixtures.js';

const context: RowCompileContext = { dataset: 'd', fieldIndex: new Map([['status', 0], ['region', 1], ['latency', 2]]), calendars: {} };
const evaluate = (expr: Expr, row: unknown[]) => compileRowExpression(expr, context)(row);

describe('row expressions', () => {
    it('compare fields with literals, a missing value giving no answer (null)', () => {
        expect(evaluate(bin('>=', ref('d', 'status'), num(500)), [503, 'eu', 10])).toBe(true);
        expect(evaluate(bin('<', ref('d', 'status'), num(500)), [503, 'eu', 10])).toBe(false);
        expect(evaluate(bin('=', ref('d', 'region'), str('eu')), [200, null, 10])).toBeNull();
        expect(evaluate(bin('!=', ref('d', 'region'), str('eu')), [200, null, 10])).toBeNull();
        // literal on the left goes through the general path
        expect(evaluate(bin('>', num(500), ref('d', 'status')), [200, 'eu', 10])).toBe(true);
    });

    it('use three-valued logic: false and missing is false, true or missing is true', () => {
        const isEu = bin('=', ref('d', 'region'), str('eu'));
        const failed = bin('>=', ref('d', 'status'), num(500));
        const row = [200, null, 10]; // region missing, status 200
        expect(evaluate(bin('and', isEu, failed), row)).toBe(false);
        expect(evaluate(bin('or', isEu, failed), row)).toBeNull();
        expect(evaluate(bin('or', isEu, { type: 'not', operand: failed }), row)).toBe(true);
        expect(evaluate({ type: 'not', operand: isEu }, row)).toBeNull();
        expect(evaluate({ type: 'in', value: ref('d', 'region'), list: [str('eu'), str('us')] }, [200, 'us', 1])).toBe(true);
        expect(evaluate({ type: 'in', value: ref('d', 'region'), list: [str('eu'), str('us')] }, [200, 'apac', 1])).toBe(false);
    });

    it('does arithmetic with missing values propagating and no division by zero', () => {
        expect(evaluate(bin('*', ref('d', 'latency'), num(2)), [200, 'eu', 21])).toBe(42);
        expect(evaluate(bin('/', ref('d', 'latency'), num(0)), [200, 'eu', 21])).toBeNull();
        expect(evaluate(bin('+', ref('d', 'latency'), num(1)), [200, 'eu', null])).toBeNull();
        expect(evaluate({ type: 'negate', operand: ref('d', 'latency') }, [200, 'eu', 5])).toBe(-5);
    });
});
