/**
 * IANA time zones through the platform's Intl data (never fixed offsets).
 *
 * Speed matters: `localToInstant` runs once per naive timestamp of a data file
 * (10M rows), and `Intl.DateTimeFormat#formatToParts` costs microseconds per call.
 * So the UTC offset is looked up per zone per UTC hour bucket and cached: a bucket
 * is probed once at its first and last millisecond; if both offsets agree the whole
 * hour has that offset (zones do not change offset twice within an hour), otherwise
 * the exact transition instant is found once by bisection and stored. After warm-up
 * a lookup is one Map access (or none: the last bucket is remembered, and data is
 * usually close to time order). Likewise `localToInstant` remembers the last local
 * hour found to lie away from any transition, so naive timestamps of sorted data
 * convert with one comparison and one subtraction.
 */
import {
    MS_PER_DAY,
    MS_PER_HOUR,
    MS_PER_MINUTE,
    civilFromDays,
    formatCivilDate,
    pad,
    wallClockMs,
    weekdayFromDays
} from './civil.js';
import { isValidTimeZone } from './zone-names.js';

/** An hour bucket containing an offset transition. */
interface Transition {
    at: number;
    before: number;
    after: number;
}

interface ZoneData {
    formatter: Intl.DateTimeFormat;
    /** offset in ms for uniform buckets, or the transition inside the bucket */
    buckets: Map<number, number | Transition>;
    /**
     * The two uniform buckets asked last and their offsets (a ticket's working time asks for the
     * offsets of its opening and its answer, hours apart, in turn: one entry would miss each time)
     */
    lastBucket: number;
    lastOffset: number;
    otherBucket: number;
    otherOffset: number;
    /** a local (wall-clock) hour bucket known to lie away from any transition, and its offset */
    lastLocalBucket: number;
    lastLocalOffset: number;
}

const zones = new Map<string, ZoneData>();

function zoneData(zone: string): ZoneData {
    let data = zones.get(zone);
    if (data === undefined) {
        if (!isValidTimeZone(zone)) throw new RangeError(`unknown IANA time zone "${zone}"`);
        const formatter = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        data = { formatter, buckets: new Map(), lastBucket: NaN, lastOffset: 0, otherBucket: NaN, otherOffset: 0, lastLocalBucket: NaN, lastLocalOffset: 0 };
        zones.set(zone, data);
    }
    return data;
}

/** The offset (ms, local − UTC) at instant t, asked from Intl directly (slow). */
function intlOffset(data: ZoneData, t: number): number {
    const wholeSeconds = Math.floor(t / 1000) * 1000;
    let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    for (const part of data.formatter.formatToParts(wholeSeconds)) {
        switch (part.type) {
            case 'year': year = Number(part.value); break;
            case 'month': month = Number(part.value); break;
            case 'day': day = Number(part.value); break;
            case 'hour': hour = Number(part.value); break;
            case 'minute': minute = Number(part.value); break;
            case 'second': second = Number(part.value); break;
        }
    }
    return wallClockMs(year, month, day, hour, minute, second) - wholeSeconds;
}

function bucketEntry(data: ZoneData, bucket: number): number | Transition {
    const start = bucket * MS_PER_HOUR;
    const before = intlOffset(data, start);
    const after = intlOffset(data, start + MS_PER_HOUR - 1);
    if (before === after) return before;
    // Bisect to the first millisecond with the new offset (Intl resolves whole seconds).
    let lo = start;
    let hi = start + MS_PER_HOUR - 1;
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(data, mid) === before) lo = mid;
        else hi = mid;
    }
    return { at: hi, before, after };
}

function offsetMs(data: ZoneData, t: number): number {
    const bucket = Math.floor(t / MS_PER_HOUR);
    if (bucket === data.lastBucket) return data.lastOffset;
    let entry: number | Transition | undefined = bucket === data.otherBucket ? data.otherOffset : data.buckets.get(bucket);
    if (entry === undefined) {
        entry = bucketEntry(data, bucket);
        data.buckets.set(bucket, entry);
    }
    if (typeof entry === 'number') {
        data.otherBucket = data.lastBucket;
        data.otherOffset = data.lastOffset;
        data.lastBucket = bucket;
        data.lastOffset = entry;
        return entry;
    }
    return t < entry.at ? entry.before : entry.after;
}

/** UTC offset of the zone at instant t, in minutes (east of Greenwich positive). */
export function offsetMinutes(zone: string, t: number): number {
    return offsetMs(zoneData(zone), t) / MS_PER_MINUTE;
}

/**
 * The instant of a local wall-clock time in the zone, with Temporal's `compatible`
 * disambiguation (as RFC 5545 and Python's zoneinfo): a time skipped by a DST gap
 * moves forward by the gap's length (02:30 on the spring-forward day → 03:30), a
 * repeated time (autumn) takes its earlier occurrence. Fields overflow and are
 * normalised (day 32 → the next month; minute 1440 → the next day's midnight).
 */
