import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Location, Position } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

const CATALOGUE = `dataset incidents "Incidents" from "incidents.csv" {
    client text
    started timestamp
    resolved timestamp optional
}

template Hosting "Hosting offering" {
    parameter availability percentage default 99.9 %
    parameter refund percentage default 10 %
    parameter region text
    provider P "Provider"
    service Web {
        kpi Availability = uptime(incidents, from started to resolved)
        objective Availability >= availability per calendar month
        credit for Availability per calendar month, capped at 50 % of fee {
            below availability: refund of fee
        }
    }
}
`;

const client = (name: string, args: string) => `import "catalogue.sla"

agreement ${name} "${name} Corp" from Hosting {
    customer C "${name} Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    ${args}
}
`;

interface Workspace { catalogue: LangiumDocument; north: LangiumDocument; south: LangiumDocument }

async function workspace(): Promise<Workspace> {
    const catalogue = await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
    const north = await parse(client('North', 'with region = "north", availability = 99.95 %'), { documentUri: 'file:///ws/north.sla' });
    const south = await parse(client('South', 'with region = "south"'), { documentUri: 'file:///ws/south.sla' });
    return { catalogue, north, south };
}

function at(document: LangiumDocument, needle: string, skip = 0): Position {
    const text = document.textDocument.getText();
    let offset = text.indexOf(needle);
    for (let i = 0; i < skip; i++) offset = text.indexOf(needle, offset + 1);
    return document.textDocument.positionAt(offset + 1);
}

const where = (locations: Location[] | undefined) => (locations ?? []).map(l => `${l.uri.split('/').pop()}:${l.range.start.line + 1}`).sort();

