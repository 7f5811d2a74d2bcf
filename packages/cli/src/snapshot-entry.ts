/**
 * The entry of the CLI's start-up snapshot (out/bundle/sla.blob, made by esbuild.mjs; docs/cli.md,
 * "How sla starts"). Bundled as one CommonJS script (out/bundle/sla-snapshot.cjs) and run once by
 * `node --build-snapshot`: it loads every module `sla` uses and creates the language services with
 * their parser built (Chevrotain's lookahead), and V8 saves that heap. bin/sla.js starts node with
 * `--snapshot-blob` and bin/snapshot-main.cjs when the blob is current; node deserialises the heap
 * and that script calls the function this entry leaves on globalThis.
 *
 * Not through node:v8's setDeserializeMainFunction: a snapshot that loaded node:v8 (or node:net,
 * node:child_process, node:worker_threads) crashes every worker thread started from it (Node 24:
 * "Assertion failed: shutdown_wrap_template_.IsEmpty()"), and `sla evaluate` reads large files
 * with a scan worker. esbuild.mjs defers those modules until first used, at run time.
 *
 * What must not be in the heap happens at run time: the environment and the command line (read
 * then, not at loading), the scan worker (started by `sla evaluate`), the WebAssembly kernel
 * (compiled on first use), Intl formatters (created on first use), streams. The bundle has no
 * `import.meta.url`: esbuild.mjs replaces it with the bundle's URL, set by the main function.
 */
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import { pathToFileURL } from 'node:url';
import '@sla/engine';
import { createSlaServices } from '@sla/language';
import { SlaNodeFileSystem } from '@sla/language/node';
import { runCli } from './cli.js';
import { prepareSlaServices } from './sla-services.js';

/** Services with their parser and lexer built: the part of creating them that costs (≈ 80–100 ms). */
function createServices() {
    const services = createSlaServices(SlaNodeFileSystem).Sla;
    void services.parser.LangiumParser;
    void services.parser.Lexer;
    void services.validation.DocumentValidator;
    void services.shared.workspace.DocumentBuilder;
    return services;
}

const services = createServices();
const globals = globalThis as Record<string, unknown>;

/**
 * Runs `sla` in a process started from the snapshot; `script`: the path of the bundled entry
 * (out/bundle/sla-snapshot.cjs); `importModule`: import() of a script not run from the snapshot.
 */
globals.__SLA_SNAPSHOT_MAIN__ = (script: string, importModule: (specifier: string) => Promise<unknown>): Promise<void> => {
    // The bundle's stand-ins for import.meta.url, `require` and import() (esbuild.mjs).
    globals.__SLA_BUNDLE_URL__ = pathToFileURL(script).href;
    globals.__SLA_REQUIRE__ = createRequire(script);
    globals.__SLA_IMPORT__ = importModule;
    // As bin/sla.js: compiled code cached on disk, and the folder passed on to workers.
    const cache = nodeModule.enableCompileCache?.();
    if (cache?.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined) process.env.NODE_COMPILE_CACHE = cache.directory;
    prepareSlaServices(services);
    return runCli(process.argv);
};
