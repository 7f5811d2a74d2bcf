import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT_WITHOUT_EXCLUSIONS, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';

const { hover } = hoverHarness();

/** The fixture (Europe/Berlin, 2026, no maintenance excluded) with its monthly availability promise written `objective`. */
const withObjective = (objective: string, tiers?: string): string => {
    const text = AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', objective);
    return tiers === undefined ? text : text.replace('            below 99.9% : 10% of fee\n', tiers);
};

describe('hover on a promise over the term', () => {
    test('in force from a day, a step with its own error budget', async () => {
        // 99.9 % per quarter: the budgets of the quarter test in hover.test.ts. 99.95 % leaves half of them:
        // 92 days = 132,480 min × 0.0005 = 66.24 min = 1 h 6 min 14 s; 91 days: 65.52 min = 1 h 5 min 31 s;
        // Q1 (129,540 min): 64.77 min = 1 h 4 min 46 s; Q4 (132,540 min): 66.27 min = 1 h 6 min 16 s.
        await hover({
            text: withCursor('>= 99.9% per calendar quarter', 0, withObjective('objective Availability >= 99.9% per calendar quarter from 2026-04-01, >= 99.95% from 2026-07-01')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar quarter (Europe/Berlin time). '
                + 'That allows at most 2 h 12 min 28 s of downtime in a 92-day quarter (2 h 11 min 2 s in a 91-day quarter, '
                + '2 h 9 min 32 s in Q1 2026 with the change to summer time, 2 h 12 min 32 s in Q4 2026 with the change back to standard time). '
                + 'It is in force from 2026-04-01: the windows before it (a transition period) are not judged, earn no credit and count towards no termination right. '
                + 'From 2026-07-01 the target is at least 99.95% in every calendar quarter. '
                + 'That allows at most 1 h 6 min 14 s of downtime in a 92-day quarter (1 h 5 min 31 s in a 91-day quarter, '
                + '1 h 4 min 46 s in Q1 2026 with the change to summer time, 1 h 6 min 16 s in Q4 2026 with the change back to standard time).'
        });
    });

    test('an objective without a term says nothing of one', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, withObjective('objective Availability >= 99.9% per calendar month')),
            index: 0,
            hover: /^WebShop promises that Availability is at least 99.9% in every calendar month \(Europe\/Berlin time\)\. That allows at most [^.]*\.$/
        });
    });

    test('a missed tier in the credit\'s hover', async () => {
        await hover({
            text: withCursor('credit for Availability', 0, withObjective('objective Availability >= 99.9% per calendar month, >= 99.95% from 2026-07-01', '            missed : 10% of fee\n')),
            index: 0,
            hover: /- If Availability misses its objective in the window \(against the target in force then\), the customer receives 10% of the fee/
        });
    });
});

describe('hover on a credit payable from a day', () => {
    test('the stabilization period in words', async () => {
        const text = withObjective('objective Availability >= 99.9% per calendar month').replace('credit for Availability per calendar month,', 'credit for Availability per calendar month from 2026-04-01,');
        await hover({
            text: withCursor('credit for Availability', 0, text),
            index: 0,
            hover: /\n\nCredits are payable from 2026-04-01: the windows before it \(a stabilization period\) are measured and reported, and pay nothing\.\n/
        });
    });
});

describe('the term in the glossary and in sla explain', () => {
    test('the missed keyword shows the glossary entry', async () => {
        await hover({
            text: withCursor('missed', 0, withObjective('objective Availability >= 99.9% per calendar month', '            missed : 10% of fee\n')),
            index: 0,
            hover: /^\*\*Promise over the term\*\*: `objective Availability >= 99\.5% per calendar month from 2026-04-01, >= 99\.7% from 2027-01-01` is in force from 1 April 2026/
        });
    });

    test('sla explain states the term, the missed tier and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withObjective('objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2026-07-01', '            missed : 10% of fee\n'));
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('It is in force from 2026-04-01: the windows before it (a transition period) are not judged');
        // 99.95 % of a 31-day month: 44,640 min × 0.0005 = 22.32 min = 22 min 19 s.
        expect(text).toContain('From 2026-07-01 the target is at least 99.95% in every calendar month. That allows at most 22 min 19 s of downtime in a 31-day month');
        expect(text).toContain('- If Availability misses its objective in the window (against the target in force then), the customer receives 10% of the fee');
        expect(text).toContain('- **Promise over the term**: ');
    });

    test('an agreement without a term has no such glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withObjective('objective Availability >= 99.9% per calendar month'));
        const text = explainAgreement(document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0], services.types.TypeComputer);
        expect(text).not.toContain('Promise over the term');
    });
});
