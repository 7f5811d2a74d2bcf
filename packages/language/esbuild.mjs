// Bundles the language server into one CommonJS file that any LSP client can start:
//   node out/bundle/sla-language-server.cjs --stdio        (Neovim, Emacs, Helix, tests)
//   node out/bundle/sla-language-server.cjs --node-ipc     (VS Code's client)
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


const options = {
    entryPoints: [join(here, 'src/main.ts')],
    outfile: process.argv.includes('--outfile') ? process.argv[process.argv.indexOf('--outfile') + 1] : join(here, 'out/bundle/sla-language-server.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    banner: { js: groupByPolyfill },
    logLevel: 'warning'
};

if (process.argv.includes('--watch')) {
    const context = await esbuild.context(options);
    await context.watch();
} else {
    await esbuild.build(options);
}
