/** The portfolio report as a terminal table, Markdown or one self-contained HTML file (JSON: the object itself). */
import { escapeMarkdown } from './markdown-text.js';
import { portfolioHeadline, portfolioTables } from './portfolio-tables.js';
import type { PortfolioReport } from './portfolio-types.js';
import { escapeHtml, htmlTable, PORTFOLIO_STYLE } from './render-html.js';
import { markdownTable } from './render-markdown.js';
import { textTable, type TableOptions } from './render-table.js';

export function renderPortfolioTable(report: PortfolioReport, options: TableOptions = {}): string {
    const parts = [portfolioHeadline(report), ''];
    for (const table of portfolioTables(report)) parts.push(textTable(table, options.color ?? false), '');
    for (const note of report.notes) parts.push(`Note: ${note}`);
    return parts.join('\n').trimEnd() + '\n';
}

export function renderPortfolioMarkdown(report: PortfolioReport): string {
    const parts = ['# SLA portfolio report', '', escapeMarkdown(portfolioHeadline(report)), ''];
    for (const table of portfolioTables(report)) parts.push(markdownTable(table), '');
    if (report.notes.length > 0) {
        parts.push('## Notes', '');
        for (const note of report.notes) parts.push(`- ${escapeMarkdown(note)}`);
        parts.push('');
    }
    parts.push(`_Generated ${escapeMarkdown(report.generatedAt)}._`);
    return parts.join('\n') + '\n';
}

/** Inline CSS, no scripts, no remote content (like the agreement report). */
export function renderPortfolioHtml(report: PortfolioReport): string {
    const parts = [
        '<!DOCTYPE html>',
        '<html lang="en"><head><meta charset="utf-8">',
        '<title>SLA portfolio report</title>',
        `<style>${PORTFOLIO_STYLE}</style></head><body>`,
        '<h1>SLA portfolio report</h1>',
        `<p>${escapeHtml(portfolioHeadline(report))}</p>`
    ];
    for (const table of portfolioTables(report)) parts.push(htmlTable(table));
    if (report.notes.length > 0) parts.push(`<h2>Notes</h2><ul class="notes">${report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
    parts.push(`<footer>Generated ${escapeHtml(report.generatedAt)}</footer></body></html>`);
    return parts.join('\n') + '\n';
}
