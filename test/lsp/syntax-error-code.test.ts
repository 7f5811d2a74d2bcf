/**
 * Syntax errors in the editor carry the code `sla validate` prints for them, `sla/syntax-error`
 * (docs/cli.md): they had none over LSP, only Langium's `data.code`. That `data.code` stays
 * (`parsing-error`, `lexing-error`), and the quick fixes of the other diagnostics still come.
 */
import { describe, expect, test } from 'vitest';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { initialize, serversInScratch } from './stdio-client.js';

const servers = serversInScratch('sla-syntax-code');

// A negative target is no quantity (a parser error, line 4); the agreement has calendar windows
// but no time zone (sla/timezone-missing, with the quick fix 'Add timezone "UTC"').
const PARSER_ERROR = `agreement A "A" {
    provider P "P"
    customer C "C"
    objective X >= -5 per calendar month
}
`;
// A string that does not end on its line: a lexer error.
const LEXER_ERROR = `agreement B "B {
}
`;

describe('syntax errors over LSP', () => {
    test('a parser or lexer error has the code sla/syntax-error and keeps its data.code; quick fixes still come', async () => {
        const { connection } = servers.start();
        const published = new Map<string, Diagnostic[]>();
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => { published.set(params.uri, params.diagnostics); });
        connection.listen();
        await initialize(connection, null, { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } });
        const diagnosticsOf = async (uri: string, text: string): Promise<Diagnostic[]> => {
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
            for (let waited = 0; !published.has(uri) && waited < 20_000; waited += 100) await new Promise(resolve => setTimeout(resolve, 100));
            return published.get(uri) ?? [];
        };

        const parserUri = 'file:///tmp/sla-syntax-code/parser.sla';
        const parsed = await diagnosticsOf(parserUri, PARSER_ERROR);
        const syntax = parsed.find(d => d.range.start.line === 3)!;
        expect(syntax).toMatchObject({ code: 'sla/syntax-error', data: { code: 'parsing-error' }, message: "Unexpected '-': expected a number or a name." });
        const zone = parsed.find(d => d.code === 'sla/timezone-missing')!;
        const zoneFixes = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: parserUri }, range: zone.range, context: { diagnostics: [zone] } }) as CodeAction[];
        expect(zoneFixes.map(action => action.title)).toEqual(['Add timezone "UTC"']);
        // A syntax error has no quick fix, and asking for one is answered.
        expect(await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: parserUri }, range: syntax.range, context: { diagnostics: [syntax] } })).toEqual([]);

        const lexed = await diagnosticsOf('file:///tmp/sla-syntax-code/lexer.sla', LEXER_ERROR);
        const lexing = lexed.filter(d => (d.data as { code?: string } | undefined)?.code === 'lexing-error');
        expect(lexing.length).toBeGreaterThan(0);
        expect(lexing.map(d => d.code)).toEqual(lexing.map(() => 'sla/syntax-error'));
    }, 60_000);
});
