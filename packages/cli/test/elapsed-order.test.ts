import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/**
 * `sla evaluate` on tickets resolved before they were opened (docs/language-reference.md § 8.6):
 * an invalid row, located at its resolution cell, never a negative duration counted as a fast one.
 * UTC; hours Monday–Friday 08:00–18:00; March 2026 (the 2nd is a Monday).
 */
const HOUR = 3_600_000;

function desk(members: string, extraFields = ''): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    calendar Hours "Office hours" {
        monday to friday 08:00 to 18:00
    }

    dataset tickets "Tickets" from "t.csv" {
        opened   timestamp
        resolved timestamp optional${extraFields}
    }

    service S "Desk" {
${members}
    }
}
`;
}

const PERCENTILES = `        kpi P50 "Median" = percentile(50, elapsed(tickets.opened, tickets.resolved) wall-clock)
        kpi P50b "Median in office hours" = percentile(50, elapsed(tickets.opened, tickets.resolved) during Hours)
        kpi Within "Within an office hour" = share(tickets where elapsed(opened, resolved) during Hours <= 1 hours of tickets)
        objective P50 <= 1 hours per calendar month
        objective P50b <= 1 hours per calendar month
        objective Within >= 90% per calendar month`;

// line 2: Mon 09:00 → 08:00 (−1 h); line 3: Tue 09:00 → Mon 10:00 (−23 h); line 4: Wed 09:00 → 12:00 (3 h).
const TICKETS = `opened,resolved
2026-03-02T09:00:00Z,2026-03-02T08:00:00Z
2026-03-03T09:00:00Z,2026-03-02T10:00:00Z
2026-03-04T09:00:00Z,2026-03-04T12:00:00Z
`;

function folderWith(sla: string, csv: string): string {
    const folder = temporaryFolder('elapsed-order');
    fs.writeFileSync(path.join(folder, 'a.sla'), sla);
    fs.writeFileSync(path.join(folder, 't.csv'), csv);
    return folder;
}

interface JsonReport {
    datasets: Array<{ rows: number; rejected: number; rejectedSamples: Array<{ line: number; column: number; field: string }> }>;
    objectives: Array<{ kpi: string; windows: Array<{ value: number | null; status: string; items?: { judged: number; passed: number; failed: number } }> }>;
}

function report(folder: string): JsonReport {
    const result = runSla(['evaluate', 'a.sla', '--to', '2026-03-31', '--skip-invalid', '--format', 'json'], { cwd: folder });
    expect(result.code, result.stderr).toBe(1); // a promise breached
    return JSON.parse(result.stdout) as JsonReport;
}

const march = (json: JsonReport, kpi: string) => json.objectives.find((objective) => objective.kpi === kpi)!.windows[0]!;

describe('sla evaluate: a ticket resolved before it was opened', () => {
    test('stops at the resolution cell of its line (2:2), naming both values, and says how to go on', () => {
        const result = runSla(['evaluate', 'a.sla', '--to', '2026-03-31'], { cwd: folderWith(desk(PERCENTILES), TICKETS) });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('t.csv:2:2: error: invalid row: resolved 2026-03-02T08:00:00+00:00 in column 2 (resolved) is before opened 2026-03-02T09:00:00+00:00 in column 1 (opened): elapsed(opened, resolved) cannot be negative; correct the row');
        expect(result.stderr).toContain('pass --skip-invalid to skip invalid rows');
    });

    test('with --skip-invalid: 2 rows rejected, the median is the remaining ticket\'s 3 h (breached), none within an office hour', () => {
        const json = report(folderWith(desk(PERCENTILES), TICKETS));
        expect(json.datasets[0]).toMatchObject({ rows: 1, rejected: 2 });
        expect(json.datasets[0]!.rejectedSamples.map(({ line, column, field }) => ({ line, column, field }))).toEqual([
            { line: 2, column: 2, field: 'resolved' },
            { line: 3, column: 2, field: 'resolved' }
        ]);
        // Wed 09:00 → 12:00: 3 h wall-clock and 3 h of office hours; the median of one value is that value; 3 h > 1 h.
        // (Counted, −23 h, −1 h, 3 h gave a median of −1 h: met, margin +2 h.)
        expect(march(json, 'P50')).toMatchObject({ value: 3 * HOUR, status: 'breached' });
        expect(march(json, 'P50b')).toMatchObject({ value: 3 * HOUR, status: 'breached' });
        // 0 of 1 within an hour (counted, the two rows out of order made it 2 of 3).
        expect(march(json, 'Within')).toMatchObject({ value: 0, status: 'breached' });
    });

    test('`objective each`: the ticket out of order is not an item that passes', () => {
        const members = `        kpi Res "Resolution" = elapsed(tickets.opened, tickets.resolved) during Hours
        objective each tickets by id where priority = "P1": Res <= 4 hours per calendar month
        objective each tickets by id where priority = "P1": Res <= 2 hours per calendar month`;
        const csv = `opened,resolved,id,priority
2026-03-02T09:00:00Z,2026-03-02T08:00:00Z,neg,P1
2026-03-04T09:00:00Z,2026-03-04T12:00:00Z,ok,P1
`;
        const folder = folderWith(desk(members, '\n        id       text\n        priority one of "P1", "P2"'), csv);
        const stopped = runSla(['evaluate', 'a.sla', '--to', '2026-03-31'], { cwd: folder });
        expect(stopped.code).toBe(2);
        expect(stopped.stderr).toContain('t.csv:2:2: error: invalid row: resolved');
        const json = report(folder);
        expect(json.datasets[0]).toMatchObject({ rows: 1, rejected: 1 });
        // One item left, "ok": 3 office hours, within 4 h, not within 2 h ("neg" passed both before, at −1 h).
        expect(json.objectives[0]!.windows[0]!.items).toMatchObject({ judged: 1, passed: 1, failed: 0 });
        expect(json.objectives[1]!.windows[0]!.items).toMatchObject({ judged: 1, passed: 0, failed: 1 });
    });

    test('a ticket resolved at the instant it was opened took 0, and is valid', () => {
        // line 2: 09:00 → 09:00 (0); line 3: −23 h (rejected); line 4: 3 h. The median (nearest rank) of 0 and 3 h is 0.
        const csv = `opened,resolved
2026-03-02T09:00:00Z,2026-03-02T09:00:00Z
2026-03-03T09:00:00Z,2026-03-02T10:00:00Z
2026-03-04T09:00:00Z,2026-03-04T12:00:00Z
`;
        const json = report(folderWith(desk(PERCENTILES), csv));
        expect(json.datasets[0]).toMatchObject({ rows: 2, rejected: 1 });
        expect(json.datasets[0]!.rejectedSamples.map((sample) => sample.line)).toEqual([3]);
        expect(march(json, 'P50')).toMatchObject({ value: 0, status: 'met' });
        // Within an office hour: line 2 (0) of lines 2 and 4: 50 %.
        expect(march(json, 'Within')).toMatchObject({ value: 0.5, status: 'breached' });
    });
});
