import { formatWindow } from './format-values.js';
import type { CreditWindowReport, WindowReport } from './report-types.js';

/**
 * Windows that have no data because they start after the data end, many in a row: a year
 * evaluated in December from an export that ends in March has nine such months per objective
 * and credit, and 245 rolling 7-day windows. Readers of a table (the CLI's table, Markdown and
 * HTML reports, the VS Code report) see each run of two or more as one row; the JSON and CSV
 * reports keep every window.
 */
export type FoldedWindow<W> = { window: W } | { run: { first: W; last: W; count: number } };

/** An objective's (or internal target's) windows, runs of empty windows after the data end folded (one `for each` value per run). */
export function foldedObjectiveWindows(windows: readonly WindowReport[]): FoldedWindow<WindowReport>[] {
    // Nothing else to say: no rows, no value, no target of its own, nothing excluded, no items.
    return folded(windows, (window, first) => window.afterDataEnd === true && window.status === 'no data' && window.rows === 0 && window.value === null
        && window.scopeValue === first.scopeValue && window.target === undefined && window.excluded === undefined && window.items === undefined);
}

/** A credit's windows, runs of windows after the data end that owe nothing (no value, no amount, nothing uncomputable) folded. */
export function foldedCreditWindows(windows: readonly CreditWindowReport[]): FoldedWindow<CreditWindowReport>[] {
    return folded(windows, (window, first) => window.afterDataEnd === true && window.value === null && window.amount === 0 && window.uncappedAmount === 0
        && window.feeMissing !== true && window.scopeValue === first.scopeValue);
}

/**
 * A run's window label: `2026-04-01 – 2026-12-31 (9 windows, all after the data end)`; `range`
 * names the span in a reader's own labels instead (the VS Code report's `Apr 2026 – Dec 2026`).
 */
export function afterDataEndRunLabel(run: { first: { start: string }; last: { end: string }; count: number }, rolling = false, range = formatWindow(run.first.start, run.last.end)): string {
    return `${range} (${run.count} ${rolling ? 'rolling ' : ''}windows, all after the data end)`;
}

function folded<W>(windows: readonly W[], empty: (window: W, first: W) => boolean): FoldedWindow<W>[] {
    const result: FoldedWindow<W>[] = [];
    for (let start = 0; start < windows.length;) {
        const first = windows[start]!;
        let end = start;
        while (end < windows.length && empty(windows[end]!, first)) end++;
        if (end - start > 1) {
            result.push({ run: { first, last: windows[end - 1]!, count: end - start } });
            start = end;
        } else {
            result.push({ window: first });
            start++;
        }
    }
    return result;
}
