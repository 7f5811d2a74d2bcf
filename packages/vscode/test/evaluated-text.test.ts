/**
 * Typing while an evaluation runs: the report's positions are of the text the server read, and
 * the results must stand where those objectives are now. They were placed using the text read
 * when the answer arrived: after a line typed above, no objective stood at its position any
 * more, and every one went to the agreement's header labelled "(written in another file)".
 */
import type { ObjectiveReport, Report } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { placedOutcomes, shiftOutcomes, type TextEdit } from '../src/results/evaluated-text.js';
import { reportOutcomes } from '../src/results/objective-outcome.js';

// Line 1 (0-based 0) the header; Availability's objective on line 5, column 9; ErrorRate's on line 7.
const TEXT = `agreement Shop "Web shop" {
    valid from 2026-01-01 to 2026-03-31
    timezone "UTC"
    service WebShop "Web shop" {
        objective Availability >= 99.9% per calendar month
        // a comment
        objective ErrorRate <= 1% per calendar month
    }
}
`;

function objective(kpi: string, line: number): ObjectiveReport {
    const window = { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z', value: 0.9995, target: undefined, status: 'met', margin: 0.0005, partial: false };
    return { service: 'WebShop', kpi, kpiKey: `WebShop.${kpi}`, comparison: '>=', target: 0.999, unit: 'percentage', window: 'calendar month', source: { line, column: 9 }, windows: [window], status: 'met' } as unknown as ObjectiveReport;
}

const report = { agreement: 'Shop', objectives: [objective('Availability', 5), objective('ErrorRate', 7)], internalTargets: [] } as unknown as Report;
const placed = (outcomes: ReturnType<typeof reportOutcomes>) => outcomes.map((outcome) => [outcome.name, outcome.line, outcome.fromTemplate]);

/** `// note` and a line break typed at the start of the file: one change at offset 0, line 0. */
const NOTE: TextEdit = [{ rangeOffset: 0, rangeLength: 0, startLine: 0, endLine: 0, text: '// note\n' }];

describe('results of an evaluation during which the file was edited', () => {
    it('the text read at the answer put every objective on the header (the defect)', () => {
        expect(placed(reportOutcomes(report, `// note\n${TEXT}`))).toEqual([['WebShop.Availability', 1, ''], ['WebShop.ErrorRate', 1, '']]);
    });

    it('placed in the text evaluated, then moved by the line typed above: lines 5 and 7 become 6 and 8 (0-based 5 and 7)', () => {
        expect(placed(placedOutcomes(report, { text: TEXT, editsSince: [NOTE] }))).toEqual([['WebShop.Availability', 5, undefined], ['WebShop.ErrorRate', 7, undefined]]);
    });

    it('the server read the text after the edit (it waited for a build): positions of that text, not moved again', () => {
        // The report's positions are then one line lower: 6 and 8.
        const later = { ...report, objectives: [objective('Availability', 6), objective('ErrorRate', 8)] } as Report;
        expect(placed(placedOutcomes(later, { text: TEXT, editsSince: [NOTE] }))).toEqual([['WebShop.Availability', 5, undefined], ['WebShop.ErrorRate', 7, undefined]]);
    });

    it('an edit on an objective\'s line drops its outcome; one between the two moves only the second', () => {
        // "99.9%" → "99.95%" on line 5 (0-based 4): Availability's values are of a text no longer there.
        const offset = TEXT.indexOf('99.9%') + 4;
        const onLine: TextEdit = [{ rangeOffset: offset, rangeLength: 0, startLine: 4, endLine: 4, text: '5' }];
        expect(placed(placedOutcomes(report, { text: TEXT, editsSince: [onLine] }))).toEqual([['WebShop.ErrorRate', 6, undefined]]);
        // A line break typed at the end of the comment (0-based line 5): ErrorRate moves from 0-based 6 to 7.
        const end = TEXT.indexOf('// a comment') + '// a comment'.length;
        const between: TextEdit = [{ rangeOffset: end, rangeLength: 0, startLine: 5, endLine: 5, text: '\n' }];
        expect(placed(placedOutcomes(report, { text: TEXT, editsSince: [between] }))).toEqual([['WebShop.Availability', 4, undefined], ['WebShop.ErrorRate', 7, undefined]]);
    });

    it('without edits, the text evaluated places them as before', () => {
        expect(placedOutcomes(report, { text: TEXT, editsSince: [] })).toEqual(reportOutcomes(report, TEXT));
        expect(placed(reportOutcomes(report, TEXT))).toEqual([['WebShop.Availability', 4, undefined], ['WebShop.ErrorRate', 6, undefined]]);
    });

    it('changes of one edit apply in order, each to the text the one before left (as VS Code\'s own copy of the text)', () => {
        // Two lines typed, bottom first (as VS Code sends a multi-cursor edit): above line 7 and above line 1.
        const twoCursors: TextEdit = [
            { rangeOffset: TEXT.indexOf('        objective ErrorRate'), rangeLength: 0, startLine: 6, endLine: 6, text: '\n' },
            { rangeOffset: 0, rangeLength: 0, startLine: 0, endLine: 0, text: '\n' }
        ];
        // Line 0 of each outcome: Availability 4 → 5; ErrorRate's own line is 6, where the first change is made: dropped.
        expect(shiftOutcomes([{ line: 4 }, { line: 6 }, { line: 8 }], twoCursors)).toEqual([{ line: 5 }, { line: 10 }]);
    });
});
