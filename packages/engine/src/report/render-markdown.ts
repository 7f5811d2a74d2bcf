import { percentagePointsNote, remainingNotes, reportHeadline, reportTables, type ReportTable } from './report-tables.js';
import { escapeMarkdown } from './markdown-text.js';
import type { Report } from './report-types.js';

/** The report as Markdown: one heading and one table per objective, credit and dataset list. */
export function renderMarkdown(report: Report): string {
    const parts = [`# SLA report: ${escapeMarkdown(report.agreement)}`, '', escapeMarkdown(reportHeadline(report)), ''];
    if (report.dataEndNote !== undefined) parts.push(`> **No data:** ${escapeMarkdown(report.dataEndNote)}`, '');
    const tables = reportTables(report);
    for (const table of tables) parts.push(markdownTable(table), '');
    const pp = percentagePointsNote(tables);
    if (pp !== undefined) parts.push(`_${escapeMarkdown(pp)}_`, '');
    const notes = remainingNotes(report);
    if (notes.length > 0) {
        parts.push('## Notes', '');
        for (const note of notes) parts.push(`- ${escapeMarkdown(note)}`);
        parts.push('');
    }
    parts.push(`_Generated ${report.generatedAt}._`);
    return parts.join('\n') + '\n';
}

export function markdownTable(table: ReportTable): string {
    const lines = [`## ${escapeMarkdown(table.title)}`, '', `| ${table.headers.map(escapeMarkdown).join(' | ')} |`, `| ${table.headers.map(() => '---').join(' | ')} |`];
    table.rows.forEach((row, index) => {
        const cells = row.map(escapeMarkdown);
        if (table.breached[index]) cells[0] = `**${cells[0]}**`;
        lines.push(`| ${cells.join(' | ')} |`);
    });
    if (table.rows.length === 0) lines.push(`| ${table.headers.map(() => '').join(' | ')} |`);
    return lines.join('\n');
}
