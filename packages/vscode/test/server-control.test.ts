/**
 * Each start of the language server (the first, and every "Restart Language Server", trust
 * grant, sla.connections change or stored password) makes a client with two file watchers
 * (`**\/*.sla`, `**\/.slarc.json`). The language client stops listening to them when it stops
 * but does not dispose them: ServerControl does, with the client they were made for.
 * Without VS Code: `vscode` and the language client are stand-ins that count watchers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const watchers = vi.hoisted(() => ({ made: [] as Array<{ pattern: string; disposed: boolean }> }));

vi.mock('vscode', () => ({
    workspace: {
        isTrusted: false,
        createFileSystemWatcher: (pattern: string) => {
            const watcher = { pattern, disposed: false, dispose: () => { watcher.disposed = true; } };
            watchers.made.push(watcher);
            return watcher;
        }
    }
}));

vi.mock('vscode-languageclient/node', () => ({
    TransportKind: { ipc: 1 },
    LanguageClient: class {
        private running = false;
        start(): Promise<void> { this.running = true; return Promise.resolve(); }
        stop(): Promise<void> { this.running = false; return Promise.resolve(); }
        isRunning(): boolean { return this.running; }
    }
}));

const { ServerControl } = await import('../src/server-control.js');

const context = { asAbsolutePath: (file: string) => `/ext/${file}`, secrets: { get: () => Promise.resolve(undefined) } } as never;
const log = { info: () => undefined, warn: () => undefined } as never;

describe('the language server\'s file watchers', () => {
    beforeEach(() => { watchers.made.length = 0; });

    it('are disposed with the client they were made for: restarts leave two, not two more each time', async () => {
        const control = new ServerControl(context, log);
        await control.start();
        expect(watchers.made.map((w) => w.pattern)).toEqual(['**/*.sla', '**/.slarc.json']);
        for (let i = 0; i < 3; i++) await control.restart('test');
        expect(watchers.made).toHaveLength(8);
        expect(watchers.made.filter((w) => !w.disposed)).toHaveLength(2);
        expect(watchers.made.slice(6).every((w) => !w.disposed)).toBe(true);
        expect(control.client?.isRunning()).toBe(true);
        control.dispose();
        await vi.waitFor(() => expect(watchers.made.every((w) => w.disposed)).toBe(true));
    });
});
