import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/**
 * `sla evaluate`, `validate` and `explain` on a dataset with `one row per id` (docs/language-reference.md
 * § 6): a ticket exported twice is an invalid row located at its key, never counted twice.
 * March 2026 (UTC): T-1 resolved in 2 h, T-2 in 6 h (late), T-3 in 1 h, T-4 in 3 h, then T-2 again
 * (line 6). By hand: 3 of 4 tickets within 4 hours = 75 % (met); counted twice, 3 of 5 = 60 % (breached).
 */
function desk(key: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-03-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    dataset tickets "Tickets" from "t.csv" {${key}
        id       text
        opened   timestamp
        resolved timestamp
    }

    kpi InTime "Resolved within 4 hours" = share(tickets where elapsed(opened, resolved) wall-clock <= 4 hours of tickets)
    objective InTime >= 75% per calendar month
}
`;
}

const TICKETS = `id,opened,resolved
T-1,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z
T-2,2026-03-03T09:00:00Z,2026-03-03T15:00:00Z
T-3,2026-03-04T09:00:00Z,2026-03-04T10:00:00Z
T-4,2026-03-05T09:00:00Z,2026-03-05T12:00:00Z
T-2,2026-03-03T09:00:00Z,2026-03-03T15:00:00Z
`;

function folderWith(sla: string): string {
    const folder = temporaryFolder('row-keys');
    fs.writeFileSync(path.join(folder, 'a.sla'), sla);
    fs.writeFileSync(path.join(folder, 't.csv'), TICKETS);
    return folder;
}

interface JsonReport {
    datasets: Array<{ rows: number; rejected: number; rejectedSamples: Array<{ line: number; column: number; field: string; value: string }> }>;
    objectives: Array<{ windows: Array<{ value: number | null; status: string }> }>;
}

describe('sla evaluate: one row per id', () => {
    test('stops at the second T-2 (6:1), naming the first one\'s line and the declaration', () => {
        const folder = folderWith(desk('\n        one row per id'));
        const result = runSla(['evaluate', 'a.sla'], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(`t.csv:6:1: error: invalid row: id "T-2" in column 1 (id) is already the key of line 3: the dataset tickets has one row per id (declared at a.sla:8), so this row would count the same item twice; remove one of the two rows`);
        expect(result.stderr).toContain('pass --skip-invalid to skip invalid rows');
    });

    test('with --skip-invalid: the first T-2 kept, the second listed; 3 of 4 in time, met', () => {
        const result = runSla(['evaluate', 'a.sla', '--skip-invalid', '--format', 'json'], { cwd: folderWith(desk('\n        one row per id')) });
        expect(result.code, result.stderr).toBe(0);
        const json = JSON.parse(result.stdout) as JsonReport;
        expect(json.datasets[0]).toMatchObject({ rows: 4, rejected: 1 });
        expect(json.datasets[0]!.rejectedSamples.map(({ line, column, field, value }) => ({ line, column, field, value }))).toEqual([{ line: 6, column: 1, field: 'id', value: 'T-2' }]);
        expect(json.objectives[0]!.windows[0]).toMatchObject({ value: 0.75, status: 'met' });
    });

    test('without the key the same export counts T-2 twice: 3 of 5, breached', () => {
        const result = runSla(['evaluate', 'a.sla', '--format', 'json'], { cwd: folderWith(desk('')) });
        expect(result.code, result.stderr).toBe(1);
        expect((JSON.parse(result.stdout) as JsonReport).objectives[0]!.windows[0]).toMatchObject({ value: 0.6, status: 'breached' });
    });
});

describe('sla evaluate: one row per id, latest by updated', () => {
    // A history export: T-2 first resolved in 6 h (updated 3 March 16:00), corrected to 3 h on 4 March (line 6).
    const HISTORY = `id,opened,resolved,updated
T-1,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z,2026-03-02T11:00:00Z
T-2,2026-03-03T09:00:00Z,2026-03-03T15:00:00Z,2026-03-03T16:00:00Z
T-3,2026-03-04T09:00:00Z,2026-03-04T10:00:00Z,2026-03-04T10:00:00Z
T-4,2026-03-05T09:00:00Z,2026-03-05T12:00:00Z,2026-03-05T12:00:00Z
T-2,2026-03-03T09:00:00Z,2026-03-03T12:00:00Z,2026-03-04T08:00:00Z
`;
    const sla = desk('\n        one row per id, latest by updated').replace('        resolved timestamp\n', '        resolved timestamp\n        updated  timestamp\n');

    test('counts the corrected T-2: 4 of 4 in time; one row superseded, in the JSON and a note', () => {
        const folder = folderWith(sla);
        fs.writeFileSync(path.join(folder, 't.csv'), HISTORY);
        const json = runSla(['evaluate', 'a.sla', '--format', 'json'], { cwd: folder });
        expect(json.code, json.stderr).toBe(0);
        const report = JSON.parse(json.stdout) as JsonReport & { datasets: Array<{ superseded?: number }>; notes: string[] };
        expect(report.datasets[0]).toMatchObject({ rows: 4, rejected: 0, superseded: 1 });
        expect(report.objectives[0]!.windows[0]).toMatchObject({ value: 1, status: 'met' });
        const table = runSla(['evaluate', 'a.sla'], { cwd: folder });
        expect(table.stdout).toContain("1 row(s) of dataset 'tickets' were superseded by a later version of the same id (one row per id, latest by updated): only the latest row of each id is counted.");
        expect(runSla(['schema', 'report', '--strict'], { cwd: folder }).stdout).toContain('"superseded"');
    });
});

describe('sla validate and explain: one row per', () => {
    test('an optional key field is sla/row-key at the key', () => {
        const sla = desk('\n        one row per id, resolved').replace('resolved timestamp\n', 'resolved timestamp optional\n');
        const result = runSla(['validate', 'a.sla'], { cwd: folderWith(sla) });
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(`a.sla:9:25: error: The rows of 'tickets' are told apart by 'resolved', but it is optional: a row without it could not be told apart from another. Make 'resolved' required, or name fields every row has. [sla/row-key]`);
    });

    test('explain says what the key promises of the data', () => {
        const result = runSla(['explain', 'a.sla'], { cwd: folderWith(desk('\n        one row per id')) });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('One row per id: a row with the same id as an earlier row is invalid (the same item counted twice)');
    });
});
