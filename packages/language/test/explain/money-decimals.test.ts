/**
 * Money in explanations (and the hovers that use them) is written with every decimal of its
 * currency's minor unit, as the engine's report writes it (€1,238.90, €1,200.00, ¥1,239):
 * `1,238.90 EUR`, never `1,238.9 EUR`; a whole amount `1,200.00 EUR`; yen without decimals.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { formatAmount } from '../../src/explain/numbers.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

function agreement(fee: string, atRisk = ''): string {
    return `agreement M "Money" {
    provider P "Prov"
    customer C "Cust"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee ${fee} per calendar month
${atRisk}
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web" {
        kpi Up "Uptime" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month, capped at 50% of fee {
            below 99.9% : 10% of fee
            below 99.0% : 25% of fee
        }
    }
}
`;
}

async function explain(fee: string, atRisk = ''): Promise<string> {
    const document = await parse(agreement(fee, atRisk));
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

describe('money amounts in explanations', () => {
    test('a credit and a cap of 90 and 50 cents keep their trailing zero', async () => {
        const text = await explain('12389 EUR');
        // 10 % of 12,389 = 1,238.9 → 1,238.90 EUR (was 1,238.9 EUR); 50 % = 6,194.5 → 6,194.50 EUR.
        expect(text).toContain('- If Up is below 99.9%, the customer receives 10% of the fee (1,238.90 EUR).');
        expect(text).toContain('Credits are capped at 50% of the fee (6,194.50 EUR) per credit window.');
        // 25 % = 3,097.25: already two decimals, written as before.
        expect(text).toContain('- If Up is below 99%, the customer receives 25% of the fee (3,097.25 EUR).');
        expect(text).not.toMatch(/\d\.\d EUR/);
    });

    test('an at-risk amount of 90 cents', async () => {
        const text = await explain('12389 EUR', '    credits capped at 10% of fee per calendar month\n');
        // 10 % of 12,389 = 1,238.9, taken down to whole cents: 1,238.90 EUR.
        expect(text).toContain('per calendar month at most 10% of the fee (1,238.90 EUR).');
    });

    test('whole amounts with their cents, as the report writes €1,200.00; the fee as written, too', async () => {
        const text = await explain('12000 EUR');
        // 10 % of 12,000 = 1,200; 50 % = 6,000.
        expect(text).toContain('the customer receives 10% of the fee (1,200.00 EUR).');
        expect(text).toContain('Credits are capped at 50% of the fee (6,000.00 EUR) per credit window.');
        expect(text).toContain('**Fee**: 12,000.00 EUR per calendar month.');
        // Not money: percentages and the target keep the digits written.
        expect(text).toContain('Up is at least 99.9% in every calendar month');
    });

    test('yen without decimals, dinars with three', async () => {
        // 10 % of 12,389 JPY = 1,238.9 → 1,239 JPY (whole yen, half away from zero); 50 % = 6,194.5 → 6,195.
        const yen = await explain('12389 JPY');
        expect(yen).toContain('10% of the fee (1,239 JPY)');
        expect(yen).toContain('50% of the fee (6,195 JPY)');
        expect(yen).toContain('**Fee**: 12,389 JPY per calendar month.');
        // 10 % of 12,389 BHD = 1,238.9 → 1,238.900 BHD (mils).
        expect(await explain('12389 BHD')).toContain('10% of the fee (1,238.900 BHD)');
    });
});

describe('formatAmount', () => {
    test('pads to the minor unit and never cuts a written amount', () => {
        expect(formatAmount(1238.9, 'EUR')).toBe('1,238.90 EUR');
        expect(formatAmount(500, 'EUR')).toBe('500.00 EUR');
        expect(formatAmount(-5.5, 'USD')).toBe('-5.50 USD');
        expect(formatAmount(0, 'EUR')).toBe('0.00 EUR');
        expect(formatAmount(1239, 'JPY')).toBe('1,239 JPY');
        // A fee written with a tenth of a cent stays as written.
        expect(formatAmount(1000.125, 'EUR')).toBe('1,000.125 EUR');
        expect(formatAmount(1238.95, 'EUR')).toBe('1,238.95 EUR');
    });
});
