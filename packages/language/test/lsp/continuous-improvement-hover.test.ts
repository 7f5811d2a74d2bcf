import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { AGREEMENT_WITHOUT_EXCLUSIONS, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

/** The fixture (Europe/Berlin, valid from 2026-01-01) with its monthly availability promise written `objective`. */
const withObjective = (objective: string): string => AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', objective);

const IMPROVED = 'objective Availability >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.2%';

describe('hover on Continuous Improvement', () => {
    test('the objective says how each contract year\'s target is computed', async () => {
        await hover({
            text: withCursor('>= 99.5% per calendar month', 0, withObjective(IMPROVED)),
            index: 0,
            hover: /standard time\)\. The target improves every contract year \(from each anniversary of 2026-01-01\): it becomes the mean of the 6 best windows of the year before \(the highest values\), taken down to a multiple of 0\.1%, by at most 0\.2 percentage points a year, when that is stricter; it is never loosened\. When fewer than 6 windows of a contract year have a value, the next year keeps that year's target\.$/
        });
    });

    test('a promise where lower is better improves downwards, at the precision it is written with', async () => {
        const text = AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month',
            'objective Availability >= 99.9% per calendar month\n        objective P1Response <= 4.0 hours per calendar month, improved yearly to the mean of the best 3 windows');
        await hover({
            text: withCursor('<= 4.0 hours', 0, text),
            index: 0,
            hover: /it becomes the mean of the 3 best windows of the year before \(the lowest values\), taken up to a multiple of 0\.1 hours, when that is stricter; it is never loosened\./
        });
    });

    test('an objective without it says nothing of contract years', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, AGREEMENT_WITHOUT_EXCLUSIONS),
            index: 0,
            hover: /^(?![\s\S]*contract year)WebShop promises/
        });
    });

    test('every word of the rule opens the glossary entry; a window\'s `yearly` does not', async () => {
        const entry = /^\*\*Continuous Improvement\*\*: `objective Availability >= 99\.5% per calendar month, improved yearly/;
        const text = withObjective(IMPROVED);
        for (const word of ['improved', 'yearly to', 'mean', 'best 6', 'most 0.2%']) await hover({ text: withCursor(word, 0, text), index: 0, hover: entry });
    });

    test('sla explain states the rule and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const parse = parseHelper<Document>(services);
        const explain = async (text: string) => explainAgreement((await parse(text)).parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0], services.types.TypeComputer);
        const text = await explain(withObjective(IMPROVED));
        expect(text).toContain('The target improves every contract year (from each anniversary of 2026-01-01): it becomes the mean of the 6 best windows of the year before');
        expect(text).toContain('- **Continuous Improvement**: ');
        expect(await explain(AGREEMENT_WITHOUT_EXCLUSIONS)).not.toContain('Continuous Improvement');
    });

    test('in a template, a target given by a parameter is taken to the precision of the parameter\'s default as written (99.50 %: hundredths)', async () => {
        const template = `template Hosting "Managed hosting" {
    parameter availability percentage default 99.50 %
    dataset incidents "Outages" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= availability per calendar month, improved yearly to the mean of the best 6 windows
}
`;
        await hover({
            text: withCursor('>= availability', 0, template),
            index: 0,
            hover: /it becomes the mean of the 6 best windows of the year before \(the highest values\), taken down to a multiple of 0\.01%, when that is stricter/
        });
    });
});
