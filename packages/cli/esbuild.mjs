// Bundles the compiled CLI (out/sla.js and everything it imports but the optional database
// clients) into out/bundle/sla.mjs, and writes the stamp that tells bin/sla.js the bundle is
// current (bin/cli-bundle.js). Run after tsc: `npm run build` does both.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildStamp, SNAPSHOT_BLOB, SNAPSHOT_SCRIPT, SNAPSHOT_STAMP } from './bin/cli-bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = pathToFileURL(join(here, '..') + '/');
// esbuild is a dependency of packages/vscode (which bundles the extension); not of this package.
const esbuild = (() => {
    for (const from of [import.meta.url, join(here, '../vscode/package.json')]) {
        try {
            return createRequire(from)('esbuild');
        } catch {
            // next
        }
    }
    return undefined;
})();

const folder = join(here, 'out/bundle');
const stampFile = join(folder, 'stamp.json');
const snapshotStampFile = join(folder, SNAPSHOT_STAMP);
// No stamps while the bundle and the blob are being replaced: bin/sla.js then loads out/.
rmSync(stampFile, { force: true });
rmSync(snapshotStampFile, { force: true });
if (esbuild === undefined) {
    // Without esbuild (installed with packages/vscode) `sla` runs from the compiled modules, a little slower to start.
    console.warn('packages/cli/esbuild.mjs: esbuild is not installed: the CLI is not bundled (sla loads out/ instead)');
    process.exit(0);
}
const stamp = buildStamp(packagesDir);
if (stamp === undefined) throw new Error('esbuild.mjs: run tsc -b first (a tsconfig.tsbuildinfo is missing)');
mkdirSync(folder, { recursive: true });
const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // Native database clients are optional and loaded on first use (docs/connections.md): never bundled.
    // Nor date-holidays (with moment-timezone and astronomia, 2.5 MB of the 5.7 MB bundle and of
    // the worker's 2.8 MB): it is loaded on first use (engine time/holidays.ts) from node_modules,
    // and every start that needs no holidays compiled it for nothing (≈ 15 ms of CPU on each thread).
    external: ['@duckdb/node-api', 'pg', 'date-holidays'],
    // CommonJS dependencies bundled into ESM call `require` (of Node's own modules, and date-holidays on first use).
    banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" }
};
/**
 * The `require` of the snapshot bundle: the builder's while the snapshot is made, except for the
 * modules a snapshot must not have loaded (a worker started from it crashes, see
 * src/snapshot-entry.ts), which are loaded on first use; at run time the bundle's own
 * (`globalThis.__SLA_REQUIRE__`, set by the main function). Its text goes into the bundle.
 */
function deferringRequire(builderRequire) {
    const deferred = new Set(['node:child_process', 'child_process', 'node:net', 'net', 'node:v8', 'v8', 'node:worker_threads', 'worker_threads']);
    const load = (id) => (globalThis.__SLA_REQUIRE__ ?? builderRequire)(id);
    return (id) => {
        if (globalThis.__SLA_REQUIRE__ !== undefined || !deferred.has(id)) return load(id);
        let loaded;
        return new Proxy({}, { get: (_, key) => (loaded ??= load(id))[key] });
    };
}

await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(here, 'out/sla.js')], outfile: join(folder, 'sla.mjs') }),
    // The scan worker thread, beside it (src/scan-worker-module.ts finds it there).
    esbuild.build({ ...common, entryPoints: [join(here, '../engine/out/evaluate/scan-worker.js')], outfile: join(folder, 'sla-scan-worker.mjs') }),
    // The entry of the start-up snapshot (src/snapshot-entry.ts): one CommonJS script, as
    // `node --build-snapshot` wants. It has no import.meta.url: the bundle's URL, set by its main
    // function at run time, stands for it; and its `require` is the snapshot builder's (Node's own
    // modules only) until the main function sets one for the bundle's folder (date-holidays).
    esbuild.build({
        ...common,
        format: 'cjs',
        entryPoints: [join(here, 'out/snapshot-entry.js')],
        outfile: join(folder, SNAPSHOT_SCRIPT),
        // The holiday library stays out (loaded from node_modules on first use) as in the other
        // bundles: loaded into the snapshot it saved ≈ 90 ms of CPU where an agreement has
        // holidays, but its heap added 25–30 MB to the peak RSS of every `sla evaluate` (2026-12-03).
        define: { 'import.meta.url': 'globalThis.__SLA_BUNDLE_URL__' },
        // import.meta.resolve (scan-worker-module.ts) is called only when the worker bundled beside is missing.
        logOverride: { 'empty-import-meta': 'silent' },
        banner: { js: '(function (require) {' },
        footer: { js: `})(${deferringRequire.toString()}(require));` }
    })
]);
// The typed CSV reader's WebAssembly kernel, found beside the bundles (engine src/data/typed-csv-wasm.ts;
// without it both read with the JS reader).
const kernel = join(here, '../engine/out/data/typed-csv.wasm');
if (existsSync(kernel)) copyFileSync(kernel, join(folder, 'typed-csv.wasm'));
else rmSync(join(folder, 'typed-csv.wasm'), { force: true });
writeFileSync(stampFile, JSON.stringify(stamp));

// The start-up snapshot of the CLI (src/snapshot-entry.ts): made by this node, used only by it
// (bin/cli-bundle.js compares the version and the executable recorded here). Without one (it
// failed to build) `sla` starts from the bundle, as before.
const blob = join(folder, SNAPSHOT_BLOB);
rmSync(blob, { force: true });
try {
    // A dynamic import() in a script run from a snapshot fails ("A dynamic import callback was not
    // specified"): the optional database clients are imported through the function that
    // bin/snapshot-main.cjs (a script of its own) passes at run time.
    const script = join(folder, SNAPSHOT_SCRIPT);
    const text = readFileSync(script, 'utf8').replace(/(?<![\w$.])import\((?=["'])/g, 'globalThis.__SLA_IMPORT__(');
    const left = /(?<![\w$.])import\(/.exec(text);
    if (left !== null) throw new Error(`a dynamic import() the snapshot cannot run: …${text.slice(left.index - 60, left.index + 60)}…`);
    writeFileSync(script, text);
    // The variables read when a module loads (bin/cli-bundle.js starts the bundle when SLA_TRACE_BURST is set) are left out.
    const env = { ...process.env };
    delete env.SLA_TRACE_BURST;
    delete env.SLA_CSV_KERNEL;
    execFileSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(folder, SNAPSHOT_SCRIPT)], {
        cwd: folder,
        env,
        stdio: ['ignore', 'ignore', 'pipe']
    });
    writeFileSync(snapshotStampFile, JSON.stringify({ ...stamp, node: process.version, execPath: process.execPath }));
} catch (error) {
    rmSync(blob, { force: true });
    console.warn(`packages/cli/esbuild.mjs: the start-up snapshot was not made (sla starts from the bundle): ${String(error.stderr ?? error.message).trim()}`);
}
