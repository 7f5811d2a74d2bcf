export * from './model.js';
export * from './evaluate/index.js';
export * from './report/index.js';
// The portfolio's Coverage cell, for the VS Code portfolio view (one home with the CLI's table).
export { portfolioCoverageText, windowStartDay } from './report/portfolio-tables.js';
export * from './time/index.js';
export * from './data/index.js';
export { editDistance } from './text/edit-distance.js';
export * from './sql/index.js';
