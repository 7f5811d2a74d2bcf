/**
 * Working-hours calendars ("business hours"): which local hours of which weekdays
 * count, minus days off and the rest of half days (days-off.ts). Intervals are built per local day from
 * `localToInstant` of each end, so a local 08:00–18:00 on a DST day is the real
 * elapsed time between those two wall-clock readings.
 */
import { civilFromDays, weekdayFromDays } from './civil.js';
import { DayClosures, type DaysOff } from './days-off.js';
import { type Interval, clipIntervals, mergeIntervals } from './intervals.js';
import { forEachPauseWithin, type PauseList } from './paused-time.js';
import { localDayNumber, localDayNumberIn, localToInstant } from './zone.js';

export interface WorkingCalendar extends DaysOff {
    zone: string;
    rules: { weekdays: number[] /* 1 = Monday … 7 = Sunday */; startMinute: number; endMinute: number /* up to 1440 */ }[];
}

/** A place on the business-day clock: `days + worked / total` business days since an origin. */
interface BusinessDayPosition {
    days: number;
    worked: number;
    total: number;
}

/** Working time of one local day. */
interface WorkingDay {
    /** sorted, merged, all inside the local day */
    intervals: Interval[];
    /** working ms of all earlier days since the index's base day */
    before: number;
    total: number;
    /** earlier days since the base day with any working time: the business-day clock */
    workingDaysBefore: number;
}

/**
 * Cumulative working time per local day, so that the working time between two
 * instants is a difference of two prefix sums: O(1) per ticket row after warm-up,
 * whatever the distance between the two instants.
 */
class WorkingTimeIndex {
    private readonly closures: DayClosures;
    private base = 0;
    private days: WorkingDay[] = [];
    /** the local day number of an instant in the calendar's zone */
    private readonly dayNumber: (t: number) => number;

    constructor(private readonly calendar: WorkingCalendar) {
        this.closures = new DayClosures(calendar);
        this.dayNumber = localDayNumberIn(calendar.zone);
        for (const rule of calendar.rules) {
            if (!(rule.startMinute >= 0 && rule.startMinute < rule.endMinute && rule.endMinute <= 1440)) {
                throw new RangeError(`working hours must satisfy 0 <= start < end <= 1440 minutes, got ${rule.startMinute}–${rule.endMinute}`);
            }
        }
    }

    /** The working intervals of the local day with this day number (not cached). */
    intervalsOfDay(dayNumber: number): Interval[] {
        const weekday = weekdayFromDays(dayNumber);
        const { year, month, day } = civilFromDays(dayNumber);
        const closesAt = this.closures.closesAt(year, month, day);
        if (closesAt === 0) return [];
        const intervals: Interval[] = [];
        for (const rule of this.calendar.rules) {
            if (!rule.weekdays.includes(weekday)) continue;
            // A half day (`from 12:00`) cuts the day's ranges at that local time.
            const endMinute = Math.min(rule.endMinute, closesAt ?? 1440);
            if (endMinute <= rule.startMinute) continue;
            intervals.push([
                localToInstant(this.calendar.zone, year, month, day, 0, rule.startMinute),
                localToInstant(this.calendar.zone, year, month, day, 0, endMinute)
            ]);
        }
        return mergeIntervals(intervals);
    }

    private day(dayNumber: number): WorkingDay {
        if (this.days.length === 0) {
            this.base = dayNumber - 366; // room for rows a little earlier than the first one
            this.extendTo(dayNumber + 366);
        } else if (dayNumber < this.base) {
            const newBase = dayNumber - 366;
            const old = this.days;
            this.days = [];
            const oldBase = this.base;
            this.base = newBase;
            this.extendTo(oldBase - 1);
            const last = this.days[this.days.length - 1];
            let before = last === undefined ? 0 : last.before + last.total;
            let workingDaysBefore = last === undefined ? 0 : last.workingDaysBefore + (last.total > 0 ? 1 : 0);
            for (const d of old) {
                this.days.push({ intervals: d.intervals, before, total: d.total, workingDaysBefore });
                before += d.total;
                if (d.total > 0) workingDaysBefore++;
            }
        } else if (dayNumber >= this.base + this.days.length) {
            this.extendTo(dayNumber + 366);
        }
        return this.days[dayNumber - this.base]!;
    }

