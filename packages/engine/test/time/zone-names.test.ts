import { describe, expect, it } from 'vitest';
import { canonicalTimeZones, checkZoneName, isValidTimeZone, nearestZones, timeZoneNames } from '../../src/time/index.js';

describe('isValidTimeZone', () => {
    it('accepts IANA names and links, rejects unknown names, fixed offsets and miscased names', () => {
        expect(isValidTimeZone('Europe/Berlin')).toBe(true);
        expect(isValidTimeZone('UTC')).toBe(true);
        expect(isValidTimeZone('America/New_York')).toBe(true);
        expect(isValidTimeZone('Asia/Kolkata')).toBe(true); // a link in some ICU versions
        expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
        expect(isValidTimeZone('+01:00')).toBe(false);
        expect(isValidTimeZone('europe/berlin')).toBe(false);
        expect(isValidTimeZone('')).toBe(false);
    });

    it('lists the canonical zones', () => {
        const zones = canonicalTimeZones();
        expect(zones).toContain('Europe/Berlin');
        expect(zones.length).toBeGreaterThan(300);
    });
});

describe('timeZoneNames', () => {
    it('offers the canonical zones and UTC, each once', () => {
        const names = timeZoneNames();
        expect(names).toContain('UTC'); // Intl lists it under no canonical name of its own
        expect(names).toContain('Europe/Berlin');
        expect(new Set(names).size).toBe(names.length);
        expect(names.length).toBe(new Set([...canonicalTimeZones(), 'UTC']).size);
    });
});

describe('checkZoneName', () => {
    it('takes city zones and UTC as they are', () => {
        expect(checkZoneName('Europe/Berlin')).toEqual({ kind: 'ok' });
        expect(checkZoneName('America/New_York')).toEqual({ kind: 'ok' });
        expect(checkZoneName('UTC')).toEqual({ kind: 'ok' });
        expect(checkZoneName('Etc/UTC')).toEqual({ kind: 'ok' });
    });
    it('warns of abbreviation zones, offering the cities people mean by them', () => {
        expect(checkZoneName('CET')).toEqual({ kind: 'abbreviation', suggestions: ['Europe/Berlin', 'Europe/Paris'] });
        expect(checkZoneName('EST')).toEqual({ kind: 'abbreviation', suggestions: ['America/New_York'] });
    });
    it('refuses names the evaluation would refuse, with the nearest real names', () => {
        // One letter left out of Berlin: distance 1, nearest first. Dublin (berln → dublin: b→d, e→u,
        // r→b, +i: 4 edits) and Jersey (b→j, l→s, n→e, +y: 4) are within the 12 / 3 = 4 allowed and follow, by name.
        const typo = checkZoneName('Europe/Berln');
        expect(typo.kind).toBe('unknown');
        expect(typo.kind !== 'ok' && typo.suggestions).toEqual(['Europe/Berlin', 'Europe/Dublin', 'Europe/Jersey']);
        // Intl accepts these, the engine does not (wrong case; no DST rules): the editor must say so too.
        const miscased = checkZoneName('europe/berlin');
        expect(miscased.kind).toBe('unknown');
        expect(miscased.kind !== 'ok' && miscased.suggestions[0]).toBe('Europe/Berlin'); // distance 0 once lower-cased
        expect(checkZoneName('+01:00').kind).toBe('unknown');
        // An abbreviation that is no IANA name at all still finds its city.
        expect(checkZoneName('CEST')).toEqual({ kind: 'unknown', suggestions: ['Europe/Berlin', 'Europe/Paris'] });
    });
});

describe('nearestZones', () => {
    it('finds a region from a bare city name, spaces read as underscores', () => {
        expect(nearestZones('Berlin')).toEqual(['Europe/Berlin']);
        expect(nearestZones('New York')).toEqual(['America/New_York']);
    });
    it('suggests nothing for a name far from every zone', () => {
        expect(nearestZones('Olympus Mons on Mars')).toEqual([]);
    });
});
