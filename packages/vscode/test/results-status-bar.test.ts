/**
 * The status bar item shows the active .sla editor's latest result (else the latest of any),
 * and a click opens the report of that result. With A evaluated, then B, and A's editor active,
 * the item showed A's "SLA: 1/1 met" but its click ran Show Last Report with no argument: B's report.
 */
import type { Report } from '@sla/engine';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { host, Uri, EventEmitter } from './vscode-stand-in.js';

vi.mock('vscode', () => import('./vscode-stand-in.js'));

const { registerResultsStatusBar } = await import('../src/results/results-status-bar.js');

const SHOW = 'sla.showLastReport';

function resultOf(uri: Uri, agreement: string, status: 'met' | 'breached') {
    const report = { agreement, period: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, objectives: [{ status }] } as unknown as Report;
    return { uri, report, evaluatedAt: new Date(0), outcomes: [], dataChanged: [] };
}

/** EvaluationResults as the status bar reads it: per document, and the latest of any. */
function fakeResults() {
    const byDocument = new Map<string, ReturnType<typeof resultOf>>();
    let latest: ReturnType<typeof resultOf> | undefined;
    const changed = new EventEmitter<Uri>();
    return {
        get: (uri: Uri) => byDocument.get(uri.toString()),
        latest: () => latest,
        onDidChange: changed.event,
        set(result: ReturnType<typeof resultOf>) {
            byDocument.set(result.uri.toString(), result);
            latest = result;
            changed.fire(result.uri);
        }
    };
}

describe('the status bar item of the results', () => {
    beforeEach(() => host.reset());

    it('opens the report of the result it shows, not the latest evaluation\'s', () => {
        const a = host.open('/work/a.sla', 'agreement A "A" {}\n');
        const b = host.open('/work/b.sla', 'agreement B "B" {}\n');
        const results = fakeResults();
        const { item } = registerResultsStatusBar(results as never, SHOW);
        const shown = host.statusBarItems[0]!;
        expect(shown).toBe(item);
        results.set(resultOf(a, 'A', 'met'));
        results.set(resultOf(b, 'B', 'breached'));
        host.setActive(a);
        expect(shown.text).toBe('$(pass) SLA: 1/1 met');
        expect(shown.tooltip).toMatch(/^A: 1 of 1 objectives met/);
        expect(shown.command).toEqual({ command: SHOW, title: 'Show the report', arguments: [a] });
        host.setActive(b);
        expect(shown.text).toBe('$(warning) SLA: 0/1 met');
        expect(shown.command).toEqual({ command: SHOW, title: 'Show the report', arguments: [b] });
    });

    it('outside an .sla editor it shows the latest result, and opens that one (unaffected)', () => {
        const a = host.open('/work/a.sla', 'agreement A "A" {}\n');
        const notes = host.open('/work/notes.md', '# notes\n', 'markdown');
        const results = fakeResults();
        registerResultsStatusBar(results as never, SHOW);
        const shown = host.statusBarItems[0]!;
        expect(shown.visible).toBe(false);
        host.setActive(notes);
        results.set(resultOf(a, 'A', 'met'));
        expect(shown.visible).toBe(true);
        expect(shown.command).toEqual({ command: SHOW, title: 'Show the report', arguments: [a] });
    });
});
