import { formatValueAgainst, formatWindow, statusWord, type ObjectiveReport, type Report, type WindowReport, type WindowStatus } from '@sla/engine';
import { agreementsIn } from '../commands/agreement-text.js';

/** What the editor shows for one objective after an evaluation: display strings only. */
export interface ObjectiveOutcome {
    /**
     * 0-based line where the editor shows it in the evaluated document: the objective's own line
     * when the document writes it, else (a client agreement's objective that its template
     * writes, in the template's file) the client agreement's header line.
     */
    line: number;
    name: string;
    /** An internal target (the provider's own, stricter goal), not a promise of the contract: it is missed, not breached. */
    internalTarget?: true;
    /** The objective is the template's (written in another file): the name of the template, or '' when the header does not say. */
    fromTemplate?: string;
    /** Over the whole evaluated period: breached when any window was breached. */
    status: WindowStatus;
    /** The latest window's value and when, e.g. `99.936 % (Mar 2026)`. */
    latest: string;
    /** e.g. `breached in 1 of 3 windows, worst 99.578 % (Feb 2026)` (`missed in …` for an internal target); undefined when none was breached. */
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

/**
 * Whether the objective at `source` is written in `text` (the evaluated file, or its lines): the engine's
 * positions are of the file that writes each objective, and a client agreement's objectives
 * that its template writes carry positions in the template's file. An objective (or internal
 * target) statement on `objective.kpi` must start at that very line and column of `text`.
 */
export function writtenIn(text: string | readonly string[], objective: Pick<ObjectiveReport, 'kpi' | 'source'>): boolean {
    if (!objective.source) return false;
    // Several objectives of one text: its lines split once (evaluated-text.ts).
    const lines = typeof text === 'string' ? text.split('\n') : text;
    const line = lines[objective.source.line - 1];
    if (line === undefined) return false;
    const statement = [line.slice(objective.source.column - 1), ...lines.slice(objective.source.line, objective.source.line + 4)].join('\n')
        .replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    if (!/^(objective|internal\s+target)\b/.test(statement)) return false;
    const kpi = objective.kpi.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^A-Za-z0-9_])${kpi}([^A-Za-z0-9_]|$)`).test(statement.slice(0, 600));
}

/** Where the editor shows an objective of `agreement` in `text`: its own line, or the agreement's header (with its template's name). */
function placeIn(text: string, agreement: string, objective: ObjectiveReport): { line: number; fromTemplate?: string } | undefined {
    if (!objective.source) return undefined;
    if (writtenIn(text, objective)) return { line: objective.source.line - 1 };
    const header = agreementsIn(text).find((candidate) => candidate.name === agreement);
    return header ? { line: header.line, fromTemplate: header.template ?? '' } : undefined;
}

/**
 * `text`: the evaluated document's, to place the outcome (placeIn); without it, the objective's
 * own line is taken to be of this document.
 */
export function objectiveOutcome(objective: ObjectiveReport, text?: string, agreement?: string, internalTarget = false): ObjectiveOutcome | undefined {
    if (!objective.source) return undefined;
    const place = text === undefined ? { line: objective.source.line - 1 } : placeIn(text, agreement ?? '', objective);
    if (!place) return undefined;
    const windows = objective.windows;
    const latestWindow = [...windows].reverse().find((w) => w.status !== 'no data') ?? windows.at(-1);
    const latest = latestWindow ? describeWindow(objective, latestWindow) : 'no windows';
    const breached = windows.filter((w) => w.status === 'breached');
    const worst = worstWindow(breached);
    // An internal target is the provider's own goal: missing it breaches nothing of the contract.
    const failed = internalTarget ? 'missed' : 'breached';
    const breaches = breached.length > 0 && worst
        ? `${failed} in ${breached.length} of ${windows.length} windows, worst ${describeWindow(objective, worst)}`
        : undefined;
    const mark = objective.status === 'met' ? '✓' : objective.status === 'breached' ? '✗' : '–';
    const name = objectiveName(objective);
    const values = breached.length > 0 && worst
        ? `${mark} ${failed.toUpperCase()} in ${breached.length} of ${windows.length} windows, worst ${describeWindow(objective, worst)} · latest ${latest}`
        : `${mark} ${statusWord(objective.status)} · latest ${latest}`;
    // On the header line, the objective is named: the line does not say which one it is.
    const inlineText = place.fromTemplate === undefined ? values : `${internalTarget ? 'internal target ' : ''}${name} (${templateWords(place.fromTemplate)}): ${values}`;
    return {
        line: place.line, name, ...(internalTarget ? { internalTarget: true as const } : {}), ...(place.fromTemplate === undefined ? {} : { fromTemplate: place.fromTemplate }),
        status: objective.status, latest, breaches, inlineText
    };
}

/** `template Hosting`, or `written in another file` when the header names no template. */
export function templateWords(template: string): string {
    return template === '' ? 'written in another file' : `template ${template}`;
}

/**
 * What a breach diagnostic says (breach-diagnostics.ts): the objective, where it is written when
 * elsewhere, and its breaches; an internal target says so, and that it was missed.
 */
export function breachMessage(outcome: ObjectiveOutcome): string {
    const where = outcome.fromTemplate === undefined ? '' : ` (${outcome.fromTemplate === '' ? 'written in another file' : `${outcome.internalTarget ? '' : 'an objective '}of the template ${outcome.fromTemplate}`})`;
    return `${outcome.internalTarget ? 'Internal target ' : ''}${outcome.name}${where} ${outcome.breaches ?? (outcome.internalTarget ? 'missed' : 'breached')}`;
}

/**
 * The outcomes to draw after each line: several on one line (a client's header, which carries
 * its template's objectives) are joined, in the colour of the gravest status.
 */
export function outcomesByLine(outcomes: readonly ObjectiveOutcome[], text: (outcome: ObjectiveOutcome) => string = (outcome) => outcome.inlineText): Array<{ line: number; status: WindowStatus; text: string }> {
    const lines = new Map<number, ObjectiveOutcome[]>();
    for (const outcome of outcomes) lines.set(outcome.line, [...(lines.get(outcome.line) ?? []), outcome]);
    const rank = (status: WindowStatus): number => (status === 'breached' ? 0 : status === 'no data' ? 1 : 2);
    return [...lines].map(([line, shown]) => ({
        line,
        status: shown.map((outcome) => outcome.status).sort((a, b) => rank(a) - rank(b))[0]!,
        text: shown.map(text).join('  ·  ')
    }));
}

/**
 * Outcomes of every objective and internal target that has a position: `text` is the evaluated
 * document's (objectiveOutcome), without it every position is taken to be of the document.
 */
export function reportOutcomes(report: Report, text?: string): ObjectiveOutcome[] {
    return [
        ...report.objectives.map((objective) => objectiveOutcome(objective, text, report.agreement)),
        ...report.internalTargets.map((target) => objectiveOutcome(target, text, report.agreement, true))
    ].filter((outcome): outcome is ObjectiveOutcome => outcome !== undefined);
}

/** `1/4 met`: objectives (not internal targets) met in every window of the period. */
export function metSummary(report: Report): { met: number; total: number } {
    return { met: report.objectives.filter((o) => o.status === 'met').length, total: report.objectives.length };
}
