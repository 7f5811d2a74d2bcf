import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';
import { createSlaServices } from '../../src/sla-module.js';
import { explainAgreement } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';

const { hover } = hoverHarness();

/**
 * The fixture (fee 12,000 EUR per calendar month) with an at-risk amount of 12 % of the fee a
 * month (1,440.00 EUR) and its credit's tiers as allocations of it: 40 % (4.8 % of the fee, 576.00 EUR)
 * and 100 % (12 %, 1,440.00 EUR).
 */
function withAllocations(pool = ', pool 250%', tiers = ['40%', '100%']): string {
    return AGREEMENT
        .replace('    fee 12000 EUR per calendar month\n', `    fee 12000 EUR per calendar month\n    credits capped at 12% of fee per calendar month${pool}\n`)
        .replace('capped at 50% of fee {', '{')
        .replace('below 99.9% : 10% of fee', `below 99.9% : ${tiers[0]} of at-risk amount`)
        .replace('below 99.0% : 25% of fee', `below 99.0% : ${tiers[1]} of at-risk amount`);
}

describe('hover on an allocation of the at-risk amount', () => {
    test('each tier says whose share it is, the share of the fee and the money', async () => {
        await hover({
            text: withCursor('99.9% : 40%', 0, withAllocations()),
            index: 0,
            hover: /- If Availability is below 99\.9%, the customer receives 40% of the at-risk amount \(12% of the fee per calendar month\): 4\.8% of the fee \(576\.00 EUR\)\.\n- If Availability is below 99%, the customer receives 100% of the at-risk amount \(12% of the fee per calendar month\): 12% of the fee \(1,440\.00 EUR\)\./
        });
    });

    test('a share computed on the decimals as written: 33.3 % of 12 % is 3.996 % (479.52 EUR)', async () => {
        await hover({ text: withCursor('99.9% : 33.3%', 0, withAllocations('', ['33.3%', '100%'])), index: 0, hover: /33\.3% of the at-risk amount \(12% of the fee per calendar month\): 3\.996% of the fee \(479\.52 EUR\)\./ });
    });

    test('without a cap on all credits per the credit\'s period it says so', async () => {
        const text = withAllocations().replace('credits capped at 12% of fee per calendar month, pool 250%', 'credits capped at 100000 EUR per calendar year');
        await hover({ text: withCursor('99.9% : 40%', 0, text), index: 0, hover: /40% of the at-risk amount \(no cap on all credits together per calendar month says how much that is\)/ });
    });
});

describe('hover on the pool', () => {
    test('the cap lists the allocations against the pool', async () => {
        await hover({
            text: withCursor('12% of fee per calendar month, pool', 0, withAllocations()),
            index: 0,
            hover: /\n\nThe credits' allocations \(each credit's largest\) add up to 100%: WebShop\.Availability 100%\. The pool lets them add up to 250%: more than the whole at-risk amount, so in a period where many service levels fail the cap lowers some credits\.$/
        });
    });

    test('allocations above the pool: what to do', async () => {
        await hover({ text: withCursor('12% of fee per calendar month, pool', 0, withAllocations(', pool 80%')), index: 0, hover: /add up to 100%: WebShop\.Availability 100%\. That is more than the pool of 80%: lower an allocation or raise the pool\.$/ });
    });

    test('a cap without allocations or pool says nothing of them', async () => {
        const text = AGREEMENT.replace('    fee 12000 EUR per calendar month\n', '    fee 12000 EUR per calendar month\n    credits capped at 12% of fee per calendar month\n');
        await hover({ text: withCursor('12% of fee per calendar month', 0, text), index: 0, hover: /A window counts in the period it starts in\.$/ });
    });

    test('the pool keyword shows the glossary entry on allocations', async () => {
        await hover({ text: withCursor('pool 250%', 0, withAllocations()), index: 0, hover: /\*\*Allocation of the at-risk amount\*\*: `below 99\.8% : 40% of at-risk amount` pays 40 % of the at-risk amount/ });
    });
});

describe('sla explain of allocations', () => {
    test('the tiers, the pool and the glossary entry', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        const document = await parseHelper<Document>(services)(withAllocations());
        const agreement = document.parseResult.value.elements[0] as Parameters<typeof explainAgreement>[0];
        const text = explainAgreement(agreement, services.types.TypeComputer);
        expect(text).toContain('the customer receives 40% of the at-risk amount (12% of the fee per calendar month): 4.8% of the fee (576.00 EUR).');
        expect(text).toContain('The pool lets them add up to 250%');
        expect(text).toContain('- **Allocation of the at-risk amount**: ');
    });
});
