/**
 * Working-hours calendars ("business hours"): which local hours of which weekdays
 * count, minus whole-day holidays. Intervals are built per local day from
 * `localToInstant` of each end, so a local 08:00–18:00 on a DST day is the real
 * elapsed time between those two wall-clock readings.
 */
import { civilFromDays, formatCivilDate, weekdayFromDays } from './civil.js';
import { type Interval, clipIntervals, mergeIntervals } from './intervals.js';
import { localDayNumber, localToInstant } from './zone.js';

export interface WorkingCalendar {
    zone: string;
    rules: { weekdays: number[] /* 1 = Monday … 7 = Sunday */; startMinute: number; endMinute: number /* up to 1440 */ }[];
    /** local dates 'YYYY-MM-DD' excluded entirely */
    holidays: string[];
}

/** Working time of one local day. */
interface WorkingDay {
    /** sorted, merged, all inside the local day */
    intervals: Interval[];
    /** working ms of all earlier days since the index's base day */
    before: number;
    total: number;
}

/**
 * Cumulative working time per local day, so that the working time between two
 * instants is a difference of two prefix sums: O(1) per ticket row after warm-up,
 * whatever the distance between the two instants.
 */
class WorkingTimeIndex {
    private readonly holidays: Set<string>;
    private base = 0;
    private days: WorkingDay[] = [];

    constructor(private readonly calendar: WorkingCalendar) {
        this.holidays = new Set(calendar.holidays);
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
        if (this.holidays.size > 0 && this.holidays.has(formatCivilDate(year, month, day))) return [];
        const intervals: Interval[] = [];
        for (const rule of this.calendar.rules) {
            if (!rule.weekdays.includes(weekday)) continue;
            intervals.push([
                localToInstant(this.calendar.zone, year, month, day, 0, rule.startMinute),
                localToInstant(this.calendar.zone, year, month, day, 0, rule.endMinute)
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
            let before = this.days.length === 0 ? 0 : this.days[this.days.length - 1]!.before + this.days[this.days.length - 1]!.total;
            for (const d of old) {
                this.days.push({ intervals: d.intervals, before, total: d.total });
                before += d.total;
            }
        } else if (dayNumber >= this.base + this.days.length) {
            this.extendTo(dayNumber + 366);
        }
        return this.days[dayNumber - this.base]!;
    }

    private extendTo(lastDayNumber: number): void {
        const previous = this.days[this.days.length - 1];
        let before = previous === undefined ? 0 : previous.before + previous.total;
        for (let n = this.base + this.days.length; n <= lastDayNumber; n++) {
            const intervals = this.intervalsOfDay(n);
            let total = 0;
            for (const [s, e] of intervals) total += e - s;
            this.days.push({ intervals, before, total });
            before += total;
        }
    }

    /** Working ms from the base day's start up to instant t. */
    cumulative(t: number): number {
        const day = this.day(localDayNumber(this.calendar.zone, t));
        let sum = day.before;
        for (const [s, e] of day.intervals) {
            if (t <= s) break;
            sum += Math.min(e, t) - s;
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
    if (!(to > from)) return 0;
    const index = indexFor(calendar);
    return index.cumulative(to) - index.cumulative(from);
}
