/**
 * Inline results and breach warnings of a client agreement built from a template: the
 * engine's position of an objective the template writes is a line of the template's file
 * (catalogue.sla), not of the client's. Such an outcome is shown on the client agreement's
 * header line, naming the objective and the template; the client's own objectives stay on
 * their lines.
 */
import type { ObjectiveReport, Report } from '@sla/engine';
import { describe, expect, it } from 'vitest';
import { breachMessage, objectiveOutcome, outcomesByLine, reportOutcomes, writtenIn } from '../src/results/objective-outcome.js';

// catalogue.sla writes the template; its objective is on line 17, column 9. The client file's
// line 17 is a comment, its header on line 19, and its own objective on line 24.
const CLIENT = `import "catalogue.sla"

${Array.from({ length: 14 }, (_, i) => `// Line ${i + 3}`).join('\n')}
// Line 17  <- an unrelated comment of this file
// Line 18
agreement GlobexHosting "Hosting for Globex" from Hosting {
    customer Globex "Globex Corporation"
    valid from 2026-01-01 to 2026-03-31
    timezone "Europe/Berlin"
    service Mail "Mail" {
        objective Latency <= 300 ms per calendar month
    }
}
`;

function objective(kpi: string, service: string, line: number, column: number, status: 'met' | 'breached'): ObjectiveReport {
    const window = { start: '2026-01-01T00:00:00+01:00', end: '2026-02-01T00:00:00+01:00', value: status === 'met' ? 0.2 : 0.99933, target: undefined, status, margin: status === 'met' ? 0.1 : -0.00017, partial: false };
    return {
        service, kpi, kpiKey: `${service}.${kpi}`, comparison: kpi === 'Latency' ? '<=' : '>=', target: kpi === 'Latency' ? 300 : 0.9995,
        unit: kpi === 'Latency' ? 'duration' : 'percentage', window: 'calendar month', source: { line, column }, windows: [window], status
    } as unknown as ObjectiveReport;
}

const availability = objective('Availability', 'WebShop', 17, 9, 'breached'); // the template's, in catalogue.sla
const latency = objective('Latency', 'Mail', 24, 9, 'met'); // the client's own
const report = { agreement: 'GlobexHosting', objectives: [availability, latency], internalTargets: [] } as unknown as Report;

describe('where a client agreement\'s results are shown', () => {
    it('tells an objective written in the file from one its template writes', () => {
        expect(CLIENT.split('\n')[16]).toBe('// Line 17  <- an unrelated comment of this file');
        expect(writtenIn(CLIENT, availability)).toBe(false);
        expect(writtenIn(CLIENT, latency)).toBe(true);
        // The same statement, another KPI: not this objective.
        expect(writtenIn(CLIENT, { ...latency, kpi: 'Availability' })).toBe(false);
    });

    it('the template\'s objective on the client\'s header line, named; the client\'s own on its line', () => {
        const outcomes = reportOutcomes(report, CLIENT);
        expect(outcomes.map((outcome) => [outcome.line, outcome.name, outcome.fromTemplate])).toEqual([[18, 'WebShop.Availability', 'Hosting'], [23, 'Mail.Latency', undefined]]);
        expect(outcomes[0]!.inlineText).toMatch(/^WebShop\.Availability \(template Hosting\): ✗ BREACHED in 1 of 1 windows/);
        expect(outcomes[1]!.inlineText).toMatch(/^✓ MET · latest/);
        expect(breachMessage(outcomes[0]!)).toMatch(/^WebShop\.Availability \(an objective of the template Hosting\) breached in 1 of 1 windows/);
        // Nothing on line 17 (0-based 16) of the client file.
        expect(outcomes.some((outcome) => outcome.line === 16)).toBe(false);
    });

    it('several objectives of the template share the header line: one text, in the gravest status', () => {
        const met = objective('Latency', 'WebShop', 18, 9, 'met');
        const outcomes = reportOutcomes({ ...report, objectives: [availability, met] } as Report, CLIENT);
        expect(outcomes.map((outcome) => outcome.line)).toEqual([18, 18]);
        const [line] = outcomesByLine(outcomes);
        expect(line!.status).toBe('breached');
        expect(line!.text).toMatch(/^WebShop\.Availability \(template Hosting\): ✗ BREACHED .* · {2}WebShop\.Latency \(template Hosting\): ✓ MET/);
    });

    it('an agreement not built from a template keeps its objectives on their lines', () => {
        const own = `agreement A "A" {\n    objective Availability >= 99.9% per calendar month\n}\n`;
        expect(objectiveOutcome(objective('Availability', '', 2, 5, 'met'), own, 'A')?.line).toBe(1);
    });
});
