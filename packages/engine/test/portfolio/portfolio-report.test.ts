import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, renderPortfolioHtml, renderPortfolioMarkdown, renderPortfolioTable, type AgreementModel } from '../../src/index.js';
import { agreement, at, bin, count, dataset, field, MONTH, num, ref, tempDir, writeCsv } from '../evaluate/fixtures.js';

// Mid-April: April is the window in progress for every zone below.
const NOW = at('2026-04-15T12:00:00Z');

/**
 * One request log, 10 requests per client and month (days 1–10 at 12:00 UTC: the same
 * month in every zone below), status 500 for the failures listed.
 */
function requestLog(failures: Record<string, Record<number, number>>): string {
    const rows: (string | number)[][] = [];
    for (const client of ['alpha', 'bravo', 'charlie']) {
        for (const month of [1, 2, 3, 4]) {
            const failed = failures[client]?.[month] ?? 0;
            for (let day = 1; day <= 10; day++) rows.push([`2026-0${month}-${String(day).padStart(2, '0')}T12:00:00Z`, client, day <= failed ? 500 : 200]);
        }
    }
    return writeCsv(tempDir(), 'requests.csv', ['time', 'client', 'status'], rows);
}

function clientAgreement(id: string, client: string, zone: string, currency: string, fee: number, path: string, validTo = '2026-12-31'): AgreementModel {
    const requests = dataset('requests', path, [field('time', 'timestamp'), field('client', 'text'), field('status', 'integer')]);
    requests.clientScope = { field: 'client', value: client };
    return agreement({
        id,
        timezone: zone,
        customer: { name: client, title: id },
        validity: { from: '2026-01-01', to: validTo },
        fee: { amount: fee, currency, period: MONTH },
        datasets: { requests },
        kpis: [{ key: 'Success', name: 'Success', unitKind: 'ratio', formula: bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')) }],
        objectives: [{ kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.9, unitKind: 'ratio', window: MONTH }],
        internalTargets: [{ kpi: 'Success', kpiName: 'Success', comparison: '>=', target: 0.95, unitKind: 'ratio', window: MONTH }],
        credits: [{ kpi: 'Success', window: MONTH, tiers: [{ upper: { value: 0.9, inclusive: false }, amount: { kind: 'percentOfFee', percent: 10 }, label: 'below 90%' }] }]
    });
}

function portfolio(): AgreementModel[] {
    const path = requestLog({
        alpha: { 1: 2 }, // January 8/10 = 80 % < 90 %: breached, a finished window; 10 % of 1,000 EUR = 100 EUR owed.
        bravo: { 4: 2 }, // April (in progress) 8/10 = 80 %: at risk; 10 % of 2,000 USD = 200 USD, provisional.
        charlie: { 3: 1 } // March 9/10 = 90 %: the contract's 90 % met, the internal 95 % missed: an early warning.
    });
    return [
        clientAgreement('Alpha', 'alpha', 'Europe/Berlin', 'EUR', 1000, path),
        clientAgreement('Bravo', 'bravo', 'America/New_York', 'USD', 2000, path),
        // Valid until 30 June: 76 days after 15 April (Tokyo) → expiring within 90 days.
        clientAgreement('Charlie', 'charlie', 'Asia/Tokyo', 'EUR', 500, path, '2026-06-30'),
        // No row of the log is Delta's.
        clientAgreement('Delta', 'delta', 'UTC', 'USD', 300, path)
    ];
}

describe('portfolio report', () => {
    it('gives each client its status, credits per currency, early warnings, risks and expiry, as worked out by hand', async () => {
        const models = portfolio();
        const report = await evaluatePortfolio(models, { now: NOW });
        // Breached first, then at risk, then by client name.
        expect(report.entries.map((entry) => [entry.client, entry.status])).toEqual([
            ['Alpha', 'breached'],
            ['Bravo', 'at risk'],
            ['Charlie', 'met'],
            ['Delta', 'no data']
        ]);
        const [alpha, bravo, charlie, delta] = report.entries as [typeof report.entries[0], typeof report.entries[0], typeof report.entries[0], typeof report.entries[0]];

        expect(alpha.objectives).toEqual({ met: 0, breached: 1, noData: 0 });
        expect(alpha.credits).toEqual([{ currency: 'EUR', total: 100, provisionalTotal: 0 }]);
        // Its latest window with data is April, 10/10: margin 1 − 0.9 = +0.1.
        expect(alpha.worst).toMatchObject({ kpi: 'Success', margin: expect.closeTo(0.1, 12), status: 'met' });
        // January's internal target (95 %) was missed too, but so was the contract: no early warning.
        expect(alpha.earlyWarnings).toEqual([]);

        // Bravo: January–March met; April so far 8/10 misses 90 %: no finished breach, at risk. The objective
        // counts as breached, as April's window is in its report and in the exit code (docs/cli.md).
        expect(bravo.objectives).toEqual({ met: 0, breached: 1, noData: 0 });
        expect(bravo.atRisk).toHaveLength(1);
        const risk = bravo.atRisk[0]!;
        expect([risk.start, risk.end, risk.projected]).toEqual(['2026-04-01T00:00:00-04:00', '2026-05-01T00:00:00-04:00', 'breached']);
        // Budget over the part evaluated: (1 − 0.8)/(1 − 0.9) = 2. Elapsed: 1 April 04:00Z → 15 April 12:00Z = 14 d 8 h
        // of 30 days = 344/720. Share of the whole window's budget consumed so far: 2 × 344/720 = 0.9556.
        expect(risk.budgetConsumed).toBeCloseTo((2 * 344) / 720, 9);
        expect(bravo.credits).toEqual([{ currency: 'USD', total: 0, provisionalTotal: 200 }]);

        expect(charlie.earlyWarnings).toEqual([{ kpi: 'Success', window: charlie.report.internalTargets[0]!.window, start: '2026-03-01T00:00:00+09:00' }]);
        expect(charlie.expiresOn).toBe('2026-06-30');
        expect(charlie.credits).toEqual([{ currency: 'EUR', total: 0, provisionalTotal: 0 }]);
        expect([alpha.expiresOn, bravo.expiresOn, delta.expiresOn]).toEqual([undefined, undefined, undefined]);

        // Delta has no rows: no data. Its client scope matched no row of the only file it reads (a misspelt client
        // would look the same): the client has no data there, its coverage is "no rows" (missing-scope-note.ts), and
        // the portfolio says so first.
        expect(delta.objectives).toEqual({ met: 0, breached: 0, noData: 1 });
        expect(delta.coverage).toEqual([{ dataset: 'requests', share: null }]);
        expect(report.notes[0]).toMatch(/^Delta: client scope client = "delta" matched no row of requests\.csv \(120 rows of other clients\)/);
        // Alpha: 1 January 00:00 Berlin → last event 10 April 12:00Z, within a period ending 15 April 12:00Z.
        const alphaFrom = at('2026-01-01T00:00:00+01:00');
        expect(alpha.coverage[0]!.share).toBeCloseTo((at('2026-04-10T12:00:00Z') + 1 - alphaFrom) / (NOW - alphaFrom), 9);

        // Never summed across currencies: EUR 100 (Alpha) + 0 (Charlie); USD 0 final, 200 provisional (Bravo).
        expect(report.totals).toEqual({
            agreements: 4, breached: 1, atRisk: 1, met: 1, noData: 1,
            credits: [{ currency: 'EUR', total: 100, provisionalTotal: 0 }, { currency: 'USD', total: 0, provisionalTotal: 200 }]
        });
        // 3 clients × 4 months × 10 requests, read once for the four agreements, and once more for the values nearest "delta".
        expect(report.dataFiles).toEqual([{ path: models[0]!.datasets.requests!.path, agreements: 4, reads: 2, rows: 120, threads: 1 }]);
    });

    it('renders every format with the statuses and the currencies apart, escaping what the data hold', async () => {
        const models = portfolio();
        models[0]!.customer = { name: 'alpha', title: 'Alpha <b>&</b> | Co' };
        const report = await evaluatePortfolio(models, { now: NOW });
        const table = renderPortfolioTable(report);
        expect(table).toContain('4 agreements');
        expect(table).toMatch(/AT RISK/);
        expect(table).toContain('€100.00');
        expect(table).toContain('$200.00');
        // Alpha is breached (January) while its worst objective's latest window, April, is met: the day says which window the margin is of.
        expect(table).toContain('Worst (latest window, margin)');
        expect(table).toMatch(/Alpha <b>&<\/b> \| Co\s+\S+\s+BREACHED\s+0\/1\/0\s+Success \(2026-04-01\) \+10 pp/);
        const html = renderPortfolioHtml(report);
        expect(html).toContain('Alpha &lt;b&gt;&amp;&lt;/b&gt; | Co');
        expect(html).not.toMatch(/<script|https?:\/\//i);
        const markdown = renderPortfolioMarkdown(report);
        expect(markdown).toContain('Alpha &lt;b&gt;&amp;&lt;/b&gt; \\| Co');
        expect(markdown).not.toContain('<b>');
    });
});
