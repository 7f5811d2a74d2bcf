/**
 * The open document's text (line-edited-text-document.ts) keeps a change within one line
 * apart until the text is read. Whatever the changes, it must read exactly as the library's
 * document (vscode-languageserver-textdocument) given the same changes: the same text, the same
 * offsets of every place (also while changed lines are kept apart), the same places of offsets.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { LineEditedTextDocument } from '../../../src/internals/incremental/line-edited-text-document.js';
import { random } from '../../random.js';

const START = 'agreement A {\n    service S {\n        objective X >= 99.9%\r\n    }\n}\n\rlast';

describe('an open document changed line by line', () => {
    test('reads as the library\'s document after random changes (within lines, across lines, past line ends, end first)', () => {
        for (let seed = 1; seed <= 40; seed++) {
            const next = random(seed);
            const pick = (n: number) => Math.floor(next() * n);
            const library = TextDocument.create('file:///a.sla', 'sla', 1, START);
            const ours = new LineEditedTextDocument('file:///a.sla', 'sla', 1, START);
            for (let step = 0; step < 200; step++) {
                const lines = library.lineCount;
                const line = pick(lines + 1) - (next() < 0.05 ? 1 : 0);
                const from = { line, character: pick(30) };
                const to = next() < 0.8 ? { line, character: pick(30) } : { line: pick(lines), character: pick(30) };
                const text = ['', '9', '8', 'ab', 'x y', '\n', 'a\r\nb', '\r'][pick(8)]!;
                // Sometimes the range comes end first, as the library accepts.
                const range = next() < 0.1 ? { start: to, end: from } : { start: from, end: to };
                const change = next() < 0.02 ? { text: `whole ${step}\nnew` } : { range, text };
                TextDocument.update(library, [change], step + 2);
                ours.update([change], step + 2);
                // Offsets of random places are asked while changed lines are still kept apart.
                for (let k = 0; k < 3; k++) {
                    const place = { line: pick(library.lineCount + 2) - 1, character: pick(40) - 2 };
                    expect(ours.offsetAt(place), `seed ${seed}, step ${step}, ${JSON.stringify(place)}`).toBe(library.offsetAt(place));
                }
                expect(ours.lineCount).toBe(library.lineCount);
                expect(ours.version).toBe(library.version);
                if (next() < 0.2) {
                    expect(ours.getText(), `seed ${seed}, step ${step}`).toBe(library.getText());
                    const offset = pick(library.getText().length + 1);
                    expect(ours.positionAt(offset)).toEqual(library.positionAt(offset));
                }
            }
            expect(ours.getText()).toBe(library.getText());
        }
    });
});
