import { afterEach, describe, expect, it } from 'vitest';
import { isAgreement, isDataset, isElapsed, isKpi, isObjective, isScoreType, type Agreement } from '../../src/generated/ast.js';
import { isEachObjective, isWindowObjective } from '../../src/model/each-objective.js';
import { AstUtils } from 'langium';
import { createTestServices, syntaxErrors } from '../test-services.js';
import { DESK } from './desk-fixture.js';

const { parse, clear } = createTestServices();
afterEach(clear);

function agreementOf(document: Awaited<ReturnType<typeof parse>>): Agreement {
    return document.parseResult.value.elements.find(isAgreement)!;
}

describe('grammar of the ticket constructs', () => {
    it('parses a score field, an elapsed with pauses and an each promise', async () => {
        const document = await parse(DESK);
        expect(syntaxErrors(document)).toEqual([]);
        const agreement = agreementOf(document);
        const survey = agreement.members.filter(isDataset).find(d => d.name === 'survey')!;
        const score = survey.fields[1]!.type;
        expect(isScoreType(score) && [score.range.low, score.range.high]).toEqual([1, 5]);
        const resolution = agreement.members.filter(isKpi).find(k => k.name === 'ResolutionTime')!;
        expect(isElapsed(resolution.formula)).toBe(true);
        const pauses = isElapsed(resolution.formula) ? resolution.formula.pauses : undefined;
        expect([pauses?.dataset.$refText, pauses?.key.$refText, pauses?.rowKey.$refText, pauses?.start.$refText, pauses?.end.$refText])
            .toEqual(['ticketPauses', 'ticket', 'id', 'pausedFrom', 'pausedTo']);
        const each = agreement.members.find(isEachObjective)!;
        expect([each.items.dataset.$refText, each.items.idField?.$refText, each.items.condition?.$cstNode?.text, each.kpi.$refText, each.comparison, each.target.value, each.target.unit])
            .toEqual(['tickets', 'id', 'priority = "P1"', 'ResolutionTime', '<=', 4, 'hours']);
        // The ordinary objective has no item selection.
        expect(agreement.members.filter(isWindowObjective).map(o => o.kpi.$refText)).toEqual(['Satisfaction']);
    });

    it('the each promise parses without `by` and without `where`, in a service too', async () => {
        const text = DESK.replace('objective each tickets by id where priority = "P1":', 'service Support "Support" {\n objective each tickets:')
            .replace('ResolutionTime <= 4 hours per calendar month', 'ResolutionTime <= 4 hours per calendar month\n }');
        const document = await parse(text);
        expect(syntaxErrors(document)).toEqual([]);
        const each = AstUtils.streamAllContents(document.parseResult.value).find(isEachObjective)!;
        expect([each.items.idField, each.items.condition]).toEqual([undefined, undefined]);
    });

    it('the new keywords stay usable as names: a KPI called each, fields called score and pauses', async () => {
        const text = DESK
            .replace('satisfaction score 1 to 5', 'satisfaction score 1 to 5\n        score integer\n        pauses integer')
            .replace('kpi Satisfaction "Average satisfaction"', 'kpi each "A KPI called each" = avg(survey.score)\n    kpi pauses "Paused" = sum(survey.pauses)\n    kpi Satisfaction "Average satisfaction"')
            .replace('objective Satisfaction >= 4.2', 'objective each >= 3 per calendar month\n    objective pauses <= 3 per calendar month\n    objective Satisfaction >= 4.2');
        const document = await parse(text);
        expect(syntaxErrors(document)).toEqual([]);
        const agreement = agreementOf(document);
        expect(agreement.members.filter(isWindowObjective).map(o => o.kpi.$refText)).toEqual(['each', 'pauses', 'Satisfaction']);
        expect(agreement.members.filter(isEachObjective)).toHaveLength(1);
    });

    it('a half-written objective without its KPI name still parses as an objective', async () => {
        const document = await parse(DESK.replace('objective Satisfaction >= 4.2', 'objective >= 4.2'));
        const objectives = agreementOf(document).members.filter(isObjective);
        expect(objectives.map(o => [o.items !== undefined, o.target?.value])).toEqual([[true, 4], [false, 4.2]]);
    });
});
