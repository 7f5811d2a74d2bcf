// The announced-maintenance example evaluates to the outcomes its README computes by hand; a
// variant in which CHG-102 was announced five days ahead shows what the notice decides.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '@sla/engine';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'announced-maintenance');
const SLA = fs.readFileSync(path.join(folder, 'harbour-hosting.sla'), 'utf8');
const CHANGES = fs.readFileSync(path.join(folder, 'data', 'changes.csv'), 'utf8');
const INCIDENTS = fs.readFileSync(path.join(folder, 'data', 'incidents.csv'), 'utf8');
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

/** Evaluates the agreement with `changes` as its change calendar. */
async function evaluate(changes = CHANGES): Promise<Report> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-announced-'));
    fs.mkdirSync(path.join(copy, 'data'));
    fs.writeFileSync(path.join(copy, 'data', 'changes.csv'), changes);
    fs.writeFileSync(path.join(copy, 'data', 'incidents.csv'), INCIDENTS);
    fs.writeFileSync(path.join(copy, 'harbour-hosting.sla'), SLA);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, 'harbour-hosting.sla')]);
        const problems = (documents[0]!.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        expect(problems.map(d => d.message)).toEqual([]);
        return await evaluateDocument(documents[0]!, services, OPTIONS);
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

describe('examples/announced-maintenance: designed outcomes (README.md)', async () => {
    const report = await evaluate();

    test('availability per month: only standard changes announced 5 days ahead are maintenance', () => {
        // README: January 44,430 / 44,460; February 40,170 / 40,260 (CHG-102 announced late);
        // March 44,360 / 44,400 (the DST month: 44,580 minutes less CHG-105's 3 real hours).
        const windows = report.objectives[0]!.windows;
        expect(windows.map(w => w.value)).toEqual([44_430 / 44_460, 40_170 / 40_260, 44_360 / 44_400]);
        expect(windows.map(w => w.status)).toEqual(['met', 'breached', 'met']);
    });

    test('credit: 5 % of the fee in February', () => {
        expect(report.credits[0]!.windows.map(w => w.amount)).toEqual([0, 400, 0]);
        expect(report.credits[0]!.total).toBe(400);
    });

    test('the report lists the periods that did not count: CHG-102 late, CHG-106 never announced', () => {
        expect(report.listedMaintenance).toMatchObject([{
            maintenance: 'Scheduled', dataset: 'changes', rows: 5, periods: 5, counted: 3, notice: '5 days',
            lateNotice: [
                { line: 3, start: '2026-02-08T02:00:00+01:00', end: '2026-02-08T04:00:00+01:00', announced: '2026-02-06T09:00:00+01:00', ahead: '1 d 17 h' },
                { line: 7, start: '2026-03-21T23:00:00+01:00', end: '2026-03-22T00:30:00+01:00', announced: null, ahead: null }
            ]
        }]);
    });

    test('announced five days ahead, CHG-102 excludes February\'s outage: met, no credit', async () => {
        // February: 40,320 − 120 (CHG-102) − 60 (CHG-103) = 40,140 eligible minutes, INC-3 inside CHG-102: 100 %.
        const inTime = await evaluate(CHANGES.replace('2026-02-08T04:00:00+01:00,2026-02-06T09:00:00+01:00', '2026-02-08T04:00:00+01:00,2026-02-03T02:00:00+01:00'));
        expect(inTime.objectives[0]!.windows.map(w => [w.value, w.status])).toEqual([[44_430 / 44_460, 'met'], [1, 'met'], [44_360 / 44_400, 'met']]);
        expect(inTime.credits[0]!.total).toBe(0);
        expect(inTime.listedMaintenance![0]!.counted).toBe(4);
    });
});
