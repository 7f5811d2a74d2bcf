/**
 * Find references and rename of declarations a client replaces by name (docs/language-reference.md
 * § 18.3), on examples/portfolio: Fabrikam declares its own `calendar OfficeHours` (replacing the
 * catalogue's), Wingtip its own `service Hosting { credit … }` (merged into the template's).
 * Renamed alone, the catalogue's calendar left Fabrikam's replacing nothing (Fabrikam measured
 * with the catalogue's Mon–Fri 08–18 without a word), and the template's service left Wingtip's
 * an added service whose credit names a KPI it does not have.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, TextDocument, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Location, TextEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { isAgreement, type Agreement } from '../../src/generated/ast.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);
afterEach(() => clearDocuments(services));

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples/portfolio');
const example = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8');
const OWN_CALENDAR = '    // Fabrikam\'s support hours are longer than the standard offering\'s.\n    calendar OfficeHours "Mon–Sat 07–20" {\n        monday to saturday 07:00 to 20:00\n    }\n';

/** The catalogue, Fabrikam with its own OfficeHours (before its closing brace), Wingtip and Northwind as in the example. */
async function workspace(texts: Record<string, string> = {}): Promise<Record<string, LangiumDocument>> {
    const files = {
        'catalogue.sla': example('catalogue.sla'),
        'fabrikam.sla': example('fabrikam.sla').replace(/}\n$/, `${OWN_CALENDAR}}\n`),
        'wingtip.sla': example('wingtip.sla'),
        'northwind.sla': example('northwind.sla'),
        ...texts
    };
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) documents[name] = await parse(text, { documentUri: `file:///ws/${name}` });
    await services.shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return documents;
}

/** `file:line:character` (1-based line) of each place, sorted. */
const places = (locations: Array<Location>) => locations.map(l => `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character}`).sort();

function at(document: LangiumDocument, needle: string): { line: number; character: number } {
    const offset = document.textDocument.getText().indexOf(needle);
    expect(offset).toBeGreaterThanOrEqual(0);
    return document.textDocument.positionAt(offset);
}

async function references(document: LangiumDocument, needle: string): Promise<string[]> {
    return places(await services.lsp.ReferencesProvider!.findReferences(document, { textDocument: { uri: document.uri.toString() }, position: at(document, needle), context: { includeDeclaration: true } }));
}

async function rename(document: LangiumDocument, needle: string, newName: string): Promise<Record<string, TextEdit[]>> {
    const edit = await services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position: at(document, needle), newName });
    return Object.fromEntries(Object.entries(edit?.changes ?? {}).map(([uri, edits]) => [uri.split('/').pop()!, edits]));
}

const editPlaces = (changes: Record<string, TextEdit[]>) => places(Object.entries(changes).flatMap(([file, edits]) => edits.map(edit => ({ uri: file, range: edit.range }))));

/** The texts after the rename, every file (those it does not touch as they were). */
function renamed(documents: Record<string, LangiumDocument>, changes: Record<string, TextEdit[]>): Record<string, string> {
    return Object.fromEntries(Object.entries(documents).map(([name, document]) => [name, TextDocument.applyEdits(document.textDocument, changes[name] ?? [])]));
}

const clientOf = (document: LangiumDocument) => (document.parseResult.value as { elements: unknown[] }).elements.find(isAgreement) as Agreement;

describe('a declaration a client replaces by name', () => {
    // catalogue.sla: `calendar OfficeHours` on line 22, `default OfficeHours` on line 29; fabrikam.sla: its own on line 10.
    test('find references of the catalogue\'s calendar lists the client\'s replacement; from the replacement, the same', async () => {
        const { 'catalogue.sla': catalogue, 'fabrikam.sla': fabrikam } = await workspace();
        const expected = ['catalogue.sla:22:9', 'catalogue.sla:29:44', 'fabrikam.sla:10:13'];
        expect(await references(catalogue!, 'OfficeHours "')).toEqual(expected);
        expect(await references(fabrikam!, 'OfficeHours "')).toEqual(expected);
    });

    test('renaming the catalogue\'s calendar renames the client\'s replacement: Fabrikam still measures with its own', async () => {
        const documents = await workspace();
        const changes = await rename(documents['catalogue.sla']!, 'OfficeHours "', 'StdHours');
        expect(editPlaces(changes)).toEqual(['catalogue.sla:22:9', 'catalogue.sla:29:44', 'fabrikam.sla:10:13']);
        // From the client's replacement: the whole family too.
        expect(editPlaces(await rename(documents['fabrikam.sla']!, 'OfficeHours "', 'StdHours'))).toEqual(['catalogue.sla:22:9', 'catalogue.sla:29:44', 'fabrikam.sla:10:13']);
        clearDocuments(services);
        const after = await workspace(renamed(documents, changes));
        expect(after['fabrikam.sla']!.diagnostics ?? []).toEqual([]);
        const deviations = resolveClient(clientOf(after['fabrikam.sla']!))!.deviations.map(d => `${d.member} ${d.kind}`);
        // Still Fabrikam's own: its longer support hours (Mon–Sat 07–20) run the P1 response clock longer, a tightening.
        expect(deviations).toContain('calendar StdHours tightened');
    });

    test('renaming the template\'s service renames the client\'s service of that name: Wingtip\'s credit still replaces the template\'s', async () => {
        const documents = await workspace();
        const changes = await rename(documents['catalogue.sla']!, 'Hosting "Managed hosting"', 'ManagedHost');
        // catalogue.sla line 34 `service Hosting "Managed hosting"`; wingtip.sla line 10 `service Hosting {`.
        expect(editPlaces(changes)).toEqual(['catalogue.sla:34:12', 'wingtip.sla:10:12']);
        clearDocuments(services);
        const after = await workspace(renamed(documents, changes));
        expect(after['wingtip.sla']!.diagnostics ?? []).toEqual([]);
        const deviations = resolveClient(clientOf(after['wingtip.sla']!))!.deviations.map(d => `${d.member} ${d.kind}`);
        expect(deviations).toEqual(['credit ManagedHost.Availability replaced']);
    });

    test('a declaration no client replaces, and a client\'s own addition, keep to their own references', async () => {
        const documents = await workspace({ 'litware.sla': example('litware.sla') });
        // HostedMail's service Mail: no client of this workspace builds on HostedMail. Litware's
        // service Mail is added to ManagedHosting (which has none): named alike, tied to nothing.
        expect(await references(documents['catalogue.sla']!, 'Mail "Hosted mail"')).toEqual(['catalogue.sla:60:12']);
        expect(await references(documents['litware.sla']!, 'Mail "Hosted mail"')).toEqual(['litware.sla:11:12']);
    });
});
