export * from './model.js';
export * from './evaluate/index.js';
export * from './report/index.js';
export * from './time/index.js';
export * from './data/index.js';
export { editDistance } from './text/edit-distance.js';
export * from './sql/index.js';
