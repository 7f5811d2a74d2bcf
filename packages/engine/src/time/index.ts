export {
    MONTH_NAMES,
    MS_PER_DAY,
    MS_PER_HOUR,
    MS_PER_MINUTE,
    MS_PER_SECOND,
    type CivilDate,
    civilFromDays,
    daysFromCivil,
    daysInMonth,
    formatCivilDate,
    isLeapYear,
    parseCivilDate,
    wallClockMs,
    weekdayFromDays
} from './civil.js';
export * from './zone.js';
export * from './zone-names.js';
export * from './intervals.js';
export * from './windows.js';
export * from './calendar.js';
export * from './maintenance.js';
export * from './recurrence.js';
export * from './holidays.js';
export * from './days-off.js';
export * from './duration.js';
export * from './eligible-time.js';
export * from './paused-time.js';
export * from './maintenance-exclusion.js';
