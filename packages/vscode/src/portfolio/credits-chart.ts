import { formatMoney, roundToCents, type PortfolioEntry } from '@sla/engine';
import type { SvgNode } from '@sla/engine/chart';
import type { CreditsChartView } from './portfolio-view.js';

/**
 * Credits owed per month over the whole portfolio, one bar chart per currency (amounts in
 * different currencies are never added). Drawn as the engine's SvgNode data, like the
 * objective charts of the report (`@sla/engine/chart`): the webview builds it with
 * svgToDom, never from markup; colours come from the `sla-chart-*` classes of the theme.
 * A month is the calendar month of the credit window's start in the agreement's own time
 * zone (the window's ISO start carries that zone's offset).
 */
const WIDTH = 640;
const HEIGHT = 170;
const PAD = { left: 80, right: 12, top: 14, bottom: 34 };
const COLOURS = { final: '#4a6fa5', provisional: '#9a9aa5', text: '#444444', axis: '#888888' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface MonthCredits {
    total: number;
    provisional: number;
    /** Per client, what it owes in this month (for the tooltip). */
    byClient: Map<string, number>;
}

export function creditsCharts(entries: readonly PortfolioEntry[]): CreditsChartView[] {
    const byCurrency = new Map<string, Map<string, MonthCredits>>();
    for (const entry of entries) {
        for (const credit of entry.report.credits) {
            for (const window of credit.windows) {
                if (window.amount === 0) continue;
                const months = byCurrency.get(credit.currency) ?? new Map<string, MonthCredits>();
                byCurrency.set(credit.currency, months);
                const month = window.start.slice(0, 7);
                const slot = months.get(month) ?? { total: 0, provisional: 0, byClient: new Map<string, number>() };
                months.set(month, slot);
                if (window.provisional) slot.provisional += window.amount;
                else slot.total += window.amount;
                const client = entry.client ?? entry.agreement;
                slot.byClient.set(client, (slot.byClient.get(client) ?? 0) + window.amount);
            }
        }
    }
    return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, months]) => {
        const sorted = fillMonths([...months.keys()].sort()).map((month) => [month, months.get(month) ?? { total: 0, provisional: 0, byClient: new Map() }] as const);
        return {
            currency,
            months: sorted.map(([month, slot]) => ({ month, total: roundToCents(slot.total, currency), provisional: roundToCents(slot.provisional, currency) })),
            rows: sorted.map(([month, slot]) => ({
                month: monthLabel(month),
                total: formatMoney(roundToCents(slot.total, currency), currency),
                provisional: slot.provisional > 0 ? formatMoney(roundToCents(slot.provisional, currency), currency) : '—'
            })),
            svg: barChart(currency, sorted)
        };
    });
}

/** Every month from the first to the last, so that a month without credits shows as a gap, not as nothing. */
function fillMonths(months: string[]): string[] {
    if (months.length === 0) return [];
    const all: string[] = [];
    let [year, month] = months[0]!.split('-').map(Number) as [number, number];
    const last = months[months.length - 1]!;
    for (let guard = 0; guard < 600; guard++) {
        const label = `${year}-${String(month).padStart(2, '0')}`;
        all.push(label);
        if (label >= last) break;
        month++;
        if (month > 12) { month = 1; year++; }
    }
    return all;
}

function monthLabel(month: string): string {
    const [year, number] = month.split('-');
    return `${MONTHS[Number(number) - 1]} ${year}`;
}

function barChart(currency: string, months: ReadonlyArray<readonly [string, MonthCredits]>): SvgNode {
    const high = Math.max(...months.map(([, slot]) => slot.total + slot.provisional), 0) || 1;
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const slotWidth = plotWidth / Math.max(months.length, 1);
    const barWidth = Math.max(2, Math.min(40, slotWidth * 0.7));
    const y = (value: number): number => PAD.top + (1 - value / high) * plotHeight;
    const r = (n: number): string => n.toFixed(1);
    const text = (attributes: Record<string, string>, content: string): SvgNode => ({ tag: 'text', attributes: { class: 'sla-chart-label', fill: COLOURS.text, 'font-size': '11', ...attributes }, children: [content] });
    const title = `Credits owed per month in ${currency}, over all clients`;
    const children: SvgNode[] = [
        { tag: 'title', attributes: {}, children: [title] },
        text({ x: String(PAD.left - 6), y: r(PAD.top), 'text-anchor': 'end', 'dominant-baseline': 'hanging' }, formatMoney(roundToCents(high, currency), currency)),
        text({ x: String(PAD.left - 6), y: r(HEIGHT - PAD.bottom), 'text-anchor': 'end' }, formatMoney(0, currency)),
        { tag: 'line', attributes: { class: 'sla-chart-axis', x1: String(PAD.left), x2: String(WIDTH - PAD.right), y1: r(HEIGHT - PAD.bottom), y2: r(HEIGHT - PAD.bottom), stroke: COLOURS.axis } }
    ];
    // Labels under every bar while they fit, else under every n-th.
    const labelEvery = Math.max(1, Math.ceil(months.length / 12));
    months.forEach(([month, slot], index) => {
        const centre = PAD.left + slotWidth * (index + 0.5);
        const clients = [...slot.byClient].sort((a, b) => b[1] - a[1]).map(([client, amount]) => `${client} ${formatMoney(roundToCents(amount, currency), currency)}`);
        const tooltip = `${monthLabel(month)}: ${formatMoney(roundToCents(slot.total, currency), currency)}`
            + (slot.provisional > 0 ? ` and ${formatMoney(roundToCents(slot.provisional, currency), currency)} provisional` : '')
            + (clients.length > 0 ? ` (${clients.join(', ')})` : '');
        const tip: SvgNode = { tag: 'title', attributes: {}, children: [tooltip] };
        if (slot.total > 0) {
            children.push({ tag: 'rect', attributes: { class: 'sla-chart-bar sla-chart-series-0', 'data-month': month, x: r(centre - barWidth / 2), y: r(y(slot.total)), width: r(barWidth), height: r(y(0) - y(slot.total)), fill: COLOURS.final }, children: [tip] });
        }
        if (slot.provisional > 0) {
            // Provisional credits sit on top, in grey: they may still change.
            const top = slot.total + slot.provisional;
            children.push({ tag: 'rect', attributes: { class: 'sla-chart-bar sla-chart-provisional', 'data-month': month, x: r(centre - barWidth / 2), y: r(y(top)), width: r(barWidth), height: r(y(slot.total) - y(top)), fill: COLOURS.provisional }, children: [tip] });
        }
        if (index % labelEvery === 0) children.push(text({ x: r(centre), y: String(HEIGHT - PAD.bottom + 14), 'text-anchor': 'middle' }, monthLabel(month)));
    });
    return {
        tag: 'svg',
        attributes: { class: 'chart credits-chart', width: String(WIDTH), height: String(HEIGHT), viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title },
        children
    };
}
