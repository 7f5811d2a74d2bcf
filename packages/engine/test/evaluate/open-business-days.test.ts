import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr } from '../../src/index.js';
import { agreement, at, bin, dataset, field, MONTH, num, ref, str, tempDir, writeCsv } from './fixtures.js';

/**
 * docs/language-reference.md § 14.7 with business days (§ 8.4): an open row's time so far is
 * counted in business days when the condition is written in business days, and compared
 * exactly. Business hours Mon–Fri 08:00–18:00, Europe/Berlin.
 */
const LATER = at('2027-01-01T00:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31', now: LATER };

const isP3 = bin('=', ref('tickets', 'priority'), str('P3'));
const days: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'resolved'), calendar: 'BusinessHours', unit: 'businessDays' };

function serviceDesk(rows: string[][], limit: number): AgreementModel {
    const path = writeCsv(tempDir(), 'tickets.csv', ['opened', 'resolved', 'priority'], rows);
    const share: Expr = { type: 'share', dataset: 'tickets', part: bin('and', isP3, bin('<=', days, num(limit))), whole: isP3 };
    return agreement({
        calendars: { BusinessHours: { zone: 'Europe/Berlin', rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }], holidays: [] } },
        datasets: { tickets: dataset('tickets', path, [field('opened', 'timestamp'), field('resolved', 'timestamp', true), field('priority', 'text')]) },
        kpis: [{ key: 'P3Fix', name: 'P3Fix', unitKind: 'ratio', formula: share }],
        objectives: [{ kpi: 'P3Fix', kpiName: 'P3Fix', comparison: '>=', target: 0.95, unitKind: 'ratio', window: MONTH }]
    });
}

const fixed = ['2026-03-03T09:00:00+01:00', '2026-03-03T10:00:00+01:00', 'P3'];

describe('open rows against a limit in business days', () => {
    it('leaves a row open for 3 business hours pending under <= 2 business days', async () => {
        // Tuesday 31 March 15:00 → end of March: 3 of 10 business hours = 0.3 business days so far.
        // It could still pass: pending; 1/1 = 100 %, met; never fixed 1/2 → provisional.
        const report = await evaluateAgreement(serviceDesk([fixed, ['2026-03-31T15:00:00+02:00', '', 'P3']], 2), MARCH);
        const march = report.objectives[0]!.windows[0]!;
        expect(march.pending).toBe(1);
        expect(march.failedOpen).toBeUndefined();
        expect(march.value).toBe(1);
        expect(march.provisional).toBe(true);
    });

    it('counts a row open for more than the limit as failed, and one open exactly the limit as pending', async () => {
        // Opened Monday 30 March 08:00: by the end of March (Tuesday 18:00) exactly 2 business days
        // so far: <= 2 still holds, pending. Opened Friday 27 March 17:00: 1 h + 2 days = 2.1 > 2: failed.
        const exactly = await evaluateAgreement(serviceDesk([fixed, ['2026-03-30T08:00:00+02:00', '', 'P3']], 2), MARCH);
        expect(exactly.objectives[0]!.windows[0]!.pending).toBe(1);
        const over = await evaluateAgreement(serviceDesk([fixed, ['2026-03-27T17:00:00+01:00', '', 'P3']], 2), MARCH);
        const march = over.objectives[0]!.windows[0]!;
        expect(march.failedOpen).toBe(1);
        expect(march.value).toBe(0.5);
        expect(march.status).toBe('breached');
    });
});
