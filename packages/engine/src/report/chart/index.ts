// The chart of an objective, for the HTML report and the VS Code webview (`@sla/engine/chart`):
// this entry imports nothing of Node, so a browser bundle can take it.
export { objectiveChart, chartScale, type ObjectiveChart, type ChartSeries, type ChartPoint } from './chart-model.js';
export { objectiveChartSvg, chartSvg } from './chart-svg.js';
export { svgMarkup, svgToDom, type SvgNode, type SvgDocument, type SvgDomElement } from './svg-node.js';
