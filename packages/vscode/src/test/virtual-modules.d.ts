// Provided by the esbuild plugin in esbuild.mjs: imports every src/test/suite/*.test.ts.
declare module 'virtual:sla-test-suites';
