import { reportHeadline, reportTables, type ReportTable } from './report-tables.js';
import type { Report } from './report-types.js';

/** The report as aligned plain-text tables for a terminal; status as words, not colours. */
export function renderTable(report: Report): string {
    const parts = [reportHeadline(report), ''];
    for (const table of reportTables(report)) parts.push(textTable(table), '');
    for (const note of report.notes) parts.push(`Note: ${note}`);
    return parts.join('\n').trimEnd() + '\n';
}

function textTable(table: ReportTable): string {
    const widths = table.headers.map((header, column) => Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)));
    const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
    const lines = [table.title, line(table.headers), widths.map((width) => '-'.repeat(width)).join('  ')];
    table.rows.forEach((row, index) => lines.push(line(row) + (table.breached[index] && row.includes('BREACHED') ? '  <<' : '')));
    return lines.join('\n');
}
