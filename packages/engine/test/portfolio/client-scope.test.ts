import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

const LATER = at('2027-01-01T00:00:00Z');

/** One request log for two clients; `status >= 500` is a failure. */
function sharedLog(): string {
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], [
        // northwind, March: 4 requests, 1 failed → 3/4 = 75 %.
        ['2026-03-02T10:00:00+01:00', 'northwind', 200],
        ['2026-03-03T10:00:00+01:00', 'northwind', 500],
        ['2026-03-04T10:00:00+01:00', 'northwind', 200],
        ['2026-03-05T10:00:00+01:00', 'northwind', 200],
        // contoso, March: 2 requests, both fine → 100 %; its last row is later than northwind's.
        ['2026-03-06T10:00:00+01:00', 'contoso', 200],
        ['2026-03-20T10:00:00+01:00', 'contoso', 204],
        // a row with no client: nobody's.
        ['2026-03-07T10:00:00+01:00', '', 503]
    ]);
}

function scoped(path: string, client: string | undefined): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')]);
    if (client !== undefined) requests.clientScope = { field: 'client', value: client };
    return agreement({
        validity: { from: '2026-03-01', to: '2026-03-31' },
        datasets: { requests },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.9, unitKind: 'ratio', window: MONTH }]
    });
}

describe('client scope on a shared dataset', () => {
    it('measures only the rows of the agreement\'s client and counts the others apart, not as rejected', async () => {
        const path = sharedLog();
        const northwind = await evaluateAgreement(scoped(path, 'northwind'), { now: LATER });
        // 3 good of 4 → 0.75, below 90 % → breached.
        expect(northwind.objectives[0]!.windows[0]!.value).toBe(0.75);
        expect(northwind.objectives[0]!.windows[0]!.status).toBe('breached');
        const requests = northwind.datasets[0]!;
        expect(requests.rows).toBe(4);
        expect(requests.rejected).toBe(0);
        // 2 contoso rows + 1 row without a client.
        expect(requests.clientScope).toEqual({ field: 'client', value: 'northwind', otherClientRows: 3 });
        // The file's last row (contoso's 20 March), not the client's own (5 March): coverage is judged on all rows
        // of a dataset, every client's (language reference § 14.10, § 18.1).
        expect(requests.lastTime).toBe('2026-03-20T10:00:00+01:00');
        expect(requests.coverage.end).toBe('2026-03-20T10:00:00+01:00');

        const contoso = await evaluateAgreement(scoped(path, 'contoso'), { now: LATER });
        expect(contoso.objectives[0]!.windows[0]!.value).toBe(1);
        expect(contoso.objectives[0]!.windows[0]!.status).toBe('met');
        expect(contoso.datasets[0]!.rows).toBe(2);
    });

    it('reads every row when the dataset has no client scope', async () => {
        const report = await evaluateAgreement(scoped(sharedLog(), undefined), { now: LATER });
        // 7 requests, 2 failed (500 and 503) → 5/7.
        expect(report.objectives[0]!.windows[0]!.value).toBeCloseTo(5 / 7, 15);
        expect(report.datasets[0]!.rows).toBe(7);
        expect(report.datasets[0]!.clientScope).toBeUndefined();
    });

    it('gives no rows and no data to a client absent from the file', async () => {
        const report = await evaluateAgreement(scoped(sharedLog(), 'fabrikam'), { now: LATER });
        expect(report.datasets[0]!.rows).toBe(0);
        expect(report.datasets[0]!.clientScope?.otherClientRows).toBe(7);
        expect(report.objectives[0]!.windows[0]!.status).toBe('no data');
    });

    it('names the dataset when the scope field does not exist', async () => {
        const model = scoped(sharedLog(), 'northwind');
        model.datasets.requests!.clientScope = { field: 'customer', value: 'northwind' };
        await expect(evaluateAgreement(model, { now: LATER })).rejects.toThrow(/dataset 'requests' has no field 'customer' for its client scope/);
    });
});
