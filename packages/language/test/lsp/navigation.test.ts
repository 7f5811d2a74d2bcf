import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, expectFindReferences, expectGoToDefinition, parseHelper } from 'langium/test';
import type { Position, Range, TextEdit } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

const SHARED = `dataset requests "Request log" from "requests.csv" {
    time      timestamp
    latency   duration ms
    status    integer
}
`;

const CLIENT = `import "shared.sla"

agreement Client {
    timezone "Europe/Berlin"
    valid from 2026-01-01 to 2026-12-31

    service Web {
        kpi Latency "p95" = percentile(95, requests.latency where status < 500)
        kpi Errors = count(requests where status >= 500) / count(requests)
        objective Latency <= 300 ms per calendar month
        objective Web.Latency <= 400 ms per calendar week
    }

    internal target Web.Latency <= 250 ms per calendar month owner "SRE"
}
`;

async function workspace(): Promise<{ shared: LangiumDocument; client: LangiumDocument }> {
    const shared = await parse(SHARED, { documentUri: 'file:///ws/shared.sla' });
    const client = await parse(CLIENT, { documentUri: 'file:///ws/client.sla' });
    return { shared, client };
}

/** Applies edits to a text (edits do not overlap). */
function apply(document: LangiumDocument, edits: TextEdit[] = []): string {
    const text = document.textDocument.getText();
    const sorted = [...edits].sort((a, b) => document.textDocument.offsetAt(b.range.start) - document.textDocument.offsetAt(a.range.start));
    let result = text;
    for (const edit of sorted) {
        result = result.slice(0, document.textDocument.offsetAt(edit.range.start)) + edit.newText + result.slice(document.textDocument.offsetAt(edit.range.end));
    }
    return result;
}

async function rename(document: LangiumDocument, needle: string, newName: string) {
    const offset = document.textDocument.getText().indexOf(needle);
    const edit = await services.lsp.RenameProvider!.rename(document, {
        textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset), newName
    });
    return edit?.changes ?? {};
}

describe('rename', () => {
    test('a KPI: the declaration, bare and qualified references (only the last segment)', async () => {
        const { client } = await workspace();
        const changes = await rename(client, 'Latency "p95"', 'ResponseTime');
        expect(apply(client, changes[client.uri.toString()])).toBe(CLIENT
            .replace('kpi Latency', 'kpi ResponseTime')
            .replace('objective Latency', 'objective ResponseTime')
            .replace('objective Web.Latency', 'objective Web.ResponseTime')
            .replace('target Web.Latency', 'target Web.ResponseTime'));
    });

    test('a dataset in an imported file: its declaration there and every use in the importing file', async () => {
        const { shared, client } = await workspace();
        const changes = await rename(shared, 'requests', 'log');
        expect(apply(shared, changes[shared.uri.toString()])).toBe(SHARED.replace('dataset requests', 'dataset log'));
        expect(apply(client, changes[client.uri.toString()])).toBe(CLIENT
            .replace('requests.latency', 'log.latency')
            .replace('count(requests where', 'count(log where')
            .replace('count(requests)', 'count(log)'));
    });

    test('a field, used qualified and bare inside where', async () => {
        const { shared, client } = await workspace();
        const changes = await rename(shared, 'status', 'code');
        expect(apply(shared, changes[shared.uri.toString()])).toBe(SHARED.replace('status    integer', 'code    integer'));
        expect(apply(client, changes[client.uri.toString()])).toBe(CLIENT.replace('status < 500', 'code < 500').replace('status >= 500', 'code >= 500'));
    });

    test('a service: the prefix of qualified references to its KPIs', async () => {
        const { client } = await workspace();
        const changes = await rename(client, 'Web {', 'Shop');
        expect(apply(client, changes[client.uri.toString()])).toBe(CLIENT
            .replace('service Web {', 'service Shop {')
            .replace('objective Web.Latency', 'objective Shop.Latency')
            .replace('target Web.Latency', 'target Shop.Latency'));
    });

    test('an invalid new name is refused', async () => {
        const { client } = await workspace();
        await expect(rename(client, 'Latency "p95"', 'two words')).rejects.toThrow(/not a valid name/);
    });
});

