import { editDistance } from '../types/units.js';

let zones: { all: ReadonlySet<string>; list: readonly string[] } | undefined;

function knownZones(): { all: ReadonlySet<string>; list: readonly string[] } {
    if (!zones) {
        const list = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
        zones = { all: new Set(list), list };
    }
    return zones;
}

/** Abbreviations people write for a zone, and the city zones that mean the same clock. */
const ABBREVIATION_CITIES: Readonly<Record<string, string[]>> = {
    CET: ['Europe/Berlin', 'Europe/Paris'], CEST: ['Europe/Berlin', 'Europe/Paris'], MET: ['Europe/Berlin', 'Europe/Paris'],
    EET: ['Europe/Athens', 'Europe/Helsinki'], EEST: ['Europe/Athens', 'Europe/Helsinki'], WET: ['Europe/Lisbon'],
    GMT: ['Europe/London', 'UTC'], BST: ['Europe/London'], EST: ['America/New_York'], EDT: ['America/New_York'],
    EST5EDT: ['America/New_York'], CST: ['America/Chicago'], CST6CDT: ['America/Chicago'], MST: ['America/Denver'],
    MST7MDT: ['America/Denver'], PST: ['America/Los_Angeles'], PST8PDT: ['America/Los_Angeles'], PDT: ['America/Los_Angeles'],
    HST: ['Pacific/Honolulu'], IST: ['Asia/Kolkata', 'Europe/Dublin'], JST: ['Asia/Tokyo'], AEST: ['Australia/Sydney']
};

export type ZoneVerdict =
    | { kind: 'ok' }
    /** Valid, but a fixed-offset or abbreviation zone that readers misread around DST. */
    | { kind: 'abbreviation'; suggestions: string[] }
    | { kind: 'unknown'; suggestions: string[] };

/** Is `zone` an IANA zone name, and is it a city zone a reader cannot misread? */
export function checkZone(zone: string): ZoneVerdict {
    const valid = knownZones().all.has(zone) || acceptedByIntl(zone);
    const upper = zone.toUpperCase();
    if (valid) {
        if (zone === 'UTC' || zone === 'Etc/UTC' || zone.includes('/')) return { kind: 'ok' };
        return { kind: 'abbreviation', suggestions: ABBREVIATION_CITIES[upper] ?? nearestZones(zone) };
    }
    if (ABBREVIATION_CITIES[upper]) return { kind: 'unknown', suggestions: ABBREVIATION_CITIES[upper] };
    return { kind: 'unknown', suggestions: nearestZones(zone) };
}

function acceptedByIntl(zone: string): boolean {
    if (zone.trim() === '') return false;
    try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** Zone names closest to a mistyped one; a bare city (`Berlin`) finds its region. */
export function nearestZones(zone: string, max = 3): string[] {
    const wanted = zone.toLowerCase().replace(/ /g, '_');
    const scored: Array<{ name: string; distance: number }> = [];
    for (const name of knownZones().list) {
        const lower = name.toLowerCase();
        const city = lower.slice(lower.lastIndexOf('/') + 1);
        const distance = Math.min(editDistance(wanted, lower), editDistance(wanted, city));
        if (distance <= Math.max(2, Math.floor(wanted.length / 3))) scored.push({ name, distance });
    }
    return scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, max).map(s => s.name);
}
