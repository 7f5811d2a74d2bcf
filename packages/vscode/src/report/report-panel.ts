import { webviewPageHtml } from './webview-page.js';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { buildReportView } from './build-report-view.js';
import { exportReport } from './report-export.js';
import type { FromWebview, ToWebview } from './report-view.js';
import { parseWebviewMessage } from './webview-message.js';

/**
 * The one report webview: per objective the windows, a chart, credits, data coverage and
 * export. Its script and stylesheet come from the extension's out/ folder only, under a
 * CSP that allows nothing else (no remote content, no inline code).
 */
export class ReportPanel implements vscode.Disposable {
    static readonly viewType = 'sla.report';
    private panel: vscode.WebviewPanel | undefined;
    private report: Report | undefined;
    private sourceUri: vscode.Uri | undefined;
    private webviewReady = false;

    constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

    /** Shows `report` in the panel, creating or revealing it. */
    show(report: Report, sourceUri: vscode.Uri | undefined, preserveFocus = false): void {
        if (report !== this.report) this.dataChanged = '';
        this.report = report;
        this.sourceUri = sourceUri;
        if (!this.panel) {
            this.panel = this.createPanel(preserveFocus);
        } else {
            this.panel.reveal(undefined, preserveFocus);
        }
        this.panel.title = `SLA Report: ${report.agreement}`;
        this.post();
    }

    /**
     * Says, above the report, that the data it was made from changed on disk since (`note`; empty:
     * nothing to say), when `report` is the one shown.
     */
    noteDataChanged(report: Report, note: string): void {
        if (report !== this.report || note === this.dataChanged) return;
        this.dataChanged = note;
        this.post();
    }

    /** The note of noteDataChanged for the report shown ('' for a new report). */
    private dataChanged = '';

    /** What the panel says above the report shown about its data having changed ('' when nothing). */
    get dataChangedNote(): string {
        return this.dataChanged;
    }

    /** Updates the panel's content if it is open, without bringing it to the front (evaluate on save: the editor stays). */
    updateIfOpen(report: Report, sourceUri: vscode.Uri | undefined): void {
        if (!this.panel) return;
        if (report !== this.report) this.dataChanged = '';
        this.report = report;
        this.sourceUri = sourceUri;
        this.panel.title = `SLA Report: ${report.agreement}`;
        this.post();
    }

    get isOpen(): boolean {
        return this.panel !== undefined;
    }

    private createPanel(preserveFocus: boolean): vscode.WebviewPanel {
        const outUri = vscode.Uri.joinPath(this.extensionUri, 'out');
        const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'SLA Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus }, {
            enableScripts: true,
            localResourceRoots: [outUri],
            // Keeps the chart and scroll position when the tab is hidden; the report is small.
            retainContextWhenHidden: true
        });
        panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'icons', 'sla-file.svg');
        this.webviewReady = false;
        panel.webview.html = reportHtml(panel.webview, outUri);
        panel.webview.onDidReceiveMessage((raw: unknown) => {
            const message = parseWebviewMessage(raw);
            if (message) this.receive(message);
            else this.log.warn(`ignored a message from the report webview that is not one it sends: ${JSON.stringify(raw)?.slice(0, 200)}`);
        });
        panel.onDidDispose(() => {
            this.panel = undefined;
        });
        return panel;
    }

    private receive(message: FromWebview): void {
        if (message.type === 'ready') {
            this.webviewReady = true;
            this.post();
        } else if (message.type === 'cspViolation') {
            this.log.warn(`the report webview broke its Content Security Policy: ${message.directive} refused ${message.blocked || 'inline content'}`);
        } else if (message.type === 'export' && this.report) {
            const report = this.report;
            exportReport(report, message.format, this.sourceUri).then((target) => {
                if (!target) return;
                this.log.info(`exported the ${report.agreement} report as ${message.format} to ${target.fsPath}`);
                void vscode.window.showInformationMessage(`Report exported to ${vscode.workspace.asRelativePath(target)}.`);
            }, (error: unknown) => {
                this.log.error(`export failed: ${String(error)}`);
                void vscode.window.showErrorMessage(`Could not export the report: ${error instanceof Error ? error.message : String(error)}`);
            });
        }
    }

    private post(): void {
        if (!this.panel || !this.report || !this.webviewReady) return;
        const message: ToWebview = { type: 'report', view: buildReportView(this.report), ...(this.dataChanged ? { dataChanged: this.dataChanged } : {}) };
        void this.panel.webview.postMessage(message);
    }

    dispose(): void {
        this.panel?.dispose();
    }
}

/** The page shell: the report itself is drawn by out/webview.js from the posted JSON. */
export function reportHtml(webview: vscode.Webview, outUri: vscode.Uri): string {
    return webviewPageHtml(webview, outUri, { title: 'SLA Report', script: 'webview.js', mainId: 'report', loadingText: 'Loading the report…' });
}
