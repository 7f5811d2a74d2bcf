// The report view says which engine computed each dataset (report.engines), without VS Code.
import { describe, expect, it } from 'vitest';
import type { Report } from '@sla/engine';
import { buildReportView, computedBy } from '../src/report/build-report-view.js';

function report(engines: Report['engines']): Report {
    const dataset = { name: 'incidents', path: 'warehouse:public.incidents', rows: 12, rejected: 0, rejectedSamples: [], outsidePeriod: 1, firstTime: '2026-03-02T10:00:00Z', lastTime: '2026-03-29T00:00:00Z' };
    return {
        agreement: 'Outages', timezone: 'Europe/Berlin', period: { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00' }, generatedAt: '2026-04-15T00:00:00Z',
        totals: { windows: 0, met: 0, breached: 0, noData: 0 }, objectives: [], internalTargets: [], credits: [], datasets: [dataset], openItems: [], notes: [],
        ...(engines === undefined ? {} : { engines })
    } as unknown as Report;
}

describe('computed by', () => {
    it('a file read by the project: the local engine', () => {
        expect(computedBy(report(undefined), 'incidents')).toBe('local engine');
        expect(buildReportView(report(undefined)).datasets[0]!.computedBy).toBe('local engine');
    });

    it('pushed down: the SQL engine and its connection, with the traffic', () => {
        const engines = { datasets: [{ name: 'incidents', engine: 'postgres' as const, connection: 'warehouse', mode: 'pushed down' as const, queries: 4, rowsTransferred: 23 }], pushedDown: ['S.Up'], pulled: [] };
        expect(computedBy(report(engines), 'incidents')).toBe('PostgreSQL (connection warehouse): computed there (pushed down; 4 queries, 23 rows back)');
    });

    it('pulled: the local engine computed it, and why', () => {
        const engines = { datasets: [{ name: 'incidents', engine: 'clickhouse' as const, connection: 'mart', mode: 'pulled' as const, reason: 'uptime(…) needs window functions', queries: 1, rowsTransferred: 1 }], pushedDown: [], pulled: ['S.Up'] };
        expect(buildReportView(report(engines)).datasets[0]!.computedBy).toBe('ClickHouse (connection mart): rows pulled, computed by the local engine — uptime(…) needs window functions (1 query, 1 row back)');
    });
});
