import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';
import { availabilityAgreement, outagesCsv, failuresAgreement } from './outage-fixture.js';

/**
 * Credits raised for repeated breaches (`raised by 50% per consecutive breach, at most 200%`),
 * evaluated (UTC). Fee 10,000 EUR a month; below 99.9 %: 10 % of fee (1,000 EUR), below 99.0 %:
 * 25 % (2,500 EUR); the credit capped at 30 % of fee (3,000 EUR) per window.
 * Two-hour outages: January one (120 of 44,640 minutes: 99.731 %), February one (120 of 40,320:
 * 99.702 %), March eight (960 of 44,640: 97.849 %), April one (120 of 43,200: 99.722 %), May
 * none, June one (99.722 %). Worked by hand: January the 1st breach, 1,000; February the 2nd,
 * × 1.5 = 1,500; March the 3rd, 2,500 × 2 = 5,000, capped at 3,000; April the 4th, × 2.5 but at
 * most × 2: 2,000; May met (the run ends); June a 1st breach again, 1,000. 8,500 EUR in all.
 */
const DAYS = ['2026-01-10', '2026-02-10', ...['02', '03', '04', '05', '06', '07', '08', '09'].map(day => `2026-03-${day}`), '2026-04-10', '2026-06-10'];

const agreement = (raise: string) => availabilityAgreement(`    objective Availability >= 99.9% per calendar month
    credit for Availability per calendar month, capped at 30% of fee {
        below 99.9% : 10% of fee
        below 99.0% : 25% of fee
        ${raise}
    }
`);

const evaluate = (raise: string) => evaluateFixture({ 'hosting.sla': agreement(raise), 'incidents.csv': outagesCsv(DAYS) }, { from: '2026-01-01', to: '2026-06-30' });

describe('credits raised for repeated breaches', () => {
    it('without the term, each breach pays its tier', async () => {
        const report = await evaluate('');
        expect(report.credits[0]!.windows.map(w => w.amount)).toEqual([1000, 1000, 2500, 1000, 0, 1000]);
    });

    it('50 % more per breach in a row, at most 200 %, before the credit\'s own cap', async () => {
        const report = await evaluate('raised by 50% per consecutive breach, at most 200%');
        const windows = report.credits[0]!.windows;
        expect(windows.map(w => w.amount)).toEqual([1000, 1500, 3000, 2000, 0, 1000]);
        expect(windows.map(w => w.repeat ?? null)).toEqual([null, { breach: 2, factor: 1.5 }, { breach: 3, factor: 2 }, { breach: 4, factor: 2 }, null, null]);
        // March: 2,500 × 2 = 5,000 before the window's cap of 3,000.
        expect(windows[2]).toMatchObject({ uncappedAmount: 5000, capped: true, cap: 'window' });
        expect(report.credits[0]!.total).toBe(8500);
        expect(renderTable(report, { color: false })).toContain('1: below 99.9% (10 % of fee) (× 1.5: breach 2 in a row)');
    });

    it('without a limit the raise goes on: April\'s 4th breach in a row pays × 2.5', async () => {
        const report = await evaluate('raised by 50% per consecutive breach');
        expect(report.credits[0]!.windows.map(w => w.amount)).toEqual([1000, 1500, 3000, 2500, 0, 1000]);
    });

    it('a raised credit is provisional while open rows could still change the run of breaches before it', async () => {
        // Daily credits: a late ticket (open over 36 hours) or a critical one breaches a day. T1, opened on 1 March at
        // 23:00 and still open at 01:00 on 3 March (26 hours so far), may yet make 1 March a breach; T2, a critical
        // ticket on 2 March, breaches 2 March for sure: its credit is 100 EUR, or 150 EUR should 1 March turn out breached.
        const text = failuresAgreement(`    objective Failures <= 0 per calendar day
    credit for Failures per calendar day, capped at 1000 EUR {
        above 0 : 100 EUR * Failures
        raised by 50% per consecutive breach
    }
`);
        const rows = 'id,severity,opened,resolved\nT1,normal,2026-03-01T23:00:00Z,\nT2,critical,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n';
        const report = await evaluateFixture({ 'desk.sla': text, 'tickets.csv': rows }, { from: '2026-03-01', to: '2026-03-02', now: Date.parse('2026-03-03T01:00:00Z') });
        const [first, second] = report.credits[0]!.windows;
        expect(first).toMatchObject({ tier: null, provisional: true });
        expect(second).toMatchObject({ tier: 1, amount: 100, provisional: true });
        expect(report.credits[0]!.total).toBe(0);
    });
});
