/** Longest text a message may carry into the extension (an agreement name, a CSP report). */
export const MAX_MESSAGE_TEXT = 500;

/** What every webview page posts: that it is ready, and anything its CSP refused. */
export type CommonWebviewMessage =
    | { type: 'ready' }
    | { type: 'cspViolation'; directive: string; blocked: string };

/**
 * The fields of a message posted by a webview, or `undefined` when it is not a plain object.
 * Webviews show data from files that may be someone else's, so what they post is input like
 * any other: each page's parser checks every field it uses.
 */
export function messageFields(message: unknown): Record<string, unknown> | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
    return message as Record<string, unknown>;
}

/** `ready` and `cspViolation` (with its texts made safe for one log line); `undefined` for anything else. */
export function parseCommonMessage(fields: Record<string, unknown>): CommonWebviewMessage | undefined {
    switch (fields.type) {
        case 'ready':
            return { type: 'ready' };
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
    return clean.length > MAX_MESSAGE_TEXT ? `${clean.slice(0, MAX_MESSAGE_TEXT)}…` : clean;
}
