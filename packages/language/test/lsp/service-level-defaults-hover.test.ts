import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import { glossaryForKeyword } from '../../src/explain/glossary.js';
import type { Document } from '../../src/generated/ast.js';
import { AGREEMENT_WITHOUT_EXCLUSIONS, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

/** The fixture (Europe/Berlin, 2026, no maintenance excluded) with its monthly availability promise written `objective`. */
const withObjective = (objective: string, tiers?: string): string => {
    const text = AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', objective);
    return tiers === undefined ? text : text.replace('            below 99.9% : 10% of fee\n', tiers);
};

describe('hover on Expected and Minimum Service Levels', () => {
    test('the minimum with its own error budget, and the rule in words', async () => {
        // 99.5 % of a month, worked by hand: 31 days = 44,640 min × 0.005 = 223.2 min = 3 h 43 min 12 s;
        // 30 days 216 min = 3 h 36 min; February (40,320 min) 201.6 min = 3 h 21 min 36 s; March in
        // Berlin (44,580 min) 222.9 min = 3 h 42 min 54 s; October (44,700 min) 223.5 min = 3 h 43 min 30 s.
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, withObjective('objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 12 consecutive windows')),
            index: 0,
            hover: 'WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, 40 min 19 s in February 2026, '
                + '44 min 34 s in March 2026 with the change to summer time, 44 min 42 s in October 2026 with the change back to standard time). '
                + 'The minimum service level is at least 99.5% in every calendar month: a window that misses it (below 99.5%) is a Service Level Default. '
                + 'That allows at most 3 h 43 min 12 s of downtime in a 31-day month (3 h 36 min in a 30-day month, 3 h 21 min 36 s in February 2026, '
                + '3 h 42 min 54 s in March 2026 with the change to summer time, 3 h 43 min 30 s in October 2026 with the change back to standard time). '
                + 'A window that misses the target is also a Service Level Default when 3 of the 12 windows ending with it (it and the 11 before) are missed.'
        });
    });

    test('a minimum of a duration (`<=`) is the larger value: a window above it misses it (§ 9.4)', async () => {
        // `Restore <= 4 hours, minimum 8 hours`: 9 hours misses the minimum, 6 hours only the target.
        const text = AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective ErrorRate < 0.5% per rolling 7 days', 'objective P1Response <= 4 hours per calendar month, minimum 8 hours');
        await hover({
            text: withCursor('<= 4 hours per calendar month', 0, text),
            index: 0,
            hover: 'WebShop promises that P1Response is at most 4 hours in every calendar month (Europe/Berlin time). '
                + 'The minimum service level is at most 8 hours in every calendar month: a window that misses it (more than 8 hours) is a Service Level Default.'
        });
    });

    test('a strict minimum: exactly the minimum misses it (`> 90%`: 90% or less; `< 1%`: 1% or more)', async () => {
        const strict = (objective: string) => AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective ErrorRate < 0.5% per rolling 7 days', objective);
        await hover({
            text: withCursor('< 0.5% per calendar month', 0, strict('objective ErrorRate < 0.5% per calendar month, minimum < 1%')),
            index: 0,
            hover: /The minimum service level is less than 1% in every calendar month: a window that misses it \(1% or more\) is a Service Level Default\./
        });
        await hover({
            text: withCursor('> 99.9% per calendar month', 0, strict('objective Availability > 99.9% per calendar month, minimum > 90%').replace('objective Availability >= 99.9% per calendar month\n', '')),
            index: 0,
            hover: /The minimum service level is more than 90% in every calendar month: a window that misses it \(90% or less\) is a Service Level Default\./
        });
    });

    test('a rule of consecutive windows without a minimum', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, withObjective('objective Availability >= 99.9% per calendar month, default when breached in 2 consecutive windows')),
            index: 0,
            hover: /standard time\)\. A window that misses the target is a Service Level Default when it is the 2nd missed window in a row\.$/
        });
    });

    test('an objective without a minimum or a rule says nothing of defaults', async () => {
        await hover({
            text: withCursor('>= 99.9% per calendar month', 0, withObjective('objective Availability >= 99.9% per calendar month')),
            index: 0,
            hover: /^(?![\s\S]*Default)WebShop promises/
        });
    });

    test('a default tier in the credit\'s hover', async () => {
        await hover({
            text: withCursor('credit for Availability', 0, withObjective('objective Availability >= 99.9% per calendar month, minimum 99.5%', '            default : 10% of fee\n')),
            index: 0,
            hover: /- Upon a Service Level Default of Availability in the window \(missing its minimum, or by its default rule\), the customer receives 10% of the fee/
        });
    });

    test('the glossary entry on the keyword minimum', async () => {
        await hover({
            text: withCursor('minimum', 0, withObjective('objective Availability >= 99.9% per calendar month, minimum 99.5%')),
            index: 0,
            hover: /^\*\*Service Level Default \(Expected and Minimum Service Levels\)\*\*: `objective Availability >= 99\.9% per calendar month, minimum 99\.5%/
        });
    });

    test('sla explain states the minimum, the rule, the default tier and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const parse = parseHelper<Document>(services);
        const explain = async (text: string) => explainAgreement((await parse(text)).parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0], services.types.TypeComputer);
        const text = await explain(withObjective('objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 2 consecutive windows', '            default : 10% of fee\n'));
        expect(text).toContain('The minimum service level is at least 99.5% in every calendar month: a window that misses it (below 99.5%) is a Service Level Default. That allows at most 3 h 43 min 12 s of downtime in a 31-day month');
        expect(text).toContain('A window that misses the target is also a Service Level Default when it is the 2nd missed window in a row.');
        expect(text).toContain('- Upon a Service Level Default of Availability in the window (missing its minimum, or by its default rule), the customer receives 10% of the fee');
        expect(text).toContain('- **Service Level Default (Expected and Minimum Service Levels)**: ');
        expect(await explain(withObjective('objective Availability >= 99.9% per calendar month'))).not.toContain('Service Level Default');
    });

    test('a termination right on Service Level Defaults in words', async () => {
        const text = withObjective('objective Availability >= 99.9% per calendar month, minimum 99.5%')
            .replace('        credit for Availability per calendar month', '        termination Critical "Three defaults in any twelve months" when Availability defaults in 3 of any 12 consecutive windows, notice within 60 days\n\n        credit for Availability per calendar month');
        await hover({
            text: withCursor('Critical', 0, text),
            index: 0,
            hover: '**Termination right Critical**: "Three defaults in any twelve months" The right fires when Availability is in Service Level Default in 3 of any 12 consecutive calendar months: '
                + 'a calendar month counts when it is over and a default for good (missing the minimum, or by the objective\'s default rule); one that open rows could still make or unmake is not known yet. '
                + 'The report says whether it fired, when, and whether one more default would fire it. The customer\'s notice is due within 60 days after the end of the calendar month that fires it.'
        });
    });

    test('the words of a default rule, the default tier and a right\'s defaults open the glossary entry of Service Level Defaults', async () => {
        const entry = /^\*\*Service Level Default \(Expected and Minimum Service Levels\)\*\*: /;
        const objective = withObjective('objective Availability >= 99.9% per calendar month, default when breached in 2 consecutive windows', '            default : 10% of fee\n');
        // In the rule, `breached` and `consecutive` are not the termination right's or the timeslices' words.
        await hover({ text: withCursor('breached in 2', 0, objective), index: 0, hover: entry });
        await hover({ text: withCursor('consecutive windows', 0, objective), index: 0, hover: entry });
        await hover({ text: withCursor('default : 10%', 0, objective), index: 0, hover: entry });
        const right = objective.replace('        credit for Availability per calendar month', '        termination Critical "Terminate" when Availability defaults in 3 of any 12 consecutive windows\n\n        credit for Availability per calendar month');
        await hover({ text: withCursor('defaults in 3', 0, right), index: 0, hover: entry });
        // A termination right's `breached` still opens the termination right's entry.
        const breaches = objective.replace('        credit for Availability per calendar month', '        termination Chronic "Terminate" when Availability is breached in 3 consecutive windows\n\n        credit for Availability per calendar month');
        await hover({ text: withCursor('breached in 3', 0, breaches), index: 0, hover: /^\*\*Termination right \(chronic failure\)\*\*: / });
    });

    test('a template parameter\'s `default` is not a Service Level Default', () => {
        expect(glossaryForKeyword('default', 'Parameter')).toBeUndefined();
        expect(glossaryForKeyword('default', 'TierCondition')?.term).toBe('Service Level Default (Expected and Minimum Service Levels)');
    });
});
