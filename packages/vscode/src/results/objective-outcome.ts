import { formatValueAgainst, formatWindow, statusWord, type ObjectiveReport, type Report, type WindowReport, type WindowStatus } from '@sla/engine';

/** What the editor shows for one objective after an evaluation: display strings only. */
export interface ObjectiveOutcome {
    /** 0-based line of the objective in the evaluated document. */
    line: number;
    name: string;
    /** Over the whole evaluated period: breached when any window was breached. */
    status: WindowStatus;
    /** The latest window's value and when, e.g. `99.936 % (Mar 2026)`. */
    latest: string;
    /** e.g. `breached in 1 of 3 windows, worst 99.578 % (Feb 2026)`; undefined when none was breached. */
    breaches: string | undefined;
    /** The text after the objective line. */
    inlineText: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mar 2026` for a calendar month window, otherwise the engine's day range. */
export function windowLabel(window: Pick<WindowReport, 'start' | 'end'>): string {
    const [startYear, startMonth, startDay] = window.start.slice(0, 10).split('-').map(Number) as [number, number, number];
    const [endYear, endMonth, endDay] = window.end.slice(0, 10).split('-').map(Number) as [number, number, number];
    const midnight = window.start.slice(11, 19) === '00:00:00' && window.end.slice(11, 19) === '00:00:00';
    const nextMonth = startMonth === 12 ? { year: startYear + 1, month: 1 } : { year: startYear, month: startMonth + 1 };
    if (midnight && startDay === 1 && endDay === 1 && endYear === nextMonth.year && endMonth === nextMonth.month) {
        return `${MONTHS[startMonth - 1]} ${startYear}`;
    }
    return formatWindow(window.start, window.end);
}

function objectiveName(objective: ObjectiveReport): string {
    return objective.service ? `${objective.service}.${objective.kpi}` : objective.kpi;
}

/** The window that shows how far a breach went: the smallest (most negative) margin. */
function worstWindow(windows: readonly WindowReport[]): WindowReport | undefined {
    let worst: WindowReport | undefined;
    for (const window of windows) {
        if (window.margin === null) continue;
        if (!worst || window.margin < (worst.margin ?? Infinity)) worst = window;
    }
    return worst;
}

function describeWindow(objective: ObjectiveReport, window: WindowReport): string {
    const scope = window.scopeValue !== undefined ? `${objective.scope ?? 'scope'} ${window.scopeValue}, ` : '';
    // A target that steps over the term: the window's own.
    return `${formatValueAgainst(window.value, window.target ?? objective.target, objective.unit)} (${scope}${windowLabel(window)}${window.partial ? ', partial' : ''})`;
}

export function objectiveOutcome(objective: ObjectiveReport): ObjectiveOutcome | undefined {
    if (!objective.source) return undefined;
    const windows = objective.windows;
    const latestWindow = [...windows].reverse().find((w) => w.status !== 'no data') ?? windows.at(-1);
    const latest = latestWindow ? describeWindow(objective, latestWindow) : 'no windows';
    const breached = windows.filter((w) => w.status === 'breached');
    const worst = worstWindow(breached);
    const breaches = breached.length > 0 && worst
        ? `breached in ${breached.length} of ${windows.length} windows, worst ${describeWindow(objective, worst)}`
        : undefined;
    const mark = objective.status === 'met' ? '✓' : objective.status === 'breached' ? '✗' : '–';
    const inlineText = breached.length > 0 && worst
        ? `${mark} BREACHED in ${breached.length} of ${windows.length} windows, worst ${describeWindow(objective, worst)} · latest ${latest}`
        : `${mark} ${statusWord(objective.status)} · latest ${latest}`;
    return { line: objective.source.line - 1, name: objectiveName(objective), status: objective.status, latest, breaches, inlineText };
}

/** Outcomes of every objective and internal target that has a position in the document. */
export function reportOutcomes(report: Report): ObjectiveOutcome[] {
    return [...report.objectives, ...report.internalTargets]
        .map(objectiveOutcome)
        .filter((outcome): outcome is ObjectiveOutcome => outcome !== undefined);
}

/** `1/4 met`: objectives (not internal targets) met in every window of the period. */
export function metSummary(report: Report): { met: number; total: number } {
    return { met: report.objectives.filter((o) => o.status === 'met').length, total: report.objectives.length };
}
