// What the report webview and the editor are given to show, from a real evaluation of the
// example (values checked against examples/managed-hosting/README.md).
import * as assert from 'node:assert/strict';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/command-ids.js';
import { buildReportView } from '../../report/build-report-view.js';
import { windowLabel } from '../../results/objective-outcome.js';
import { EXTENSION_ID, openFixture } from './fixture.js';

async function acmeReport(): Promise<Report> {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const document = await openFixture('managed-hosting/acme-hosting.sla');
    const report = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri);
    assert.ok(report, 'no report');
    return report;
}

describe('SLA report view', () => {
    it('names calendar months by month (across a year end) and other windows by their days', () => {
        assert.equal(windowLabel({ start: '2026-12-01T00:00:00+01:00', end: '2027-01-01T00:00:00+01:00' }), 'Dec 2026');
        assert.equal(windowLabel({ start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00' }), 'Mar 2026');
        // A rolling 7-day window: end exclusive, shown inclusive.
        assert.equal(windowLabel({ start: '2026-02-05T00:00:00+01:00', end: '2026-02-12T00:00:00+01:00' }), '2026-02-05 – 2026-02-11');
    });

    it('gives each window its value, target, status, margin and error budget', async () => {
        const view = buildReportView(await acmeReport());
        const availability = view.objectives[0]!;
        assert.equal(availability.name, 'WebShop · Availability');
        assert.equal(availability.statusWord, 'BREACHED');
        // February: 39,672 / 39,840 = 99.578 %; margin 99.578 − 99.9 = −0.322 pp; budget (1 − 0.995783) / 0.001 = 421.7 % used.
        assert.deepEqual(availability.rows[1], {
            window: 'Feb 2026', partial: false, value: '99.578 %', target: '>= 99.9 %', status: 'breached', statusWord: 'BREACHED',
            margin: '−0.322 pp', budgetConsumed: '421.7 %', budgetRemaining: '−321.7 %'
        });
        assert.deepEqual(availability.chart!.labels, ['Jan 2026', 'Feb 2026', 'Mar 2026']);
        assert.equal(availability.chart!.target, 99.9);
        assert.equal(availability.chart!.unitLabel, '%');
        assert.deepEqual(availability.chart!.series[0]!.points.map((point) => point.status), ['met', 'breached', 'met']);
    });

    it('charts long durations in minutes and lists only the rolling windows not met', async () => {
        const view = buildReportView(await acmeReport());
        const p1 = view.objectives.find((o) => o.name === 'WebShop · P1Response')!;
        // 90th percentile of P1 response per month (README): 25, 41 and 27 business minutes; target 30 min.
        assert.equal(p1.chart!.unitLabel, 'min');
        assert.deepEqual(p1.chart!.series[0]!.points.map((point) => point.value), [25, 41, 27]);
        assert.equal(p1.chart!.target, 30);
        const errorRate = view.objectives.find((o) => o.name === 'WebShop · ErrorRate')!;
        // The 7 windows ending 12–18 February hold the two 503s: 2 / 30 = 6.667 %.
        assert.equal(errorRate.rows.length, 7);
        assert.equal(errorRate.rows[0]!.value, '6.667 %');
        assert.equal(errorRate.rowsNote, '83 of 90 rolling windows met and not listed; see the monthly summary.');
        assert.deepEqual(errorRate.summary?.map((m) => `${m.month} ${m.met}/${m.windows}`), ['2026-01 31/31', '2026-02 21/28', '2026-03 31/31']);
    });

    it('lists credits with tier and total, data coverage and open items', async () => {
        const view = buildReportView(await acmeReport());
        const credit = view.credits[0]!;
        // February: tier 1 (below 99.9 %) = 10 % of the 12,000 EUR fee.
        assert.deepEqual(credit.rows[1], { window: 'Feb 2026', value: '99.578 %', tier: '1: below 99.9%', percentOfFee: '10 %', fee: '€12,000.00', amount: '€1,200.00', cap: '' });
        assert.equal(credit.total, '€1,200.00');
        assert.deepEqual(view.creditTotals, ['€1,200.00']);
        assert.deepEqual(view.datasets.map((d) => `${d.name} ${d.rows}`).sort(), ['incidents 10', 'requests 452', 'tickets 60']);
        // Ticket 61 was never answered: its empty field is named (its state, pending or failed or passed while open, depends on the day).
        assert.deepEqual(view.openItems.map((item) => `${item.kind.replace(/ \((pending|failed while open|passed while open)\)$/, '')} ${item.dataset}:${item.line}`), ['open incident incidents:11', 'responded empty tickets:61']);
        assert.equal(view.objectivesMet, '1/4 objectives met');
    });
});
