import { describe, expect, it } from 'vitest';
import { displayWidth, padToWidth } from '../../src/report/display-width.js';
import { textTable } from '../../src/report/render-table.js';

/** The plain-text tables pad by the columns a terminal gives a text, not by its characters. */
describe('display width', () => {
    it('East Asian wide characters take two columns, combining marks none, the rest one', () => {
        // 14 characters, each Wide (katakana, the katakana middle dot, kanji): 14 × 2 = 28 columns.
        expect(displayWidth('テイルスピン・トイズ株式会社')).toBe(28);
        // A precomposed é is one column; an e with a combining acute (2 code points) too.
        expect(displayWidth('Café Zürich')).toBe(11);
        expect(displayWidth('Cafe\u0301')).toBe(4);
        // The report's own punctuation (en dash, minus sign, middle dot) is ambiguous: one column each.
        expect(displayWidth('2026-02-04 – 2026-02-10')).toBe(23);
        expect(displayWidth('−1.041 pp · x')).toBe(13);
        expect(padToWidth('株式', 6)).toBe('株式  ');
    });

    it('a Japanese client name no longer shifts the columns after it', () => {
        const table = { title: 'Agreements', headers: ['Client', 'Agreement'], rows: [['テイルスピン', 'TailspinHosting'], ['Acme', 'AcmeHosting']], breached: [false, false] };
        // Column 1 is as wide as テイルスピン: 6 × 2 = 12 columns; then two spaces.
        expect(textTable(table, false).split('\n')).toEqual([
            'Agreements',
            'Client        Agreement',
            '------------  ---------------',
            'テイルスピン  TailspinHosting',
            'Acme          AcmeHosting'
        ]);
    });
});
