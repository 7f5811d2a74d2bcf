/** `sla explain` states plans, exclusions and procedural clauses in their own sections, with the hover wording. */
import { afterEach, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

test('plans, exclusions (a declared one included) and a procedural clause are explained, with their glossary entries', async () => {
    const document = await parse(`agreement A "Support" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    plans Developer, Business
    plan Business
    dataset cases "Cases" from "cases.csv" {
        opened timestamp
        responded timestamp optional
        cause text
    }
    exclusion ForceMajeure "Force majeure"
    procedural clause Claims "Claims within 15 days."
    service S "Support" {
        exclusion Tests "Test cases" = cases where cause = "test"
        kpi K "Slowest response" = max(elapsed(cases.opened, cases.responded) wall-clock)
        objective K by plan {
            Developer: none,
            Business: <= 4 hours
        } per calendar month
    }
}`);
    const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
    expect(text).toContain('## Plans\n\n**Plans**: Developer and Business. The agreement is under the plan Business: where a target is given per plan, that plan\'s applies.');
    expect(text).toContain('Per plan: Developer — no promise; Business — at most 4 hours. The plan in effect is Business: at most 4 hours.');
    expect(text).toContain('## Exclusions\n\n**Exclusion ForceMajeure**: "Force majeure" A declared term the data cannot show');
    expect(text).toContain('### Plan and exclusions\n\n**Exclusion Tests**: "Test cases" Rows of cases where cause is "test" do not count: every KPI of the service S that reads them leaves them out');
    expect(text).toContain('**Procedural clause Claims**: "Claims within 15 days." A procedural clause');
    for (const term of ['**Exclusion**', '**Procedural clause**', '**Plan**']) expect(text).toContain(`- ${term}: `);
});
