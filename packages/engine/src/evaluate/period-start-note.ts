import type { AgreementModel } from '../model.js';
import { formatDate } from '../time/zone.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { rightMeasuredByHistory } from './window-history.js';

/**
 * An evaluation that starts after the validity's first day (`--from`) judges no window before it,
 * so a term that counts earlier windows and is not measured over them counts fewer: a termination
 * right on an `objective each` (its items' windows are not measured before the period). Nothing is
 * wrong with such a report, but a reader deciding on money must know what it leaves out: the note
 * names each such right. (A default rule, a termination right on objectives, Continuous
 * Improvement, raised credits and caps over a year or a period that began earlier measure the
 * windows before the period: window-history.ts.)
 */
export function periodStartNote(model: AgreementModel, period: EvaluationPeriod): string | undefined {
    if (period.start <= period.validityStart) return undefined;
    const zone = model.timezone;
    const terms = (model.terminations ?? []).filter((termination) => !rightMeasuredByHistory(model, termination)).map((termination) => `the termination right ${termination.name}`);
    if (terms.length === 0) return undefined;
    const first = formatDate(zone, period.validityStart);
    const listed = terms.length === 1 ? terms[0]! : `${terms.slice(0, -1).join(', ')} and ${terms[terms.length - 1]!}`;
    return `The evaluation starts on ${formatDate(zone, period.start)}, after the validity's first day (${first}): the windows before it are not counted by ${listed}. Evaluate from ${first} to count every window of the term.`;
}
