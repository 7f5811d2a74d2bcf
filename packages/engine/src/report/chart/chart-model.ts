import { formatTarget, formatValueAgainst, formatWindow, statusWord, termText } from '../format-values.js';
import type { ObjectiveReport, WindowStatus } from '../report-types.js';
import { objectiveDurationUnit } from '../duration-text.js';
import { addCivilDays, formatCivilDate, requireCivilDate } from '../../time/civil.js';

/**
 * What the chart of an objective shows, shared by the HTML report and the VS Code webview:
 * one point per window (one series per `for each` value), values in the unit a reader
 * expects (ratios in %, long durations in minutes or hours), the target as a line.
 */
export interface ChartPoint {
    /** In the chart's unit (`unitLabel`); null: the window had no data. */
    value: number | null;
    status: WindowStatus | null;
    /** The window and its value as the tables say them, for a tooltip. */
    tooltip: string;
}

export interface ChartSeries {
    label: string;
    /** One per label. */
    points: ChartPoint[];
}

export interface ObjectiveChart {
    /** Accessible name: what the chart shows. */
    title: string;
    /** Rolling windows by their last day; calendar months by name (`Mar 2026`), other windows by their first day. */
    labels: string[];
    series: ChartSeries[];
    /** In the chart's unit. */
    target: number;
    /** The target as written in the tables (`99.9 %`, `300 ms`). */
    targetText: string;
    /** A target that steps over the term: from the label at `index` on, `target` (chart unit). */
    targetSteps?: Array<{ index: number; target: number; targetText: string }>;
    unitLabel: string;
    higherIsBetter: boolean;
}

/** Chart numbers in a unit a reader expects: ratios in %, long durations in hours, minutes or seconds. */
export function chartScale(objective: Pick<ObjectiveReport, 'unit' | 'target'>): { factor: number; unitLabel: string } {
    if (objective.unit === 'ratio') return { factor: 100, unitLabel: '%' };
    if (objective.unit === 'ms') {
        if (objective.target >= 3_600_000) return { factor: 1 / 3_600_000, unitLabel: 'h' };
        if (objective.target >= 60_000) return { factor: 1 / 60_000, unitLabel: 'min' };
        if (objective.target >= 1_000) return { factor: 1 / 1_000, unitLabel: 's' };
        return { factor: 1, unitLabel: 'ms' };
    }
    if (objective.unit === 'count' || objective.unit === 'number') return { factor: 1, unitLabel: '' };
    return { factor: 1, unitLabel: objective.unit };
}

/** The chart of an objective, or undefined when no window has a value (nothing to draw). */
export function objectiveChart(objective: ObjectiveReport): ObjectiveChart | undefined {
    if (!objective.windows.some((window) => window.value !== null)) return undefined;
    const { factor, unitLabel } = chartScale(objective);
    const largest = objectiveDurationUnit(objective);
    const rolling = objective.summary !== undefined;
    const labelOf = (window: { start: string; end: string }): string => (rolling ? lastDay(window.end) : calendarLabel(window));
    const labels: string[] = [];
    const index = new Map<string, number>();
    for (const window of objective.windows) {
        const label = labelOf(window);
        if (!index.has(label)) {
            index.set(label, labels.length);
            labels.push(label);
        }
    }
    const series = new Map<string, ChartSeries>();
    for (const window of objective.windows) {
        const name = window.scopeValue ?? objective.kpi;
        if (!series.has(name)) series.set(name, { label: name, points: labels.map((label) => ({ value: null, status: null, tooltip: `${label}: no window` })) });
        series.get(name)!.points[index.get(labelOf(window))!] = {
            value: window.value === null ? null : window.value * factor,
            status: window.status,
            tooltip: `${window.scopeValue !== undefined ? `${window.scopeValue}, ` : ''}${formatWindow(window.start, window.end)}: ${window.value === null ? 'no data' : `${formatValueAgainst(window.value, window.target ?? objective.target, objective.unit, largest)} ${statusWord(window.status)}`}`
        };
    }
    const name = objective.service ? `${objective.service} · ${objective.kpi}` : objective.kpi;
    const chart: ObjectiveChart = {
        title: `${name} per window against its target ${objective.comparison} ${formatTarget(objective.target, objective.unit, largest)}${termText(objective, largest)}`,
        labels,
        series: [...series.values()],
        target: objective.target * factor,
        targetText: formatTarget(objective.target, objective.unit, largest),
        unitLabel,
        higherIsBetter: objective.comparison === '>=' || objective.comparison === '>'
    };
    // Each window states its target when the target steps: the line steps at the first label of each new target.
    const targetSteps: NonNullable<ObjectiveChart['targetSteps']> = [];
    let current = objective.target;
    for (const window of objective.windows) {
        if (window.target === undefined || window.target === current) continue;
        current = window.target;
        targetSteps.push({ index: index.get(labelOf(window))!, target: current * factor, targetText: formatTarget(current, objective.unit, largest) });
    }
    if (targetSteps.length > 0) chart.targetSteps = targetSteps;
    return chart;
}

/**
 * A rolling window's last day, as the tables label it (`2026-02-04 – 2026-02-10`): its end is
 * the next midnight (2026-02-11T00:00), which names the day after the window.
 */
function lastDay(end: string): string {
    if (end.slice(11, 19) !== '00:00:00') return end.slice(0, 10);
    const day = addCivilDays(requireCivilDate(end.slice(0, 10)), -1);
    return formatCivilDate(day.year, day.month, day.day);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A whole calendar month reads `Mar 2026`; any other window by its first day. */
function calendarLabel(window: { start: string; end: string }): string {
    const [year, month, day] = window.start.slice(0, 10).split('-').map(Number) as [number, number, number];
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    const midnight = window.start.slice(11, 19) === '00:00:00' && window.end.slice(11, 19) === '00:00:00';
    return midnight && day === 1 && window.end.slice(0, 10) === next ? `${MONTHS[month - 1]} ${year}` : window.start.slice(0, 10);
}
