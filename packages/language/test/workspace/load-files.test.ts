/**
 * Loading files outside an editor (workspace/load-files.ts): a file that cannot be read is an
 * error naming it, never skipped; a missing import is left to the validator, which reports it
 * at the import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { loadSlaFiles, releaseSlaFiles } from '../../src/workspace/load-files.js';
import { SlaNodeFileSystem } from '../../src/workspace/sla-node-file-system.js';

const folder = mkdtempSync(join(tmpdir(), 'sla-load-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const library = 'kpi Shared = 1\n';
writeFileSync(join(folder, 'a.sla'), 'import "lib.sla"\nimport "missing.sla"\nkpi A = 1\n');
writeFileSync(join(folder, 'b.sla'), 'kpi B = 2\n');
writeFileSync(join(folder, 'lib.sla'), library);

/** Services whose document loading fails for the file named `failing`, as a parser crash would. */
function servicesFailingOn(failing: string) {
    const services = createSlaServices(SlaNodeFileSystem).Sla;
    const documents = services.shared.workspace.LangiumDocuments;
    const load = documents.getOrCreateDocument.bind(documents);
    vi.spyOn(documents, 'getOrCreateDocument').mockImplementation(async uri => {
        if (uri.fsPath.endsWith(failing)) throw new TypeError("Cannot read properties of undefined (reading 'elements')");
        return load(uri);
    });
    return services;
}

describe('loadSlaFiles', () => {
    test('loads a folder, follows imports, and leaves a missing import to the validator', async () => {
        const { documents, all } = await loadSlaFiles([folder]);
        expect(documents.map(d => d.uri.fsPath)).toEqual(['a.sla', 'b.sla', 'lib.sla'].map(name => join(folder, name)));
        expect(all).toHaveLength(3);
        const a = documents[0]!;
        expect(a.diagnostics!.filter(d => d.range.start.line === 1).length).toBeGreaterThan(0);
    });

    test('a file asked for that cannot be loaded is an error naming it, in a folder or alone', async () => {
        const message = `cannot read ${join(folder, 'b.sla')}: Cannot read properties of undefined (reading 'elements')`;
        await expect(loadSlaFiles([folder], { services: servicesFailingOn('b.sla') })).rejects.toThrow(message);
        await expect(loadSlaFiles([join(folder, 'b.sla')], { services: servicesFailingOn('b.sla') })).rejects.toThrow(message);
    });

    test('so is an import that exists but cannot be loaded', async () => {
        await expect(loadSlaFiles([join(folder, 'a.sla')], { services: servicesFailingOn('lib.sla') }))
            .rejects.toThrow(`cannot read ${join(folder, 'lib.sla')}`);
    });

    test('releaseSlaFiles lets every loaded document go: no tree, no index entry is left', async () => {
        const workspace = await loadSlaFiles([folder]);
        const { LangiumDocuments, IndexManager } = workspace.services.shared.workspace;
        // a.sla, b.sla, lib.sla export the KPIs A, B and Shared.
        expect(IndexManager.allElements().toArray().map(e => e.name).sort()).toEqual(['A', 'B', 'Shared']);
        await releaseSlaFiles(workspace);
        expect(workspace.documents).toHaveLength(0);
        expect(workspace.all).toHaveLength(0);
        expect(LangiumDocuments.all.toArray()).toHaveLength(0);
        expect(IndexManager.allElements().toArray()).toHaveLength(0);
    });
});
