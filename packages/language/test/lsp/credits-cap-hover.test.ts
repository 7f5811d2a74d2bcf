import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import type { Report } from '@sla/engine';

const { hover } = hoverHarness();

/** The fixture (fee 12,000 EUR per calendar month) with a cap on all credits together after its fee. */
function withCap(line: string): string {
    return AGREEMENT.replace('    fee 12000 EUR per calendar month\n', `    fee 12000 EUR per calendar month\n    ${line}\n`);
}

const CAPS = 'credits capped at 12% of fee per calendar month, capped at 10% of fee per calendar year';

describe('hover on a cap on all credits together', () => {
    test('each period in words: a share of the monthly fee per month computed, per year computed on the year\'s fee', async () => {
        // 12 % of 12,000 EUR = 1,440 EUR a month; the yearly cap is 10 % of the calendar year's fee, 12 × 12,000 = 144,000 EUR
        // over the validity 2026 (engine feeBetween): 14,400 EUR (not 1,200 EUR, 10 % of the monthly fee).
        await hover({
            text: withCursor('12% of fee per calendar month', 0, withCap(CAPS)),
            index: 0,
            hover: '**Cap on all credits together** (the at-risk amount): all service credits of this agreement together are, per calendar month at most 12% of the fee (1,440.00 EUR); and per calendar year at most 10% of the year\'s fee, 144,000.00 EUR (12 × the fee of 12,000.00 EUR per calendar month): 14,400.00 EUR.\n\n'
                + 'It applies after each credit\'s own caps: when the credits of a period owe more, those counted last (their windows end later, or they are written later) are lowered, so no more than the cap is paid. A window counts in the period it starts in.'
        });
    });

    test('the credits keyword shows the cap, then the glossary entry', async () => {
        await hover({ text: withCursor('credits capped', 0, withCap(CAPS)), index: 0, hover: /^\*\*Cap on all credits together\*\* [^\n]*\n\n[^\n]*\n\n---\n\n\*\*Cap on all credits together \(at-risk amount\)\*\*: / });
    });

    test('a credit\'s own yearly cap in % of fee is no longer priced as a share of the monthly fee', async () => {
        const text = withCap('').replace('capped at 50% of fee {', 'capped at 50% of fee, capped at 20% of fee per calendar year {');
        await hover({ text: withCursor('20% of fee per calendar year', 0, text), index: 0, hover: /Credits are capped at 50% of the fee \(6,000\.00 EUR\) per credit window\.\n\nCredits are capped per calendar year at 20% of the year's fee, 144,000\.00 EUR \(12 × the fee of 12,000\.00 EUR per calendar month\): 28,800\.00 EUR\./ });
    });
});

describe('a credit under a cap on all credits together', () => {
    test('its hover says the cap may lower it, and no longer that no cap is written', async () => {
        const text = withCap(CAPS).replace('capped at 50% of fee {', '{');
        await hover({ text: withCursor('99.9% : 10%', 0, text), index: 0, hover: /Only the most severe tier that applies is paid; tiers do not add up\.\n\nAll credits of the agreement together are capped at 12% of fee per calendar month and 10% of fee per calendar year \(the at-risk amount\): in a period that reaches it, this credit may be paid less\.$/ });
    });
});

describe('a cap on all credits of a service (a tower\'s at-risk amount)', () => {
    /** The fixture's service WebShop with a fee of its own (5,000 EUR a month) and `line` in it. */
    const inService = (line: string) => AGREEMENT.replace('    service WebShop "Acme web shop" {\n', `    service WebShop "Acme web shop" {\n        fee 5000 EUR per calendar month\n        ${line}\n`).replace('capped at 50% of fee {', '{');

    test('its hover: the service\'s credits, a share of its own fee computed (12 % of 5,000 EUR = 600 EUR)', async () => {
        await hover({
            text: withCursor('12% of fee per calendar month', 0, inService('credits capped at 12% of fee per calendar month')),
            index: 0,
            hover: /^\*\*Cap on all credits together\*\* \(the at-risk amount\): all service credits of the service WebShop together \(its own at-risk amount, a share of its own fee\) are, per calendar month at most 12% of the fee \(600\.00 EUR\)\.\n\nIt applies after each credit's own caps, and with the agreement's cap on all credits when there is one/
        });
    });

    test('sla explain gives it in the service\'s section', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(inService('credits capped at 12% of fee per calendar month'));
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('### All credits of the service together\n\n**Cap on all credits together** (the at-risk amount): all service credits of the service WebShop together');
        expect(text).not.toContain('## All credits together');
    });

    test('the hover on a credit of the service says its cap may lower it', async () => {
        await hover({ text: withCursor('99.9% : 10%', 0, inService('credits capped at 12% of fee per calendar month')), index: 0, hover: /All credits of the service WebShop together are capped at 12% of fee per calendar month \(its at-risk amount\): in a period that reaches it, this credit may be paid less\.$/ });
    });
});

describe('sla explain of a cap on all credits together', () => {
    test('its own section, and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withCap(CAPS));
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('## All credits together\n\n**Cap on all credits together** (the at-risk amount): all service credits of this agreement together are, per calendar month at most 12% of the fee (1,440.00 EUR);');
        expect(text).toContain('- **Cap on all credits together (at-risk amount)**: ');
    });
});

describe('hover on a cap on all credits together after an evaluation', () => {
    test('per period what was owed and what is paid; not after an edit of the cap', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const parse = parseHelper<Document>(services);
        const text = withCap('credits capped at 12% of fee per calendar month');
        const document = await parse(text, { documentUri: 'file:///ws/caps.sla' });
        // What `sla.evaluate` reports for it (only the fields the hover reads are meaningful here).
        const report = {
            schemaVersion: 1, agreement: 'Shop', timezone: 'Europe/Berlin', period: { from: '2026-01-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
            generatedAt: '2026-03-02T09:15:00+01:00', datasets: [], objectives: [], internalTargets: [], credits: [], openItems: [], notes: [],
            totals: { windows: 0, met: 0, breached: 0, noData: 0 },
            creditCaps: [{
                cap: '12% of fee per calendar month', window: 'calendar month', currency: 'EUR',
                periods: [
                    { start: '2026-01-01T00:00:00+01:00', end: '2026-02-01T00:00:00+01:00', limit: 1440, owed: 1200, paid: 1200 },
                    { start: '2026-02-01T00:00:00+01:00', end: '2026-03-01T00:00:00+01:00', limit: 1440, owed: 3000, paid: 1440, reached: true, lowered: ['WebShop.Availability'] }
                ]
            }]
        } as unknown as Report;
        services.evaluation.LatestEvaluations.remember(document.uri, report);
        const at = async (doc: typeof document, source: string) => ((await services.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(source.indexOf('12% of fee'))
        }))?.contents as { value: string }).value;
        expect((await at(document, text)).split('\n\n').slice(-1)[0]).toBe('**Latest evaluation** (2026-01-01 – 2026-02-28, run 2026-03-02 09:15):\n'
            + '- 12% of fee per calendar month:\n'
            + '  - 2026-01-01: €1,200.00 of €1,440.00 used\n'
            + '  - 2026-02-01: **€1,440.00 paid** of €3,000.00 owed (lowered: WebShop.Availability)');
        // After an edit of the cap, the old figures no longer describe it: not shown.
        services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        const editedText = withCap('credits capped at 15% of fee per calendar month');
        const edited = await parse(editedText, { documentUri: 'file:///ws/caps.sla' });
        expect(await at(edited, editedText.replace('15% of fee', '12% of fee'))).not.toContain('Latest evaluation');
    });
});
