import { objectiveChart, type ObjectiveChart } from './chart-model.js';
import type { ObjectiveReport } from '../report-types.js';
import type { SvgNode } from './svg-node.js';

/**
 * The one chart renderer of the project: an objective's values per window as an SVG
 * drawing (svg-node.ts), used by the HTML report (as markup) and by the VS Code webview
 * (as DOM nodes). No script, no inline style: colours are presentation attributes, which
 * a stylesheet overrides through the `sla-chart-*` classes (the webview's theme colours).
 * Colour is never the only signal: breached points are larger, windows without data are
 * squares on the axis, and every point has a tooltip in words.
 */
const WIDTH = 640;
const HEIGHT = 160;
const PAD = { left: 70, right: 12, top: 14, bottom: 22 };
/**
 * One colour per `for each` value, ten apart in hue or lightness (none the breached red or the
 * no-data grey); from the eleventh value on the colours come round again with a dash pattern.
 */
const PALETTE = ['#4a6fa5', '#8e5ea2', '#d9822b', '#8a7a00', '#2f7d4f', '#138d90', '#c0368c', '#7b4a1e', '#1f2f6b', '#6b8e23'];
/** Per round of the palette: solid, dashed, dotted, dash-dot (a fifth round starts again). */
const DASHES = [undefined, '6 3', '2 2', '8 3 2 3'];
const COLOURS = { target: '#555555', breached: '#c0392b', noData: '#9a9aa5', text: '#444444' };

export function objectiveChartSvg(objective: ObjectiveReport): SvgNode | undefined {
    const chart = objectiveChart(objective);
    return chart === undefined ? undefined : chartSvg(chart);
}

