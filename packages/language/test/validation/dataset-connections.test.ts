/**
 * Datasets of a connection's table and Parquet globs: `sla/connection-unknown` when the project
 * configuration is known and does not name the connection; nothing when it names it or is not
 * known; a glob of Parquet files is not reported as a missing file; the model carries the table.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { agreementModelOf, createSlaServices, dataAccessOf } from '../../src/index.js';
import { loadSlaFiles, SlaNodeFileSystem } from '../../src/node.js';

const project = realpathSync(mkdtempSync(join(tmpdir(), 'sla-connections-')));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'data'));

const text = (source: string) => `agreement Tables "Tables" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    dataset requests "Requests" ${source} {
        time timestamp
        status integer
    }
    service Api "API" {
        kpi Requests "Requests" = count(requests)
        objective Requests >= 1 per calendar month
    }
}
`;

async function load(name: string, source: string, connections: string[] | undefined, editor?: Record<string, { url: string }>) {
    const file = join(project, name);
    writeFileSync(file, text(source));
    const services = createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(services).roots = [project];
    if (connections !== undefined) dataAccessOf(services).connections = new Set(connections);
    if (editor !== undefined) dataAccessOf(services).editorConnectionConfigs = editor;
    services.shared.workspace.LangiumDocuments.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString(text(source), URI.file(file)));
    const { documents } = await loadSlaFiles([file], { services });
    return { document: documents[0]!, services, diagnostics: (documents[0]!.diagnostics ?? []) as Diagnostic[] };
}

const codes = (list: Diagnostic[]) => list.filter(d => d.severity === 1 || d.severity === 2).map(d => d.code);

describe('datasets of a connection', () => {
    test('an unknown connection is an error on its name when the configuration is known', async () => {
        const { diagnostics } = await load('unknown.sla', 'from table "public"."requests" of connection warehose', ['warehouse', 'lake']);
        const [problem] = diagnostics.filter(d => d.code === 'sla/connection-unknown');
        expect(problem?.severity).toBe(1);
        expect(problem?.message).toContain("Did you mean 'warehouse'?");
        // Line 6 of the document (0-based 5) holds the dataset.
        expect(problem?.range.start.line).toBe(5);
    });

    test('a configured connection, or an unknown configuration, says nothing', async () => {
        expect(codes((await load('known.sla', 'from table "public"."requests" of connection warehouse', ['warehouse'])).diagnostics)).toEqual([]);
        expect(codes((await load('unconfigured.sla', 'from table "requests" of connection lake', undefined)).diagnostics)).toEqual([]);
    });

    test('a connection of the editor setting sla.connections is known too; one neither names is an error', async () => {
        const editor = { lake: { url: 'duckdb::memory:' } };
        expect(codes((await load('editor.sla', 'from table "requests" of connection lake', ['warehouse'], editor)).diagnostics)).toEqual([]);
        expect(codes((await load('editor-only.sla', 'from table "requests" of connection lake', undefined, editor)).diagnostics)).toEqual([]);
        const unknown = await load('neither.sla', 'from table "requests" of connection mart', ['warehouse'], editor);
        expect(codes(unknown.diagnostics)).toEqual(['sla/connection-unknown']);
        // Both sources are listed (nearest name first).
        expect(unknown.diagnostics[0]?.message).toMatch(/configured: (lake, warehouse|warehouse, lake)\)/);
    });

    test('the model holds the table and the declaration place', async () => {
        const { document, services } = await load('model.sla', 'from table "public"."requests" of connection warehouse', ['warehouse']);
        const model = agreementModelOf(document, services);
        expect(model.datasets.requests!.table).toEqual({ connection: 'warehouse', schema: 'public', name: 'requests' });
        expect(model.datasets.requests!.declaration).toMatchObject({ line: 6, column: 5 });
    });

    test('a glob of Parquet files is not a missing file; a single missing Parquet file is', async () => {
        const glob = await load('glob.sla', 'from "data/requests-*.parquet"', undefined);
        expect(codes(glob.diagnostics)).toEqual([]);
        expect(agreementModelOf(glob.document, glob.services).datasets.requests!.format).toBe('parquet');
        const missing = await load('missing.sla', 'from "data/none.parquet"', undefined);
        expect(codes(missing.diagnostics)).toEqual(['sla/dataset-missing-file']);
    });
});
