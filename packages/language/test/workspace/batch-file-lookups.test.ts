/**
 * Data files looked up once per CLI load (workspace/batch-file-lookups.ts): 400 agreements of
 * a portfolio name the same few files, and each dataset's checks look its file up (exists?
 * regular file? its first bytes). The language server keeps looking afresh: files change
 * under it, and its diagnostics must follow.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { createSlaServices, dataAccessOf } from '../../src/index.js';
import { loadSlaFiles, SlaNodeFileSystem } from '../../src/node.js';
import { BatchFileLookups } from '../../src/workspace/batch-file-lookups.js';
import type { SlaNodeFileSystemProvider } from '../../src/workspace/sla-node-file-system.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'sla-lookups-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'clients'));
writeFileSync(join(root, 'requests.csv'), 'time,latency\n2026-03-01T10:00:00Z,12\n');
writeFileSync(join(root, 'tickets.csv'), 'opened,priority\n2026-03-01T10:00:00Z,P1\n');
const CLIENTS = 20;
const files = Array.from({ length: CLIENTS }, (_, i) => join(root, 'clients', `c${i}.sla`));
files.forEach((file, i) => writeFileSync(file, `
agreement C${i} "Client ${i}" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"
    dataset requests "Requests" from "../requests.csv" { time timestamp latency number }
    dataset tickets "Tickets" from "../tickets.csv" { opened timestamp priority string }
    dataset incidents "Incidents" from "../incidents.csv" { start timestamp }
}
`));

function services() {
    const sla = createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(sla).roots = [root];
    const fileSystem = sla.shared.workspace.FileSystemProvider as SlaNodeFileSystemProvider;
    return { sla, lookups: vi.spyOn(fileSystem, 'lookUpFile') };
}

function lookedUp(spy: ReturnType<typeof services>['lookups']): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [path] of spy.mock.calls) counts[path.slice(root.length + 1)] = (counts[path.slice(root.length + 1)] ?? 0) + 1;
    return counts;
}

function codes(diagnostics: Array<{ code?: string | number }> | undefined): string[] {
    return (diagnostics ?? []).map(d => String(d.code)).filter(code => code.startsWith('sla/data') || code.startsWith('sla/column'));
}

describe('a CLI load', () => {
    test('looks each data file up once for all the agreements that name it, with the same diagnostics', async () => {
        const { sla, lookups } = services();
        const { documents } = await loadSlaFiles(files, { services: sla });
        expect(lookedUp(lookups)).toEqual({ 'requests.csv': 1, 'tickets.csv': 1, 'incidents.csv': 1 });
        // Every agreement still says the missing file is missing, and nothing about the others.
        for (const document of documents) expect(codes(document.diagnostics)).toEqual(['sla/dataset-missing-file']);
    });

    test('a file that changes between two loads is seen as it is at the second', async () => {
        const { sla, lookups } = services();
        await loadSlaFiles([files[0]!], { services: sla });
        writeFileSync(join(root, 'incidents.csv'), 'start\n2026-03-01T10:00:00Z\n');
        try {
            const again = createSlaServices(SlaNodeFileSystem).Sla;
            dataAccessOf(again).roots = [root];
            const { documents } = await loadSlaFiles([files[1]!], { services: again });
            expect(codes(documents[0]!.diagnostics)).toEqual([]);
            // And in the first services, once their load is over, a build looks again.
            lookups.mockClear();
            const document = sla.shared.workspace.LangiumDocuments.getDocument(URI.file(files[0]!))!;
            await sla.shared.workspace.DocumentBuilder.build([document], { validation: true });
            expect(lookedUp(lookups)['incidents.csv']).toBeGreaterThanOrEqual(1);
        } finally {
            rmSync(join(root, 'incidents.csv'));
        }
    });
});

describe('the language server (no batch)', () => {
    test('looks the files up at every validation, and its diagnostics follow a file that appears and goes', async () => {
        const { sla, lookups } = services();
        const workspace = sla.shared.workspace;
        const uris = files.slice(0, 3).map(file => URI.file(file));
        const documents = await Promise.all(uris.map(uri => workspace.LangiumDocuments.getOrCreateDocument(uri)));
        await workspace.DocumentBuilder.build(documents, { validation: true });
        // Two lookups per dataset naming an existing file (exists? then its first bytes), one for the missing one.
        expect(lookedUp(lookups)).toEqual({ 'requests.csv': 6, 'tickets.csv': 6, 'incidents.csv': 3 });
        expect(documents.map(d => codes(d.diagnostics))).toEqual(Array(3).fill(['sla/dataset-missing-file']));

        writeFileSync(join(root, 'incidents.csv'), 'start\n2026-03-01T10:00:00Z\n');
        try {
            lookups.mockClear();
            await workspace.DocumentBuilder.update(uris, []);
            expect(lookedUp(lookups)).toEqual({ 'requests.csv': 6, 'tickets.csv': 6, 'incidents.csv': 6 });
            const updated = uris.map(uri => workspace.LangiumDocuments.getDocument(uri)!);
            expect(updated.map(d => codes(d.diagnostics))).toEqual([[], [], []]);
        } finally {
            rmSync(join(root, 'incidents.csv'));
        }
        await workspace.DocumentBuilder.update(uris, []);
        expect(uris.map(uri => codes(workspace.LangiumDocuments.getDocument(uri)!.diagnostics))).toEqual(Array(3).fill(['sla/dataset-missing-file']));
    });
});

describe('BatchFileLookups', () => {
    test('one lookup per path; a failed lookup fails alike for every caller', async () => {
        const statOf = vi.fn(async (path: string) => {
            if (path === 'missing') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
            return { path } as never;
        });
        const batch = new BatchFileLookups(statOf);
        const [a, b] = await Promise.all([batch.stat('a'), batch.stat('a')]);
        expect(a).toBe(b);
        await expect(batch.stat('missing')).rejects.toThrow('ENOENT');
        await expect(batch.stat('missing')).rejects.toThrow('ENOENT');
        expect(statOf.mock.calls.map(([path]) => path)).toEqual(['a', 'missing']);
    });
});
