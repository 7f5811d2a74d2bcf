// The at-risk-amount example evaluates to the outcomes its README computes by hand; a variant
// without the cap on all credits shows what it saves.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '@sla/engine';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'at-risk-amount');
const SLA = fs.readFileSync(path.join(folder, 'lakeside-workplace.sla'), 'utf8');
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

/** Evaluates the agreement as written, or `text` in its place, over the example's data. */
async function evaluate(text = SLA): Promise<Report> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-at-risk-'));
    fs.cpSync(path.join(folder, 'data'), path.join(copy, 'data'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'lakeside-workplace.sla'), text);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, 'lakeside-workplace.sla')]);
        const problems = (documents[0]!.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        expect(problems.map(d => d.message)).toEqual([]);
        return await evaluateDocument(documents[0]!, services, OPTIONS);
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

const amounts = (report: Report) => report.credits.map(credit => credit.windows.map(window => window.amount));

describe('examples/at-risk-amount: designed outcomes (README.md)', async () => {
    const report = await evaluate();

    test('availability and late P1 tickets per month', () => {
        // README: 60 of 44,640, 480 of 40,320, 120 of 44,580 minutes down (March: 743 hours in Berlin).
        const availability = report.objectives.find(o => o.kpiKey === 'Platform.Availability')!;
        expect(availability.windows.map(w => w.value)).toEqual([1 - 60 / 44640, 1 - 480 / 40320, 1 - 120 / 44580].map(v => expect.closeTo(v, 12)));
        expect(availability.windows.map(w => w.status)).toEqual(['met', 'breached', 'breached']);
        // T-203 took exactly 4 hours (not late); T-305 2 h 30 min across the DST change (not late).
        const late = report.objectives.find(o => o.kpiKey === 'Desk.LateP1')!;
        expect(late.windows.map(w => w.value)).toEqual([1, 2, 4]);
    });

    test('at most 12 % of the fee a month: the service desk credit, counted last, is lowered in February and March', () => {
        expect(amounts(report)).toEqual([[0, 4000, 2000], [1000, 800, 2800]]);
        expect(report.credits.map(credit => credit.total)).toEqual([6000, 4600]);
        expect(report.credits[1]!.windows.map(w => w.cap ?? null)).toEqual([null, 'agreement', 'agreement']);
        expect(report.creditCaps![0]!.periods.map(p => [p.start.slice(0, 10), p.limit, p.owed, p.paid, p.lowered ?? []])).toEqual([
            ['2026-01-01', 4800, 1000, 1000, []],
            ['2026-02-01', 4800, 6000, 4800, ['Desk.LateP1']],
            ['2026-03-01', 4800, 5000, 4800, ['Desk.LateP1']]
        ]);
    });

    test('without the at-risk amount: 12,000 EUR instead of 10,600 EUR', async () => {
        const uncapped = await evaluate(SLA.replace('    credits capped at 12% of fee per calendar month\n', ''));
        expect(amounts(uncapped)).toEqual([[0, 4000, 2000], [1000, 2000, 3000]]);
        expect(uncapped.credits.reduce((sum, credit) => sum + credit.total, 0)).toBe(12000);
        expect(uncapped.creditCaps).toBeUndefined();
    });
});
