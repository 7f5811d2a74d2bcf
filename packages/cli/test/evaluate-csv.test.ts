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

/** The CSV text as rows by column name; these examples have no cell needing quotes (a quoted cell fails the test). */
function rowsOf(text: string): Row[] {
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...lines] = text.slice(0, -2).split('\r\n');
    const columns = header!.split(',');
    return lines.map(line => {
        expect(line).not.toContain('"');
        const cells = line.split(',');
        expect(cells).toHaveLength(columns.length);
        return Object.fromEntries(columns.map((column, index) => [column, cells[index]!]));
    });
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
        expect(new Set(rows.map(row => row.agreement)).size).toBe(12);
        expect(new Set(rows.map(row => row.customer)).size).toBe(12);
    });
});
