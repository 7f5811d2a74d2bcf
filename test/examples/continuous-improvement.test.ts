// The continuous-improvement example evaluates to the outcomes its README computes by hand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { evaluateExampleCopy } from './example-copy.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'continuous-improvement');
const FILE = 'thames-council-hosting.sla';
const SLA = fs.readFileSync(path.join(folder, FILE), 'utf8');
const OPTIONS = { to: '2026-09-30', now: Date.parse('2026-12-01T00:00:00Z') };

/** Loads the agreement as written, or `text` in its place, over the example's data, and evaluates it to September 2026. */
const load = (text = SLA) => evaluateExampleCopy(folder, FILE, text, OPTIONS);

// Minutes of each London month (March loses the hour the clocks go forward, October 2025 gains one).
const MINUTES_2025 = [44640, 40320, 44580, 43200, 44640, 43200, 44640, 44640, 43200, 44700, 43200, 44640];
const MINUTES_2026 = [44640, 40320, 44580, 43200, 44640, 43200, 44640, 44640, 43200];
const DOWN_2025 = [90, 100, 120, 95, 110, 60, 130, 150, 45, 200, 80, 75];
const DOWN_2026 = [60, 100, 30, 50, 120, 20, 40, 0, 86.4];

describe('examples/continuous-improvement: designed outcomes (README.md)', async () => {
    const { diagnostics, report } = await load();
    const objective = report.objectives[0]!;

    test('no problem', () => {
        expect(diagnostics.map(d => d.message)).toEqual([]);
    });

    test('2025 against 99.5 %, every month met; 2026 against 99.8 %, February and May missed, September met at exactly 99.8 %', () => {
        const expected = [...DOWN_2025.map((d, index) => 1 - d / MINUTES_2025[index]!), ...DOWN_2026.map((d, index) => 1 - d / MINUTES_2026[index]!)];
        expect(objective.windows.map(w => w.value)).toEqual(expected.map(value => expect.closeTo(value, 12)));
        expect(objective.windows.map(w => w.target)).toEqual([...Array(12).fill(0.995), ...Array(9).fill(0.998)]);
        expect(objective.windows.filter(w => w.status === 'breached').map(w => w.start)).toEqual(['2026-02-01T00:00:00+00:00', '2026-05-01T00:00:00+01:00']);
        expect(objective.windows[20]).toMatchObject({ value: 0.998, status: 'met', margin: 0 });
    });

    test('the 2026 target: the mean of September, June, December, November, January and April 2025 (99.830371… %), taken down to 99.8 %, exactly 0.3 points up', () => {
        const [year] = objective.improvedTargets!;
        expect(objective.improvedTargets!.length).toBe(1);
        expect(year).toMatchObject({ from: '2026-01-01', previous: 0.995, target: 0.998, measured: 12, outcome: 'raised' });
        expect(year!.best.map(w => w.start.slice(0, 7))).toEqual(['2025-09', '2025-06', '2025-12', '2025-11', '2025-01', '2025-04']);
        expect(year!.mean).toBeCloseTo(1 - (280 / 43200 + 165 / 44640) / 6, 14);
        expect(report.notes.join('\n')).toContain('CaseManagement from 2026-01-01: the target is >= 99.8 % (was >= 99.5 %): the mean of the best 6 of the 12 windows of the contract year before');
    });

    test('credits: 2,000 GBP for February and May 2026 — 4,000 GBP', () => {
        const credit = report.credits[0]!;
        expect(credit.windows.filter(w => w.amount > 0).map(w => [w.start.slice(0, 7), w.tierLabel, w.amount])).toEqual([['2026-02', 'missed', 2000], ['2026-05', 'missed', 2000]]);
        expect(credit.total).toBe(4000);
    });

    test('by at most 0.2 %: the 2026 target is capped at 99.7 %, February and May met, nothing owed', async () => {
        const capped = SLA.replace('by at most 0.3%', 'by at most 0.2%');
        expect(capped).not.toBe(SLA);
        const { report: lower } = await load(capped);
        expect(lower.objectives[0]!.improvedTargets![0]).toMatchObject({ target: 0.997, outcome: 'capped' });
        expect(lower.credits[0]!.total).toBe(0);
    });

    test('without the improvement every month meets 99.5 %: the improvement is worth 4,000 GBP so far', async () => {
        const plain = SLA.replace(', improved yearly to the mean of the best 6 windows by at most 0.3%', '');
        expect(plain).not.toBe(SLA);
        const { report: flat } = await load(plain);
        expect(flat.objectives[0]!.windows.every(w => w.status === 'met')).toBe(true);
        expect(flat.credits[0]!.total).toBe(0);
    });
});
