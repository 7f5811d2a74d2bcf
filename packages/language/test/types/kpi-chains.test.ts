/**
 * Thousands of KPIs referring to each other in a chain or a cycle: types, validation,
 * explanations and hovers work without recursing once per KPI, and a cycle's message stays
 * short (issue 13, item 4).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { explainDocument } from '../../src/explain/explain-document.js';
import { isAgreement, isKpi, isService, type Document, type Kpi } from '../../src/generated/ast.js';
import { createTestServices } from '../test-services.js';

const { services, parse, validate, clear } = createTestServices();
const consoleErrors: unknown[] = [];
beforeEach(() => {
    consoleErrors.length = 0;
    // Langium logs an exception in a check and reports "An error occurred during validation".
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { consoleErrors.push(args); });
});
afterEach(() => {
    vi.restoreAllMocks();
    clear();
});

const N = 3_000;

/**
 * `K0 = K1 + 1`, `K1 = K2 + 1`, …, the last counts rows (or, for a cycle, names K0): the
 * first KPI checked is the deepest, so a recursive type computer nests N calls at once.
 */
function chain(n: number, cycle = false): string {
    const kpis = Array.from({ length: n }, (_, i) =>
        `        kpi K${i} = ${i < n - 1 ? `K${i + 1} + 1` : cycle ? 'K0 + 1' : 'count(requests)'}`).join('\n');
    return `agreement A "A" {
    timezone "UTC"
    dataset requests "Requests" from "requests.csv" {
        time timestamp
    }
    service S {
${kpis}
        objective K0 >= 1 per calendar month
    }
}
`;
}

function kpisOf(document: { parseResult: { value: Document } }): Kpi[] {
    const agreement = document.parseResult.value.elements.find(isAgreement)!;
    return agreement.members.filter(isService).flatMap(s => s.members.filter(isKpi));
}

function internalErrors(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map(d => d.message).filter(m => m.startsWith('An error occurred') || m.includes('call stack'));
}

describe(`a chain of ${N.toLocaleString('en-US')} KPIs`, () => {
    test('the first KPI has the type of the last (a count), without a stack overflow', async () => {
        const document = await parse(chain(N));
        const kpis = kpisOf(document);
        expect(kpis).toHaveLength(N);
        expect(services.types.TypeComputer.kpiType(kpis[0]!).kind).toBe('count');
    });

    test('validation reports no internal error and no cycle, and one sla/kpi-depth where the chain passes 100', async () => {
        const document = await validate(chain(N));
        expect(internalErrors(document.diagnostics)).toEqual([]);
        expect(consoleErrors).toEqual([]);
        expect((document.diagnostics ?? []).filter(d => (d.data as { code?: string })?.code === 'sla/kpi-cycle')).toEqual([]);
        // K2999 counts rows (depth 1), so K(3000 − d) has depth d: depth 101 is K2899.
        const deep = (document.diagnostics ?? []).filter(d => (d.data as { code?: string })?.code === 'sla/kpi-depth').map(d => d.message);
        expect(deep).toEqual(["'K2899' is computed through 101 KPIs in a row (K2899 → K2900 → K2901 → K2902 → …); a chain of KPI references may be at most 100 deep. Compute some of these KPIs from the data directly."]);
    });

    test('explain and the hover on the objective read through the whole chain', async () => {
        const text = chain(N);
        const document = await parse(text);
        const explained = explainDocument(document.parseResult.value, services.types.TypeComputer);
        // Every KPI reads the one dataset at the end of the chain.
        expect(explained.split('- Reads: requests (`requests.csv`)').length - 1).toBe(N);
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('>= 1 per'))
        });
        expect(JSON.stringify(hover)).toContain('K0 is at least 1');
    });
});

describe(`a cycle of ${N.toLocaleString('en-US')} KPIs`, () => {
    test('each KPI gets one short sla/kpi-cycle error naming the cycle by its first steps and its size', async () => {
        const document = await validate(chain(N, true));
        expect(internalErrors(document.diagnostics)).toEqual([]);
        expect(consoleErrors).toEqual([]);
        const cycles = (document.diagnostics ?? []).filter(d => (d.data as { code?: string })?.code === 'sla/kpi-cycle');
        expect(cycles).toHaveLength(N);
        const first = cycles.find(d => d.message.startsWith("The formula of 'K0'"));
        expect(first?.message).toBe("The formula of 'K0' depends on itself: K0 → K1 → K2 → K3 → … → K0 (3,000 KPIs in this cycle). A KPI cannot be computed from its own value; break the cycle.");
        expect(Math.max(...cycles.map(d => d.message.length))).toBeLessThan(200);
    });

    test('explain does not loop or overflow', async () => {
        const document = await parse(chain(N, true));
        expect(explainDocument(document.parseResult.value, services.types.TypeComputer)).toContain('**KPI S.K0**');
    });
});

test('a short cycle is still named in full', async () => {
    const document = await validate(chain(3, true));
    const cycles = (document.diagnostics ?? []).filter(d => (d.data as { code?: string })?.code === 'sla/kpi-cycle').map(d => d.message);
    expect(cycles.find(m => m.startsWith("The formula of 'K0'"))).toBe("The formula of 'K0' depends on itself: K0 → K1 → K2 → K0. A KPI cannot be computed from its own value; break the cycle.");
});

test('levelOf a list of 200,000 items (a spread that size overflows the stack)', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ $type: 'StringLiteral', value: `v${i}` }));
    const list = { $type: 'ListExpression', items } as never;
    expect(services.types.TypeComputer.levelOf(list)).toBe('constant');
});
