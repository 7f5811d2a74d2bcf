import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting } from 'langium/test';
import { afterEach, describe, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

describe('formatting fees and credit scopes', () => {
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
});
