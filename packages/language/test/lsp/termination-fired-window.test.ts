import { describe, expect, test } from 'vitest';
import type { Report } from '@sla/engine';
import { latestTerminationMarkdown } from '../../src/lsp/evaluation/latest-values-markdown.js';
import { evaluateFixture } from '../evaluation/evaluate-fixture.js';

/**
 * The hover after an evaluation names the window that fired a termination right as the CLI labels
 * windows, by its last day: the report's `firedAt` is the window's end, the first instant after it
 * (2026-03-01T00:00:00-05:00 for February in New York), which the hover once wrote as "ended 2026-03-01".
 * Each outage lasts two hours: 120 min of a 28–31-day month is 0.27–0.30 % down, a breach of 99.9 %.
 */
const outage = (month: string) => `2026-${month}-10T15:00:00Z,2026-${month}-10T17:00:00Z`;

const agreement = (zone: string) => `agreement Hosting "Hosting" {
    provider P "Provider Inc."
    customer C "Customer Inc."
    valid from 2026-01-01 to 2026-12-31
    timezone "${zone}"

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
    objective Availability >= 99.9% per calendar month
    termination Chronic "The customer may terminate" when Availability is breached in 2 consecutive windows
}
`;

async function evaluated(zone: string, months: string[]): Promise<Report> {
    return evaluateFixture({ 'hosting.sla': agreement(zone), 'incidents.csv': `started,resolved\n${months.map(outage).join('\n')}\n` }, { from: '2026-01-01', to: '2026-06-30' });
}

/** The hover's line on the right (after the heading). */
function firedLine(report: Report): string {
    return latestTerminationMarkdown(report, report.terminations![0]!).split('\n')[1]!;
}

describe('the window that fired a termination right, in the hover after an evaluation', () => {
    test('February in New York: 2026-02-01 – 2026-02-28, not "ended 2026-03-01"', async () => {
        // January and February breached: the right fires at the end of February, 28 days in 2026
        // (not a leap year), which ends 2026-03-01 00:00 EST = 05:00 UTC.
        const report = await evaluated('America/New_York', ['01', '02']);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, firedAt: '2026-03-01T00:00:00-05:00' });
        expect(firedLine(report)).toBe('- **fired** at the end of the window 2026-02-01 – 2026-02-28 (2 breached windows)');
    });

    test('March, 31 days, in New York across the change to summer time: 2026-03-01 – 2026-03-31', async () => {
        // February and March breached: fired at the end of March, 2026-04-01 00:00 EDT (−04:00 since 8 March).
        const report = await evaluated('America/New_York', ['02', '03']);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, firedAt: '2026-04-01T00:00:00-04:00' });
        expect(firedLine(report)).toBe('- **fired** at the end of the window 2026-03-01 – 2026-03-31 (2 breached windows)');
    });

    test('May, 31 days, in UTC: 2026-05-01 – 2026-05-31', async () => {
        // April and May breached: fired at the end of May, 2026-06-01 00:00 UTC; its last day the 31st.
        const report = await evaluated('UTC', ['04', '05']);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, firedAt: '2026-06-01T00:00:00+00:00' });
        expect(firedLine(report)).toBe('- **fired** at the end of the window 2026-05-01 – 2026-05-31 (2 breached windows)');
    });

    test('a report without the starts of the breached windows: the last day, the day before the end', async () => {
        const report = await evaluated('America/New_York', ['01', '02']);
        delete report.terminations![0]!.scopes[0]!.breachedWindows;
        expect(firedLine(report)).toBe('- **fired** at the end of the window that ended 2026-02-28 (2 breached windows)');
    });

    test('a right that has not fired says so, as before', async () => {
        // January and March breached, February met: never two in a row. April–June are met, so
        // July, the next window of the validity, cannot fire it either: not at risk.
        const report = await evaluated('America/New_York', ['01', '03']);
        expect(firedLine(report)).toBe('- not fired (2 breached windows)');
    });
});
