import { renderCsv } from '@sla/engine';
import { saveTextAs } from '../report/report-export.js';
import { webviewPageHtml } from '../report/webview-page.js';
import * as vscode from 'vscode';
import { buildPortfolioView, entryOfKey, type PortfolioEvaluation } from './build-portfolio-view.js';
import { parsePortfolioMessage } from './portfolio-message.js';
import type { FromPortfolioWebview, ToPortfolioWebview } from './portfolio-view.js';

/**
 * The portfolio webview: a sortable, filterable table of the clients and the credits per
 * month. Like the report panel, its script and stylesheet come from the extension's out/
 * folder only, under a CSP that allows nothing else; what the page posts is validated, and
 * "open a client" names a client (its key: the agreement's file and name) that must be in the
 * portfolio shown.
 */
export class PortfolioPanel implements vscode.Disposable {
    static readonly viewType = 'sla.portfolio';
    private panel: vscode.WebviewPanel | undefined;
    private evaluation: PortfolioEvaluation | undefined;
    private webviewReady = false;

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly log: vscode.LogOutputChannel,
        /** Opens the report of the client `key` (build-portfolio-view.ts clientKey) names. */
        private readonly openClient: (key: string) => void
    ) {}

    show(evaluation: PortfolioEvaluation): void {
        this.evaluation = evaluation;
        if (!this.panel) this.panel = this.createPanel();
        else this.panel.reveal(undefined, false);
        this.panel.title = `SLA Portfolio: ${evaluation.folder}`;
        this.post();
    }

    /** A refresh (on save) updates the page if it is open, without bringing it to the front. */
    updateIfOpen(evaluation: PortfolioEvaluation): void {
        if (!this.panel) return;
        this.evaluation = evaluation;
        this.panel.title = `SLA Portfolio: ${evaluation.folder}`;
        this.post();
    }

    /** Draws `evaluation` again if it is the one shown (its data changed since: dataChanged). */
    updateIfShowing(evaluation: PortfolioEvaluation): void {
        if (evaluation === this.evaluation) this.post();
    }

    /** What the page shown says above the portfolio about its data having changed ('' when nothing). */
    get dataChangedNote(): string {
        return this.evaluation === undefined ? '' : buildPortfolioView(this.evaluation).dataChanged;
    }

    get isOpen(): boolean {
        return this.panel !== undefined;
    }

    private createPanel(): vscode.WebviewPanel {
        const outUri = vscode.Uri.joinPath(this.extensionUri, 'out');
        const panel = vscode.window.createWebviewPanel(PortfolioPanel.viewType, 'SLA Portfolio', { viewColumn: vscode.ViewColumn.Active }, {
            enableScripts: true,
            localResourceRoots: [outUri],
            retainContextWhenHidden: true
        });
        panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'icons', 'sla-file.svg');
        this.webviewReady = false;
        panel.webview.html = portfolioHtml(panel.webview, outUri);
        panel.webview.onDidReceiveMessage((raw: unknown) => {
            const message = parsePortfolioMessage(raw);
            if (message) this.receive(message);
            else this.log.warn(`ignored a message from the portfolio webview that is not one it sends: ${JSON.stringify(raw)?.slice(0, 200)}`);
        });
        panel.onDidDispose(() => {
            this.panel = undefined;
        });
        return panel;
    }

    private receive(message: FromPortfolioWebview): void {
        if (message.type === 'ready') {
            this.webviewReady = true;
            this.post();
        } else if (message.type === 'cspViolation') {
            this.log.warn(`the portfolio webview broke its Content Security Policy: ${message.directive} refused ${message.blocked || 'inline content'}`);
        } else if (message.type === 'openClient') {
            // Only a client of the portfolio on show: the page cannot name anything else.
            if (this.evaluation && entryOfKey(this.evaluation.report.entries, message.key)) this.openClient(message.key);
            else this.log.warn(`ignored a request of the portfolio webview to open ${JSON.stringify(message.key).slice(0, 200)}, which is not in the portfolio`);
        } else if (message.type === 'exportCsv' && this.evaluation) {
            void this.exportCsv(this.evaluation);
        }
    }

    /** The windows of every client as `sla evaluate --format csv` writes them: for a spreadsheet or a billing import. */
    private async exportCsv(evaluation: PortfolioEvaluation): Promise<void> {
        try {
            const saved = await saveTextAs(() => renderCsv(evaluation.report), {
                fileName: `${evaluation.folder.replace(/[\\/:*?"<>|]/g, '-')}-portfolio.csv`, extension: 'csv', filterName: 'CSV',
                title: `Export the portfolio of ${evaluation.folder} as CSV`
            });
            if (saved) void vscode.window.showInformationMessage(`Portfolio exported to ${vscode.workspace.asRelativePath(saved)}`);
        } catch (error) {
            void vscode.window.showErrorMessage(`The portfolio could not be exported: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    private post(): void {
        if (!this.panel || !this.evaluation || !this.webviewReady) return;
        const message: ToPortfolioWebview = { type: 'portfolio', view: buildPortfolioView(this.evaluation) };
        void this.panel.webview.postMessage(message);
    }

    dispose(): void {
        this.panel?.dispose();
    }
}

/** The page shell: the portfolio itself is drawn by out/portfolio.js from the posted JSON. */
export function portfolioHtml(webview: vscode.Webview, outUri: vscode.Uri): string {
    return webviewPageHtml(webview, outUri, { title: 'SLA Portfolio', script: 'portfolio.js', extraStyles: ['portfolio.css'], mainId: 'portfolio', loadingText: 'Loading the portfolio…' });
}
