/**
 * Plain names that stand for a dataset or field (scoping/name-mentions.ts): `deployed in deployments
 * by database from created to deleted`, `across zone of zones`, `weighted by affected`,
 * `slices(every 1 minute by answered: …)`, `with at least 20 tickets`. Renaming the dataset
 * `deployments` left `deployed in deployments` behind, and the KPI then named no dataset; find
 * references did not list them, and go to definition from them went nowhere.
 */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Location, TextEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);
afterEach(() => clearDocuments(services));

const TEXT = `agreement Db "Databases" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"
    valid from 2026-01-01 to 2026-12-31

    dataset outages "Outages" from "outages.csv" {
        database text
        zone     text
        started  timestamp
        ended    timestamp optional
        affected percent optional
    }

    dataset deployments "Deployments" from "deployments.csv" {
        database text
        created  timestamp
        deleted  timestamp optional
    }

    dataset zones "Zones" from "zones.csv" {
        zone text
    }

    dataset tickets "Tickets" from "tickets.csv" {
        opened   timestamp
        answered timestamp optional
    }

    service Sql "SQL" {
        kpi Deployed "While deployed" = uptime(outages, from started to ended, deployed in deployments by database from created to deleted)
        kpi Replicated "Across zones" = uptime(outages, from started to ended, across zone of zones)
        kpi Weighted "Weighted" = uptime(outages, from started to ended, weighted by affected)
        kpi Answered "Answered" = share(tickets where answered <= opened + 1 hour of tickets)
        kpi BadMinutes "Bad minutes" = slices(every 1 minute by answered: count where count(tickets) > 5, empty as good)
        objective Answered >= 90 % per calendar month with at least 20 tickets
    }
}
`;

async function document(): Promise<LangiumDocument> {
    const parsed = await parse(TEXT, { documentUri: 'file:///ws/db.sla' });
    await services.shared.workspace.DocumentBuilder.build([parsed], { validation: true });
    return parsed;
}

/** The position of the `index`-th occurrence (0-based) of `needle`, `shift` characters into it. */
function at(doc: LangiumDocument, needle: string, index = 0, shift = 0) {
    let offset = -1;
    for (let i = 0; i <= index; i++) offset = doc.textDocument.getText().indexOf(needle, offset + 1);
    expect(offset).toBeGreaterThanOrEqual(0);
    return doc.textDocument.positionAt(offset + shift);
}

/** `line:character` (1-based line) of each place, sorted. */
const places = (locations: Array<Location>) => locations.map(l => `${l.range.start.line + 1}:${l.range.start.character}`).sort();

async function references(doc: LangiumDocument, needle: string, index = 0, shift = 0): Promise<string[]> {
    return places(await services.lsp.ReferencesProvider!.findReferences(doc, { textDocument: { uri: doc.uri.toString() }, position: at(doc, needle, index, shift), context: { includeDeclaration: true } }));
}

async function renamed(doc: LangiumDocument, needle: string, newName: string, index = 0, shift = 0): Promise<string> {
    const edit = await services.lsp.RenameProvider!.rename(doc, { textDocument: { uri: doc.uri.toString() }, position: at(doc, needle, index, shift), newName });
    return applyEdits(doc.textDocument.getText(), Object.values(edit?.changes ?? {}).flat(), doc);
}

/** The text with the edits applied (from the end, so earlier offsets stay right). */
function applyEdits(text: string, edits: TextEdit[], doc: LangiumDocument): string {
    const sorted = edits.map(edit => ({ start: doc.textDocument.offsetAt(edit.range.start), end: doc.textDocument.offsetAt(edit.range.end), text: edit.newText })).sort((a, b) => b.start - a.start);
    for (const edit of sorted) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    return text;
}

async function definition(doc: LangiumDocument, needle: string, shift = 0): Promise<string[]> {
    const links = await services.lsp.DefinitionProvider!.getDefinition(doc, { textDocument: { uri: doc.uri.toString() }, position: at(doc, needle, 0, shift) });
    return (links ?? []).map(link => `${link.targetSelectionRange.start.line + 1}:${link.targetSelectionRange.start.character}`).sort();
}

async function errorsAfter(text: string): Promise<string[]> {
    const parsed = await parse(text, { documentUri: 'file:///ws/renamed.sla' });
    await services.shared.workspace.DocumentBuilder.build([parsed], { validation: true });
    return (parsed.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
}

describe('plain names standing for a dataset or field', () => {
    test('renaming the inventory rewrites `deployed in` and `across … of`, and the agreement stays valid', async () => {
        const doc = await document();
        expect(await errorsAfter(TEXT)).toEqual([]);
        const text = await renamed(doc, 'dataset deployments', 'inventory', 0, 'dataset '.length);
        expect(text).toContain('deployed in inventory by database from created to deleted');
        expect(text).toContain('dataset inventory "Deployments"');
        clearDocuments(services);
        expect(await errorsAfter(text)).toEqual([]);
        // Same from the name after `across … of`: the dataset `zones` and its mention.
        const again = await document();
        const zones = await renamed(again, 'across zone of zones', 'regions', 0, 'across zone of '.length);
        expect(zones).toContain('across zone of regions)');
        expect(zones).toContain('dataset regions "Zones"');
    });

    test('renaming a field rewrites `by`, `from … to`, `weighted by`, `slices(… by …)`', async () => {
        const doc = await document();
        const created = await renamed(doc, '    created  timestamp', 'since', 0, 4);
        expect(created).toContain('deployed in deployments by database from since to deleted');
        clearDocuments(services);
        const affected = await renamed(await document(), '        affected percent', 'share_hit', 0, 8);
        expect(affected).toContain('weighted by share_hit)');
        clearDocuments(services);
        const answered = await renamed(await document(), '        answered timestamp', 'replied', 0, 8);
        expect(answered).toContain('slices(every 1 minute by replied:');
        expect(answered).toContain('where replied <= opened + 1 hour');
        clearDocuments(services);
        expect(await errorsAfter(answered)).toEqual([]);
    });

    test('the noun of a minimum sample is a reference of its dataset', async () => {
        const doc = await document();
        const text = await renamed(doc, 'dataset tickets', 'requests', 0, 'dataset '.length);
        expect(text).toContain('with at least 20 requests');
        clearDocuments(services);
        expect(await errorsAfter(text)).toEqual([]);
    });

    test('find references lists them; go to definition leads from them to the declaration', async () => {
        const doc = await document();
        // `deployments`: its declaration (line 15) and `deployed in deployments` (line 31).
        expect(await references(doc, 'dataset deployments', 0, 'dataset '.length)).toEqual(['15:12', '31:91']);
        expect(await definition(doc, 'deployed in deployments', 'deployed in '.length)).toEqual(['15:12']);
        // `by database`: the field of both the outages (line 8) and the inventory (line 16).
        expect(await definition(doc, 'by database from', 'by '.length)).toEqual(['16:8', '8:8']);
        // `from created`: the inventory's timestamp (line 17), not anything of the outages.
        expect(await definition(doc, 'from created', 'from '.length)).toEqual(['17:8']);
    });

    test('a same-named word that is not the dataset is left alone', async () => {
        // `zone` of `across zone of zones` is the outages' field, not the dataset `zones`; the field `zone`
        // of the dataset zones is also named by it; renaming the tickets' `opened` touches no uptime option.
        const doc = await document();
        const text = await renamed(doc, '        opened   timestamp', 'raised', 0, 8);
        expect(text).toContain('deployed in deployments by database from created to deleted');
        expect(text).toContain('answered <= raised + 1 hour');
    });
});
