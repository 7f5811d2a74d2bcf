import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { requestExplanation } from './evaluation-client.js';

/** Read-only Markdown documents `sla-explain:/<name>.md?<source uri>`, rendered by the server. */
export class ExplanationDocuments implements vscode.TextDocumentContentProvider {
    static readonly scheme = 'sla-explain';
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    constructor(private readonly getClient: () => Promise<LanguageClient | undefined>) {}

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const client = await this.getClient();
        if (!client?.isRunning()) return 'The SLA language server is not running; see the "SLA" output channel.';
        return await requestExplanation(client, vscode.Uri.parse(uri.query));
    }

    static uriFor(source: vscode.Uri): vscode.Uri {
        const name = path.basename(source.path).replace(/\.sla$/, '');
        return vscode.Uri.from({ scheme: ExplanationDocuments.scheme, path: `/${name} explained.md`, query: source.toString() });
    }

    /** Asks VS Code to fetch the text again (the source changed since it was opened). */
    refresh(source: vscode.Uri): void {
        this.changed.fire(ExplanationDocuments.uriFor(source));
    }
}

/** Explain in Plain Language: the server's Markdown in VS Code's Markdown preview. */
export async function explainAgreement(documents: ExplanationDocuments, source: vscode.Uri): Promise<vscode.Uri> {
    const uri = ExplanationDocuments.uriFor(source);
    documents.refresh(source);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return uri;
}
