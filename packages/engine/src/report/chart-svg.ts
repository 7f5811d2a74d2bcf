import { formatTarget, formatValueAgainst } from './format-values.js';
import type { ObjectiveReport } from './report-types.js';

const WIDTH = 640;
const HEIGHT = 140;
const PAD = { left: 70, right: 10, top: 10, bottom: 20 };
const COLORS = { met: '#17662d', breached: '#c0392b', 'no data': '#9a9aa5' };

/**
 * A static SVG chart of an objective's values per window (one series per scope value
 * is not drawn: scoped objectives get no chart), with the target as a dashed line.
 * Pure markup, no script: safe inside a self-contained HTML report.
 */
export function objectiveChartSvg(objective: ObjectiveReport): string | undefined {
    if (objective.scope !== undefined) return undefined;
    const windows = objective.windows;
    const values = windows.map((w) => w.value).filter((v): v is number => v !== null);
    if (values.length < 2) return undefined;
    let low = Math.min(objective.target, ...values);
    let high = Math.max(objective.target, ...values);
    if (high === low) {
        high += Math.abs(high) * 0.01 || 1;
        low -= Math.abs(low) * 0.01 || 1;
    }
    const span = high - low;
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const x = (index: number): number => PAD.left + (windows.length === 1 ? plotWidth / 2 : (index / (windows.length - 1)) * plotWidth);
    const y = (value: number): number => PAD.top + (1 - (value - low) / span) * plotHeight;
    const round = (n: number): string => n.toFixed(1);
    // Rolling windows are named by the day they end; calendar windows by their start.
    const rolling = objective.summary !== undefined;
    const label = (index: number): string => {
        const window = windows[index]!;
        return rolling ? `until ${window.end.slice(0, 10)}` : window.start.slice(0, 10);
    };
    const points = windows
        .map((w, index) => (w.value === null ? '' : `${round(x(index))},${round(y(w.value))}`))
        .filter((point) => point !== '')
        .join(' ');
    const dots = windows
        .map((w, index) => {
            if (w.value === null) return `<rect x="${round(x(index) - 2)}" y="${round(HEIGHT - PAD.bottom - 4)}" width="4" height="4" fill="${COLORS['no data']}"><title>${escapeSvg(label(index))}: no data</title></rect>`;
            return `<circle cx="${round(x(index))}" cy="${round(y(w.value))}" r="${windows.length > 60 ? 1.5 : 3}" fill="${COLORS[w.status]}"><title>${escapeSvg(`${label(index)}: ${formatValueAgainst(w.value, objective.target, objective.unit)} (${w.status})`)}</title></circle>`;
        })
        .join('');
    const targetY = round(y(objective.target));
    return [
        `<svg class="chart" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeSvg(objective.kpi)} per window">`,
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${targetY}" y2="${targetY}" stroke="#555" stroke-dasharray="4 3"/>`,
        `<text x="${PAD.left - 6}" y="${targetY}" text-anchor="end" dominant-baseline="middle" font-size="11">${escapeSvg(formatTarget(objective.target, objective.unit))}</text>`,
        `<polyline points="${points}" fill="none" stroke="#4a6fa5" stroke-width="1.5"/>`,
        dots,
        `<text x="${PAD.left}" y="${HEIGHT - 4}" font-size="11">${escapeSvg(label(0))}</text>`,
        `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 4}" text-anchor="end" font-size="11">${escapeSvg(label(windows.length - 1))}</text>`,
        '</svg>'
    ].join('');
}

function escapeSvg(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
