// Node-only entry: file-system loading for the CLI and tests.
export * from './workspace/load-files.js';
export { SlaNodeFileSystem, SlaNodeFileSystemProvider } from './workspace/sla-node-file-system.js';
export * from './diff/revision-files.js';
