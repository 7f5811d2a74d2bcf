import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/**
 * `sla evaluate --format csv`: one row per window of each objective, internal target and
 * credit, checked against the outcomes the examples' READMEs compute by hand, and against the
 * JSON report of the same evaluation.
 */
type Row = Record<string, string>;

/** The CSV text as rows by column name (RFC 4180: a quoted cell may hold commas, its quotes doubled; no cell here holds a line break). */
function rowsOf(text: string): Row[] {
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...lines] = text.slice(0, -2).split('\r\n');
    const columns = header!.split(',');
    return lines.map(line => {
        const cells = cellsOf(line);
        expect(cells).toHaveLength(columns.length);
        return Object.fromEntries(columns.map((column, index) => [column, cells[index]!]));
    });
}

function cellsOf(line: string): string[] {
    const cells: string[] = [];
    // Each turn reads one cell, quoted or not, up to the comma after it (or the end of the line).
    const cell = /"((?:[^"]|"")*)"|([^,"]*)/y;
    for (let at = 0; ; at++) {
        cell.lastIndex = at;
        const match = cell.exec(line)!;
        cells.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
        at = cell.lastIndex;
        if (at >= line.length) return cells;
        expect(line[at]).toBe(',');
    }
}

function evaluate(args: string[], format: 'csv' | 'json'): { code: number; stdout: string } {
    const result = runSla(['evaluate', ...args, '--from', '2026-01-01', '--to', '2026-03-31', '--format', format]);
    expect(result.stderr).toBe('');
    return result;
}

