import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../commands/command-ids.js';
import type { ReportPanel } from '../report/report-panel.js';
import { PortfolioPanel } from './portfolio-panel.js';
import { PortfolioService, type LatestPortfolio } from './portfolio-service.js';
import { PortfolioTreeProvider, type PortfolioClientNode } from './portfolio-tree.js';

/** After a save, wait this long for more saves before evaluating the portfolio again. */
const REFRESH_DELAY_MS = 1_500;

/** What the portfolio features hand to the extension API (the in-host tests read it). */
export interface PortfolioFeatures {
    readonly service: PortfolioService;
    readonly panel: PortfolioPanel;
    readonly tree: PortfolioTreeProvider;
    readonly view: vscode.TreeView<PortfolioClientNode>;
}

/** Options of "SLA: Evaluate Portfolio" when called programmatically (tests, keybindings). */
interface PortfolioOptions {
    from?: string;
    to?: string;
    now?: number;
}

/** "SLA: Evaluate Portfolio", the portfolio webview, the "SLA Portfolio" tree and its refresh on save. */
export function registerPortfolioFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, getClient: () => Promise<LanguageClient | undefined>, reportPanel: ReportPanel): PortfolioFeatures {
    const service = new PortfolioService(getClient, log);
    const openClient = (agreement: string): boolean => {
        const entry = service.entry(agreement);
        if (!entry) return false;
        reportPanel.show(entry.report, entry.sourceFile ? vscode.Uri.file(entry.sourceFile) : undefined);
        return true;
    };
    const panel = new PortfolioPanel(context.extensionUri, log, openClient);
    const tree = new PortfolioTreeProvider(service, COMMANDS.openPortfolioClient);
    const view = vscode.window.createTreeView('sla.portfolioClients', { treeDataProvider: tree, showCollapseAll: false });
    const showCount = (latest: LatestPortfolio): void => {
        const t = latest.report.totals;
        view.description = `${t.breached} breached · ${t.atRisk} at risk · ${t.met} met`;
        // The data changed on disk since: said above the clients, and above the portfolio page if it shows this one.
        view.message = latest.dataChangedNote || undefined;
        if (latest.dataChanged.length > 0) panel.updateIfShowing(latest);
    };
    let refreshTimer: NodeJS.Timeout | undefined;

    context.subscriptions.push(
        service, panel, tree, view,
        service.onDidChange(showCount),
        vscode.commands.registerCommand(COMMANDS.evaluatePortfolio, async (given?: unknown, options?: PortfolioOptions): Promise<LatestPortfolio | undefined> => {
            const folder = given instanceof vscode.Uri ? given : await pickFolder();
            if (!folder) return undefined;
            const latest = await service.evaluate({ folder, ...periodOf(options), interactive: true });
            if (latest) panel.show(latest);
            return latest;
        }),
        vscode.commands.registerCommand(COMMANDS.refreshPortfolio, async (): Promise<LatestPortfolio | undefined> => {
            const last = service.latest;
            if (!last) return await vscode.commands.executeCommand(COMMANDS.evaluatePortfolio);
            const latest = await service.evaluate({ ...last.request, interactive: true });
            if (latest) panel.updateIfOpen(latest);
            return latest;
        }),
        vscode.commands.registerCommand(COMMANDS.openPortfolioClient, (given?: unknown): boolean => {
            // From the tree (its node), its item's command (the agreement's name) or the palette.
            const agreement = typeof given === 'string' ? given : (given as PortfolioClientNode | undefined)?.agreement;
            if (typeof agreement !== 'string' || !openClient(agreement)) {
                void vscode.window.showInformationMessage('Evaluate the portfolio first ("SLA: Evaluate Portfolio"), then choose a client.');
                return false;
            }
            return true;
        }),
        vscode.workspace.onDidSaveTextDocument((document) => {
            const last = service.latest;
            if (document.languageId !== 'sla' || !last || !vscode.workspace.isTrusted) return;
            if (!isInside(document.uri, last.folderUri)) return;
            // Saving several files (Save All) evaluates once.
            clearTimeout(refreshTimer);
            refreshTimer = setTimeout(() => {
                void service.evaluate({ ...last.request, interactive: false }).then((latest) => {
                    if (latest) panel.updateIfOpen(latest);
                });
            }, REFRESH_DELAY_MS);
        }),
        { dispose: () => clearTimeout(refreshTimer) }
    );
    return { service, panel, tree, view };
}

/** `file` lies in `folder` or below it (not merely a path that starts with the same letters). */
function isInside(file: vscode.Uri, folder: vscode.Uri): boolean {
    const root = folder.fsPath.endsWith(path.sep) ? folder.fsPath : folder.fsPath + path.sep;
    return file.fsPath.startsWith(root);
}

function periodOf(options: PortfolioOptions | undefined): PortfolioOptions {
    return {
        ...(typeof options?.from === 'string' ? { from: options.from } : {}),
        ...(typeof options?.to === 'string' ? { to: options.to } : {}),
        ...(typeof options?.now === 'number' ? { now: options.now } : {})
    };
}

/** The only workspace folder, or the one the user picks. */
async function pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
        void vscode.window.showInformationMessage('Open a folder with .sla files to evaluate its portfolio.');
        return undefined;
    }
    if (folders.length === 1) return folders[0]!.uri;
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose agreements make the portfolio' }))?.uri;
}
