/** Messages from the report webview are checked for shape and values before the extension acts (issue 13, item 17). */
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../src/report/webview-message.js';

describe('parseWebviewMessage', () => {
    it('accepts the messages the webview sends', () => {
        expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
        for (const format of ['markdown', 'html', 'json', 'csv']) expect(parseWebviewMessage({ type: 'export', format })).toEqual({ type: 'export', format });
        expect(parseWebviewMessage({ type: 'cspViolation', directive: 'img-src', blocked: 'https://x.example/a.png' }))
            .toEqual({ type: 'cspViolation', directive: 'img-src', blocked: 'https://x.example/a.png' });
    });

    it('drops extra fields it does not act on', () => {
        expect(parseWebviewMessage({ type: 'ready', path: '/etc/passwd' })).toEqual({ type: 'ready' });
    });

    it('refuses anything else', () => {
        for (const message of [
            undefined, null, 'ready', 42, [], ['ready'], {}, { type: 'READY' }, { type: 'openFile', path: '/etc/passwd' },
            { type: 'export' }, { type: 'export', format: 'pdf' }, { type: 'export', format: '../../x' }, { type: 'export', format: ['json'] },
            { type: 'cspViolation', directive: 'img-src' }, { type: 'cspViolation', directive: 1, blocked: '' }
        ]) expect(parseWebviewMessage(message), JSON.stringify(message)).toBeUndefined();
    });

    it('keeps a CSP report to one bounded log line', () => {
        const parsed = parseWebviewMessage({ type: 'cspViolation', directive: 'script-src\nFAKE LOG LINE', blocked: 'x'.repeat(10_000) });
        expect(parsed).toEqual({ type: 'cspViolation', directive: 'script-src FAKE LOG LINE', blocked: `${'x'.repeat(500)}…` });
    });
});
