import { describe, expect, it } from 'vitest';
import { formatBudgetUsed, formatMargin, formatTarget, formatValue, formatValueAgainst, renderHtml, renderMarkdown, renderTable, reportExitCode, type ObjectiveReport, type Report, type WindowReport } from '../../src/index.js';

function window(parts: Partial<WindowReport>): WindowReport {
    return {
        start: '2026-03-01T00:00:00+01:00',
        end: '2026-04-01T00:00:00+02:00',
        partial: false,
        value: null,
        status: 'no data',
        margin: null,
        budgetConsumed: null,
        budgetRemaining: null,
        rows: 0,
        unresolved: 0,
        ...parts
    };
}

function objective(parts: Partial<ObjectiveReport>): ObjectiveReport {
    return { service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', windows: [], status: 'met', ...parts };
}

function sampleReport(): Report {
    return {
        schemaVersion: 1,
        agreement: 'AcmeHosting',
        timezone: 'Europe/Berlin',
        period: { from: '2026-03-01T00:00:00+01:00', to: '2026-05-01T00:00:00+02:00' },
        generatedAt: '2026-05-02T09:00:00+02:00',
        datasets: [{ name: 'requests', path: '/data/requests.csv', timeField: 'time', rows: 1234, rejected: 0, rejectedShare: 0, outsidePeriod: 0, firstTime: null, lastTime: null, rejectedSamples: [], unresolved: 0, openIncidents: 0, coverage: { declaredEnd: null, end: '2026-05-01T00:00:00+02:00', basis: '--to', knownUntil: '2026-05-01T00:00:00+02:00' } }],
        objectives: [
            objective({
                status: 'breached',
                windows: [
                    // 0.99953 − 0.999 = 0.00053 → +0.053 pp; budget (1 − 0.99953)/0.001 = 47 %.
                    window({ value: 0.99953, status: 'met', margin: 0.00053, budgetConsumed: 0.47, budgetRemaining: 0.53, rows: 12 }),
                    window({ start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', value: 0.99, status: 'breached', margin: -0.009, budgetConsumed: 10, budgetRemaining: -9, rows: 3 })
                ]
            }),
            objective({ kpi: 'P95Latency', kpiKey: 'WebShop.P95Latency', comparison: '<=', target: 300, unit: 'ms', windows: [window({ value: 287, status: 'met', margin: 13, rows: 1000 })] }),
            objective({ kpi: 'P1Response', kpiKey: 'WebShop.P1Response', comparison: '<=', target: 30 * 60_000, unit: 'ms', windows: [window({})], status: 'no data' })
        ],
        internalTargets: [objective({ owner: 'Platform team', target: 0.9995, windows: [window({ value: 0.99953, status: 'met', margin: 0.00003 })] })],
        credits: [{
            service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability', window: 'calendar month', unit: 'ratio', currency: 'EUR', thresholds: [0.999], feeProrated: false, total: 1200, provisionalTotal: 0,
            windows: [{ start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', partial: false, value: 0.99, provisional: false, tier: 1, tierLabel: 'below 99.9%', percentOfFee: 10, fee: 12_000, amount: 1200, uncappedAmount: 1200, capped: false }]
        }],
        openItems: [{ kind: 'open incident', dataset: 'incidents', line: 7, start: '2026-04-30T22:00:00+02:00' }],
        notes: [],
        totals: { windows: 4, met: 2, breached: 1, noData: 1 }
    };
}

describe('value formatting', () => {
    it('formats values for humans', () => {
        expect(formatValue(0.99953, 'ratio')).toBe('99.953 %');
        expect(formatValue(287, 'ms')).toBe('287 ms');
        // 44 min 38 s = 44 × 60,000 + 38,000 = 2,678,000 ms.
        expect(formatValue(2_678_000, 'ms')).toBe('44 min 38 s');
        expect(formatValue(1200, 'EUR')).toBe('€1,200.00');
        expect(formatValue(null, 'ratio')).toBe('—');
    });
});

describe('renderers', () => {
    const report = sampleReport();

    it('renders a terminal table with status words and the expected rows', () => {
        const text = renderTable(report);
        expect(text).toContain('WebShop · Availability >= 99.9 % per calendar month: BREACHED');
        expect(text).toMatch(/2026-03-01 – 2026-03-31\s+99\.953 %\s+MET\s+\+0\.053 pp\s+47 %\s+12/);
        expect(text).toMatch(/2026-04-01 – 2026-04-30\s+99 %\s+BREACHED/);
        expect(text).toMatch(/287 ms\s+MET/);
        expect(text).toContain('NO DATA');
        expect(text).toContain('€1,200.00');
        expect(text).toContain('Internal target: WebShop · Availability >= 99.95 % per calendar month (owner: Platform team)');
        expect(text).toContain('open incident');
    });

    it('can colour status words for terminals without losing the words or the alignment', () => {
        const coloured = renderTable(report, { color: true });
        expect(coloured).toContain('\u001b[1;31mBREACHED\u001b[0m');
        // Without the escape codes the text is the plain table.
        expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderTable(report));
    });

    it('renders Markdown tables', () => {
        const markdown = renderMarkdown(report);
        expect(markdown).toContain('# SLA report: AcmeHosting');
        expect(markdown).toContain('| window | value | status | margin | budget used | rows |');
        expect(markdown).toContain('| **2026-04-01 – 2026-04-30** | 99 % | BREACHED | −0.9 pp | 1000 % | 3 |');
    });

    it('renders one self-contained HTML file with breaches highlighted', () => {
        const html = renderHtml(report);
        expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(html).toContain('<style>');
        expect(html).not.toMatch(/<script|<link|https?:\/\//i);
        expect(html).toMatch(/<tr class="breached"><td>2026-04-01 – 2026-04-30<\/td><td>99 %<\/td><td class="status-breached">BREACHED<\/td>/);
        expect(html).toContain('€1,200.00');
        // The availability objective has two windows with values: a static SVG chart with the target line.
        expect(html).toMatch(/<figure><svg class="chart"[^>]*>.*stroke-dasharray.*<\/svg><\/figure>/);
    });

    it('exits 1 on a breach, 0 when everything is met or without data', () => {
        expect(reportExitCode(report)).toBe(1);
        const calm: Report = { ...report, objectives: report.objectives.slice(1) };
        expect(reportExitCode(calm)).toBe(0);
    });

    it('shows pending and failed open rows, provisional windows and the data end in every format', () => {
        const dataEndNote = '9 window(s) have no data because they start after the end of the data (incidents last event 2026-03-20T10:00:00+01:00).';
        const withOpen: Report = {
            ...report,
            objectives: [objective({
                kpi: 'P1Fix', kpiKey: 'P1Fix', comparison: '<=', target: 4 * 3_600_000, unit: 'ms', status: 'breached',
                windows: [
                    window({ value: 5 * 3_600_000, status: 'breached', margin: -3_600_000, rows: 3, unresolved: 2, pending: 1, failedOpen: 1, atLeast: true, provisional: true, dataEnd: '2026-03-20T10:00:00.001+01:00' }),
                    window({ start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', afterDataEnd: true })
                ]
            })],
            credits: [],
            internalTargets: [],
            dataEndNote,
            notes: [dataEndNote]
        };
        const text = renderTable(withOpen);
        expect(text.split('\n')[1]).toBe(`NO DATA: ${dataEndNote}`);
        expect(text).toContain('(data end inside this window: 2026-03-20T10:00:00.001+01:00, provisional, 1 pending, 1 failed while open)');
        expect(text).toMatch(/at least 5 h\s+BREACHED/);
        expect(text).toContain('2026-04-01 – 2026-04-30 (after the data end)');
        expect(text).toContain('--to'); // the dataset's data end and where it comes from
        expect(text).not.toContain(`Note: ${dataEndNote}`); // shown once, under the headline
        expect(renderMarkdown(withOpen)).toContain(`> **No data:** ${dataEndNote}`);
        expect(renderMarkdown(withOpen)).toContain('provisional, 1 pending, 1 failed while open');
        expect(renderHtml(withOpen)).toContain('<p class="data-end"><strong>No data:</strong> 9 window(s) have no data');
        expect(renderHtml(withOpen)).toContain('at least 5 h');
    });

    it('folds a run of windows after the data end into one row (objectives, rolling windows, credits); one such window stays as it is', () => {
        const month = (m: number) => ({ start: `2026-${String(m).padStart(2, '0')}-01T00:00:00+01:00`, end: `2026-${String(m + 1).padStart(2, '0')}-01T00:00:00+01:00` });
        const after = (m: number, parts: Partial<WindowReport> = {}) => window({ ...month(m), afterDataEnd: true, ...parts });
        const credit = (m: number, parts: Partial<Report['credits'][number]['windows'][number]> = {}) => ({
            ...month(m), partial: false, value: null, provisional: false, tier: null, tierLabel: null, percentOfFee: null, fee: 12_000, amount: 0, uncappedAmount: 0, capped: false, afterDataEnd: true, ...parts
        });
        const folded: Report = {
            ...sampleReport(),
            objectives: [
                // March met, then April to July after the data end (4 windows), of one scope value each run.
                objective({ windows: [window({ ...month(3), value: 0.9995, status: 'met', margin: 0.0005, rows: 9 }), after(4), after(5), after(6), after(7)] }),
                objective({ kpi: 'Errors', kpiKey: 'WebShop.Errors', scope: 'region', windows: [after(4, { scopeValue: 'eu' }), after(5, { scopeValue: 'eu' }), after(4, { scopeValue: 'us' })] }),
                objective({ kpi: 'Daily', kpiKey: 'WebShop.Daily', window: 'rolling 7 days', summary: [], windows: [after(4), after(5), after(6)] })
            ],
            internalTargets: [],
            credits: [{ ...sampleReport().credits[0]!, total: 0, windows: [credit(4), credit(5), credit(6)] }],
            openItems: []
        };
        const text = renderTable(folded);
        expect(text).toMatch(/\n2026-04-01 – 2026-07-31 \(4 windows, all after the data end\)\s+—\s+NO DATA\s+—\s+—\s+0\n/);
        expect(text).not.toContain('2026-05-01 – 2026-05-31');
        // Per scope value: eu's two windows are one row, us's one window stays as it is.
        expect(text).toMatch(/\neu\s+2026-04-01 – 2026-05-31 \(2 windows, all after the data end\)/);
        expect(text).toMatch(/\nus\s+2026-04-01 – 2026-04-30 \(after the data end\)/);
        expect(text).toContain('2026-04-01 – 2026-06-30 (3 rolling windows, all after the data end)');
        expect(text).toMatch(/\n2026-04-01 – 2026-06-30 \(3 windows, all after the data end\)\s+—\s+—\s+€0\.00\n/);
        expect(renderMarkdown(folded)).toContain('2026-04-01 – 2026-07-31 (4 windows, all after the data end)');
        expect(renderHtml(folded)).toContain('2026-04-01 – 2026-07-31 (4 windows, all after the data end)');
        // A window after the data end that says something more (a credit owed, a per-window target) is not folded.
        const owed: Report = { ...folded, objectives: [], credits: [{ ...folded.credits[0]!, total: 100, windows: [credit(4), credit(5, { amount: 100, uncappedAmount: 100 }), credit(6)] }] };
        expect(renderTable(owed)).toContain('2026-05-01 – 2026-05-31 (after the data end)');
        expect(renderTable(owed)).not.toContain('windows, all after the data end');
        const stepped: Report = { ...folded, credits: [], objectives: [objective({ windows: [after(4, { target: 0.9995 }), after(5, { target: 0.9995 })] })] };
        expect(renderTable(stepped)).not.toContain('windows, all after the data end');
    });

    it('says which bad slices at the data end wait for the next data (a run under `at least N consecutive`)', () => {
        const slices = { lengthMs: 60_000, total: 44_640, empty: 44_638, bad: 0, unknown: 0 };
        const waiting: Report = {
            ...report,
            objectives: [objective({ windows: [window({ value: 0, status: 'met', provisional: true, slices: { ...slices, runAtDataEnd: 2 } })] })],
            credits: [],
            internalTargets: []
        };
        expect(renderTable(waiting)).toContain('provisional, 2 bad slices at the data end, not counted: a run the next data may lengthen');
        expect(renderMarkdown(waiting)).toContain('2 bad slices at the data end, not counted');
        const settled: Report = { ...waiting, objectives: [objective({ windows: [window({ value: 0, status: 'met', slices })] })] };
        expect(renderTable(settled)).not.toContain('at the data end, not counted');
    });
});

describe('a value that differs from its target never reads as the target (docs/cli.md, other formats)', () => {
    // A 44 min 39 s outage (2,679 s) in January 2026 (31 days = 2,678,400 s) against >= 99.9 %:
    // uptime = 1 − 2,679/2,678,400 = 0.998999775985663…, i.e. 99.8999776 %: with 3 decimals it would read
    // "99.9 %" and its margin (−0.0000224 pp) "−0 pp". 4 decimals still round to 99.9000; 5 give 99.89998.
    const value = 1 - 2679 / 2_678_400;
    const margin = value - 0.999; // −2.24014…e-7 → −0.0000224 pp → first non-zero digit at the 5th decimal: −0.00002 pp
    const breachedReport = (): Report => {
        const report = sampleReport();
        report.objectives = [objective({ status: 'breached', windows: [window({ start: '2026-01-01T00:00:00+01:00', end: '2026-02-01T00:00:00+01:00', value, status: 'breached', margin, budgetConsumed: 1.000224, budgetRemaining: -0.000224, rows: 1 })] })];
        report.internalTargets = [];
        report.credits[0]!.windows[0]!.value = value; // "below 99.9%" fired: the value must not read 99.9 % there either
        return report;
    };

    it('shows enough digits in the table, Markdown and HTML', () => {
        const report = breachedReport();
        const table = renderTable(report);
        expect(table).toMatch(/99\.89998 %\s+BREACHED\s+−0\.00002 pp/);
        expect(table).not.toMatch(/99\.9 %\s+BREACHED/);
        expect(table).not.toContain('−0 pp');
        for (const text of [renderMarkdown(report), renderHtml(report)]) {
            expect(text).toContain('99.89998 %');
            expect(text).toContain('−0.00002 pp');
        }
        // The credit row of that window: against the threshold 99.9 %, the same digits.
        expect(table).toMatch(/2026-04-01 – 2026-04-30\s+99\.89998 %\s+1: below 99\.9%/);
        // Budget used 1.000224 = 100.0224 %: "100 %" with one decimal would read as the whole budget, not more.
        expect(table).toMatch(/−0\.00002 pp\s+100\.02 %/);
        for (const text of [renderMarkdown(report), renderHtml(report)]) expect(text).toContain('100.02 %');
    });

    it('never shows a share of the error budget other than the whole as 100 %', () => {
        // >= 99.95 %: value 99.949978 % uses (1 − 0.99949978)/0.0005 = 100.044 % (breached); 99.950022 % uses 99.956 % (met).
        expect(formatBudgetUsed((1 - 0.99949978) / 0.0005)).toBe('100.04 %');
        expect(formatBudgetUsed((1 - 0.99950022) / 0.0005)).toBe('99.96 %');
        // The whole budget, and shares one decimal already tells apart, as before.
        expect(formatBudgetUsed(1)).toBe('100 %');
        expect(formatBudgetUsed(0.47)).toBe('47 %');
        expect(formatBudgetUsed(31.25)).toBe('3125 %');
        expect(formatBudgetUsed(null)).toBe('—');
    });

    it('keeps the usual digits when they already tell value and target apart, and shows a met value equal to the target as the target', () => {
        expect(formatValueAgainst(0.99953, 0.999, 'ratio')).toBe('99.953 %');
        expect(formatValueAgainst(0.999, 0.999, 'ratio')).toBe('99.9 %');
        // 300.04 ms against <= 300 ms: "300 ms" would hide the breach; 2 decimals show it.
        expect(formatValueAgainst(300.04, 300, 'ms')).toBe('300.04 ms');
        // Money: 3.3004 EUR against 3.30 EUR reads €3.30 with cents; two more decimals show €3.3004.
        expect(formatValueAgainst(3.3004, 3.3, 'EUR')).toBe('€3.3004');
        expect(formatValueAgainst(3.305, 3.3, 'EUR')).toBe('€3.31');
        // Durations past a second: 1 h and 400 ms against 1 h reads "1 h"; the milliseconds tell them apart.
        expect(formatValueAgainst(3_600_400, 3_600_000, 'ms')).toBe('1 h (3,600,400 ms)');
        expect(formatMargin(-0.0000002, 'ratio')).toBe('−0.00002 pp');
        expect(formatMargin(0, 'ratio')).toBe('±0 pp');
        // A target as written: 99.9995 % is not "100 %".
        expect(formatTarget(0.999995, 'ratio')).toBe('99.9995 %');
        expect(formatTarget(0.999, 'ratio')).toBe('99.9 %');
    });
});
