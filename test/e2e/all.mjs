// The whole real-VS-Code path, in order, each step timed:
//   install check -> build (language server, extension, tests, .vsix)
//   -> extension tests in the extension host -> UI tests (ui.mjs, ui-evaluate.mjs, ui-portfolio.mjs) -> .vsix test.
// Ends with the line `N passed, N failed` (every test and every step counted) and exits
// non-zero when anything failed. Usage: node test/e2e/all.mjs (npm run test:e2e)
//   [--skip-install] [--skip-build] [--only=extension,ui,ui-evaluate,ui-portfolio,vsix]   (for quicker local runs)
import { spawnSync } from 'node:child_process';
import { INSTALL_SCRIPT, REPO_ROOT, TEST_OUTPUT_DIR } from './paths.mjs';
import { printResults } from './report.mjs';
import { runExtensionTests } from './run-extension-tests.mjs';
import { runUiEvaluateTest } from './ui-evaluate.mjs';
import { runUiPortfolioTest } from './ui-portfolio.mjs';
import { runUiTest } from './ui.mjs';
import { runVsixTest } from './vsix.mjs';

const outcomes = [];
const timings = [];

function record(results) {
    printResults(results);
    outcomes.push(...results);
}

async function phase(name, body) {
    const started = Date.now();
    console.log(`\n== ${name}`);
    try {
        await body();
    } catch (error) {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        // A failed command is counted once, by run(); anything else that broke the phase counts here.
        if (!error?.alreadyCounted) outcomes.push({ title: name, state: 'failed' });
    }
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs a command in the repository root, streaming its output; throws on a non-zero exit. */
function run(title, command, args) {
    const started = Date.now();
    const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    const state = result.status === 0 ? 'passed' : 'failed';
    outcomes.push({ title, state });
    console.log(`  ${state === 'passed' ? 'ok  ' : 'FAIL'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (state === 'failed') {
        throw Object.assign(new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`), { alreadyCounted: true });
    }
}

const skipInstall = process.argv.includes('--skip-install');
const skipBuild = process.argv.includes('--skip-build');
const onlyArg = process.argv.find((arg) => arg.startsWith('--only='));
const suites = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['extension', 'ui', 'ui-evaluate', 'ui-portfolio', 'vsix']);

const started = Date.now();
let ready = true;
if (!skipInstall) {
    await phase('install check', () => run('code-server, chromium and ripgrep installed', 'bash', [INSTALL_SCRIPT]));
    if (outcomes.some((o) => o.state === 'failed')) ready = false;
}

if (ready && !skipBuild) {
    await phase('build', () => {
        // Only what the extension needs: the language server (and the engine it imports).
        run('langium generate', 'npx', ['langium', 'generate']);
        // The CSV reader's WebAssembly kernel, which the extension's bundles carry (without it they read with the JS reader).
        run('typed CSV kernel', 'npm', ['run', 'build:wasm', '-w', 'packages/engine']);
        // The CLI too: the task test runs `sla validate` through the $sla problem matcher.
        run('tsc -b packages/language packages/cli', 'npx', ['tsc', '-b', 'packages/language', 'packages/cli']);
        run('extension, server and test bundles', 'npm', ['run', 'build:tests', '-w', 'packages/vscode']);
        // The bundles just built are the ones `npm run package` would build again.
        run('sla.vsix', 'npm', ['run', 'vsix', '-w', 'packages/vscode']);
    });
    ready = !outcomes.some((o) => o.state === 'failed');
}

if (ready) {
    if (suites.has('extension')) {
        await phase('extension tests (extension host)', async () => {
            const { exitCode, results } = await runExtensionTests();
            record(results);
            if (results.length === 0) outcomes.push({ title: `extension tests ran (exit ${exitCode})`, state: 'failed' });
        });
    }
    if (suites.has('ui')) await phase('UI test', async () => record(await runUiTest()));
    if (suites.has('ui-evaluate')) await phase('UI test: evaluate from F1', async () => record(await runUiEvaluateTest()));
    if (suites.has('ui-portfolio')) await phase('UI test: portfolio', async () => record(await runUiPortfolioTest()));
    if (suites.has('vsix')) await phase('vsix test', async () => record(await runVsixTest()));
} else {
    console.error('\nskipping the VS Code tests: the install check or the build failed');
}

const passed = outcomes.filter((o) => o.state === 'passed').length;
const failed = outcomes.length - passed;
console.log(`\ntimings: ${timings.join(', ')}; total ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and logs in ${TEST_OUTPUT_DIR}`);
if (failed > 0) console.log(`failed: ${outcomes.filter((o) => o.state === 'failed').map((o) => o.title).join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
