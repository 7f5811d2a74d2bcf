/**
 * Timestamps in a declared layout (timestamp-format.ts): each expected instant is worked out by
 * hand from the written value (local time minus the zone's offset on that day).
 */
import { describe, expect, it } from 'vitest';
import { compileTimestampFormat, type ParsedTimestamp, type TimestampFormat } from '../../src/data/index.js';
import { field, rejection, scan, tempDir } from './helpers.js';

const file = tempDir();

function layout(pattern: string): TimestampFormat {
    const compiled = compileTimestampFormat(pattern);
    if ('problem' in compiled) throw new Error(compiled.problem);
    return compiled;
}

function read(pattern: string, value: string): ParsedTimestamp {
    const out: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const bytes = Buffer.from(value);
    layout(pattern).parse(bytes, 0, bytes.length, out);
    return out;
}

describe('timestamp formats', () => {
    it('reads day-first dates with a 24-hour time as wall-clock readings', () => {
        expect(read('DD.MM.YYYY HH:mm', '04.12.2026 13:05')).toMatchObject({ ms: Date.UTC(2026, 11, 4, 13, 5), naive: true });
        expect(read('D.M.YYYY H:mm:ss', ' 4.3.2026 9:05:07 ')).toMatchObject({ ms: Date.UTC(2026, 2, 4, 9, 5, 7), naive: true });
        expect(read('DD/MM/YYYY', '25/12/2026')).toMatchObject({ ms: Date.UTC(2026, 11, 25) });
    });

    it("reads Jira's day/abbreviated month/two-digit year with AM and PM", () => {
        expect(read('DD/MMM/YY h:mm A', '04/Dec/26 1:05 PM').ms).toBe(Date.UTC(2026, 11, 4, 13, 5));
        expect(read('DD/MMM/YY h:mm A', '04/dec/26 12:05 am').ms).toBe(Date.UTC(2026, 11, 4, 0, 5));
        expect(read('DD/MMM/YY h:mm A', '04/DEC/26 12:05 PM').ms).toBe(Date.UTC(2026, 11, 4, 12, 5));
        expect(read('M/D/YYYY h:mm:ss A', '12/4/2026 11:59:59 PM').ms).toBe(Date.UTC(2026, 11, 4, 23, 59, 59));
        expect(read('MMMM D, YYYY', 'September 7, 2026').ms).toBe(Date.UTC(2026, 8, 7));
    });

    it('reads an offset as an instant, fractions truncated to milliseconds, quoted literal text', () => {
        expect(read('YYYY-MM-DD HH:mm Z', '2026-12-04 13:05 +0100')).toMatchObject({ ms: Date.UTC(2026, 11, 4, 12, 5), naive: false });
        expect(read('YYYY-MM-DD HH:mm Z', '2026-12-04 13:05 -05:30').ms).toBe(Date.UTC(2026, 11, 4, 18, 35));
        expect(read('YYYY-MM-DD HH:mm Z', '2026-12-04 13:05 Z').ms).toBe(Date.UTC(2026, 11, 4, 13, 5));
        expect(read('DD.MM.YYYY HH:mm:ss,SSSS', '01.03.2026 09:30:05,1239').ms).toBe(Date.UTC(2026, 2, 1, 9, 30, 5, 123));
        expect(read('DD.MM.YYYY HH:mm:ss.S', '01.03.2026 09:30:05.7').ms).toBe(Date.UTC(2026, 2, 1, 9, 30, 5, 700));
        expect(read("YYYY-MM-DD'T'HH:mm", '2026-03-01T09:30').ms).toBe(Date.UTC(2026, 2, 1, 9, 30));
        expect(read("DD.MM.YYYY 'um' HH:mm 'Uhr'", '01.03.2026 um 09:30 Uhr').ms).toBe(Date.UTC(2026, 2, 1, 9, 30));
    });

    it('refuses what the layout does not say, with the reason', () => {
        expect(read('DD.MM.YYYY HH:mm', '4.12.2026 13:05')).toMatchObject({ ms: NaN, problem: 'expected a timestamp written as the field\'s format "DD.MM.YYYY HH:mm" says, such as 01.03.2026 09:30' });
        expect(read('DD.MM.YYYY HH:mm', '04.12.2026 13:05:00').ms).toBeNaN();
        expect(read('DD.MM.YYYY HH:mm', '2026-12-04T13:05:00Z').ms).toBeNaN();
        expect(read('DD.MM.YYYY HH:mm', '31.02.2026 10:00')).toMatchObject({ ms: NaN, problem: 'no such date 2026-02-31 (read with the field\'s format "DD.MM.YYYY HH:mm")' });
        expect(read('DD.MM.YYYY HH:mm', '01.03.2026 24:00').problem).toBe('time of day out of range (hours 00-23, minutes and seconds 00-59)');
        expect(read('M/D/YYYY h:mm A', '3/1/2026 13:05 PM').problem).toContain('hour 13 with AM or PM');
        expect(read('DD/MMM/YY', '01/Mrz/26').ms).toBeNaN();
    });

    it('says what is wrong with a layout', () => {
        const problem = (pattern: string) => (compileTimestampFormat(pattern) as { problem?: string }).problem;
        expect(problem('DD.MM.YYYY QQ')).toBe("the letter 'Q' means nothing in a timestamp format: write YYYY, YY, M, MM, MMM, MMMM, D, DD, H, HH, h, hh, mm, ss, S…, A and Z, and other text in single quotes ('T')");
        expect(problem('DD.MM.YYY')).toBe("'YYY' is not a part of a timestamp format: write YYYY or YY");
        expect(problem('MM/DD HH:mm')).toBe('it has no year: a timestamp format names the year (YYYY), the month (MM) and the day (DD)');
        expect(problem('DD.MM.YYYY HH:mm DD')).toBe("'DD' says the day a second time");
        expect(problem('DD.MM.YYYY HH:mm A')).toContain('A (AM or PM) needs an hour from 1 to 12');
        expect(problem('DD.MM.YYYY h:mm')).toContain('h counts hours 1 to 12 and needs A');
        expect(problem('DD.MM.YYYY ss')).toBe('it has seconds (ss) but no minutes (mm)');
        expect(problem("YYYY-MM-DD'T")).toContain('is not closed');
        expect(problem('DD.MM.YYYY HH:mm')).toBeUndefined();
        expect(layout('DD/MMM/YY h:mm A').example).toBe('01/Mar/26 9:30 AM');
    });

    it('reads a CSV column in the dataset zone, and names the row of a value the layout does not read', async () => {
        const path = file('formatted.csv', 'opened;id\n04.12.2026 13:05;1\n01.07.2026 08:00;2\n2026-07-01T08:00:00Z;3\n');
        const fields = [field('opened', 'timestamp', { timestampFormat: 'DD.MM.YYYY HH:mm' }), field('id', 'integer')];
        const { rows, invalid } = await scan(path, fields, { separator: ';', timezone: 'Europe/Berlin', skipInvalid: true });
        // Berlin: UTC+1 in December, UTC+2 in July.
        expect(rows.map((r) => r.values)).toEqual([[Date.UTC(2026, 11, 4, 12, 5), 1], [Date.UTC(2026, 6, 1, 6, 0), 2]]);
        expect(invalid.map((e) => e.message)).toEqual([expect.stringContaining('formatted.csv:4:1: invalid value "2026-07-01T08:00:00Z" for field opened (timestamp) in column 1 (opened): expected a timestamp written as the field\'s format "DD.MM.YYYY HH:mm" says, such as 01.03.2026 09:30')]);
        // Without a zone, wall-clock readings stop the evaluation as naive ISO timestamps do.
        const naive = await rejection(scan(path, fields, { separator: ';', skipInvalid: true }));
        expect(naive.message).toContain('formatted.csv:2:1: invalid value "04.12.2026 13:05" for field opened (timestamp) in column 1 (opened): timestamp has no UTC offset and dataset requests declares no time zone');
    });
});

