// The Excel example evaluates to the outcomes its README computes by hand; a variant without
// Baden-Württemberg's holidays shows what Epiphany decides, and the same tickets written as a
// plain CSV file (commas, decimal points, ISO-8601 timestamps) give the same figures.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '@sla/engine';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'excel-export');
const SLA = fs.readFileSync(path.join(folder, 'schwaben-desk.sla'), 'utf8');
const TICKETS = fs.readFileSync(path.join(folder, 'data', 'tickets.csv'), 'utf8');
const NOW = Date.parse('2026-04-15T00:00:00Z');

/** Evaluates the agreement text with `tickets` as its data file. */
async function evaluate(text: string, tickets = TICKETS): Promise<Report> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-excel-'));
    fs.mkdirSync(path.join(copy, 'data'));
    fs.writeFileSync(path.join(copy, 'data', 'tickets.csv'), tickets);
    fs.writeFileSync(path.join(copy, 'schwaben-desk.sla'), text);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, 'schwaben-desk.sla')]);
        const problems = (documents[0]!.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        expect(problems.map(d => d.message)).toEqual([]);
        return await evaluateDocument(documents[0]!, services, { now: NOW });
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

/** The windows of the objective on `Service.Kpi`, as [month, value rounded to 6 decimals, status]. */
const windows = (report: Report, key: string) =>
    report.objectives.find(o => `${o.service}.${o.kpi}` === key)!.windows.map(w => [w.start.slice(0, 7), w.value === null ? null : Math.round(w.value * 1e6) / 1e6, w.status]);

const HOUR = 3_600_000;

describe('examples/excel-export: designed outcomes (README.md)', async () => {
    const report = await evaluate(SLA);

    test('P1 tickets within 4 business hours, Epiphany a day off, the open ticket failed at the data end', () => {
        // README: January 2 of 2; February 2 of 3 (T-1005 took 6 h); March 3 of 5 (T-1012 5 h, T-1013 open: 17 h by 31 March).
        expect(windows(report, 'Desk.P1InTime')).toEqual([['2026-01', 1, 'met'], ['2026-02', 0.666667, 'breached'], ['2026-03', 0.6, 'breached']]);
        expect(report.datasets[0]).toMatchObject({ name: 'tickets', rows: 13, rejected: 0 });
    });

    test('hours worked, read from decimal commas', () => {
        // README: 7.75 h, 12.5 h, 23.25 h against 20 h.
        expect(windows(report, 'Desk.Effort')).toEqual([['2026-01', 7.75 * HOUR, 'met'], ['2026-02', 12.5 * HOUR, 'met'], ['2026-03', 23.25 * HOUR, 'breached']]);
    });

    test('credits: 10 % of the fee in February and March', () => {
        const credits = report.credits.find(c => c.kpi === 'P1InTime')!;
        expect(credits.windows.map(w => w.amount)).toEqual([0, 500, 500]);
        expect(credits.total).toBe(1000);
    });

    test('without the holidays, Epiphany counts 9 business hours and January is breached', async () => {
        const variant = await evaluate(SLA.replace('        holidays "DE-BW"\n', ''));
        expect(windows(variant, 'Desk.P1InTime')[0]).toEqual(['2026-01', 0.5, 'breached']);
    });

    test('the same tickets as a plain CSV file (commas, decimal points, ISO-8601) give the same figures', async () => {
        const plainTickets = TICKETS.trimEnd().split('\r\n').map((line, i) => {
            const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map(cell => cell.replace(/;$/, '')).slice(0, 6);
            if (i === 0) return cells.join(',');
            const iso = (cell: string) => cell === '' ? '' : cell.replace(/^(\d\d)\.(\d\d)\.(\d{4}) (\d\d:\d\d)$/, '$3-$2-$1T$4:00');
            return [cells[0], cells[1], cells[2]!.includes(',') ? `"${cells[2]}"` : cells[2], iso(cells[3]!), iso(cells[4]!), cells[5]!.replace(',', '.')].join(',');
        }).join('\n') + '\n';
        expect(plainTickets.split('\n')[1]).toBe('T-1001,P1,Server ERP nicht erreichbar,2026-01-05T16:00:00,2026-01-07T09:30:00,1.5');
        const plainSla = SLA.replace('        separator ";"\n        decimal ","\n', '').replaceAll(' format "DD.MM.YYYY HH:mm"', '');
        const plain = await evaluate(plainSla, plainTickets);
        expect(plain.objectives.map(o => o.windows.map(w => [w.value, w.status]))).toEqual(report.objectives.map(o => o.windows.map(w => [w.value, w.status])));
    });
});
