/**
 * An untitled editor (`untitled:Untitled-1`: no file name, no extension) in language SLA, edited
 * and closed at once, as VS Code does when a snippet is inserted and the editor reverted: the
 * build of its last change runs after the close, when the server no longer knows its language
 * id. The server must stay up (it exited with "The service registry contains no services for the
 * extension ''" and the editor lost it: found by the VS Code end-to-end suite).
 */
import { describe, expect, test } from 'vitest';
import { initialize, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-untitled');

describe('untitled documents', () => {
    test('an untitled document changed and closed at once leaves the server answering', async () => {
        const { child, connection } = servers.start();
        connection.listen();
        let exited: number | null = null;
        child.on('exit', code => { exited = code; });
        await initialize(connection, null);
        for (let round = 0; round < 5; round++) {
            const uri = `untitled:Untitled-${round + 1}`;
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: '' } });
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'agreement Name "Title" {\n    timezone "Europe/Berlin"\n}\n' }] });
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'agreement Name "Title" {\n    timezone "Europe/Berlin"\n    \n}\n' }] });
            await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        }
        await new Promise(resolve => setTimeout(resolve, 1500));
        expect(exited).toBeNull();
        // A request after it is answered.
        const file = 'file:///tmp/sla-untitled-after.sla';
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file, languageId: 'sla', version: 1, text: 'agreement A "a" {\n}\n' } });
        const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: file } }) as unknown[];
        expect(symbols.length).toBeGreaterThan(0);
        expect(exited).toBeNull();
    }, 60_000);

    test('an untitled document closed while a file is edited leaves the server answering', async () => {
        // The file's update walks every document the server holds, the closed untitled one among them
        // before its removal is built: its services were looked up by its (missing) extension, and threw.
        const { child, connection } = servers.start();
        connection.listen();
        let exited: number | null = null;
        child.on('exit', code => { exited = code; });
        await initialize(connection, null);
        const file = 'file:///tmp/sla-untitled-edited.sla';
        const text = (n: number) => `agreement A "a" {\n    timezone "Europe/Berlin"\n    // ${'x'.repeat(n)}\n}\n`;
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file, languageId: 'sla', version: 1, text: text(0) } });
        let version = 1;
        for (let round = 0; round < 10; round++) {
            const uri = `untitled:Untitled-${round + 10}`;
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: 'agreement U "u" {\n}\n' } });
            await new Promise(resolve => setTimeout(resolve, 50 * (round % 3)));
            await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
            await connection.sendNotification('textDocument/didChange', { textDocument: { uri: file, version: ++version }, contentChanges: [{ text: text(round + 1) }] });
        }
        await new Promise(resolve => setTimeout(resolve, 1500));
        expect(exited).toBeNull();
        const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: file } }) as unknown[];
        expect(symbols.length).toBeGreaterThan(0);
        expect(exited).toBeNull();
    }, 60_000);
});
