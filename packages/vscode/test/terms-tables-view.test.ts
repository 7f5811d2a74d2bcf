// The VS Code report shows termination rights and maintenance listed in data as the table report
// does: the engine's own tables, with fired rights and late maintenance highlighted.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocument } from '../../language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildReportView } from '../src/report/build-report-view.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('terms tables in the VS Code report view', () => {
    it('the announced-maintenance example: its change log read, 3 of 5 periods counted, 2 announced late (highlighted)', async () => {
        // examples/announced-maintenance/README.md: 5 standard changes, 3 counted, CHG-102 and CHG-106 late.
        const { documents, services } = await loadSlaFiles([path.join(repo, 'examples/announced-maintenance/harbour-hosting.sla')]);
        const view = buildReportView(await evaluateDocument(documents[0]!, services, { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') }));
        expect(view.listedMaintenance).toEqual([{
            title: 'Maintenance listed in data',
            headers: ['maintenance', 'dataset', 'rows', 'periods', 'counted', 'announced late', 'notice', 'rejected', 'path'],
            rows: [['Scheduled', 'changes', '5', '5', '3', '2', '5 days', '0', path.join(repo, 'examples/announced-maintenance/data/changes.csv')]],
            breached: [true]
        }]);
        expect(view.terminations).toEqual([]);
    });

    it('a report without either: no table', () => {
        const view = buildReportView({
            agreement: 'A', timezone: 'UTC', period: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, generatedAt: '2026-02-02T00:00:00Z',
            totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], credits: [], datasets: [], openItems: [], notes: []
        } as never);
        expect([view.terminations, view.listedMaintenance, view.creditCaps]).toEqual([[], [], []]);
    });

    it('a fired termination right: its row, highlighted', () => {
        const view = buildReportView({
            agreement: 'A', timezone: 'UTC', period: { from: '2026-01-01T00:00:00Z', to: '2026-07-01T00:00:00Z' }, generatedAt: '2026-07-02T00:00:00Z',
            totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], credits: [], datasets: [], openItems: [], notes: [],
            terminations: [{
                name: 'ChronicFailure', text: 'Terminate', kpi: 'Availability', kpiKey: 'Availability', window: 'calendar month', rule: '3 consecutive windows', notice: '60 days', triggered: true,
                scopes: [{ triggered: true, breached: 3, firedAt: '2026-05-01T00:00:00+00:00', breachedWindows: [], noticeBy: '2026-06-29' }]
            }]
        } as never);
        expect(view.terminations).toEqual([{
            title: 'Termination rights',
            headers: ['right', 'when', 'scope', 'breached', 'status', 'fired at', 'notice by'],
            rows: [['ChronicFailure', 'Availability breached in 3 consecutive windows', '—', '3', 'FIRED', '2026-05-01T00:00:00+00:00', '2026-06-29']],
            breached: [true]
        }]);
    });

    it('a cap on all credits together: one table per cap, the periods it cut highlighted, the lowered window says so', () => {
        const window = (amount: number, uncappedAmount: number, cap?: 'agreement') => ({
            start: '2026-02-01T00:00:00+00:00', end: '2026-03-01T00:00:00+00:00', partial: false, value: 0.99, provisional: false, tier: 1, tierLabel: 'below 99.9%',
            percentOfFee: null, fee: 10000, amount, uncappedAmount, capped: cap !== undefined, ...(cap ? { cap } : {})
        });
        const view = buildReportView({
            agreement: 'A', timezone: 'UTC', period: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, generatedAt: '2026-03-02T00:00:00Z',
            totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], datasets: [], openItems: [], notes: [],
            credits: [{ kpi: 'Outages', kpiKey: 'Outages', window: 'calendar month', unit: 'count', currency: 'EUR', thresholds: [1], feeProrated: false, windows: [window(200, 750, 'agreement')], total: 200, provisionalTotal: 0 }],
            creditCaps: [{
                cap: '12% of fee per calendar month', window: 'calendar month', currency: 'EUR',
                periods: [
                    { start: '2026-01-01T00:00:00+00:00', end: '2026-02-01T00:00:00+00:00', limit: 1200, owed: 1000, paid: 1000 },
                    { start: '2026-02-01T00:00:00+00:00', end: '2026-03-01T00:00:00+00:00', limit: 1200, owed: 1750, paid: 1200, reached: true, lowered: ['Outages'] }
                ]
            }]
        } as never);
        expect(view.creditCaps).toEqual([{
            title: 'Credits capped together: 12% of fee per calendar month',
            headers: ['period', 'owed', 'cap', 'paid', 'lowered'],
            rows: [['2026-01-01', '€1,000.00', '€1,200.00', '€1,000.00', ''], ['2026-02-01', '€1,750.00', '€1,200.00', '€1,200.00', 'Outages']],
            breached: [false, true]
        }]);
        expect(view.credits[0]!.rows[0]!.cap).toBe('capped with all credits (uncapped €750.00)');
    });
});
