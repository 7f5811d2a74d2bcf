import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';

/**
 * The at-risk amount (`credits capped at 12% of fee per calendar month`) in sla explain and the
 * inlay hints is the limit the evaluation applies: the share of the fee taken down to whole cents
 * (docs/language-reference.md § 12.4), per period on the fee of its part inside the validity.
 */
const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper<Document>(services);
afterEach(() => clearDocuments(services));

function agreement(options: { validFrom: string; fee: string; cap: string; tiers: string }): string {
    return `agreement X "At risk" {
    provider P "P"
    customer C "C"
    valid from ${options.validFrom} to 2026-12-31
    timezone "Europe/Berlin"
    fee ${options.fee}
    ${options.cap}

    dataset incidents "Incidents" from "data/incidents.csv" {
        started   timestamp
        resolved  timestamp
    }

    service S "S" {
        kpi Availability "Up" owner "ops" =
            uptime(incidents, from started to resolved)

        objective Availability >= 99.8% per calendar month

        credit for Availability per calendar month {
${options.tiers}
        }
    }
}
`;
}

async function explained(text: string): Promise<string> {
    const document = await parse(text);
    return explainAgreement(document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0], services.types.TypeComputer);
}

async function allocationHints(text: string): Promise<string[]> {
    const document = await parse(text);
    const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
    const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
    return (hints ?? []).map(hint => String(hint.label)).filter(label => label.startsWith('='));
}

describe('an at-risk amount in % of a fee per its own period', () => {
    const text = agreement({
        validFrom: '2026-01-01',
        fee: '9999.99 EUR per calendar month',
        cap: 'credits capped at 12% of fee per calendar month',
        tiers: '            below 99.8% : 40% of at-risk amount\n            below 99.0% : 100% of at-risk amount'
    });

    test('the cap and a tier that is all of it: 12 % × 9,999.99 EUR = 1,199.9988 EUR, taken down to 1,199.99 EUR', async () => {
        const explanation = await explained(text);
        expect(explanation).toContain('per calendar month at most 12% of the fee (1,199.99 EUR).');
        // 100 % of the at-risk amount owes 1,199.9988 → 1,200.00 EUR, of which the cap lets 1,199.99 EUR be paid.
        expect(explanation).toContain('the customer receives 100% of the at-risk amount (12% of the fee per calendar month): 12% of the fee (1,199.99 EUR).');
        // 40 %: 4.8 % × 9,999.99 = 479.99952 → 480.00 EUR, under the cap: paid in full.
        expect(explanation).toContain('the customer receives 40% of the at-risk amount (12% of the fee per calendar month): 4.8% of the fee (480.00 EUR).');
        expect(explanation).not.toContain('1,200.00 EUR');
    });

    test('the inlay hints after the tiers', async () => {
        expect(await allocationHints(text)).toEqual(['= 4.8% of fee · 480.00 EUR', '= 12% of fee · 1,199.99 EUR']);
    });

    test('an at-risk amount in money: 100 % of 1,000.005 EUR is paid at most 1,000 EUR (the cap taken down to whole cents)', async () => {
        const inMoney = text.replace('credits capped at 12% of fee per calendar month', 'credits capped at 1000.005 EUR per calendar month');
        // 40 % of 1,000.005 = 400.002 → 400.00 EUR; 100 % = 1,000.005 → 1,000.01 owed, the cap lets 1,000.00 EUR be paid.
        expect(await allocationHints(inMoney)).toEqual(['= 400.00 EUR', '= 1,000.00 EUR']);
    });
});

describe('an at-risk amount per month on a quarterly fee, the validity from 16 January', () => {
    test('each month\'s limit taken down to whole cents, and the January the validity cuts', async () => {
        const explanation = await explained(agreement({
            validFrom: '2026-01-16',
            fee: '30000 EUR per calendar quarter',
            cap: 'credits capped at 12% of fee per calendar month, pool 250%',
            tiers: '            below 99.8% : 40% of at-risk amount\n            below 99.0% : 150% of at-risk amount'
        }));
        // Q1 2026 in Berlin lasts 90 days less the hour forward in March: 2,159 h.
        // February 672 h: 30,000 × 672/2,159 × 12 % = 1,120.5188… → 1,120.51 EUR (the smallest whole month);
        // March 743 h: 30,000 × 743/2,159 × 12 % = 1,238.9069… → 1,238.90 EUR (the largest of the year;
        // May 744/2,184 h of Q2: 1,226.37 EUR, December 744/2,209 h of Q4: 1,212.49 EUR).
        // January from the 16th, 384 h: 30,000 × 384/2,159 × 12 % = 640.2964… → 640.29 EUR.
        expect(explanation).toContain('per calendar month at most 12% of the month\'s share of the fee of 30,000.00 EUR per calendar quarter, prorated by elapsed time '
            + '(30,000.00 EUR × the month\'s length ÷ the quarter\'s): from 1,120.51 EUR in February 2026 to 1,238.90 EUR in March 2026 with the change to summer time; '
            + 'in January 2026, its 16 days from 16 January 2026, at most 640.29 EUR (12% of the fee of the part inside the validity).');
    });
});
