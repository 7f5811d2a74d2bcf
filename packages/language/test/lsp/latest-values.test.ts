import type { Report } from '@sla/engine';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

/**
 * The hover on the first `>=` of the line holding `marker` in `text`, after an evaluation whose
 * report has one objective, WebShop.Availability per calendar month, with the fields of `objective`
 * (its source line that line), over `period`, run at `generatedAt`.
 */
async function hoverAfterEvaluation(text: string, uri: string, marker: string, objective: Record<string, unknown>, period: { from: string; to: string }, generatedAt: string): Promise<string> {
    const document = await parse(text, { documentUri: uri });
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes(marker));
    const report = {
        schemaVersion: 1, agreement: 'Shop', timezone: 'Europe/Berlin', period, generatedAt,
        datasets: [], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 0, met: 0, breached: 0, noData: 0 },
        objectives: [{ service: 'WebShop', kpi: 'WebShop.Availability', kpiKey: 'WebShop.Availability', unit: 'ratio', window: 'calendar month', source: { line: line + 1, column: 9 }, ...objective }]
    } as unknown as Report;
    services.evaluation.LatestEvaluations.remember(document.uri, report);
    const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') }
    });
    return (hover?.contents as { value: string }).value;
}

describe('hover after an evaluation of a promise over the term', () => {
    test('each window against its target, then the step to come and whether the latest value would meet it', async () => {
        const text = AGREEMENT.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar month, >= 99.95% from 2026-05-01');
        const value = await hoverAfterEvaluation(text, 'file:///ws/latest-term.sla', 'objective Availability >= 99.9% per calendar month,', {
            comparison: '>=', target: 0.999, status: 'met',
            targetSteps: [{ from: '2026-05-01', target: 0.9995 }],
            upcoming: { from: '2026-05-01', target: 0.9995, days: 1, wouldMiss: [{ start: '2026-04-01T00:00:00+02:00', value: 0.9992 }] },
            windows: [
                { start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 0.9996, status: 'met', margin: 0.0006, budgetConsumed: 0.4, budgetRemaining: 0.6, rows: 2, unresolved: 0, target: 0.999 },
                { start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', partial: false, value: 0.9992, status: 'met', margin: 0.0002, budgetConsumed: 0.8, budgetRemaining: 0.2, rows: 2, unresolved: 0, target: 0.999 }
            ]
        }, { from: '2026-03-01T00:00:00+01:00', to: '2026-05-01T00:00:00+02:00' }, '2026-05-02T09:15:00+02:00');
        expect(value.split('\n\n').slice(-2).join('\n\n')).toBe('**Latest evaluation** (2026-03-01 – 2026-04-30, run 2026-05-02 09:15):\n'
            + '- 2026-03-01 – 2026-03-31: 99.96% against >= 99.9% — met, 40% of the error budget used\n'
            + '- 2026-04-01 – 2026-04-30: 99.92% against >= 99.9% — met, 80% of the error budget used\n\n'
            + '_Steps up to >= 99.95% on 2026-05-01 (1 day after the evaluation): the latest value would miss it._');
    });
});

describe('hover after an evaluation of Expected and Minimum Service Levels', () => {
    test('a window that is a Service Level Default says so, and why', async () => {
        const text = AGREEMENT.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 2 consecutive windows');
        const value = await hoverAfterEvaluation(text, 'file:///ws/latest-defaults.sla', 'objective Availability >= 99.9% per calendar month,', {
            comparison: '>=', target: 0.999, status: 'breached', minimum: 0.995, defaultRule: '2 consecutive windows',
            windows: [
                { start: '2026-01-01T00:00:00+01:00', end: '2026-02-01T00:00:00+01:00', partial: false, value: 0.9981, status: 'breached', margin: -0.0009, budgetConsumed: 1.9, budgetRemaining: -0.9, rows: 1, unresolved: 0 },
                { start: '2026-02-01T00:00:00+01:00', end: '2026-03-01T00:00:00+01:00', partial: false, value: 0.9981, status: 'breached', margin: -0.0009, budgetConsumed: 1.9, budgetRemaining: -0.9, rows: 1, unresolved: 0, default: 'repeated' },
                { start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 0.994, status: 'breached', margin: -0.005, budgetConsumed: 6, budgetRemaining: -5, rows: 1, unresolved: 0, default: 'below minimum', defaultProvisional: true }
            ]
        }, { from: '2026-01-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' }, '2026-04-02T09:15:00+02:00');
        expect(value.split('\n\n').slice(-1)[0]).toBe('**Latest evaluation** (2026-01-01 – 2026-03-31, run 2026-04-02 09:15):\n'
            + '- 2026-01-01 – 2026-01-31: 99.81% — breached, 190% of the error budget used\n'
            + '- 2026-02-01 – 2026-02-28: 99.81% — breached, **Service Level Default** (repeated misses), 190% of the error budget used\n'
            + '- 2026-03-01 – 2026-03-31: 99.4% — breached, **Service Level Default** (missed the minimum, provisional), 600% of the error budget used');
    });
});

describe('hover after an evaluation of an objective improved yearly', () => {
    test('each window against its year\'s target, then each year\'s target and the one to come', async () => {
        const text = AGREEMENT.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.2%');
        const value = await hoverAfterEvaluation(text, 'file:///ws/latest-improved.sla', 'objective Availability >= 99.5% per calendar month,', {
            comparison: '>=', target: 0.995, status: 'met', improvement: { best: 6, limit: 0.002, step: 0.001 },
            improvedTargets: [
                { from: '2027-01-01', target: 0.997, previous: 0.995, measured: 12, best: [], mean: 0.9995, outcome: 'capped' },
                { from: '2028-01-01', target: 0.998, previous: 0.997, measured: 10, best: [], mean: 0.9984, outcome: 'raised', provisional: true }
            ],
            windows: [
                { start: '2027-11-01T00:00:00+01:00', end: '2027-12-01T00:00:00+01:00', partial: false, value: 0.9984, status: 'met', margin: 0.0014, budgetConsumed: 0.5333, budgetRemaining: 0.4667, rows: 1, unresolved: 0, target: 0.997 }
            ]
        }, { from: '2026-01-01T00:00:00+01:00', to: '2027-12-01T00:00:00+01:00' }, '2027-12-02T09:15:00+01:00');
        expect(value.split('\n\n').slice(-2).join('\n\n')).toBe('**Latest evaluation** (2026-01-01 – 2027-11-30, run 2027-12-02 09:15):\n'
            + '- 2027-11-01 – 2027-11-30: 99.84% against >= 99.7% — met, 53% of the error budget used\n\n'
            + '_Improved yearly:_\n'
            + '- from 2027-01-01: >= 99.7% (raised from 99.5%, capped by the yearly limit)\n'
            + '- from 2028-01-01: at least >= 99.8% (raised from 99.7%; so far, the year before is not over)');
    });
});

describe('hover after an evaluation', () => {
    test('an objective shows its latest values per window, with the budget used', async () => {
        const document = await parse(AGREEMENT, { documentUri: 'file:///ws/latest.sla' });
        const lines = AGREEMENT.split('\n');
        const line = lines.findIndex(l => l.includes('objective Availability >= 99.9% per calendar month'));
        // What `sla.evaluate` reports for it (only the fields the hover reads are meaningful here).
        const report = {
            schemaVersion: 1, agreement: 'Shop', timezone: 'Europe/Berlin',
            period: { from: '2026-01-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' }, generatedAt: '2026-04-02T09:15:00+02:00',
            datasets: [], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 2, met: 1, breached: 1, noData: 0 },
            objectives: [{
                service: 'WebShop', kpi: 'WebShop.Availability', kpiKey: 'WebShop.Availability', comparison: '>=', target: 0.999, unit: 'ratio',
                window: 'calendar month', source: { line: line + 1, column: 9 }, status: 'breached',
                windows: [
                    { start: '2026-02-01T00:00:00+01:00', end: '2026-03-01T00:00:00+01:00', partial: false, value: 0.99953, status: 'met', margin: 0.00053, budgetConsumed: 0.47, budgetRemaining: 0.53, rows: 2, unresolved: 0 },
                    { start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: 0.9981, status: 'breached', margin: -0.0009, budgetConsumed: 1.9, budgetRemaining: -0.9, rows: 5, unresolved: 0 }
                ]
            }]
        } as unknown as Report;
        services.evaluation.LatestEvaluations.remember(document.uri, report);
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') }
        });
        const text = (hover?.contents as { value: string }).value;
        // 0.99953 → 99.953%; 0.47 → 47%; 0.9981 → 99.81%; 1.9 → 190%
        expect(text.split('\n\n').slice(-1)[0]).toBe('**Latest evaluation** (2026-01-01 – 2026-03-31, run 2026-04-02 09:15):\n'
            + '- 2026-02-01 – 2026-02-28: 99.953% — met, 47% of the error budget used\n'
            + '- 2026-03-01 – 2026-03-31: 99.81% — breached, 190% of the error budget used');
        expect(text.startsWith('WebShop promises that Availability is at least 99.9% in every calendar month')).toBe(true);

        // After an edit that changes the target, the old values no longer describe the objective: not shown.
        // (The document is replaced as an edit replaces it: not deleted, which would forget its report.)
        services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        const edited = await parse(AGREEMENT.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.5% per calendar month'), { documentUri: 'file:///ws/latest.sla' });
        const after = await services.lsp.HoverProvider!.getHoverContent(edited, {
            textDocument: { uri: edited.uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') }
        });
        expect(services.evaluation.LatestEvaluations.get(edited.uri)).toBe(report);
        expect((after?.contents as { value: string }).value).not.toContain('Latest evaluation');
    });

    test('a breached value never reads as its target', async () => {
        const document = await parse(AGREEMENT, { documentUri: 'file:///ws/latest-breach.sla' });
        const lines = AGREEMENT.split('\n');
        const line = lines.findIndex(l => l.includes('objective Availability >= 99.9% per calendar month'));
        // A 44 min 39 s outage (2,679 s) in January (2,678,400 s): 1 − 2,679/2,678,400 = 0.99899977598…, i.e.
        // 99.8999776 %: with 3 decimals "99.9%" — the target — though breached; 5 decimals read 99.89998.
        // Budget used (1 − v)/0.001 = 1.00022401… → "100%" when rounded; 100.02 % with two decimals.
        const value = 1 - 2679 / 2_678_400;
        const report = {
            schemaVersion: 1, agreement: 'Shop', timezone: 'Europe/Berlin',
            period: { from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00+01:00' }, generatedAt: '2026-02-02T09:15:00+01:00',
            datasets: [], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 1, met: 0, breached: 1, noData: 0 },
            objectives: [{
                service: 'WebShop', kpi: 'WebShop.Availability', kpiKey: 'WebShop.Availability', comparison: '>=', target: 0.999, unit: 'ratio',
                window: 'calendar month', source: { line: line + 1, column: 9 }, status: 'breached',
                windows: [{ start: '2026-01-01T00:00:00+01:00', end: '2026-02-01T00:00:00+01:00', partial: false, value, status: 'breached', margin: value - 0.999, budgetConsumed: (1 - value) / 0.001, budgetRemaining: 1 - (1 - value) / 0.001, rows: 1, unresolved: 0 }]
            }]
        } as unknown as Report;
        services.evaluation.LatestEvaluations.remember(document.uri, report);
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') }
        });
        const text = (hover?.contents as { value: string }).value;
        expect(text.split('\n\n').slice(-1)[0]).toBe('**Latest evaluation** (2026-01-01 – 2026-01-31, run 2026-02-02 09:15):\n'
            + '- 2026-01-01 – 2026-01-31: 99.89998% — breached, 100.02% of the error budget used');
    });
});
