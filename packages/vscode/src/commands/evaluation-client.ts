import type { EvaluateCommandArguments, EvaluateCommandResult } from '@sla/language/lsp-commands';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** The server's `sla.evaluate` contract (packages/language/src/lsp/sla-execute-command-handler.ts). */
export type EvaluateArguments = EvaluateCommandArguments;
export type EvaluateResult = EvaluateCommandResult;

/**
 * Asks the language server to evaluate (`workspace/executeCommand` `sla.evaluate`). Sent as
 * a plain request so that VS Code's cancellation token reaches the server, which aborts.
 */
export async function requestEvaluation(client: LanguageClient, args: EvaluateArguments, token: vscode.CancellationToken): Promise<EvaluateResult> {
    return await client.sendRequest(ExecuteCommandRequest.type, { command: 'sla.evaluate', arguments: [args] }, token) as EvaluateResult;
}

/** The agreement in plain language (Markdown), from the server's `sla.explain`. */
export async function requestExplanation(client: LanguageClient, uri: vscode.Uri): Promise<string> {
    const markdown: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command: 'sla.explain', arguments: [{ uri: client.code2ProtocolConverter.asUri(uri) }] });
    if (typeof markdown === 'string') return markdown;
    // The server refuses with `{ ok: false, message }` (no such file, not a file URI): the page says why.
    const message = (markdown as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? `**The agreement could not be explained.** ${message}` : '';
}
