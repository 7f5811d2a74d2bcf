import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, expectFindReferences, expectGoToDefinition, parseHelper } from 'langium/test';
import type { TextEdit } from 'vscode-languageserver';
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
