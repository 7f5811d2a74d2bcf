import { describe, expect, it } from 'vitest';
import { holidayRegionName, holidayRegionProblem, holidaySetDays, publicHolidays } from '../../src/time/index.js';

describe('publicHolidays (date-holidays)', () => {
    it('France 2026: the eleven public holidays, Easter-based ones from Easter Sunday 5 April', () => {
        // Easter Monday = 5 April + 1, Ascension = + 39 days (14 May), Whit Monday = + 50 days (25 May).
        // Observances (Pentecost Sunday, Mother's Day) are not days off and are left out.
        expect(publicHolidays('FR', 2026).map(h => h.date)).toEqual([
            '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
            '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25'
        ]);
        expect(publicHolidays('FR', 2026).find(h => h.date === '2026-05-25')?.name).toBe('Whit Monday');
    });

    it('France 2027: Easter Sunday 28 March moves the movable feasts', () => {
        // Easter Monday 29 March, Ascension 28 March + 39 = 6 May, Whit Monday 28 March + 50 = 17 May.
        const dates = publicHolidays('FR', 2027).map(h => h.date);
        expect(dates).toContain('2027-03-29');
        expect(dates).toContain('2027-05-06');
        expect(dates).toContain('2027-05-17');
        expect(dates).toHaveLength(11);
    });

    it('a department with its own holidays: Moselle (FR-57) adds Good Friday and 26 December', () => {
        const dates = publicHolidays('fr-57', 2026).map(h => h.date);
        expect(dates).toContain('2026-04-03');
        expect(dates).toContain('2026-12-26');
        expect(dates).toHaveLength(13);
        expect(holidayRegionName('FR-57')).toMatch(/Moselle/);
    });

    it('removals by date, by day of every year and by name', () => {
        const set = { region: 'FR', removed: [{ date: '2026-05-08' }, { monthDay: '11-11' }, { name: 'whit monday' }] };
        const dates = holidaySetDays(set, 2026).map(h => h.date);
        expect(dates).toHaveLength(8);
        expect(dates).not.toContain('2026-05-08');
        expect(dates).not.toContain('2026-11-11');
        expect(dates).not.toContain('2026-05-25');
        // a dated removal applies to its year only
        expect(holidaySetDays(set, 2027).map(h => h.date)).toContain('2027-05-08');
    });

    it('unknown codes get a problem with suggestions; known ones none', () => {
        expect(holidayRegionProblem('FR')).toBeUndefined();
        expect(holidayRegionProblem('de-by')).toBeUndefined();
        expect(holidayRegionProblem('FRA')?.suggestions).toEqual(['FR']);
        // A pasted text is no code one or two edits away (its length alone says so, without comparing letters).
        expect(holidayRegionProblem(`FRA${' + true'.repeat(5_000)}`)?.suggestions).toEqual([]);
        expect(holidayRegionProblem('France')?.suggestions).toEqual(['FR']);
        expect(holidayRegionProblem('DE-XY')?.message).toMatch(/not a state or region of Germany/);
        expect(holidayRegionProblem('DE-BYY')?.suggestions).toContain('DE-BY');
        expect(publicHolidays('ZZ', 2026)).toEqual([]);
    });
});
