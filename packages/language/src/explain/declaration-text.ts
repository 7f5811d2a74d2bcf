/** The smaller declarations: agreement, parties, validity, zone, fee, calendars, maintenance, clauses, services. */
import { civilFromDays, daysFromCivil, escapeMarkdown as md, formatCivilDate, isValidTimeZone } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, isCalendar, isDataset, isFiscalYear, isMaintenance, isOneOffSlot, isRecurringSlot, isService, type Agreement, type Calendar, type Clause, type Fee, type FiscalYear, type Maintenance, type MaintenancePeriods, type Party, type Service, type TimezoneDeclaration, type Validity } from '../generated/ast.js';
import { agreementContext, timesOfDayZoneSentence } from './agreement-context.js';
import { clockChangesSentence } from './clock-changes.js';
import { firstYearsOf, holidayChoiceText, holidaySetDaysIn, listedPeriod } from '../model/calendar-days.js';
import { holidayText, MAX_YEARS, regionText, ruleOccurrenceLines, ruleSlotWords, shortDate } from './calendar-days-text.js';
import { expressionText, joinList, selectionText } from './expression-text.js';
import { proceduralClauseSentence } from './terms-text.js';
import { serviceFees } from '../model/fees.js';
import { fiscalWindowWords, longDate, parseDate, perWindowPhrase, quantityText } from './wording.js';
import { fiscalYearStartMonth } from '../model/windows.js';
import { oneOffEndDate } from '../model/one-off-slots.js';

function nextDay([y, m, d]: [number, number, number]): string {
    const next = civilFromDays(daysFromCivil(y, m, d) + 1);
    return formatCivilDate(next.year, next.month, next.day);
}

export function validityMarkdown(validity: Validity): string {
    const context = agreementContext(validity);
    const from = parseDate(validity.from);
    const to = parseDate(validity.to);
    if (!from || !to) return `**Validity** from ${validity.from} to ${validity.to} (a date is not a real calendar date).`;
    const zone = context.zone ?? 'the agreement\'s (not yet named)';
    return `**Validity**: the agreement is in force on every day from ${longDate(...from)} through ${longDate(...to)}, both days included, `
        + `in ${zone} time: from ${validity.from} 00:00 up to, not including, ${nextDay(to)} 00:00.`;
}

export function timezoneMarkdown(declaration: TimezoneDeclaration): string {
    const zone = declaration.zone;
    const text = `**Time zone ${md(zone ?? '')}**: ${whatTheZoneCounts(declaration)}`;
    // undefined while the string is half-typed
    if (zone === undefined || !isValidTimeZone(zone)) return `${text} This is not an IANA zone name known here.`;
    return `${text} ${clockChangesSentence(zone, declaration)}`;
}

/** What a `timezone` line applies to: the agreement's calendar, or only the calendar, maintenance or dataset it is written in. */
function whatTheZoneCounts(declaration: TimezoneDeclaration): string {
    const owner = declaration.$container;
    const agreementZone = agreementContext(declaration).zone;
    const notTheAgreements = agreementZone !== undefined && agreementZone !== declaration.zone ? `, not in the agreement's ${md(agreementZone)}` : '';
    if (isMaintenance(owner)) return `the times of the maintenance ${owner.name} are read in this zone${notTheAgreements}.`;
    if (isCalendar(owner)) return `the working hours and days of the calendar ${owner.name} are counted in this zone${notTheAgreements}.`;
    if (isDataset(owner)) return `timestamps of the dataset ${owner.name} written without a UTC offset are read in this zone.`;
    return 'calendar days, weeks, months and working hours are counted in this zone.';
}

/** `fiscal year from february`: what `per fiscal quarter` and `per fiscal year` then mean. */
export function fiscalYearMarkdown(declaration: FiscalYear): string {
    const month = fiscalYearStartMonth(declaration);
    if (month === undefined) return '**Fiscal year**: from the 1st of a month (write its name).';
    return `**Fiscal year**: \`per fiscal quarter\` counts each ${fiscalWindowWords('quarter', month).replace(/^fiscal quarter /, 'quarter ')}, and \`per fiscal year\` each ${fiscalWindowWords('year', month)}, in the agreement's time zone. Caps may count fiscal years too (\`capped at … per fiscal year\`, an exclusion's \`at most … per fiscal year\`); other windows (calendar months, fees) keep the calendar.`;
}

