// Bundles the compiled CLI (out/sla.js and everything it imports but the optional database
// clients) into out/bundle/sla.mjs, and writes the stamp that tells bin/sla.js the bundle is
// current (bin/cli-bundle.js). Run after tsc: `npm run build` does both.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildStamp } from './bin/cli-bundle.js';

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
rmSync(stampFile, { force: true }); // no stamp while the bundle is being replaced: bin/sla.js then loads out/
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
await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(here, 'out/sla.js')], outfile: join(folder, 'sla.mjs') }),
    // The scan worker thread, beside it (src/scan-worker-module.ts finds it there).
    esbuild.build({ ...common, entryPoints: [join(here, '../engine/out/evaluate/scan-worker.js')], outfile: join(folder, 'sla-scan-worker.mjs') })
]);
// The typed CSV reader's WebAssembly kernel, found beside the bundles (engine src/data/typed-csv-wasm.ts;
// without it both read with the JS reader).
const kernel = join(here, '../engine/out/data/typed-csv.wasm');
if (existsSync(kernel)) copyFileSync(kernel, join(folder, 'typed-csv.wasm'));
else rmSync(join(folder, 'typed-csv.wasm'), { force: true });
writeFileSync(stampFile, JSON.stringify(stamp));
