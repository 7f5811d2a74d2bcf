// What the report and portfolio pages share: building DOM nodes (text only through
// textContent, never HTML strings), status badges, and the connection to the extension,
// which also reports anything the page's CSP refuses.

interface VsCodeApi<Message> {
    postMessage(message: Message): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown>;

/**
 * The page's channel to the extension (acquireVsCodeApi may be called once per page). Anything
 * the CSP refuses (an inline style, a remote resource) is a bug of the page: it is counted
 * where the UI tests look and posted to the extension, which logs it.
 */
export function connectToExtension<Message>(): VsCodeApi<Message> {
    const api = acquireVsCodeApi();
    document.addEventListener('securitypolicyviolation', (event) => {
        document.body.dataset.cspViolations = String(Number(document.body.dataset.cspViolations ?? '0') + 1);
        api.postMessage({ type: 'cspViolation', directive: event.violatedDirective, blocked: event.blockedURI });
    });
    return api as VsCodeApi<Message>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: { className?: string; text?: string } = {}, ...children: Array<Node | undefined>): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    for (const child of children) if (child) node.append(child);
    return node;
}

/** A status as a word in a coloured badge: the colour is never the only signal. */
export function statusBadge(status: string, word: string): HTMLElement {
    return element('span', { className: `status status-${status}`, text: word });
}
