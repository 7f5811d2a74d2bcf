import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { CALENDAR_UNITS } from '@sla/engine';
import { isCredit, isCreditCap, isExclusionCap, isInternalTarget, isObjective, type Credit, type InternalTarget, type Objective, type SlaAstType, type Window } from '../generated/ast.js';
import { calendarUnitOf, fiscalUnitOf, fiscalYearOf, isAmbiguousWindow, readingsOf, rollingUnitDays, variableLengthUnit } from '../model/windows.js';
import { fix, insertAfterNode, replaceNode, writeFixes } from './quick-fix.js';
import type { Range } from 'vscode-languageserver-types';
import { keywordNode, propertyNode, quote, quoteHeader, report } from './report.js';

/** Windows: every promise has one, and it reads one way only. */
export function windowChecks(): ValidationChecks<SlaAstType> {
    return {
        Window: checkWindow,
        Objective: (node, accept) => {
            checkWindowPresent(node, 'target', accept);
            checkWindowBeforeScope(node, accept);
        },
        InternalTarget: (node, accept) => {
            checkWindowPresent(node, 'target', accept);
            checkWindowBeforeScope(node, accept);
        },
        Credit: (node, accept) => {
            checkWindowPresent(node, 'kpi', accept);
            checkWindowBeforeScope(node, accept);
        }
    };
}

/**
 * `for each region per calendar month`: the window comes first, as in every other promise and
 * credit. The grammar takes this order too (so that the rest of the service still parses); it
 * reads the same, but one order keeps agreements comparable line by line.
 */
function checkWindowBeforeScope(node: Objective | InternalTarget | Credit, accept: ValidationAcceptor): void {
    const window = node.window?.$cstNode;
    const scope = isCredit(node) ? node.scope?.$cstNode : scopeNode(node);
    if (!window || !scope || scope.offset > window.offset) return;
    const text = (cst: { text: string }) => cst.text.replace(/\s+/g, ' ');
    const swapped = `${text(window)} ${text(scope)}`;
    const whole = { start: scope.range.start, end: window.range.end };
    report(accept, 'member-misplaced',
        `The window comes before 'for each': write '${swapped}', not '${text(scope)} ${text(window)}'.`,
        { node, range: whole },
        { fixes: [fix(`Write '${swapped}'`, [{ range: whole, newText: swapped }], true)] });
}

/** `for each region` of an objective or internal target, from its `for` keyword to the field. */
function scopeNode(node: Objective | InternalTarget): { offset: number; text: string; range: Range } | undefined {
    // Without a field there is none: no search of the syntax nodes (a portfolio checks its template's promises once per client).
    if (node.scope === undefined) return undefined;
    const forKeyword = keywordNode(node, 'for');
    const field = propertyNode(node, 'scope');
    if (!forKeyword || !field) return undefined;
    const text = node.$cstNode!.root.fullText.slice(forKeyword.offset, field.end);
    return { offset: forKeyword.offset, text, range: { start: forKeyword.range.start, end: field.range.end } };
}

function checkWindowPresent(node: Objective | InternalTarget | Credit, after: 'target' | 'kpi', accept: ValidationAcceptor): void {
    if (node.window) return;
    const anchor = propertyNode(node, after);
    if (!anchor) return; // half-written: the parser reports what is missing
    const what = isCredit(node) ? 'This credit' : isObjective(node) ? 'This objective' : 'This internal target';
    report(accept, 'window-missing',
        `${what} has no measurement window: ${quoteHeader(node)} — over what period? Add one, e.g. 'per calendar month' or 'per rolling 30 days'.`,
        { node, property: after },
        { fixes: [fix("Add 'per calendar month'", [insertAfterNode(anchor, ' per calendar month')], true)] });
}

