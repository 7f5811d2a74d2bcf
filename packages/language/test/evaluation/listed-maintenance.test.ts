import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Maintenance periods listed in a change log, counted only when announced 48 hours ahead
 * ("Scheduled Maintenance means maintenance announced at least 48 hours in advance").
 * UTC; the evaluation covers March 2026 (31 days = 44,640 min).
 *
 * The change log (line numbers as in the file, the header is line 1):
 *   line 2: maintenance 8 March 02:00–04:00, announced 1 March 09:00 (6 d 17 h ahead): counts, 120 min;
 *   line 3: maintenance 15 March 02:00–03:00, announced 14 March 06:00 (20 h ahead): late, not maintenance;
 *   line 4: emergency change 20 March 10:00–11:00: not maintenance (the filter);
 *   line 5: maintenance 22 March 01:00–02:00, announced 20 March 01:00 (exactly 48 h): counts, 60 min;
 *   line 6: maintenance 5 April: outside the evaluation period.
 * Eligible time: 44,640 − 120 − 60 = 44,460 min.
 * Downtime: 8 March 02:30–03:30 is inside counted maintenance (0); 15 March 02:00–03:00 is in a late
 * period: 60 min; 20 March 10:00–10:30 (emergency): 30 min; 22 March 01:30–02:30: 30 min outside the
 * counted period. 120 min. Uptime = 44,340 / 44,460.
 */
const CHANGES = `kind,start,end,announced
maintenance,2026-03-08T02:00:00Z,2026-03-08T04:00:00Z,2026-03-01T09:00:00Z
maintenance,2026-03-15T02:00:00Z,2026-03-15T03:00:00Z,2026-03-14T06:00:00Z
emergency,2026-03-20T10:00:00Z,2026-03-20T11:00:00Z,2026-03-20T09:30:00Z
maintenance,2026-03-22T01:00:00Z,2026-03-22T02:00:00Z,2026-03-20T01:00:00Z
maintenance,2026-04-05T02:00:00Z,2026-04-05T03:00:00Z,2026-03-25T00:00:00Z
`;

const INCIDENTS = `started,resolved
2026-03-08T02:30:00Z,2026-03-08T03:30:00Z
2026-03-15T02:00:00Z,2026-03-15T03:00:00Z
2026-03-20T10:00:00Z,2026-03-20T10:30:00Z
2026-03-22T01:30:00Z,2026-03-22T02:30:00Z
`;

const agreement = (periods: string, uptime = 'excluding Changes') => `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset changes "Change log" from "changes.csv" {
        kind one of "maintenance", "emergency"
        start timestamp
        end timestamp
        announced timestamp optional
    }

    maintenance Changes "Scheduled maintenance, announced 48 hours ahead" {
        ${periods}
        notice 48 hours
    }

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved) ${uptime}
    objective Availability >= 99.9% per calendar month
}
`;

const ANNOUNCED = 'periods(changes where kind = "maintenance", from start to end, announced at announced)';
const options = { from: '2026-03-01', to: '2026-03-31' };
const evaluate = (periods: string, changes = CHANGES, more: Parameters<typeof evaluateFixture>[1] = {}, uptime?: string) =>
    evaluateFixture({ 'hosting.sla': agreement(periods, uptime), 'changes.csv': changes, 'incidents.csv': INCIDENTS }, { ...options, ...more });

