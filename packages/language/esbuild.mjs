// Bundles the language server into a CommonJS file that any LSP client can start:
//   node out/bundle/sla-language-server.cjs --stdio        (Neovim, Emacs, Helix, tests)
//   node out/bundle/sla-language-server.cjs --node-ipc     (VS Code's client)
// and, beside it, evaluation-worker.cjs: the thread that runs `sla.evaluate` (the server
// finds it next to itself, see src/lsp/evaluation/evaluation-worker-module.ts).
// Built from the TypeScript sources, so it does not wait for tsc.
// Usage: node esbuild.mjs [--watch] [--outfile PATH]   (tests bundle into their own folder)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupByPolyfill } from './esbuild-polyfills.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// esbuild is a dependency of packages/vscode (which bundles the same entry); not of this package.
const require = createRequire(import.meta.url);
const esbuild = (() => {
    try {
        return require('esbuild');
    } catch {
        return createRequire(join(here, '../vscode/package.json'))('esbuild');
    }
})();


const outfile = process.argv.includes('--outfile') ? process.argv[process.argv.indexOf('--outfile') + 1] : join(here, 'out/bundle/sla-language-server.cjs');
const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // Native database clients are optional and loaded on first use (docs/connections.md): never bundled.
    external: ['@duckdb/node-api', 'pg'],
    // The bundles are CJS: make `import.meta.url` (if any ESM source uses it) point at the file.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
};
const builds = [
    { ...common, entryPoints: [join(here, 'src/main.ts')], outfile, banner: { js: `${common.banner.js}\n${groupByPolyfill}` } },
    // The name the server looks for (src/lsp/evaluation/evaluation-worker-module.ts).
    { ...common, entryPoints: [join(here, 'src/lsp/evaluation/evaluation-worker.ts')], outfile: join(dirname(outfile), 'evaluation-worker.cjs') }
];

if (process.argv.includes('--watch')) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
}