export function localToInstant(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
    return wallClockToInstant(zoneData(zone), wallClockMs(year, month, day, hour, minute, second, millisecond));
}

/**
 * Same as {@link localToInstant} for a wall-clock reading already expressed as
 * "milliseconds as if UTC" (see `wallClockMs`); the loaders' hot path uses this.
 */
export function wallClockMsToInstant(zone: string, wallClock: number): number {
    return wallClockToInstant(zoneData(zone), wallClock);
}

/**
 * A converter from wall-clock readings (as `wallClockMs` gives them) to instants for
 * one zone, with the zone's cache bound once: the data loaders call it per row.
 */
export function wallClockConverter(zone: string): (wallClock: number) => number {
    const data = zoneData(zone);
    return (wallClock) => wallClockToInstant(data, wallClock);
}

function wallClockToInstant(data: ZoneData, local: number): number {
    const localBucket = Math.floor(local / MS_PER_HOUR);
    if (localBucket === data.lastLocalBucket) return local - data.lastLocalOffset;
    // Offsets a day either side: zones never change offset twice within two days,
    // so equal offsets mean no transition near this wall-clock time (the usual case).
    const offsetBefore = offsetMs(data, local - MS_PER_DAY);
    const offsetAfter = offsetMs(data, local + MS_PER_DAY);
    if (offsetBefore === offsetAfter) {
        // Same test for the whole local hour: then every reading in it converts alike.
        const bucketStart = localBucket * MS_PER_HOUR;
        if (offsetMs(data, bucketStart - MS_PER_DAY) === offsetBefore && offsetMs(data, bucketStart + MS_PER_HOUR + MS_PER_DAY) === offsetBefore) {
            data.lastLocalBucket = localBucket;
            data.lastLocalOffset = offsetBefore;
        }
        return local - offsetBefore;
    }
    const early = local - offsetBefore;
    const late = local - offsetAfter;
    const earlyValid = offsetMs(data, early) === offsetBefore;
    const lateValid = offsetMs(data, late) === offsetAfter;
    if (earlyValid && lateValid) return Math.min(early, late); // repeated: earlier occurrence
    if (earlyValid) return early;
    if (lateValid) return late;
    // Skipped by a gap: read the time with the offset in force before the gap,
    // which lands the same distance past the gap's end (02:30 → 03:30).
    return local - offsetBefore;
}

export interface LocalDateTime {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
    /** ISO weekday: 1 = Monday … 7 = Sunday */
    weekday: number;
}

/** The local wall-clock reading of instant t in the zone. */
export function instantToLocal(zone: string, t: number): LocalDateTime {
    const local = t + offsetMs(zoneData(zone), t);
    const days = Math.floor(local / MS_PER_DAY);
    const { year, month, day } = civilFromDays(days);
    let rest = local - days * MS_PER_DAY;
    const hour = Math.floor(rest / MS_PER_HOUR);
    rest -= hour * MS_PER_HOUR;
    const minute = Math.floor(rest / MS_PER_MINUTE);
    rest -= minute * MS_PER_MINUTE;
    const second = Math.floor(rest / 1000);
    return { year, month, day, hour, minute, second, millisecond: rest - second * 1000, weekday: weekdayFromDays(days) };
}

/** Days since 1970-01-01 of the local calendar date of instant t in the zone. */
export function localDayNumber(zone: string, t: number): number {
    return localDayOf(zoneData(zone), t);
}

/** `localDayNumber` for one zone, its cache bound once (a working-time index asks it twice per ticket row). */
export function localDayNumberIn(zone: string): (t: number) => number {
    const data = zoneData(zone);
    return (t) => localDayOf(data, t);
}

function localDayOf(data: ZoneData, t: number): number {
    return Math.floor((t + offsetMs(data, t)) / MS_PER_DAY);
}

/** The instant at which the local date with day number `days` begins (its first existing moment). */
export function startOfLocalDay(zone: string, days: number): number {
    return wallClockToInstant(zoneData(zone), days * MS_PER_DAY);
}

/** Local time with the zone's offset, e.g. `2026-03-01T00:00:00+01:00`; milliseconds only when non-zero. */
export function formatInstant(zone: string, t: number): string {
    const l = instantToLocal(zone, t);
    const fraction = l.millisecond === 0 ? '' : `.${pad(l.millisecond, 3)}`;
    const time = `${pad(l.hour, 2)}:${pad(l.minute, 2)}:${pad(l.second, 2)}${fraction}`;
    return `${formatCivilDate(l.year, l.month, l.day)}T${time}${formatOffset(offsetMs(zoneData(zone), t))}`;
}

/** The local calendar date of t, `YYYY-MM-DD`. */
export function formatDate(zone: string, t: number): string {
    const l = instantToLocal(zone, t);
    return formatCivilDate(l.year, l.month, l.day);
}

function formatOffset(offset: number): string {
    const sign = offset < 0 ? '-' : '+';
    const totalSeconds = Math.round(Math.abs(offset) / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}${seconds === 0 ? '' : `:${pad(seconds, 2)}`}`;
}
