/**
 * An import of a file outside the workspace folders, in a folder the editor setting
 * `sla.data.allowedFolders` allows (the bundled server over stdio): the server loads the file,
 * so its calendar links and the agreement evaluates — as `sla validate --allow-data-outside`
 * does. Before, the import passed validation but the file was never read: "Unknown calendar
 * 'OfficeHours'" stayed and the evaluation was refused. Without the setting nothing outside is
 * read (the import is refused, the calendar unknown); a change of the file on disk (written, or
 * renamed over), its deletion and recreation, and the setting taken away, are followed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { EvaluateCommandResult } from '../../packages/language/src/lsp/sla-execute-command-handler.js';
import { serversInScratch } from './stdio-client.js';

const AGREEMENT = `import "../outside/shared.sla"
agreement A "A" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    dataset t "T" from "t.csv" {
        opened timestamp
        resolved timestamp optional
    }
    service S "S" {
        kpi R "R" unit hours = max(elapsed(t.opened, t.resolved) during OfficeHours)
        objective R <= 4 hours per calendar month
    }
}
`;
const SHARED = `calendar OfficeHours "Office hours" {
    monday to friday 08:00 to 18:00
}
`;
// One ticket, opened Monday 2026-01-05 17:00 and resolved Tuesday 09:00 (UTC): 16 hours on the
// clock, of which office hours (Mon–Fri 08:00–18:00) are 17:00–18:00 and 08:00–09:00 = 2 hours.
const DATA = 'opened,resolved\n2026-01-05T17:00:00Z,2026-01-06T09:00:00Z\n';

const { scratch, start } = serversInScratch('sla-outside-imports');

const unknownCalendar = (diagnostics: Diagnostic[]) => diagnostics.some(d => d.message.includes("Unknown calendar 'OfficeHours'"));
const outsideWorkspace = (diagnostics: Diagnostic[]) => diagnostics.some(d => d.code === 'sla/path-outside-workspace');

interface OpenedCase {
    evaluate: () => Promise<EvaluateCommandResult>;
    settle: (until: (d: Diagnostic[]) => boolean) => Promise<Diagnostic[]>;
    setting: (folders: string[]) => Promise<void>;
    /** The agreement's text changed in the editor: a build caused by something else. */
    edit: (text: string) => Promise<void>;
    root: string;
    outside: string;
}

/** `agreement`: the text of ws/a.sla (by default, importing ../outside/shared.sla). */
async function open(agreement = AGREEMENT): Promise<OpenedCase> {
    const root = fs.mkdtempSync(path.join(scratch(), 'case-'));
    const workspace = path.join(root, 'ws');
    const outside = path.join(root, 'outside');
    fs.mkdirSync(workspace);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(workspace, 'a.sla'), agreement);
    fs.writeFileSync(path.join(workspace, 't.csv'), DATA);
    fs.writeFileSync(path.join(outside, 'shared.sla'), SHARED);
    const uri = pathToFileURL(path.join(workspace, 'a.sla')).toString();
    const { connection } = start();
    let latest: Diagnostic[] | undefined;
    const listeners = new Set<() => void>();
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri !== uri) return;
        latest = params.diagnostics;
        listeners.forEach(listener => listener());
    });
    connection.listen();
    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {}, initializationOptions: { workspaceTrusted: true } });
    await connection.sendNotification('initialized', {});
    /** The document's diagnostics once they satisfy `until` (they are published more than once while the server settles). */
    const settle = (until: (d: Diagnostic[]) => boolean) => new Promise<Diagnostic[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`diagnostics never settled: ${JSON.stringify(latest?.map(d => d.message))}`)), 20_000);
        const check = () => {
            if (latest === undefined || !until(latest)) return;
            clearTimeout(timer);
            listeners.delete(check);
            resolve(latest);
        };
        listeners.add(check);
        check();
    });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: agreement } });
    let version = 1;
    return {
        root,
        outside,
        edit: (text) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] }),
        settle,
        evaluate: () => connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluate', arguments: [{ uri, from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z') }] }) as Promise<EvaluateCommandResult>,
        setting: (folders) => connection.sendNotification('workspace/didChangeConfiguration', { settings: { sla: { data: { allowedFolders: folders } } } })
    };
}

