/**
 * How the validator calls the registered checks (validation/sla-validation-registry.ts,
 * reusing-document-validator.ts): a synchronous check is a plain call, without a promise;
 * a check that returns a promise is still awaited before the next check and the next node,
 * so diagnostics come in the same order; an exception in either kind is Langium's error
 * diagnostic at the node.
 */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { SlaValidationRegistry } from '../../src/validation/sla-validation-registry.js';
import { createTestServices } from '../test-services.js';

const { services, validate, clear } = createTestServices();
const registry = services.validation.ValidationRegistry as SlaValidationRegistry;
const name = (node: AstNode) => (node as AstNode & { name: string }).name;
const later = () => new Promise(resolve => setTimeout(resolve, 5));

registry.register({
    Kpi: [
        (node: AstNode, accept: ValidationAcceptor) => { accept('hint', `${name(node)}: sync 1`, { node }); },
        async (node: AstNode, accept: ValidationAcceptor) => { await later(); accept('hint', `${name(node)}: async`, { node }); },
        (node: AstNode, accept: ValidationAcceptor) => { accept('hint', `${name(node)}: sync 2`, { node }); },
        (node: AstNode) => { if (name(node) === 'B') throw new Error('sync failure'); },
        async (node: AstNode) => { await later(); if (name(node) === 'B') throw new Error('async failure'); }
    ]
});

beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => { vi.restoreAllMocks(); clear(); });

describe('checks', () => {
    test('an async check is awaited: its diagnostics come between those of the checks around it, node by node', async () => {
        const document = await validate('kpi A = 1\nkpi B = 2\nkpi C = 3\n');
        const ours = (document.diagnostics ?? []).map(d => d.message).filter(m => /^[ABC]: |failure/.test(m));
        expect(ours).toEqual([
            'A: sync 1', 'A: async', 'A: sync 2',
            'B: sync 1', 'B: async', 'B: sync 2',
            'An error occurred during validation: sync failure', 'An error occurred during validation: async failure',
            'C: sync 1', 'C: async', 'C: sync 2'
        ]);
    });

    test('a synchronous check returns no promise; one that returns a promise, a promise', async () => {
        const document = await validate('kpi A = 1\n');
        const node = AstUtils.streamAllContents(document.parseResult.value).find(n => n.$type === 'Kpi')!;
        const checks = registry.checksOf('Kpi');
        const accepted: string[] = [];
        const accept: ValidationAcceptor = (_severity, message) => { accepted.push(message); };
        const [sync1, async1] = checks.slice(-5);
        expect(sync1!(node, accept, undefined as never)).toBeUndefined();
        const pending = async1!(node, accept, undefined as never);
        expect(pending).toBeInstanceOf(Promise);
        await pending;
        expect(accepted.filter(m => m.includes('sync'))).toHaveLength(2);
    });

    test('every registered check is among them, in registration order (the shipped ones first)', () => {
        const checks = registry.checksOf('Kpi');
        expect(checks.length).toBeGreaterThan(5);
        expect(registry.getChecks('Kpi').toArray()).toEqual([...checks]);
    });
});

describe('the checks of a node type per categories', () => {
    test('one categories array gives the checks of those categories; a check registered later is among them at the next ask', () => {
        const local = createTestServices();
        const ours = local.services.validation.ValidationRegistry as SlaValidationRegistry;
        const fast = ['built-in', 'fast'];
        const slow = ['slow'];
        const before = ours.checksOf('Kpi', fast);
        expect(before.length).toBeGreaterThan(2);
        expect(ours.checksOf('Kpi', fast)).toBe(before);
        expect(ours.checksOf('Kpi', slow)).toEqual([]);
        const added = (): void => undefined;
        ours.register({ Kpi: added }, undefined, 'slow');
        const afterSlow = ours.checksOf('Kpi', slow);
        expect(afterSlow).toHaveLength(1);
        expect(ours.checksOf('Kpi', fast)).toEqual([...before]);
        ours.register({ Kpi: added }, undefined, 'fast');
        // Asked with another array of the same categories (as for the next document), then with
        // the same array again, after a registration: the new check is there.
        expect(ours.checksOf('Kpi', ['built-in', 'fast'])).toHaveLength(before.length + 1);
        expect(ours.checksOf('Kpi', fast)).toHaveLength(before.length + 1);
        // The same categories in another array (or order) give the same checks.
        expect(ours.checksOf('Kpi', ['fast', 'built-in'])).toEqual([...ours.checksOf('Kpi', fast)]);
        expect(ours.checksOf('Kpi')).toHaveLength(before.length + 2);
    });
});
