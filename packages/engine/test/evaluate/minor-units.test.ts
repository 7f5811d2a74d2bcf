/**
 * Money is rounded at the end to the currency's minor unit (ISO 4217): cents for EUR, whole yen
 * for JPY, thousandths for BHD — not to cents everywhere (a 10 % credit on a 123,457 JPY fee was
 * ¥12,345.70). Figures by hand.
 */
import { describe, expect, it } from 'vitest';
import { evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { minorUnits, roundToCents } from '../../src/evaluate/money.js';
import { formatMoney } from '../../src/report/format-values.js';
import { agreement, at, dataset, field, MONTH, tempDir, writeCsv } from './fixtures.js';

function hosting(fee: number, currency: string, capPercent?: number): AgreementModel {
    // January: 31 days, one day down: 30/31 = 96.77 % < 99 %: the 10 % tier.
    const path = writeCsv(tempDir(), 'incidents.csv', ['started', 'resolved'], [['2026-01-10T00:00:00Z', '2026-01-11T00:00:00Z']]);
    return agreement({
        timezone: 'UTC',
        fee: { amount: fee, currency, period: MONTH },
        datasets: { incidents: dataset('incidents', path, [field('started', 'timestamp'), field('resolved', 'timestamp', true)]) },
        kpis: [{ key: 'Up', name: 'Up', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [] } }],
        objectives: [{ kpi: 'Up', kpiName: 'Up', comparison: '>=', target: 0.99, unitKind: 'ratio', window: MONTH }],
        credits: [{
            kpi: 'Up',
            window: MONTH,
            tiers: [{ upper: { value: 0.99, inclusive: false }, amount: { kind: 'percentOfFee', percent: capPercent === undefined ? 10 : 50 }, label: 'below 99%' }],
            ...(capPercent === undefined ? {} : { capPerWindow: { kind: 'percentOfFee' as const, percent: capPercent } })
        }]
    });
}

const evaluate = (model: AgreementModel) => evaluateAgreement(model, { from: '2026-01-01', to: '2026-01-31', now: at('2026-02-01T00:00:00Z'), parallelMinBytes: Infinity });

describe('money in the currency\'s minor unit', () => {
    it('knows the minor units of ISO currencies, and cents for other units', () => {
        expect([minorUnits('EUR'), minorUnits('JPY'), minorUnits('KRW'), minorUnits('BHD'), minorUnits('credits'), minorUnits(undefined)]).toEqual([2, 0, 0, 3, 2, 2]);
        expect([roundToCents(12345.7, 'JPY'), roundToCents(12345.5, 'JPY'), roundToCents(123.4567, 'BHD'), roundToCents(1.005, 'EUR'), roundToCents(1.005)]).toEqual([12346, 12346, 123.457, 1.01, 1.01]);
        expect([formatMoney(12346, 'JPY'), formatMoney(1234.5, 'EUR')]).toEqual(['¥12,346', '€1,234.50']);
        expect(formatMoney(123.457, 'BHD')).toMatch(/^BHD\s123\.457$/);
    });

    it('pays a credit in whole yen: 10 % of 123,457 JPY is 12,346 JPY', async () => {
        const credit = (await evaluate(hosting(123_457, 'JPY'))).credits[0]!;
        expect([credit.windows[0]!.amount, credit.total]).toEqual([12_346, 12_346]);
    });

    it('keeps cents for EUR: 10 % of 1,234.57 EUR is 123.46 EUR', async () => {
        expect((await evaluate(hosting(1234.57, 'EUR'))).credits[0]!.total).toBe(123.46);
    });

    it('caps in whole yen, down: 50 % capped per window at 12 % of 123,457 JPY (14,814.84) pays 14,814 JPY', async () => {
        // Rounded half up, 14,815 JPY would exceed the cap of 14,814.84: rounding never takes a window above a cap.
        expect((await evaluate(hosting(123_457, 'JPY', 12))).credits[0]!.total).toBe(14_814);
    });

    it('caps all credits together in whole yen, down: 50 % capped at 12 % of 123,457 JPY (14,814.84) pays 14,814 JPY', async () => {
        const model = hosting(123_457, 'JPY', 100);
        model.creditCaps = [{ amount: { kind: 'percentOfFee', percent: 12 }, window: { kind: 'calendar', unit: 'month' }, text: '12% of fee per calendar month' }];
        const report = await evaluate(model);
        // 50 % of 123,457 = 61,728.5 owed; paid no more than the limit, in whole yen down.
        expect(report.credits[0]!.total).toBe(14_814);
        expect(report.creditCaps![0]!.periods[0]).toMatchObject({ limit: 14_814, owed: 61_729, paid: 14_814 });
    });
});
