import { MAX_MESSAGE_TEXT, messageFields, parseCommonMessage } from '../report/webview-common-messages.js';
import type { FromPortfolioWebview } from './portfolio-view.js';

/**
 * A message from the portfolio webview, checked before the extension acts on it (see
 * webview-common-messages.ts). Anything not of the expected shape is `undefined`. An
 * `openClient` names an agreement; the panel then opens it only if it is one of the
 * portfolio it shows.
 */
export function parsePortfolioMessage(message: unknown): FromPortfolioWebview | undefined {
    const fields = messageFields(message);
    if (fields === undefined) return undefined;
    if (fields.type === 'openClient') {
        if (typeof fields.agreement !== 'string' || fields.agreement === '' || fields.agreement.length > MAX_MESSAGE_TEXT) return undefined;
        return { type: 'openClient', agreement: fields.agreement };
    }
    if (fields.type === 'exportCsv') return { type: 'exportCsv' };
    return parseCommonMessage(fields);
}
