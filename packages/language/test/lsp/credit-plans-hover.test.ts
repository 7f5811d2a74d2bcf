import { describe, test } from 'vitest';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

const agreement = (choice: string, tables: string) => `agreement Cloud "Cloud" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    plans Standard, Premium, Enterprise
    ${choice}
    dataset requests "Requests" from "requests.csv" {
        time timestamp
        plan text
        status integer
    }
    kpi Success "Requests without a server error" = count(requests where status < 500) / count(requests)
    objective Success by plan {
        Standard: none,
        Premium: >= 99.9%,
        Enterprise: >= 99.95%
    } per calendar month
    credit for Success per calendar month, capped at 100% of fee {
${tables}
    }
}`;

const TABLES = `        plan Premium {
            below 99.9% : 10% of fee
        }
        plan Enterprise {
            below 99.95% : 10% of fee
        }`;

const at = (text: string, needle: string) => `${text.slice(0, text.indexOf(needle))}<|>${text.slice(text.indexOf(needle))}`;

describe('hover on credit tables per plan', () => {
    test('plan from data: each plan\'s table, and the declared plan without one', async () => {
        // 10% of the 1,000 EUR fee = 100.00 EUR; Standard has no table.
        await hover({
            text: at(agreement('plan from plan', TABLES), 'credit for'),
            index: 0,
            hover: new RegExp(['The credit table depends on the plan: each row\'s plan is read from \'plan\', and each plan\'s table is applied to that plan\'s value of Success \\(a credit per plan\\)\\.',
                '\\*\\*Plan Premium:\\*\\*\\n- If Success is below 99\\.9%, the customer receives 10% of the fee \\(100\\.00 EUR\\)\\.',
                '\\*\\*Plan Enterprise:\\*\\*\\n- If Success is below 99\\.95%, the customer receives 10% of the fee \\(100\\.00 EUR\\)\\.',
                'No table for Standard: under this plan a breach earns no credit\\.'].join('\\n\\n'))
        });
    });

    test('the agreement under one plan: which table applies, or that none does', async () => {
        await hover({
            text: at(agreement('plan Enterprise', TABLES), 'credit for'),
            index: 0,
            hover: /the agreement is under the plan Enterprise, so its table applies\./
        });
        await hover({
            text: at(agreement('plan Standard', TABLES), 'credit for'),
            index: 0,
            hover: /the agreement is under the plan Standard, so no table applies and a breach earns no credit\./
        });
    });

    test('a credit without plan tables says nothing of plans', async () => {
        await hover({
            text: at(agreement('plan Premium', '        below 99.9% : 10% of fee'), 'credit for'),
            index: 0,
            hover: /^(?![\s\S]*depends on the plan)[\s\S]*- If Success is below 99\.9%, the customer receives 10% of the fee \(100\.00 EUR\)\./
        });
    });
});

describe('hover on a credit paid on the previous month\'s fees', () => {
    const text = `agreement Cdn "CDN" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee from sum(billing.amount) of previous month
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
    }
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended timestamp
    }
    kpi Availability "Share of the month served" = uptime(outages, from started to ended)
    objective Availability >= 99.9% per calendar month
    credit for Availability per calendar month, capped at 100% of fee {
        below 99.9% : 10% of fee
    }
}`;

    // The same credit line with the fee of the month before, and of the window itself.
    test.each([
        ['of the previous month: whose fee and from which month', text,
            /The fee is the charges read from the billing data \(the total of billing\.amount\) in the calendar month before each window \(the previous period's fees\)\./],
        ['of the window itself: "in each window"', text.replace(' of previous month', ''),
            /The fee is the charges read from the billing data \(the total of billing\.amount\) in each window\./]
    ])('a fee %s', async (_name, document, expected) => {
        await hover({ text: at(document, 'credit for'), index: 0, hover: expected });
    });
});

describe('hover on a fee of the previous month', () => {
    const text = `agreement Cdn "CDN" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee from sum(billing.amount) of previous month
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
    }
}`;

    test('the fee line says which month\'s charges', async () => {
        await hover({
            text: at(text, 'fee from'),
            index: 0,
            hover: /^\*\*Fee\*\*: the charges read from the billing data, the total of billing\.amount, in the calendar month before each credit window \(January's credit is paid on December's charges\)/
        });
    });
});
