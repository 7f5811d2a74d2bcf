import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectHover, parseHelper } from 'langium/test';
import { afterEach } from 'vitest';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';

/**
 * What hover tests share: the services, Langium's hover check (text with a `<|>` cursor marker)
 * and a parse helper; documents are cleared after each test so that names never collide.
 */
export function hoverHarness() {
    const services = createSlaServices(EmptyFileSystem).Sla;
    afterEach(() => clearDocuments(services));
    return { services, hover: expectHover(services), parse: parseHelper<Document>(services) };
}

/** `text` with the cursor marker `<|>` before the n-th (0-based) occurrence of `needle`. */
export function cursorBefore(text: string, needle: string, occurrence = 0): string {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`'${needle}' #${occurrence} not in the text`);
    }
    return `${text.slice(0, at)}<|>${text.slice(at)}`;
}
