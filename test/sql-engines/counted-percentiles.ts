/**
 * The hand-worked percentiles of corpus/counted-percentiles.sla (corpus.ts), checked in the
 * report a server's push-down gives (PostgreSQL, ClickHouse: counting rounds over value buckets).
 */
import { expect } from 'vitest';
import type { Report } from '../../packages/engine/src/report/report-types.js';

/** Berlin calendar months, as the report writes their starts (local time with offset). */
function valueOf(report: Report, kpi: string, client: number, month: 'Jan' | 'Feb'): number | null | undefined {
    const start = month === 'Jan' ? '2026-01-01T00:00:00+01:00' : '2026-02-01T00:00:00+01:00';
    const objective = report.objectives.find((o) => o.kpiKey === `S.${kpi}`);
    return objective?.windows.find((w) => w.scopeValue === String(client) && w.start === start)?.value;
}

export function expectCountedPercentiles(report: Report): void {
    // Nearest rank k = ceil(p · n).
    // Client 1, January: 0.1 … 100.0 (n = 1,000): k = 10, 500, 700, 800, 950, 990 → k / 10.
    expect(['P1', 'P50', 'P70', 'P80', 'P95', 'P99'].map((kpi) => valueOf(report, kpi, 1, 'Jan'))).toEqual([1, 50, 70, 80, 95, 99]);
    // Client 2, January: 500 × 3 then 500 × 7: k = 10 and 500 are 3s, k = 700 … 990 are 7s.
    expect(['P1', 'P50', 'P70', 'P80', 'P95', 'P99'].map((kpi) => valueOf(report, kpi, 2, 'Jan'))).toEqual([3, 3, 7, 7, 7, 7]);
    // Client 3, January: n = 1: every rank is 1, the value −2.5.
    expect(['P1', 'P50', 'P99'].map((kpi) => valueOf(report, kpi, 3, 'Jan'))).toEqual([-2.5, -2.5, -2.5]);
    // Client 1, February: sorted 0.001, 0.002, 5, 5, 5, 17.25, 999999.999, 1000000 (n = 8):
    // k = ceil(0.08) = 1, ceil(4) = 4, ceil(5.6) = 6, ceil(6.4) = 7, ceil(7.6) = 8, ceil(7.92) = 8.
    expect(['P1', 'P50', 'P70', 'P80', 'P95', 'P99'].map((kpi) => valueOf(report, kpi, 1, 'Feb'))).toEqual([0.001, 5, 17.25, 999999.999, 1000000, 1000000]);
    // Client 4: 22:59:59.999Z on 31 January is still January in Berlin; 23:00:00.000Z is February.
    expect([valueOf(report, 'N', 4, 'Jan'), valueOf(report, 'P50', 4, 'Jan'), valueOf(report, 'N', 4, 'Feb'), valueOf(report, 'P50', 4, 'Feb')]).toEqual([1, 11, 1, 22]);
}
