import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting } from 'langium/test';
import { afterEach, describe, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

describe('formatting fees, credit scopes, termination rights and caps on all credits', () => {
    test("a service's fee and a fee from billing data: words spaced, the formula kept as written; 'for each' in a credit head", async () => {
        const before = [
            'agreement Store {',
            '  service Standard {',
            '     fee   from sum(billing.amount where storage_class = "STANDARD")',
            '  fee    4000 EUR    per calendar month',
            '  credit for Uptime per calendar month   for each   region ,capped at 100 % of fee {',
            '  below 99.9% : 10% of fee',
            '  }',
            '  }',
            '}',
            ''
        ].join('\n');
        const after = [
            'agreement Store {',
            '    service Standard {',
            '        fee from sum(billing.amount where storage_class = "STANDARD")',
            '        fee 4000 EUR per calendar month',
            '        credit for Uptime per calendar month for each region, capped at 100% of fee {',
            '            below 99.9% : 10% of fee',
            '        }',
            '    }',
            '}',
            ''
        ].join('\n');
        await formatting({ before, after });
        await formatting({ before: after, after });
    });

    test('a cap on all credits together: one space between its words, no space before its comma', async () => {
        const before = [
            'agreement Store {',
            '  credits   capped at 12 % of fee per  calendar month ,capped   at 60000 EUR per calendar year',
            '}',
            ''
        ].join('\n');
        const after = [
            'agreement Store {',
            '    credits capped at 12% of fee per calendar month, capped at 60000 EUR per calendar year',
            '}',
            ''
        ].join('\n');
        await formatting({ before, after });
        await formatting({ before: after, after });
    });

    test('a termination right: one space between its words, no space before its comma', async () => {
        const before = [
            'agreement Store {',
            '      termination   ChronicFailure "Three months"  when Uptime is  breached in 4 of any   12 consecutive windows ,notice within 60 days',
            '}',
            ''
        ].join('\n');
        const after = [
            'agreement Store {',
            '    termination ChronicFailure "Three months" when Uptime is breached in 4 of any 12 consecutive windows, notice within 60 days',
            '}',
            ''
        ].join('\n');
        await formatting({ before, after });
        await formatting({ before: after, after });
    });
});