export function feeMarkdown(fee: Fee): string {
    const service = isService(fee.$container) ? fee.$container : undefined;
    const title = service ? `**Fee of the service ${service.name}**` : '**Fee**';
    const whose = service ? `The credits of ${service.name} written as "% of fee" are a share of it, not of the agreement's fee; the services' fees are parts of the agreement's.` : 'Credits written as "% of fee" are a share of the fee of the credit\'s window.';
    if (fee.source && fee.previous) {
        const fiscal = (fee.previousPeriod === 'quarter' || fee.previousPeriod === 'year') && AstUtils.getContainerOfType(fee, isAgreement)?.members.some(isFiscalYear)
            ? ` (the fiscal ${fee.previousPeriod} before, for a credit per fiscal ${fee.previousPeriod})` : '';
        return `${title}: the charges read from the billing data, ${expressionText(fee.source)}, in the calendar ${fee.previousPeriod ?? 'period'} before each credit window${fiscal} (January's credit is paid on December's charges) — and, for a credit \`for each\` field, for each value of that field. ${whose} That ${fee.previousPeriod ?? 'period'} is read even when it lies before the evaluation period or the validity; one without billing rows gives no fee: a credit due is reported as not computable, never as 0.`;
    }
    if (fee.source) {
        return `${title}: the charges read from the billing data, ${expressionText(fee.source)}, in each credit window — and, for a credit \`for each\` field, for each value of that field. ${whose} A window whose billing data have no rows has no fee: a credit due in it is reported as not computable, never as 0.`;
    }
    const agreement = service ? undefined : AstUtils.getContainerOfType(fee, isAgreement);
    const parts = agreement ? serviceFees(agreement) : [];
    const partsText = parts.length > 0 ? ` It is the whole price: the services' own fees (${joinList(parts.map(part => `${part.service.name} ${part.fee.source ? 'from billing data' : quantityText(part.fee.amount)}`))}) are parts of it.` : '';
    return `${title}: ${quantityText(fee.amount)}${fee.window ? ` ${perWindowPhrase(fee.window)}` : ''}. ${whose}${partsText}`;
}

export function partyMarkdown(party: Party): string {
    const role = party.role ?? (party.customRole !== undefined ? md(party.customRole) : 'party');
    return `**${party.name}**${party.title ? ` (${md(party.title)})` : ''}: the ${role} of the agreement.`;
}

const WEEKDAY = (day: string | undefined) => day ? day.charAt(0).toUpperCase() + day.slice(1) : '…';

/** `zone`: the zone of the agreement that uses a calendar declared outside it (an imported one has no agreement around it). */
export function calendarMarkdown(calendar: Calendar, zone?: string): string {
    const lines = [`**Calendar ${calendar.name}**${calendar.title ? ` — ${md(calendar.title)}` : ''}`, ''];
    for (const rule of calendar.rules) {
        const days = rule.lastDay ? `${WEEKDAY(rule.firstDay)} to ${WEEKDAY(rule.lastDay)}` : WEEKDAY(rule.firstDay);
        lines.push(`- ${days}, ${joinList(rule.ranges.map(r => `${r.start} to ${r.end}`))}`);
    }
    for (const set of calendar.holidaySets) {
        lines.push(`- Not on the public holidays of ${regionText(set.region)}${set.removed.length > 0 ? `; ${joinList(set.removed.map(holidayChoiceText))} ${set.removed.length === 1 ? 'is a working day' : 'are working days'}` : ''}`);
    }
    const allHolidays = calendar.exceptions.flatMap(e => e.holidays);
    const holidays = allHolidays.filter(h => !h.from).map(holidayText);
    if (holidays.length > 0) lines.push(`- Not on ${joinList(holidays)}`);
    const halfDays = allHolidays.filter(h => h.from).map(holidayText);
    if (halfDays.length > 0) lines.push(`- Half days, working hours end at the time given: ${joinList(halfDays)}`);
    const zoneSentence = timesOfDayZoneSentence(calendar.timezones[0]?.zone, agreementContext(calendar).zone ?? zone);
    lines.push('', `${zoneSentence} Time outside these hours does not count where the calendar is used (\`during ${calendar.name}\`).`);
    if (calendar.holidaySets.length > 0) {
        const period = firstYearsOf(listedPeriod(calendar), MAX_YEARS);
        const days = calendar.holidaySets.flatMap(set => holidaySetDaysIn(set, period));
        const unique = [...new Map(days.map(d => [d.day, d])).values()].sort((a, b) => a.day - b.day);
        if (unique.length > 0) lines.push('', `Public holidays ${period.label}: ${unique.map(d => `${shortDate(d.day)} (${md(d.name)})`).join(', ')}.`);
    }
    return lines.join('\n');
}

