/** Duration units of the language and data files, and a readable rendering of durations. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * Milliseconds per duration unit. Days and weeks are fixed lengths (24 h, 7 × 24 h)
 * of elapsed time: a duration is not a calendar span (calendar windows are).
 */
export const DURATION_UNIT_MS: Record<string, number> = {
    ms: 1,
    millisecond: 1,
    milliseconds: 1,
    s: SECOND,
    second: SECOND,
    seconds: SECOND,
    minute: MINUTE,
    minutes: MINUTE,
    hour: HOUR,
    hours: HOUR,
    day: DAY,
    days: DAY,
    week: WEEK,
    weeks: WEEK
};

/** Units of the rendering, largest first. Weeks are not used: "20 d 4 h" reads easier than "2 wk 6 d". */
const DISPLAY_UNITS: [string, number][] = [
    ['d', DAY],
    ['h', HOUR],
    ['min', MINUTE],
    ['s', SECOND],
    ['ms', 1]
];

/**
 * A duration for contract readers, at most two units, the largest first:
 * `44 min 38 s`, `1 h 5 min`, `2 d 3 h`, `250 ms`, `0 s`. The value is rounded
 * (half up) to the smaller unit shown, so `1 h 5 min 40 s` reads `1 h 6 min`;
 * a zero second part is left out (`2 d`, not `2 d 0 h`). Sub-millisecond
 * fractions are rounded to whole milliseconds.
 */
export function formatDuration(ms: number): string {
    if (!Number.isFinite(ms)) return String(ms);
    if (ms < 0) return `-${formatDuration(-ms)}`;
    let rest = Math.round(ms);
    if (rest === 0) return '0 s';
    let major = DISPLAY_UNITS.findIndex(([, size]) => rest >= size);
    const minorIndex = Math.min(major + 1, DISPLAY_UNITS.length - 1);
    const minorSize = DISPLAY_UNITS[minorIndex]![1];
    rest = Math.round(rest / minorSize) * minorSize;
    // Rounding may carry into a larger unit (59 min 59.6 s → 1 h).
    major = DISPLAY_UNITS.findIndex(([, size]) => rest >= size);
    const [majorName, majorSize] = DISPLAY_UNITS[major]!;
    const majorCount = Math.floor(rest / majorSize);
    const remainder = rest - majorCount * majorSize;
    if (remainder === 0 || major === DISPLAY_UNITS.length - 1) return `${majorCount} ${majorName}`;
    const [minorName, size] = DISPLAY_UNITS[major + 1]!;
    return `${majorCount} ${majorName} ${Math.round(remainder / size)} ${minorName}`;
}
