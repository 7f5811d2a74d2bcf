import type { DiffCommandArguments, DiffCommandResult } from '@sla/language/lsp-commands';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/**
 * Read-only Markdown documents `sla-diff:/<name> against <revision>.md`: what the agreement as
 * edited changes against a git revision (the server's `sla.diff`, the same text as `sla diff
 * --base REV --format markdown`), shown in VS Code's Markdown preview.
 */
export class DiffDocuments implements vscode.TextDocumentContentProvider {
    static readonly scheme = 'sla-diff';
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.toString()) ?? '';
    }

    /** The document for `source` against `revision`, holding `markdown` from now on. */
    hold(source: vscode.Uri, revision: string, markdown: string): vscode.Uri {
        const name = path.basename(source.path).replace(/\.sla$/, '');
        const uri = vscode.Uri.from({ scheme: DiffDocuments.scheme, path: `/${name} against ${revision.replace(/[/\\]/g, '-')}.md`, query: source.toString() });
        this.texts.set(uri.toString(), markdown);
        this.changed.fire(uri);
        return uri;
    }
}

/**
 * "SLA: Compare with Git Revision…": asks for the revision (HEAD unless given), has the server
 * compare the document as edited with it, and shows the changes beside the editor. The result
 * (and the preview's URI) is returned for tests and other extensions; a refusal is shown.
 */
export async function compareWithRevision(client: LanguageClient | undefined, documents: DiffDocuments, source: vscode.Uri, given?: string): Promise<{ result: DiffCommandResult; uri?: vscode.Uri } | undefined> {
    const revision = given ?? await vscode.window.showInputBox({
        title: 'SLA: Compare with Git Revision',
        prompt: 'The git revision to compare the agreement with: a branch, a tag or a commit.',
        value: 'HEAD'
    });
    if (revision === undefined) return undefined;
    if (!client?.isRunning()) {
        void vscode.window.showErrorMessage('The SLA language server is not running; see the "SLA" output channel.');
        return undefined;
    }
    const args: DiffCommandArguments = { uri: client.code2ProtocolConverter.asUri(source), base: revision };
    const result = await client.sendRequest(ExecuteCommandRequest.type, { command: 'sla.diff', arguments: [args] }) as DiffCommandResult;
    if (!result.ok) {
        void vscode.window.showErrorMessage(`SLA: ${result.message}`);
        return { result };
    }
    const uri = documents.hold(source, revision, result.markdown);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return { result, uri };
}
