/**
 * When the portfolio is evaluated again by itself (register-portfolio-features.ts): a client
 * file saved, made, deleted or renamed under its folder, a folder holding its files deleted, or
 * a catalogue its clients import saved wherever it lies. `vscode` is the stand-in with the
 * few APIs the features register; the language server is a fake that counts its requests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeConcernsPortfolio, type PortfolioFiles } from '../src/portfolio/portfolio-file-changes.js';
import { importedFiles, importPathsOf } from '../src/portfolio/imported-files.js';
import { Uri } from './vscode-stand-in.js';

const hooks = vi.hoisted(() => ({
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    watchers: [] as Array<{ glob: unknown; fire: (kind: 'create' | 'change' | 'delete', uri: unknown) => void }>,
    save: undefined as undefined | ((document: unknown) => void)
}));

vi.mock('vscode', async () => {
    const standIn = await import('./vscode-stand-in.js');
    class TreeItem {
        constructor(readonly label: string, readonly collapsibleState?: number) {}
    }
    class ThemeIcon {
        constructor(readonly id: string, readonly color?: unknown) {}
    }
    class CancellationTokenSource {
        readonly token = { isCancellationRequested: false, onCancellationRequested: () => new standIn.Disposable(() => undefined) };
        cancel(): void {
            this.token.isCancellationRequested = true;
        }
        dispose(): void {}
    }
    const saves = new standIn.EventEmitter<unknown>();
    hooks.save = (document) => saves.fire(document);
    const createFileSystemWatcher = (glob: unknown) => {
        const events = { create: new standIn.EventEmitter<unknown>(), change: new standIn.EventEmitter<unknown>(), delete: new standIn.EventEmitter<unknown>() };
        hooks.watchers.push({ glob, fire: (kind, uri) => events[kind].fire(uri) });
        return { onDidCreate: events.create.event, onDidChange: events.change.event, onDidDelete: events.delete.event, dispose: () => undefined };
    };
    return {
        ...standIn, TreeItem, ThemeIcon, CancellationTokenSource, TreeItemCollapsibleState: { None: 0 },
        RelativePattern: class { constructor(readonly base: unknown, readonly pattern: string) {} },
        workspace: { ...standIn.workspace, isTrusted: true, createFileSystemWatcher, onDidSaveTextDocument: saves.event },
        window: {
            ...standIn.window,
            createTreeView: () => ({ dispose: () => undefined }),
            withProgress: async <T>(_options: unknown, task: (progress: unknown, token: unknown) => Promise<T>) =>
                await task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new standIn.Disposable(() => undefined) })
        },
        commands: {
            ...standIn.commands,
            registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
                hooks.commands.set(id, run);
                return new standIn.Disposable(() => undefined);
            }
        }
    };
});
vi.mock('vscode-languageclient/node', () => ({ ExecuteCommandRequest: { type: 'workspace/executeCommand' } }));

const { registerPortfolioFeatures } = await import('../src/portfolio/register-portfolio-features.js');

// The workspace: portfolio/clients/alpha.sla imports ../../lib/catalogue.sla (outside the folder evaluated),
// which imports base.sla beside it; portfolio/clients/broken.sla could not be evaluated; other/unrelated.sla is no part of it.
let ws: string;
const at = (file: string): string => path.join(ws, file);

beforeAll(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-refresh-'));
    for (const folder of ['portfolio/clients', 'portfolio/data', 'lib', 'other']) fs.mkdirSync(at(folder), { recursive: true });
    fs.writeFileSync(at('portfolio/clients/alpha.sla'), '// Alpha\nimport "../../lib/catalogue.sla"\nagreement Alpha "Alpha" from Hosting { }\n');
    fs.writeFileSync(at('portfolio/clients/broken.sla'), 'agreement Broken {\n');
    fs.writeFileSync(at('lib/catalogue.sla'), 'import "base.sla"\ntemplate Hosting "Hosting" { }\n');
    fs.writeFileSync(at('lib/base.sla'), 'calendar Office { }\n');
    fs.writeFileSync(at('other/unrelated.sla'), 'agreement Other "Other" { }\n');
});

afterAll(() => {
    if (ws) fs.rmSync(ws, { recursive: true, force: true });
});

describe('the files a portfolio is evaluated from', () => {
    it('reads the imports at the head of a file, past comments, as the language reads the strings', () => {
        expect(importPathsOf('// catalogue\n/* shared */ import "../lib/catalogue.sla"\nimport /* why */ "a\\\\b.sla" import "c.sla"\nagreement A { }\nimport "late.sla"')).toEqual(['../lib/catalogue.sla', 'a\\b.sla', 'c.sla']);
        expect(importPathsOf('agreement A "A" { }')).toEqual([]);
        expect(importPathsOf('importance "x.sla"')).toEqual([]);
    });

    it('follows imports through the files imported, relative to each importing file', async () => {
        expect([...await importedFiles([at('portfolio/clients/alpha.sla'), at('portfolio/clients/broken.sla')])].sort()).toEqual([at('lib/base.sla'), at('lib/catalogue.sla')]);
    });

    it('changes that make it out of date, and changes that do not', () => {
        const files: PortfolioFiles = {
            folder: at('portfolio'), listed: [at('portfolio/clients/alpha.sla'), at('portfolio/clients/broken.sla')], imported: new Set([at('lib/catalogue.sla'), at('lib/base.sla')])
        };
        for (const change of ['saved', 'created', 'changed', 'deleted'] as const) {
            expect(changeConcernsPortfolio(at('portfolio/clients/alpha.sla'), change, files), change).toBe(true);
            expect(changeConcernsPortfolio(at('portfolio/new.sla'), change, files), change).toBe(true);
            expect(changeConcernsPortfolio(at('lib/base.sla'), change, files), change).toBe(true);
            expect(changeConcernsPortfolio(at('other/unrelated.sla'), change, files), change).toBe(false);
            expect(changeConcernsPortfolio(at('portfolio/data/incidents.csv'), change, files), change).toBe(false);
            // A sibling folder whose name starts alike is not the folder.
            expect(changeConcernsPortfolio(at('portfolio2/x.sla'), change, files), change).toBe(false);
        }
        // A folder deleted or renamed away (one event): it held clients, or the catalogue.
        expect(changeConcernsPortfolio(at('portfolio/clients'), 'deleted', files)).toBe(true);
        expect(changeConcernsPortfolio(at('lib'), 'deleted', files)).toBe(true);
        expect(changeConcernsPortfolio(at('portfolio/data'), 'deleted', files)).toBe(false);
        expect(changeConcernsPortfolio(at('portfolio/clients'), 'created', files)).toBe(false);
    });
});

