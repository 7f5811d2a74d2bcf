/**
 * An open editor's file deleted on disk (a git checkout or stash: VS Code keeps the editor open,
 * marked deleted), in the bundled server over stdio. Before, the watched-file delete removed
 * the open document: its diagnostics were cleared, hovers failed ("No document found", -32802)
 * and `sla.evaluate` read the missing file (ENOENT), until the next edit brought it back. The
 * client owns an open document: it keeps following the editor's text until its editor closes.
 * Workspace: a copy of examples/portfolio.
 *
 * Fabrikam (fee 5000 EUR, the template's defaults) was down from 22:00 to 23:00 on 17 February:
 * 60 minutes of February's 28 × 1,440 = 40,320, uptime 1 − 60/40,320 = 99.851 %, below the
 * 99.9 % promised and not below 99.0 %: the first tier, 10 % of the fee. With the fee changed to
 * 50000 EUR in the editor (not saved): 10 % × 50,000 = 5,000 EUR, also once the file is deleted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { initialize, repositoryRoot, serversInScratch } from './stdio-client.js';

interface Published { uri: string; diagnostics: Array<{ code?: string; message: string }> }

const servers = serversInScratch('sla-open-deleted');
const NOW = Date.parse('2026-04-01T08:00:00+02:00');
const DELETED = 3;
/** An objective on a KPI that does not exist: an error to see whether the diagnostics stay. */
const BROKEN = 'agreement Broken {\n    valid from 2026-01-01 to 2026-12-31\n    timezone "UTC"\n    kpi K = 1\n    objective Nope >= 1 per calendar month\n}\n';
let workspace: string;
const fileUri = (name: string) => pathToFileURL(path.join(workspace, name)).toString();

beforeAll(() => {
    workspace = path.join(servers.scratch(), 'portfolio');
    fs.cpSync(path.join(repositoryRoot, 'examples/portfolio'), workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'broken.sla'), BROKEN);
});

async function startServer(): Promise<{ connection: MessageConnection; latest: Map<string, Published> }> {
    const { connection } = servers.start({ acceptMessages: true });
    const latest = new Map<string, Published>();
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => { latest.set(params.uri, params); });
    connection.listen();
    await initialize(connection, pathToFileURL(workspace).toString(), { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    return { connection, latest };
}

async function fabrikamCredits(connection: MessageConnection): Promise<string[] | string> {
    const result = await connection.sendRequest('workspace/executeCommand', {
        command: 'sla.evaluate', arguments: [{ uri: fileUri('fabrikam.sla'), from: '2026-01-01', to: '2026-03-31', now: NOW }]
    }) as EvaluateCommandResult;
    if (!result.ok) return result.message;
    return (result.report.credits ?? []).flatMap(credit => (credit.windows ?? []).filter(window => window.amount).map(window => `${window.start?.slice(0, 7)} ${window.amount}`));
}

async function symbolNames(connection: MessageConnection, query: string): Promise<string[]> {
    const symbols = await connection.sendRequest('workspace/symbol', { query }) as Array<{ name: string }> | null;
    return (symbols ?? []).map(symbol => symbol.name);
}

describe('an open editor whose file is deleted on disk', () => {
    test('keeps its diagnostics, hovers and the unsaved text evaluated until it closes; a closed file deleted is removed', async () => {
        const { connection, latest } = await startServer();
        const fabrikam = fs.readFileSync(path.join(workspace, 'fabrikam.sla'), 'utf8');
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('broken.sla'), languageId: 'sla', version: 1, text: BROKEN } });
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('fabrikam.sla'), languageId: 'sla', version: 1, text: fabrikam } });
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: fileUri('fabrikam.sla'), version: 2 }, contentChanges: [{ text: fabrikam.replace('fee 5000 EUR', 'fee 50000 EUR') }]
        });
        const brokenCodes = () => (latest.get(fileUri('broken.sla'))?.diagnostics ?? []).map(d => d.code);
        await expect.poll(brokenCodes, { timeout: 20_000 }).not.toEqual([]);
        const codesBefore = brokenCodes();
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 5000']);
        await expect.poll(() => symbolNames(connection, 'Northwind'), { timeout: 20_000 }).toContain('NorthwindHosting');

        // A checkout deletes the two open files and a closed one (northwind.sla).
        for (const name of ['broken.sla', 'fabrikam.sla', 'northwind.sla']) fs.rmSync(path.join(workspace, name));
        await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: ['broken.sla', 'fabrikam.sla', 'northwind.sla'].map(name => ({ uri: fileUri(name), type: DELETED })) });
        // The closed file is gone from the index: the event was handled.
        await expect.poll(() => symbolNames(connection, 'Northwind'), { timeout: 20_000 }).not.toContain('NorthwindHosting');

        // The open ones are as the editor shows them.
        expect(brokenCodes()).toEqual(codesBefore);
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: fileUri('broken.sla') }, position: { line: 3, character: 8 } });
        expect(hover).not.toBeNull();
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 5000']);
        expect(await symbolNames(connection, 'Fabrikam')).toContain('FabrikamHosting');

        // Closed: the file is gone, and so are the document and its diagnostics.
        await connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri('broken.sla') } });
        await expect.poll(brokenCodes, { timeout: 20_000 }).toEqual([]);
        await connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri('fabrikam.sla') } });
        await expect.poll(() => symbolNames(connection, 'Fabrikam'), { timeout: 20_000 }).not.toContain('FabrikamHosting');
        expect(await fabrikamCredits(connection)).not.toEqual(['2026-02 5000']);
    }, 90_000);
});