describe('common layouts of a value', () => {
    it('names the layout an export wrote, or both when day and month cannot be told apart', async () => {
        const { commonLayoutsOf } = await import('../../src/data/index.js');
        expect(commonLayoutsOf('04.12.2026 13:05')).toEqual(['DD.MM.YYYY HH:mm']);
        expect(commonLayoutsOf('4.12.2026 13:05')).toEqual(['D.M.YYYY HH:mm']);
        expect(commonLayoutsOf('25/12/2026 08:00:00')).toEqual(['DD/MM/YYYY HH:mm:ss']);
        expect(commonLayoutsOf('12/25/2026 8:00 AM')).toEqual(['MM/DD/YYYY h:mm A']);
        expect(commonLayoutsOf('04/12/2026 13:05')).toEqual(['DD/MM/YYYY HH:mm', 'MM/DD/YYYY HH:mm']);
        expect(commonLayoutsOf('04/Dec/26 1:05 PM')).toEqual(['DD/MMM/YY h:mm A']);
        expect(commonLayoutsOf('Dec 4, 2026')).toEqual(['MMM D, YYYY']);
        expect(commonLayoutsOf('yesterday')).toEqual([]);
        // 01/01: day and month read alike, one reading.
        expect(commonLayoutsOf('01/01/2026')).toEqual(['DD/MM/YYYY']);
    });
});

describe('common layouts of a column', () => {
    it('lets a later value tell day from month, and prefers a layout that reads every value', async () => {
        const { commonLayoutsOfAll } = await import('../../src/data/index.js');
        expect(commonLayoutsOfAll(['04/12/2026 13:05', '05/12/2026 09:00', '25/12/2026 08:00'])).toEqual({ layouts: ['DD/MM/YYYY HH:mm'], decidedBy: 2 });
        expect(commonLayoutsOfAll(['04/12/2026 13:05', '12/25/2026 08:00'])).toEqual({ layouts: ['MM/DD/YYYY HH:mm'], decidedBy: 1 });
        // Still ambiguous after every value: both.
        expect(commonLayoutsOfAll(['04/12/2026 13:05', '05/11/2026 09:00'])).toEqual({ layouts: ['DD/MM/YYYY HH:mm', 'MM/DD/YYYY HH:mm'] });
        // Zero padding differs further down: the layout without it reads both.
        expect(commonLayoutsOfAll(['04.12.2026 13:05', '4.12.2026 9:05'])).toEqual({ layouts: ['D.M.YYYY H:mm'] });
        // A value no common layout reads is left out; values in mixed layouts give those of the first value.
        expect(commonLayoutsOfAll(['04/12/2026 13:05', 'n/a', '25/12/2026 08:00'])).toEqual({ layouts: ['DD/MM/YYYY HH:mm'], decidedBy: 2 });
        expect(commonLayoutsOfAll(['04.12.2026 13:05', 'soon'])).toEqual({ layouts: ['DD.MM.YYYY HH:mm'] });
        expect(commonLayoutsOfAll(['04/12/2026 13:05', '2026/12/25 08:00:00'])).toEqual({ layouts: ['DD/MM/YYYY HH:mm', 'MM/DD/YYYY HH:mm'] });
    });
});