describe('maintenance periods listed in a dataset', async () => {
    const report = await evaluate(ANNOUNCED);

    it('a period counts only when announced at least the notice ahead: the late one is ordinary time, downtime in it included', () => {
        expect(report.objectives[0]!.windows.map(w => w.value)).toEqual([44_340 / 44_460]);
        expect(report.objectives[0]!.windows[0]!.status).toBe('breached');
    });

    it('the report says what was read, which periods counted and which were announced too late', () => {
        expect(report.listedMaintenance).toEqual([{
            maintenance: 'Changes', dataset: 'changes', path: expect.stringMatching(/changes\.csv$/),
            // four maintenance rows (the emergency change is filtered out), three in March, two of them counted
            rows: 4, rejected: 0, rejectedSamples: [], periods: 3, counted: 2, notice: '48 hours',
            lateNotice: [{ line: 3, start: '2026-03-15T02:00:00+00:00', end: '2026-03-15T03:00:00+00:00', announced: '2026-03-14T06:00:00+00:00', ahead: '20 h' }]
        }]);
        expect(report.notes.join('\n')).toContain(`Maintenance Changes: 1 of the 3 period(s) listed in 'changes' were announced less than the notice of 48 hours ahead and are not maintenance`);
        const table = renderTable(report, { color: false });
        expect(table).toMatch(/2026-03-15T02:00:00\+00:00 to 2026-03-15T03:00:00\+00:00 \(\S*changes\.csv:3, announced 20 h ahead\)/);
        expect(table).toMatch(/Maintenance listed in data\n.*\n.*\nChanges +changes +4 +3 +2 +1 +48 hours +0 +\S*changes\.csv/);
    });

    it('without announcement times every listed period counts (the validator warns that the notice is unchecked)', async () => {
        // Eligible: 44,640 − 120 − 60 − 60 = 44,400 min; downtime: 20 March 30 min + 22 March 30 min = 60 min.
        const unchecked = await evaluate('periods(changes where kind = "maintenance", from start to end)');
        expect(unchecked.objectives[0]!.windows.map(w => w.value)).toEqual([44_340 / 44_400]);
        expect(unchecked.listedMaintenance![0]).toMatchObject({ periods: 3, counted: 3, lateNotice: [] });
        expect(unchecked.listedMaintenance![0]!.notice).toBeUndefined();
    });

    it('a period with no announcement time was never announced: not maintenance', async () => {
        // Line 2 loses its announcement: only 22 March counts. Eligible 44,640 − 60 = 44,580;
        // downtime 8 March 60 + 15 March 60 + 20 March 30 + 22 March 30 = 180 min.
        const changes = CHANGES.replace('2026-03-08T04:00:00Z,2026-03-01T09:00:00Z', '2026-03-08T04:00:00Z,');
        const unannounced = await evaluate(ANNOUNCED, changes);
        expect(unannounced.objectives[0]!.windows.map(w => w.value)).toEqual([44_400 / 44_580]);
        expect(unannounced.listedMaintenance![0]!.lateNotice.map(late => [late.line, late.announced, late.ahead])).toEqual([[2, null, null], [3, '2026-03-14T06:00:00+00:00', '20 h']]);
        expect(unannounced.notes.join('\n')).toContain('changes.csv:2, never announced)');
    });

    it('a period announced after it started says so', async () => {
        const changes = CHANGES.replace('2026-03-15T03:00:00Z,2026-03-14T06:00:00Z', '2026-03-15T03:00:00Z,2026-03-15T02:30:00Z');
        const after = await evaluate(ANNOUNCED, changes);
        expect(after.listedMaintenance![0]!.lateNotice[0]).toMatchObject({ line: 3, ahead: '-30 min' });
        expect(after.notes.join('\n')).toContain('changes.csv:3, announced 30 min after it started)');
    });

    it('counted as available instead of excluded, a counted period stays eligible time and no outage in it is downtime', async () => {
        // Eligible: all 44,640 min; downtime 15 March 60 + 20 March 30 + 22 March 30 (outside 01:00–02:00) = 120 min.
        const available = await evaluate(ANNOUNCED, CHANGES, {}, 'counting Changes as available');
        expect(available.objectives[0]!.windows.map(w => w.value)).toEqual([44_520 / 44_640]);
    });

    it('a period that ends before it starts stops the evaluation at its line, or is skipped and listed with --skip-invalid', async () => {
        const changes = CHANGES.replace('maintenance,2026-03-22T01:00:00Z,2026-03-22T02:00:00Z', 'maintenance,2026-03-22T03:00:00Z,2026-03-22T02:00:00Z');
        await expect(evaluate(ANNOUNCED, changes)).rejects.toThrow(/changes\.csv:5: the maintenance period of 'Changes' ends \(end\) before it starts \(start\)/);
        const skipped = await evaluate(ANNOUNCED, changes, { skipInvalid: true });
        // Only 8 March counts: eligible 44,640 − 120 = 44,520; downtime 60 + 30 + 60 (22 March 01:30–02:30) = 150 min.
        expect(skipped.objectives[0]!.windows.map(w => w.value)).toEqual([44_370 / 44_520]);
        expect(skipped.listedMaintenance![0]).toMatchObject({ rows: 3, rejected: 1, periods: 2, counted: 1 });
        expect(skipped.listedMaintenance![0]!.rejectedSamples[0]).toMatchObject({ line: 5, field: 'end' });
        expect(skipped.notes.join('\n')).toContain(`1 invalid row(s) of dataset 'changes' listing periods of maintenance Changes were skipped`);
    });

    it('--data replaces the change log as it replaces any dataset', async () => {
        const { mkdtempSync, writeFileSync } = await import('node:fs');
        const { join } = await import('node:path');
        const { tmpdir } = await import('node:os');
        const folder = mkdtempSync(join(tmpdir(), 'sla-changes-'));
        // An empty log: nothing is maintenance. Downtime 60 + 60 + 30 + 60 = 210 min of 44,640.
        writeFileSync(join(folder, 'other.csv'), 'kind,start,end,announced\nmaintenance,2026-06-01T00:00:00Z,2026-06-01T01:00:00Z,2026-05-01T00:00:00Z\n');
        const replaced = await evaluate(ANNOUNCED, CHANGES, { dataOverrides: { changes: join(folder, 'other.csv') } });
        expect(replaced.objectives[0]!.windows.map(w => w.value)).toEqual([44_430 / 44_640]);
        expect(replaced.listedMaintenance![0]).toMatchObject({ rows: 1, periods: 0, counted: 0 });
    });
});
