import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';

const { hover } = hoverHarness();

/** The fixture with a termination right in its service, written `terms`. */
function withTermination(terms: string): string {
    return AGREEMENT.replace('        credit for Availability per calendar month', `        ${terms}\n\n        credit for Availability per calendar month`);
}

const CHRONIC = 'termination ChronicFailure "The customer may terminate without liability" when Availability is breached in 3 consecutive windows, notice within 60 days';

describe('hover on a termination right', () => {
    test('the rule in words, on the calendar objective of its KPI, with the notice', async () => {
        // The fixture promises Availability per calendar month and per rolling 30 days: the calendar one is judged.
        await hover({
            text: withCursor('ChronicFailure', 0, withTermination(CHRONIC)),
            index: 0,
            hover: '**Termination right ChronicFailure**: "The customer may terminate without liability" The right fires when Availability is breached in 3 consecutive calendar months. '
                + 'A window counts when it is over and breached for good; one without data is not breached. The report says whether it fired, when, and whether one more breached calendar month would fire it. '
                + 'The customer\'s notice is due within 60 days after the end of the calendar month that fires it.'
        });
    });

    test('N of any M, without a notice', async () => {
        await hover({
            text: withCursor('Repeated', 0, withTermination('termination Repeated "Terminate" when Availability is breached in 4 of any 12 consecutive windows')),
            index: 0,
            hover: /fires when Availability is breached in 4 of any 12 consecutive calendar months\. .* would fire it\.$/
        });
    });

    test('the termination keyword shows the right, then the glossary entry; a number inside it the right', async () => {
        await hover({ text: withCursor('termination ChronicFailure', 0, withTermination(CHRONIC)), index: 0, hover: /^\*\*Termination right ChronicFailure\*\*: [^\n]*\n\n---\n\n\*\*Termination right \(chronic failure\)\*\*: / });
        await hover({ text: withCursor('3 consecutive', 0, withTermination(CHRONIC)), index: 0, hover: /^\*\*Termination right ChronicFailure\*\*: / });
    });
});

describe('sla explain of a termination right', () => {
    test('its own section in the service, and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withTermination(CHRONIC));
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('### Termination rights\n\n**Termination right ChronicFailure**: "The customer may terminate without liability" The right fires when Availability is breached in 3 consecutive calendar months.');
        expect(text).toContain('- **Termination right (chronic failure)**: ');
    });
});
