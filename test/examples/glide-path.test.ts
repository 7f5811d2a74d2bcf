// The glide-path example evaluates to the outcomes its README computes by hand, and the same
// agreement without its transition and glide path to the README's second table.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Report } from '@sla/engine';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'glide-path');
const SLA = fs.readFileSync(path.join(folder, 'iberia-service-desk.sla'), 'utf8');
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

/** Loads the agreement as written, or `text` in its place, over the example's data, and evaluates it (over the first quarter, or `options`). */
async function load(text = SLA, options: { from: string; to: string; now: number } = OPTIONS): Promise<{ diagnostics: Diagnostic[]; report: Report }> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-glide-'));
    fs.cpSync(path.join(folder, 'data'), path.join(copy, 'data'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'iberia-service-desk.sla'), text);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, 'iberia-service-desk.sla')]);
        return { diagnostics: documents[0]!.diagnostics ?? [], report: await evaluateDocument(documents[0]!, services, options) };
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

const months = (windows: ReadonlyArray<{ start: string }>) => windows.map(w => w.start.slice(0, 7));

describe('examples/glide-path: designed outcomes (README.md)', async () => {
    const { diagnostics, report } = await load();

    test('no problem', () => {
        expect(diagnostics.map(d => d.message)).toEqual([]);
    });

    test('January is not judged; February against the initial level, March against the steady state', () => {
        const [speed, contact] = report.objectives;
        expect(months(speed!.windows)).toEqual(['2026-02', '2026-03']);
        expect(speed!.windows.map(w => [w.value, w.target, w.status])).toEqual([[0.78, 0.75, 'met'], [0.79, 0.8, 'breached']]);
        // Budget used: (1 − 0.78) / (1 − 0.75) = 0.88; (1 − 0.79) / (1 − 0.8) = 1.05.
        expect(speed!.windows.map(w => w.budgetConsumed)).toEqual([expect.closeTo(0.88, 12), expect.closeTo(1.05, 12)]);
        expect(contact!.windows.map(w => [w.value, w.target, w.status])).toEqual([[0.66, 0.65, 'met'], [0.72, 0.7, 'met']]);
        expect(report.objectives.map(o => o.windows.map(w => w.rows))).toEqual([[100, 100], [100, 100]]);
    });

    test('credits: 1,600 EUR for March\'s missed speed to answer', () => {
        expect(report.credits.map(credit => months(credit.windows))).toEqual([['2026-02', '2026-03'], ['2026-02', '2026-03']]);
        expect(report.credits.map(credit => credit.windows.map(w => [w.tierLabel, w.amount]))).toEqual([[[null, 0], ['missed', 1600]], [[null, 0], [null, 0]]]);
        expect(report.credits.reduce((sum, credit) => sum + credit.total, 0)).toBe(1600);
    });

    test('the termination right is at risk, not fired; the internal target (no term) is missed in all three months', () => {
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 1, atRisk: true });
        expect(report.internalTargets[0]!.windows.map(w => [w.value, w.status])).toEqual([[0.5, 'breached'], [0.78, 'breached'], [0.79, 'breached']]);
    });

    test('without its transition and glide path: 8,400 EUR, and the termination right fires at the end of February', async () => {
        const flat = SLA
            .replace('objective SpeedToAnswer >= 75% per calendar month from 2026-02-01, >= 80% from 2026-03-01', 'objective SpeedToAnswer >= 80% per calendar month')
            .replace('objective FirstContactResolution >= 65% per calendar month from 2026-02-01, >= 70% from 2026-03-01', 'objective FirstContactResolution >= 70% per calendar month');
        expect(flat).not.toMatch(/per calendar month,? (>= [0-9%]+ )?from/);
        const { diagnostics: problems, report: steady } = await load(flat);
        expect(problems.map(d => d.message)).toEqual([]);
        expect(steady.credits.map(credit => credit.windows.map(w => w.uncappedAmount))).toEqual([[3200, 1600, 1600], [1200, 1200, 0]]);
        // January owes 4,400 EUR against the cap of 4,000: the credit written last is lowered.
        expect(steady.credits.map(credit => credit.windows.map(w => w.amount))).toEqual([[3200, 1600, 1600], [800, 1200, 0]]);
        expect(steady.credits.reduce((sum, credit) => sum + credit.total, 0)).toBe(8400);
        expect(steady.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, noticeBy: '2026-03-30' });
        expect(steady.terminations![0]!.scopes[0]!.firedAt!.slice(0, 10)).toBe('2026-03-01');
    });
});

describe('examples/glide-path: what comes next', () => {
    test('evaluated to the end of January: both promises come into force tomorrow', async () => {
        const { report } = await load(SLA, { from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-04-15T00:00:00Z') });
        expect(report.objectives.map(o => o.windows.length)).toEqual([0, 0]);
        expect(report.objectives.map(o => o.upcoming)).toEqual([
            { from: '2026-02-01', target: 0.75, days: 1, inForce: true },
            { from: '2026-02-01', target: 0.65, days: 1, inForce: true }
        ]);
        expect(report.notes).toContain('SpeedToAnswer comes into force on 2026-02-01 (in 1 day): >= 75 % per calendar month.');
    });

    test('evaluated to the end of February: the step to March\'s level, and February\'s values against it', async () => {
        const { report } = await load(SLA, { from: '2026-01-01', to: '2026-02-28', now: Date.parse('2026-04-15T00:00:00Z') });
        // February met 75 % with 78 % and 65 % with 66 %: both would miss March's 80 % and 70 %.
        expect(report.objectives.map(o => o.upcoming)).toEqual([
            { from: '2026-03-01', target: 0.8, days: 1, wouldMiss: [{ start: '2026-02-01T00:00:00+01:00', value: 0.78 }] },
            { from: '2026-03-01', target: 0.7, days: 1, wouldMiss: [{ start: '2026-02-01T00:00:00+01:00', value: 0.66 }] }
        ]);
        expect(report.notes).toContain('SpeedToAnswer steps up to >= 80 % on 2026-03-01 (in 1 day): its latest window would miss it (2026-02-01: 78 %).');
    });

    test('evaluated to the end of the quarter: no change ahead', async () => {
        const { report } = await load();
        expect(report.objectives.map(o => o.upcoming)).toEqual([undefined, undefined]);
    });
});