function checkWindow(window: Window, accept: ValidationAcceptor): void {
    const cst = window.$cstNode;
    if (!cst) return;
    if (!window.adverb && !window.unit) return; // half-written `per`
    if (isAmbiguousWindow(window)) {
        const readings = readingsOf(window);
        const explanation = ambiguityExplanation(window);
        report(accept, 'window-ambiguous',
            `Ambiguous window: ${quote(window)} ${explanation} ${readings.length > 0 ? `Write ${readings.map(r => `'${r}'`).join(' or ')}.` : "Write 'per calendar <day|week|month|quarter|year>' or 'per rolling <N> <minutes|hours|days|weeks>'."}`,
            { node: window },
            { fixes: writeFixes(cst, readings) });
        return;
    }
    if (window.fiscal) {
        checkFiscalWindow(window, accept);
        return;
    }
    if (window.calendar) {
        const unit = calendarUnitOf(window.unit);
        if (unit && window.length !== undefined) {
            // `per calendar 2 months`: blocks of several periods have no agreed start.
            const readings = [`per calendar ${unit}`, `per rolling ${window.length * (unit === 'week' ? 7 : unit === 'day' ? 1 : unit === 'month' ? 30 : unit === 'quarter' ? 91 : 365)} days`];
            report(accept, 'window-ambiguous',
                `Ambiguous window: ${quote(window)} does not say where each block of ${window.length} ${unit}s starts. A calendar window is one whole ${CALENDAR_UNITS.join(', ')}. Write ${readings.map(r => `'${r}'`).join(' or ')}.`,
                { node: window },
                { fixes: writeFixes(cst, readings) });
            return;
        }
        if (!unit) {
            report(accept, 'unit-unknown',
                `'${window.unit}' is not a calendar period: a calendar window is one ${CALENDAR_UNITS.join(', ')}. Write e.g. 'per calendar month', or use a rolling window: 'per rolling 24 hours'.`,
                { node: window, property: 'unit' });
        }
        return;
    }
    if (window.rolling && window.length !== undefined && !(window.length > 0)) {
        report(accept, 'range-invalid',
            `A rolling window of ${window.length} ${window.unit ?? ''} measures nothing: no row and no minute lies in it, so the promise could never be judged. Give a length above zero, e.g. 'per rolling 7 days'.`,
            { node: window, property: 'length' });
        return;
    }
    if (rollingUnitDays(window.unit) !== undefined) return;
    const variable = variableLengthUnit(window.unit);
    if (variable) {
        // `per rolling 2 months`: about 60 days (the same length, in a unit that has one); a calendar window only for one.
        const count = window.length ?? 1;
        const days = count * (variable === 'month' ? 30 : variable === 'quarter' ? 90 : 365);
        const readings = [`per rolling ${days} days`, ...(count === 1 ? [`per calendar ${variable}`] : [])];
        report(accept, 'fixed-month-duration',
            `${quote(window)} has no fixed length: a ${variable} is ${variable === 'month' ? '28–31' : variable === 'quarter' ? '90–92' : '365–366'} days, so readers can disagree on where a rolling window starts. Write ${readings.map(r => `'${r}'`).join(' or ')}.`,
            { node: window, property: 'unit' },
            { fixes: writeFixes(cst, readings) });
        return;
    }
    report(accept, 'unit-unknown',
        `'${window.unit}' is not a unit of a rolling window: use minutes, hours, days or weeks, e.g. 'per rolling 7 days'.`,
        { node: window, property: 'unit' });
}

/**
 * `per fiscal quarter` / `per fiscal year`: a promise's window (objective, internal target,
 * credit) in the agreement's fiscal year, which the agreement must declare.
 */
function checkFiscalWindow(window: Window, accept: ValidationAcceptor): void {
    const cst = window.$cstNode!;
    const unit = fiscalUnitOf(window);
    const calendarUnit = calendarUnitOf(window.unit);
    if (!unit) {
        // A fiscal day, week or month is the calendar's.
        const fixes = calendarUnit ? [fix(`Write 'per calendar ${calendarUnit}'`, [replaceNode(cst, `per calendar ${calendarUnit}`)], true)] : [];
        report(accept, 'unit-unknown',
            `A fiscal window is a fiscal quarter or a fiscal year, not ${quote(window)}${calendarUnit ? `: a fiscal ${calendarUnit} is the calendar ${calendarUnit}. Write 'per calendar ${calendarUnit}'.` : ". Write 'per fiscal quarter' or 'per fiscal year'."}`,
            { node: window, property: 'unit' }, { fixes });
        return;
    }
    if (window.length !== undefined) {
        report(accept, 'window-ambiguous',
            `Ambiguous window: ${quote(window)} does not say where each block of ${window.length} ${unit}s starts. A fiscal window is one whole fiscal ${unit}. Write 'per fiscal ${unit}'.`,
            { node: window }, { fixes: [fix(`Write 'per fiscal ${unit}'`, [replaceNode(cst, `per fiscal ${unit}`)], true)] });
        return;
    }
    const container = window.$container;
    // Promises, and the caps that count along with them (a credit's `capped at … per fiscal year`, an exclusion's `at most … per fiscal year`).
    const measured = isObjective(container) || isInternalTarget(container) || isCredit(container) || isCreditCap(container) || isExclusionCap(container);
    if (!measured || window.$containerProperty !== 'window') {
        report(accept, 'unit-unknown',
            `${quote(window)}: fiscal windows measure promises (objectives, internal targets and credits) and their caps; a fee's period counts calendar periods. Write 'per calendar ${unit}'.`,
            { node: window }, { fixes: [fix(`Write 'per calendar ${unit}'`, [replaceNode(cst, `per calendar ${unit}`)], true)] });
        return;
    }
    if (!fiscalYearOf(window)) {
        report(accept, 'fiscal-year-missing',
            `${quote(window)} counts in the agreement's fiscal year, but the agreement does not say when it starts. Add e.g. 'fiscal year from february' to the agreement (quarters then run February–April, May–July, August–October, November–January).`,
            { node: window });
    }
}

function ambiguityExplanation(window: Window): string {
    const unit = window.adverb ? undefined : calendarUnitOf(window.unit);
    const adverbMonth = window.adverb === 'monthly';
    if (adverbMonth || (unit === 'month' && (window.length ?? 1) === 1)) {
        return 'can mean a calendar month (28–31 days, resets on the 1st) or a rolling 30-day window.';
    }
    if (window.adverb || (unit && (window.length ?? 1) === 1)) {
        return 'can mean a calendar period (aligned to the calendar, in the agreement\'s time zone) or a rolling one (the last period before each moment).';
    }
    return 'can mean a rolling window (the last period before each moment) or a fixed block aligned to the calendar.';
}
