import { afterEach, describe, expect, it } from 'vitest';
import { isCalendar, isMaintenance, isOneOffSlot, isRecurringSlot } from '../../src/generated/ast.js';
import { agreement, createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

describe('calendars', () => {
    it('parses weekday ranges, several time ranges, holidays with labels and a zone', async () => {
        const document = await parse(agreement(`
            calendar Desk "Service desk hours" {
                monday to friday 08:00 to 12:00, 13:00 to 18:00
                saturday 09:00 to 13:00
                except 2026-12-24 "Christmas Eve", 2026-12-25
                timezone "Europe/Paris"
            }`));
        expect(syntaxErrors(document)).toEqual([]);
        const calendar = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).find(isCalendar)!;
        expect(calendar.rules.map(r => [r.firstDay, r.lastDay, r.ranges.map(x => `${x.start}-${x.end}`)])).toEqual([
            ['monday', 'friday', ['08:00-12:00', '13:00-18:00']],
            ['saturday', undefined, ['09:00-13:00']]
        ]);
        expect(calendar.exceptions[0].holidays.map(h => [h.date, h.label])).toEqual([['2026-12-24', 'Christmas Eve'], ['2026-12-25', undefined]]);
        expect(calendar.timezones[0].zone).toBe('Europe/Paris');
    });
});

describe('maintenance', () => {
    it('parses recurring and one-off windows, notice and "as needed"', async () => {
        const document = await parse(agreement(`
            maintenance Patching "Planned maintenance" {
                every sunday 02:00 to 04:00
                every day 23:30 to 00:30
                on 2026-06-13 22:00 to 2026-06-14 02:00
                on 2026-07-01 10:00 to 11:00
                notice 72 hours
            }
            maintenance Emergency "Emergency fixes" { as needed }`));
        expect(syntaxErrors(document)).toEqual([]);
        const [patching, emergency] = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).filter(isMaintenance);
        const recurring = patching.slots.filter(isRecurringSlot);
        expect(recurring.map(s => [s.day, s.range.start, s.range.end])).toEqual([['sunday', '02:00', '04:00'], ['day', '23:30', '00:30']]);
        const oneOff = patching.slots.filter(isOneOffSlot);
        expect(oneOff.map(s => [s.startDate, s.startTime, s.endDate, s.endTime])).toEqual([
            ['2026-06-13', '22:00', '2026-06-14', '02:00'],
            ['2026-07-01', '10:00', undefined, '11:00']
        ]);
        expect([patching.notices[0].period.value, patching.notices[0].period.unit]).toEqual([72, 'hours']);
        expect(emergency.asNeeded).toHaveLength(1);
        expect(patching.requestedBy).toEqual([]);
    });

    it('parses "requested by customer", and "requested" stays a name a field may have', async () => {
        const document = await parse(agreement(`
            maintenance CustomerPlanned "Customer Planned Downtime" {
                on 2026-02-14 01:00 to 03:00
                requested by customer
            }
            dataset changes "Change requests" from "changes.csv" {
                requested timestamp
                done timestamp
            }
            kpi Lead = max(elapsed(changes.requested, done) wall-clock)`));
        expect(syntaxErrors(document)).toEqual([]);
        const maintenance = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).find(isMaintenance)!;
        expect(maintenance.requestedBy).toHaveLength(1);
        expect(maintenance.slots).toHaveLength(1);
    });
});
