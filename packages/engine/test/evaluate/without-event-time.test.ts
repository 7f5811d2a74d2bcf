// Rows whose event time is empty (the first timestamp field declared optional: tickets still open
// have no `resolved`) are in no window; they are not outside the evaluation period, so they are
// counted apart (`withoutEventTime`) and a note says what to do — on one thread and on two, and
// when a slices(… by …) places rows by another field.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enableScanWorkers, evaluateAgreement, type AgreementModel, type Expr, type Report } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MINUTE, MONTH, num, tempDir } from './fixtures.js';

// The worker thread runs the compiled module (a worker cannot load this TypeScript source).
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-06-01T00:00:00Z');

function tickets(csv: string, formula: Expr = count('t'), requiredOpened = true): AgreementModel {
    const path = join(tempDir(), 't.csv');
    writeFileSync(path, csv);
    return agreement({
        timezone: 'UTC',
        datasets: { t: dataset('t', path, [field('resolved', 'timestamp', true), field('opened', 'timestamp', !requiredOpened), field('id', 'text')]) },
        kpis: [{ key: 'N', name: 'N', unitKind: 'count', formula }],
        objectives: [{ kpi: 'N', kpiName: 'N', comparison: '>=', target: 3, unitKind: 'count', window: MONTH }]
    });
}

async function evaluate(model: AgreementModel, parallel = false): Promise<Report> {
    const report = await evaluateAgreement(model, { now: NOW, parallelMinBytes: parallel ? 1 : Infinity, readChunkBytes: 4096, ...(parallel ? { parallelRangeBytes: 16 * 1024 } : {}) });
    return { ...report, generatedAt: '' };
}

// 3 tickets resolved in March, 1 resolved in February 2027 (after the validity, 2026), 2 not resolved.
const SMALL = [
    'resolved,opened,id',
    '2026-03-02T10:00:00Z,2026-03-01T10:00:00Z,1',
    ',2026-03-01T11:00:00Z,2',
    '2026-03-05T10:00:00Z,2026-03-04T10:00:00Z,3',
    ',2026-03-06T12:00:00Z,4',
    '2026-03-09T10:00:00Z,2026-03-08T10:00:00Z,5',
    '2027-02-01T10:00:00Z,2026-12-30T10:00:00Z,6'
].join('\n') + '\n';

describe('rows without an event time', () => {
    it('are counted apart from the rows outside the period, with a note naming the field to declare first', async () => {
        const report = await evaluate(tickets(SMALL));
        const data = report.datasets[0]!;
        // 6 rows: 3 in March, 1 outside the period (2027), 2 without `resolved`.
        expect({ rows: data.rows, outsidePeriod: data.outsidePeriod, withoutEventTime: data.withoutEventTime }).toEqual({ rows: 6, outsidePeriod: 1, withoutEventTime: 2 });
        expect(report.objectives[0]!.windows[2]!.value).toBe(3); // March
        expect(report.notes).toContain("2 row(s) of dataset 't' have no 'resolved' (the event time): they are in no window, and not counted as outside the period; declare 'opened' first if it is the time that dates a row (a dataset's first timestamp field is its event time).");
    });

    it('without a timestamp every row has, the note asks for the event time in every row', async () => {
        const report = await evaluate(tickets(SMALL, count('t'), false));
        expect(report.notes.find((note) => note.startsWith('2 row(s)'))).toBe("2 row(s) of dataset 't' have no 'resolved' (the event time): they are in no window, and not counted as outside the period; give every row a 'resolved', or declare first a timestamp field every row has.");
    });

    it('are not in the report when every row has its event time', async () => {
        const report = await evaluate(tickets(SMALL.split('\n').filter((line) => !line.startsWith(',')).join('\n')));
        expect(report.datasets[0]).toMatchObject({ rows: 4, outsidePeriod: 1 });
        expect(report.datasets[0]!.withoutEventTime).toBeUndefined();
        expect(report.notes.join(' ')).not.toContain('the event time');
    });

    it('are counted so when a slices(… by opened) places rows by another field', async () => {
        const bySlices: Expr = { type: 'timeslices', sliceMs: 60 * MINUTE, aggregation: 'count', value: bin('>=', count('t'), num(1)), empty: { kind: 'good' }, timeField: 'opened' };
        const data = (await evaluate(tickets(SMALL, bySlices))).datasets[0]!;
        expect({ rows: data.rows, outsidePeriod: data.outsidePeriod, withoutEventTime: data.withoutEventTime }).toEqual({ rows: 6, outsidePeriod: 1, withoutEventTime: 2 });
    });

    it('are counted alike on two threads', async () => {
        // 6,000 tickets opened 10 minutes apart from 1 March 2026 (to 12 April), each resolved an hour later, except:
        // r % 10 = 0 not resolved (600 rows), r % 10 = 5 resolved in February 2027, after the validity (600 rows).
        const lines = ['resolved,opened,id'];
        for (let r = 0; r < 6000; r++) {
            const opened = at('2026-03-01T00:00:00Z') + r * 10 * MINUTE;
            const resolved = r % 10 === 0 ? '' : new Date(r % 10 === 5 ? at('2027-02-01T00:00:00Z') : opened + 60 * MINUTE).toISOString();
            lines.push(`${resolved},${new Date(opened).toISOString()},${r}`);
        }
        const model = tickets(lines.join('\n') + '\n');
        const serial = await evaluate(model);
        expect({ rows: serial.datasets[0]!.rows, outsidePeriod: serial.datasets[0]!.outsidePeriod, withoutEventTime: serial.datasets[0]!.withoutEventTime }).toEqual({ rows: 6000, outsidePeriod: 600, withoutEventTime: 600 });
        expect(await evaluate(model, true)).toEqual(serial);
    });
});