describe('one agreement: the managed-hosting example, January to March 2026', () => {
    const args = ['examples/managed-hosting/acme-hosting.sla'];
    const csv = evaluate(args, 'csv');
    const rows = rowsOf(csv.stdout);

    test('the exit code is the evaluation\'s: 1, a promise breached', () => {
        expect(csv.code).toBe(1);
    });

    test('February\'s availability: breached, 39,672 / 39,840 = 99.5783 % (README: 168 minutes down of 39,840 outside maintenance); the credit 10 % of 12,000 EUR', () => {
        const february = (kind: string) => rows.find(row => row.kind === kind && row.kpi === 'Availability' && row.service === 'WebShop' && row.start === '2026-02-01T00:00:00+01:00')!;
        expect(february('objective')).toMatchObject({ status: 'breached', unit: 'ratio', comparison: '>=', target: '0.999', partial: 'false' });
        expect(Number(february('objective').value)).toBeCloseTo(39_672 / 39_840, 12);
        expect(Number(february('objective').margin)).toBeCloseTo(39_672 / 39_840 - 0.999, 12);
        expect(february('credit')).toMatchObject({ tier: '1', tierLabel: 'below 99.9%', currency: 'EUR', fee: '12000', amount: '1200', provisional: 'false', status: '' });
    });

    test('a row for every window the JSON report lists, with the same values', () => {
        const json = JSON.parse(evaluate(args, 'json').stdout) as {
            objectives: Array<{ kpi: string; windows: Array<{ start: string; value: number | null; status: string }> }>;
            internalTargets: Array<{ windows: unknown[] }>;
            credits: Array<{ windows: Array<{ amount: number }> }>;
        };
        const count = (list: Array<{ windows: unknown[] }>) => list.reduce((sum, entry) => sum + entry.windows.length, 0);
        expect(rows.filter(row => row.kind === 'objective')).toHaveLength(count(json.objectives));
        expect(rows.filter(row => row.kind === 'internal target')).toHaveLength(count(json.internalTargets));
        expect(rows.filter(row => row.kind === 'credit')).toHaveLength(count(json.credits));
        const objectiveRows = rows.filter(row => row.kind === 'objective');
        json.objectives.flatMap(objective => objective.windows).forEach((window, index) => {
            expect(objectiveRows[index]!.start).toBe(window.start);
            expect(objectiveRows[index]!.status).toBe(window.status);
            expect(objectiveRows[index]!.value).toBe(window.value === null ? '' : String(window.value));
        });
    });

    test('--out writes the same text to a file', () => {
        const folder = temporaryFolder('csv-out');
        const file = path.join(folder, 'report.csv');
        const result = runSla(['evaluate', ...args, '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'csv', '--out', file]);
        expect(result.code).toBe(1);
        expect(fs.readFileSync(file, 'utf8')).toBe(csv.stdout);
    });
});

describe('a portfolio: the twelve clients of examples/portfolio, January to March 2026', () => {
    const rows = rowsOf(evaluate(['examples/portfolio'], 'csv').stdout);

    test('the credits the README computes by hand, and no other amount', () => {
        const owed = rows.filter(row => row.kind === 'credit' && Number(row.amount) > 0)
            .map(row => `${row.agreement} ${row.start.slice(0, 7)} ${row.amount} ${row.currency}`).sort();
        expect(owed).toEqual([
            'CohoMail 2026-02 7500 JPY',
            'FabrikamHosting 2026-02 500 EUR',
            'MargieMail 2026-03 60 USD',
            'NorthwindHosting 2026-01 400 EUR',
            'TailspinHosting 2026-03 200000 JPY',
            'WingtipHosting 2026-01 600 EUR'
        ]);
        // The customer named on each row: Tailspin's party title.
        expect(rows.find(row => row.agreement === 'TailspinHosting')!.customer).toBe('Tailspin Toys Japan K.K.');
        expect(rows.filter(row => row.kind === 'credit').every(row => row.provisional === 'false')).toBe(true);
    });

    test('Litware\'s added mail service, breached in February at 99.2560 %; Lucerne\'s internal target missed in March', () => {
        const mail = rows.find(row => row.agreement === 'LitwareHosting' && row.kind === 'objective' && row.kpi === 'MailAvailability' && row.start.startsWith('2026-02'))!;
        expect(mail.status).toBe('breached');
        expect(Number(mail.value)).toBeCloseTo(40_020 / 40_320, 10);
        const internal = rows.find(row => row.agreement === 'LucerneHosting' && row.kind === 'internal target' && row.start.startsWith('2026-03'))!;
        expect(internal).toMatchObject({ status: 'breached', target: '0.9995' });
        expect(Number(internal.value)).toBeCloseTo(44_550 / 44_580, 10);
    });

    test('every client has rows, each with its customer', () => {
        const windows = rows.filter(row => row.kind !== 'note');
        expect(new Set(windows.map(row => row.agreement)).size).toBe(12);
        expect(new Set(windows.map(row => row.customer)).size).toBe(12);
    });
});

/**
 * What the other formats say in notes is in the CSV too, as rows of kind `note` with the text in
 * the last column, `note`: a billing import that reads the credits sees the same rows as before.
 */
describe('notes: nothing the report says is dropped from the CSV', () => {
    /** `sla init`'s starter with February's two 503 statuses (data lines 119 and 163) typed "5O3". */
    function starterWithTypos(): string {
        const folder = path.join(temporaryFolder('csv-notes'), 'proj');
        expect(runSla(['init', folder]).code).toBe(0);
        const data = path.join(folder, 'data', 'requests.csv');
        const lines = fs.readFileSync(data, 'utf8').split('\n');
        // Line 1 is the header, January's 100 rows lines 2–101, February's rows 17 and 61 (0-based) lines 119 and 163.
        for (const line of [119, 163]) {
            expect(lines[line - 1]).toMatch(/^2026-02-[^,]*,503,/);
            lines[line - 1] = lines[line - 1]!.replace(',503,', ',5O3,');
        }
        fs.writeFileSync(data, lines.join('\n'));
        return folder;
    }

    test('rows skipped with --skip-invalid: counted and listed, as the table lists them', () => {
        const folder = starterWithTypos();
        const result = runSla(['evaluate', path.join(folder, 'agreement.sla'), '--format', 'csv', '--skip-invalid']);
        expect(result.stderr).toBe('');
        const rows = rowsOf(result.stdout);
        // February is measured on the 98 rows kept: 98/98 = 100 %, met, no credit (with the two rows read, 98/100 = 98 % < 99 % would owe 10 % × 1,000 = 100 EUR) ...
        const february = rows.find(row => row.kind === 'credit' && row.start === '2026-02-01T00:00:00+00:00')!;
        expect([february.value, february.amount]).toEqual(['1', '0']);
        // ... and the CSV says why, after the windows.
        const notes = rows.filter(row => row.kind === 'note');
        expect(notes.map(row => row.note)).toEqual([
            "2 invalid row(s) of dataset 'requests' were skipped (--skip-invalid); the first ones are listed.",
            ...[119, 163].map(line => `invalid row of dataset 'requests' skipped: ${path.join(folder, 'data', 'requests.csv')}:${line}:2: invalid value "5O3" for field status (integer) in column 2 (status): expected an integer`)
        ]);
        expect(notes.every(row => row.agreement === 'Starter' && row.customer === 'Your customer' && row.amount === '' && row.status === '')).toBe(true);
        expect(rows.slice(-3)).toEqual(notes);
    });

    test('a portfolio: an agreement not yet in force is named in a note row, last, with no agreement of its own', () => {
        const folder = path.join(temporaryFolder('csv-notes-portfolio'), 'clients');
        expect(runSla(['init', folder]).code).toBe(0);
        // A renewal signed early: the starter again, valid from 2027.
        const renewal = fs.readFileSync(path.join(folder, 'agreement.sla'), 'utf8')
            .replace('agreement Starter ', 'agreement Renewal ')
            .replace('valid from 2026-01-01 to 2026-03-31', 'valid from 2027-01-01 to 2027-12-31')
            .replace('complete to 2026-03-31', 'complete to 2027-12-31');
        fs.writeFileSync(path.join(folder, 'renewal.sla'), renewal);
        const result = runSla(['evaluate', folder, '--format', 'csv', '--now', '2026-04-15T00:00:00Z']);
        expect(result.stderr).toBe('');
        const rows = rowsOf(result.stdout);
        expect(rows.filter(row => row.agreement === 'Renewal')).toEqual([]);
        expect(rows.at(-1)).toMatchObject({ agreement: '', customer: '', kind: 'note', note: 'Not yet in force on 2026-04-15T00:00:00+00:00, so not evaluated: Renewal (valid from 2027-01-01).' });
    });
});
