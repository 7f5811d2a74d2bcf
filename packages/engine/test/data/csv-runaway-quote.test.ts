/**
 * A quote left open in a CSV file (csv-runaway-quote.ts): the malformed record it makes spans
 * the lines up to the next quote, or to the end of the file; it stops the scan even when invalid
 * rows are skipped, naming the span. A malformed record on one line is still skipped, and a
 * well-formed quoted field with line breaks is still read.
 */
import { describe, expect, it } from 'vitest';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();
const FIELDS = [field('time', 'timestamp'), field('name', 'text'), field('cost', 'number')];

/** A header and `count` records, record r (0-based) on line r + 2, with the name cell `names(r)`. */
function requests(count: number, names: (r: number) => string): string {
    let csv = 'time,name,cost\n';
    for (let r = 0; r < count; r++) csv += `2026-03-01T10:${String(r).padStart(2, '0')}:00Z,${names(r)},1.00\n`;
    return csv;
}

describe('a quote left open', () => {
    // Record 2 (line 4) opens a quote it never closes; record 7 (line 9) has a quoted name, whose
    // opening quote closes the runaway field: lines 4–9 would be one record.
    const swallowing = requests(10, (r) => (r === 2 ? '"Printer broken' : r === 7 ? '"quoted name"' : `n${r}`));

    for (const readChunkBytes of [7, 4096]) {
        it(`stops the scan at the opening quote, even when invalid rows are skipped (read size ${readChunkBytes})`, async () => {
            const path = file('swallowing.csv', swallowing);
            for (const skipInvalid of [false, true]) {
                const error = await rejection(scan(path, FIELDS, { skipInvalid, readChunkBytes }));
                expect({ line: error.line, column: error.column, skippable: error.skippable }).toEqual({ line: 4, column: 2, skippable: false });
                expect(error.message).toContain('swallowing.csv:4:2: malformed CSV record: the quoted field opened on line 4, column 2 runs to line 9: a quote is probably missing its closing quote');
                expect(error.message).toContain('The record would swallow lines 5–9, so it is not skipped, even with --skip-invalid');
            }
        });
    }

    it('that runs to the end of the file names the file\'s last line', async () => {
        // 10 records on lines 2–11; record 2's quote on line 4 runs to the end (line 11, its line end not a line of its own).
        const path = file('to-the-end.csv', requests(10, (r) => (r === 2 ? '"Printer broken' : `n${r}`)));
        const error = await rejection(scan(path, FIELDS, { skipInvalid: true }));
        expect(error.skippable).toBe(false);
        expect(error.message).toContain('to-the-end.csv:4:2: malformed CSV record: the quoted field opened on line 4, column 2 runs to the end of the file (line 11) without a closing quote');
        expect(error.message).toContain('swallow lines 5–11');
    });

    it('counts lone-CR line ends in the span', async () => {
        const path = file('mac.csv', requests(5, (r) => (r === 1 ? '"open' : r === 3 ? '"closed"' : 'n')).replaceAll('\n', '\r'));
        const error = await rejection(scan(path, FIELDS, { skipInvalid: true }));
        // Record 1 on line 3, record 3 on line 5.
        expect(error.message).toContain('mac.csv:3:2: malformed CSV record: the quoted field opened on line 3, column 2 runs to line 5:');
        expect(error.message).toContain('swallow lines 4–5');
    });

    it('names the line the quote opens on when an earlier field of the record has line breaks', async () => {
        // The record starts on line 2; its first field is quoted over lines 2–3; the name opens a quote on line 3 that closes on line 4.
        const path = file('later-field.csv', 'note,name\n"two\nlines","open\nx"y\n');
        const error = await rejection(scan(path, [field('note', 'text'), field('name', 'text')], { skipInvalid: true }));
        expect(error.line).toBe(2);
        expect(error.message).toContain('later-field.csv:2:2: malformed CSV record: the quoted field opened on line 3, column 2 runs to line 4:');
        expect(error.message).toContain('swallow line 4,');
    });
});

describe('a malformed record on one line', () => {
    it('is skipped and counted, as before, and well-formed quoted line breaks are read', async () => {
        // Line 3: text after a closing quote; lines 4–5: a quoted name with a line break; line 6: a quote
        // open on the file's last line, whose line end closes no further line.
        const path = file('one-line.csv', 'time,name,cost\n2026-03-01T10:00:00Z,a,1.00\n2026-03-01T10:01:00Z,"b"x,1.00\n2026-03-01T10:02:00Z,"c\nd",1.00\n2026-03-01T10:03:00Z,"e,1.00\n');
        const { rows, rejected, invalid } = await scan(path, FIELDS, { skipInvalid: true });
        expect(rows.map((row) => [row.line, row.values[1]])).toEqual([[2, 'a'], [4, 'c\nd']]);
        expect(rejected).toBe(2);
        expect(invalid.map((error) => [error.line, error.message.replace(/^.*?: /, '')])).toEqual([
            [3, 'malformed CSV record: unexpected character after the closing quote of field 2'],
            [6, 'malformed CSV record: a quoted field is not closed before the end of the file']
        ]);
    });
});
