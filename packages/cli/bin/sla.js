#!/usr/bin/env node
// `sla` runs on Node 20 or later (the oldest Node the language server runs on). Older ones
// get one line saying what to run instead of a stack trace from deep inside a dependency.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
    process.stderr.write(`sla: needs Node.js 20 or later, and this is ${process.version}. Run it with a newer node (in a clone after npm ci: npx sla …).\n`);
    process.exit(2);
}

// The young generation capped as the language server ships (young-generation.js): a process
// started without the option starts again with it before loading anything else.
// That one start runs from the start-up snapshot when it is current (cli-bundle.js): node then
// starts with the modules loaded and the language services created (src/snapshot-entry.ts).
const youngGeneration = await import('./young-generation.js');
if (youngGeneration.needsRelaunch()) {
    const { snapshotOptions } = await import('./cli-bundle.js');
    await youngGeneration.relaunchWithYoungGenerationCap(snapshotOptions(new URL('../../', import.meta.url)));
}

// V8's compiled code of the modules is cached on disk (in the OS temp folder): a cached
// start of `sla` skips compiling the language services. Node 20 has no enableCompileCache
// (22.1+): a named import would fail to link there, so the namespace is read instead and
// `sla` starts uncached.
import * as nodeModule from 'node:module';

const cache = nodeModule.enableCompileCache?.();
// A worker thread (the scan worker of a large CSV file) does not share the main thread's
// cache: it finds the folder through the environment, which workers inherit.
if (cache?.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
// The bundle of the compiled CLI when it is current (cli-bundle.js), else the compiled modules.
const { currentBundle } = await import('./cli-bundle.js');
await import((currentBundle(new URL('../../', import.meta.url)) ?? new URL('../out/sla.js', import.meta.url)).href);
