import { afterEach, describe, expect, it } from 'vitest';
import {
    isAggregate, isBinaryExpression, isElapsed, isKpi, isListExpression, isLogicalExpression, isNameReference,
    isNotExpression, isNumberLiteral, isShare, isUptime, type Expression, type Kpi
} from '../../src/generated/ast.js';
import { agreement, createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

const DATA = `
    calendar Desk "Desk hours" { monday to friday 08:00 to 18:00 }
    maintenance Patching "Patching" { every sunday 02:00 to 04:00 notice 3 days }
    maintenance Upgrades "Upgrades" { on 2026-05-01 20:00 to 23:00 notice 14 days }
    dataset requests "Requests" from "requests.csv" { time timestamp service text latency duration ms status integer }
    dataset incidents "Incidents" from "incidents.csv" { service text severity one of "outage", "minor" started timestamp resolved timestamp optional }
    dataset tickets "Tickets" from "tickets.csv" { opened timestamp responded timestamp optional priority one of "P1", "P2", "P3" }`;

async function formulaOf(formula: string): Promise<Expression> {
    const document = await parse(agreement(`${DATA}\n kpi K = ${formula}`));
    expect(syntaxErrors(document)).toEqual([]);
    const kpi = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).find((m): m is Kpi => isKpi(m) && m.name === 'K')!;
    return kpi.formula;
}

/** Writes an expression back with full parentheses, to assert precedence. */
function show(e: Expression): string {
    if (isNumberLiteral(e)) return `${e.value}${e.unit ? ' ' + e.unit : ''}`;
    if (isNameReference(e)) return e.target.$refText;
    if (e.$type === 'StringLiteral') return `"${e.value}"`;
    if (isBinaryExpression(e) || isLogicalExpression(e)) return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    if (isNotExpression(e)) return `(not ${show(e.operand)})`;
    if (e.$type === 'NegationExpression') return `(-${show(e.operand)})`;
    if (isListExpression(e)) return `[${e.items.map(show).join(', ')}]`;
    if (isAggregate(e)) return `${e.function}(${e.parameter ? show(e.parameter) + ', ' : ''}${show(e.selection.value)}${e.selection.condition ? ' where ' + show(e.selection.condition) : ''})`;
    return e.$type;
}

describe('formula language', () => {
    it('applies precedence: * / over + - over comparisons over and over or', async () => {
        expect(show(await formulaOf('1 + 2 * 3 - 4 / 2'))).toBe('((1 + (2 * 3)) - (4 / 2))');
        const e = await formulaOf('count(requests where status >= 500 and service = "a" or not (latency > 300 ms))');
        expect(show(e)).toBe('count(requests where (((status >= 500) and (service = "a")) or (not (latency > 300 ms))))');
    });

    it('is left-associative and honours parentheses and unary minus', async () => {
        expect(show(await formulaOf('10 - 4 - 3'))).toBe('((10 - 4) - 3)');
        expect(show(await formulaOf('10 - (4 - 3)'))).toBe('(10 - (4 - 3))');
        expect(show(await formulaOf('-2 * 3'))).toBe('((-2) * 3)');
    });

    it('parses `in` with a list, numbers with units and every aggregate', async () => {
        expect(show(await formulaOf('count(tickets where priority in ("P1", "P2"))'))).toBe('count(tickets where (priority in ["P1", "P2"]))');
        for (const fn of ['sum', 'avg', 'min', 'max']) {
            expect(show(await formulaOf(`${fn}(requests.latency where status < 500)`))).toBe(`${fn}(requests.latency where (status < 500))`);
        }
        expect(show(await formulaOf('percentile(99.9, requests.latency)'))).toBe('percentile(99.9, requests.latency)');
        expect(show(await formulaOf('avg(requests.latency) / 1000 ms'))).toBe('(avg(requests.latency) / 1000 ms)');
    });

    it('parses share, uptime with during/excluding and elapsed with during or wall-clock', async () => {
        const share = await formulaOf('share(requests where status >= 500 of requests where service = "shop")');
        expect(isShare(share) && [show(share.part.value), show(share.part.condition!), show(share.whole.condition!)])
            .toEqual(['requests', '(status >= 500)', '(service = "shop")']);
        const uptime = await formulaOf('uptime(incidents where severity = "outage", from started to resolved) during Desk excluding Patching, Upgrades');
        expect(isUptime(uptime) && [show(uptime.start), show(uptime.end), uptime.calendar?.ref?.name, uptime.exclusions.map(x => x.ref?.name)])
            .toEqual(['started', 'resolved', 'Desk', ['Patching', 'Upgrades']]);
        const business = await formulaOf('percentile(90, elapsed(tickets.opened, tickets.responded) during Desk where priority = "P1")');
        const elapsed = isAggregate(business) ? business.selection.value : undefined;
        expect(isElapsed(elapsed) && [elapsed.calendar?.ref?.name, elapsed.wallClock]).toEqual(['Desk', false]);
        const wall = await formulaOf('max(elapsed(tickets.opened, tickets.responded) wall-clock)');
        const wallElapsed = isAggregate(wall) ? wall.selection.value : undefined;
        expect(isElapsed(wallElapsed) && wallElapsed.wallClock).toBe(true);
    });
});
