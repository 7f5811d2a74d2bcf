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

    test('any objective: the calendar promises of the agreement by name, the rolling one not counted', async () => {
        // The fixture promises Availability per calendar month, ErrorRate per rolling 7 days, Availability per rolling 30 days.
        await hover({
            text: withCursor('AnyFailure', 0, withTermination('termination AnyFailure "Terminate" when any objective is breached in 3 consecutive windows, notice within 30 days')),
            index: 0,
            hover: '**Termination right AnyFailure**: "Terminate" The right fires when any promise of this service is breached in 3 consecutive calendar months: a calendar month counts when Availability is breached in it for good (for any value of a `for each`); one without data is not breached. '
                + 'Promises with a rolling window (ErrorRate, Availability) are not counted. The report says whether it fired, when, and whether one more breached calendar month would fire it. '
                + 'The customer\'s notice is due within 30 days after the end of the calendar month that fires it.'
        });
    });

    test('any of some KPIs: the promises listed', async () => {
        const text = withTermination('termination Critical "Terminate" when any of Availability, P1Response is breached in 2 of any 3 consecutive windows')
            .replace('        objective Availability >= 99.9% per calendar month\n', '        objective Availability >= 99.9% per calendar month\n        objective P1Response <= 30 minutes per calendar month\n');
        await hover({
            text: withCursor('Critical', 0, text),
            index: 0,
            hover: '**Termination right Critical**: "Terminate" The right fires when the promise on any of Availability and P1Response is breached in 2 of any 3 consecutive calendar months: a calendar month counts when at least one of them is breached in it for good (for any value of a `for each`), once however many are; one without data is not breached. The report says whether it fired, when, and whether one more breached calendar month would fire it.'
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

describe('hover on a termination right after an evaluation', () => {
    test('says whether it fired, when and by when the notice is due; not after an edit of its rule', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const parse = parseHelper<Document>(services);
        const text = withTermination(CHRONIC);
        const document = await parse(text, { documentUri: 'file:///ws/termination.sla' });
        // What `sla.evaluate` reports for it (only the fields the hover reads are meaningful here).
        const report = {
            schemaVersion: 1, agreement: 'Shop', timezone: 'Europe/Berlin', period: { from: '2026-01-01T00:00:00+01:00', to: '2026-07-01T00:00:00+02:00' },
            generatedAt: '2026-07-02T09:15:00+02:00', datasets: [], objectives: [], internalTargets: [], credits: [], openItems: [], notes: [],
            totals: { windows: 0, met: 0, breached: 0, noData: 0 },
            terminations: [{
                name: 'ChronicFailure', text: 'The customer may terminate without liability', service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability',
                window: 'calendar month', rule: '3 consecutive windows', notice: '60 days', triggered: true,
                scopes: [{ triggered: true, breached: 3, firedAt: '2026-05-01T00:00:00+02:00', breachedWindows: ['2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00'], noticeBy: '2026-06-29' }]
            }]
        } as unknown as Report;
        services.evaluation.LatestEvaluations.remember(document.uri, report);
        const at = (doc: typeof document, source: string) => services.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(source.indexOf('ChronicFailure'))
        });
        const value = ((await at(document, text))?.contents as { value: string }).value;
        // Fired by April, the last breached window (it ends 2026-05-01 00:00, its last day the 30th).
        expect(value.split('\n\n').slice(-1)[0]).toBe('**Latest evaluation** (2026-01-01 – 2026-06-30, run 2026-07-02 09:15):\n'
            + "- **fired** at the end of the window 2026-04-01 – 2026-04-30; the customer's notice is due by 2026-06-29 (3 breached windows)");
        // After an edit of the rule, the old judgement no longer describes it: not shown.
        services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        const editedText = withTermination(CHRONIC.replace('in 3 consecutive', 'in 2 consecutive'));
        const edited = await parse(editedText, { documentUri: 'file:///ws/termination.sla' });
        expect(((await at(edited, editedText))?.contents as { value: string }).value).not.toContain('Latest evaluation');
    });
});


describe('sla explain of a termination right on any objective', () => {
    test('names every calendar promise it looks at', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const text = AGREEMENT.replace('        objective Availability >= 99.9% per calendar month\n', '        objective Availability >= 99.9% per calendar month\n        objective P1Response <= 30 minutes per calendar month\n')
            .replace('    service WebShop', '    termination AnyFailure "Terminate" when any objective is breached in 2 of any 3 consecutive windows\n\n    service WebShop');
        const document = await parseHelper<Document>(services)(text);
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        expect(explainAgreement(agreement, services.types.TypeComputer)).toContain('The right fires when any promise of the agreement is breached in 2 of any 3 consecutive calendar months: a calendar month counts when at least one of Availability, P1Response is breached in it for good');
    });
});