    private extendTo(lastDayNumber: number): void {
        const previous = this.days[this.days.length - 1];
        let before = previous === undefined ? 0 : previous.before + previous.total;
        let workingDaysBefore = previous === undefined ? 0 : previous.workingDaysBefore + (previous.total > 0 ? 1 : 0);
        for (let n = this.base + this.days.length; n <= lastDayNumber; n++) {
            const intervals = this.intervalsOfDay(n);
            let total = 0;
            for (const [s, e] of intervals) total += e - s;
            this.days.push({ intervals, before, total, workingDaysBefore });
            before += total;
            if (total > 0) workingDaysBefore++;
        }
    }

    /**
     * Where t stands on the business-day clock, written into `into`: `days` working days since
     * the base day before t's local day, plus `worked` of that day's `total` working ms (a day
     * without working time: 0 of 1). The clock is continuous: the end of a working day and the
     * start of the next are the same position. (Written into the caller's object: a comparison
     * of every row of a pass made two objects a row.)
     */
    placeOnClock(t: number, into: BusinessDayPosition): void {
        const day = this.day(this.dayNumber(t));
        into.days = day.workingDaysBefore;
        if (day.total === 0) {
            into.worked = 0;
            into.total = 1;
            return;
        }
        let worked = 0;
        const intervals = day.intervals;
        for (let i = 0; i < intervals.length; i++) {
            const interval = intervals[i]!;
            const s = interval[0];
            if (t <= s) break;
            worked += Math.min(interval[1], t) - s;
        }
        into.worked = worked;
        into.total = day.total;
    }

    /** Working ms from the base day's start up to instant t. */
    cumulative(t: number): number {
        const day = this.day(this.dayNumber(t));
        let sum = day.before;
        const intervals = day.intervals;
        for (let i = 0; i < intervals.length; i++) {
            const interval = intervals[i]!;
            const s = interval[0];
            if (t <= s) break;
            sum += Math.min(interval[1], t) - s;
        }
        return sum;
    }
}

const indexes = new WeakMap<WorkingCalendar, WorkingTimeIndex>();
const indexesBySignature = new Map<string, WorkingTimeIndex>();

function indexFor(calendar: WorkingCalendar): WorkingTimeIndex {
    let index = indexes.get(calendar);
    if (index === undefined) {
        // An equal calendar rebuilt as a new object shares the index.
        const signature = JSON.stringify(calendar);
        index = indexesBySignature.get(signature);
        if (index === undefined) {
            index = new WorkingTimeIndex(calendar);
            indexesBySignature.set(signature, index);
        }
        indexes.set(calendar, index);
    }
    return index;
}

/** The calendar's working time inside `[from, to)`: sorted, merged intervals of real elapsed time. */
export function workingIntervals(calendar: WorkingCalendar, from: number, to: number): Interval[] {
    if (!(to > from)) return [];
    const index = indexFor(calendar);
    const first = localDayNumber(calendar.zone, from);
    const last = localDayNumber(calendar.zone, to);
    const intervals: Interval[] = [];
    for (let n = first; n <= last; n++) intervals.push(...index.intervalsOfDay(n));
    return clipIntervals(intervals, from, to);
}

/** Milliseconds of working time inside `[from, to)` (0 when to <= from). Fast: prefix sums per local day. */
export function workingDuration(calendar: WorkingCalendar, from: number, to: number): number {
    return durationIn(indexFor(calendar), from, to);
}

/**
 * `workingDuration` of one calendar, its index found once: for a pass that measures every row
 * (the calendar's index and zone looked up per call were a third of the time of a call).
 */
export function workingDurationIn(calendar: WorkingCalendar): (from: number, to: number) => number {
    const index = indexFor(calendar);
    return (from, to) => durationIn(index, from, to);
}

function durationIn(index: WorkingTimeIndex, from: number, to: number): number {
    if (!(to > from)) return 0;
    // The earlier instant first: reaching a day before the index's base re-bases the sums.
    const start = index.cumulative(from);
    return index.cumulative(to) - start;
}

/**
 * Business days from `from` to `to` (negative when to < from): whole working days
 * crossed, plus the fraction of working time of the first and last day. A ticket opened
 * on Monday at 15:00 and resolved on Wednesday at 15:00 (hours 08:00–18:00) took 2
 * business days; one opened on Friday at 15:00 and resolved on Tuesday at 15:00 too.
 * With working days of different lengths each day counts 1 whatever its hours: from
 * Thursday 13:00 (half of 08:00–18:00) to Friday 11:00 (half of 08:00–14:00) is 1.
 * A floating-point value for aggregates and reports; comparisons use compareBusinessDays.
 */
export function businessDaysBetween(calendar: WorkingCalendar, from: number, to: number): number {
    placeBoth(indexFor(calendar), from, to);
    return approximateDays(first, second);
}

