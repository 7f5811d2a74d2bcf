import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/** Mirrors `EvaluateCommandArguments` of the server (packages/language/src/lsp/sla-execute-command-handler.ts). */
export interface EvaluateArguments {
    uri: string;
    agreement?: string;
    from?: string;
    to?: string;
    dataOverrides?: Record<string, string>;
    skipInvalid?: boolean;
    now?: number;
}

export type EvaluateResult =
    | { ok: true; report: Report }
    | { ok: false; message: string; problems: Array<{ file: string; line: number; column: number; message: string }> };

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
    return typeof markdown === 'string' ? markdown : '';
}
