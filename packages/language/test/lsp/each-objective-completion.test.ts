/**
 * Completion in `objective each tickets by id where …: Kpi <= limit` (language reference § 9.1):
 * `each` is also a name, so the grammar's completion read `objective each` as an objective on a
 * KPI named `each` and offered only `by` (of `by plan { … }`), no dataset.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { completeIn } from './completion-harness.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
afterEach(() => clearDocuments(services));

const CREDIT = '        credit for Availability per calendar month, capped at 50% of fee {';

/** Labels with an objective line written before the fixture's credit. */
async function labelsAfter(objective: string): Promise<string[]> {
    return (await completeIn(services, { 'shop.sla': AGREEMENT.replace(CREDIT, `        ${objective}\n${CREDIT}`) })).labels;
}

describe('objective each', () => {
    test('after `each`: the datasets the agreement sees, not `by`', async () => {
        expect(await labelsAfter('objective each <|>')).toEqual(['requests', 'incidents', 'tickets']);
        const answer = await completeIn(services, { 'shop.sla': AGREEMENT.replace(CREDIT, `        objective each ti<|>\n${CREDIT}`) });
        expect(answer.lineAfter('tickets')).toBe('        objective each tickets');
    });

    test('after the dataset: `by` and `where`; after `by`: the dataset\'s fields; after the `by` field: `where`', async () => {
        expect(await labelsAfter('objective each tickets <|>')).toEqual(['by', 'where']);
        expect(await labelsAfter('objective each tickets by <|>')).toEqual(['opened', 'responded', 'priority']);
        expect(await labelsAfter('objective each tickets by opened <|>')).toEqual(['where']);
    });

    test('in the condition: the dataset\'s fields by bare name, first', async () => {
        const labels = await labelsAfter('objective each tickets where <|>');
        expect(labels.slice(0, 3)).toEqual(['opened', 'responded', 'priority']);
        expect(labels).not.toContain('severity'); // a field of incidents
        expect(await labelsAfter('objective each tickets by opened where priority = <|>')).toEqual(['"P1"', '"P2"', '"P3"']);
    });

    test('after the `:`, the KPIs as before', async () => {
        expect(await labelsAfter('objective each tickets: <|>')).toEqual(expect.arrayContaining(['P1Response', 'Availability']));
    });
});
