import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

const examplesRoot = path.resolve(__dirname, '../../../../examples');
const examples = fs.readdirSync(examplesRoot, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.sla')).sort();

describe('formatting', () => {
    test('there are examples to check', () => {
        expect(examples.length).toBeGreaterThan(0);
    });

    test.each(examples)('examples/%s is already formatted (formatting changes nothing)', async (file) => {
        const text = fs.readFileSync(path.join(examplesRoot, file), 'utf8');
        await formatting({ before: text, after: text });
    });

    test('the test fixture is already formatted', async () => {
        await formatting({ before: AGREEMENT, after: AGREEMENT });
    });

    test('a messy agreement: indentation, one space between words, 99.9% glued, blank lines kept, formula layout kept', async () => {
        const before = [
            'agreement   Shop {',
            'timezone    "Europe/Berlin"',
            '      valid from 2026-01-01   to 2026-12-31',
            '',
            '  dataset requests from "r.csv" {',
            '     time      timestamp',
            '        status    integer',
            '  }',
            '  service WebShop{',
            '    kpi ErrorRate "Share of requests that failed"   =',
            '            count(requests where status >= 500)',
            '              / count(requests)',
            '  objective ErrorRate   <    0.5 %   per rolling 7 days',
            '  credit for ErrorRate per calendar month ,capped at 50 % of fee {',
            'above 0.5% : 10% of fee',
            '}',
            '}',
            '}',
            ''
        ].join('\n');
        const after = [
            'agreement Shop {',
            '    timezone "Europe/Berlin"',
            '    valid from 2026-01-01 to 2026-12-31',
            '',
            '    dataset requests from "r.csv" {',
            '        time      timestamp',
            '        status    integer',
            '    }',
            '    service WebShop {',
            '        kpi ErrorRate "Share of requests that failed" =',
            '            count(requests where status >= 500)',
            '              / count(requests)',
            '        objective ErrorRate < 0.5% per rolling 7 days',
            '        credit for ErrorRate per calendar month, capped at 50% of fee {',
            '            above 0.5% : 10% of fee',
            '        }',
            '    }',
            '}',
            ''
        ].join('\n');
        await formatting({ before, after });
        // Idempotent: formatting the result again changes nothing.
        await formatting({ before: after, after });
    });

    test('a promise over the term and a missed tier: one space between words, commas glued to the word before', async () => {
        const term = (objective: string, tier: string) => AGREEMENT
            .replace('        objective Availability >= 99.9% per calendar month\n', `        ${objective}\n`)
            .replace('            below 99.9% : 10% of fee\n', `            ${tier}\n`);
        await formatting({
            before: term('objective Availability >= 99.9% per calendar month   from  2026-04-01 ,>=  99.95%   from 2027-01-01', 'missed   :  10% of fee'),
            after: term('objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2027-01-01', 'missed : 10% of fee')
        });
        const payable = (head: string) => AGREEMENT.replace('        credit for Availability per calendar month, capped at 50% of fee {', `        ${head} {`);
        await formatting({
            before: payable('credit for Availability per calendar month   from   2026-04-01 ,  capped at 50% of fee'),
            after: payable('credit for Availability per calendar month from 2026-04-01, capped at 50% of fee')
        });
    });

    test('a formula credit and claim terms: one space between words, none inside parentheses', async () => {
        const credit = (tier: string, claim: string, minimum: string) => AGREEMENT.replace('            below 99.0% : 25% of fee\n',
            `            below 99.0% : ${tier}\n            ${claim}\n            ${minimum}\n`);
        await formatting({
            before: credit('25   *  ( 100% -   Availability )  * fee', 'claim    within   15 days', 'no  credit below   10 EUR'),
            after: credit('25 * (100% - Availability) * fee', 'claim within 15 days', 'no credit below 10 EUR')
        });
    });
});
