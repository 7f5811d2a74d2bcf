import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../commands/command-ids.js';
import type { ReportPanel } from '../report/report-panel.js';
import { PortfolioPanel } from './portfolio-panel.js';
import { PortfolioService, type LatestPortfolio } from './portfolio-service.js';
import { clientKey, entryOfKey, portfolioTreeMessage } from './build-portfolio-view.js';
import { changeConcernsPortfolio, type FileChange, type PortfolioFiles } from './portfolio-file-changes.js';
import { PortfolioTreeProvider, type PortfolioTreeNode } from './portfolio-tree.js';

/** After a save (or a file made, changed or deleted), wait this long for more before evaluating the portfolio again. */
const REFRESH_DELAY_MS = 1_500;

/** What the portfolio features hand to the extension API (the in-host tests read it). */
export interface PortfolioFeatures {
    readonly service: PortfolioService;
    readonly panel: PortfolioPanel;
    readonly tree: PortfolioTreeProvider;
    readonly view: vscode.TreeView<PortfolioTreeNode>;
}

/** Options of "SLA: Evaluate Portfolio" when called programmatically (tests, keybindings). */
interface PortfolioOptions {
    from?: string;
    to?: string;
    now?: number;
}

/** "SLA: Evaluate Portfolio", the portfolio webview, the "SLA Portfolio" tree and its refresh when a file it read is saved, made, changed or deleted. */
export function registerPortfolioFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, getClient: () => Promise<LanguageClient | undefined>, reportPanel: ReportPanel): PortfolioFeatures {
    const service = new PortfolioService(getClient, log);
    /** `key`: the client's (build-portfolio-view.ts clientKey: its file and agreement; names need not be unique). */
    const openClient = (key: string): boolean => {
        const entry = service.entry(key);
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
        // The data changed on disk since, files not evaluated: said above the clients (and the data above the portfolio page if it shows this one).
        view.message = portfolioTreeMessage(latest);
        if (latest.dataChanged.length > 0) panel.updateIfShowing(latest);
    };
    let refreshTimer: NodeJS.Timeout | undefined;
    /** When the latest change that asked for a refresh was made. */
    let savedAt = 0;
    /** Evaluates `last` again after REFRESH_DELAY_MS without further changes (Save All, a checkout of many files: once). */
    const refreshSoon = (last: LatestPortfolio): void => {
        clearTimeout(refreshTimer);
        savedAt = Date.now();
        refreshTimer = setTimeout(() => {
            // Quiet, and never at the expense of the user's own "Evaluate Portfolio": it joins one started since the change, or waits for it.
            void service.evaluate({ ...last.request, interactive: false, changedAt: savedAt }).then((latest) => {
                if (latest) panel.updateIfOpen(latest);
            });
        }, REFRESH_DELAY_MS);
    };
    /** A file saved, made, changed or deleted: the latest portfolio is evaluated again if it read the file (portfolio-file-changes.ts). */
    const fileChanged = (uri: vscode.Uri, change: FileChange): void => {
        const last = service.latest;
        if (!last || uri.scheme !== 'file' || !vscode.workspace.isTrusted || !changeConcernsPortfolio(uri.fsPath, change, filesOf(last))) return;
        // A failure's item no longer offers to open a file deleted (the refresh then drops it).
        if (change === 'deleted') tree.refresh();
        refreshSoon(last);
    };
    // Made, deleted (a rename is both) or changed on disk (a checkout) as well as saved: the clients listed are those of the folder now.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');

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
            // From the tree (its node), its item's command (the client's key) or a caller naming an agreement (found when only one client has that name).
            const key = typeof given === 'string' ? keyOf(service.latest?.report.entries ?? [], given) : (given as { key?: unknown } | undefined)?.key;
            if (typeof key !== 'string' || !openClient(key)) {
                void vscode.window.showInformationMessage('Evaluate the portfolio first ("SLA: Evaluate Portfolio"), then choose a client.');
                return false;
            }
            return true;
        }),
        vscode.workspace.onDidSaveTextDocument((document) => {
            if (document.languageId === 'sla') fileChanged(document.uri, 'saved');
        }),
        watcher,
        watcher.onDidCreate((uri) => fileChanged(uri, 'created')),
        watcher.onDidChange((uri) => fileChanged(uri, 'changed')),
        watcher.onDidDelete((uri) => fileChanged(uri, 'deleted')),
        { dispose: () => clearTimeout(refreshTimer) }
    );
    return { service, panel, tree, view };
}

/** The key of the client `given` names: a key, else an agreement's name that only one client has. */
function keyOf(entries: ReadonlyArray<{ agreement: string; sourceFile?: string }>, given: string): string | undefined {
    if (entryOfKey(entries, given)) return given;
    const named = entries.filter((entry) => entry.agreement === given);
    return named.length === 1 ? clientKey(named[0]!) : undefined;
}

/** The files `latest` was evaluated from: its folder, its clients' and failures' files, and what they import. */
function filesOf(latest: LatestPortfolio): PortfolioFiles {
    return {
        folder: latest.folderUri.fsPath,
        listed: [...latest.report.entries.flatMap((entry) => (entry.sourceFile ? [entry.sourceFile] : [])), ...latest.failures.flatMap((failure) => (failure.path ? [failure.path] : []))],
        imported: latest.importedFiles
    };
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
