/**
 * A billing run per month (`--from` the month's first day `--to` its last) judges every window as
 * the whole term's evaluation does: each window is judged, whole, by the run whose period holds its
 * end (a window across two months — a week, a rolling window — is in progress in the run it begins
 * in, judged in the next, evaluation-period.ts), and each credit window is paid once, by that run,
 * what the whole run pays it. Random agreements over random exports (random-portfolio.ts): monthly,
 * weekly and rolling objectives, credits with caps, `for each`, client scopes. Compared are the
 * windows the whole run judges firmly — not provisional, no open rows in them, ending before the
 * last event of the data (after it, a run's `--to` states the data run on, the whole run does not).
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Report } from '../../src/index.js';
import { seededRandom } from '../seeded-random.js';
import { tempDir } from './fixtures.js';
import { randomAgreement, writePortfolioFiles } from '../portfolio/random-portfolio.js';

const NOW = Date.parse('2027-01-15T00:00:00Z');
const SLOW_MACHINE_MS = 120_000;

/** The months (YYYY-MM-DD first and last day) the validity meets, each clamped to it. */
function monthlyRuns(model: AgreementModel): { from: string; to: string }[] {
    const runs: { from: string; to: string }[] = [];
    const last = Number(model.validity.to.slice(5, 7));
    for (let month = Number(model.validity.from.slice(5, 7)); month <= last; month++) {
        const mm = String(month).padStart(2, '0');
        const end = new Date(Date.UTC(2026, month, 0)).getUTCDate();
        const from = `2026-${mm}-01` < model.validity.from ? model.validity.from : `2026-${mm}-01`;
        const to = `2026-${mm}-${end}` > model.validity.to ? model.validity.to : `2026-${mm}-${end}`;
        runs.push({ from, to });
    }
    return runs;
}

interface Judged {
    key: string;
    figures: unknown;
}

/** The windows a report judges firmly (see above), keyed by what they are: objective or credit, scope value, bounds. */
function firmWindows(report: Report, before: number): Judged[] {
    const judged: Judged[] = [];
    report.objectives.forEach((objective, index) => {
        for (const window of objective.windows) {
            if (window.provisional === true || (window.pending ?? 0) + (window.failedOpen ?? 0) + (window.passedOpen ?? 0) + (window.openIncidents ?? 0) > 0) continue;
            if (Date.parse(window.end) > before || Date.parse(window.evaluatedTo ?? window.end) < Date.parse(window.end)) continue;
            judged.push({ key: `objective ${index} ${window.scopeValue ?? ''} ${window.start} ${window.end}`, figures: { status: window.status, value: window.value, rows: window.rows, partial: window.partial } });
        }
    });
    report.credits.forEach((credit, index) => {
        for (const window of credit.windows) {
            if (window.provisional || window.inProgress === true || Date.parse(window.end) > before) continue;
            judged.push({ key: `credit ${index} ${window.scopeValue ?? ''} ${window.start} ${window.end}`, figures: { tier: window.tier, amount: window.amount, uncapped: window.uncappedAmount, cap: window.cap, fee: window.fee } });
        }
    });
    return judged;
}

describe('monthly billing runs judge every window as the whole term does (random agreements)', () => {
    const exercised = { agreements: 0, compared: 0, acrossMonths: 0 };
    for (const seed of [1, 2, 3, 4]) {
        it(`each window once, whole, in the run holding its end (seed ${seed})`, async () => {
            const random = seededRandom(seed * 7_919 + 11);
            const files = writePortfolioFiles(random, tempDir());
            for (let a = 0; a < 5; a++) {
                const { model } = randomAgreement(random, `A${a}`, random.pick([undefined, 'northwind', 'contoso']), files);
                const whole = await evaluateAgreement(model, { now: NOW, skipInvalid: true });
                const lastEvent = Math.min(...whole.datasets.map((dataset) => (dataset.lastTime === null ? -Infinity : Date.parse(dataset.lastTime))));
                const expected = new Map(firmWindows(whole, lastEvent).map((entry) => [entry.key, entry.figures]));
                const seen = new Map<string, string>();
                for (const run of monthlyRuns(model)) {
                    const report = await evaluateAgreement(model, { ...run, now: NOW, skipInvalid: true });
                    for (const entry of firmWindows(report, lastEvent)) {
                        const where = `seed ${seed}, ${model.id} (${model.timezone}), run ${run.from} – ${run.to}: ${entry.key}`;
                        // Judged firmly by one run only.
                        expect(seen.get(entry.key), where).toBeUndefined();
                        seen.set(entry.key, run.from);
                        if (!expected.has(entry.key)) continue;
                        expect(entry.figures, where).toEqual(expected.get(entry.key));
                        exercised.compared++;
                        if (entry.key.split(' ').at(-2)!.slice(0, 7) !== run.from.slice(0, 7)) exercised.acrossMonths++;
                    }
                }
                // Every window the whole run judges firmly is judged by some run.
                for (const key of expected.keys()) expect(seen.has(key), `seed ${seed}, ${model.id}: ${key} judged by no run`).toBe(true);
                exercised.agreements++;
            }
        }, SLOW_MACHINE_MS);
    }

    it('compared windows that began in the month before their run', () => {
        expect(exercised.compared).toBeGreaterThan(100);
        expect(exercised.acrossMonths).toBeGreaterThan(5);
    });
});
