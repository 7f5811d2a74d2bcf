import { MAX_MESSAGE_TEXT, messageFields, parseCommonMessage } from '../report/webview-common-messages.js';
import type { FromPortfolioWebview } from './portfolio-view.js';

/** The longest client key an `openClient` may name: a file's path (up to 4,096 characters on Linux) and an agreement's name. */
const MAX_CLIENT_KEY = 4_096 + MAX_MESSAGE_TEXT;

/**
 * A message from the portfolio webview, checked before the extension acts on it (see
 * webview-common-messages.ts). Anything not of the expected shape is `undefined`. An
 * `openClient` names a client by its key (build-portfolio-view.ts clientKey: the agreement's
 * file and name); the panel then opens it only if it is one of the portfolio it shows.
 */
export function parsePortfolioMessage(message: unknown): FromPortfolioWebview | undefined {
    const fields = messageFields(message);
    if (fields === undefined) return undefined;
    if (fields.type === 'openClient') {
        // A key holds the file's path: allowed as long as a path may be (MAX_MESSAGE_TEXT is for names and messages).
        if (typeof fields.key !== 'string' || fields.key === '' || fields.key.length > MAX_CLIENT_KEY) return undefined;
        return { type: 'openClient', key: fields.key };
    }
    if (fields.type === 'exportCsv') return { type: 'exportCsv' };
    return parseCommonMessage(fields);
}
