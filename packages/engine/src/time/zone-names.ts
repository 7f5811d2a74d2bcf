/**
 * Which names are time zones, and which a contract should use: the platform's IANA
 * database (through Intl) decides validity; a small table maps the abbreviations people
 * write ("CET", "EST") to the city zones that mean the clock they have in mind; and a
 * mistyped name finds its nearest real ones. The validator, the hovers and the CLI (for
 * `--now` and dates) all ask here, so a zone the editor accepts is one the engine evaluates.
 */
import { editDistance } from '../text/edit-distance.js';

/** A fixed-offset "zone" such as "+01:00", which Intl accepts but the language must not. */
const OFFSET_ZONE = /^[+-]\d{2}(:?\d{2})?$/;

/**
 * True for names the platform's IANA database knows (e.g. "Europe/Berlin", "UTC",
 * and links such as "Asia/Kolkata"). Fixed offsets ("+01:00") are rejected: the
 * semantics require real DST rules. A name that differs from a known zone only in
 * letter case ("europe/berlin") is rejected too, so contracts spell zones exactly.
 */
export function isValidTimeZone(zone: string): boolean {
    if (zone.length === 0 || OFFSET_ZONE.test(zone)) return false;
    const resolved = canonicalTimeZoneName(zone);
    if (resolved === undefined) return false;
    return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
}

/** The platform's canonical spelling of a zone name, or undefined if unknown. */
function canonicalTimeZoneName(zone: string): string | undefined {
    if (canonicalNames.has(zone)) return canonicalNames.get(zone);
    let name: string | undefined;
    try {
        name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
        name = undefined;
    }
    canonicalNames.set(zone, name);
    return name;
}

/** Creating a DateTimeFormat costs tens of microseconds; validators ask for the same names often. */
const canonicalNames = new Map<string, string | undefined>();

/** All canonical IANA zone names the platform knows (for completion and suggestions). */
export function canonicalTimeZones(): string[] {
    return Intl.supportedValuesOf('timeZone');
}

/**
 * Zones the IANA database renamed, under the old name ICU (and so Intl) still lists and resolves
 * to: CLDR keeps its ids stable. Intl accepts both (they are links of one zone); contracts
 * should be written with the current name, so that is the one offered and suggested.
 */
const RENAMED_ZONES: Readonly<Record<string, string>> = {
    'Africa/Asmera': 'Africa/Asmara',
    'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
    'America/Catamarca': 'America/Argentina/Catamarca',
    'America/Coral_Harbour': 'America/Atikokan',
    'America/Cordoba': 'America/Argentina/Cordoba',
    'America/Godthab': 'America/Nuuk',
    'America/Indianapolis': 'America/Indiana/Indianapolis',
    'America/Jujuy': 'America/Argentina/Jujuy',
    'America/Louisville': 'America/Kentucky/Louisville',
    'America/Mendoza': 'America/Argentina/Mendoza',
    'Asia/Calcutta': 'Asia/Kolkata',
    'Asia/Katmandu': 'Asia/Kathmandu',
    'Asia/Rangoon': 'Asia/Yangon',
    'Asia/Saigon': 'Asia/Ho_Chi_Minh',
    'Atlantic/Faeroe': 'Atlantic/Faroe',
    'Europe/Kiev': 'Europe/Kyiv',
    'Pacific/Enderbury': 'Pacific/Kanton',
    'Pacific/Ponape': 'Pacific/Pohnpei',
    'Pacific/Truk': 'Pacific/Chuuk'
};

/** The current IANA name of a zone Intl lists under an old one, when the platform knows it. */
function currentZoneName(listed: string): string {
    const renamed = RENAMED_ZONES[listed];
    return renamed !== undefined && isValidTimeZone(renamed) ? renamed : listed;
}

let offered: readonly string[] | undefined;

/**
 * The zone names to offer (completion) and to suggest from: the canonical zones under their
 * current IANA names ("Asia/Kolkata", not Intl's "Asia/Calcutta"), and "UTC", which Intl does not list.
 */
export function timeZoneNames(): readonly string[] {
    offered ??= [...new Set([...canonicalTimeZones().map(currentZoneName), 'UTC'])].sort();
    return offered;
}

/** Abbreviations people write for a zone, and the city zones that mean the same clock. */
const ABBREVIATION_CITIES: Readonly<Record<string, readonly string[]>> = {
    CET: ['Europe/Berlin', 'Europe/Paris'], CEST: ['Europe/Berlin', 'Europe/Paris'], MET: ['Europe/Berlin', 'Europe/Paris'],
    EET: ['Europe/Athens', 'Europe/Helsinki'], EEST: ['Europe/Athens', 'Europe/Helsinki'], WET: ['Europe/Lisbon'],
    GMT: ['Europe/London', 'UTC'], BST: ['Europe/London'], EST: ['America/New_York'], EDT: ['America/New_York'],
    EST5EDT: ['America/New_York'], CST: ['America/Chicago'], CST6CDT: ['America/Chicago'], MST: ['America/Denver'],
    MST7MDT: ['America/Denver'], PST: ['America/Los_Angeles'], PST8PDT: ['America/Los_Angeles'], PDT: ['America/Los_Angeles'],
    HST: ['Pacific/Honolulu'], IST: ['Asia/Kolkata', 'Europe/Dublin'], JST: ['Asia/Tokyo'], AEST: ['Australia/Sydney']
};

export type ZoneNameVerdict =
    | { kind: 'ok' }
    /** Valid, but a fixed abbreviation zone ("CET", "EST") that readers take for a city's local time. */
    | { kind: 'abbreviation'; suggestions: string[] }
    | { kind: 'unknown'; suggestions: string[] };

/**
 * Is `zone` a time zone the engine evaluates, and is it a city zone (Region/City, or UTC)
 * a reader cannot misread? Abbreviations get the city zones they usually stand for;
 * unknown names get the nearest real names.
 */
export function checkZoneName(zone: string): ZoneNameVerdict {
    const upper = zone.toUpperCase();
    if (isValidTimeZone(zone)) {
        if (zone === 'UTC' || zone === 'Etc/UTC' || zone.includes('/')) return { kind: 'ok' };
        return { kind: 'abbreviation', suggestions: [...(ABBREVIATION_CITIES[upper] ?? nearestZones(zone))] };
    }
    const cities = ABBREVIATION_CITIES[upper];
    return { kind: 'unknown', suggestions: cities ? [...cities] : nearestZones(zone) };
}

/** Zone names closest to a mistyped one, best first; a bare city (`Berlin`) finds its region. */
export function nearestZones(zone: string, max = 3): string[] {
    const wanted = zone.toLowerCase().replace(/ /g, '_');
    const scored: { name: string; distance: number }[] = [];
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    for (const name of timeZoneNames()) {
        const lower = name.toLowerCase();
        const city = lower.slice(lower.lastIndexOf('/') + 1);
        const distance = Math.min(editDistance(wanted, lower, limit), editDistance(wanted, city, limit));
        if (distance <= limit) scored.push({ name, distance });
    }
    return scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, max).map((s) => s.name);
}
