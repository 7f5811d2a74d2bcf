import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement with a request log that has `service`, and the members given. */
function agreement(head: string, members: string): string {
    return `agreement Fees "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"
${head}

    dataset requests "Access log" from "data/requests.csv" {
        time timestamp
        service text
        status integer
    }

${members}
}
`;
}

/** Applies the fix, and checks it removes that diagnostic and adds none. */
async function expectFix(before: string, code: string, title: string, after: string): Promise<void> {
    const { apply } = await fixesFor(before, code);
    const fixed = apply(title);
    expect(fixed).toBe(after);
    expect(codesOf((await validate(fixed)).diagnostics)).toEqual(codesOf((await validate(before)).diagnostics).filter(c => c !== code));
}

const services = (erp: string) => `    service ERP "ERP" {
        fee ${erp} EUR per calendar month
        kpi Success "ERP requests without a server error" = count(requests where status < 500) / count(requests)
        objective Success >= 99.5% per calendar month
    }
    service Desk "Service desk" {
        fee 1500.25 EUR per calendar month
        kpi Answered "Desk requests without a server error" = count(requests where status < 500) / count(requests)
        objective Answered >= 99.5% per calendar month
    }`;

describe('quick fixes of fees and scopes', () => {
    test("fee-inconsistent: the agreement's fee becomes the sum of the services' fees (3,000 + 1,500.25 = 4,500.25 EUR)", async () => {
        await expectFix(agreement('    fee 4000 EUR per calendar month', services('3000')), 'sla/fee-inconsistent',
            "Make the agreement's fee 4,500.25 EUR (the sum)", agreement('    fee 4500.25 EUR per calendar month', services('3000')));
    });

    test('fee-inconsistent: no diagnostic when the services take less than the whole fee', async () => {
        expect(codesOf((await validate(agreement('    fee 4500.25 EUR per calendar month', services('3000')))).diagnostics)).not.toContain('sla/fee-inconsistent');
    });

    const kpi = '    kpi Success "Requests without a server error" = count(requests where status < 500) / count(requests)';
    const credit = (scope: string) => `    credit for Success per calendar month${scope}, capped at 50% of fee {\n        below 99.9% : 10% of fee\n    }`;

    test('credit-scope-mismatch: a credit per service adds the scope to its objective', async () => {
        const before = agreement('    fee 1000 EUR per calendar month', `${kpi}\n    objective Success >= 99.9% per calendar month\n${credit(' for each service')}`);
        const after = agreement('    fee 1000 EUR per calendar month', `${kpi}\n    objective Success >= 99.9% per calendar month for each service\n${credit(' for each service')}`);
        await expectFix(before, 'sla/credit-scope-mismatch', "Add 'for each service' to the objective", after);
    });

    test('credit-scope-mismatch: a per-service objective adds the scope to its credit', async () => {
        const before = agreement('    fee 1000 EUR per calendar month', `${kpi}\n    objective Success >= 99.9% per calendar month for each service\n${credit('')}`);
        const after = agreement('    fee 1000 EUR per calendar month', `${kpi}\n    objective Success >= 99.9% per calendar month for each service\n${credit(' for each service')}`);
        await expectFix(before, 'sla/credit-scope-mismatch', "Add 'for each service' to the credit", after);
    });
});
