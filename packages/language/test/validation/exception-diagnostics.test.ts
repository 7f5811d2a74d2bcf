/**
 * A check's exception stays visible in a half-written document: the validator drops the checks'
 * messages that print 'undefined' while the text has a syntax error (syntax-aware-document-validator.ts),
 * but "An error occurred during validation: TypeError: … of undefined" is a bug report, not such a message.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createTestServices } from '../test-services.js';

const { services, validate, clear } = createTestServices();

services.validation.ValidationRegistry.register({
    Kpi: [
        (node: AstNode) => { if ((node as AstNode & { name?: string }).name === 'Broken') throw new TypeError("Cannot read properties of undefined (reading 'startsWith')"); },
        (node: AstNode, accept: ValidationAcceptor) => { if ((node as AstNode & { name?: string }).name === 'Named') accept('warning', "the KPI 'undefined' is half-written", { node, code: 'sla/kpi-unused' }); }
    ]
});

beforeEach(() => { vi.spyOn(console, 'error').mockImplementation(() => undefined); });
afterEach(() => { vi.restoreAllMocks(); clear(); });

const text = (kpi: string, brokenLine: string) => `agreement A "A" {
    timezone "UTC"
    kpi ${kpi} = 1
${brokenLine}
}
`;

describe('exceptions in checks of a half-written document', () => {
    test("an exception printing 'undefined' is reported, with a syntax error elsewhere too", async () => {
        const document = await validate(text('Broken', '    provider "P"'));
        const messages = (document.diagnostics ?? []).map(d => d.message);
        expect(messages.some(message => message.startsWith('An error occurred during validation') && message.includes('undefined'))).toBe(true);
        expect((document.diagnostics ?? []).some(d => d.code === 'sla/syntax-error')).toBe(true);
    });

    test("a check's message printing 'undefined' is dropped with a syntax error, kept without one", async () => {
        const withError = await validate(text('Named', '    provider "P"'));
        expect((withError.diagnostics ?? []).map(d => d.message)).not.toContain("the KPI 'undefined' is half-written");
        const clean = await validate(text('Named', ''));
        expect((clean.diagnostics ?? []).map(d => d.message)).toContain("the KPI 'undefined' is half-written");
    });
});
