/**
 * The latest values of an objective, the latest judgement of a termination right, and what a cap
 * on all credits together let be paid, as a hover
 * shows them, from the report of the document's latest evaluation (latest-evaluations.ts; an
 * objective's entry: objective-report-of.ts).
 */
import { civilFromDays, daysFromCivil, formatCivilDate, formatMoney, formatValueAgainst, formatWindow, openRowNotes, parseCivilDate, type AgreementCreditCapReport, type ObjectiveReport, type Report, type TerminationReport, type TerminationScopeReport, type WindowReport } from '@sla/engine';
import { formatAllowance } from '../../explain/allowance.js';
import { formatNumber } from '../../explain/numbers.js';

/** The value with enough digits that it never reads as the target it differs from ("99.8997%", not "99.9%" breached). */
function valueText(value: number | null, unit: string, target: number): string {
    if (value === null) return 'no data';
    if (unit === 'ms') return formatAllowance(value) === formatAllowance(target) && value !== target ? formatValueAgainst(value, target, 'ms') : formatAllowance(value);
    const scale = unit === 'ratio' ? 100 : 1;
    let decimals = 3;
    while (decimals < 15 && value !== target && (value * scale).toFixed(decimals) === (target * scale).toFixed(decimals)) decimals++;
    const text = formatNumber(Number((value * scale).toFixed(decimals)));
    return unit === 'ratio' ? `${text}%` : text;
}

/** Whole percent, with decimals when that would read exactly 100 % for a budget just over or under it. */
function budgetText(consumed: number): string {
    let decimals = 0;
    while (decimals < 12 && consumed !== 1 && (consumed * 100).toFixed(decimals) === (100).toFixed(decimals)) decimals++;
    return formatNumber(Number((consumed * 100).toFixed(decimals)));
}

function windowText(window: WindowReport, unit: string, target: number, comparison: string): string {
    const scope = window.scopeValue ? ` (${window.scopeValue})` : '';
    const partial = window.partial ? ', partial window' : '';
    const open = openRowNotes(window).map(note => `, ${note}`).join('');
    // Failed open rows counted at their elapsed time so far: the value is a lower bound.
    const atLeast = window.atLeast ? 'at least ' : '';
    const budget = window.budgetConsumed !== null && window.budgetConsumed !== undefined ? `, ${budgetText(window.budgetConsumed)}% of the error budget used` : '';
    // A target that steps over the term: the one this window was judged against.
    const against = window.target === undefined ? '' : ` against ${comparison} ${targetText(window.target, unit)}`;
    // Expected and Minimum Service Levels: a Service Level Default, and why.
    const defaulted = window.default === undefined ? '' : `, **Service Level Default** (${window.default === 'below minimum' ? 'missed the minimum' : 'repeated misses'}${window.defaultProvisional ? ', provisional' : ''})`;
    // Labelled as the CLI table labels it: last day inclusive, exact instants when not whole days.
    return `- ${formatWindow(window.start, window.end)}${scope}: ${atLeast}${valueText(window.value, unit, target)}${against} — ${window.status}${defaulted}${budget}${partial}${open}`;
}

/** A target as a hover writes it: `99.7%`, `4 hours`. */
function targetText(target: number, unit: string): string {
    if (unit === 'ms') return formatAllowance(target);
    return unit === 'ratio' ? `${formatNumber(Number((target * 100).toPrecision(12)))}%` : formatNumber(target);
}

/** The promise comes into force or steps up soon after the evaluation: when, and whether its latest windows would meet the new target. */
function upcomingText(objective: ObjectiveReport): string | undefined {
    const upcoming = objective.upcoming;
    if (upcoming === undefined) return undefined;
    const when = `on ${upcoming.from} (${upcoming.days} day${upcoming.days === 1 ? '' : 's'} after the evaluation)`;
    const target = `${objective.comparison} ${targetText(upcoming.target, objective.unit)}`;
    if (upcoming.inForce === true) return `_Comes into force ${when}: ${target}._`;
    const misses = upcoming.wouldMiss?.length ?? 0;
    return `_Steps up to ${target} ${when}: ${misses === 0 ? 'the latest values would meet it' : `${misses === 1 ? 'the latest value' : `${misses} latest values`} would miss it`}._`;
}

/** Improved yearly: each contract year's target the evaluation computed, and the one to come (at least, while its year before is not over). */
function improvedText(objective: ObjectiveReport): string | undefined {
    const years = objective.improvedTargets ?? [];
    if (years.length === 0) return undefined;
    const lines = years.map((year) => {
        const scope = year.scopeValue !== undefined ? ` (${year.scopeValue})` : '';
        const target = `${year.provisional === true ? 'at least ' : ''}${objective.comparison} ${targetText(year.target, objective.unit)}`;
        const how = year.outcome === 'raised' ? `raised from ${targetText(year.previous, objective.unit)}`
            : year.outcome === 'capped' ? `raised from ${targetText(year.previous, objective.unit)}, capped by the yearly limit`
                : year.outcome === 'not stricter' ? 'kept: the mean of the best windows is not stricter' : 'kept: too few windows with a value';
        return `- from ${year.from}${scope}: ${target} (${how}${year.provisional === true ? '; so far, the year before is not over' : ''})`;
    });
    return ['_Improved yearly:_', ...lines].join('\n');
}