/**
 * The sign of businessDaysBetween(from, to) − days, exactly: a ticket of exactly 2
 * business days meets `<= 2 business days` whatever the day lengths (in floating point
 * 0.7 − 0.2 is 0.49999999999999994). `days` is the number as written (`1.5`).
 */
export function compareBusinessDays(calendar: WorkingCalendar, from: number, to: number, days: number): -1 | 0 | 1 {
    return compareOnClock(indexFor(calendar), from, to, days, decimalFraction(days));
}

/**
 * compareBusinessDays of one calendar and one limit, both bound once: for a pass that compares
 * every row (the calendar's index looked up, the limit's decimal read from its text and the
 * products taken in BigInt on every call made such a row four times as slow as its working time).
 */
export function businessDayComparisonIn(calendar: WorkingCalendar, days: number): (from: number, to: number) => -1 | 0 | 1 {
    const index = indexFor(calendar);
    const limit = decimalFraction(days);
    return (from, to) => compareOnClock(index, from, to, days, limit);
}

/**
 * Business days from `from` to `to` with the item's pauses excluded (`elapsed(…) during C excluding
 * pauses(…)` in business days): the business days of `[from, to)` less those of every pause clipped
 * to it, the pauses merged and clipped as timeOutsidePauses does for hours (time/paused-time.ts).
 * The measure is additive, position(b) − position(a), so this is exact in itself; the floating-point
 * value is for aggregates and reports, comparisons use pausedBusinessDayComparisonIn. Without a
 * pause inside, or with `to` before `from` (no pause counted, as for hours), businessDaysBetween.
 */
export function pausedBusinessDaysIn(calendar: WorkingCalendar): (from: number, to: number, pauses: PauseList | undefined) => number {
    const index = indexFor(calendar);
    return (from, to, pauses) => {
        tallyOutsidePauses(index, from, to, pauses);
        return tally.approx;
    };
}

/**
 * The sign of pausedBusinessDaysIn(from, to, pauses) − days, exactly, of one calendar and one
 * limit (as businessDayComparisonIn): a ticket of exactly 2 business days once its pauses are
 * taken off meets `<= 2 business days`, whatever the lengths of the days its ends and its pauses'
 * ends fall on.
 */
export function pausedBusinessDayComparisonIn(calendar: WorkingCalendar, days: number): (from: number, to: number, pauses: PauseList | undefined) => -1 | 0 | 1 {
    const index = indexFor(calendar);
    const limit = decimalFraction(days);
    return (from, to, pauses) => {
        if (pauses === undefined || pauses.length === 0 || !(to > from)) return compareOnClock(index, from, to, days, limit);
        tallyOutsidePauses(index, from, to, pauses);
        return compareTally(days, limit);
    };
}

/**
 * Business days as a signed sum of spans on the business-day clock: + the item's `[from, to)`,
 * − each of its pauses inside it. Each span is pos(end) − pos(start) = (Db − Da) + wb/Tb − wa/Ta
 * (placeBoth places the two ends of one span on one scale). Kept as whole days plus the shares
 * `± worked/total` of every end, for the exact comparison; one object reused for every row.
 */
const tally = {
    index: undefined as WorkingTimeIndex | undefined,
    /** Σ ±(Db − Da): whole working days */
    days: 0,
    /** Σ |Db − Da| and the number of spans: the bound of the floating-point error */
    absoluteDays: 0,
    spans: 0,
    /** the sum in floating point */
    approx: 0,
    /** flat [sign, worked, total, …] of every end of every span (`shareCount` of them) */
    shares: [] as number[],
    shareCount: 0,
    /** every `worked` is a whole number of ms (else the exact sum is not attempted) */
    integral: true
};

function tallyOutsidePauses(index: WorkingTimeIndex, from: number, to: number, pauses: PauseList | undefined): void {
    tally.index = index;
    tally.days = 0;
    tally.absoluteDays = 0;
    tally.spans = 0;
    tally.approx = 0;
    tally.shareCount = 0;
    tally.integral = true;
    addSpan(from, to, 1);
    forEachPauseWithin(from, to, pauses, subtractPause);
}

function subtractPause(start: number, end: number): void {
    addSpan(start, end, -1);
}

function addSpan(from: number, to: number, sign: 1 | -1): void {
    placeBoth(tally.index!, from, to);
    const a = first;
    const b = second;
    const whole = b.days - a.days;
    tally.days += sign * whole;
    tally.absoluteDays += Math.abs(whole);
    tally.spans++;
    tally.approx += sign * approximateDays(a, b);
    if (!Number.isInteger(a.worked) || !Number.isInteger(b.worked)) tally.integral = false;
    const shares = tally.shares;
    let k = 3 * tally.shareCount;
    shares[k++] = sign;
    shares[k++] = b.worked;
    shares[k++] = b.total;
    shares[k++] = -sign;
    shares[k++] = a.worked;
    shares[k] = a.total;
    tally.shareCount += 2;
}

