import type { PortfolioEntry } from '@sla/engine';
import * as vscode from 'vscode';
import { clientRow, statusClassOf } from './build-portfolio-view.js';
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

/** A client of the latest portfolio; its agreement's name is what "open the report" takes. */
export interface PortfolioClientNode {
    agreement: string;
}

/**
 * The "SLA Portfolio" view of the Explorer: the clients of the latest portfolio, breached
 * and at risk first, each with a status icon; clicking one opens its report. Empty (with a
 * button to evaluate, package.json `viewsWelcome`) until a portfolio was evaluated.
 */
export class PortfolioTreeProvider implements vscode.TreeDataProvider<PortfolioClientNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly subscription: vscode.Disposable;

    constructor(private readonly service: PortfolioService, private readonly openCommand: string) {
        this.subscription = service.onDidChange(() => this.changed.fire());
    }

    getChildren(parent?: PortfolioClientNode): PortfolioClientNode[] {
        if (parent) return [];
        const entries = this.service.latest?.report.entries ?? [];
        return sortRows(entries.map(clientRow)).map((row) => ({ agreement: row.agreement }));
    }

    getTreeItem(node: PortfolioClientNode): vscode.TreeItem {
        const entry = this.service.entry(node.agreement);
        if (!entry) return new vscode.TreeItem(node.agreement);
        const row = clientRow(entry);
        const item = new vscode.TreeItem(row.client, vscode.TreeItemCollapsibleState.None);
        item.id = `sla-portfolio:${entry.agreement}`;
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
            ...(entry.atRisk.length > 0 ? [`At risk: ${row.atRisk}`] : []),
            ...(entry.expiresOn ? [`Expires ${entry.expiresOn}`] : [])
        ].join('\n');
        item.accessibilityInformation = { label: `${row.client}, ${row.statusWord}, ${item.description}` };
        item.command = { command: this.openCommand, title: 'Open Report', arguments: [entry.agreement] };
        return item;
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}

function description(entry: PortfolioEntry, statusWord: string): string {
    const credits = entry.credits.filter((credit) => credit.total > 0).length;
    return [statusWord.toLowerCase(), entry.agreement, ...(credits > 0 ? ['credits owed'] : []), ...(entry.expiresOn ? [`ends ${entry.expiresOn}`] : [])].join(' · ');
}
