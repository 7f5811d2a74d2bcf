import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deskAgreement, runSla, temporaryFolder } from './run-cli.js';

/**
 * Exports as they come from the tools a service desk uses: Jira's CSV (`04/Dec/26 1:05 PM`) and a
 * file re-saved by a German Excel (semicolons, decimal commas, `04.12.2026 13:05`), declared with
 * `timestamp format …`, `separator` and `decimal`. The figures are worked out by hand, and must
 * equal those of the same tickets written in ISO-8601 with commas.
 */
const NOW = '2026-05-01T00:00:00Z';

function agreement(file: string, dataset: string): string {
    return deskAgreement(file, dataset, `        kpi Tickets "Tickets" = count(tickets)
        kpi Slowest "Longest time to resolve" = max(elapsed(tickets.created, tickets.resolved))
        kpi Cost "Cost of the fixes" = sum(tickets.cost)
        objective Tickets >= 1 per calendar month
        objective Slowest <= 4 hours per calendar month
        objective Cost <= 100 EUR per calendar month`);
}

/** Four tickets, Berlin time: the third across the change to summer time (29 March 2026, 02:00 → 03:00). */
const TICKETS = [
    { key: 'DESK-1', created: ['02/Mar/26 9:00 AM', '02.03.2026 09:00', '2026-03-02T09:00:00+01:00'], resolved: ['02/Mar/26 11:30 AM', '02.03.2026 11:30', '2026-03-02T11:30:00+01:00'], cost: ['1.5', '1,5'] },
    { key: 'DESK-2', created: ['03/Mar/26 4:00 PM', '03.03.2026 16:00', '2026-03-03T16:00:00+01:00'], resolved: ['03/Mar/26 5:00 PM', '03.03.2026 17:00', '2026-03-03T17:00:00+01:00'], cost: ['10', '10'] },
    { key: 'DESK-3', created: ['29/Mar/26 1:30 AM', '29.03.2026 01:30', '2026-03-29T01:30:00+01:00'], resolved: ['29/Mar/26 4:30 AM', '29.03.2026 04:30', '2026-03-29T04:30:00+02:00'], cost: ['0.25', '0,25'] },
    { key: 'DESK-4', created: ['01/Apr/26 12:15 PM', '01.04.2026 12:15', '2026-04-01T12:15:00+02:00'], resolved: ['01/Apr/26 12:45 PM', '01.04.2026 12:45', '2026-04-01T12:45:00+02:00'], cost: ['2', '2'] }
];

function evaluate(folder: string, name: string, content: string, dataset: string): Record<string, unknown> {
    fs.writeFileSync(path.join(folder, `${name}.csv`), content);
    const sla = path.join(folder, `${name}.sla`);
    fs.writeFileSync(sla, agreement(`${name}.csv`, dataset));
    const validation = runSla(['validate', sla]);
    expect(validation.code, validation.stdout + validation.stderr).toBe(0);
    const result = runSla(['evaluate', sla, '--format', 'json', '--now', NOW]);
    expect(result.code, result.stderr).toBeLessThanOrEqual(1);
    return JSON.parse(result.stdout) as Record<string, unknown>;
}

type Objective = { kpi: string; windows: { start: string; value: number | null }[] };
const values = (report: Record<string, unknown>) => (report.objectives as Objective[]).map((objective) => [objective.kpi, objective.windows.map((window) => window.value)]);

describe('exports in their own layouts', () => {
    test("Jira's CSV and a German Excel file give the hand-worked figures, those of the same tickets in ISO-8601", () => {
        const folder = temporaryFolder('export-layouts');
        const jira = evaluate(folder, 'jira', ['Issue key,Created,Resolved,Cost', ...TICKETS.map((t) => `${t.key},${t.created[0]},${t.resolved[0]},${t.cost[0]}`)].join('\n') + '\n', `        timezone "Europe/Berlin"
        key text column "Issue key"
        created timestamp format "DD/MMM/YY h:mm A" column "Created"
        resolved timestamp format "DD/MMM/YY h:mm A" column "Resolved"
        cost number in EUR column "Cost"`);
        const excel = evaluate(folder, 'excel', ['Schlüssel;Erstellt;Erledigt;Kosten', ...TICKETS.map((t) => `${t.key};${t.created[1]};${t.resolved[1]};${t.cost[1]}`)].join('\r\n') + '\r\n', `        separator ";"
        decimal ","
        timezone "Europe/Berlin"
        key text column "Schlüssel"
        created timestamp format "DD.MM.YYYY HH:mm" column "Erstellt"
        resolved timestamp format "DD.MM.YYYY HH:mm" column "Erledigt"
        cost number in EUR column "Kosten"`);
        const iso = evaluate(folder, 'iso', ['key,created,resolved,cost', ...TICKETS.map((t) => `${t.key},${t.created[2]},${t.resolved[2]},${t.cost[0]}`)].join('\n') + '\n', `        key text
        created timestamp
        resolved timestamp
        cost number in EUR`);
        // March: 3 tickets, the longest 2.5 h (DESK-3 took 2 h, not the 3 h its wall clock shows), 11.75 EUR; April: 1, 0.5 h, 2 EUR.
        const expected = [['Tickets', [3, 1]], ['Slowest', [2.5 * 3_600_000, 0.5 * 3_600_000]], ['Cost', [11.75, 2]]];
        expect(values(iso)).toEqual(expected);
        expect(values(jira)).toEqual(expected);
        expect(values(excel)).toEqual(expected);
    }, 60_000);

    test('a value the declared layout does not read stops the evaluation at its row and column, with the layout and an example', () => {
        const folder = temporaryFolder('export-layouts-error');
        fs.writeFileSync(path.join(folder, 'jira.csv'), `Issue key,Created,Resolved,Cost\nDESK-1,02/Mar/26 9:00 AM,02/Mar/26 11:30 AM,1\nDESK-2,2026-03-03 16:00,03/Mar/26 5:00 PM,1\n`);
        const sla = path.join(folder, 'jira.sla');
        fs.writeFileSync(sla, agreement('jira.csv', `        timezone "Europe/Berlin"
        key text column "Issue key"
        created timestamp format "DD/MMM/YY h:mm A" column "Created"
        resolved timestamp format "DD/MMM/YY h:mm A" column "Resolved"
        cost number in EUR column "Cost"`));
        const result = runSla(['evaluate', sla, '--now', NOW]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('jira.csv:3:2: error: invalid value "2026-03-03 16:00" for field created (timestamp) in column 2 (Created): expected a timestamp written as the field\'s format "DD/MMM/YY h:mm A" says, such as 01/Mar/26 9:30 AM');
    }, 60_000);
});
