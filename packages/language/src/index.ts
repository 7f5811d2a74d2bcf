export * from './generated/ast.js';
export { SlaLanguageMetaData } from './generated/module.js';
export * from './sla-module.js';
export * from './types/sla-type.js';
export * from './types/type-computer.js';
export * from './types/units.js';
export * from './workspace/imports.js';
export * from './explain/index.js';
export * from './validation/index.js';
