#!/usr/bin/env node
// V8's compiled code of the modules is cached on disk (in the OS temp folder): a cached
// start of `sla` skips compiling the language services. Imported after enabling it.
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
await import('../out/sla.js');
