import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadSlaFiles } from '../../src/node.js';
import { createSlaServices } from '../../src/sla-module.js';
import { readCorpusText, type Expectation, type MarkedRange } from './corpus-expectations.js';

/**
 * The diagnostics corpus: each `.sla` file under `corpus/` marks the diagnostics it expects
 * with comments on the line where they start:
 *     objective Availability >= 99.9% monthly   // expect: sla/window-ambiguous
 *     // expect-next-line: sla/timezone-unknown:warning
 * An item is `code[:severity] [@N] ["part of the message"]`; items are separated by commas.
 * Text between « and » marks the exact range a diagnostic must cover (the markers are
 * removed before the file is checked): with one marked range on the line, every item of
 * that line must have it; with several, `@N` names the N-th of the line.
 *     objective Latency <= «2 EUR» per calendar month   // expect: sla/unit-mismatch "EUR"
 * Every diagnostic of the file (any severity, parse errors included) must be expected, and
 * every expectation met: a clean line expects nothing.
 */
const corpusFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

const files = fs.readdirSync(corpusFolder).filter(name => name.endsWith('.sla')).sort();

function codeOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.code === 'string' ? diagnostic.code : 'parse-error';
}

function rangeText(range: MarkedRange): string {
    return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** A diagnostic written with the details its expectation asks about, so the two compare equal when they agree. */
function describeActual(diagnostic: Diagnostic, wanted: Expectation | undefined): string {
    let text = `${diagnostic.range.start.line + 1}: ${codeOf(diagnostic)}`;
    if (wanted?.severity) text += `:${SEVERITIES[diagnostic.severity ?? 1]}`;
    if (wanted?.range) text += ` at ${rangeText(diagnostic.range)}`;
    if (wanted?.message !== undefined) {
        const message = typeof diagnostic.message === 'string' ? diagnostic.message : '';
        text += message.includes(wanted.message) ? ` "…${wanted.message}…"` : ` message "${message}"`;
    }
    return text;
}

function describeExpected(expectation: Expectation): string {
    let text = `${expectation.line}: ${expectation.code}`;
    if (expectation.severity) text += `:${expectation.severity}`;
    if (expectation.range) text += ` at ${rangeText(expectation.range)}`;
    if (expectation.message !== undefined) text += ` "…${expectation.message}…"`;
    return text;
}

/** Pairs each diagnostic with an expectation of its line and code, preferring one whose details agree. */
function pair(diagnostics: Diagnostic[], expectations: Expectation[]): Array<Expectation | undefined> {
    const unused = new Set(expectations);
    return diagnostics.map(diagnostic => {
        const candidates = [...unused].filter(e => e.line === diagnostic.range.start.line + 1 && e.code === codeOf(diagnostic));
        const chosen = candidates.find(e => describeActual(diagnostic, e) === describeExpected(e)) ?? candidates[0];
        if (chosen) unused.delete(chosen);
        return chosen;
    });
}

async function diagnosticsOf(file: string, text: string): Promise<Diagnostic[]> {
    // The file is checked without its markers, under its own path, so data files and imports resolve as usual.
    const services = createSlaServices(NodeFileSystem).Sla;
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    const { documents } = await loadSlaFiles([file], { services });
    return documents[0].diagnostics ?? [];
}

describe('diagnostics corpus', () => {
    test('the corpus has files', () => {
        expect(files.length).toBeGreaterThan(10);
    });

    test('the corpus marks ranges and messages, not only lines', () => {
        const expectations = files.flatMap(name => readCorpusText(fs.readFileSync(path.join(corpusFolder, name), 'utf8')).expectations);
        expect(expectations.filter(e => e.range).length).toBeGreaterThan(20);
        expect(expectations.filter(e => e.message !== undefined).length).toBeGreaterThan(20);
    });

    test.each(files)('%s', async (name) => {
        const file = path.join(corpusFolder, name);
        const { text, expectations } = readCorpusText(fs.readFileSync(file, 'utf8'));
        const diagnostics = await diagnosticsOf(file, text);
        const paired = pair(diagnostics, expectations);
        const actual = diagnostics.map((d, i) => describeActual(d, paired[i])).sort();
        const expected = expectations.map(describeExpected).sort();
        const messages = diagnostics.map(d => `  ${rangeText(d.range)} ${String(d.code)} ${d.message}`).join('\n');
        expect(actual, `diagnostics of ${name}:\n${messages}`).toEqual(expected);
    });
});
