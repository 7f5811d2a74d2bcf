import * as fs from 'node:fs';
import type { PortfolioEntry } from '@sla/engine';
import * as vscode from 'vscode';
import { clientKey, clientRow, statusClassOf } from './build-portfolio-view.js';
import { sortRows } from './portfolio-table.js';
import type { PortfolioStatusClass } from './portfolio-view.js';
import type { PortfolioService } from './portfolio-service.js';

/** Status icons of the tree: a shape per status as well as a colour. */
const ICONS: Record<PortfolioStatusClass, vscode.ThemeIcon> = {
    breached: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
    'at-risk': new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
    met: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
    'no-data': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
};

/** A file of the portfolio's folder that could not be evaluated: a different shape (and colour) from any status. */
const NOT_EVALUATED_ICON = new vscode.ThemeIcon('bracket-error', new vscode.ThemeColor('problemsErrorIcon.foreground'));

/**
 * A client of the latest portfolio; its key (build-portfolio-view.ts clientKey: the agreement's
 * file and name, as names need not be unique across files) is what "open the report" takes.
 */
export interface PortfolioClientNode {
    kind?: 'client';
    key: string;
    agreement: string;
}

/** A file of the folder that could not be evaluated (errors): listed after the clients; a click opens it. */
export interface PortfolioFailureNode {
    kind: 'failure';
    /** As the user reads it (relative to the workspace). */
    file: string;
    path?: string;
    message: string;
}

export type PortfolioTreeNode = PortfolioClientNode | PortfolioFailureNode;

/**
 * The "SLA Portfolio" view of the Explorer: the clients of the latest portfolio, breached
 * and at risk first, each with a status icon; clicking one opens its report. The files that
 * could not be evaluated follow (and the view's message counts them). Empty (with a
 * button to evaluate, package.json `viewsWelcome`) until a portfolio was evaluated.
 */
export class PortfolioTreeProvider implements vscode.TreeDataProvider<PortfolioTreeNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly subscription: vscode.Disposable;

    constructor(private readonly service: PortfolioService, private readonly openCommand: string) {
        this.subscription = service.onDidChange(() => this.changed.fire());
    }

    getChildren(parent?: PortfolioTreeNode): PortfolioTreeNode[] {
        if (parent) return [];
        const entries = this.service.latest?.report.entries ?? [];
        const failures = this.service.latest?.failures ?? [];
        return [
            ...sortRows(entries.map(clientRow)).map((row): PortfolioClientNode => ({ key: row.key, agreement: row.agreement })),
            ...failures.map((failure): PortfolioFailureNode => ({ kind: 'failure', file: failure.file, message: failure.message, ...(failure.path ? { path: failure.path } : {}) }))
        ];
    }

    /** A flat list: every node is at the root (TreeView.reveal asks). */
    getParent(): undefined {
        return undefined;
    }

    getTreeItem(node: PortfolioTreeNode): vscode.TreeItem {
        if (node.kind === 'failure') return failureItem(node);
        const entry = this.service.entry(node.key);
        if (!entry) return new vscode.TreeItem(node.agreement);
        const row = clientRow(entry);
        const item = new vscode.TreeItem(row.client, vscode.TreeItemCollapsibleState.None);
        // Unique in the tree (VS Code refuses a second item of the same id): two files may name their agreements alike.
        item.id = `sla-portfolio:${clientKey(entry)}`;
        item.description = description(entry, row.statusWord);
        item.iconPath = ICONS[statusClassOf(entry)];
        item.contextValue = 'slaPortfolioClient';
        // Plain text only: names come from files that may be someone else's.
        item.tooltip = [
            `${row.client}${row.title ? ` — ${row.title}` : ''}`,
            `Agreement ${entry.agreement}${entry.template ? ` (template ${entry.template})` : ''}: ${row.statusWord}`,
            `Objectives: ${row.met} met, ${row.breached} breached, ${row.noData} without data`,
            `Worst: ${row.worst}`,
            `Credits: ${row.credits}`,
            // Every risk the page's column lists: a termination right that fired is the gravest.
            ...(row.atRisk !== '—' ? [`At risk: ${row.atRisk}`] : []),
            ...(entry.expiresOn ? [`Expires ${entry.expiresOn}`] : [])
        ].join('\n');
        item.accessibilityInformation = { label: `${row.client}, ${row.statusWord}, ${item.description}` };
        item.command = { command: this.openCommand, title: 'Open Report', arguments: [clientKey(entry)] };
        return item;
    }

    /** Draws the items again (a file of theirs was deleted: a failure's item no longer offers to open it). */
    refresh(): void {
        this.changed.fire();
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}

/** A file that could not be evaluated; one deleted since is said so, and not offered to open: nothing is left to open. */
function failureItem(node: PortfolioFailureNode): vscode.TreeItem {
    const deleted = node.path !== undefined && !fs.existsSync(node.path);
    const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.None);
    item.id = `sla-portfolio-failure:${node.path ?? node.file}:${node.message}`;
    item.description = deleted ? 'not evaluated · deleted since' : 'not evaluated';
    item.iconPath = NOT_EVALUATED_ICON;
    item.contextValue = 'slaPortfolioFailure';
    item.tooltip = `${node.file} was not evaluated: ${node.message}${deleted ? '\nThe file has been deleted since.' : ''}`;
    item.accessibilityInformation = { label: `${node.file}, not evaluated${deleted ? ', deleted since' : ''}: ${node.message}` };
    if (node.path && !deleted) {
        item.resourceUri = vscode.Uri.file(node.path);
        item.command = { command: 'vscode.open', title: 'Open File', arguments: [vscode.Uri.file(node.path)] };
    }
    return item;
}

function description(entry: PortfolioEntry, statusWord: string): string {
    const credits = entry.credits.filter((credit) => credit.total > 0).length;
    return [statusWord.toLowerCase(), entry.agreement, ...(credits > 0 ? ['credits owed'] : []), ...(entry.expiresOn ? [`ends ${entry.expiresOn}`] : [])].join(' · ');
}
