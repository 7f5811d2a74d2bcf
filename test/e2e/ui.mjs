// Mode 2: a user-level UI test. The extension is loaded from its development folder;
// playwright opens an .sla file with Ctrl+P, checks what the workbench shows, and saves
// a screenshot into test-output/ui.png.
// Prerequisite: `npm run build -w packages/vscode`.
// Usage: node test/e2e/ui.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowserPage } from './browser.mjs';
import { printResults } from './report.mjs';
import { startCodeServer } from './code-server.mjs';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, TEST_OUTPUT_DIR } from './paths.mjs';
import { openWorkbench, quickOpen, statusBarText, waitForValue } from './workbench.mjs';

/** Resolves with a list of { title, state, error? }; throws only for a broken harness. */
export async function runUiTest() {
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

    // Without the server's semantic tokens, colours in the editor come from the TextMate grammar alone.
    const server = await startCodeServer({ label: 'ui', settings: { 'editor.semanticHighlighting.enabled': false } });
    const { page, close: closeBrowser } = await openBrowserPage();
    try {
        await openWorkbench(page, server, FIXTURE_WORKSPACE, { extensionDevelopmentPath: EXTENSION_DIR });

        await check('Ctrl+P opens hosting.sla in an editor', () => quickOpen(page, 'hosting.sla'));
        await check('the status bar shows the language mode SLA', async () => {
            await waitForValue(() => statusBarText(page, 'status.editor.mode'), (text) => text === 'SLA', { what: 'language mode SLA' });
        });
        await check('the editor colours SLA keywords (TextMate grammar applied)', async () => {
            // Tokens with a scope get a class mtkN other than the default mtk1.
            const keyword = page.locator('.view-line span span', { hasText: /^agreement$/ }).first();
            await keyword.waitFor({ timeout: 15_000 });
            const className = await keyword.getAttribute('class');
            if (!className || className === 'mtk1') throw new Error(`"agreement" is not coloured (class ${className})`);
        });
        await check('bare-objective.sla shows an error in the status bar', async () => {
            await quickOpen(page, 'bare-objective.sla');
            await waitForValue(() => statusBarText(page, 'status.problems'), (text) => /^[1-9]/.test(text ?? ''), { what: 'an error count' });
        });
        await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui.png') });
        // Evaluation from F1 ("SLA: Evaluate Agreement", the report webview, inline results)
        // has its own UI test: ui-evaluate.mjs, with runCommand() from workbench.mjs.
    } finally {
        if (results.some((r) => r.state === 'failed')) {
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-failure.png') }).catch(() => undefined);
        }
        await closeBrowser();
        await server.stop();
    }
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const started = Date.now();
    const results = await runUiTest();
    printResults(results);
    const failed = results.filter((r) => r.state === 'failed').length;
    console.log(`ui test: ${results.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s); screenshot ${join(TEST_OUTPUT_DIR, 'ui.png')}`);
    process.exit(failed === 0 ? 0 : 1);
}
