import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SYNTAX_ERROR_CODE } from '@sla/language';

/** One diagnostic as `sla validate` prints it (docs/cli.md): 1-based positions, a code for every line. */
export interface ReportedDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    code: string;
    message: string;
}

/** The JSON of `sla validate --format json`: every diagnostic, by file, line and column. */
export type ValidateReport = ReportedDiagnostic[];

const SEVERITY_NAMES = ['error', 'error', 'warning', 'info', 'hint'] as const;

/** The code the language gives the parser's and lexer's errors; a diagnostic without a code is one of them. */
export { SYNTAX_ERROR_CODE };

export function toReported(file: string, diagnostic: Diagnostic): ReportedDiagnostic {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITY_NAMES[diagnostic.severity ?? 1],
        code: typeof diagnostic.code === 'string' && diagnostic.code !== '' ? diagnostic.code : SYNTAX_ERROR_CODE,
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
    };
}

/** A diagnostic's file as the segments of its path below `root` (the folder sla ran in), for the CI formats (SARIF, Code Quality). */
export function pathSegmentsBelow(root: string, file: string): string[] {
    return path.relative(root, path.resolve(root, file)).split(path.sep);
}

/** By file, then line, then column: the order editors and people read in. */
export function compareDiagnostics(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
    return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** `path:line:column: severity: message [code]`, the format problem matchers read. */
export function formatTextLine(d: ReportedDiagnostic): string {
    return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message.replace(/\r?\n/g, ' ')} [${d.code}]`;
}

/** The last line of text output: counts per severity over the files checked. */
export function formatSummary(diagnostics: ReportedDiagnostic[], fileCount: number): string {
    const files = `${fileCount} ${fileCount === 1 ? 'file' : 'files'}`;
    if (diagnostics.length === 0) return `No problems found in ${files}.`;
    const count = (severity: ReportedDiagnostic['severity']) => diagnostics.filter(d => d.severity === severity).length;
    const parts = ([['error', count('error')], ['warning', count('warning')], ['info', count('info')], ['hint', count('hint')]] as const)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${n} ${name}${n === 1 ? '' : name === 'info' ? '' : 's'}`);
    return `${parts.join(', ')} in ${files}.`;
}