export function chartSvg(chart: ObjectiveChart): SvgNode {
    const values = chart.series.flatMap((series) => series.points.map((point) => point.value)).filter((v): v is number => v !== null);
    const targets = [chart.target, ...(chart.targetSteps ?? []).map((step) => step.target)];
    let low = Math.min(...targets, ...values);
    let high = Math.max(...targets, ...values);
    if (high === low) {
        high += Math.abs(high) * 0.01 || 1;
        low -= Math.abs(low) * 0.01 || 1;
    }
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const count = chart.labels.length;
    const x = (index: number): number => PAD.left + (count === 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
    const y = (value: number): number => PAD.top + (1 - (value - low) / (high - low)) * plotHeight;
    const r = (n: number): string => n.toFixed(1);
    const unit = chart.unitLabel === '' ? '' : ` ${chart.unitLabel}`;
    const text = (attributes: Record<string, string>, content: string): SvgNode => ({ tag: 'text', attributes: { class: 'sla-chart-label', fill: COLOURS.text, 'font-size': '11', ...attributes }, children: [content] });
    // The value axis: its ends (unless the target's label is there), and the target as a dashed line.
    const clearOfTarget = (at: number): boolean => Math.abs(at - y(chart.target)) >= 12;
    const children: SvgNode[] = [
        { tag: 'title', attributes: {}, children: [chart.title] },
        ...(clearOfTarget(PAD.top) ? [text({ x: String(PAD.left - 6), y: r(PAD.top), 'text-anchor': 'end', 'dominant-baseline': 'hanging' }, `${round(high)}${unit}`)] : []),
        ...(clearOfTarget(HEIGHT - PAD.bottom) ? [text({ x: String(PAD.left - 6), y: r(HEIGHT - PAD.bottom), 'text-anchor': 'end' }, `${round(low)}${unit}`)] : []),
        targetLine(chart, x, y, r),
        text({ x: String(PAD.left - 6), y: r(y(chart.target)), 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'sla-chart-label sla-chart-target-label' }, `target ${chart.targetText}`),
        // A target that steps over the term: each new target named where it starts.
        ...(chart.targetSteps ?? []).map((step) => text({ x: r(stepX(step.index, x)), y: r(y(step.target) - 4), class: 'sla-chart-label sla-chart-target-label' }, step.targetText))
    ];
    chart.series.forEach((series, i) => {
        const { colour, dash, seriesClass } = seriesStyle(i);
        // A window without data breaks the line: nothing is drawn across it.
        const runs: string[][] = [[]];
        series.points.forEach((point, index) => {
            if (point.value === null) runs.push([]);
            else runs[runs.length - 1]!.push(`${r(x(index))},${r(y(point.value))}`);
        });
        for (const run of runs.filter((points) => points.length > 1)) {
            children.push({ tag: 'polyline', attributes: { class: `sla-chart-line ${seriesClass}`, points: run.join(' '), fill: 'none', stroke: colour, 'stroke-width': '1.5', ...(dash === undefined ? {} : { 'stroke-dasharray': dash }) } });
        }
        const radius = count > 60 ? 1.5 : 3;
        series.points.forEach((point, index) => {
            if (point.status === null) return;
            const title: SvgNode = { tag: 'title', attributes: {}, children: [point.tooltip] };
            if (point.value === null) {
                children.push({ tag: 'rect', attributes: { class: 'sla-chart-point sla-chart-no-data', x: r(x(index) - 2), y: r(HEIGHT - PAD.bottom - 4), width: '4', height: '4', fill: COLOURS.noData }, children: [title] });
                return;
            }
            const breached = point.status === 'breached';
            children.push({
                tag: 'circle',
                attributes: { class: `sla-chart-point ${breached ? 'sla-chart-breached' : `sla-chart-met ${seriesClass}`}`, cx: r(x(index)), cy: r(y(point.value)), r: String(breached ? radius + 1.5 : radius), fill: breached ? COLOURS.breached : colour },
                children: [title]
            });
        });
    });
    children.push(
        text({ x: String(PAD.left), y: String(HEIGHT - 4) }, chart.labels[0]!),
        text({ x: String(WIDTH - PAD.right), y: String(HEIGHT - 4), 'text-anchor': 'end' }, chart.labels[count - 1]!)
    );
    if (chart.series.length > 1) {
        // A legend in words: which colour is which value of the `for each` field.
        chart.series.forEach((series, i) => {
            const top = PAD.top + i * 13;
            const { colour, dash, seriesClass } = seriesStyle(i);
            // A dashed series shows its dashes in the legend: a short stretch of its line before the swatch.
            const sample: SvgNode[] = dash === undefined ? [] : [{ tag: 'line', attributes: { class: `sla-chart-swatch-line ${seriesClass}`, x1: String(WIDTH - PAD.right - 126), x2: String(WIDTH - PAD.right - 112), y1: String(top - 4), y2: String(top - 4), stroke: colour, 'stroke-width': '1.5', 'stroke-dasharray': dash } }];
            children.push(
                ...sample,
                { tag: 'rect', attributes: { class: `sla-chart-swatch ${seriesClass}`, x: String(WIDTH - PAD.right - 110), y: String(top - 8), width: '8', height: '8', fill: colour } },
                text({ x: String(WIDTH - PAD.right - 98), y: String(top) }, series.label)
            );
        });
    }
    return {
        tag: 'svg',
        attributes: { class: 'chart', width: String(WIDTH), height: String(HEIGHT), viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': chart.title },
        children
    };
}

/** The colour, dash pattern and class (a stylesheet's hook for theme colours) of the i-th series. */
function seriesStyle(i: number): { colour: string; dash: string | undefined; seriesClass: string } {
    const colourIndex = i % PALETTE.length;
    return { colour: PALETTE[colourIndex]!, dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length], seriesClass: `sla-chart-series-${colourIndex}` };
}

/** Where a new target starts: halfway between its first window's point and the one before. */
function stepX(index: number, x: (index: number) => number): number {
    return index === 0 ? x(0) : (x(index - 1) + x(index)) / 2;
}

/** The target as a dashed line across the plot: straight, or stepping where the target changes. */
function targetLine(chart: ObjectiveChart, x: (index: number) => number, y: (value: number) => number, r: (n: number) => string): SvgNode {
    const attributes = { class: 'sla-chart-target', stroke: COLOURS.target, 'stroke-dasharray': '4 3', fill: 'none' };
    if (chart.targetSteps === undefined) {
        return { tag: 'line', attributes: { ...attributes, x1: String(PAD.left), x2: String(WIDTH - PAD.right), y1: r(y(chart.target)), y2: r(y(chart.target)) } };
    }
    let previous = chart.target;
    const points = [`${PAD.left},${r(y(previous))}`];
    for (const step of chart.targetSteps) {
        const at = r(stepX(step.index, x));
        points.push(`${at},${r(y(previous))}`, `${at},${r(y(step.target))}`);
        previous = step.target;
    }
    points.push(`${WIDTH - PAD.right},${r(y(previous))}`);
    return { tag: 'polyline', attributes: { ...attributes, points: points.join(' ') } };
}

/** Axis numbers: at most four significant digits are enough to read a scale. */
function round(value: number): string {
    return String(Number(value.toPrecision(4)));
}