describe('go to definition and find references', () => {
    const text = `agreement A {
    maintenance <|Patching|> {
        every sunday 02:00 to 04:00
    }
    dataset incidents from "i.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    kpi Up = uptime(incidents, from started to resolved) excluding <|>Patching
}
`;

    test('from a maintenance reference to its declaration', async () => {
        await expectGoToDefinition(services)({ text, index: 0, rangeIndex: 0 });
    });

    test('references of a maintenance window include the declaration and the use', async () => {
        const refs = `agreement A {
    maintenance <|<|>Patching|> {
        every sunday 02:00 to 04:00
    }
    dataset incidents from "i.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    kpi Up = uptime(incidents, from started to resolved) excluding <|Patching|>
}
`;
        await expectFindReferences(services)({ text: refs, index: 0, includeDeclaration: true });
    });
});

describe('the qualifier of a qualified name (`requests` in `requests.latency`, `Web` in `Web.Latency`)', () => {
    /** The position of the `occurrence`-th `needle` in the document, `shift` characters into it. */
    function at(document: LangiumDocument, needle: string, shift = 0, occurrence = 0) {
        const text = document.textDocument.getText();
        let offset = text.indexOf(needle);
        for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
        expect(offset).toBeGreaterThanOrEqual(0);
        return document.textDocument.positionAt(offset + shift);
    }

    /** The text of each place as `uri:text@offset`. */
    function places(documents: LangiumDocument[], locations: { uri: string; range: Range }[]) {
        return locations.map(location => {
            const document = documents.find(d => d.uri.toString() === location.uri)!;
            const start = document.textDocument.offsetAt(location.range.start);
            return `${document.uri.path.split('/').pop()}:${document.textDocument.getText(location.range)}@${start}`;
        }).sort();
    }

    async function definition(document: LangiumDocument, position: Position) {
        const links = await services.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: document.uri.toString() }, position }) ?? [];
        return links.map(link => ({ uri: link.targetUri, range: link.targetSelectionRange }));
    }

    async function hover(document: LangiumDocument, position: Position): Promise<string> {
        const result = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
        const contents = result?.contents;
        return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
    }

    async function references(document: LangiumDocument, position: Position) {
        return await services.lsp.ReferencesProvider!.findReferences(document, {
            textDocument: { uri: document.uri.toString() }, position, context: { includeDeclaration: true }
        });
    }

    test('definition: the dataset from the first segment, the field from the last', async () => {
        const { shared, client } = await workspace();
        const docs = [shared, client];
        expect(places(docs, await definition(client, at(client, 'requests.latency', 2)))).toEqual([`shared.sla:requests@${SHARED.indexOf('requests')}`]);
        expect(places(docs, await definition(client, at(client, 'requests.latency', 'requests.'.length + 2)))).toEqual([`shared.sla:latency@${SHARED.indexOf('latency')}`]);
    });

    test('definition: the service from the first segment of `Web.Latency`, the KPI from the last', async () => {
        const { shared, client } = await workspace();
        const docs = [shared, client];
        expect(places(docs, await definition(client, at(client, 'target Web.Latency', 'target '.length + 1)))).toEqual([`client.sla:Web@${CLIENT.indexOf('Web {')}`]);
        expect(places(docs, await definition(client, at(client, 'target Web.Latency', 'target Web.'.length + 1)))).toEqual([`client.sla:Latency@${CLIENT.indexOf('Latency "p95"')}`]);
    });

    test('hover: the dataset on the first segment, the field on the last', async () => {
        const { client } = await workspace();
        expect(await hover(client, at(client, 'requests.latency', 2))).toMatch(/^\*\*Dataset requests\*\*/);
        expect(await hover(client, at(client, 'requests.latency', 'requests.'.length + 2))).toMatch(/^\*\*Field latency\*\*/);
        expect(await hover(client, at(client, 'target Web.Latency', 'target '.length + 1))).toMatch(/^\*\*Service Web\*\*/);
        expect(await hover(client, at(client, 'target Web.Latency', 'target Web.'.length + 1))).toMatch(/^\*\*KPI Web.Latency\*\*/);
    });

    test('rename from the first segment renames the dataset, its declaration and every use; from the last the field', async () => {
        const { shared, client } = await workspace();
        const position = at(client, 'requests.latency', 2);
        const range = await services.lsp.RenameProvider!.prepareRename!(client, { textDocument: { uri: client.uri.toString() }, position });
        expect(range && client.textDocument.getText(range as Range)).toBe('requests');
        const edit = await services.lsp.RenameProvider!.rename(client, { textDocument: { uri: client.uri.toString() }, position, newName: 'log' });
        const changes = edit?.changes ?? {};
        expect(apply(shared, changes[shared.uri.toString()])).toBe(SHARED.replace('dataset requests', 'dataset log'));
        expect(apply(client, changes[client.uri.toString()])).toBe(CLIENT
            .replace('requests.latency', 'log.latency')
            .replace('count(requests where', 'count(log where')
            .replace('count(requests)', 'count(log)'));

        const onField = await services.lsp.RenameProvider!.rename(client, {
            textDocument: { uri: client.uri.toString() }, position: at(client, 'requests.latency', 'requests.'.length + 2), newName: 'delay'
        });
        expect(apply(shared, onField?.changes?.[shared.uri.toString()])).toBe(SHARED.replace('latency   duration', 'delay   duration'));
        expect(apply(client, onField?.changes?.[client.uri.toString()])).toBe(CLIENT.replace('requests.latency', 'requests.delay'));
    });

    test('rename from the first segment of `Web.Latency` renames the service', async () => {
        const { client } = await workspace();
        const edit = await services.lsp.RenameProvider!.rename(client, {
            textDocument: { uri: client.uri.toString() }, position: at(client, 'target Web.Latency', 'target '.length + 1), newName: 'Shop'
        });
        expect(apply(client, edit?.changes?.[client.uri.toString()])).toBe(CLIENT
            .replace('service Web {', 'service Shop {')
            .replace('objective Web.Latency', 'objective Shop.Latency')
            .replace('target Web.Latency', 'target Shop.Latency'));
    });

    test('references of a dataset include the first segment of its qualified fields, in the importing file too, as rename edits them', async () => {
        const { shared, client } = await workspace();
        const docs = [shared, client];
        const found = places(docs, await references(shared, at(shared, 'requests', 2)));
        expect(found).toEqual([
            `client.sla:requests@${CLIENT.indexOf('requests.latency')}`,
            `client.sla:requests@${CLIENT.indexOf('requests where status >=')}`,
            `client.sla:requests@${CLIENT.indexOf('requests)')}`,
            `shared.sla:requests@${SHARED.indexOf('requests')}`
        ].sort());
        // The same places from the qualifier of a use.
        expect(places(docs, await references(client, at(client, 'requests.latency', 2)))).toEqual(found);
        const edit = await services.lsp.RenameProvider!.rename(shared, { textDocument: { uri: shared.uri.toString() }, position: at(shared, 'requests', 2), newName: 'log' });
        const edited = Object.entries(edit?.changes ?? {}).flatMap(([uri, edits]) => edits.map(e => ({ uri, range: e.range })));
        expect(places(docs, edited)).toEqual(found);
    });

    /** Each range as `line:start-end text` (0-based, one line each), sorted. */
    function spans(document: LangiumDocument, ranges: Range[]): string[] {
        return ranges.map(range => `${range.start.line}:${range.start.character}-${range.end.character} ${document.textDocument.getText(range)}`).sort();
    }

    async function highlights(document: LangiumDocument, position: Position): Promise<string[]> {
        const found = await services.lsp.DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument: { uri: document.uri.toString() }, position }) ?? [];
        return spans(document, found.map(highlight => highlight.range));
    }

    // CLIENT line 7 is `        kpi Latency "p95" = percentile(95, requests.latency where status < 500)`:
    // 8 spaces + `kpi ` (4) + `Latency ` (8) + `"p95" ` (6) + `= ` (2) + `percentile(` (11) + `95, ` (4)
    // puts `requests` at 43..51, the dot at 51, `latency` at 52..59, `status` at 66..72.
    test('highlight and references of a field mark only its segment of `requests.latency`', async () => {
        const { shared, client } = await workspace();
        const onField = at(client, 'requests.latency', 'requests.'.length + 2);
        expect(await highlights(client, onField)).toEqual(['7:52-59 latency']);
        // SHARED line 2 is `    latency   duration ms`: the declaration at 4..11.
        const found = (await references(client, onField)).map(location => `${location.uri.split('/').pop()} ${spans(location.uri === shared.uri.toString() ? shared : client, [location.range])[0]}`);
        expect(found.sort()).toEqual(['client.sla 7:52-59 latency', 'shared.sla 2:4-11 latency']);
    });

    // `objective Web.Latency` (line 10): 8 spaces + `objective ` (10) puts `Web` at 18..21, `Latency` at 22..29;
    // `internal target Web.Latency` (line 13): 4 spaces + `internal target ` (16) puts `Latency` at 24..31.
    test('highlight of a KPI marks only its segment of `Web.Latency`; the service keeps the first', async () => {
        const { client } = await workspace();
        expect(await highlights(client, at(client, 'target Web.Latency', 'target Web.'.length + 1))).toEqual([
            '10:22-29 Latency', // objective Web.Latency
            '13:24-31 Latency', // internal target Web.Latency
            '7:12-19 Latency', // the declaration `kpi Latency "p95"`
            '9:18-25 Latency' // `objective Latency`: 8 + `objective ` (10)
        ]);
        // The service: its declaration `service Web {` (line 6, 4 + `service ` (8) = 12..15) and the two `Web.` prefixes.
        expect(await highlights(client, at(client, 'target Web.Latency', 'target '.length + 1))).toEqual(['10:18-21 Web', '13:20-23 Web', '6:12-15 Web']);
    });

    test('highlight of a bare field and of a dataset is unchanged', async () => {
        const { client } = await workspace();
        // Both bare uses: line 7 at 66..72, line 8 at 8 + `kpi Errors = count(requests where ` (34) = 42..48.
        expect(await highlights(client, at(client, 'status < 500', 1))).toEqual(['7:66-72 status', '8:42-48 status']);
        // `count(requests where status >= 500) / count(requests)` (line 8): 8 + `kpi Errors = count(` (19) = 27..35, and 8 +
        // `kpi Errors = count(requests where status >= 500) / count(` (19 + 28 + 10 = 57) = 65..73; `requests.latency` gives its first segment 43..51.
        expect(await highlights(client, at(client, 'count(requests)', 'count('.length + 1))).toEqual(['7:43-51 requests', '8:27-35 requests', '8:65-73 requests']);
    });

    test('references of a service include the first segment of its qualified KPIs', async () => {
        const { shared, client } = await workspace();
        const found = places([shared, client], await references(client, at(client, 'Web {', 1)));
        expect(found).toEqual([
            `client.sla:Web@${CLIENT.indexOf('Web {')}`,
            `client.sla:Web@${CLIENT.indexOf('Web.Latency <= 400')}`,
            `client.sla:Web@${CLIENT.indexOf('Web.Latency <= 250')}`
        ].sort());
    });
});
