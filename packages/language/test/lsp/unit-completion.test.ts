/**
 * Units are offered right after a number on the cursor's line, and only those of the quantity
 * expected there: the KPI's kind after a target, money after a fee, the parameter's type after
 * `with p = 5`. Keywords and template parameters that would be errors where the cursor is are
 * not offered: `parameter` outside a template, `with` outside a client agreement, a calendar
 * parameter as an objective's target.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { completeIn } from './completion-harness.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
afterEach(() => clearDocuments(services));

const DURATION_UNITS = ['ms', 'seconds', 'minutes', 'hours', 'days', 'business'];
const OTHER_UNITS = ['%', 'EUR', 'USD', 'GBP', 'CHF'];

/** Labels at `<|>` in the fixture with `anchor` replaced. */
async function labelsAt(anchor: string, replacement: string): Promise<string[]> {
    if (!AGREEMENT.includes(anchor)) throw new Error(`anchor '${anchor}' not in fixture`);
    return (await completeIn(services, { 'shop.sla': AGREEMENT.replace(anchor, replacement) })).labels;
}

const OBJECTIVE_LINE = '        objective ErrorRate < 0.5% per rolling 7 days\n';

describe('units after a number', () => {
    test('none at the start of the line after a date or a time (the number is on the line above)', async () => {
        // `valid from … 2026-12-31` then a new line: `%` or `EUR` there would start a member with a unit.
        const afterDate = await labelsAt('    timezone "Europe/Berlin"\n', '    <|>\n    timezone "Europe/Berlin"\n');
        expect(afterDate).toContain('provider');
        for (const unit of [...DURATION_UNITS, ...OTHER_UNITS]) expect(afterDate).not.toContain(unit);
        const afterSlot = await labelsAt('        every sunday 02:00 to 04:00\n', '        every sunday 02:00 to 04:00\n        <|>\n');
        for (const unit of [...DURATION_UNITS, ...OTHER_UNITS]) expect(afterSlot).not.toContain(unit);
    });

    test('after a date or a time on the same line: no unit either', async () => {
        const labels = await labelsAt('    valid from 2026-01-01 to 2026-12-31\n', '    valid from 2026-01-01 to 2026-12-31 <|>\n');
        for (const unit of OTHER_UNITS) expect(labels).not.toContain(unit);
    });

    test('after a fee: the currencies, no duration and no `%`', async () => {
        const labels = await labelsAt('    fee 12000 EUR per calendar month\n', '    fee 12000 <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['EUR', 'USD', 'GBP', 'CHF']));
        for (const unit of [...DURATION_UNITS, '%']) expect(labels).not.toContain(unit);
    });

    test('after the target of a percentage KPI: `%` only', async () => {
        // Availability = uptime(…): a ratio; ErrorRate = count / count: a ratio too.
        for (const line of ['        objective Availability >= 99.9<|>\n', '        objective ErrorRate < 0.5 <|>\n']) {
            const labels = await labelsAt(OBJECTIVE_LINE, line);
            expect(labels).toContain('%');
            for (const unit of [...DURATION_UNITS, 'EUR', 'USD']) expect(labels).not.toContain(unit);
        }
    });

    test('after the target of a duration KPI: the duration units, no `%` and no currency', async () => {
        // P1Response = percentile(90, elapsed(…) during SupportHours): a duration.
        const labels = await labelsAt(OBJECTIVE_LINE, '        objective P1Response <= 30 <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['minutes', 'hours', 'business']));
        for (const unit of OTHER_UNITS) expect(labels).not.toContain(unit);
    });

    test('after a tier bound: the credit KPI\'s unit; in a field comparison, the field\'s', async () => {
        const bound = await labelsAt('            below 99.0% : 25% of fee\n', '            below 99.0 <|>\n');
        expect(bound).toContain('%');
        for (const unit of ['ms', 'hours', 'EUR']) expect(bound).not.toContain(unit);
        // `latency` is a `duration ms` field.
        const latency = await labelsAt('count(requests where status >= 500)', 'count(requests where latency > 300 <|>)');
        expect(latency).toEqual(expect.arrayContaining(['ms', 'seconds']));
        for (const unit of OTHER_UNITS) expect(latency).not.toContain(unit);
    });

    test('after a rolling window\'s length: the window units', async () => {
        const labels = await labelsAt(OBJECTIVE_LINE, '        objective ErrorRate < 0.5% per rolling 7 <|>\n');
        expect(labels).toEqual(expect.arrayContaining(['minutes', 'hours', 'days', 'weeks']));
        for (const unit of OTHER_UNITS) expect(labels).not.toContain(unit);
    });
});

const CATALOGUE = `calendar OfficeHours "Office hours" {
    monday to friday 08:00 to 18:00
}
template Desk "Service desk" {
    parameter availability percentage default 99.9 %
    parameter responseTime duration default 30 minutes
    parameter penalty money default 500 EUR
    parameter breaches count default 3
    parameter supportHours calendar default OfficeHours
    parameter region text default "north"
    parameter zone timezone default "Europe/Berlin"
    provider P "Provider"
    dataset incidents "Incidents" from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web {
        kpi Availability = uptime(incidents, from started to resolved)
        objective Availability >= availability per calendar month
    }
}
`;

const CLIENT = `import "catalogue.sla"

agreement East "East Corp" from Desk {
    customer C "East Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    with availability = 99.95 %
}
`;

const PLAIN = AGREEMENT;

describe('template parameters and arguments', () => {
    test('after `with p = 5`: the units of the parameter\'s type', async () => {
        const percentage = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('with availability = 99.95 %', 'with availability = 99.95<|>') });
        expect(percentage.labels).toContain('%');
        for (const unit of ['ms', 'hours', 'business', 'EUR']) expect(percentage.labels).not.toContain(unit);
        const duration = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('with availability = 99.95 %', 'with responseTime = 20 <|>') });
        expect(duration.labels).toEqual(expect.arrayContaining(['minutes', 'hours']));
        for (const unit of OTHER_UNITS) expect(duration.labels).not.toContain(unit);
        const count = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('with availability = 99.95 %', 'with breaches = 2 <|>') });
        for (const unit of [...DURATION_UNITS, ...OTHER_UNITS]) expect(count.labels).not.toContain(unit);
    });

    test('`parameter` is offered in a template only, `with` in a client agreement only', async () => {
        const memberStart = '    <|>\n';
        const plain = await completeIn(services, { 'shop.sla': PLAIN.replace('    calendar SupportHours', `${memberStart}    calendar SupportHours`) });
        expect(plain.labels).toContain('provider');
        expect(plain.labels).not.toContain('parameter');
        expect(plain.labels).not.toContain('with');
        const client = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('    with availability', `${memberStart}    with availability`) });
        expect(client.labels).toContain('with');
        expect(client.labels).not.toContain('parameter');
        const template = await completeIn(services, { 'catalogue.sla': CATALOGUE.replace('    provider P', `${memberStart}    provider P`) });
        expect(template.labels).toContain('parameter');
        expect(template.labels).not.toContain('with');
    });

    test('a template\'s objective target: the parameters of the KPI\'s kind only', async () => {
        // Availability is an uptime: a percentage; a calendar, a text, a zone or a count there is an error.
        const target = await completeIn(services, { 'catalogue.sla': CATALOGUE.replace('objective Availability >= availability', 'objective Availability >= <|>') });
        expect(target.labels).toEqual(['availability']);
    });

    test('after `parameter x`: the nine parameter types', async () => {
        const answer = await completeIn(services, { 'catalogue.sla': CATALOGUE.replace('    parameter region text default "north"', '    parameter region <|>') });
        expect(answer.labels).toEqual(['percentage', 'duration', 'money', 'count', 'number', 'text', 'calendar', 'maintenance', 'timezone']);
    });
});
