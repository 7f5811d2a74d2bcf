/**
 * An editor closed without saving, in the bundled server over stdio: the file is the disk's
 * again, for evaluation (`sla.evaluate`, `sla.evaluatePortfolio`) and for the diagnostics of the
 * clients built from it. Workspace: a copy of examples/portfolio.
 *
 * Fabrikam (fee 5000 EUR, the template's defaults) was down from 22:00 to 23:00 on 17 February:
 * 60 minutes of February's 28 × 1,440 = 40,320, uptime 1 − 60/40,320 = 99.851 %, below the
 * 99.9 % promised and not below 99.0 %: the first tier, tier1Credit = 10 % of the fee:
 * 10 % × 5,000 = 500 EUR. With the fee changed to 50000 EUR in the editor: 10 % × 50,000 =
 * 5,000 EUR; with the catalogue's tier1Credit changed to 20 %: 20 % × 5,000 = 1,000 EUR.
 * Northwind promises 99.95 % (`with availability = 99.95 %`): with the catalogue's default
 * raised to 99.97 % in the editor, that loosens the template's promise (sla/template-loosened);
 * with the disk's 99.9 %, it does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { EvaluatePortfolioResult } from '../../packages/language/src/lsp/portfolio/portfolio-command.js';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { initialize, repositoryRoot, serversInScratch } from './stdio-client.js';

interface Published { uri: string; diagnostics: Array<{ code?: string; message: string }> }

const servers = serversInScratch('sla-closed-editors');
const NOW = Date.parse('2026-04-01T08:00:00+02:00');
let workspace: string;
const fileUri = (name: string) => pathToFileURL(path.join(workspace, name)).toString();
const diskText = (name: string) => fs.readFileSync(path.join(workspace, name), 'utf8');

beforeAll(() => {
    workspace = path.join(servers.scratch(), 'portfolio');
    fs.cpSync(path.join(repositoryRoot, 'examples/portfolio'), workspace, { recursive: true });
});

/** A server on the workspace, and the diagnostics it publishes (the latest of each file). */
async function startServer(): Promise<{ connection: MessageConnection; latest: Map<string, Published>; published: () => number }> {
    const { connection } = servers.start({ acceptMessages: true });
    const latest = new Map<string, Published>();
    let count = 0;
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => { latest.set(params.uri, params); count++; });
    connection.listen();
    await initialize(connection, pathToFileURL(workspace).toString());
    return { connection, latest, published: () => count };
}

/** Fabrikam's credits, by month: what `sla.evaluate` answers. */
async function fabrikamCredits(connection: MessageConnection): Promise<string[]> {
    const result = await connection.sendRequest('workspace/executeCommand', {
        command: 'sla.evaluate', arguments: [{ uri: fileUri('fabrikam.sla'), from: '2026-01-01', to: '2026-03-31', now: NOW }]
    }) as EvaluateCommandResult;
    if (!result.ok) throw new Error(result.message);
    return creditsOf(result.report);
}

function creditsOf(report: { credits?: Array<{ windows?: Array<{ start?: string; amount?: number }> }> }): string[] {
    return (report.credits ?? []).flatMap(credit => (credit.windows ?? []).filter(window => window.amount).map(window => `${window.start?.slice(0, 7)} ${window.amount}`));
}

/** The editor's side: files opened, changed (each change on the text before) and closed. */
function editor(connection: MessageConnection) {
    const texts = new Map<string, { text: string; version: number }>();
    return {
        open: (name: string) => {
            texts.set(name, { text: diskText(name), version: 1 });
            return connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri(name), languageId: 'sla', version: 1, text: diskText(name) } });
        },
        edit: (name: string, from: string, to: string) => {
            const before = texts.get(name)!;
            expect(before.text).toContain(from);
            const after = { text: before.text.replace(from, to), version: before.version + 1 };
            texts.set(name, after);
            return connection.sendNotification('textDocument/didChange', { textDocument: { uri: fileUri(name), version: after.version }, contentChanges: [{ text: after.text }] });
        },
        close: (name: string) => connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri(name) } })
    };
}

describe('an editor closed without saving', () => {
    test('the agreement is evaluated from the disk\'s text again (500 EUR, not the unsaved fee\'s 5,000 EUR)', async () => {
        const { connection } = await startServer();
        const { open, edit, close } = editor(connection);
        await open('fabrikam.sla');
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 500']);
        // Each command right after the notification: it waits for the text it was sent after.
        await edit('fabrikam.sla', 'fee 5000 EUR', 'fee 50000 EUR');
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 5000']);
        await close('fabrikam.sla');
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 500']);
        const portfolio = await connection.sendRequest('workspace/executeCommand', {
            command: 'sla.evaluatePortfolio', arguments: [{ folder: pathToFileURL(workspace).toString(), from: '2026-01-01', to: '2026-03-31', now: NOW }]
        }) as EvaluatePortfolioResult;
        if (!portfolio.ok) throw new Error(portfolio.message);
        const fabrikam = portfolio.portfolio.entries.find(entry => entry.agreement === 'FabrikamHosting');
        expect(fabrikam?.credits.map(credit => `${credit.total} ${credit.currency}`)).toEqual(['500 EUR']);
    }, 60_000);

    test('a template\'s file closed without saving: its clients are evaluated and checked with the disk\'s text', async () => {
        const { connection, latest, published } = await startServer();
        const { open, edit, close } = editor(connection);
        await open('northwind.sla');
        await open('catalogue.sla');
        await edit('catalogue.sla', 'parameter tier1Credit percentage default 10%', 'parameter tier1Credit percentage default 20%');
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 1000']);
        await edit('catalogue.sla', 'parameter availability percentage default 99.9%', 'parameter availability percentage default 99.97%');
        const loosened = () => (latest.get(fileUri('northwind.sla'))?.diagnostics ?? []).filter(d => d.code === 'sla/template-loosened').map(d => d.message);
        await expect.poll(loosened, { timeout: 20_000 }).toEqual([expect.stringContaining('99.95 % instead of 99.97 %')]);
        const before = published();
        await close('catalogue.sla');
        expect(await fabrikamCredits(connection)).toEqual(['2026-02 500']);
        await expect.poll(() => published() > before && loosened().length === 0, { timeout: 20_000 }).toBe(true);
    }, 60_000);
});
