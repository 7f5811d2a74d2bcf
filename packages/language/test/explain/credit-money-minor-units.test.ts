/**
 * A credit's amount in money is shown to its currency's minor unit, as the report pays it:
 * 3 decimals for the Bahraini dinar, 2 for the euro, none for the yen.
 */
import { afterEach, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

function agreement(fee: string): string {
    return `agreement B1 "Fee" {
    provider P "Prov"
    customer C "Cust"
    valid from 2026-01-01 to 2026-02-28
    timezone "UTC"
    fee ${fee} per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Web "Web" {
        kpi Up "Uptime" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month, capped at 100% of fee {
            below 99.9% : 10% of fee
            below 99.0% : 25.5% of fee
        }
    }
}
`;
}

async function explain(fee: string): Promise<string> {
    const document = await parse(agreement(fee));
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

test('BHD: the amounts keep their 3 decimals (mils), as the evaluation pays them', async () => {
    const text = await explain('1000.125 BHD');
    // 10 % of 1,000.125 = 100.0125 → 100.013 (half away from zero, 3 decimals; was cut to 100.01).
    expect(text).toContain('the customer receives 10% of the fee (100.013 BHD).');
    // 25.5 % of 1,000.125 = 255.031875 → 255.032 (was 255.03).
    expect(text).toContain('the customer receives 25.5% of the fee (255.032 BHD).');
    // 100 % of 1,000.125 = 1,000.125 (was 1,000.13).
    expect(text).toContain('Credits are capped at 100% of the fee (1,000.125 BHD) per credit window.');
});

test('EUR: the same amounts to the cent; JPY: to the whole yen', async () => {
    const euro = await explain('1000.125 EUR');
    // 100.0125 → 100.01; 255.031875 → 255.03; 1,000.125 → 1,000.13 (2 decimals, half away from zero).
    expect(euro).toContain('10% of the fee (100.01 EUR)');
    expect(euro).toContain('25.5% of the fee (255.03 EUR)');
    expect(euro).toContain('100% of the fee (1,000.13 EUR)');
    const yen = await explain('100005 JPY');
    // 10 % of 100,005 = 10,000.5 → 10,001; 25.5 % = 25,501.275 → 25,501; 100 % = 100,005.
    expect(yen).toContain('10% of the fee (10,001 JPY)');
    expect(yen).toContain('25.5% of the fee (25,501 JPY)');
    expect(yen).toContain('100% of the fee (100,005 JPY)');
});
