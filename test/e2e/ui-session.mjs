// What every browser-driven e2e step (ui, ui-evaluate, ui-portfolio, vsix) shares: recording
// checks as passed or failed, a code-server and a browser page that are always closed, a
// screenshot when a check failed, and running a step's file on its own.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserPage } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { TEST_OUTPUT_DIR } from './paths.mjs';
import { printResults } from './report.mjs';

/**
 * The results of one step ({ title, state, ms, error? }) and `check(title, body)`, which runs
 * body and records it: a failed check does not stop the step, so later checks still report.
 */
export function resultRecorder() {
    mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
    const results = [];
    const check = async (title, body) => {
        const started = Date.now();
        try {
            await body();
            results.push({ title, state: 'passed', ms: Date.now() - started });
        } catch (error) {
            results.push({ title, state: 'failed', error: error.message, ms: Date.now() - started });
        }
    };
    return { results, check };
}

/**
 * Starts code-server (options as startCodeServer's) and a browser page, runs body(page, server),
 * and always closes both; if a check of `results` failed, the page is saved as NAME-failure.png.
 */
export async function inBrowserSession({ name, results, serverOptions }, body) {
    const server = await startCodeServer(serverOptions);
    const { page, close } = await openBrowserPage();
    try {
        await body(page, server);
    } finally {
        if (results.some((r) => r.state === 'failed')) {
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, `${name}-failure.png`) }).catch(() => undefined);
        }
        await close();
        await server.stop();
    }
}

/** A step's file run on its own (`node test/e2e/NAME.mjs`): prints its results, exits 0 only if all passed. */
export async function runStandalone(name, run, outputs = '') {
    const started = Date.now();
    const results = await run();
    printResults(results);
    const failed = results.filter((r) => r.state === 'failed').length;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${name} test: ${results.length - failed} passed, ${failed} failed (${seconds} s)${outputs ? `; ${outputs}` : ''}`);
    process.exit(failed === 0 ? 0 : 1);
}
