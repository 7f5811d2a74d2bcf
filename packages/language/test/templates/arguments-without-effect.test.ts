/**
 * An argument whose every use the client's own lines replace (model/parameters-without-effect.ts):
 * a warning at the argument naming the line that applies, with a fix removing it
 * (sla/template-argument-unused); the template's zone beside the client's own `timezone` keeps
 * sla/duplicate-entry; such an argument is no deviation. And a client's own line naming a
 * template parameter is told to write the value.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { isAgreement, type Document } from '../../src/generated/ast.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { createSlaServices } from '../../src/sla-module.js';
import { catalogue, clientText } from './fee-zone-template.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

async function client(lines: string, templateMember = ''): Promise<LangiumDocument<Document>> {
    await parse(catalogue(templateMember), { documentUri: 'file:///ws/catalogue.sla' });
    return parse(clientText(lines), { documentUri: 'file:///ws/client.sla', validation: true }) as Promise<LangiumDocument<Document>>;
}

const withCode = (document: LangiumDocument, code: string): Diagnostic[] => (document.diagnostics ?? []).filter(d => d.code === code);

async function applyFix(document: LangiumDocument, diagnostic: Diagnostic): Promise<{ actions: CodeAction[]; text: string }> {
    const result = await services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    });
    const actions = (result ?? []) as CodeAction[];
    const edits = Object.values(actions[0]?.edit?.changes ?? {})[0] ?? [];
    return { actions, text: TextDocument.applyEdits(TextDocument.create('file:///x.sla', 'sla', 1, document.textDocument.getText()), edits) };
}

describe('an argument the client\'s own lines leave without effect (sla/template-argument-unused)', () => {
    test('its own fee beside with monthlyFee: a warning at the argument naming the fee, a fix removing it', async () => {
        // The fee is the client's 4,000 EUR; the template's `fee monthlyFee …`, the only use of monthlyFee, is replaced, so 3,000 EUR reach nothing.
        const document = await client('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with monthlyFee = 3000 EUR, availability = 99.95 %');
        const [unused, ...more] = withCode(document, 'sla/template-argument-unused');
        expect(more).toEqual([]);
        expect(unused!.severity).toBe(2);
        expect(unused!.message).toBe("'monthlyFee' = 3000 EUR sets nothing: every line of the template 'T' that uses it is replaced by this agreement's own ('fee 4000 EUR per calendar month'), which applies. Remove the argument, or remove the agreement's own line to let the template's use it.");
        expect(document.textDocument.getText(unused!.range)).toBe('monthlyFee = 3000 EUR');
        const { actions, text } = await applyFix(document, unused!);
        expect(actions.map(action => action.title)).toEqual(["Remove the argument 'monthlyFee'"]);
        expect(text).toBe(clientText('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with availability = 99.95 %'));
    });

    test('the only argument: the whole with line goes; a later one goes with the comma before it', async () => {
        const only = await client('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with monthlyFee = 3000 EUR');
        expect((await applyFix(only, withCode(only, 'sla/template-argument-unused')[0]!)).text)
            .toBe(clientText('    timezone "UTC"\n    fee 4000 EUR per calendar month'));
        clearDocuments(services);
        const last = await client('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with availability = 99.95 %, monthlyFee = 3000 EUR');
        expect((await applyFix(last, withCode(last, 'sla/template-argument-unused')[0]!)).text)
            .toBe(clientText('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with availability = 99.95 %'));
    });

    test('an argument with a use left (or no own line) is not reported', async () => {
        // availability: its own objective on A replaces one use; the credit's tier `below availability` keeps it (99.95 %).
        const partly = await client(`    timezone "UTC"
    with monthlyFee = 3000 EUR, availability = 99.95 %
    service S {
        objective A >= 99.95 % per calendar month
    }`);
        expect(withCode(partly, 'sla/template-argument-unused')).toEqual([]);
        expect(withCode(partly, 'sla/duplicate-entry')).toEqual([]);
    });

    test('supportHours beside its own KPI R (the only use): warned, and no deviation "ExtendedHours instead of OfficeHours"', async () => {
        const document = await client(`    timezone "UTC"
    fee 4000 EUR per calendar month
    with supportHours = ExtendedHours
    service S {
        kpi R "Response" = percentile(90, elapsed(tickets.opened, tickets.responded) during OfficeHours)
    }`);
        const [unused] = withCode(document, 'sla/template-argument-unused');
        expect(unused!.message).toContain("replaced by this agreement's own ('kpi R \"Response\" = percentile(90, elapsed(tickets.opened, tickets.responded) during OfficeHours)')");
        const resolved = resolveClient(document.parseResult.value.elements.find(isAgreement)!)!;
        expect(resolved.deviations.map(d => `${d.member}: ${d.text}`).filter(text => text.includes('ExtendedHours'))).toEqual([]);
    });

    test('supportHours in effect (KPI R kept): the deviation stays, no warning', async () => {
        const document = await client('    timezone "UTC"\n    fee 4000 EUR per calendar month\n    with supportHours = ExtendedHours');
        expect(withCode(document, 'sla/template-argument-unused')).toEqual([]);
        const resolved = resolveClient(document.parseResult.value.elements.find(isAgreement)!)!;
        expect(resolved.deviations.map(d => [d.member, d.kind, d.text])).toContainEqual(['calendar OfficeHours', 'replaced', 'ExtendedHours instead of OfficeHours (supportHours)']);
    });
});

describe('the template\'s zone beside the client\'s own timezone: the same rule, still sla/duplicate-entry', () => {
    test('with zone and its own timezone: two time zones, an error at the argument (not also the warning)', async () => {
        const document = await client('    timezone "Asia/Tokyo"\n    fee 4000 EUR per calendar month\n    with zone = "Europe/Paris"');
        const [duplicate, ...more] = withCode(document, 'sla/duplicate-entry');
        expect(more).toEqual([]);
        expect(duplicate!.severity).toBe(1);
        expect(duplicate!.message).toContain("'zone' is the template's time zone ('timezone zone'), but this agreement also states its own ('timezone \"Asia/Tokyo\"')");
        expect(withCode(document, 'sla/template-argument-unused')).toEqual([]);
    });

    test('zone used by a calendar of the template too (its timezone zone): the argument sets that zone, nothing reported', async () => {
        const calendar = '\n    calendar Local "Local hours" {\n        monday to friday 09:00 to 17:00\n        timezone zone\n    }';
        const document = await client('    timezone "Asia/Tokyo"\n    fee 4000 EUR per calendar month\n    with zone = "Europe/Paris"', calendar);
        expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        expect(withCode(document, 'sla/duplicate-entry')).toEqual([]);
        expect(withCode(document, 'sla/template-argument-unused')).toEqual([]);
    });
});

describe('a client\'s own line naming a template parameter', () => {
    test('below availability in its own credit: told to write the value in effect (99.95 % from its argument)', async () => {
        const document = await client(`    timezone "UTC"
    fee 4000 EUR per calendar month
    with availability = 99.95 %
    service S {
        credit for A per calendar month, capped at 50 % of fee {
            below availability: 500 EUR
        }
    }`);
        const messages = withCode(document, 'sla/unresolved-reference').map(d => d.message);
        expect(messages).toEqual(["'availability' is a parameter of the template 'T': it stands only in the template's lines, which 'with availability = …' sets, not in this agreement's own lines. Write the value here (99.95 %, what 'availability' is in this agreement)."]);
    });
});
