import { SemanticTokensDecoder } from 'langium/lsp';
import { describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/index.js';
import { cursorBefore, hoverHarness } from './hover-harness.js';

const { services, hover, parse } = hoverHarness();

const STORE = `agreement Store "Object storage" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 5000 EUR per calendar month
    dataset requests "Request log" from "requests.csv" {
        time timestamp
        region text
        status integer
    }
    dataset billing "Charges" from "billing.csv" {
        time timestamp
        region text
        amount number in EUR
    }
    service Standard "S3 Standard" {
        fee from sum(billing.amount)
        kpi Success "Requests without a server error" = share(requests where status < 500 of requests)
        objective Success >= 99.9% per calendar month for each region
        credit for Success per calendar month for each region, capped at 100% of fee {
            below 99.9% : 10% of fee
        }
    }
    service Archive "Archive" {
        fee 1200 EUR per calendar month
        kpi Kept "Requests without a server error" = share(requests where status < 500 of requests)
        objective Kept >= 99% per calendar month
        credit for Kept per calendar month, capped at 50% of fee {
            below 99% : 10% of fee
        }
    }
}`;

const at = (needle: string): string => cursorBefore(STORE, needle);

const CREDIT_GLOSSARY = '\n\n---\n\n**Service credit**: The amount the provider owes the customer when an objective is missed, per window: the most severe tier whose threshold '
    + 'the value falls below (tiers do not add up), as a share of that window\'s fee or a money amount, then limited by the cap per window and per year.';

describe('hover on credits per scope and fees per service', () => {
    test('a credit for each region, on the service fee read from billing data', async () => {
        await hover({
            text: at('credit for Success'),
            index: 0,
            hover: '**Service credit for Success** per calendar month, for each region separately. The fee is the fee of the service Standard: '
                + 'the charges read from the billing data (the total of billing.amount) in each window and region.\n\n'
                + 'Each region is a credit of its own: judged on that region\'s value of Success, paid on that region\'s charges, and capped on its own; the total is the sum over the region values.\n\n'
                + '- If Success is below 99.9%, the customer receives 10% of the charges.\n\n'
                + 'Credits are capped at 100% of the charges per credit window.' + CREDIT_GLOSSARY
        });
    });

    test("a credit in a service with its own fee: amounts from the service's fee, not the agreement's", async () => {
        // 10% of the Archive's 1,200 EUR = 120 EUR (not 500 EUR of the agreement's 5,000); cap 50% = 600 EUR.
        await hover({
            text: at('credit for Kept'),
            index: 0,
            hover: '**Service credit for Kept** per calendar month. The fee is the fee of the service Archive, 1,200.00 EUR per calendar month.\n\n'
                + '- If Kept is below 99%, the customer receives 10% of the fee (120.00 EUR).\n\n'
                + 'Credits are capped at 50% of the fee (600.00 EUR) per credit window.' + CREDIT_GLOSSARY
        });
    });

    test("a service's fee from billing data, a service's fixed fee, and the agreement's fee as the whole price", async () => {
        await hover({
            text: at('fee from'),
            index: 0,
            hover: '**Fee of the service Standard**: the charges read from the billing data, the total of billing.amount, in each credit window — and, for a credit `for each` field, '
                + 'for each value of that field. The credits of Standard written as "% of fee" are a share of it, not of the agreement\'s fee; the services\' fees are parts of the agreement\'s. '
                + 'A window whose billing data have no rows has no fee: a credit due in it is reported as not computable, never as 0.'
        });
        await hover({
            text: at('fee 1200'),
            index: 0,
            hover: '**Fee of the service Archive**: 1,200.00 EUR per calendar month. The credits of Archive written as "% of fee" are a share of it, not of the agreement\'s fee; the services\' fees are parts of the agreement\'s.'
        });
        await hover({
            text: at('fee 5000'),
            index: 0,
            hover: '**Fee**: 5,000.00 EUR per calendar month. Credits written as "% of fee" are a share of the fee of the credit\'s window. '
                + 'It is the whole price: the services\' own fees (Standard from billing data and Archive 1,200.00 EUR) are parts of it.'
        });
    });
});

describe('sla explain with fees per service and credits per scope', () => {
    test("each service's section opens with its fee; the credit says it is per region, on that region's charges", async () => {
        const document = await parse(STORE);
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        const standard = text.slice(text.indexOf('## Service Standard'), text.indexOf('## Service Archive'));
        expect(standard).toContain('**Fee of the service Standard**: the charges read from the billing data, the total of billing.amount, in each credit window');
        expect(standard).toContain("Each region is a credit of its own: judged on that region's value of Success, paid on that region's charges, and capped on its own");
        expect(text.slice(text.indexOf('## Service Archive'))).toContain('**Fee of the service Archive**: 1,200.00 EUR per calendar month.');
    });
});

describe('semantic highlighting of a credit scope', () => {
    test("the field after 'credit … for each' is a property, like an objective's", async () => {
        const document = await parse(STORE);
        const tokens = services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(await tokens, services.lsp.SemanticTokenProvider!.tokenTypes, document);
        const creditLine = STORE.split('\n').findIndex(line => line.includes('credit for Success'));
        const objectiveLine = STORE.split('\n').findIndex(line => line.includes('objective Success'));
        const regionOn = (line: number) => decoded.filter(t => t.text === 'region' && document.textDocument.positionAt(t.offset).line === line).map(t => t.tokenType);
        expect(regionOn(creditLine)).toEqual(['property']);
        expect(regionOn(objectiveLine)).toEqual(['property']);
    });
});
