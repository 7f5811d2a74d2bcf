// Node-only entry: file-system loading for the CLI and tests.
export * from './workspace/load-files.js';
export { SlaNodeFileSystem, SlaNodeFileSystemProvider } from './workspace/sla-node-file-system.js';
export { hasUtf8ByteOrderMark } from './workspace/source-text.js';
export * from './diff/revision-files.js';
