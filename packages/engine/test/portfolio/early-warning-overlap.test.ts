/**
 * Early warnings ("internal target missed, contract met", docs/cli.md "Portfolio report") when
 * the internal target's window is longer than the objective's: the contract was met over the
 * internal window only when every objective window overlapping it was met (none breached, at
 * least one met). Before, only the objective window holding the internal window's start was
 * looked at: a quarter was "met" because January was, though February was breached.
 * Every figure is worked out by hand from the rows written here (UTC, the requests of each day given).
 */
import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, type AgreementModel, type WindowSpec } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };
const QUARTER: WindowSpec = { kind: 'calendar', unit: 'quarter' };

/** `total` requests on each day given, at noon UTC; status 500 for the first `failed` of them. */
function requests(days: Array<{ day: string; total: number; failed: number }>): string {
    const rows: (string | number)[][] = [];
    for (const { day, total, failed } of days) {
        for (let i = 0; i < total; i++) rows.push([`${day}T12:00:00Z`, 'alpha', i < failed ? 500 : 200]);
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], rows);
}

/** Success ≥ 99 % per `objective` window (the contract), ≥ 99.5 % per `internal` window (the internal target). */
function alpha(path: string, objective: WindowSpec, internal: WindowSpec): AgreementModel {
    const requestsDataset = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('status', 'integer')]);
    requestsDataset.clientScope = { field: 'client', value: 'alpha' };
    return agreement({
        id: 'alpha',
        timezone: 'UTC',
        customer: { name: 'alpha', title: 'alpha' },
        validity: { from: '2026-01-01', to: '2026-12-31' },
        datasets: { requests: requestsDataset },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ service: 'Web', kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.99, unitKind: 'ratio', window: objective }],
        internalTargets: [{ service: 'Web', kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.995, unitKind: 'ratio', window: internal }]
    });
}

async function entryOf(model: AgreementModel, to: string) {
    const report = await evaluatePortfolio([model], { from: '2026-01-01', to, now: at('2026-06-01T00:00:00Z') });
    return report.entries[0]!;
}

describe('early warnings when the internal window is longer than the objective\'s', () => {
    it('gives none for a quarter one of whose months breached the contract', async () => {
        // 100 requests on 15 Jan (all good), 15 Feb (2 failed: 98/100 = 98 % < 99 %, February breached),
        // 15 Mar (all good). The quarter: 298/300 = 99.33 % < 99.5 %: the internal target missed, but
        // not while the contract was met. Before, January (holding 1 January) was met: a warning for Q1.
        const path = requests([{ day: '2026-01-15', total: 100, failed: 0 }, { day: '2026-02-15', total: 100, failed: 2 }, { day: '2026-03-15', total: 100, failed: 0 }]);
        const entry = await entryOf(alpha(path, MONTH, QUARTER), '2026-03-31');
        expect(entry.report.internalTargets[0]!.windows.map((window) => window.status)).toEqual(['breached']);
        expect(entry.report.objectives[0]!.windows.map((window) => window.status)).toEqual(['met', 'breached', 'met']);
        expect(entry.earlyWarnings).toEqual([]);
    });

    it('still warns of a quarter whose months all met the contract', async () => {
        // 1 of 100 failed each month: 99/100 = 99 % meets ≥ 99 % (exactly) three times; the quarter
        // 297/300 = 99 % < 99.5 %: the internal target missed while the contract was met.
        const path = requests([{ day: '2026-01-15', total: 100, failed: 1 }, { day: '2026-02-15', total: 100, failed: 1 }, { day: '2026-03-15', total: 100, failed: 1 }]);
        const entry = await entryOf(alpha(path, MONTH, QUARTER), '2026-03-31');
        expect(entry.report.objectives[0]!.windows.map((window) => window.status)).toEqual(['met', 'met', 'met']);
        expect(entry.earlyWarnings).toEqual([{ kpi: 'Success', service: 'Web', window: 'calendar quarter', start: '2026-01-01T00:00:00+00:00' }]);
    });

    it('gives none for a month one of whose weeks breached the contract', async () => {
        // Weeks from Monday; 1 February 2026 is a Sunday, in the week of 26 January. 100 requests on
        // 27 Jan and 1 Feb (all good: that week 200/200, met), on 3, 10, 17 and 24 Feb (the 10th: 3
        // failed, 97 % < 99 %: the week of 9 February breached). February: 5 × 100 = 500 requests,
        // 3 failed: 99.4 % < 99.5 %, the internal target missed. Before, the week holding 1 February
        // was met: a warning for February.
        const path = requests([
            { day: '2026-01-27', total: 100, failed: 0 },
            { day: '2026-02-01', total: 100, failed: 0 },
            { day: '2026-02-03', total: 100, failed: 0 },
            { day: '2026-02-10', total: 100, failed: 3 },
            { day: '2026-02-17', total: 100, failed: 0 },
            { day: '2026-02-24', total: 100, failed: 0 }
        ]);
        const entry = await entryOf(alpha(path, WEEK, MONTH), '2026-02-28');
        const february = entry.report.internalTargets[0]!.windows.find((window) => window.start.startsWith('2026-02-01'))!;
        expect(february.status).toBe('breached');
        expect(entry.earlyWarnings).toEqual([]);
    });

    it('still warns of a month whose weeks were all met, a week without data among them', async () => {
        // 100 requests on 27 Jan and 1 Feb (good), 3, 17 and 24 Feb (1 failed each: 99 %, met); no
        // request in the week of 9 February (no data: it neither confirms nor denies). February:
        // 100 + 3 × 100 = 400 requests, 3 failed: 99.25 % < 99.5 %; January 100/100 met.
        const path = requests([
            { day: '2026-01-27', total: 100, failed: 0 },
            { day: '2026-02-01', total: 100, failed: 0 },
            { day: '2026-02-03', total: 100, failed: 1 },
            { day: '2026-02-17', total: 100, failed: 1 },
            { day: '2026-02-24', total: 100, failed: 1 }
        ]);
        const entry = await entryOf(alpha(path, WEEK, MONTH), '2026-02-28');
        const weeks = entry.report.objectives[0]!.windows.map((window) => `${window.start.slice(0, 10)} ${window.status}`);
        expect(weeks).toContain('2026-02-09 no data');
        expect(weeks.filter((week) => week.endsWith('breached'))).toEqual([]);
        expect(entry.earlyWarnings).toEqual([{ kpi: 'Success', service: 'Web', window: 'calendar month', start: '2026-02-01T00:00:00+00:00' }]);
    });
});
