import * as path from 'node:path';
import { renderCsv, renderHtml, renderMarkdown, type Report } from '@sla/engine';
import * as vscode from 'vscode';
import type { ExportFormat } from './report-view.js';

const FORMATS: Record<ExportFormat, { extension: string; filterName: string; render: (report: Report) => string }> = {
    markdown: { extension: 'md', filterName: 'Markdown', render: renderMarkdown },
    html: { extension: 'html', filterName: 'HTML', render: renderHtml },
    // The JSON contract of `sla evaluate --format json` (docs/cli.md).
    json: { extension: 'json', filterName: 'JSON', render: (report) => `${JSON.stringify(report, null, 2)}\n` },
    // One row per window, for a spreadsheet or a billing import (`sla evaluate --format csv`).
    csv: { extension: 'csv', filterName: 'CSV', render: renderCsv }
};

/** The exported text of a report: the same renderers as the CLI. */
export function renderReport(report: Report, format: ExportFormat): string {
    return FORMATS[format].render(report);
}

/** Asks where to save (next to the .sla file by default) and writes the report there; resolves with the file or undefined when cancelled. */
export async function exportReport(report: Report, format: ExportFormat, sourceUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    const { extension, filterName } = FORMATS[format];
    return saveTextAs(() => renderReport(report, format), {
        fileName: `${report.agreement}-report.${extension}`, extension, filterName, near: sourceUri, title: `Export the ${report.agreement} report as ${filterName}`
    });
}

/**
 * Asks where to save `text` — beside `near` (a file) by default, else in the first workspace
 * folder — and writes it there; resolves with the file, or undefined when cancelled.
 */
export async function saveTextAs(
    text: () => string, options: { fileName: string; extension: string; filterName: string; near?: vscode.Uri; title: string }
): Promise<vscode.Uri | undefined> {
    const { fileName, extension, filterName, near, title } = options;
    const defaultUri = near && near.scheme === 'file'
        ? vscode.Uri.file(path.join(path.dirname(near.fsPath), fileName))
        : vscode.workspace.workspaceFolders?.[0] ? vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, fileName) : undefined;
    const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters: { [filterName]: [extension] }, title });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text()));
    return target;
}
