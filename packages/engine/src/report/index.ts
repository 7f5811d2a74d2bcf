export * from './report-types.js';
export { formatValue, formatValueAgainst, formatTarget, formatMargin, formatMoney, formatWindow, statusWord } from './format-values.js';
export { reportTables, percentagePointsNote, PERCENTAGE_POINTS_NOTE, type ReportTable } from './report-tables.js';
export { renderTable, type TableOptions } from './render-table.js';
export { renderMarkdown } from './render-markdown.js';
export { escapeMarkdown, markdownCode } from './markdown-text.js';
export { renderHtml } from './render-html.js';
export { reportExitCode } from './exit-code.js';
export * from './chart/index.js';
