import { percentagePointsNote, remainingNotes, reportHeadline, reportTables, type ReportTable } from './report-tables.js';
import type { Report } from './report-types.js';
import { objectiveChartSvg, svgMarkup } from './chart/index.js';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1d1d1f; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d0d0d7; padding: 0.3rem 0.6rem; text-align: left; font-variant-numeric: tabular-nums; }
th { background: #f2f2f5; }
tr.breached td { background: #fde8e8; color: #8a1111; font-weight: 600; }
.status-met { color: #17662d; } .status-breached { color: #8a1111; } .status-nodata { color: #6b6b76; }
figure { margin: 0.5rem 0; } .chart { max-width: 100%; height: auto; }
.notes li { margin: 0.2rem 0; } .data-end { background: #fff4d6; border-left: 4px solid #c98a00; padding: 0.4rem 0.6rem; } footer { color: #6b6b76; margin-top: 2rem; font-size: 0.9rem; }
`;

/** The same style, for the portfolio report (render-portfolio.ts); AT RISK cells in amber. */
export const PORTFOLIO_STYLE = `${STYLE}.status-atrisk { color: #8a5a00; font-weight: 600; }\n`;

/** One self-contained HTML file: inline CSS, no scripts, no remote content; breaches highlighted. */
export function renderHtml(report: Report): string {
    const parts = [
        '<!DOCTYPE html>',
        '<html lang="en"><head><meta charset="utf-8">',
        `<title>SLA report: ${escapeHtml(report.agreement)}</title>`,
        `<style>${STYLE}</style></head><body>`,
        `<h1>SLA report: ${escapeHtml(report.agreement)}</h1>`,
        `<p>${escapeHtml(reportHeadline(report))}</p>`,
        ...(report.dataEndNote === undefined ? [] : [`<p class="data-end"><strong>No data:</strong> ${escapeHtml(report.dataEndNote)}</p>`])
    ];
    const tables = reportTables(report);
    for (const table of tables) parts.push(htmlTable(table));
    const pp = percentagePointsNote(tables);
    if (pp !== undefined) parts.push(`<p class="legend">${escapeHtml(pp)}</p>`);
    const notes = remainingNotes(report);
    if (notes.length > 0) parts.push(`<h2>Notes</h2><ul class="notes">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
    parts.push(`<footer>Generated ${escapeHtml(report.generatedAt)}</footer></body></html>`);
    return parts.join('\n') + '\n';
}

export function htmlTable(table: ReportTable): string {
    const head = `<tr>${table.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr>`;
    const body = table.rows
        .map((row, index) => `<tr${table.breached[index] ? ' class="breached"' : ''}>${row.map((cell) => `<td${statusClass(cell)}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('\n');
    const chart = table.objective === undefined ? undefined : objectiveChartSvg(table.objective);
    return `<h2>${escapeHtml(table.title)}</h2>\n${chart === undefined ? '' : `<figure>${svgMarkup(chart)}</figure>\n`}<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function statusClass(cell: string): string {
    if (cell === 'MET') return ' class="status-met"';
    if (cell === 'BREACHED') return ' class="status-breached"';
    if (cell === 'NO DATA') return ' class="status-nodata"';
    if (cell === 'AT RISK') return ' class="status-atrisk"';
    return '';
}

export function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
