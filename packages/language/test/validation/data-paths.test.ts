/**
 * Dataset and import paths (issue 13): bad characters give a diagnostic instead of a
 * crash, paths stay inside the allowed folders (symbolic links resolved), only regular
 * files are read, an untrusted workspace reads no data, and nothing is quoted from a
 * file that is not data of the declared shape.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createSlaServices, dataAccessOf } from '../../src/index.js';
import { loadSlaFiles, SlaNodeFileSystem } from '../../src/node.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'sla-paths-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const project = join(root, 'project');
const outside = join(root, 'outside');
mkdirSync(join(project, 'data'), { recursive: true });
mkdirSync(outside);
// Data outside the project, and a credentials-like file whose second line parses as a naive timestamp.
writeFileSync(join(outside, 'requests.csv'), 'time\n2026-03-01T10:00:00Z\n');
writeFileSync(join(project, 'data', 'requests.csv'), 'time\n2026-03-01T10:00:00Z\n');
// A private file whose second line happens to read as a naive timestamp (the message would quote it).
const PRIVATE_LINE = '2031-07-15T04:05:06';
writeFileSync(join(project, 'data', 'credentials'), `[default]\n${PRIVATE_LINE}\n`);
symlinkSync(join(outside, 'requests.csv'), join(project, 'data', 'link.csv'));
execFileSync('mkfifo', [join(project, 'data', 'fifo.csv')]);

function agreement(datasets: string, imports = ''): string {
    return `${imports}
agreement Paths "Paths" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"
${datasets}
}
`;
}

async function diagnostics(name: string, text: string, configure?: (services: ReturnType<typeof createSlaServices>['Sla']) => void): Promise<Diagnostic[]> {
    const file = join(project, name);
    writeFileSync(file, text);
    const services = createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(services).roots = [project];
    configure?.(services);
    // The document holds the text as given (over LSP a lone surrogate arrives as is; on disk it would become U+FFFD).
    services.shared.workspace.LangiumDocuments.addDocument(services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file)));
    const { documents } = await loadSlaFiles([file], { services });
    expect(documents[0]!.uri.toString()).toBe(URI.file(file).toString());
    return documents[0]!.diagnostics ?? [];
}

function withCode(list: Diagnostic[], code: string): Diagnostic[] {
    return list.filter(d => d.code === `sla/${code}`);
}

describe('dataset and import paths', () => {
    test('a NUL in a dataset path is an error on the path, not a crash', async () => {
        // "\0" in the source is Langium's escape for U+0000.
        const list = await diagnostics('nul.sla', agreement('    dataset requests "R" from "data/requests\\0.csv" { time timestamp }'));
        const [problem] = withCode(list, 'path-invalid');
        expect(problem?.message).toContain('NUL character');
        expect(problem?.severity).toBe(1);
        expect(list.some(d => /error occurred|crash/i.test(d.message))).toBe(false);
    });

    test('a lone surrogate in an import path is an error on the path, not a crash', async () => {
        const list = await diagnostics('surrogate.sla', agreement('', 'import "lib/\uD800.sla"'));
        expect(withCode(list, 'path-invalid')[0]?.message).toContain('unpaired surrogate');
        expect(list.some(d => /error occurred/i.test(d.message))).toBe(false);
    });

    test('a path inside the project is read; one through ../, an absolute one and a symbolic link out are refused', async () => {
        const list = await diagnostics('outside.sla', agreement([
            '    dataset inside "In" from "data/requests.csv" { time timestamp }',
            '    dataset up "Up" from "../outside/requests.csv" { time timestamp }',
            `    dataset absolute "Abs" from "${join(outside, 'requests.csv')}" { time timestamp }`,
            '    dataset linked "Link" from "data/link.csv" { time timestamp }'
        ].join('\n')));
        const refused = withCode(list, 'path-outside-workspace');
        // lines 7–9 of the file (1-based): up, absolute, linked; line 6 (inside) is fine
        expect(refused.map(d => d.range.start.line + 1)).toEqual([7, 8, 9]);
        expect(refused[2]!.message).toContain(`through a symbolic link, it leads to ${join(outside, 'requests.csv')}`);
        expect(refused.every(d => d.severity === 1)).toBe(true);
    });

    test('a folder allowed explicitly may be read', async () => {
        const list = await diagnostics('allowed.sla', agreement('    dataset up "Up" from "../outside/requests.csv" { time timestamp }'), services => {
            dataAccessOf(services).extraFolders = [outside];
        });
        expect(withCode(list, 'path-outside-workspace')).toEqual([]);
    });

    test('an import outside the project is refused and not loaded', async () => {
        writeFileSync(join(outside, 'lib.sla'), 'calendar Outside "x" { monday 09:00-17:00 }\n');
        const list = await diagnostics('import-outside.sla', agreement('', 'import "../outside/lib.sla"'));
        expect(withCode(list, 'path-outside-workspace')[0]?.message).toContain('The imported file "../outside/lib.sla" is not read');
    });

    test('a FIFO or a folder as data file is a warning, and validation does not block', async () => {
        const list = await diagnostics('fifo.sla', agreement([
            '    dataset pipe "Pipe" from "data/fifo.csv" { time timestamp }',
            '    dataset folder "Folder" from "data" { time timestamp }'
        ].join('\n')));
        const unreadable = withCode(list, 'dataset-unreadable-file');
        expect(unreadable.map(d => d.message)).toEqual([
            expect.stringContaining('is not a regular file'),
            expect.stringContaining('is a folder, not a file')
        ]);
    }, 10_000);

    test('nothing is quoted from a file whose first record lacks the declared columns', async () => {
        // The credentials file "parses" as CSV with a header "[default]"; a field named after it
        // would make its second line the value of a naive timestamp. Other columns are missing,
        // so it is not data of the declared shape: no quote, no naive-timestamp warning.
        const list = await diagnostics('credentials.sla', agreement('    dataset creds "C" from "data/credentials" { opened timestamp column "[default]"\n severity text }'));
        expect(list.map(d => d.message).join('\n')).not.toContain(PRIVATE_LINE);
        expect(withCode(list, 'naive-timestamps')).toEqual([]);
    });

    test('the naive-timestamp warning quotes the value once every required column is in the header', async () => {
        const list = await diagnostics('credentials-matching.sla', agreement('    dataset creds "C" from "data/credentials" { opened timestamp column "[default]" }'));
        expect(withCode(list, 'naive-timestamps')[0]?.message).toContain(`opened = "${PRIVATE_LINE}"`);
    });

    test('in an untrusted workspace no data file is read: one info says so', async () => {
        const list = await diagnostics('untrusted.sla', agreement([
            '    dataset missing "M" from "data/no-such-file.csv" { time timestamp }',
            '    dataset pipe "Pipe" from "data/fifo.csv" { time timestamp }'
        ].join('\n')), services => {
            dataAccessOf(services).trusted = false;
        });
        const info = withCode(list, 'data-not-read');
        expect(info).toHaveLength(1);
        expect(info[0]!.severity).toBe(3);
        expect(info[0]!.message).toContain('workspace is not trusted');
        expect(withCode(list, 'dataset-missing-file')).toEqual([]);
        expect(withCode(list, 'dataset-unreadable-file')).toEqual([]);
    });

    test('in an untrusted workspace the server refuses sla.evaluate, whichever client asks', async () => {
        const file = join(project, 'evaluate-untrusted.sla');
        writeFileSync(file, agreement('    dataset requests "R" from "data/requests.csv" { time timestamp }'));
        const services = createSlaServices(SlaNodeFileSystem).Sla;
        dataAccessOf(services).roots = [project];
        dataAccessOf(services).trusted = false;
        await loadSlaFiles([file], { services });
        const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{ uri: URI.file(file).toString() }]) as { ok: boolean; message: string };
        expect(result).toMatchObject({ ok: false, message: expect.stringContaining('trust the workspace') });
    });
});
