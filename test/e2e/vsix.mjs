// Installs the packaged extension (packages/vscode/sla.vsix, built beforehand by
// `npm run package -w packages/vscode`; this script builds nothing) into a scratch
// code-server, as a user would, and checks that it works on an .sla file: the language
// mode, the output channel "SLA" that activation creates, and a diagnostic from the
// server bundled in the .vsix.
// Usage: node test/e2e/vsix.mjs [path/to/file.vsix]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchDirs, installExtension } from './code-server.mjs';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, TEST_OUTPUT_DIR } from './paths.mjs';
import { inBrowserSession, resultRecorder, runStandalone } from './ui-session.mjs';
import { openWorkbench, quickOpen, runCommand, statusBarText, waitForValue } from './workbench.mjs';

export async function runVsixTest(vsixPath = join(EXTENSION_DIR, 'sla.vsix')) {
    if (!existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package -w packages/vscode first`);
    const { results, check } = resultRecorder();

    // Without the server's semantic tokens, colours in the editor come from the TextMate grammar alone.
    const dirs = createScratchDirs('vsix', { 'editor.semanticHighlighting.enabled': false });
    await check('code-server --install-extension sla.vsix', async () => {
        installExtension(dirs, vsixPath);
        const installed = readdirSync(dirs.extensions).filter((name) => name.startsWith('sla-lang.sla-vscode-'));
        if (installed.length !== 1) throw new Error(`expected sla-lang.sla-vscode-* in ${dirs.extensions}, found ${readdirSync(dirs.extensions).join(', ')}`);
    });
    if (results[0].state === 'failed') return results;

    await inBrowserSession({ name: 'vsix', results, serverOptions: { dirs } }, async (page, server) => {
        await openWorkbench(page, server, FIXTURE_WORKSPACE);
        await check('an .sla file opens in language mode SLA', async () => {
            await quickOpen(page, 'bare-objective.sla');
            await waitForValue(() => statusBarText(page, 'status.editor.mode'), (text) => text === 'SLA', { what: 'language mode SLA' });
        });
        await check('the packaged TextMate grammar colours keywords', async () => {
            // Tokens with a scope get a class mtkN other than the default mtk1.
            const keyword = page.locator('.view-line span span', { hasText: /^objective$/ }).first();
            await keyword.waitFor({ timeout: 15_000 });
            const className = await keyword.getAttribute('class');
            if (!className || className === 'mtk1') throw new Error(`"objective" is not coloured (class ${className})`);
        });
        await check('the bundled language server reports the error in bare-objective.sla', async () => {
            await waitForValue(() => statusBarText(page, 'status.problems'), (text) => /^[1-9]/.test(text ?? ''), { what: 'an error count', timeoutMs: 45_000 });
        });
        await check('activation created the output channel "SLA"', async () => {
            await runCommand(page, 'Output: Show Output Channels...');
            const channel = page.locator('.quick-input-list .monaco-list-row', { hasText: /^SLA$/ });
            await channel.first().waitFor({ timeout: 15_000 });
            await page.keyboard.press('Escape');
        });
        await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'vsix.png') });
    });
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    await runStandalone('vsix', () => runVsixTest(process.argv[2]));
}
