/**
 * Public holidays of a country or region, for any year, from the `date-holidays` library.
 *
 * Why date-holidays: it covers some 200 countries with their states and regions (France with
 * Alsace-Moselle and the overseas departments, Germany's Länder, …), computes movable feasts
 * (Easter, Ascension, Whit Monday, lunar calendars) for any year from rules rather than from
 * a table that runs out, ships its data inside the package (works offline; esbuild bundles it
 * into the VS Code server) and is actively maintained. The alternatives are one country each
 * (`@socialgouv/jours-feries`, `feiertagejs`, `@18f/us-federal-holidays`) or web APIs.
 * Only holidays of type `public` count: the library also lists bank, school and optional
 * days and observances (Mother's Day), which are not days off by law.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { editDistance } from '../text/edit-distance.js';

export interface PublicHoliday {
    /** local date 'YYYY-MM-DD' */
    date: string;
    /** English name, e.g. "Whit Monday" */
    name: string;
}

/** A holiday set: the public holidays of `region` minus some of them. */
export interface HolidaySet {
    /** 'FR', 'DE-BY', 'FR-57': a country code, then state and region codes, hyphen-separated */
    region: string;
    /** holidays kept as working days: 'YYYY-MM-DD' (that day), 'MM-DD' (every year) or a name */
    removed?: { date?: string; monthDay?: string; name?: string }[];
}

const cache = new Map<string, PublicHoliday[]>();
let library: Holidays | undefined;
let HolidaysClass: typeof Holidays | undefined;

/**
 * The library, loaded on first use: loading it (its data, moment-timezone, astronomia) takes
 * about 100 ms, which every `sla` start and every server start paid, holidays or not. A
 * bundle (the language server's esbuild CJS bundle) has `require`, and esbuild bundles the
 * literal `require('date-holidays')`; the tsc output is ESM on Node, which loads the
 * package's CommonJS build through createRequire.
 */
function holidaysClass(): typeof Holidays {
    HolidaysClass ??= (typeof require === 'function' ? require('date-holidays') : createRequire(import.meta.url)('date-holidays')) as typeof Holidays;
    return HolidaysClass;
}

function lib(): Holidays {
    library ??= new (holidaysClass())();
    return library;
}

function parts(region: string): string[] {
    return region.trim().toUpperCase().split('-').filter(part => part.length > 0);
}

/**
 * Undefined when `region` is a country (and state, region) the library knows; otherwise
 * what is wrong and the nearest known codes, for a diagnostic.
 */
export function holidayRegionProblem(region: string): { message: string; suggestions: string[] } | undefined {
    const [country, state, subregion, ...rest] = parts(region);
    const countries = lib().getCountries('en') ?? {};
    if (country === undefined || countries[country] === undefined) {
        return { message: `'${region}' is not a country code known to the holiday library`, suggestions: nearest(country ?? '', countries) };
    }
    if (state === undefined) return undefined;
    const states = lib().getStates(country, 'en') ?? {};
    if (states[state] === undefined) {
        return { message: `'${state}' is not a state or region of ${countries[country]} (${country}) known to the holiday library`, suggestions: nearest(state, states).map(code => `${country}-${code}`) };
    }
    if (subregion === undefined) return rest.length === 0 ? undefined : { message: `'${region}' has too many parts: write COUNTRY, COUNTRY-STATE or COUNTRY-STATE-REGION`, suggestions: [] };
    const regions = lib().getRegions(country, state, 'en') ?? {};
    if (regions[subregion] === undefined || rest.length > 0) {
        return { message: `'${subregion}' is not a region of ${states[state]} (${country}-${state}) known to the holiday library`, suggestions: nearest(subregion, regions).map(code => `${country}-${state}-${code}`) };
    }
    return undefined;
}

/**
 * The known codes closest to `code`, at most 5: the one whose name it is ("France" → FR),
 * then codes one or two edits away ("FRA" → FR), same first letter first.
 */
function nearest(code: string, known: Record<string, string>): string[] {
    const wanted = code.trim().toUpperCase();
    const byName = Object.keys(known).filter(candidate => known[candidate].toUpperCase() === wanted);
    if (byName.length > 0) return byName;
    // The limit also bounds the work: a 50,000-character string pasted as a region cost a
    // second against every code (found fuzzing); its length alone rules every code out.
    const limit = Math.max(1, Math.floor(wanted.length / 2));
    const scored = Object.keys(known).map(candidate => ({
        candidate,
        distance: editDistance(wanted, candidate, limit) + (candidate[0] === wanted[0] ? 0 : 0.5)
    }));
    scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
    return scored.filter(s => s.distance <= limit).slice(0, 5).map(s => s.candidate);
}

/** The name of the country or region, e.g. "France" or "Bavaria (Germany)"; undefined when unknown. */
export function holidayRegionName(region: string): string | undefined {
    if (holidayRegionProblem(region) !== undefined) return undefined;
    const [country, state, subregion] = parts(region);
    const countryName = lib().getCountries('en')[country];
    if (state === undefined) return countryName;
    const stateName = lib().getStates(country, 'en')?.[state];
    if (subregion === undefined) return `${stateName} (${countryName})`;
    return `${lib().getRegions(country, state, 'en')?.[subregion]} (${stateName}, ${countryName})`;
}

const calendars = new Map<string, Holidays>();

/** The library's calendar of a known region, built once: a validity of many years asks it once per year. */
function regionCalendar(region: string): Holidays {
    const key = parts(region).join('-');
    let calendar = calendars.get(key);
    if (calendar === undefined) {
        const [country, state, subregion] = parts(region);
        const Library = holidaysClass();
        calendar = subregion !== undefined ? new Library(country, state!, subregion)
            : state !== undefined ? new Library(country, state) : new Library(country);
        calendars.set(key, calendar);
    }
    return calendar;
}

/** The public holidays of a known region in one year, by date; [] for an unknown region. */
export function publicHolidays(region: string, year: number): PublicHoliday[] {
    const key = `${parts(region).join('-')}/${year}`;
    let holidays = cache.get(key);
    if (holidays === undefined) {
        holidays = [];
        if (holidayRegionProblem(region) === undefined) {
            const calendar = regionCalendar(region);
            const seen = new Set<string>();
            for (const holiday of calendar.getHolidays(year, 'en')) {
                // `date` is the local date the holiday starts, 'YYYY-MM-DD hh:mm:ss'.
                const date = holiday.date.slice(0, 10);
                if (holiday.type !== 'public' || seen.has(date)) continue;
                seen.add(date);
                holidays.push({ date, name: holiday.name });
            }
            holidays.sort((a, b) => a.date.localeCompare(b.date));
        }
        cache.set(key, holidays);
    }
    return holidays;
}

/** Whether a removal (`without …`) names this holiday. */
export function removes(removal: NonNullable<HolidaySet['removed']>[number], holiday: PublicHoliday): boolean {
    if (removal.date !== undefined) return removal.date === holiday.date;
    if (removal.monthDay !== undefined) return removal.monthDay === holiday.date.slice(5);
    return removal.name !== undefined && removal.name.toLowerCase() === holiday.name.toLowerCase();
}

/** The days off of a set in one year: its public holidays minus the removed ones. */
export function holidaySetDays(set: HolidaySet, year: number): PublicHoliday[] {
    const removed = set.removed ?? [];
    return publicHolidays(set.region, year).filter(holiday => !removed.some(removal => removes(removal, holiday)));
}
