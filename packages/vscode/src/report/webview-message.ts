import type { ExportFormat, FromWebview } from './report-view.js';
import { messageFields, parseCommonMessage } from './webview-common-messages.js';

const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'html', 'json', 'csv'];

/**
 * A message from the report webview, checked before the extension acts on it (see
 * webview-common-messages.ts). Anything not of the expected shape and values is `undefined`.
 */
export function parseWebviewMessage(message: unknown): FromWebview | undefined {
    const fields = messageFields(message);
    if (fields === undefined) return undefined;
    if (fields.type === 'export') {
        return EXPORT_FORMATS.includes(fields.format as ExportFormat) ? { type: 'export', format: fields.format as ExportFormat } : undefined;
    }
    return parseCommonMessage(fields);
}
