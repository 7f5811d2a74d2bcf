import type { ExportFormat, FromWebview } from './report-view.js';

const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'html', 'json'];

/** Longest text a CSP report may carry into the log. */
const MAX_TEXT = 500;

/**
 * A message from the report webview, checked before the extension acts on it: the webview
 * shows data from files that may be someone else's, so what it posts is input like any
 * other. Anything not of the expected shape and values is `undefined`.
 */
export function parseWebviewMessage(message: unknown): FromWebview | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
    const fields = message as Record<string, unknown>;
    switch (fields.type) {
        case 'ready':
            return { type: 'ready' };
        case 'export':
            return EXPORT_FORMATS.includes(fields.format as ExportFormat) ? { type: 'export', format: fields.format as ExportFormat } : undefined;
        case 'cspViolation':
            if (typeof fields.directive !== 'string' || typeof fields.blocked !== 'string') return undefined;
            return { type: 'cspViolation', directive: oneLine(fields.directive), blocked: oneLine(fields.blocked) };
        default:
            return undefined;
    }
}

/** Text for one log line: no line breaks or control characters, bounded length. */
function oneLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
    return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}
