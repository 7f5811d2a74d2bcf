/**
 * A portfolio report (the contract in @sla/engine's portfolio-types.ts) put together from
 * agreement reports the engine computed one by one. Interim: the language server uses it
 * for `sla.evaluatePortfolio` until the engine's one-pass `evaluatePortfolio` is on this
 * branch; every figure is read from the real reports, nothing is invented.
 */
import { formatWindow, type AgreementModel, type PortfolioEntry, type PortfolioReport, type Report, type WindowReport } from '@sla/engine';

const DAY_MS = 86_400_000;
const EXPIRY_HORIZON_DAYS = 90;
const STATUS_ORDER: Record<PortfolioEntry['status'], number> = { breached: 0, 'at risk': 1, met: 2, 'no data': 3 };

export interface EvaluatedAgreement {
    model: AgreementModel;
    report: Report;
    /** The client: the agreement's customer party. */
    client?: string;
    sourceFile?: string;
}

export function portfolioOfReports(evaluated: readonly EvaluatedAgreement[], period: { from: string; to: string }, now = Date.now()): PortfolioReport {
    const entries = evaluated.map((item) => entryOf(item, period, now))
        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.client ?? a.agreement).localeCompare(b.client ?? b.agreement));
    const credits = new Map<string, { total: number; provisionalTotal: number }>();
    for (const entry of entries) {
        for (const credit of entry.credits) {
            const sum = credits.get(credit.currency) ?? { total: 0, provisionalTotal: 0 };
            sum.total += credit.total;
            sum.provisionalTotal += credit.provisionalTotal;
            credits.set(credit.currency, sum);
        }
    }
    const count = (status: PortfolioEntry['status']): number => entries.filter((entry) => entry.status === status).length;
    return {
        kind: 'portfolio',
        schemaVersion: 1,
        period,
        generatedAt: new Date(now).toISOString(),
        entries,
        totals: {
            agreements: entries.length,
            breached: count('breached'),
            atRisk: count('at risk'),
            met: count('met'),
            noData: count('no data'),
            credits: [...credits].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ currency, total: cents(sum.total), provisionalTotal: cents(sum.provisionalTotal) }))
        },
        // Agreements evaluated one by one: each data file was read once per agreement that names it.
        dataFiles: dataFilesOf(evaluated),
        notes: []
    };
}

function cents(amount: number): number {
    return Math.round(amount * 100) / 100;
}

function entryOf(item: EvaluatedAgreement, period: { from: string; to: string }, now: number): PortfolioEntry {
    const { model, report } = item;
    const objectives = {
        met: report.objectives.filter((o) => o.status === 'met').length,
        breached: report.objectives.filter((o) => o.status === 'breached').length,
        noData: report.objectives.filter((o) => o.status === 'no data').length
    };
    const atRisk = atRiskOf(report, now);
    const status: PortfolioEntry['status'] = objectives.breached > 0 ? 'breached'
        : atRisk.some((risk) => risk.projected === 'breached') ? 'at risk'
            : objectives.met > 0 ? 'met' : 'no data';
    const worst = worstOf(report);
    const expiresOn = expiresOnOf(model.validity.to, period.to);
    return {
        agreement: report.agreement,
        ...(item.client ?? model.customer?.name ? { client: item.client ?? model.customer!.name } : {}),
        ...(report.title ? { title: report.title } : {}),
        ...(item.sourceFile ?? report.sourceFile ? { sourceFile: item.sourceFile ?? report.sourceFile } : {}),
        ...(model.template ? { template: model.template.name } : {}),
        status,
        objectives,
        ...(worst ? { worst } : {}),
        credits: creditsOf(report),
        earlyWarnings: earlyWarningsOf(report),
        atRisk,
        deviations: (model.template?.deviations ?? []).map((d) => ({ member: d.member, kind: d.kind, text: d.text })),
        ...(expiresOn ? { expiresOn } : {}),
        coverage: report.datasets.map((dataset) => ({ dataset: dataset.name, share: coverageShare(dataset.coverage.end, report.period) })),
        report
    };
}

function windowText(window: { start: string; end: string }): string {
    return formatWindow(window.start, window.end);
}