/**
 * The sign of the tally − days. In floating point when far from the limit: each span's value is
 * off by at most (|Db − Da| + 4) · 2^-53 and each of the sums by its magnitude times 2^-53, so
 * beyond a margin thousands of times their total the sign is the exact one. Within it, exactly:
 * D + Σ ±w/T − n/S with the shares of equal day lengths T summed first, all over their least
 * common multiple, in BigInt.
 */
function compareTally(days: number, limit: { numerator: bigint; scale: bigint } | undefined): -1 | 0 | 1 {
    const difference = tally.approx - days;
    if (limit === undefined || !tally.integral) return Math.sign(difference) as -1 | 0 | 1;
    const margin = (tally.absoluteDays + Math.abs(days) + 4 * tally.spans + 2) * (tally.spans + 2) * 2 ** -40;
    if (difference > margin) return 1;
    if (difference < -margin) return -1;
    const byTotal = new Map<number, bigint>();
    const shares = tally.shares;
    for (let i = 0; i < tally.shareCount; i++) {
        const worked = shares[3 * i + 1]!;
        if (worked === 0) continue;
        const total = shares[3 * i + 2]!;
        byTotal.set(total, (byTotal.get(total) ?? 0n) + BigInt(shares[3 * i]! * worked));
    }
    let common = 1n;
    for (const total of byTotal.keys()) common = leastCommonMultiple(common, BigInt(total));
    const S = limit.scale;
    let exact = (BigInt(tally.days) * S - limit.numerator) * common;
    for (const [total, worked] of byTotal) exact += worked * (common / BigInt(total)) * S;
    return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

function leastCommonMultiple(a: bigint, b: bigint): bigint {
    let x = a;
    let y = b;
    while (y !== 0n) [x, y] = [y, x % y];
    return (a / x) * b;
}

/** The positions of the two instants of a business-day count (the one of `from` in `first`): see placeBoth. */
const first: BusinessDayPosition = { days: 0, worked: 0, total: 1 };
const second: BusinessDayPosition = { days: 0, worked: 0, total: 1 };

/** Both positions on one scale: the earlier instant first, since reaching a day before the base re-bases the counts. */
function placeBoth(index: WorkingTimeIndex, from: number, to: number): void {
    if (from <= to) {
        index.placeOnClock(from, first);
        index.placeOnClock(to, second);
    } else {
        index.placeOnClock(to, second);
        index.placeOnClock(from, first);
    }
}

/** Business days from position a to position b, in floating point. */
function approximateDays(a: BusinessDayPosition, b: BusinessDayPosition): number {
    return b.days - a.days + (b.worked / b.total - a.worked / a.total);
}

function compareOnClock(index: WorkingTimeIndex, from: number, to: number, days: number, limit: { numerator: bigint; scale: bigint } | undefined): -1 | 0 | 1 {
    placeBoth(index, from, to);
    const a = first;
    const b = second;
    const difference = approximateDays(a, b) - days;
    if (limit === undefined || !Number.isInteger(a.worked) || !Number.isInteger(b.worked)) return Math.sign(difference) as -1 | 0 | 1;
    // The floating-point difference is off the exact one by at most (|Db − Da| + |days| + 2) · 2^-52
    // (each division, sum and the limit's own double rounded once): beyond a margin 4,096 times that,
    // its sign is the exact one. Within it (a ticket of about exactly the limit), exactly:
    const margin = (Math.abs(b.days - a.days) + Math.abs(days) + 2) * 2 ** -40;
    if (difference > margin) return 1;
    if (difference < -margin) return -1;
    // (Db − Da) + wb/Tb − wa/Ta − n/S, times the positive S·Ta·Tb.
    const S = limit.scale;
    const Ta = BigInt(a.total);
    const Tb = BigInt(b.total);
    const exact = (BigInt(b.days - a.days) * S - limit.numerator) * Ta * Tb + BigInt(b.worked) * Ta * S - BigInt(a.worked) * Tb * S;
    return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

/** A written decimal (`1.5`) as numerator / 10^k, from its shortest text; undefined for exponents. */
function decimalFraction(value: number): { numerator: bigint; scale: bigint } | undefined {
    const text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
    const [, fraction = ''] = text.split('.');
    return { numerator: BigInt(text.replace('.', '')), scale: 10n ** BigInt(fraction.length) };
}
