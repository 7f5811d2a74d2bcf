// Mode 2: a user-level UI test. The extension is loaded from its development folder;
// playwright opens an .sla file with Ctrl+P, checks what the workbench shows, and saves
// a screenshot into test-output/ui.png.
// Prerequisite: `npm run build -w packages/vscode`.
// Usage: node test/e2e/ui.mjs
import { join } from 'node:path';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, TEST_OUTPUT_DIR } from './paths.mjs';
import { inBrowserSession, resultRecorder, runStandalone } from './ui-session.mjs';
import { openWorkbench, quickOpen, statusBarText, waitForValue } from './workbench.mjs';

/** Resolves with a list of { title, state, error? }; throws only for a broken harness. */
export async function runUiTest() {
    const { results, check } = resultRecorder();

    // Without the server's semantic tokens, colours in the editor come from the TextMate grammar alone.
    await inBrowserSession({ name: 'ui', results, serverOptions: { label: 'ui', settings: { 'editor.semanticHighlighting.enabled': false } } }, async (page, server) => {
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
    });
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    await runStandalone('ui', () => runUiTest(), `screenshot ${join(TEST_OUTPUT_DIR, 'ui.png')}`);
}
