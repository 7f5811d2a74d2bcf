#!/usr/bin/env node
// V8's compiled code of the modules is cached on disk (in the OS temp folder): a cached
// start of `sla` skips compiling the language services. Imported after enabling it.
// Node 20 has no enableCompileCache (22.1+): a named import would fail to link there,
// so the module namespace is read instead and `sla` starts uncached.
import * as nodeModule from 'node:module';

nodeModule.enableCompileCache?.();
await import('../out/sla.js');
