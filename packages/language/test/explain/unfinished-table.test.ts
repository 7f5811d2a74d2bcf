/**
 * A dataset read from a table, while it is being typed: the explanation and the hovers of a
 * `from table` without its name or its connection do not throw (found fuzzing: `dataset s
 * table` made `sla.explain` fail on the missing name), and say what is missing.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper<Document>(services);

afterEach(() => clearDocuments(services));

const agreement = (source: string) => `agreement A "A" {
    timezone "UTC"
    dataset requests "Requests" ${source} {
        time timestamp
    }
}
`;

async function explained(source: string): Promise<string> {
    const document = await parse(agreement(source));
    const text = document.textDocument.getText();
    const textDocument = { uri: document.uri.toString() };
    for (let offset = 0; offset <= text.length; offset++) {
        await services.lsp.HoverProvider!.getHoverContent(document, { textDocument, position: document.textDocument.positionAt(offset) });
    }
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

describe('explain of a dataset from a table', () => {
    test('without the table name: says it is not named yet', async () => {
        expect(await explained('from table')).toContain('Table: not named yet (write `table "name" of connection NAME`)');
    });

    test('without the connection: the table, and the connection not named yet', async () => {
        expect(await explained('from table "requests" of connection')).toContain('Table: `"requests"` of connection (not named yet)');
    });

    test('complete: the table and its connection', async () => {
        expect(await explained('from table "public"."requests" of connection warehouse')).toContain('Table: `"public"."requests"` of connection warehouse');
    });
});
