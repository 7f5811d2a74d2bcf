import { percentagePointsNote, remainingNotes, reportHeadline, reportTables, type ReportTable } from './report-tables.js';
import type { Report } from './report-types.js';
import { displayWidth, padToWidth } from './display-width.js';

export interface TableOptions {
    /** Colour the status words with ANSI escapes (for terminals); the words stay. Default false. */
    color?: boolean;
}

const ANSI: Record<string, string> = { MET: '\u001b[32m', 'AT RISK': '\u001b[33m', BREACHED: '\u001b[1;31m', 'NO DATA': '\u001b[90m' };
const RESET = '\u001b[0m';

/**
 * The report as aligned plain-text tables for a terminal; status as words, optionally
 * coloured. Rolling objectives list their windows not met plus the monthly summary
 * (a year of daily windows does not fit a terminal); Markdown and HTML list all.
 */
export function renderTable(report: Report, options: TableOptions = {}): string {
    const parts = [reportHeadline(report), ...(report.dataEndNote === undefined ? [] : [`NO DATA: ${report.dataEndNote}`]), ''];
    const tables = reportTables(report, { compactRolling: true });
    for (const table of tables) parts.push(textTable(table, options.color ?? false), '');
    const pp = percentagePointsNote(tables);
    if (pp !== undefined) parts.push(pp, '');
    for (const note of remainingNotes(report)) parts.push(`Note: ${note}`);
    return parts.join('\n').trimEnd() + '\n';
}

/** Columns as wide as their widest cell on a terminal (`テイルスピン` takes 12 columns, not 6: display-width.ts). */
export function textTable(table: ReportTable, color: boolean): string {
    const widths = table.headers.map((header, column) => Math.max(displayWidth(header), ...table.rows.map((row) => displayWidth(row[column] ?? ''))));
    // Pad before colouring, so escape codes do not disturb the alignment.
    const cell = (text: string, column: number): string => {
        const padded = padToWidth(text, widths[column]!);
        const code = color ? ANSI[text] : undefined;
        return code === undefined ? padded : `${code}${text}${RESET}${padded.slice(text.length)}`;
    };
    const line = (cells: string[]): string => cells.map(cell).join('  ').trimEnd();
    const lines = [table.title, line(table.headers), widths.map((width) => '-'.repeat(width)).join('  ')];
    table.rows.forEach((row, index) => lines.push(line(row) + (table.breached[index] && row.includes('BREACHED') ? '  <<' : '')));
    return lines.join('\n');
}
