import type { AgreementModel } from '../model.js';
import { calendarWindowContaining, type CalendarUnit } from '../time/windows.js';
import { formatDate } from '../time/zone.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { rightMeasuredByHistory } from './window-history.js';

/**
 * An evaluation that starts after the validity's first day (`--from`) judges no window before it,
 * so the terms that count earlier windows count fewer: a termination right on an `objective each`,
 * raised credits for repeated breaches, and caps over a year or a period that began before it (the
 * credits paid earlier in that year are not deducted). Nothing is wrong with such a report, but a
 * reader deciding on money must know what it leaves out: the note names each of these terms. (A
 * default rule, a termination right on objectives and Continuous Improvement measure the windows
 * before the period: window-history.ts.)
 */
export function periodStartNote(model: AgreementModel, period: EvaluationPeriod): string | undefined {
    if (period.start <= period.validityStart) return undefined;
    const zone = model.timezone;
    const startsEarlier = (unit: CalendarUnit, yearStartMonth?: number): boolean => calendarWindowContaining(zone, unit, period.start, yearStartMonth).start < period.start;
    const name = (item: { service?: string; kpiName?: string; kpi: string }): string => `${item.service ? `${item.service}.` : ''}${item.kpiName ?? item.kpi.split('.').pop()}`;
    const terms = [
        ...(model.terminations ?? []).filter((termination) => !rightMeasuredByHistory(model, termination)).map((termination) => `the termination right ${termination.name}`),
        ...model.credits.filter((credit) => credit.claimTerms?.repeatEscalation !== undefined).map((credit) => `the raised credits for ${name(credit)}`),
        ...model.credits.filter((credit) => credit.capPerYear !== undefined && startsEarlier('year', credit.capYearStartMonth)).map((credit) => `the yearly cap of the credit for ${name(credit)}`),
        ...(model.creditCaps ?? []).filter((cap) => startsEarlier(cap.window.unit, cap.window.yearStartMonth))
            .map((cap) => `the cap on all credits together (${cap.text})`)
    ];
    if (terms.length === 0) return undefined;
    const first = formatDate(zone, period.validityStart);
    const listed = terms.length === 1 ? terms[0]! : `${terms.slice(0, -1).join(', ')} and ${terms[terms.length - 1]!}`;
    return `The evaluation starts on ${formatDate(zone, period.start)}, after the validity's first day (${first}): the windows before it are not counted by ${listed}. Evaluate from ${first} to count every window of the term.`;
}
