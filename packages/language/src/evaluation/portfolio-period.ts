/**
 * Which agreements of a portfolio its one period evaluates (docs/cli.md, "Portfolio"). A portfolio
 * is evaluated over one period and as of one time; an agreement not in force then — not yet in
 * force at `now` (a renewal signed early), or valid on none of the days asked (a client that ended
 * before `--from`, or starts after `--to`) — is left out and named in the report's notes, so that a
 * folder evaluated every day, or for any past month, keeps working. What cannot be honoured for
 * every agreement is refused, with advice worked out over the agreements that advice can reach.
 */
import { formatInstant, type AgreementModel } from '@sla/engine';
import { notYetInForce, periodProblem, periodsAfterNowProblem, type PortfolioValidity, type RequestProblem } from './evaluation-request.js';

export type PortfolioSelection =
    | { models: AgreementModel[]; notes: string[] }
    | { problem: RequestProblem; agreement: string };

/**
 * The agreements the period evaluates, with notes naming those left out; or the problem that
 * refuses the portfolio: `from` after `to`; days asked on which no agreement is valid; nothing
 * left but agreements not yet in force (a `now` after their starts is the advice); an agreement
 * evaluated whose period cannot be (periodProblem), or has not begun by `now`.
 * `leaveOutNotInForce` (the CLI's `refuseEmptyPeriod`): without it, an agreement not yet in force
 * is evaluated, its report empty.
 */
export function portfolioSelection(models: AgreementModel[], options: { from?: string | undefined; to?: string | undefined; now: number; leaveOutNotInForce: boolean }): PortfolioSelection {
    const { from, to, now } = options;
    if (models.length === 0) return { models, notes: [] };
    const notYet = options.leaveOutNotInForce ? models.filter(model => notYetInForce(model, now)) : [];
    // Advice about the days to give holds for the agreements in force: the days they are valid have begun.
    const inForce = models.filter(model => !notYet.includes(model));
    const advised = inForce.length > 0 ? inForce : models;
    const first = periodProblem(advised[0]!, from, to);
    if (first?.kind === 'period-empty') return withAdvice(first, advised);
    const outside = models.filter(model => periodProblem(model, from, to)?.kind === 'period-outside-validity');
    if (outside.length === models.length) return withAdvice(periodProblem(advised[0]!, from, to)!, advised);
    const notes: string[] = [];
    if (notYet.length > 0) notes.push(`Not yet in force on ${formatInstant('UTC', now)}, so not evaluated: ${notYet.map(model => `${model.id} (valid from ${model.validity.from})`).join(', ')}.`);
    const notValid = outside.filter(model => !notYet.includes(model));
    if (notValid.length > 0) notes.push(`Valid on none of the days asked (${daysAsked(from, to)}), so not evaluated: ${notValid.map(model => `${model.id} (valid from ${model.validity.from} to ${model.validity.to})`).join(', ')}.`);
    const evaluated = models.filter(model => !notYet.includes(model) && !outside.includes(model));
    if (evaluated.length === 0) {
        // Every agreement valid on the days asked is not yet in force: a later `now` evaluates them.
        const problem = periodsAfterNowProblem(models.filter(model => !outside.includes(model)), from, now);
        if (problem) return { problem, agreement: 'the portfolio' };
    }
    for (const model of evaluated) {
        const problem = periodProblem(model, from, to);
        if (problem) return { problem, agreement: model.id };
    }
    if (options.leaveOutNotInForce) {
        const problem = periodsAfterNowProblem(evaluated, from, now);
        if (problem) return { problem, agreement: 'the portfolio' };
    }
    return { models: evaluated, notes };
}

/**
 * The problem with advice that holds for every agreement advised: the days all are valid, or
 * those that share a day with each validity. Of one agreement, its own validity (the problem as is).
 */
function withAdvice(problem: RequestProblem, advised: readonly AgreementModel[]): PortfolioSelection {
    if ((problem.kind === 'period-empty' || problem.kind === 'period-outside-validity') && advised.length > 1) problem.portfolio = portfolioValidity(advised);
    return { problem, agreement: advised[0]!.id };
}

/** The days within every agreement's validity (null: none), and the span from the earliest first day to the latest last day. */
function portfolioValidity(models: readonly AgreementModel[]): PortfolioValidity {
    const firsts = models.map(model => model.validity.from).sort();
    const lasts = models.map(model => model.validity.to).sort();
    const latestFirst = firsts.at(-1)!;
    const earliestLast = lasts[0]!;
    return { agreements: models.length, common: latestFirst <= earliestLast ? { from: latestFirst, to: earliestLast } : null, latestFirst, earliestLast };
}

/** `from 2026-01-01 to 2026-01-31`, or the one end given. */
function daysAsked(from: string | undefined, to: string | undefined): string {
    return [from === undefined ? '' : `from ${from}`, to === undefined ? '' : `to ${to}`].filter(Boolean).join(' ');
}
