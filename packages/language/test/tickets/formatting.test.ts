import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting } from 'langium/test';
import { afterEach, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { DESK } from './desk-fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

test('the desk (score, pauses, each promise) is already formatted: formatting changes nothing', async () => {
    await formatting({ before: DESK, after: DESK });
});

test('a messy each promise gets one space between words; its condition, a formula, stays as written', async () => {
    const messy = DESK.replace('objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours', 'objective   each  tickets by   id where   priority = "P1"  :   ResolutionTime <=  4 hours');
    await formatting({ before: messy, after: DESK });
    const condition = DESK.replace('where priority = "P1":', 'where priority in ("P1",  "P2"):');
    await formatting({ before: condition, after: condition });
});