describe('imports of allowed folders outside the workspace in the language server', () => {
    test('without the setting, the import is refused and its calendar unknown; with it, the calendar links and the KPI counts office hours only', async () => {
        const { settle, setting, evaluate, outside } = await open();
        await settle(d => outsideWorkspace(d) && unknownCalendar(d));
        await setting([outside]);
        const after = await settle(d => !outsideWorkspace(d) && !unknownCalendar(d));
        expect(after.filter(d => d.severity === 1)).toEqual([]);
        const result = await evaluate();
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (!result.ok) return;
        // 2 office hours of the 16 on the clock (see DATA), in milliseconds: 2 × 3,600,000 (16 h would be 57,600,000).
        expect(result.report.objectives[0]!.windows[0]!.value).toBe(7_200_000);
    }, 120_000);

    test('the imported file changed on disk, then the setting taken away: the import follows', async () => {
        const { settle, setting, outside } = await open();
        await setting([outside]);
        await settle(d => !outsideWorkspace(d) && !unknownCalendar(d));
        // The calendar renamed in the shared file (as by another tool): the agreement's name no longer links.
        fs.writeFileSync(path.join(outside, 'shared.sla'), SHARED.replace('OfficeHours', 'WorkingHours'));
        await settle(d => unknownCalendar(d) && !outsideWorkspace(d));
        fs.writeFileSync(path.join(outside, 'shared.sla'), SHARED);
        await settle(d => !unknownCalendar(d));
        // The folder no longer allowed: the file is let go, the import refused again.
        await setting([]);
        await settle(d => outsideWorkspace(d) && unknownCalendar(d));
    }, 120_000);

    test('the imported file deleted, then recreated (a branch checked out and back): the import follows without another edit', async () => {
        const { settle, setting, outside } = await open();
        await setting([outside]);
        await settle(d => !outsideWorkspace(d) && !unknownCalendar(d));
        fs.rmSync(path.join(outside, 'shared.sla'));
        await settle(d => unknownCalendar(d) && !outsideWorkspace(d));
        // The server's work after that build (where it used to forget the missing file) is not
        // observable: a pause makes sure it is done, as when a user checks a branch out and back.
        // It cannot make the test flaky — what is expected is waited for below, with a deadline.
        await new Promise(resolve => setTimeout(resolve, 1_000));
        fs.writeFileSync(path.join(outside, 'shared.sla'), SHARED);
        // Before, the error stayed until something else was edited.
        const after = await settle(d => !unknownCalendar(d));
        expect(after.filter(d => d.severity === 1)).toEqual([]);
    }, 120_000);

    test('the imported file saved by renaming a new file over it (as editors and tools do): the import follows', async () => {
        const { settle, setting, outside } = await open();
        await setting([outside]);
        await settle(d => !outsideWorkspace(d) && !unknownCalendar(d));
        const renamedOver = (text: string) => {
            const temporary = path.join(outside, 'shared.sla.tmp');
            fs.writeFileSync(temporary, text);
            fs.renameSync(temporary, path.join(outside, 'shared.sla'));
        };
        renamedOver(SHARED.replace('OfficeHours', 'WorkingHours'));
        await settle(d => unknownCalendar(d) && !outsideWorkspace(d));
        renamedOver(SHARED);
        await settle(d => !unknownCalendar(d));
    }, 120_000);

    test('an imported file whose allowed folder does not exist yet: the server keeps answering, and reads it at the next build once it is there', async () => {
        const { settle, setting, edit, root } = await open(AGREEMENT.replace('../outside/shared.sla', '../later/shared.sla'));
        const later = path.join(root, 'later');
        await setting([later]);
        await settle(d => unknownCalendar(d) && !outsideWorkspace(d));
        fs.mkdirSync(later);
        fs.writeFileSync(path.join(later, 'shared.sla'), SHARED);
        // Its folder could not be watched: the file is read when something else builds, as before.
        await edit(`${AGREEMENT.replace('../outside/shared.sla', '../later/shared.sla')}// edited\n`);
        await settle(d => !unknownCalendar(d));
    }, 120_000);
});
