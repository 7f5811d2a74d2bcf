import { remainingNotes, reportHeadline, reportTables, type ReportTable } from './report-tables.js';
import type { Report } from './report-types.js';

/** The report as Markdown: one heading and one table per objective, credit and dataset list. */
export function renderMarkdown(report: Report): string {
    const parts = [`# SLA report: ${escapeCell(report.agreement)}`, '', reportHeadline(report), ''];
    if (report.dataEndNote !== undefined) parts.push(`> **No data:** ${report.dataEndNote}`, '');
    for (const table of reportTables(report)) parts.push(markdownTable(table), '');
    const notes = remainingNotes(report);
    if (notes.length > 0) {
        parts.push('## Notes', '');
        for (const note of notes) parts.push(`- ${note}`);
        parts.push('');
    }
    parts.push(`_Generated ${report.generatedAt}._`);
    return parts.join('\n') + '\n';
}

function markdownTable(table: ReportTable): string {
    const lines = [`## ${escapeCell(table.title)}`, '', `| ${table.headers.map(escapeCell).join(' | ')} |`, `| ${table.headers.map(() => '---').join(' | ')} |`];
    table.rows.forEach((row, index) => {
        const cells = row.map(escapeCell);
        if (table.breached[index]) cells[0] = `**${cells[0]}**`;
        lines.push(`| ${cells.join(' | ')} |`);
    });
    if (table.rows.length === 0) lines.push(`| ${table.headers.map(() => '').join(' | ')} |`);
    return lines.join('\n');
}

function escapeCell(text: string): string {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
