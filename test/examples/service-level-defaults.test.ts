// The service-level-defaults example evaluates to the outcomes its README computes by hand, and
// the same agreement read in UTC to the README's last paragraph.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { evaluateExampleCopy } from './example-copy.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'service-level-defaults');
const FILE = 'bayside-health-infrastructure.sla';
const SLA = fs.readFileSync(path.join(folder, FILE), 'utf8');
const OPTIONS = { from: '2026-01-01', to: '2026-09-30', now: Date.parse('2026-11-01T00:00:00Z') };

/** Loads the agreement as written, or `text` in its place, over the example's data, and evaluates it from January to September. */
const load = (text = SLA) => evaluateExampleCopy(folder, FILE, text, OPTIONS);

const MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30].map(days => days * 1440);

describe('examples/service-level-defaults: designed outcomes (README.md)', async () => {
    const { diagnostics, report } = await load();
    const objective = report.objectives[0]!;

    test('no problem', () => {
        expect(diagnostics.map(d => d.message)).toEqual([]);
    });

    test('the months in New York time: January 30 minutes down, February 90, March 22.3 of 44,580', () => {
        const down = [30, 90, 22.3, 0, 0, 0, 30, 0, 30];
        // March loses the hour the clocks go forward.
        const minutes = MONTH.map((m, index) => (index === 2 ? m - 60 : m));
        expect(objective.windows.map(w => w.value)).toEqual(down.map((d, index) => expect.closeTo(1 - d / minutes[index]!, 12)));
        expect(objective.windows.map(w => w.status)).toEqual(['breached', 'breached', 'breached', 'met', 'met', 'met', 'breached', 'met', 'breached']);
    });

    test('defaults: February below the minimum, March and July the third missed month of six; September not (February and March rolled off)', () => {
        expect(objective).toMatchObject({ minimum: 0.998, defaultRule: '3 of any 6 consecutive windows' });
        expect(objective.windows.map(w => w.default ?? null)).toEqual([null, 'below minimum', 'repeated', null, null, null, 'repeated', null, null]);
        expect(report.notes).toContain('DataCenter: 3 Service Level Default(s) in the window(s) from 2026-02-01 (misses the minimum >= 99.8 %), 2026-03-01 (breached in 3 of any 6 consecutive windows), 2026-07-01 (breached in 3 of any 6 consecutive windows).'
            + ' DataCenter: one more missed window is a Service Level Default (3 of any 6 consecutive windows) — the window from 2026-10-01 (2 of the 5 window(s) before it missed).');
    });

    test('the termination right counts defaults: February, March, July — it fires at the end of July, notice by 29 September', () => {
        expect(report.terminations![0]).toMatchObject({ name: 'CriticalDefaults', defaults: true, rule: '3 of any 12 consecutive windows', notice: '60 days', triggered: true });
        expect(report.terminations![0]!.scopes[0]).toMatchObject({
            breached: 3, firedAt: '2026-08-01T00:00:00-04:00', noticeBy: '2026-09-29',
            breachedWindows: ['2026-02-01T00:00:00-05:00', '2026-03-01T00:00:00-05:00', '2026-07-01T00:00:00-04:00']
        });
    });

    test('counting missed months instead, the right would have fired at the end of March', async () => {
        const { report: breaches } = await load(SLA.replace('when DataCenter defaults in', 'when DataCenter is breached in'));
        expect(breaches.terminations![0]!.defaults).toBeUndefined();
        expect(breaches.terminations![0]!.scopes[0]!.firedAt).toBe('2026-04-01T00:00:00-04:00');
    });

    test('at risk: October would be the third missed month of May–October (July and September)', () => {
        expect(objective.defaultAtRisk).toEqual([{ start: '2026-10-01T00:00:00-04:00', missed: 2, counted: 5 }]);
    });

    test('credits: 2,400 USD for a missed month, 14,400 USD for a default — 48,000 USD', () => {
        const credit = report.credits[0]!;
        expect(credit.windows.map(w => [w.tierLabel, w.amount])).toEqual([
            ['missed', 2400], ['default', 14400], ['default', 14400], [null, 0], [null, 0], [null, 0], ['default', 14400], [null, 0], ['missed', 2400]
        ]);
        expect(credit.total).toBe(48000);
    });

    test('each month evaluated alone (--from, --to) is judged as in the whole run: the default rule counts the months before it', async () => {
        // What a monthly report job runs: `sla evaluate --from 2026-03-01 --to 2026-03-31`. March is the third missed month of
        // January–March, a default paying 14,400 USD, not a missed month paying 2,400; September (July and September missed
        // of April–September) is not. The termination right counts the months before too.
        const days = [31, 28, 31, 30, 31, 30, 31, 31, 30];
        const alone = [];
        const rights = [];
        for (const [index, last] of days.entries()) {
            const month = `2026-${String(index + 1).padStart(2, '0')}`;
            const { report: monthly } = await evaluateExampleCopy(folder, FILE, SLA, { ...OPTIONS, from: `${month}-01`, to: `${month}-${last}` });
            const window = monthly.objectives[0]!.windows[0]!;
            const credit = monthly.credits[0]!.windows[0]!;
            alone.push([window.status, window.default ?? null, credit.tierLabel, credit.amount]);
            rights.push(monthly.terminations![0]!.scopes[0]!);
        }
        expect(alone).toEqual([
            ['breached', null, 'missed', 2400], ['breached', 'below minimum', 'default', 14400], ['breached', 'repeated', 'default', 14400],
            ['met', null, null, 0], ['met', null, null, 0], ['met', null, null, 0],
            ['breached', 'repeated', 'default', 14400], ['met', null, null, 0], ['breached', null, 'missed', 2400]
        ]);
        // The right (defaults in 3 of any 12): June alone knows February's and March's defaults, one more fires it;
        // July alone fires it at the end of July, as the whole run does; September alone says it fired then.
        expect(rights[5]).toMatchObject({ triggered: false, breached: 2, atRisk: true });
        const fired = { triggered: true, breached: 3, firedAt: '2026-08-01T00:00:00-04:00', noticeBy: '2026-09-29', breachedWindows: ['2026-02-01T00:00:00-05:00', '2026-03-01T00:00:00-05:00', '2026-07-01T00:00:00-04:00'] };
        expect(rights[6]).toMatchObject(fired);
        expect(rights[8]).toMatchObject(fired);
        // September alone: October would still be the third missed month of May–October.
        const { report: september } = await evaluateExampleCopy(folder, FILE, SLA, { ...OPTIONS, from: '2026-09-01', to: '2026-09-30' });
        expect(september.objectives[0]!.defaultAtRisk).toEqual([{ start: '2026-10-01T00:00:00-04:00', missed: 2, counted: 5 }]);
        // On 15 October, October in progress: at risk, from 1 October as from 1 January.
        const inOctober = { from: '2026-10-01', now: Date.parse('2026-10-15T12:00:00Z') };
        for (const from of ['2026-01-01', '2026-10-01']) {
            const { report: october } = await evaluateExampleCopy(folder, FILE, SLA, { ...inOctober, from });
            expect(october.objectives[0]!.defaultAtRisk, from).toEqual([{ start: '2026-10-01T00:00:00-04:00', missed: 2, counted: 5 }]);
        }
    });

    test('read in UTC: January and March met, July no default — 19,200 USD', async () => {
        const utc = SLA.replace('timezone "America/New_York"', 'timezone "UTC"');
        expect(utc).not.toBe(SLA);
        const { report: inUtc } = await load(utc);
        const windows = inUtc.objectives[0]!.windows;
        expect(windows.map(w => w.value)).toEqual([10, 110, 22.3, 0, 0, 0, 30, 0, 30].map((d, index) => expect.closeTo(1 - d / MONTH[index]!, 12)));
        expect(windows.map(w => w.default ?? null)).toEqual([null, 'below minimum', null, null, null, null, null, null, null]);
        expect(inUtc.credits[0]!.windows.map(w => w.amount)).toEqual([0, 14400, 0, 0, 0, 0, 2400, 0, 2400]);
        expect(inUtc.credits[0]!.total).toBe(19200);
        expect(inUtc.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 1 });
    });
});