/** `zone`: the zone of the agreement that uses a maintenance declared outside it. */
export function maintenanceMarkdown(maintenance: Maintenance, zone?: string): string {
    const lines = [`**Maintenance ${maintenance.name}**${maintenance.title ? ` — ${md(maintenance.title)}` : ''}`, ''];
    const occurrences: string[] = [];
    for (const slot of maintenance.slots) {
        const ruleWords = ruleSlotWords(slot);
        if (ruleWords !== undefined && 'range' in slot) {
            lines.push(`- ${ruleWords}, ${slot.range?.start} to ${slot.range?.end}`);
            const occurrenceLines = ruleOccurrenceLines(slot);
            if (occurrenceLines.length > 0) occurrences.push('', `${ruleWords}: ${occurrenceLines[0]}`, ...occurrenceLines.slice(1));
        } else if (isRecurringSlot(slot)) lines.push(`- Every ${slot.day === 'day' ? 'day' : WEEKDAY(slot.day)}, ${slot.range?.start} to ${slot.range?.end}`);
        else if (isOneOffSlot(slot)) lines.push(`- Once, from ${slot.startDate} ${slot.startTime} to ${oneOffEndDate(slot)} ${slot.endTime}`);
    }
    if (maintenance.asNeeded.length > 0) lines.push('- "As needed": unbounded, so any outage could be called maintenance');
    const byCustomer = maintenance.requestedBy.length > 0;
    const listed = maintenance.periods[0];
    if (listed !== undefined) lines.push(listedPeriodsLine(maintenance, listed));
    if (byCustomer) lines.push('- Requested by the customer: the customer sets these times (downtime it plans, not the provider\'s maintenance)');
    for (const notice of maintenance.notices) lines.push(`- Announced ${quantityText(notice.period)} in advance${byCustomer ? ' (by the customer)' : ''}`);
    // The times of day of its slots; listed periods carry their own (the dataset's zone).
    if (maintenance.slots.length > 0) lines.push('', timesOfDayZoneSentence(maintenance.timezones[0]?.zone, agreementContext(maintenance).zone ?? zone));
    lines.push('', `Where a KPI says \`excluding ${maintenance.name}\` or an exclusion says \`during ${maintenance.name}\`, this time counts neither as downtime nor as eligible time. Counted as available instead (\`counting ${maintenance.name} as available\`, \`during ${maintenance.name}, counted as available\`), it stays eligible time and no outage in it is downtime.`);
    lines.push(...occurrences);
    return lines.join('\n');
}

/** `periods(changes where …, from start to end, announced at announced)` in words, with what its notice means for each period. */
function listedPeriodsLine(maintenance: Maintenance, listed: MaintenancePeriods): string {
    const rows = `- The periods listed in ${md(selectionText(listed.selection))}, each from \`${md(expressionText(listed.start, true))}\` to \`${md(expressionText(listed.end, true))}\``;
    const notice = maintenance.notices[0];
    if (listed.announced === undefined) {
        return `${rows}${notice !== undefined && maintenance.requestedBy.length === 0 ? `; the notice is not checked: the rows give no announcement time, so every listed period counts` : ''}`;
    }
    if (notice === undefined) return `${rows}; announced at \`${md(expressionText(listed.announced, true))}\`, but with no notice period nothing is checked against it`;
    return `${rows}: a period counts only if announced (\`${md(expressionText(listed.announced, true))}\`) at least ${quantityText(notice.period)} before it starts — one announced later, or never, is ordinary time, downtime in it included (the report lists it)`;
}

export function clauseMarkdown(clause: Clause): string {
    const measured = clause.measuredBy.length > 0 ? ` Measured by ${joinList(clause.measuredBy.map(r => r.$refText))}.`
        : clause.procedural ? ` ${proceduralClauseSentence()}` : ' Not bound to a KPI.';
    return `**${clause.procedural ? 'Procedural clause' : 'Clause'} ${clause.name}**: "${md(clause.text ?? '')}"${measured}`;
}

export function serviceMarkdown(service: Service): string {
    return `**Service ${service.name}**${service.title ? ` — ${md(service.title)}` : ''}: ${service.members.length} declaration${service.members.length === 1 ? '' : 's'} (KPIs, objectives, credits).`;
}

export function agreementMarkdown(agreement: Agreement): string {
    const context = agreementContext(agreement.members[0] ?? agreement);
    const parties = [context.provider ? `provider ${context.provider.name}` : undefined, context.customer ? `customer ${context.customer.name}` : undefined].filter((p): p is string => !!p);
    return `**Agreement ${agreement.name}**${agreement.title ? ` — ${md(agreement.title)}` : ''}${parties.length > 0 ? ` between ${joinList(parties)}` : ''}. Run \`sla explain\` for the whole agreement in plain language.`;
}