describe('the portfolio evaluated again by itself', () => {
    afterEach(() => {
        vi.useRealTimers();
    });

    async function setUp() {
        hooks.commands.clear();
        hooks.watchers.length = 0;
        let requests = 0;
        const client = {
            isRunning: () => true,
            code2ProtocolConverter: { asUri: (uri: Uri) => uri.toString() },
            sendRequest: async () => {
                requests++;
                const entry = { agreement: 'Alpha', client: 'Alpha', sourceFile: at('portfolio/clients/alpha.sla'), status: 'met', report: { datasets: [] } };
                return {
                    ok: true,
                    portfolio: { entries: [entry], totals: { agreements: 1, breached: 0, atRisk: 0, met: 1, noData: 0, credits: [] } },
                    failures: [{ file: at('portfolio/clients/broken.sla'), message: "1:19: Expecting '}'" }]
                };
            }
        };
        const log = { info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined };
        const context = { subscriptions: [] as Array<{ dispose(): unknown }>, extensionUri: Uri.file('/extension') };
        const features = registerPortfolioFeatures(context as never, log as never, async () => client as never, { show: () => undefined } as never);
        const first = await features.service.evaluate({ folder: Uri.file(at('portfolio')) as never, interactive: true });
        let shown = 1;
        features.service.onDidChange(() => shown++);
        const watcher = hooks.watchers.find((each) => each.glob === '**/*')!;
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        /** What `act` leads to: the requests the server got within 1.5 s and then 2 s more. */
        const requestsAfter = async (act: () => void): Promise<number> => {
            const before = requests;
            act();
            await vi.advanceTimersByTimeAsync(3_500);
            // The evaluation reads the files' imports from disk (not timers): let it end before the next change.
            await vi.waitFor(() => expect(shown).toBe(requests));
            return requests - before;
        };
        return { features, first, watcher, requestsAfter, dispose: () => context.subscriptions.forEach((each) => each.dispose()) };
    }

    it('when a client file is deleted or renamed, or a folder of clients deleted', async () => {
        const { features, watcher, requestsAfter, dispose } = await setUp();
        const redrawn = vi.fn();
        features.tree.onDidChangeTreeData(redrawn);
        expect(await requestsAfter(() => watcher.fire('delete', Uri.file(at('portfolio/clients/alpha.sla'))))).toBe(1);
        // The tree is drawn again at once: a deleted failure's file is no longer offered to open.
        expect(redrawn).toHaveBeenCalled();
        // A rename: the old name deleted, the new one made (one refresh for both).
        expect(await requestsAfter(() => {
            watcher.fire('delete', Uri.file(at('portfolio/clients/broken.sla')));
            watcher.fire('create', Uri.file(at('portfolio/clients/broken-fixed.sla')));
        })).toBe(1);
        expect(await requestsAfter(() => watcher.fire('delete', Uri.file(at('portfolio/clients'))))).toBe(1);
        // Files it did not read: no evaluation.
        expect(await requestsAfter(() => watcher.fire('delete', Uri.file(at('other/unrelated.sla'))))).toBe(0);
        expect(await requestsAfter(() => watcher.fire('change', Uri.file(at('portfolio/data/incidents.csv'))))).toBe(0);
        dispose();
    });

    it('when a catalogue outside the folder that its clients import is saved, or changed on disk', async () => {
        const { first, watcher, requestsAfter, dispose } = await setUp();
        expect(first?.importedFiles).toEqual(new Set([at('lib/catalogue.sla'), at('lib/base.sla')]));
        expect(await requestsAfter(() => hooks.save!({ languageId: 'sla', uri: Uri.file(at('lib/catalogue.sla')) }))).toBe(1);
        expect(await requestsAfter(() => watcher.fire('change', Uri.file(at('lib/base.sla'))))).toBe(1);
        dispose();
    });

    it('as before when a client under the folder is saved; not when another file is', async () => {
        const { requestsAfter, dispose } = await setUp();
        expect(await requestsAfter(() => hooks.save!({ languageId: 'sla', uri: Uri.file(at('portfolio/clients/alpha.sla')) }))).toBe(1);
        expect(await requestsAfter(() => hooks.save!({ languageId: 'sla', uri: Uri.file(at('other/unrelated.sla')) }))).toBe(0);
        expect(await requestsAfter(() => hooks.save!({ languageId: 'plaintext', uri: Uri.file(at('portfolio/notes.txt')) }))).toBe(0);
        dispose();
    });
});
