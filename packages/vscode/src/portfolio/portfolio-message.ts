import type { FromPortfolioWebview } from './portfolio-view.js';

/** Longest text a message may carry (an agreement name, a CSP report). */
const MAX_TEXT = 500;

/**
 * A message from the portfolio webview, checked before the extension acts on it: the page
 * shows names from files that may be someone else's, so what it posts is input like any
 * other. Anything not of the expected shape is `undefined`. An `openClient` names an
 * agreement; the panel then opens it only if it is one of the portfolio it shows.
 */
export function parsePortfolioMessage(message: unknown): FromPortfolioWebview | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
    const fields = message as Record<string, unknown>;
    switch (fields.type) {
        case 'ready':
            return { type: 'ready' };
        case 'openClient':
            if (typeof fields.agreement !== 'string' || fields.agreement === '' || fields.agreement.length > MAX_TEXT) return undefined;
            return { type: 'openClient', agreement: fields.agreement };
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
