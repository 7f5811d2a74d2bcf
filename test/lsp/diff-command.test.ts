/**
 * `sla.diff` in the bundled server over stdio: the document as the editor has it now (unsaved
 * edits included) against its version at a git revision, in Markdown; a client of a template
 * compared as it resolves; refused in an untrusted workspace (git reads the repository's
 * configuration) and for an unknown revision.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { MessageConnection } from 'vscode-languageserver-protocol/node';
import type { DiffCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { serversInScratch } from './stdio-client.js';

const HOSTING = `agreement Hosting "Managed hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset incidents "Incidents" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
    }

    kpi Uptime "Share of time up" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month
}
`;

const { scratch, start } = serversInScratch('sla-diff-lsp');
const repository = () => path.join(scratch(), 'repository');

beforeAll(() => {
    // In a folder below the repository's top: git is run there (its paths are the top's).
    fs.mkdirSync(path.join(repository(), 'agreements'), { recursive: true });
    fs.writeFileSync(path.join(repository(), 'agreements', 'hosting.sla'), HOSTING);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repository(), stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    git('add', '.');
    git('commit', '-qm', 'hosting');
});

/** A server on the repository, trusted or not, with agreements/hosting.sla open with `text` (not saved). */
async function open(text: string, trusted: boolean): Promise<{ connection: MessageConnection; uri: string }> {
    const { connection } = start();
    const uri = pathToFileURL(path.join(repository(), 'agreements', 'hosting.sla')).toString();
    const diagnosed = new Promise<void>(resolve => connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => params.uri === uri && resolve()));
    connection.listen();
    const folder = pathToFileURL(repository()).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {}, initializationOptions: { workspaceTrusted: trusted } });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
    await diagnosed;
    return { connection, uri };
}

const diff = (connection: MessageConnection, uri: string, base?: string) =>
    connection.sendRequest('workspace/executeCommand', { command: 'sla.diff', arguments: [{ uri, ...(base ? { base } : {}) }] }) as Promise<DiffCommandResult>;

describe('sla.diff over stdio', () => {
    test('an unsaved edit lowering the target: loosened against HEAD, in Markdown', async () => {
        const { connection, uri } = await open(HOSTING.replace('99.9%', '99.5%'), true);
        const result = await diff(connection, uri);
        expect(result).toEqual({
            ok: true,
            loosening: 1,
            markdown: [
                '### sla diff: HEAD → the editor',
                '',
                '**1 agreement(s) with a promise loosened or removed** · 1 compared, 1 changed, 0 added, 0 removed',
                '',
                '#### Hosting (`agreements/hosting.sla`): 1 change(s)',
                '',
                '| change | member | what | where |',
                '| --- | --- | --- | --- |',
                '| **loosened** | objective Uptime | 99.5% instead of 99.9% | `agreements/hosting.sla:13:5` |',
                ''
            ].join('\n')
        });
        expect(await diff(connection, uri, 'no-such-branch')).toEqual({ ok: false, message: `--base no-such-branch: no such revision in ${fs.realpathSync(repository())}.` });
    }, 60_000);

    test('an untrusted workspace runs no git', async () => {
        const { connection, uri } = await open(HOSTING, false);
        expect(await diff(connection, uri)).toEqual({ ok: false, message: 'Comparing with a git revision runs git: trust the workspace first.' });
    }, 60_000);
});
