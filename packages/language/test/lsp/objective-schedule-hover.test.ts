import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT, AGREEMENT_WITHOUT_EXCLUSIONS, withCursor } from './fixture.js';
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
    test('in force from a day, a step with its own error budget: each over the quarters it judges', async () => {
        // 99.9 % judges Q2 2026 only (in force from 1 April, 99.95 % from 1 July): 91 days = 131,040 min × 0.001
        // = 131.04 min = 2 h 11 min 2 s. Q1 (before the in-force day) is judged by no target.
        // 99.95 % judges Q3 and Q4: 92 days = 132,480 min × 0.0005 = 66.24 min = 1 h 6 min 14 s;
        // Q4 (132,540 min with the hour back in October): 66.27 min = 1 h 6 min 16 s.
        await hover({
            text: withCursor('>= 99.9% per calendar quarter', 0, withObjective('objective Availability >= 99.9% per calendar quarter from 2026-04-01, >= 99.95% from 2026-07-01')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar quarter (Europe/Berlin time). '
                + 'That allows at most 2 h 11 min 2 s of downtime in a 91-day quarter. '
                + 'It is in force from 2026-04-01: the windows before it (a transition period) are not judged, earn no credit and count towards no termination right. '
                + 'From 2026-07-01 the target is at least 99.95% in every calendar quarter. '
                + 'That allows at most 1 h 6 min 14 s of downtime in a 92-day quarter (1 h 6 min 16 s in Q4 2026 with the change back to standard time).'
        });
    });

    test('a target that steps up names only the months it judges (America/New_York, 2026–2027)', async () => {
        const text = withObjective('objective Availability >= 99.5% per calendar month from 2026-04-01, >= 99.7% from 2027-01-01')
            .replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 2027-12-31')
            .replace('timezone "Europe/Berlin"', 'timezone "America/New_York"');
        await hover({
            text: withCursor('>= 99.5% per calendar month', 0, text),
            index: 0,
            // 99.5 % judges April–December 2026: 31 days = 44,640 min × 0.005 = 223.2 min = 3 h 43 min 12 s;
            // 30 days = 43,200 min × 0.005 = 216 min = 3 h 36 min; November 2026 (43,260 min, the hour back
            // on 1 November) × 0.005 = 216.3 min = 3 h 36 min 18 s. No February or March 2026 (before the
            // in-force day), no 2027 month (judged at 99.7 %).
            // 99.7 % judges 2027: 44,640 × 0.003 = 133.92 min = 2 h 13 min 55 s; 43,200 × 0.003 = 129.6 min
            // = 2 h 9 min 36 s; February 2027 40,320 × 0.003 = 120.96 min = 2 h 0 min 57 s; March 2027
            // (44,580 min, the hour forward on 14 March) 133.74 min = 2 h 13 min 44 s; November 2027 (43,260 min) 129.78 min = 2 h 9 min 46 s.
            hover: 'WebShop promises that Availability is at least 99.5% in every calendar month (America/New\\_York time). '
                + 'That allows at most 3 h 43 min 12 s of downtime in a 31-day month (3 h 36 min in a 30-day month, 3 h 36 min 18 s in November 2026 with the change back to standard time). '
                + 'It is in force from 2026-04-01: the windows before it (a transition period) are not judged, earn no credit and count towards no termination right. '
                + 'From 2027-01-01 the target is at least 99.7% in every calendar month. '
                + 'That allows at most 2 h 13 min 55 s of downtime in a 31-day month (2 h 9 min 36 s in a 30-day month, 2 h 57 s in February 2027, '
                + '2 h 13 min 44 s in March 2027 with the change to summer time, 2 h 9 min 46 s in November 2027 with the change back to standard time).'
        });
    });

    test('with eligible time (Patching excluded), each target lists the eligible minutes of its own months', async () => {
        // The fixture's Availability excludes Sunday 02:00–04:00 (Europe/Berlin, 2026). 99.9 % judges April–June:
        // April and June have 4 Sundays (43,200 − 480 = 42,720 min × 0.001 = 42.72 min = 42 min 43 s), May 5
        // (44,640 − 600 = 44,040 min: 44 min 2 s). 99.95 % judges July–December: July 4 Sundays (44,640 − 480
        // = 44,160 min × 0.0005 = 22.08 min = 22 min 4 s), … November 5 (43,200 − 600 = 42,600 min: 21.3 min = 21 min 18 s).
        const text = AGREEMENT.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2026-07-01');
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, text),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 44 min 2 s of downtime in May 2026 (44,040 eligible minutes); 42 min 43 s in April and June 2026 (42,720 eligible minutes each). '
                + 'It is in force from 2026-04-01: the windows before it (a transition period) are not judged, earn no credit and count towards no termination right. '
                + 'From 2026-07-01 the target is at least 99.95% in every calendar month. '
                + 'The budget is 0.05% of eligible time: each month minus maintenance Patching. '
                + 'That allows at most 22 min 4 s of downtime in July, October and December 2026 (44,160 eligible minutes each); 22 min 1 s in August 2026 (44,040 eligible minutes); '
                + '21 min 21 s in September 2026 (42,720 eligible minutes); 21 min 18 s in November 2026 (42,600 eligible minutes).'
        });
    });

    test('a step after the validity judges no window: no budget for it', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, withObjective('objective Availability >= 99.9% per calendar month, >= 99.95% from 2027-01-01')),
            index: 0,
            // The whole of 2026 is judged at 99.9 % (44,640 min × 0.001 = 44 min 38 s in a 31-day month); the step never applies.
            hover: /^WebShop promises that Availability is at least 99\.9% in every calendar month \(Europe\/Berlin time\)\. That allows at most 44 min 38 s of downtime in a 31-day month \([^)]*\)\. From 2027-01-01 the target is at least 99\.95% in every calendar month\.$/
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
