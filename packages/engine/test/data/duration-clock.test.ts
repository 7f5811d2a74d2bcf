/**
 * Durations written hours:minutes:seconds, as Excel's [h]:mm:ss and ticket tools write time
 * spent: read as that time whatever the field's unit; two parts alone are refused (hours and
 * minutes, or minutes and seconds?). Expected values worked out by hand in ms.
 */
import { describe, expect, it } from 'vitest';
import { field, scan, tempDir } from './helpers.js';

const file = tempDir();

describe('a duration written hours:minutes:seconds', () => {
    it('is that time, in a field of ms and in one of minutes, beside numbers and numbers with units', async () => {
        const path = file('spent.csv', 'ms,minutes\n1:30:00,1:30:00\n36:00:00,00:01:30\n0:00:02.5,90\n250,1.5 hours\n');
        const { rows } = await scan(path, [field('ms', 'duration'), field('minutes', 'duration', { durationUnitMs: 60_000 })]);
        expect(rows.map((row) => row.values)).toEqual([
            [5_400_000, 5_400_000], // 1.5 h
            [129_600_000, 90_000], // 36 h; 1 min 30 s
            [2_500, 5_400_000], // 2.5 s; 90 minutes
            [250, 5_400_000]
        ]);
    });

    it('with a decimal comma declared, the seconds\' fraction is written with a comma', async () => {
        const { rows } = await scan(file('comma.csv', 'spent;count\n0:00:02,5;1\n'), [field('spent', 'duration')], { separator: ';', decimalComma: true });
        expect(rows.map((row) => row.values)).toEqual([[2_500]]);
    });

    it('refuses two parts, minutes or seconds past 59, and a sign, saying what to write', async () => {
        const path = file('odd.csv', 'spent\n1:30\n1:60:00\n-1:00:00\n1:00:00\n');
        const { rows, invalid } = await scan(path, [field('spent', 'duration')], { skipInvalid: true });
        expect(rows.map((row) => row.values)).toEqual([[3_600_000]]);
        expect(invalid.map((error) => error.line)).toEqual([2, 3, 4]);
        expect(invalid[0]!.message).toContain('"1:30" could be hours and minutes or minutes and seconds: write hours:minutes:seconds (1:30:00 or 0:01:30) or a number with a unit (90 minutes)');
        expect(invalid[1]!.message).toContain('expected a non-negative number (of ms), a number with a unit (ms, s, minutes, hours, days, weeks) or hours:minutes:seconds (1:30:00)');
        expect(invalid[2]!.message).toContain('expected a non-negative number (of ms), a number with a unit');
    });

    it('names the unit of a field of seconds or minutes when a value is not a duration', async () => {
        const path = file('units.csv', 'seconds,minutes\nbad,1\n1,bad\n');
        const { invalid } = await scan(path, [field('seconds', 'duration', { durationUnitMs: 1000 }), field('minutes', 'duration', { durationUnitMs: 60_000 })], { skipInvalid: true });
        expect(invalid.map((error) => error.message)).toEqual([
            expect.stringContaining('for field seconds (duration s) in column 1 (seconds): expected a non-negative number (of seconds), a number with a unit'),
            expect.stringContaining('for field minutes (duration minutes) in column 2 (minutes): expected a non-negative number (of minutes), a number with a unit')
        ]);
    });
});