/** The smallest margin of any objective in its latest window with a value, relative to the target so that units compare. */
function worstOf(report: Report): PortfolioEntry['worst'] {
    let worst: { relative: number; value: NonNullable<PortfolioEntry['worst']> } | undefined;
    for (const objective of report.objectives) {
        const latest = [...objective.windows].reverse().find((w) => w.margin !== null);
        if (!latest || latest.margin === null) continue;
        const relative = latest.margin / (Math.abs(objective.target) || 1);
        if (worst && worst.relative <= relative) continue;
        worst = {
            relative,
            value: { kpi: objective.kpi, ...(objective.service ? { service: objective.service } : {}), window: windowText(latest), margin: latest.margin, unit: objective.unit, status: latest.status }
        };
    }
    return worst?.value;
}

function creditsOf(report: Report): PortfolioEntry['credits'] {
    const sums = new Map<string, { total: number; provisionalTotal: number }>();
    for (const credit of report.credits) {
        const sum = sums.get(credit.currency) ?? { total: 0, provisionalTotal: 0 };
        sum.total += credit.total;
        sum.provisionalTotal += credit.provisionalTotal;
        sums.set(credit.currency, sum);
    }
    return [...sums].map(([currency, sum]) => ({ currency, total: cents(sum.total), provisionalTotal: cents(sum.provisionalTotal) }));
}

/** Internal targets missed in a window where the contract's objective on the same KPI was met. */
function earlyWarningsOf(report: Report): PortfolioEntry['earlyWarnings'] {
    const warnings: PortfolioEntry['earlyWarnings'] = [];
    for (const target of report.internalTargets) {
        const promise = report.objectives.find((o) => o.kpiKey === target.kpiKey);
        if (!promise) continue;
        for (const window of target.windows) {
            if (window.status !== 'breached') continue;
            const same = promise.windows.find((w) => w.start === window.start && w.scopeValue === window.scopeValue);
            if (same?.status === 'met') warnings.push({ kpi: target.kpi, ...(target.service ? { service: target.service } : {}), window: windowText(window), start: window.start });
        }
    }
    return warnings;
}

/**
 * Objectives whose latest window is still in progress (partial, cut by the evaluation's end):
 * the error budget consumed so far, and the outcome at the end of the window if it keeps
 * burning at the same rate (consumed ÷ share of the window elapsed).
 */
function atRiskOf(report: Report, now: number): PortfolioEntry['atRisk'] {
    const risks: PortfolioEntry['atRisk'] = [];
    for (const objective of report.objectives) {
        const last: WindowReport | undefined = objective.windows[objective.windows.length - 1];
        if (!last || !last.partial || last.budgetConsumed === null || last.status === 'breached') continue;
        const start = Date.parse(last.start);
        const end = Date.parse(last.end);
        const until = Math.min(Date.parse(last.evaluatedTo ?? report.period.to), now);
        if (!(end > until && until > start)) continue;
        const elapsed = (until - start) / (end - start);
        const projectedShare = last.budgetConsumed / elapsed;
        risks.push({
            kpi: objective.kpi, ...(objective.service ? { service: objective.service } : {}), window: windowText(last), start: last.start, end: last.end,
            budgetConsumed: last.budgetConsumed,
            projected: projectedShare > 1 ? 'breached' : 'met'
        });
    }
    return risks.sort((a, b) => (a.projected === 'breached' ? 0 : 1) - (b.projected === 'breached' ? 0 : 1) || b.budgetConsumed - a.budgetConsumed);
}

/** The validity's last day when it falls within 90 days after the end of the evaluation period. */
function expiresOnOf(lastDay: string, periodTo: string): string | undefined {
    const days = (Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${periodTo.slice(0, 10)}T00:00:00Z`)) / DAY_MS;
    return days >= -1 && days <= EXPIRY_HORIZON_DAYS ? lastDay : undefined;
}

function coverageShare(dataEnd: string | null, period: { from: string; to: string }): number | null {
    if (dataEnd === null) return null;
    const from = Date.parse(period.from);
    const to = Date.parse(period.to);
    if (!(to > from)) return null;
    return Math.min(1, Math.max(0, (Math.min(Date.parse(dataEnd), to) - from) / (to - from)));
}

function dataFilesOf(evaluated: readonly EvaluatedAgreement[]): PortfolioReport['dataFiles'] {
    const files = new Map<string, { agreements: number; rows: number }>();
    for (const { report } of evaluated) {
        for (const dataset of report.datasets) {
            const file = files.get(dataset.path) ?? { agreements: 0, rows: 0 };
            file.agreements++;
            file.rows += dataset.rows;
            files.set(dataset.path, file);
        }
    }
    return [...files].map(([path, file]) => ({ path, agreements: file.agreements, reads: file.agreements, rows: file.rows }));
}
