import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deskAgreement, runSla, temporaryFolder } from './run-cli.js';

/**
 * Exports in the encodings Excel saves them in: plain "CSV" in Windows-1252, "Unicode Text" in
 * UTF-16 with tabs, declared with `encoding …`. A filter on a customer written with an umlaut
 * is what a misread encoding breaks silently (it would match no row): the figures, worked out by
 * hand, must be those of the same tickets in UTF-8.
 */
const NOW = '2026-05-01T00:00:00Z';

function agreement(file: string, dialect: string): string {
    return deskAgreement(file, `${dialect}
        key text column "Schlüssel"
        customer text column "Kunde"
        created timestamp column "Erstellt"`, `        kpi Tickets "Tickets" = count(tickets)
        kpi Mueller "Tickets of Müller GmbH" = count(tickets where tickets.customer = "Müller GmbH")
        objective Tickets >= 1 per calendar month
        objective Mueller >= 1 per calendar month`);
}

/** Three tickets in March, one in April; Müller GmbH has two in March, none in April. */
const ROWS = [
    ['Schlüssel', 'Kunde', 'Erstellt'],
    ['DESK-1', 'Müller GmbH', '2026-03-02T09:00:00+01:00'],
    ['DESK-2', 'Café Crème – Köln', '2026-03-03T16:00:00+01:00'],
    ['DESK-3', 'Müller GmbH', '2026-03-29T04:30:00+02:00'],
    ['DESK-4', 'Straße „Nord“ €', '2026-04-01T12:15:00+02:00']
];

/** Windows-1252 bytes: Latin-1 letters as themselves, and the few characters of 0x80–0x9F used above. */
function cp1252(text: string): Buffer {
    const high: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, '–': 0x96 };
    return Buffer.from([...text].map((c) => high[c] ?? c.codePointAt(0)!));
}

function write(folder: string, name: string, content: Buffer, dialect: string): string {
    fs.writeFileSync(path.join(folder, `${name}.csv`), content);
    const sla = path.join(folder, `${name}.sla`);
    fs.writeFileSync(sla, agreement(`${name}.csv`, dialect));
    return sla;
}

function evaluate(sla: string): Record<string, unknown> {
    const validation = runSla(['validate', sla]);
    expect(validation.code, validation.stdout + validation.stderr).toBe(0);
    const result = runSla(['evaluate', sla, '--format', 'json', '--now', NOW]);
    expect(result.code, result.stderr).toBeLessThanOrEqual(1);
    return JSON.parse(result.stdout) as Record<string, unknown>;
}

type Objective = { kpi: string; windows: { value: number | null }[] };
const values = (report: Record<string, unknown>) => (report.objectives as Objective[]).map((objective) => [objective.kpi, objective.windows.map((window) => window.value)]);

describe('exports in Windows-1252 and UTF-16', () => {
    test('give the hand-worked figures, those of the same tickets in UTF-8', () => {
        const folder = temporaryFolder('export-encodings');
        const lines = (separator: string) => ROWS.map((row) => row.join(separator)).join('\r\n') + '\r\n';
        const utf8 = evaluate(write(folder, 'utf8', Buffer.from(lines(';')), '        separator ";"'));
        const ansi = evaluate(write(folder, 'ansi', cp1252(lines(';')), '        separator ";"\n        encoding "windows-1252"'));
        const unicode = evaluate(write(folder, 'unicode', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines('\t'), 'utf16le')]), '        separator "\\t"\n        encoding "utf-16"'));
        const expected = [['Tickets', [3, 1]], ['Mueller', [2, 0]]];
        expect(values(utf8)).toEqual(expected);
        expect(values(ansi)).toEqual(expected);
        expect(values(unicode)).toEqual(expected);
    }, 60_000);

    test('undeclared, the file is refused with what to declare; declared, --engine duckdb says to use the built-in engine', () => {
        const folder = temporaryFolder('export-encodings-errors');
        const undeclared = write(folder, 'undeclared', cp1252(ROWS.map((row) => row.join(';')).join('\n') + '\n'), '        separator ";"');
        const validation = runSla(['validate', undeclared]);
        expect(validation.code).toBe(1);
        expect(validation.stdout).toContain('declare encoding "windows-1252" in the dataset if the file is saved so, or save it as UTF-8');
        const declared = write(folder, 'declared', cp1252(ROWS.map((row) => row.join(';')).join('\n') + '\n'), '        separator ";"\n        encoding "windows-1252"');
        const duckdb = runSla(['evaluate', declared, '--engine', 'duckdb', '--now', NOW]);
        expect(duckdb.code).toBe(2);
        expect(duckdb.stderr).toContain('is declared encoding "windows-1252", and DuckDB reads CSV files as UTF-8 here: evaluate it with the built-in engine (without --engine duckdb), or save the file as UTF-8');
    }, 60_000);
});