describe('templates in the editor', () => {
    test('go to definition: from the client into the template and to the parameter', async () => {
        const { north } = await workspace();
        const definition = async (needle: string) => (await services.lsp.DefinitionProvider!.getDefinition(north, { textDocument: { uri: north.uri.toString() }, position: at(north, needle) }))
            ?.map(link => `${link.targetUri.split('/').pop()}:${link.targetSelectionRange.start.line + 1}`);
        // `template Hosting` is line 7 of the catalogue, `parameter availability` line 8.
        expect(await definition('Hosting {')).toEqual(['catalogue.sla:7']);
        expect(await definition('availability =')).toEqual(['catalogue.sla:8']);
    });

    test('find references of a template lists every client; of a parameter, its uses and every argument', async () => {
        const { catalogue } = await workspace();
        const references = (needle: string) => services.lsp.ReferencesProvider!.findReferences(catalogue, {
            textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, needle), context: { includeDeclaration: false }
        });
        expect(where(await references('Hosting "'))).toEqual(['north.sla:3', 'south.sla:3']);
        // availability: the objective (line 14) and the tier (line 16) in the template; North's argument (line 8). South leaves the default.
        expect(where(await references('availability percentage'))).toEqual(['catalogue.sla:14', 'catalogue.sla:16', 'north.sla:8']);
    });

    test('rename of a parameter updates the template and every client', async () => {
        const { catalogue, north, south } = await workspace();
        const edit = await services.lsp.RenameProvider!.rename(catalogue, {
            textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, 'region text'), newName: 'clientRegion'
        });
        const changes = edit?.changes ?? {};
        expect(changes[catalogue.uri.toString()]?.map(e => e.newText)).toEqual(['clientRegion']);
        expect(changes[north.uri.toString()]?.map(e => [e.range.start.line + 1, e.newText])).toEqual([[8, 'clientRegion']]);
        expect(changes[south.uri.toString()]?.map(e => [e.range.start.line + 1, e.newText])).toEqual([[8, 'clientRegion']]);
    });

    test('rename of a parameter to a word of the language (`hours`) is refused, with why', async () => {
        const { catalogue } = await workspace();
        await expect(services.lsp.RenameProvider!.rename(catalogue, {
            textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, 'region text'), newName: 'hours'
        })).rejects.toThrow("'hours' is a word of the language: `>= hours` would be read as that word, not as the parameter. Choose another name.");
    });

    test('completion after `with` offers the parameters with their types and defaults', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        const document = await parse(client('East', 'with '), { documentUri: 'file:///ws/east.sla' });
        const list = await services.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(document.textDocument.getText().indexOf('with ') + 5)
        });
        const items = (list?.items ?? []).filter(item => ['availability', 'refund', 'region'].includes(item.label));
        expect(items.map(item => [item.label, item.detail])).toEqual([
            ['availability', 'percentage, default 99.9 %'],
            ['refund', 'percentage, default 10 %'],
            ['region', 'text, required']
        ]);
    });

    test('completion after `with availability = 99.95 %, ` offers only the parameters not set yet', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        const text = client('East', 'with availability = 99.95 %, ');
        const document = await parse(text, { documentUri: 'file:///ws/east.sla' });
        const list = await services.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(text.indexOf('99.95 %, ') + 9)
        });
        const labels = (list?.items ?? []).map(item => item.label).filter(label => ['availability', 'refund', 'region'].includes(label));
        expect(labels).toEqual(['refund', 'region']);
    });

    test('inlay hint: the defaults a client leaves in effect', async () => {
        const { north, south } = await workspace();
        const hints = async (document: LangiumDocument) => (await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }
        }))?.filter(h => String(h.label).startsWith('defaults')).map(h => [h.position.line + 1, h.label]);
        expect(await hints(north)).toEqual([[3, 'defaults: refund = 10 %']]);
        expect(await hints(south)).toEqual([[3, 'defaults: availability = 99.9 %, refund = 10 %']]);
    });

    test('hover on a client shows its resolved promises; sla explain renders the resolved agreement', async () => {
        const { north } = await workspace();
        const hover = await services.lsp.HoverProvider!.getHoverContent(north, { textDocument: { uri: north.uri.toString() }, position: at(north, 'North "') });
        const text = (hover?.contents as { value: string }).value;
        expect(text).toContain('Built from the template **Hosting**');
        expect(text).toContain('- availability = 99.95 %');
        expect(text).toContain('- refund = 10 % (the template\'s default)');
        expect(text).toContain('Availability is at least 99.95%');
        expect(text).toContain('tightened: objective Web.Availability — 99.95 % instead of 99.9 % (availability)');
        const explained = explainDocument(north.parseResult.value as never, services.types.TypeComputer);
        expect(explained).toMatch(/^# North — North Corp\n\n## Template\n/);
        expect(explained).toContain('Availability is at least 99.95%');
    });

    test('hover on `from Template` lists the template\'s parameters', async () => {
        const { north } = await workspace();
        const hover = await services.lsp.HoverProvider!.getHoverContent(north, { textDocument: { uri: north.uri.toString() }, position: at(north, 'Hosting {') });
        const text = (hover?.contents as { value: string }).value;
        expect(text).toContain('**Template Hosting** — Hosting offering');
        expect(text).toContain('- availability: percentage, default 99.9 %');
        expect(text).toContain('- region: text, required');
    });

    test('formatting: one space between the words of parameters, arguments and the client scope', async () => {
        const document = await parse(`template T "t" {
parameter   a   percentage   default 99.9 %
}

agreement C "c" from T {
  client   scope client =   "c"
with a = 99.95 %,   a = 99.9 %
}
`, { documentUri: 'file:///ws/format.sla' });
        const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        const text = document.textDocument.getText();
        const sorted = [...edits].sort((x, y) => document.textDocument.offsetAt(y.range.start) - document.textDocument.offsetAt(x.range.start));
        let result = text;
        for (const edit of sorted) result = result.slice(0, document.textDocument.offsetAt(edit.range.start)) + edit.newText + result.slice(document.textDocument.offsetAt(edit.range.end));
        expect(result).toBe(`template T "t" {
    parameter a percentage default 99.9%
}

agreement C "c" from T {
    client scope client = "c"
    with a = 99.95%, a = 99.9%
}
`);
    });

    test('validation: clean clients, no diagnostics on the template', async () => {
        const { catalogue, north, south } = await workspace();
        await services.shared.workspace.DocumentBuilder.build([catalogue, north, south], { validation: true });
        expect([catalogue, north, south].map(d => (d.diagnostics ?? []).map(x => `${String(x.code)} ${x.message}`))).toEqual([[], [], []]);
    });
});

