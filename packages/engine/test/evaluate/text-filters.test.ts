/**
 * Text filters on the direct row path (`count(requests where region = "eu")`): the row's id of
 * the field, as a scope field's, against the text's id (direct-row-path.ts, directTextFilter).
 * Before, one such KPI sent the whole scan down the general path (bench:engine's UTC log with one
 * more KPI `count(requests where region = "eu-central-1")`: 2.9 s against 1.5 s without it).
 *
 * First small files whose values are worked out by hand; then a generated log of 30,000 rows
 * read by the typed path and by the general path (the same rows with every region quoted, which
 * no typed reader reads), on one thread and on two: byte-identical reports.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { planAgreement } from '../../src/evaluate/agreement-plan.js';
import { evaluationPeriod } from '../../src/evaluate/evaluation-period.js';
import { DirectRowPath } from '../../src/evaluate/direct-row-path.js';
import { RowSink } from '../../src/evaluate/row-sink.js';
import { aggregate, at, bin, count, field, num, percentile, ref, seededRandom, str, tempDir, writeCsv } from './fixtures.js';
import { expectTypedAsGeneral, kpiAgreement, valuesByScope } from './kpi-fixtures.js';

enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');
const PRIORITIES = ['P1', 'P2', 'P3'];
const FIELDS = [field('time', 'timestamp'), field('service', 'text'), field('region', 'text', true), field('priority', 'enum', false, PRIORITIES), field('latency', 'duration', true)];

// March 2026 (Berlin); the last row is in April, outside the period. `us` first appears in the fifth row.
const ROWS: (string | number)[][] = [
    ['2026-03-05T12:00:00.000+01:00', 'a', 'eu', 'P1', 100],
    ['2026-03-05T12:00:01.000+01:00', 'a', '', 'P2', 200],
    ['2026-03-05T12:00:02.000+01:00', 'b', 'eu', 'P1', 300],
    ['2026-03-05T12:00:03.000+01:00', 'b', '"eu"', 'P3', 400],
    ['2026-03-05T12:00:04.000+01:00', 'a', 'us', 'P1', ''],
    ['2026-03-05T12:00:05.000+01:00', 'b', 'us', 'P2', 600],
    ['2026-04-02T12:00:00.000+02:00', 'a', 'eu', 'P1', 999]
];

function model(path: string, kpis: Record<string, Expr>, scopeField?: string): AgreementModel {
    return kpiAgreement('requests', path, FIELDS, kpis, { scopeField });
}

const region = ref('requests', 'region');
const priority = ref('requests', 'priority');
const latency = ref('requests', 'latency');

async function values(kpis: Record<string, Expr>, scopeField?: string): Promise<Record<string, Record<string, number | null>>> {
    const path = writeCsv(tempDir(), 'requests.csv', ['time', 'service', 'region', 'priority', 'latency'], ROWS);
    return valuesByScope(await evaluateAgreement(model(path, kpis, scopeField), { from: '2026-03-01', to: '2026-03-31', now: NOW, parallelMinBytes: Infinity }));
}

describe('text filters on the direct row path', () => {
    it('is the path for a text or enumeration field compared with a text, either side, and not for other forms', () => {
        const period = evaluationPeriod('Europe/Berlin', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        const direct = (where: Expr): DirectRowPath | undefined => {
            const scan = planAgreement(model('/nowhere.csv', { K: count('requests', where) }), period, undefined).scans.get('requests')!;
            return DirectRowPath.compile(scan);
        };
        expect(direct(bin('=', region, str('eu')))).toBeDefined();
        expect(direct(bin('!=', str('eu'), region))).toBeDefined();
        expect(direct(bin('=', priority, str('P1')))).toBeDefined();
        // A number first, read the other way round (100 > latency is latency < 100).
        expect(direct(bin('>', num(100), latency))).toBeDefined();
        // Conditions joined by `and`, `or` and `not`, of either kind.
        expect(direct(bin('and', bin('=', region, str('eu')), bin('and', bin('=', priority, str('P1')), bin('>', latency, num(5)))))).toBeDefined();
        expect(direct(bin('or', bin('=', region, str('eu')), { type: 'not', operand: bin('and', bin('=', priority, str('P1')), bin('>', latency, num(5))) }))).toBeDefined();
        // `in`, and `not … in`: equalities joined by `or` (texts and numbers).
        expect(direct({ type: 'in', value: region, list: [str('eu'), str('us')] })).toBeDefined();
        expect(direct({ type: 'not', operand: { type: 'in', value: priority, list: [str('P1'), str('P2')] } })).toBeDefined();
        expect(direct({ type: 'in', value: latency, list: [num(100), num(200)] })).toBeDefined();
        // Not an `in` with an empty list, or whose list mixes in what no condition reads (a number for a text field).
        expect(direct({ type: 'in', value: region, list: [] })).toBeUndefined();
        expect(direct({ type: 'in', value: region, list: [str('eu'), num(3)] })).toBeUndefined();
        // Not: a number compared with a text field, an ordering of texts, an `and` with a condition of another form,
        // `not` over a field, more than 16 alternatives (five `or`s of two, joined by `and`: 32).
        expect(direct(bin('=', region, num(3)))).toBeUndefined();
        expect(direct(bin('<', region, str('m')))).toBeUndefined();
        expect(direct(bin('and', bin('=', region, str('eu')), bin('<', region, str('m'))))).toBeUndefined();
        expect(direct({ type: 'not', operand: region })).toBeUndefined();
        const either = bin('or', bin('=', region, str('eu')), bin('=', priority, str('P1')));
        expect(direct([either, either, either, either, either].reduce((all, next) => bin('and', all, next)))).toBeUndefined();
    });

    it('counts = and != as the general path: a missing value in neither, a quoted cell as its text, a text no row holds matching nothing', async () => {
        // March: regions eu, (missing), eu, "eu", us, us.
        expect(await values({
            Eu: count('requests', bin('=', region, str('eu'))),
            NotEu: count('requests', bin('!=', region, str('eu'))),
            EuSwapped: count('requests', bin('=', str('eu'), region)),
            Us: count('requests', bin('=', region, str('us'))),
            Asia: count('requests', bin('=', region, str('asia'))),
            NotAsia: count('requests', bin('!=', region, str('asia')))
        })).toEqual({ Eu: { '*': 3 }, NotEu: { '*': 2 }, EuSwapped: { '*': 3 }, Us: { '*': 2 }, Asia: { '*': 0 }, NotAsia: { '*': 5 } });
    });

    it('takes a row only when every condition joined by and holds', async () => {
        // March: (eu, P1, 100), (missing, P2, 200), (eu, P1, 300), ("eu", P3, 400), (us, P1, missing), (us, P2, 600).
        expect(await values({
            EuSlow: count('requests', bin('and', bin('=', region, str('eu')), bin('>', latency, num(150)))),
            NotUsP1: count('requests', bin('and', bin('!=', region, str('us')), bin('=', priority, str('P1')))),
            Three: count('requests', bin('and', bin('=', region, str('eu')), bin('and', bin('=', priority, str('P1')), bin('>=', latency, num(300))))),
            P1Fast: aggregate('sum', 'requests', latency, bin('and', bin('=', priority, str('P1')), bin('<', latency, num(1000))))
        })).toEqual({ EuSlow: { '*': 2 }, NotUsP1: { '*': 2 }, Three: { '*': 1 }, P1Fast: { '*': 400 } });
    });

    it('takes a row when one alternative of or holds, not moved onto the comparisons', async () => {
        // March: (eu, P1, 100), (missing, P2, 200), (eu, P1, 300), ("eu", P3, 400), (us, P1, missing), (us, P2, 600).
        const not = (operand: Expr): Expr => ({ type: 'not', operand });
        expect(await values({
            // us, or latency over 350: rows 4 (400), 5, 6 → 3; the missing region's row has latency 200.
            UsOrSlow: count('requests', bin('or', bin('=', region, str('us')), bin('>', latency, num(350)))),
            // not (latency > 150): 100 → row 1 only; rows with a missing latency are in neither.
            NotSlow: count('requests', not(bin('>', latency, num(150)))),
            // not (region = "eu" and priority = "P1") = region != "eu" or priority != "P1": rows 2 (P2), 4 (P3), 5 (us), 6 (us) → 4.
            NotEuP1: count('requests', not(bin('and', bin('=', region, str('eu')), bin('=', priority, str('P1'))))),
            // not (region = "eu" or latency < 250): region != "eu" and latency >= 250: row 6 (us, 600) → 1; row 2's region is missing.
            Neither: count('requests', not(bin('or', bin('=', region, str('eu')), bin('<', latency, num(250))))),
            UsOrSlowSum: aggregate('sum', 'requests', latency, bin('or', bin('=', region, str('us')), bin('>', latency, num(350))))
        })).toEqual({ UsOrSlow: { '*': 3 }, NotSlow: { '*': 1 }, NotEuP1: { '*': 4 }, Neither: { '*': 1 }, UsOrSlowSum: { '*': 1000 } });
    });

    it('takes a row when its value is in the list, as the general path: a missing value neither in it nor out of it', async () => {
        // March: (eu, P1, 100), (missing, P2, 200), (eu, P1, 300), ("eu", P3, 400), (us, P1, missing), (us, P2, 600).
        const within = (value: Expr, ...list: Expr[]): Expr => ({ type: 'in', value, list });
        expect(await values({
            // eu or us: every row but the missing region's → 5.
            EuUs: count('requests', within(region, str('eu'), str('us'))),
            // not in (eu, asia): the us rows → 2 (the missing region's row in neither).
            NotEuAsia: count('requests', { type: 'not', operand: within(region, str('eu'), str('asia')) }),
            // P1 or P3: rows 1, 3, 4, 5 → 4; their latencies 100 + 300 + 400 (row 5 has none) = 800.
            P1P3: count('requests', within(priority, str('P1'), str('P3'))),
            P1P3Sum: aggregate('sum', 'requests', latency, within(priority, str('P1'), str('P3'))),
            // A number list: latency 100 or 600 → 2; not in it: 200, 300, 400 → 3 (the missing latency in neither).
            Latencies: count('requests', within(latency, num(100), num(600))),
            OtherLatencies: count('requests', { type: 'not', operand: within(latency, num(100), num(600)) }),
            // With and: eu or us, and latency under 350: rows 1 and 3 → 2.
            FastEuUs: count('requests', bin('and', within(region, str('eu'), str('us')), bin('<', latency, num(350))))
        })).toEqual({ EuUs: { '*': 5 }, NotEuAsia: { '*': 2 }, P1P3: { '*': 4 }, P1P3Sum: { '*': 800 }, Latencies: { '*': 2 }, OtherLatencies: { '*': 3 }, FastEuUs: { '*': 2 } });
    });

    it('filters values, per scope, on an enumeration too', async () => {
        // a: eu 100, (missing) 200, us (no latency); b: eu 300, "eu" 400, us 600.
        expect(await values({
            EuMean: aggregate('avg', 'requests', latency, bin('=', region, str('eu'))),
            NotUsMax: aggregate('max', 'requests', latency, bin('!=', region, str('us'))),
            P1Count: count('requests', bin('=', priority, str('P1'))),
            P1Median: percentile(50, 'requests', latency, bin('=', priority, str('P1')))
        }, 'service')).toEqual({
            EuMean: { a: 100, b: 350 },
            NotUsMax: { a: 100, b: 400 },
            // P1: a 100 and (us, no latency); b 300.
            P1Count: { a: 2, b: 1 },
            P1Median: { a: 100, b: 300 }
        });
    });
});

describe('a text filter\'s scope slot without a direct path', () => {
    it('is not interned when another KPI keeps the scan off the direct path, and is when there is one', () => {
        const period = evaluationPeriod('Europe/Berlin', { from: '2026-03-01', to: '2026-03-31' }, { now: NOW });
        const regionsInterned = (kpis: Record<string, Expr>): number => {
            const scan = planAgreement(model('/nowhere.csv', kpis), period, undefined).scans.get('requests')!;
            const sink = new RowSink(scan, period);
            const slot = scan.interners.findIndex((interner) => interner.field === 'region');
            expect(slot).toBeGreaterThanOrEqual(0);
            sink.accept([at('2026-03-05T12:00:00+01:00'), 'a', 'eu', 'P1', 100], 2);
            sink.accept([at('2026-03-05T12:00:01+01:00'), 'a', 'us', 'P2', 200], 3);
            return scan.interners[slot]!.values.length;
        };
        const eu = count('requests', bin('=', region, str('eu')));
        expect(regionsInterned({ Eu: eu })).toBe(2);
        // Arithmetic compared with a field in a filter: no direct path, and no one reads the region's ids (the general path compares the texts).
        expect(regionsInterned({ Eu: eu, Forced: count('requests', bin('>=', bin('*', latency, num(1)), latency)) })).toBe(0);
    });
});

describe('text filters on the typed path', () => {
    it('give the general path\'s report, byte for byte, on one thread and on two, with many filters on one field', async () => {
        const random = seededRandom(31);
        const regions = ['eu-central-1', 'us-east-1', 'sa-east-1', 'ap-southeast-1'];
        const plain = ['time,service,region,priority,latency'];
        const quoted = [...plain];
        for (let i = 0; i < 30_000; i++) {
            const time = new Date(at('2026-01-01T00:00:00Z') + Math.floor((i / 30_000) * 89 * 86_400_000)).toISOString();
            // A region first seen in February, and one in 50 missing.
            const regionText = i % 50 === 7 ? '' : i > 12_000 && i % 9 === 0 ? 'eu-west-3' : regions[Math.floor(random() * regions.length)]!;
            const latencyText = Math.round(random() * 2_000_000) / 1000;
            const line = (cell: string): string => `${time},svc${i % 5},${cell},${PRIORITIES[i % 3]},${latencyText}`;
            plain.push(line(regionText));
            quoted.push(line(regionText === '' ? '' : `"${regionText}"`));
        }
        const path = join(tempDir(), 'requests.csv');
        const kpis: Record<string, Expr> = {
            ...Object.fromEntries([...regions, 'eu-west-3', 'nowhere'].map((name) => [`Count ${name}`, count('requests', bin('=', region, str(name)))])),
            NotEu: count('requests', bin('!=', region, str('eu-central-1'))),
            EuSlowP1: count('requests', bin('and', bin('=', region, str('eu-central-1')), bin('and', bin('>', latency, num(1000)), bin('=', priority, str('P1'))))),
            UsOrSlow: count('requests', bin('or', bin('=', region, str('us-east-1')), { type: 'not', operand: bin('<=', latency, num(1500)) })),
            EuP95: percentile(95, 'requests', latency, bin('=', region, str('eu-central-1'))),
            P2Mean: aggregate('avg', 'requests', latency, bin('=', priority, str('P2'))),
            EuOrSaP99: percentile(99, 'requests', latency, { type: 'in', value: region, list: [str('eu-central-1'), str('sa-east-1')] }),
            NotP1P3: count('requests', { type: 'not', operand: { type: 'in', value: priority, list: [str('P1'), str('P3')] } })
        };
        const general = await expectTypedAsGeneral(model(path, kpis, 'service'), path, plain, quoted, { from: '2026-01-01', to: '2026-03-31', now: NOW }, 25_000);
        // The counts of the regions add up to the rows with a region: nothing lost or counted twice.
        const parsed = JSON.parse(general) as { objectives: Array<{ kpi: string; windows: Array<{ value: number | null }> }> };
        const total = (kpi: string): number => parsed.objectives.find((o) => o.kpi === kpi)!.windows.reduce((sum, w) => sum + (w.value ?? 0), 0);
        const withRegion = plain.slice(1).filter((row) => row.split(',')[2] !== '').length;
        expect([...regions, 'eu-west-3'].reduce((sum, name) => sum + total(`Count ${name}`), 0)).toBe(withRegion);
        expect(total('Count nowhere')).toBe(0);
        // One p95 by hand: svc0's January (Berlin) latencies in eu-central-1, nearest rank.
        const january = plain.slice(1).map((row) => row.split(',')).filter(([time, service, regionCell]) => service === 'svc0' && regionCell === 'eu-central-1' && new Date(Date.parse(time!) + 3_600_000).getUTCMonth() === 0).map((cells) => Number(cells[4])).sort((a, b) => a - b);
        const p95 = parsed.objectives.find((o) => o.kpi === 'EuP95')!.windows[0]!;
        expect(p95.value).toBe(january[Math.ceil(0.95 * january.length) - 1]);
        expect(total('NotEu')).toBe(withRegion - total('Count eu-central-1'));
    }, 60_000);
});
