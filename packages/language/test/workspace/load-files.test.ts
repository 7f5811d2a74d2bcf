/**
 * Loading files outside an editor (workspace/load-files.ts): a file that cannot be read is an
 * error naming it, never skipped; a missing import is left to the validator, which reports it
 * at the import.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LangiumDocument, URI } from 'langium';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { CONCURRENT_READS, loadSlaFiles, releaseSlaFiles } from '../../src/workspace/load-files.js';
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
    const create = documents.createDocument.bind(documents) as (uri: URI, text: string) => LangiumDocument;
    vi.spyOn(documents, 'createDocument').mockImplementation(((uri: URI, text: string) => {
        if (uri.fsPath.endsWith(failing)) throw new TypeError("Cannot read properties of undefined (reading 'elements')");
        return create(uri, text);
    }) as never);
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

    test('the same import written in two folders names each folder\'s own file, also when many files import it', async () => {
        const root = mkdtempSync(join(tmpdir(), 'sla-load-imports-'));
        try {
            for (const side of ['east', 'west']) {
                mkdirSync(join(root, side));
                writeFileSync(join(root, side, 'lib.sla'), `kpi ${side === 'east' ? 'East' : 'West'}Shared = 1\n`);
                for (let i = 0; i < 3; i++) writeFileSync(join(root, side, `c${i}.sla`), `import "lib.sla"\nkpi K${i} = ${side === 'east' ? 'East' : 'West'}Shared\n`);
            }
            const { documents, all } = await loadSlaFiles([join(root, 'west'), join(root, 'east')]);
            expect(all.map(d => d.uri.fsPath).sort()).toEqual(['east', 'west'].flatMap(side => ['c0', 'c1', 'c2', 'lib'].map(name => join(root, side, `${name}.sla`))));
            // Each client links to its own folder's library: no unresolved name anywhere.
            for (const document of documents) expect((document.diagnostics ?? []).filter(d => d.severity === 1)).toEqual([]);
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
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

describe('loadSlaFiles reads the files of an import level concurrently', () => {
    // 150 files asked for (more than CONCURRENT_READS), importing seven libraries that import
    // three deeper ones, with a missing import and references that do not resolve (whose
    // suggestions come from the index, so they depend on the documents' order).
    const many = mkdtempSync(join(tmpdir(), 'sla-load-many-'));
    afterAll(() => rmSync(many, { recursive: true, force: true }));
    mkdirSync(join(many, 'lib', 'deep'), { recursive: true });
    const clients = Array.from({ length: 150 }, (_, i) => join(many, `c${String(i).padStart(3, '0')}.sla`));
    clients.forEach((file, i) => writeFileSync(file,
        `import "lib/l${i % 7}.sla"\nimport "lib/l${(i * 3) % 7}.sla"\n${i % 11 === 0 ? 'import "lib/none.sla"\n' : ''}kpi C${i} = Lib${i % 9}\n`));
    for (let j = 0; j < 7; j++) writeFileSync(join(many, 'lib', `l${j}.sla`), `import "deep/d${j % 3}.sla"\nkpi Lib${j} = Deep${(j + 1) % 4}\n`);
    for (let k = 0; k < 3; k++) writeFileSync(join(many, 'lib', 'deep', `d${k}.sla`), `kpi Deep${k} = 1\n`);

    /** The order a queue takes the files in: the files asked for, then each one's imports, breadth first. */
    function queueOrder(): string[] {
        const order: string[] = [];
        const queue = [...clients];
        while (queue.length > 0) {
            const file = queue.shift()!;
            if (order.includes(file)) continue;
            if (!existsSync(file)) continue;
            order.push(file);
            for (const [, target] of readFileSync(file, 'utf8').matchAll(/import "([^"]+)"/g)) queue.push(join(dirname(file), target!));
        }
        return order;
    }

    /** Loads the files with reads that finish as `finish` says; returns what the caller sees and the most reads at once. */
    async function load(finish: 'in turn' | 'last first') {
        const services = createSlaServices(SlaNodeFileSystem).Sla;
        const fileSystem = services.shared.workspace.FileSystemProvider;
        const read = fileSystem.readFile.bind(fileSystem);
        let inFlight = 0;
        let most = 0;
        let previous = Promise.resolve();
        let started = 0;
        vi.spyOn(fileSystem, 'readFile').mockImplementation(async uri => {
            inFlight++;
            most = Math.max(most, inFlight);
            try {
                if (finish === 'in turn') {
                    // One read at a time, in the order asked: what reading each file in turn did.
                    const mine = previous.then(() => read(uri));
                    previous = mine.then(() => undefined, () => undefined);
                    return await mine;
                }
                // The later a read starts within its batch, the sooner it finishes.
                const delay = Math.max(0, 40 - (started++ % 64) / 2);
                await new Promise(resolve => setTimeout(resolve, delay));
                return await read(uri);
            } finally {
                inFlight--;
            }
        });
        const workspace = await loadSlaFiles(clients, { services });
        return {
            documents: workspace.documents.map(d => d.uri.fsPath),
            all: workspace.all.map(d => d.uri.fsPath),
            indexed: services.shared.workspace.LangiumDocuments.all.map(d => d.uri.fsPath).toArray(),
            diagnostics: workspace.all.map(d => JSON.stringify(d.diagnostics)),
            most
        };
    }

    test('the documents, their order and their diagnostics are those of reading each file in turn', async () => {
        const inTurn = await load('in turn');
        const concurrent = await load('last first');
        expect(inTurn.documents).toEqual(clients);
        expect(inTurn.all).toEqual(queueOrder());
        expect(inTurn.all).toHaveLength(150 + 7 + 3);
        expect(concurrent.documents).toEqual(inTurn.documents);
        expect(concurrent.all).toEqual(inTurn.all);
        expect(concurrent.indexed).toEqual(inTurn.indexed);
        expect(concurrent.diagnostics).toEqual(inTurn.diagnostics);
        // The diagnostics are there: the missing import and the unresolved references, with suggestions.
        const first = JSON.parse(concurrent.diagnostics[0]!) as Array<{ message: string }>;
        expect(first.map(d => d.message).join('\n')).toMatch(/lib\/none\.sla/);
        expect(concurrent.diagnostics.join('\n')).toMatch(/Unknown KPI, dataset or field 'Lib7'.*Did you mean/);
        // Reads did overlap, never more than the bound.
        expect(concurrent.most).toBeGreaterThan(1);
        expect(concurrent.most).toBeLessThanOrEqual(CONCURRENT_READS);
    });
});