/** A catalogue whose termination right counts `streak` breached months, and whose improvement averages `bestOf` months (no default). */
const COUNT_CATALOGUE = `dataset incidents "Incidents" from "incidents.csv" {
    client text
    started timestamp
    resolved timestamp optional
}

template Hosting "Hosting offering" {
    parameter availability percentage default 99.9 %
    parameter streak count default 3
    parameter bestOf count
    provider P "Provider"
    kpi Availability = uptime(incidents, from started to resolved)
    objective Availability >= availability per calendar month, improved yearly to the mean of the best bestOf windows
    termination Chronic "Months in a row" when Availability is breached in streak consecutive windows
}
`;

describe('count parameters in the editor', () => {
    async function countWorkspace() {
        const catalogue = await parse(COUNT_CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        // Two contract years: the target can improve once.
        const north = await parse(client('North', 'with streak = 2, bestOf = 6').replace('2026-12-31', '2027-12-31'), { documentUri: 'file:///ws/north.sla' });
        return { catalogue, north };
    }

    test('find references and rename of a count parameter reach its use in the rule and every argument', async () => {
        const { catalogue, north } = await countWorkspace();
        const references = await services.lsp.ReferencesProvider!.findReferences(catalogue, {
            textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, 'streak count'), context: { includeDeclaration: false }
        });
        // The termination right is line 14 of the catalogue; North's argument line 8.
        expect(where(references)).toEqual(['catalogue.sla:14', 'north.sla:8']);
        const edit = await services.lsp.RenameProvider!.rename(catalogue, {
            textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, 'streak count'), newName: 'breaches'
        });
        expect(edit?.changes?.[catalogue.uri.toString()]?.map(e => [e.range.start.line + 1, e.newText])).toEqual([[9, 'breaches'], [14, 'breaches']]);
        expect(edit?.changes?.[north.uri.toString()]?.map(e => [e.range.start.line + 1, e.newText])).toEqual([[8, 'breaches']]);
    });

    test('completion where a count is written offers the count parameters only', async () => {
        const document = await parse(COUNT_CATALOGUE.replace('breached in streak consecutive', 'breached in s consecutive'), { documentUri: 'file:///ws/catalogue.sla' });
        const offset = document.textDocument.getText().indexOf('breached in s') + 'breached in '.length;
        const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        const parameters = (list?.items ?? []).filter(item => item.detail?.startsWith('count') || item.detail?.startsWith('percentage')).map(item => [item.label, item.detail]);
        expect(parameters).toEqual([['streak', 'count, default 3'], ['bestOf', 'count, required']]);
    });

    test('hover on the template names a parameter without default; on a client, the numbers in effect', async () => {
        const { catalogue, north } = await countWorkspace();
        const hoverText = async (document: LangiumDocument, needle: string) =>
            ((await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: at(document, needle) }))?.contents as { value: string }).value;
        const objective = await hoverText(catalogue, 'objective Availability');
        expect(objective).toContain('it becomes the mean of the bestOf best windows of the year before');
        const right = await hoverText(catalogue, 'termination Chronic');
        expect(right).toContain('The right fires when Availability is breached in 3 consecutive calendar months');
        const resolved = await hoverText(north, 'North "');
        expect(resolved).toContain('- streak = 2');
        const explained = explainDocument(north.parseResult.value as never, services.types.TypeComputer);
        expect(explained).toContain('it becomes the mean of the 6 best windows of the year before');
        expect(explained).toContain('breached in 2 consecutive calendar months');
    });

    test('validation: a client giving every count is clean; one without the required count is told so', async () => {
        const { catalogue, north } = await countWorkspace();
        const south = await parse(client('South', ''), { documentUri: 'file:///ws/south.sla' });
        await services.shared.workspace.DocumentBuilder.build([catalogue, north, south], { validation: true });
        expect((north.diagnostics ?? []).map(d => `${String(d.code)} ${d.message}`)).toEqual([]);
        expect((south.diagnostics ?? []).map(d => String(d.code))).toEqual(['sla/template-argument-missing']);
        expect(south.diagnostics![0]!.message).toContain("'bestOf' (count)");
    });
});
