import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { readCorpusText } from './corpus-expectations.js';
import { junkMessages, slaFiles } from './half-written.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..', '..');

/** A text with a word missing, where, and the offsets of its line's first word and of the gap (for hovers). */
interface Variant {
    where: string;
    text: string;
    lineStart: number;
    at: number;
}

/**
 * A line of an example or corpus file with a word or number missing, as while typing or editing: its last
 * token (the value after `complete to`, `score 1 to`, `with availability =`), its second (a
 * name after `kpi`, `plans`) or any number deleted. The checks say nothing of what is missing
 * in a way that prints a value the line does not have (see `junkMessages`), nor do the hovers of
 * the line's first word and of the gap, nor the inlay hints; and no check throws.
 */
function withATokenMissing(text: string): Variant[] {
    const variants: Variant[] = [];
    const lines = text.split('\n');
    let offset = 0;
    for (const [index, line] of lines.entries()) {
        // The words before a line comment (a `//` inside a quoted text cuts it short too: only fewer variants).
        const tokens = [...line.replace(/\/\/.*$/, '').matchAll(/\d+(?:\.\d+)?|"[^"]*"|[A-Za-z_]\w*|[^\s\w]/g)];
        const chosen = new Set<number>();
        if (tokens.length >= 2) {
            chosen.add(tokens.length - 1);
            chosen.add(1);
            tokens.forEach((token, k) => { if (/^\d/.test(token[0])) chosen.add(k); });
        }
        for (const k of chosen) {
            const token = tokens[k]!;
            const at = offset + token.index;
            variants.push({ where: `line ${index + 1} without ${JSON.stringify(token[0])}`, text: text.slice(0, at) + text.slice(at + token[0].length), lineStart: offset + tokens[0]!.index, at });
        }
        offset += line.length + 1;
    }
    return variants;
}

describe('messages on lines with a word or number missing', () => {
    // A check's exception is logged by Langium (its diagnostic may sit on the broken line, which shows only the syntax error).
    const logged: string[] = [];
    beforeEach(() => {
        logged.length = 0;
        vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ').split('\n')[0]!); });
    });
    afterEach(() => vi.restoreAllMocks());

    // The examples and the validation corpus (read without its «» range markers, as the corpus test reads it).
    const examples = [...slaFiles(path.join(root, 'examples')), ...slaFiles(path.join(here, 'corpus'))];

    test.each(examples.map(file => [path.relative(root, file), file]))('%s', async (_name, file) => {
        const services = createSlaServices(NodeFileSystem).Sla;
        const workspace = services.shared.workspace;
        const junk: string[] = [];
        for (const [k, variant] of withATokenMissing(readCorpusText(fs.readFileSync(file, 'utf8')).text).entries()) {
            const uri = URI.file(path.join(path.dirname(file), `~missing-${k}.sla`));
            const document = workspace.LangiumDocumentFactory.fromString(variant.text, uri);
            workspace.LangiumDocuments.addDocument(document);
            try {
                await workspace.DocumentBuilder.build([document], { validation: true });
                for (const error of logged.splice(0)) junk.push(`${variant.where}: logged ${error}`);
                for (const message of junkMessages((document.diagnostics ?? []).map(d => d.message))) junk.push(`${variant.where}: ${message}`);
                // The hovers of the line's first word (`provider`, `fee`, `exclusion`) and at the gap.
                for (const offset of [variant.lineStart, variant.at]) {
                    const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: document.textDocument.positionAt(offset) });
                    const value = (hover?.contents as { value: string } | undefined)?.value;
                    if (value !== undefined && junkMessages([value]).length > 0) junk.push(`${variant.where}: hover at ${document.textDocument.positionAt(offset).character + 1}: ${value.split('\n')[0]}`);
                }
                // And the inlay hints (a client's defaults in effect).
                const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(variant.text.length) };
                for (const hint of (await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: uri.toString() }, range: whole })) ?? []) {
                    const label = typeof hint.label === 'string' ? hint.label : hint.label.map(part => part.value).join('');
                    if (junkMessages([label]).length > 0) junk.push(`${variant.where}: inlay hint ${label}`);
                }
            } finally {
                workspace.LangiumDocuments.deleteDocument(uri);
            }
        }
        expect(junk).toEqual([]);
    }, 120_000);
});
