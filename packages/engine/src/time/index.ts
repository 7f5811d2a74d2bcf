export * from './civil.js';
export * from './zone.js';
export * from './intervals.js';
export * from './windows.js';
export * from './calendar.js';
export * from './maintenance.js';
export * from './duration.js';
