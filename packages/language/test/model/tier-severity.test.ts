import { AstUtils } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isCredit } from '../../src/generated/ast.js';
import { inSeverityOrder } from '../../src/model/tier-severity.js';
import { normalizedText } from '../../src/model/written-text.js';
import { agreement, createTestServices } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(() => clear());

/** The tiers of `credit for K per calendar month { … }`, most severe first, as written. */
async function ordered(...tiers: string[]): Promise<string[]> {
    const document = await parse(agreement(`    kpi K "k" = 1\n    objective K >= 1 per calendar month\n    credit for K per calendar month {\n${tiers.map(tier => `        ${tier}\n`).join('')}    }`));
    const credit = AstUtils.streamAst(document.parseResult.value).find(isCredit);
    if (!credit) throw new Error('no credit');
    return inSeverityOrder(credit.tiers).map(tier => normalizedText(tier.condition));
}

describe('inSeverityOrder: the tiers from the most severe, whatever order they are written in', () => {
    test('low values bad: by the upper bound, lowest first (below 99 % is worse than below 99.9 %)', async () => {
        expect(await ordered('below 99.9%: 10%', 'below 99%: 25%')).toEqual(['below 99%', 'below 99.9%']);
        expect(await ordered('below 99%: 25%', 'at least 99% and below 99.9%: 10%')).toEqual(['below 99%', 'at least 99% and below 99.9%']);
    });

    test('high values bad: by the lower bound, highest first (above 8 hours is worse than above 4 hours)', async () => {
        expect(await ordered('above 4 hours: 10%', 'at least 8 hours: 25%')).toEqual(['at least 8 hours', 'above 4 hours']);
    });

    test('missed tiers after the bounded ones, default tiers last; ties keep their written order', async () => {
        expect(await ordered('default: 50%', 'missed: 2%', 'below 99%: 25%')).toEqual(['below 99%', 'missed', 'default']);
        expect(await ordered('below 99%: 25%', 'at most 99%: 30%')).toEqual(['below 99%', 'at most 99%']);
    });

    test('the written order when the bounds cannot be ranked: another unit, or a tier bounded only from below beside one only from above', async () => {
        expect(await ordered('below 99.9%: 10%', 'below 0.99: 25%')).toEqual(['below 99.9%', 'below 0.99']);
        expect(await ordered('above 4 hours: 10%', 'below 1 hours: 25%')).toEqual(['above 4 hours', 'below 1 hours']);
    });
});
