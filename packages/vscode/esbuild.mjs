// Bundles the extension for VS Code: four CommonJS bundles for Node.
//   src/extension.ts           -> out/extension.cjs   (the client; `vscode` is provided by the host)
//   ../language/out/main.js    -> out/server.cjs      (the Langium language server, built by tsc first)
//   ../language/out/lsp/evaluation/evaluation-worker.js -> out/evaluation-worker.cjs
//                                 (the server's evaluation thread; the server finds it beside itself)
//   src/test/index.ts          -> out/test/index.js   (in-host mocha suites; only with --tests)
//   webview/main.ts            -> out/webview.js      (the report webview, charts by the engine; browser IIFE) + out/webview.css
//   webview/portfolio.ts       -> out/portfolio.js    (the portfolio webview; browser IIFE) + out/portfolio.css
// It also copies the root TextMate grammar into ./syntaxes, where package.json points, and
// writes ./snippets/sla.json from the language package's block snippets.
// Usage: node esbuild.mjs [--tests] [--watch]
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { groupByPolyfill } from '../language/esbuild-polyfills.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const withTests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

const grammarSource = join(here, '../../syntaxes/sla.tmLanguage.json');
const serverEntry = join(here, '../language/out/main.js');
const evaluationWorkerEntry = join(here, '../language/out/lsp/evaluation/evaluation-worker.js');

mkdirSync(join(here, 'syntaxes'), { recursive: true });
copyFileSync(grammarSource, join(here, 'syntaxes/sla.tmLanguage.json'));
copyFileSync(join(here, '../../syntaxes/sla.markdown-injection.tmLanguage.json'), join(here, 'syntaxes/sla.markdown-injection.tmLanguage.json'));
// vsce packages the extension folder: the repository's licence and changelog go in with it.
copyFileSync(join(here, '../../LICENSE'), join(here, 'LICENSE'));
copyFileSync(join(here, '../../CHANGELOG.md'), join(here, 'CHANGELOG.md'));

if (!existsSync(serverEntry)) {
    console.error(`esbuild: ${relative(process.cwd(), serverEntry)} is missing: build packages/language first (npx tsc -b packages/language).`);
    process.exit(1);
}

// The contributed snippets come from the language package, which also offers them as
// completion items to other editors (packages/language/src/lsp/block-snippets.ts).
const { vscodeSnippetFile } = await import(pathToFileURL(join(here, '../language/out/lsp/block-snippets.js')).href);
mkdirSync(join(here, 'snippets'), { recursive: true });
writeFileSync(join(here, 'snippets/sla.json'), `${JSON.stringify(vscodeSnippetFile(), null, 4)}\n`);


/** Lets src/test/index.ts import every src/test/suite/*.test.ts without a hand-kept list. */
const testSuitesPlugin = {
    name: 'sla-test-suites',
    setup(build) {
        build.onResolve({ filter: /^virtual:sla-test-suites$/ }, () => ({ path: 'sla-test-suites', namespace: 'sla-test-suites' }));
        build.onLoad({ filter: /.*/, namespace: 'sla-test-suites' }, () => {
            const suiteDir = join(here, 'src/test/suite');
            const files = readdirSync(suiteDir).filter((name) => name.endsWith('.test.ts')).sort();
            return {
                contents: files.map((name) => `import ${JSON.stringify(join(suiteDir, name))};`).join('\n'),
                resolveDir: suiteDir,
                watchFiles: files.map((name) => join(suiteDir, name)),
                watchDirs: [suiteDir]
            };
        });
    }
};

const NATIVE_CLIENTS = ['@duckdb/node-api', 'pg'];

const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'info',
    // The bundles are CJS: make `import.meta.url` (if any ESM dependency uses it) point at the file.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    // Native engine clients are optional and loaded on first use (docs/connections.md): never bundled,
    // so the .vsix stays small; a Parquet or database evaluation says how to add them when missing.
    external: NATIVE_CLIENTS
};

const builds = [
    { ...common, entryPoints: { extension: join(here, 'src/extension.ts') }, outdir: join(here, 'out'), outExtension: { '.js': '.cjs' }, external: ['vscode', ...NATIVE_CLIENTS] },
    {
        ...common,
        entryPoints: { server: serverEntry },
        outdir: join(here, 'out'),
        outExtension: { '.js': '.cjs' },
        banner: { js: `${common.banner.js}\n${groupByPolyfill}` }
    },
    // The name the server looks for beside itself (packages/language/src/lsp/evaluation/evaluation-worker-module.ts).
    { ...common, entryPoints: { 'evaluation-worker': evaluationWorkerEntry }, outdir: join(here, 'out'), outExtension: { '.js': '.cjs' } }
];
// The report webview's script (with the engine's chart renderer) runs in the browser sandbox of a webview:
// an IIFE for browsers that imports nothing of Node; its stylesheet is copied next to it.
builds.push({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    minify: true,
    logLevel: 'info',
    // The portfolio webview's script (webview/portfolio.ts) likewise, with the same rules.
    entryPoints: { webview: join(here, 'webview/main.ts'), portfolio: join(here, 'webview/portfolio.ts') },
    outdir: join(here, 'out')
});
mkdirSync(join(here, 'out'), { recursive: true });
copyFileSync(join(here, 'webview/report.css'), join(here, 'out/webview.css'));
copyFileSync(join(here, 'webview/portfolio.css'), join(here, 'out/portfolio.css'));
// The typed CSV reader's WebAssembly kernel, beside the server and its evaluation worker (engine
// src/data/typed-csv-wasm.ts finds it there; without it they read CSV with the JS reader).
const typedCsvKernel = join(here, '../engine/out/data/typed-csv.wasm');
if (existsSync(typedCsvKernel)) copyFileSync(typedCsvKernel, join(here, 'out/typed-csv.wasm'));

if (withTests) {
    builds.push({
        ...common,
        entryPoints: { index: join(here, 'src/test/index.ts') },
        outdir: join(here, 'out/test'),
        // mocha loads its reporters and interfaces by name at run time: resolve it from node_modules.
        external: ['vscode', 'mocha', ...NATIVE_CLIENTS],
        plugins: [testSuitesPlugin]
    });
}

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map((options) => esbuild.build(options)));
}
if (withTests) {
    // Node would read out/test/index.js as ESM under this package's "type": "module".
    mkdirSync(join(here, 'out/test'), { recursive: true });
    writeFileSync(join(here, 'out/test/package.json'), '{ "type": "commonjs" }\n');
}
