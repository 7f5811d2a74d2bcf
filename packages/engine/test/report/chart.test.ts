import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSvg, objectiveChart, objectiveChartSvg, svgMarkup, svgToDom, type ObjectiveReport, type SvgNode, type WindowReport } from '../../src/index.js';

function window(parts: Partial<WindowReport>): WindowReport {
    return { start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00', partial: false, value: null, status: 'no data', margin: null, budgetConsumed: null, budgetRemaining: null, rows: 0, unresolved: 0, ...parts };
}

function objective(parts: Partial<ObjectiveReport>): ObjectiveReport {
    return { service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', windows: [], status: 'met', ...parts };
}

const availability = objective({
    status: 'breached',
    windows: [
        window({ value: 0.99953, status: 'met' }),
        window({ start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', value: 0.99, status: 'breached' }),
        window({ start: '2026-05-01T00:00:00+02:00', end: '2026-06-01T00:00:00+02:00' })
    ]
});

function find(node: SvgNode, predicate: (n: SvgNode) => boolean): SvgNode[] {
    return [...(predicate(node) ? [node] : []), ...(node.children ?? []).flatMap((child) => (typeof child === 'string' ? [] : find(child, predicate)))];
}

describe('the chart of an objective (one renderer for the HTML report and the webview)', () => {
    it('models values in the unit a reader expects, one point per window, the target as written', () => {
        const chart = objectiveChart(availability)!;
        expect(chart.labels).toEqual(['Mar 2026', 'Apr 2026', 'May 2026']);
        expect(chart.unitLabel).toBe('%');
        // Ratios in %: 0.99953 → 99.953, 0.99 → 99, target 0.999 → 99.9.
        expect(chart.series[0]!.points.map((p) => p.value)).toEqual([0.99953 * 100, 99, null]);
        expect(chart.target).toBeCloseTo(99.9, 12);
        expect(chart.targetText).toBe('99.9 %');
        expect(chart.series[0]!.points[1]!.tooltip).toBe('2026-04-01 – 2026-04-30: 99 % BREACHED');
        expect(chart.series[0]!.points[2]!.tooltip).toBe('2026-05-01 – 2026-05-31: no data');
        // 45 min as a target: the chart reads in minutes (2,700,000 ms / 60,000).
        const response = objectiveChart(objective({ comparison: '<=', target: 2_700_000, unit: 'ms', windows: [window({ value: 1_800_000, status: 'met' })] }))!;
        expect([response.unitLabel, response.target, response.series[0]!.points[0]!.value]).toEqual(['min', 45, 30]);
        expect(objectiveChart(objective({ windows: [window({})] }))).toBeUndefined();
    });

    it('a target that steps over the term: the step where its first window is, a stepped dashed line, each step named', () => {
        const stepped = objective({
            target: 0.995,
            targetSteps: [{ from: '2026-05-01', target: 0.997 }],
            windows: [
                window({ value: 0.9962, status: 'met', target: 0.995 }),
                window({ start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00', value: 0.9955, status: 'met', target: 0.995 }),
                window({ start: '2026-05-01T00:00:00+02:00', end: '2026-06-01T00:00:00+02:00', value: 0.9962, status: 'breached', target: 0.997 })
            ]
        });
        const chart = objectiveChart(stepped)!;
        expect(chart.title).toBe('WebShop · Availability per window against its target >= 99.5 %, >= 99.7 % from 2026-05-01');
        expect(chart.targetSteps).toEqual([{ index: 2, target: expect.closeTo(99.7, 12), targetText: '99.7 %' }]);
        expect(chart.series[0]!.points[2]!.tooltip).toBe('2026-05-01 – 2026-05-31: 99.62 % BREACHED');
        const svg = chartSvg(chart);
        const line = find(svg, (n) => n.attributes?.class === 'sla-chart-target');
        expect(line.map((n) => n.tag)).toEqual(['polyline']);
        // Four corners: the plot's left edge, both ends of the step halfway between April and May, the right edge.
        const points = line[0]!.attributes!.points!.split(' ').map((p) => p.split(',').map(Number));
        expect(points).toHaveLength(4);
        expect(points[1]![0]).toBe(points[2]![0]);
        expect(points[0]![1]).toBe(points[1]![1]);
        expect(points[2]![1]).toBe(points[3]![1]);
        expect(points[2]![1]).toBeLessThan(points[1]![1]!); // 99.7 % is drawn above 99.5 %
        const labels = find(svg, (n) => n.attributes?.class === 'sla-chart-label sla-chart-target-label').map((n) => n.children![0]);
        expect(labels).toEqual(['target 99.5 %', '99.7 %']);
        // Without steps: one straight line.
        expect(find(chartSvg(objectiveChart(availability)!), (n) => n.attributes?.class === 'sla-chart-target').map((n) => n.tag)).toEqual(['line']);
    });

    it('draws one series per value of a `for each` field, with a legend in words', () => {
        const scoped = objective({
            scope: 'region',
            windows: [window({ scopeValue: 'eu', value: 0.9995, status: 'met' }), window({ scopeValue: 'us', value: 0.998, status: 'breached' })]
        });
        const chart = objectiveChart(scoped)!;
        expect(chart.series.map((s) => s.label)).toEqual(['eu', 'us']);
        const svg = svgMarkup(chartSvg(chart));
        expect(svg).toContain('>eu</text>');
        expect(svg).toContain('>us</text>');
    });

    it('gives ten `for each` values ten colours; from the eleventh on the colours come round dashed, and the legend shows the dashes', () => {
        const regions = Array.from({ length: 12 }, (_, i) => `region-${i}`);
        const april = { start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00' };
        const scoped = objective({ scope: 'region', windows: regions.flatMap((scopeValue) => [window({ scopeValue, value: 0.9995, status: 'met' }), window({ ...april, scopeValue, value: 0.9993, status: 'met' })]) });
        const svg = chartSvg(objectiveChart(scoped)!);
        const swatches = find(svg, (n) => n.tag === 'rect' && n.attributes.class!.startsWith('sla-chart-swatch'));
        const colours = swatches.map((n) => n.attributes.fill);
        expect(new Set(colours.slice(0, 10)).size).toBe(10);
        // The 11th and 12th values reuse the 1st and 2nd colours ...
        expect(colours.slice(10)).toEqual(colours.slice(0, 2));
        // ... told apart by a dash pattern: on their legend entry (a stretch of dashed line before the swatch).
        const samples = find(svg, (n) => n.tag === 'line' && n.attributes.class!.startsWith('sla-chart-swatch-line'));
        expect(samples.map((n) => [n.attributes.stroke, n.attributes['stroke-dasharray']])).toEqual([[colours[0], '6 3'], [colours[1], '6 3']]);
        // Each value's line (March to April) in its colour, dashed from the 11th on.
        const lines = find(svg, (n) => n.tag === 'polyline' && n.attributes.class!.startsWith('sla-chart-line'));
        expect(lines.map((n) => n.attributes.stroke)).toEqual(colours);
        expect(lines.map((n) => n.attributes['stroke-dasharray'])).toEqual([...Array(10).fill(undefined), '6 3', '6 3']);
        // Nothing breached, so the colours are not the breached red.
        expect(colours).not.toContain('#c0392b');
    });

    it('places the target line and the points where the numbers put them; breached points stand out without colour', () => {
        const svg = objectiveChartSvg(availability)!;
        // The value axis runs from 99 (lowest value) to 99.953 (highest); the plot is 124 high from y = 14:
        // the target 99.9 is at 14 + (1 − 0.9/0.953) × 124 = 20.9.
        const [target] = find(svg, (n) => n.attributes.class === 'sla-chart-target');
        expect([target!.attributes.y1, target!.attributes.y2]).toEqual(['20.9', '20.9']);
        const points = find(svg, (n) => n.tag === 'circle');
        // x: the first window at the plot's left edge (70), the second at its right (640 − 12 = 628)... of three labels: 70, 349, 628.
        expect(points.map((p) => [p.attributes.cx, p.attributes.cy])).toEqual([['70.0', '14.0'], ['349.0', '138.0']]);
        expect(points[1]!.attributes.class).toContain('sla-chart-breached');
        expect(Number(points[1]!.attributes.r)).toBeGreaterThan(Number(points[0]!.attributes.r));
        // The window without data: a square on the axis, with its tooltip.
        const [noData] = find(svg, (n) => n.tag === 'rect');
        expect(noData!.attributes.class).toContain('sla-chart-no-data');
        expect(svgMarkup(svg)).toContain('<title>2026-05-01 – 2026-05-31: no data</title>');
    });

    it('is safe for a strict content security policy: no script, no style attribute, no URL', () => {
        const markup = svgMarkup(objectiveChartSvg(availability)!);
        expect(markup).not.toMatch(/<script|style=|https?:|on[a-z]+=/i);
        const hostile = svgMarkup(objectiveChartSvg(objective({ kpi: '<img onerror=x>"', windows: availability.windows }))!);
        expect(hostile).not.toContain('<img');
        expect(hostile).toContain('&lt;img onerror=x&gt;&quot;');
    });

    it('builds the same drawing as DOM nodes (the webview) as it writes as markup (the HTML report)', () => {
        interface FakeElement { tag: string; attributes: Array<[string, string]>; children: Array<FakeElement | { text: string }> }
        const document = {
            createElementNS: (namespace: string, tag: string) => {
                expect(namespace).toBe('http://www.w3.org/2000/svg');
                const element: FakeElement & { setAttribute(n: string, v: string): void; append(...c: unknown[]): void } = {
                    tag, attributes: [], children: [],
                    setAttribute(name, value) { element.attributes.push([name, value]); },
                    append(...nodes) { element.children.push(...(nodes as FakeElement[])); }
                };
                return element;
            },
            createTextNode: (text: string) => ({ text })
        };
        const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        const serialise = (node: FakeElement | { text: string }): string => {
            if ('text' in node) return escape(node.text);
            const attributes = node.attributes.map(([n, v]) => ` ${n}="${escape(v)}"`).join('');
            const inner = node.children.map(serialise).join('');
            return inner === '' ? `<${node.tag}${attributes}/>` : `<${node.tag}${attributes}>${inner}</${node.tag}>`;
        };
        const drawing = objectiveChartSvg(availability)!;
        expect(serialise(svgToDom<FakeElement & { setAttribute(): void; append(): void }>(drawing, document))).toBe(svgMarkup(drawing));
        // And it survives JSON, the way the extension posts it to the webview.
        expect(JSON.parse(JSON.stringify(drawing))).toEqual(drawing);
    });

    it('@sla/engine/chart imports nothing of Node, so that the webview bundle can take it', () => {
        const entry = path.resolve(__dirname, '../../out/report/chart/index.js');
        const seen = new Set<string>();
        const visit = (file: string): void => {
            if (seen.has(file)) return;
            seen.add(file);
            for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
                expect(specifier!.startsWith('.'), `${path.basename(file)} imports ${specifier}`).toBe(true);
                visit(path.resolve(path.dirname(file), specifier!));
            }
        };
        visit(entry);
        expect(seen.size).toBeGreaterThan(3);
    });
});