/** The heading: the period evaluated, labelled as the CLI report labels it, and when the evaluation ran. */
function latestEvaluationHeading(report: Report): string {
    return `**Latest evaluation** (${formatWindow(report.period.from, report.period.to)}, run ${report.generatedAt.slice(0, 16).replace('T', ' ')}):`;
}

/**
 * Markdown for the last windows of an objective's latest evaluation (at most `count`), and, when
 * data files it read changed on disk since (`dataChanged`, their paths), that its numbers are of
 * data no longer there.
 */
export function latestValuesMarkdown(report: Report, objective: ObjectiveReport, dataChanged: readonly string[] = [], count = 3): string {
    const windows = objective.windows.slice(-count);
    const lines = [latestEvaluationHeading(report)];
    // A target that steps over the term: each window's own.
    lines.push(...(windows.length > 0 ? windows.map(w => windowText(w, objective.unit, w.target ?? objective.target, objective.comparison)) : ['- no window evaluated']));
    const upcoming = upcomingText(objective);
    if (upcoming !== undefined) lines.push('', upcoming);
    const improved = improvedText(objective);
    if (improved !== undefined) lines.push('', improved);
    if (dataChanged.length > 0) lines.push('', `_The data changed since this evaluation (${dataChanged.map(file => `\`${fileName(file)}\``).join(', ')}): evaluate again._`);
    return lines.join('\n');
}

/** A termination right as the latest evaluation judged it: fired (when, notice deadline), at risk, or not fired, per scope value. */
export function latestTerminationMarkdown(report: Report, termination: TerminationReport, dataChanged: readonly string[] = []): string {
    const lines = [latestEvaluationHeading(report)];
    for (const scope of termination.scopes) {
        const whose = scope.scopeValue === undefined ? '' : `${scope.scopeValue}: `;
        const status = scope.triggered ? `**fired** at the end of ${firingWindowText(scope)}${scope.noticeBy === undefined ? '' : `; the customer's notice is due by ${scope.noticeBy}`}`
            : scope.atRisk === true ? '**at risk**: one more breached window fires it' : 'not fired';
        lines.push(`- ${whose}${status} (${scope.breached} breached window${scope.breached === 1 ? '' : 's'})`);
    }
    if (dataChanged.length > 0) lines.push('', `_The data changed since this evaluation (${dataChanged.map(file => `\`${fileName(file)}\``).join(', ')}): evaluate again._`);
    return lines.join('\n');
}

/**
 * The window that fired a right, labelled as the CLI labels windows (`2026-02-01 – 2026-02-28`): by
 * its last day, not by `firedAt`, its exclusive end (2026-03-01T00:00:00-05:00 for February). The
 * firing window is the last of the breached windows of its span, whose starts the report lists.
 */
function firingWindowText(scope: TerminationScopeReport): string {
    const end = scope.firedAt!;
    const start = scope.breachedWindows?.at(-1);
    if (start !== undefined) return `the window ${formatWindow(start, end)}`;
    // A report without the starts: the window's last day, the day before the one its end falls on.
    const day = parseCivilDate(end.slice(0, 10));
    if (day === undefined) return `the window that ended at ${end}`;
    const last = civilFromDays(daysFromCivil(day.year, day.month, day.day) - 1);
    return `the window that ended ${formatCivilDate(last.year, last.month, last.day)}`;
}

/** The caps on all credits together as the latest evaluation applied them: per period what was owed and what is paid. */
export function latestCreditCapsMarkdown(report: Report, caps: readonly AgreementCreditCapReport[], dataChanged: readonly string[] = []): string {
    const lines = [latestEvaluationHeading(report)];
    for (const cap of caps) {
        lines.push(`- ${cap.cap}:${cap.periods.length === 0 ? ' no credit owed' : ''}`);
        for (const period of cap.periods) {
            const money = (amount: number) => formatMoney(amount, cap.currency);
            const cut = period.reached === true ? `**${money(period.paid)} paid** of ${money(period.owed)} owed (lowered: ${(period.lowered ?? []).join(', ')})` : `${money(period.paid)} of ${money(period.limit)} used`;
            lines.push(`  - ${period.start.slice(0, 10)}: ${cut}${period.provisional !== undefined ? `; ${money(period.provisional)} provisional` : ''}`);
        }
    }
    if (dataChanged.length > 0) lines.push('', `_The data changed since this evaluation (${dataChanged.map(file => `\`${fileName(file)}\``).join(', ')}): evaluate again._`);
    return lines.join('\n');
}

/** The last part of a path (either separator). */
function fileName(file: string): string {
    return file.split(/[/\\]/).pop() ?? file;
}
