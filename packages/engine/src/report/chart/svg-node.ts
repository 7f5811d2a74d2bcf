/**
 * An SVG drawing as plain data: serialisable (it crosses from the VS Code extension to its
 * webview as JSON), written as markup for the self-contained HTML report (svgMarkup), and
 * built as DOM nodes in a webview (svgToDom) without ever parsing markup — so the webview's
 * "text via textContent, never HTML strings" rule holds for charts too.
 */
export interface SvgNode {
    tag: 'svg' | 'g' | 'line' | 'polyline' | 'circle' | 'rect' | 'text' | 'title';
    attributes: Record<string, string>;
    children?: Array<SvgNode | string>;
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export function svgMarkup(node: SvgNode): string {
    const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
    const children = (node.children ?? []).map((child) => (typeof child === 'string' ? escapeXml(child) : svgMarkup(child))).join('');
    // Inline in HTML, <svg> needs no xmlns (and the report names no URL at all).
    return children === '' ? `<${node.tag}${attributes}/>` : `<${node.tag}${attributes}>${children}</${node.tag}>`;
}

/** What svgToDom needs of a DOM `Document` (the engine is built without the DOM library). */
export interface SvgDocument {
    createElementNS(namespace: string, tag: string): SvgDomElement;
    createTextNode(text: string): unknown;
}
export interface SvgDomElement {
    setAttribute(name: string, value: string): void;
    append(...nodes: unknown[]): void;
}

/** The drawing as DOM nodes of `document`: attributes set one by one, text as text nodes. */
export function svgToDom<E extends SvgDomElement>(node: SvgNode, document: SvgDocument): E {
    const element = document.createElementNS(SVG_NAMESPACE, node.tag);
    for (const [name, value] of Object.entries(node.attributes)) element.setAttribute(name, value);
    for (const child of node.children ?? []) element.append(typeof child === 'string' ? document.createTextNode(child) : svgToDom(child, document));
    return element as E;
}

function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
