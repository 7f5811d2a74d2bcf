/**
 * The "SLA Portfolio" tree's items (portfolio-tree.ts), with `vscode` as the stand-in plus the
 * tree classes: a client's tooltip names every risk the page's at-risk column lists, and a file
 * that could not be evaluated is offered to open only while it exists.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PortfolioEntry } from '@sla/engine';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from './vscode-stand-in.js';

vi.mock('vscode', async () => {
    const standIn = await import('./vscode-stand-in.js');
    class TreeItem {
        id?: string;
        description?: string;
        tooltip?: string;
        command?: { command: string; arguments?: unknown[] };
        resourceUri?: unknown;
        constructor(readonly label: string, readonly collapsibleState?: number) {}
    }
    class ThemeIcon {
        constructor(readonly id: string, readonly color?: unknown) {}
    }
    return { ...standIn, TreeItem, ThemeIcon, TreeItemCollapsibleState: { None: 0 } };
});

const { PortfolioTreeProvider } = await import('../src/portfolio/portfolio-tree.js');
const { clientKey, clientRow } = await import('../src/portfolio/build-portfolio-view.js');

/** A breached client as the engine's portfolio has it, with only what the tree reads. */
function entry(agreement: string, extra: Partial<PortfolioEntry> = {}): PortfolioEntry {
    return {
        agreement, client: `${agreement} AG`, title: `Hosting for ${agreement}`, sourceFile: `/ws/${agreement.toLowerCase()}.sla`, status: 'breached',
        objectives: { met: 0, breached: 1, noData: 0 }, credits: [], earlyWarnings: [], atRisk: [], deviations: [], coverage: [],
        report: { credits: [], objectives: [] }, ...extra
    } as unknown as PortfolioEntry;
}

function treeOf(entries: PortfolioEntry[], failures: Array<{ file: string; path?: string; message: string }> = []) {
    const latest = { report: { entries }, failures };
    const service = {
        latest,
        onDidChange: new EventEmitter<unknown>().event,
        entry: (key: string) => entries.find((each) => clientKey(each) === key)
    };
    return new PortfolioTreeProvider(service as never, 'sla.openPortfolioClient');
}

const tooltipLines = (tree: ReturnType<typeof treeOf>, index = 0): string[] => String(tree.getTreeItem(tree.getChildren()[index]!).tooltip).split('\n');

describe('a client\'s tooltip in the SLA Portfolio tree', () => {
    it('names a termination right that fired, though no window in progress is at risk', () => {
        // Northwind breached February–April: the right fired at the end of April, notice by 29 June (30 April + 60 days).
        const northwind = entry('Northwind', { terminations: [{ name: 'ChronicFailure', status: 'fired', firedAt: '2026-04-30', noticeBy: '2026-06-29' }] });
        expect(northwind.atRisk).toEqual([]);
        expect(tooltipLines(treeOf([northwind]))).toContain('At risk: termination right ChronicFailure FIRED, notice by 2026-06-29');
        // The same words as the page's at-risk column.
        expect(clientRow(northwind).atRisk).toBe('termination right ChronicFailure FIRED, notice by 2026-06-29');
    });

    it('names a target Continuous Improvement raises that the latest window would miss, and counts it for sorting', () => {
        const raised = entry('Litware', {
            improvedTargets: [{ kpi: 'Availability', service: 'Web', from: '2027-01-01', comparison: '>=', previous: 0.995, target: 0.996, unit: 'ratio', wouldMiss: true }]
        });
        expect(tooltipLines(treeOf([raised])).filter((line) => line.startsWith('At risk: '))).toEqual([`At risk: ${clientRow(raised).atRisk}`]);
        expect(clientRow(raised).atRisk).toMatch(/^Web · Availability rises to >= /);
        // As many as the cell lists: one (it was 0, sorting it with the clients without risks).
        expect(clientRow(raised).sort.atRisk).toBe(1);
    });

    it('has no at-risk line for a client without risks', () => {
        const quiet = entry('Contoso');
        expect(tooltipLines(treeOf([quiet])).some((line) => line.startsWith('At risk'))).toBe(false);
        expect(clientRow(quiet).sort.atRisk).toBe(0);
    });
});

describe('a file of the portfolio that could not be evaluated', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-tree-'));
    afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it('opens on a click while it exists; once deleted, it says so and offers nothing to open', () => {
        const file = path.join(scratch, 'broken.sla');
        fs.writeFileSync(file, 'agreement Broken {\n');
        const tree = treeOf([entry('Northwind')], [{ file: 'broken.sla', path: file, message: "1:19: Expecting '}'" }]);
        const failureNode = () => tree.getChildren()[1]!;
        const before = tree.getTreeItem(failureNode());
        expect(before.description).toBe('not evaluated');
        expect(before.command?.command).toBe('vscode.open');
        fs.rmSync(file);
        const after = tree.getTreeItem(failureNode());
        expect(after.description).toBe('not evaluated · deleted since');
        expect(after.command).toBeUndefined();
        expect(after.tooltip).toBe("broken.sla was not evaluated: 1:19: Expecting '}'\nThe file has been deleted since.");
    });

    it('draws the items again when asked (a file was deleted)', () => {
        const tree = treeOf([entry('Northwind')]);
        const fired = vi.fn();
        tree.onDidChangeTreeData(fired);
        tree.refresh();
        expect(fired).toHaveBeenCalledTimes(1);
    });
});
