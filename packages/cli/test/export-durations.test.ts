import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { deskAgreement, runSla, temporaryFolder } from './run-cli.js';

/**
 * Time spent as ticket tools and Excel write it, hours:minutes:seconds, read by `sla evaluate`
 * (the typed readers leave such cells to the general decoder): the figures are worked out by
 * hand, and equal those of the same tickets written in minutes.
 */
const NOW = '2026-05-01T00:00:00Z';

function agreement(file: string, unit: string): string {
    return deskAgreement(file, `        key text
        created timestamp
        spent duration ${unit}`, `        kpi Spent "Time spent on tickets" = sum(tickets.spent)
        kpi Longest "Longest time spent on one ticket" = max(tickets.spent)
        objective Spent <= 100 hours per calendar month
        objective Longest <= 24 hours per calendar month`);
}

test('time spent written hours:minutes:seconds gives the hand-worked sums, those of the same tickets in minutes', () => {
    const folder = temporaryFolder('export-durations');
    const tickets = [
        ['DESK-1', '2026-03-02T09:00:00Z', '1:30:00', '90'],
        ['DESK-2', '2026-03-03T16:00:00Z', '0:45:30', '45.5'],
        ['DESK-3', '2026-03-20T10:00:00Z', '26:00:00', '1560'],
        ['DESK-4', '2026-04-01T12:15:00Z', '0:00:30', '0.5']
    ];
    const evaluate = (name: string, column: number, unit: string) => {
        fs.writeFileSync(path.join(folder, `${name}.csv`), ['key,created,spent', ...tickets.map((t) => `${t[0]},${t[1]},${t[column]}`)].join('\n') + '\n');
        const sla = path.join(folder, `${name}.sla`);
        fs.writeFileSync(sla, agreement(`${name}.csv`, unit));
        const result = runSla(['evaluate', sla, '--format', 'json', '--now', NOW]);
        expect(result.code, result.stderr).toBeLessThanOrEqual(1);
        const report = JSON.parse(result.stdout) as { objectives: { kpi: string; windows: { value: number; status: string }[] }[] };
        return report.objectives.map((objective) => [objective.kpi, objective.windows.map((window) => [window.value, window.status])]);
    };
    // March: 1.5 h + 45.5 min + 26 h = 28 h 15.5 min = 101,730,000 ms (≤ 100 h: met), longest 26 h (> 24 h: breached); April: 30 s.
    const expected = [
        ['Spent', [[101_730_000, 'met'], [30_000, 'met']]],
        ['Longest', [[93_600_000, 'breached'], [30_000, 'met']]]
    ];
    expect(evaluate('clock', 2, 'ms')).toEqual(expected);
    expect(evaluate('minutes', 3, 'minutes')).toEqual(expected);
}, 60_000);
