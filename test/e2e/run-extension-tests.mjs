// Mode 1: runs packages/vscode/out/test/index.js inside the real extension host of
// code-server, with the extension loaded from its development folder (no .vsix).
// The workbench calls the test module's run() and then window.codeAutomationExit(code).
// Prerequisite: `npm run build:tests -w packages/vscode`.
// Usage: node test/e2e/run-extension-tests.mjs [--timeout=SECONDS] [--workspace=DIR]
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserPage } from './browser.mjs';
import { printResults } from './report.mjs';
import { startCodeServer } from './code-server.mjs';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, TEST_OUTPUT_DIR } from './paths.mjs';

function option(name, fallback) {
    const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
    return arg ? arg.slice(name.length + 3) : fallback;
}

/**
 * Copies the extension host's logs of a failed run — its own log and the output channels, the
 * "SLA" channel with the language server's stderr among them — from code-server's user-data
 * folder (removed when the server stops) into `outDir`; returns how many files were copied.
 */
export function keepExtensionHostLogs(userDataDir, outDir) {
    const logs = join(userDataDir, 'logs');
    if (!existsSync(logs)) return 0;
    let copied = 0;
    for (const file of readdirSync(logs, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.log') || !/exthost|output_logging/.test(file)) continue;
        cpSync(join(logs, file), join(outDir, file));
        copied++;
    }
    return copied;
}

/** The URL that makes the workbench load the extension from a folder and run its tests. */
export function extensionTestUrl(server, workspace, extensionDir, testsPath) {
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
        ['extensionDevelopmentPath', remote(extensionDir)],
        ['extensionTestsPath', remote(testsPath)]
    ];
    return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Runs the in-host suite once; resolves with { exitCode, results }. Never throws for a
 * test failure, only for a broken harness.
 */
export async function runExtensionTests({ timeoutMs = 180_000, workspace = FIXTURE_WORKSPACE } = {}) {
    const testsPath = join(EXTENSION_DIR, 'out/test/index.js');
    if (!existsSync(testsPath) || !existsSync(join(EXTENSION_DIR, 'out/extension.cjs'))) {
        throw new Error(`${testsPath} or out/extension.cjs is missing: run npm run build:tests -w packages/vscode`);
    }
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const reportPath = join(TEST_OUTPUT_DIR, 'extension-tests.json');
    writeFileSync(reportPath, '[]');
    const consoleLogPath = join(TEST_OUTPUT_DIR, 'extension-tests.console.log');
    const consoleLines = [];

    const server = await startCodeServer({ label: 'ext-tests', env: { SLA_E2E_REPORT: reportPath } });
    const { page, close: closeBrowser } = await openBrowserPage();
    let exitCode = 1;
    try {
        page.on('console', (message) => {
            const line = `[${message.type()}] ${message.text()}`;
            consoleLines.push(line);
            // The workbench prefixes forwarded extension-host logs with CSS (%c … color: …).
            const text = message.text();
            if (text.includes('[sla-e2e]')) console.log(`  host: ${text.slice(text.indexOf('[sla-e2e]'))}`);
        });
        page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
        const exited = new Promise((resolve) => {
            void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
        });
        let timer;
        const timedOut = new Promise((resolve) => {
            timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        await page.goto(extensionTestUrl(server, workspace, EXTENSION_DIR, testsPath));
        const outcome = await Promise.race([exited, timedOut]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
            console.error(`extension tests: no result after ${timeoutMs / 1000} s (the workbench never called codeAutomationExit); see ${consoleLogPath}`);
            exitCode = 1;
        } else {
            exitCode = outcome;
        }
        if (exitCode !== 0) {
            const screenshot = join(TEST_OUTPUT_DIR, 'extension-tests-failure.png');
            await page.screenshot({ path: screenshot }).catch(() => undefined);
            console.error(`extension tests: screenshot ${screenshot}; logs in ${TEST_OUTPUT_DIR}/extension-tests.*`);
        }
    } finally {
        writeFileSync(consoleLogPath, consoleLines.join('\n') + '\n');
        await closeBrowser();
        // Keep code-server's log when something failed.
        if (exitCode !== 0) {
            const logCopy = join(TEST_OUTPUT_DIR, 'extension-tests.code-server.log');
            try { writeFileSync(logCopy, readFileSync(server.dirs.log)); } catch { /* no log */ }
            try {
                const kept = keepExtensionHostLogs(server.dirs.userData, join(TEST_OUTPUT_DIR, 'extension-tests.host-logs'));
                console.error(`extension tests: ${kept} extension-host log(s) (the "SLA" output channel among them) in ${TEST_OUTPUT_DIR}/extension-tests.host-logs`);
            } catch { /* no logs */ }
        }
        await server.stop();
    }
    const results = JSON.parse(readFileSync(reportPath, 'utf8'));
    return { exitCode, results };
}


if (import.meta.url === `file://${process.argv[1]}`) {
    const started = Date.now();
    const { exitCode, results } = await runExtensionTests({
        timeoutMs: Number(option('timeout', '180')) * 1000,
        workspace: option('workspace', FIXTURE_WORKSPACE)
    });
    printResults(results);
    const failed = results.filter((r) => r.state === 'failed').length;
    console.log(`extension tests: ${results.length - failed} passed, ${failed} failed, exit ${exitCode} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exit(exitCode === 0 && failed === 0 && results.length > 0 ? 0 : 1);
}
