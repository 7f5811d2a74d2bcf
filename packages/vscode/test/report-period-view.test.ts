// The report view's period says when `--from` fell inside a window and the period starts at its start (engine: evaluation-period.ts).
import { describe, expect, it } from 'vitest';
import type { Report } from '@sla/engine';
import { buildReportView } from '../src/report/build-report-view.js';

function report(period: Report['period']): Report {
    return {
        agreement: 'Outages', timezone: 'Europe/Berlin', period, generatedAt: '2026-04-15T00:00:00Z',
        totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], credits: [], datasets: [], openItems: [], notes: []
    } as unknown as Report;
}

describe('the period', () => {
    it('says when --from fell inside a window and the period starts at its start', () => {
        expect(buildReportView(report({ from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', requestedFrom: '2026-03-10T00:00:00+01:00' })).period).toBe('2026-03-01 – 2026-03-31 (--from 2026-03-10: whole windows)');
        expect(buildReportView(report({ from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' })).period).toBe('2026-03-01 – 2026-03-31');
    });
});
