import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';

const { hover } = hoverHarness();

/** The fixture (fee 12,000 EUR per calendar month) with a cap on all credits together after its fee. */
function withCap(line: string): string {
    return AGREEMENT.replace('    fee 12000 EUR per calendar month\n', `    fee 12000 EUR per calendar month\n    ${line}\n`);
}

const CAPS = 'credits capped at 12% of fee per calendar month, capped at 10% of fee per calendar year';

describe('hover on a cap on all credits together', () => {
    test('each period in words: a share of the monthly fee per month computed, per year named', async () => {
        // 12 % of 12,000 EUR = 1,440 EUR a month; the yearly cap is 10 % of each calendar year's fee (not 1,200 EUR, 10 % of the monthly fee).
        await hover({
            text: withCursor('12% of fee per calendar month', 0, withCap(CAPS)),
            index: 0,
            hover: '**Cap on all credits together** (the at-risk amount): all service credits of this agreement together are, per calendar month at most 12% of the fee (1,440 EUR); and per calendar year at most 10% of the calendar year\'s fee.\n\n'
                + 'It applies after each credit\'s own caps: when the credits of a period owe more, those counted last (their windows end later, or they are written later) are lowered, so no more than the cap is paid. A window counts in the period it starts in.'
        });
    });

    test('the credits keyword shows the cap, then the glossary entry', async () => {
        await hover({ text: withCursor('credits capped', 0, withCap(CAPS)), index: 0, hover: /^\*\*Cap on all credits together\*\* [^\n]*\n\n[^\n]*\n\n---\n\n\*\*Cap on all credits together \(at-risk amount\)\*\*: / });
    });

    test('a credit\'s own yearly cap in % of fee is no longer priced as a share of the monthly fee', async () => {
        const text = withCap('').replace('capped at 50% of fee {', 'capped at 50% of fee, capped at 20% of fee per calendar year {');
        await hover({ text: withCursor('20% of fee per calendar year', 0, text), index: 0, hover: /Credits are capped at 50% of the fee \(6,000 EUR\) per credit window\.\n\nCredits are capped at 20% of the calendar year's fee per calendar year\./ });
    });
});

describe('sla explain of a cap on all credits together', () => {
    test('its own section, and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withCap(CAPS));
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('## All credits together\n\n**Cap on all credits together** (the at-risk amount): all service credits of this agreement together are, per calendar month at most 12% of the fee (1,440 EUR);');
        expect(text).toContain('- **Cap on all credits together (at-risk amount)**: ');
    });
});
