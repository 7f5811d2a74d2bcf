import { describe, expect, it } from 'vitest';
import { checkZoneName, isValidTimeZone, nearestZones, timeZoneNames } from '../../src/time/index.js';

/**
 * Intl (ICU, after CLDR) lists some zones under names the IANA database has since replaced:
 * "Asia/Calcutta" for Asia/Kolkata (2008), "Europe/Kiev" for Europe/Kyiv (2022), "Asia/Saigon"
 * for Asia/Ho_Chi_Minh (2008). Both names are links of one zone; the current one is offered.
 */
describe('renamed zones', () => {
    it('offers the current IANA names, not the old ones Intl lists', () => {
        const names = timeZoneNames();
        for (const current of ['Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Yangon', 'America/Nuuk']) expect(names).toContain(current);
        for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Rangoon', 'America/Godthab']) expect(names).not.toContain(old);
        // Still in alphabetical order: Kolkata comes between Kathmandu and Krasnoyarsk.
        expect(names.indexOf('Asia/Kathmandu')).toBeLessThan(names.indexOf('Asia/Kolkata'));
        expect(names.indexOf('Asia/Kolkata')).toBeLessThan(names.indexOf('Asia/Krasnoyarsk'));
    });

    it('accepts both names of a renamed zone: a contract written with the old one stays valid', () => {
        for (const name of ['Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev', 'Asia/Ho_Chi_Minh', 'Asia/Saigon']) {
            expect(isValidTimeZone(name)).toBe(true);
            expect(checkZoneName(name)).toEqual({ kind: 'ok' });
        }
    });

    it('suggests the current name for a typo', () => {
        // "asia/kolkatta" → "asia/kolkata": one `t` too many, distance 1. The old name "asia/calcutta"
        // is 3 edits away (k→c, o→a, k→c) and used to be the only suggestion.
        const verdict = checkZoneName('Asia/Kolkatta');
        expect(verdict.kind !== 'ok' && verdict.suggestions[0]).toBe('Asia/Kolkata');
        expect(nearestZones('Kyiv')).toEqual(['Europe/Kyiv']);
    });
});
