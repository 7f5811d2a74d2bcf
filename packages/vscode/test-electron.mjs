// `npm run test:vscode`: runs the in-host suite (out/test/index.js) in desktop VS Code
// through @vscode/test-electron, when there is one to run:
//   - VSCODE_EXECUTABLE names a VS Code binary (no download), or
//   - the VS Code update server is reachable (test-electron downloads into .vscode-test/).
// Otherwise it says why it is skipped and exits 0: on these machines VS Code cannot be
// downloaded, and `npm run test:e2e` runs the same suite in code-server instead.
// On Linux, desktop VS Code needs a display (run under xvfb-run when headless).
// It builds the extension and its tests (npm run build:tests) only when it will run them;
// the language server must have been built (root: npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const extensionTestsPath = join(here, 'out/test/index.js');
const workspace = resolve(here, '../../test/e2e/fixtures/workspace');

function skip(reason) {
    console.log(`test:vscode skipped: ${reason}. The same suite runs in a real VS Code (code-server) with npm run test:e2e.`);
    process.exit(0);
}

async function updateServerReachable() {
    try {
        const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5_000) });
        return response.ok ? true : `the VS Code update server answered ${response.status}`;
    } catch (error) {
        return `VS Code cannot be downloaded (${error.cause?.code ?? error.message})`;
    }
}

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath && !existsSync(vscodeExecutablePath)) {
    console.error(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
    process.exit(1);
}
if (!vscodeExecutablePath) {
    const reachable = await updateServerReachable();
    if (reachable !== true) skip(`${reachable}, and VSCODE_EXECUTABLE is not set`);
}

const build = spawnSync('npm', ['run', 'build:tests'], { cwd: here, stdio: 'inherit' });
if (build.status !== 0 || !existsSync(extensionTestsPath)) {
    console.error('test:vscode: npm run build:tests failed');
    process.exit(1);
}
const { runTests } = await import('@vscode/test-electron');
try {
    await runTests({
        ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: '1.100.3' }),
        extensionDevelopmentPath: here,
        extensionTestsPath,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes']
    });
    console.log('test:vscode: the extension tests passed in desktop VS Code');
} catch (error) {
    console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}
