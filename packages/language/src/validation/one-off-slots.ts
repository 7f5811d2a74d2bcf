import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { OneOffSlot, SlaAstType } from '../generated/ast.js';
import { endDateByTimes, oneOffEndsBeforeStart } from '../model/one-off-slots.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * `on 2026-06-20 22:00 to 2026-06-19 02:00`: a one-off slot whose end date and time are not
 * after its start covers no time, so the outage it was written for would count as downtime.
 * (With an end time alone, `22:00 to 02:00` runs into the next day: model/one-off-slots.ts.)
 */
export function oneOffSlotChecks(): ValidationChecks<SlaAstType> {
    return { OneOffSlot: checkEndsAfterStart };
}

function checkEndsAfterStart(slot: OneOffSlot, accept: ValidationAcceptor): void {
    if (!oneOffEndsBeforeStart(slot)) return;
    const start = `${slot.startDate} ${slot.startTime}`;
    const end = `${slot.endDate} ${slot.endTime}`;
    // The end time on the start day, or on the next day when it is not later: what the slot most likely meant.
    const meant = endDateByTimes(slot.startDate, slot.startTime, slot.endTime);
    const endDate = propertyNode(slot, 'endDate');
    const endTime = propertyNode(slot, 'endTime');
    report(accept, 'maintenance-rule',
        `The maintenance slot 'on ${start} to ${end}' ends ${end === start ? 'when' : 'before'} it starts, so it excludes no time: write an end after ${start}, e.g. '${meant} ${slot.endTime}' (a slot given with its end time alone, '${slot.startTime} to ${slot.endTime}', ends on the next day when that time is not later).`,
        { node: slot, property: 'endDate', ...(endDate && endTime ? { range: { start: endDate.range.start, end: endTime.range.end } } : {}) },
        { fixes: endDate ? [fix(`End on ${meant}`, [replaceNode(endDate, meant)], true)] : [] });
}
