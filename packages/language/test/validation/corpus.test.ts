import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';

/**
 * The diagnostics corpus: each `.sla` file under `corpus/` marks the diagnostics it expects
 * with comments on the line where they start:
 *     objective Availability >= 99.9% monthly   // expect: sla/window-ambiguous
 *     // expect-next-line: sla/timezone-unknown:warning
 * A code may carry `:severity`. Every diagnostic of the file (any severity, parse errors
 * included) must be expected, and every expectation met: a clean line expects nothing.
 */
const corpusFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

interface Expectation { line: number; code: string; severity?: string }

function expectationsOf(text: string): Expectation[] {
    const result: Expectation[] = [];
    text.split(/\r?\n/).forEach((lineText, index) => {
        const match = /\/\/\s*expect(-next-line)?:\s*(.*)$/.exec(lineText);
        if (!match) return;
        const line = index + 1 + (match[1] ? 1 : 0);
        for (const token of match[2].split(/[\s,]+/).filter(Boolean)) {
            const [code, severity] = token.split(':');
            result.push({ line, code, severity });
        }
    });
    return result;
}

const files = fs.readdirSync(corpusFolder).filter(name => name.endsWith('.sla')).sort();

describe('diagnostics corpus', () => {
    test('the corpus has files', () => {
        expect(files.length).toBeGreaterThan(10);
    });

    test.each(files)('%s', async (name) => {
        const file = path.join(corpusFolder, name);
        const { documents } = await loadSlaFiles([file]);
        const diagnostics = documents[0].diagnostics ?? [];
        const actual = diagnostics.map(d => {
            const code = typeof d.code === 'string' ? d.code : 'parse-error';
            return `${d.range.start.line + 1}: ${code}:${SEVERITIES[d.severity ?? 1]}`;
        });
        const expected = expectationsOf(fs.readFileSync(file, 'utf8'));
        // Compare line + code for all, and severity where the corpus states it.
        const actualForComparison = diagnostics.map((d, i) => {
            const code = typeof d.code === 'string' ? d.code : 'parse-error';
            const wanted = expected.find(e => e.line === d.range.start.line + 1 && e.code === code);
            return wanted?.severity ? actual[i] : `${d.range.start.line + 1}: ${code}`;
        }).sort();
        const expectedForComparison = expected.map(e => e.severity ? `${e.line}: ${e.code}:${e.severity}` : `${e.line}: ${e.code}`).sort();
        const messages = diagnostics.map(d => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`).join('\n');
        expect(actualForComparison, `diagnostics of ${name}:\n${messages}`).toEqual(expectedForComparison);
    });
});
