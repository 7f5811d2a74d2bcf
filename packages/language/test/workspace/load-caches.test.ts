/**
 * What a CLI load of a portfolio keeps between its 400 agreements, and what it must not:
 * - a data file's header and first record are read once per file start the file system gave
 *   (validation/datasets.ts); a changed file gives new bytes and is read afresh, also in the
 *   language server, which has no batch;
 * - whether a path may be read (DataAccess.problem, symbolic links resolved) is judged once
 *   per file during one load (workspace/load-files.ts), afresh outside it.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { createSlaServices, dataAccessOf } from '../../src/index.js';
import { loadSlaFiles, SlaNodeFileSystem } from '../../src/node.js';
import { DataAccess } from '../../src/workspace/data-access.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'sla-load-caches-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'clients'));
mkdirSync(join(root, 'outside'));

function client(i: number, datasets: string): string {
    return `
agreement C${i} "Client ${i}" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"
${datasets}
}
`;
}

function codes(diagnostics: Array<{ code?: string | number; message: string }> | undefined): string[] {
    return (diagnostics ?? []).map(d => String(d.code)).filter(code => /^sla\/(column|naive|path|data)/.test(code));
}

describe('the header and first record of a shared data file', () => {
    test('every agreement of a load gets its own diagnostics from the one reading, per declared format', async () => {
        writeFileSync(join(root, 'shared.csv'), 'time,latency\n2026-03-01T10:00:00,12\n');
        const files = [0, 1, 2].map(i => join(root, 'clients', `shared${i}.sla`));
        // Two agreements read it as CSV (one lacks a column), one as JSON: the CSV text has no JSON record, so
        // nothing is said of its columns (the CSV header, read for the others, lacks `status`).
        writeFileSync(files[0]!, client(0, '    dataset requests "R" from "../shared.csv" { time timestamp latency number }'));
        writeFileSync(files[1]!, client(1, '    dataset requests "R" from "../shared.csv" { time timestamp status number }'));
        writeFileSync(files[2]!, client(2, '    dataset requests "R" from "../shared.csv" {\n        format json\n        status number\n    }'));
        const sla = createSlaServices(SlaNodeFileSystem).Sla;
        dataAccessOf(sla).roots = [root];
        const { documents } = await loadSlaFiles(files, { services: sla });
        expect(documents.map(d => codes(d.diagnostics))).toEqual([
            ['sla/naive-timestamps'],
            ['sla/column-missing'],
            []
        ]);
        expect(documents[1]!.diagnostics!.find(d => d.code === 'sla/column-missing')!.message).toContain('has no column "status"');
    });

    test('the language server sees a changed header at the next validation', async () => {
        writeFileSync(join(root, 'changing.csv'), 'time,latency\n2026-03-01T10:00:00Z,12\n');
        const file = join(root, 'clients', 'changing.sla');
        writeFileSync(file, client(9, '    dataset requests "R" from "../changing.csv" { time timestamp status number }'));
        const sla = createSlaServices(SlaNodeFileSystem).Sla;
        dataAccessOf(sla).roots = [root];
        const workspace = sla.shared.workspace;
        const uri = URI.file(file);
        const document = await workspace.LangiumDocuments.getOrCreateDocument(uri);
        await workspace.DocumentBuilder.build([document], { validation: true });
        expect(codes(document.diagnostics)).toEqual(['sla/column-missing']);
        // Same size, new content: a new header.
        writeFileSync(join(root, 'changing.csv'), 'time,status\n2026-03-01T10:00:00Z,12\n');
        await workspace.DocumentBuilder.update([uri], []);
        expect(codes(workspace.LangiumDocuments.getDocument(uri)!.diagnostics)).toEqual([]);
        writeFileSync(join(root, 'changing.csv'), 'time,latency\n2026-03-01T10:00:00Z,12\n');
        await workspace.DocumentBuilder.update([uri], []);
        expect(codes(workspace.LangiumDocuments.getDocument(uri)!.diagnostics)).toEqual(['sla/column-missing']);
    });
});

describe('DataAccess.problem', () => {
    const allowed = join(root, 'allowed');
    mkdirSync(allowed);
    writeFileSync(join(allowed, 'inside.csv'), 'x\n');
    writeFileSync(join(root, 'outside', 'secret.csv'), 'x\n');
    const link = join(allowed, 'link.csv');
    const document = join(allowed, 'a.sla');
    const pointLinkAt = (target: string) => {
        try { unlinkSync(link); } catch { /* not there yet */ }
        symlinkSync(target, link);
    };

    test('outside a batch, every answer looks at the file system again', () => {
        const access = Object.assign(new DataAccess(), { roots: [allowed] });
        pointLinkAt(join(root, 'outside', 'secret.csv'));
        expect(access.problem(link, document)).toMatch(/outside/);
        pointLinkAt(join(allowed, 'inside.csv'));
        expect(access.problem(link, document)).toBeUndefined();
    });

    test('in a batch, a file is judged once for the same folders; other folders, and the end of the batch, judge afresh', () => {
        const access = Object.assign(new DataAccess(), { roots: [allowed] });
        pointLinkAt(join(root, 'outside', 'secret.csv'));
        access.startBatch();
        try {
            expect(access.problem(link, document)).toMatch(/outside/);
            pointLinkAt(join(allowed, 'inside.csv'));
            // Nothing changes during a one-shot load: the first answer stands.
            expect(access.problem(link, document)).toMatch(/outside/);
            // Other allowed folders are another question.
            access.extraFolders = [join(root, 'outside')];
            expect(access.problem(link, document)).toBeUndefined();
            access.extraFolders = [];
        } finally {
            access.endBatch();
        }
        expect(access.problem(link, document)).toBeUndefined();
    });

    test('a load judges in a batch and ends it, also when it fails', async () => {
        const sla = createSlaServices(SlaNodeFileSystem).Sla;
        const access = dataAccessOf(sla);
        access.roots = [allowed];
        pointLinkAt(join(root, 'outside', 'secret.csv'));
        const file = join(allowed, 'linked.sla');
        writeFileSync(file, client(7, '    dataset requests "R" from "link.csv" { x number }'));
        const { documents } = await loadSlaFiles([file], { services: sla });
        expect(codes(documents[0]!.diagnostics)).toEqual(['sla/path-outside-workspace']);
        pointLinkAt(join(allowed, 'inside.csv'));
        expect(access.problem(link, file)).toBeUndefined();
        await expect(loadSlaFiles([join(allowed, 'missing.sla')], { services: sla })).rejects.toThrow();
        pointLinkAt(join(root, 'outside', 'secret.csv'));
        expect(access.problem(link, file)).toMatch(/outside/);
    });
});
