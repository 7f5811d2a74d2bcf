/**
 * Filters on a boolean field on the direct row path (`count(requests where cached)`,
 * `cached = false`, `not cached`): the typed reader gives the field as 1 or 0 (its Flag columns,
 * data/csv-typed-record.ts), a row array's true or false is read the same way (numbersOf). Before,
 * one such KPI sent the whole scan down the general reader.
 *
 * First a small file whose values are worked out by hand, with every usual spelling, a spelling only
 * the decoder reads (` yes`) and a missing value; then a generated log read by the typed path and
 * by the general path (the same rows with every flag quoted, which no typed reader reads), on one
 * thread and on two: byte-identical reports.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { DirectRowPath } from '../../src/evaluate/direct-row-path.js';
import { aggregate, at, bin, count, field, num, percentile, ref, seededRandom, str, tempDir, writeCsv } from './fixtures.js';
import { expectTypedAsGeneral, kpiAgreement, valuesByScope } from './kpi-fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const FIELDS = [field('time', 'timestamp'), field('service', 'text'), field('cached', 'boolean', true), field('region', 'text'), field('latency', 'duration', true)];
const HEADER = ['time', 'service', 'cached', 'region', 'latency'];

// March 2026 (Berlin); the last row is in April, outside the period.
const ROWS: (string | number)[][] = [
    ['2026-03-05T12:00:00.000+01:00', 'a', 'true', 'eu', 100],
    ['2026-03-05T12:00:01.000+01:00', 'a', 'FALSE', 'eu', 200],
    ['2026-03-05T12:00:02.000+01:00', 'b', 'Yes', 'us', 300],
    ['2026-03-05T12:00:03.000+01:00', 'b', 'no', 'eu', 400],
    ['2026-03-05T12:00:04.000+01:00', 'a', '1', 'us', ''],
    ['2026-03-05T12:00:05.000+01:00', 'b', '0', 'us', 600],
    ['2026-03-05T12:00:06.000+01:00', 'a', '', 'eu', 700],
    ['2026-03-05T12:00:07.000+01:00', 'b', '" yes"', 'eu', 800],
    ['2026-04-02T12:00:00.000+02:00', 'a', 'true', 'eu', 999]
];

function model(path: string, kpis: Record<string, Expr>, scopeField?: string): AgreementModel {
    return kpiAgreement('requests', path, FIELDS, kpis, { scopeField });
}

const cached = ref('requests', 'cached');
const region = ref('requests', 'region');
const latency = ref('requests', 'latency');
const yes: Expr = { type: 'boolean', value: true };
const no: Expr = { type: 'boolean', value: false };
const not = (operand: Expr): Expr => ({ type: 'not', operand });

async function values(kpis: Record<string, Expr>, scopeField?: string): Promise<Record<string, Record<string, number | null>>> {
    const path = writeCsv(tempDir(), 'requests.csv', HEADER, ROWS);
    return valuesByScope(await evaluateAgreement(model(path, kpis, scopeField), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }));
}

describe('boolean filters on the direct row path', () => {
    it('is the path for a boolean field alone, under not, and = or != with true or false on either side; not for other forms', () => {
        const period = evaluationPeriod('Europe/Berlin', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        const direct = (where: Expr): DirectRowPath | undefined => {
            const scan = planAgreement(model('/nowhere.csv', { K: count('requests', where) }), period, undefined).scans.get('requests')!;
            return DirectRowPath.compile(scan);
        };
        expect(direct(cached)).toBeDefined();
        expect(direct(not(cached))).toBeDefined();
        expect(direct(bin('=', cached, no))).toBeDefined();
        expect(direct(bin('!=', yes, cached))).toBeDefined();
        expect(direct(not(bin('=', cached, yes)))).toBeDefined();
        expect(direct(bin('and', cached, bin('=', region, str('eu'))))).toBeDefined();
        expect(direct(bin('or', not(cached), bin('>', latency, num(500))))).toBeDefined();
        // Not: an ordering of booleans, a boolean compared with a number, a text or numeric field alone.
        expect(direct(bin('<', cached, yes))).toBeUndefined();
        expect(direct(bin('=', cached, num(1)))).toBeUndefined();
        expect(direct(region)).toBeUndefined();
        expect(direct(not(latency))).toBeUndefined();
    });

    it('counts as the general path: every spelling as its decoder reads it, a missing value neither true nor false', async () => {
        // March: cached true, false, true (Yes), false (no), true (1), false (0), missing, true (" yes", quoted: the decoder trims).
        expect(await values({
            Cached: count('requests', cached),
            NotCached: count('requests', not(cached)),
            EqFalse: count('requests', bin('=', cached, no)),
            FalseFirst: count('requests', bin('=', no, cached)),
            NeTrue: count('requests', bin('!=', cached, yes)),
            NotEqTrue: count('requests', not(bin('=', cached, yes))),
            All: count('requests')
        })).toEqual({ Cached: { '*': 4 }, NotCached: { '*': 3 }, EqFalse: { '*': 3 }, FalseFirst: { '*': 3 }, NeTrue: { '*': 3 }, NotEqTrue: { '*': 3 }, All: { '*': 8 } });
    });

    it('filters values, with and, or and per scope', async () => {
        // a: (true, eu, 100), (false, eu, 200), (true, us, no latency), (missing, eu, 700);
        // b: (true, us, 300), (false, eu, 400), (false, us, 600), (true, eu, 800).
        expect(await values({
            // Cached latencies: a 100 (the row with no latency skipped); b 300, 800.
            CachedMean: aggregate('avg', 'requests', latency, cached),
            // Not cached: a 200; b 400, 600.
            NotCachedMax: aggregate('max', 'requests', latency, not(cached)),
            // Cached and in eu: a 1 (100); b 1 (800).
            CachedEu: count('requests', bin('and', cached, bin('=', region, str('eu')))),
            // Cached, or latency over 650: a 100, 1, 700 → 3 rows; b 300, 800 → 2.
            CachedOrSlow: count('requests', bin('or', cached, bin('>', latency, num(650)))),
            // Median of the not cached: a 200; b 400, 600 → nearest rank 400.
            NotCachedMedian: percentile(50, 'requests', latency, bin('=', cached, no))
        }, 'service')).toEqual({
            CachedMean: { a: 100, b: 550 },
            NotCachedMax: { a: 200, b: 600 },
            CachedEu: { a: 1, b: 1 },
            CachedOrSlow: { a: 3, b: 2 },
            NotCachedMedian: { a: 200, b: 400 }
        });
    });
});

describe('boolean filters on the typed path', () => {
    it('give the general path\'s report, byte for byte, on one thread and on two', async () => {
        const random = seededRandom(37);
        const spellings = ['true', 'false', 'TRUE', 'False', 'yes', 'no', '1', '0'];
        const plain = [HEADER.join(',')];
        const quoted = [...plain];
        for (let i = 0; i < 30_000; i++) {
            const time = new Date(at('2026-01-01T00:00:00Z') + Math.floor((i / 30_000) * 89 * 86_400_000)).toISOString();
            // One in 40 missing.
            const flag = i % 40 === 3 ? '' : spellings[Math.floor(random() * spellings.length)]!;
            const latencyText = Math.round(random() * 2_000_000) / 1000;
            const line = (cell: string): string => `${time},svc${i % 5},${cell},${i % 3 === 0 ? 'eu' : 'us'},${latencyText}`;
            plain.push(line(flag));
            quoted.push(line(flag === '' ? '' : `"${flag}"`));
        }
        const path = join(tempDir(), 'requests.csv');
        const kpis: Record<string, Expr> = {
            Cached: count('requests', cached),
            NotCached: count('requests', not(cached)),
            CachedEuSlow: count('requests', bin('and', cached, bin('and', bin('=', region, str('eu')), bin('>', latency, num(1000))))),
            NotCachedP95: percentile(95, 'requests', latency, bin('=', cached, no)),
            CachedMean: aggregate('avg', 'requests', latency, bin('!=', cached, no))
        };
        const general = await expectTypedAsGeneral(model(path, kpis, 'service'), path, plain, quoted, { from: '2026-01-01', to: '2026-03-31', now: NOW }, 25_000);
        // Cached and not cached add up to the rows with a flag: nothing lost or counted twice.
        const parsed = JSON.parse(general) as { objectives: Array<{ kpi: string; windows: Array<{ value: number | null }> }> };
        const total = (kpi: string): number => parsed.objectives.find((o) => o.kpi === kpi)!.windows.reduce((sum, w) => sum + (w.value ?? 0), 0);
        const cells = plain.slice(1).map((row) => row.split(','));
        const isTrue = (cell: string): boolean => ['true', 'yes', '1'].includes(cell.toLowerCase());
        expect(total('Cached')).toBe(cells.filter(([, , flag]) => flag !== '' && isTrue(flag!)).length);
        expect(total('Cached') + total('NotCached')).toBe(cells.filter(([, , flag]) => flag !== '').length);
        expect(total('CachedEuSlow')).toBe(cells.filter(([, , flag, where, ms]) => flag !== '' && isTrue(flag!) && where === 'eu' && Number(ms) > 1000).length);
    }, 60_000);
});
