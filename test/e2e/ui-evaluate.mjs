// User-level test of evaluation: open the example, press F1, run "SLA: Evaluate Agreement",
// wait for the report webview to show the expected rows, check what the editor shows,
// and save screenshots into test-output/.
// The fixture managed-hosting/acme-hosting.sla is the example with its validity ending
// 2026-03-31, so evaluating it without --from/--to covers the quarter of
// examples/expected-outcomes.json (February availability 39,672 / 39,840 min = 99.578 %).
// Prerequisite: `npm run build -w packages/vscode`.
// Usage: node test/e2e/ui-evaluate.mjs
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, TEST_OUTPUT_DIR } from './paths.mjs';
import { inBrowserSession, resultRecorder, runStandalone } from './ui-session.mjs';
import { openWorkbench, quickOpen, runCommand, runCommandOnceRegistered, waitForTab, waitForValue } from './workbench.mjs';

/** The report webview's document: VS Code nests the page in an inner frame of `iframe.webview`. */
function reportFrame(page) {
    // The Markdown preview is a webview too: pick ours by the extension id in its address.
    return page.frameLocator('iframe.webview[src*="extensionId=sla-lang.sla-vscode"]').frameLocator('iframe#active-frame');
}

/** Texts of the cells of each row of the first table in the section of `objective`. */
async function objectiveRows(frame, objective) {
    const rows = frame.locator(`section[data-objective="${objective}"] table`).first().locator('tbody tr');
    return await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
}

/** Texts the editor draws after lines (decorations' ::after content), e.g. the inline results. */
async function inlineDecorationTexts(page) {
    return await page.locator('.monaco-editor .view-lines span').evaluateAll((spans) => spans
        .map((span) => getComputedStyle(span, '::after').content)
        .filter((content) => content && content !== 'none' && content !== 'normal'));
}

/** Brings the editor tab `name` to the front (closing any quick input left open over it). */
async function showEditorTab(page, name) {
    await page.keyboard.press('Escape');
    await page.locator('.tab', { hasText: name }).first().click({ timeout: 15_000 });
}

/** Resolves with a list of { title, state, error? }; throws only for a broken harness. */
export async function runUiEvaluateTest() {
    const { results, check } = resultRecorder();

    const exported = join(FIXTURE_WORKSPACE, 'managed-hosting', 'AcmeHosting-report.md');
    rmSync(exported, { force: true });
    try {
        await inBrowserSession({ name: 'ui-evaluate', results, serverOptions: { label: 'ui-evaluate' } }, async (page, server) => {
            await openWorkbench(page, server, FIXTURE_WORKSPACE, { extensionDevelopmentPath: EXTENSION_DIR });
            await check('Ctrl+P opens managed-hosting/acme-hosting.sla', () => quickOpen(page, 'acme-hosting.sla'));
            await check('F1 "SLA: Evaluate Agreement" opens the report webview', async () => {
                await runCommandOnceRegistered(page, 'SLA: Evaluate Agreement');
                await waitForTab(page, 'SLA Report: AcmeHosting');
            });
            const frame = reportFrame(page);
            await check('the report lists WebShop · Availability: January met, February 99.578 % breached', async () => {
                await frame.locator('section[data-objective="WebShop · Availability"] tbody tr').first().waitFor({ timeout: 60_000 });
                const rows = await objectiveRows(frame, 'WebShop · Availability');
                // window, value, target, status, margin, budget used, budget left.
                // January 44,140 / 44,160 = 99.955 %, margin +0.055 pp; February 39,672 / 39,840 = 99.578 %, margin −0.322 pp.
                const january = rows.find((cells) => cells[0] === 'Jan 2026');
                const february = rows.find((cells) => cells[0] === 'Feb 2026');
                if (!january || !february) throw new Error(`rows: ${JSON.stringify(rows)}`);
                if (january[1] !== '99.955 %' || january[3] !== 'MET') throw new Error(`January: ${JSON.stringify(january)}`);
                if (february[1] !== '99.578 %' || february[2] !== '>= 99.9 %' || february[3] !== 'BREACHED') throw new Error(`February: ${JSON.stringify(february)}`);
            });
            await check('the report shows the credit total €1,200.00 and a chart per objective', async () => {
                // Tier 1: 10 % of the 12,000 EUR monthly fee.
                await frame.locator('.credit-total', { hasText: 'Total credits: €1,200.00' }).waitFor({ timeout: 15_000 });
                const charts = await frame.locator('section.objective svg.chart').count();
                if (charts !== 5) throw new Error(`expected 5 charts (4 objectives, 1 internal target), found ${charts}`);
            });
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-evaluate.png') });
            await check('Export: Markdown saves the report next to the agreement', async () => {
                await frame.locator('button[data-format="markdown"]').click();
                // code-server's save dialog is VS Code's own: a quick input holding the proposed path.
                const input = page.locator('.quick-input-widget input');
                await input.waitFor({ state: 'visible', timeout: 15_000 });
                // The dialog fills in the proposed path a moment after it opens.
                await waitForValue(() => input.inputValue(), (value) => value.endsWith('managed-hosting/AcmeHosting-report.md'), { timeoutMs: 15_000, what: 'the proposed path' });
                await page.keyboard.press('Enter');
                await waitForValue(() => existsSync(exported), (exists) => exists, { timeoutMs: 15_000, what: exported });
                const markdown = readFileSync(exported, 'utf8');
                if (!markdown.includes('99.578 %')) throw new Error(`the exported Markdown lacks February's 99.578 %: ${markdown.slice(0, 300)}`);
            });
            await check('the editor shows the results inline and the status bar "SLA: 1/4 met"', async () => {
                await page.locator('.statusbar-item', { hasText: 'SLA: 1/4 met' }).waitFor({ timeout: 15_000 });
                // The editor is beside the report; the objectives are around line 70: reveal them.
                await showEditorTab(page, 'acme-hosting.sla');
                await page.keyboard.press('Control+G');
                await page.keyboard.type('70');
                await page.keyboard.press('Enter');
                const texts = await waitForValue(() => inlineDecorationTexts(page), (all) => all.some((text) => text.includes('BREACHED in 1 of 3 windows')),
                    { timeoutMs: 15_000, what: 'the inline result of the Availability objective' });
                if (!texts.some((text) => text.includes('MET · latest 275 ms (Mar 2026)'))) throw new Error(`inline texts: ${JSON.stringify(texts)}`);
                // A wider window, so that the inline results fit after the objectives beside the report.
                const viewport = page.viewportSize();
                await page.setViewportSize({ width: 2200, height: viewport.height });
                await page.waitForTimeout(500);
                await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-evaluate-editor.png') });
                await page.setViewportSize(viewport);
            });
            await check('F1 "SLA: Explain in Plain Language" opens the Markdown preview', async () => {
                await runCommand(page, 'SLA: Explain in Plain Language');
                await waitForTab(page, 'acme-hosting explained.md');
                const preview = page.frameLocator('iframe.webview[src*="extensionId=vscode.markdown-language-features"]').frameLocator('iframe#active-frame');
                await preview.locator('h1', { hasText: 'AcmeHosting — Managed hosting for Acme Corp' }).waitFor({ timeout: 60_000 });
            });
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-evaluate-explain.png') });
            await check('the report page met its strict CSP (no violation counted by its script)', async () => {
                // webview/main.ts counts `securitypolicyviolation` events into body[data-csp-violations].
                const violations = await frame.locator('body').getAttribute('data-csp-violations');
                if (violations !== null) throw new Error(`${violations} CSP violation(s) in the report webview; see the SLA output channel`);
            });
            await check('F1 "SLA: Evaluate with Other Data…" replaces the incidents file (header only, register complete to 31 March → 100 % every month)', async () => {
                await showEditorTab(page, 'acme-hosting.sla');
                await runCommand(page, 'SLA: Evaluate with Other Data…');
                // First a quick pick of the agreement's datasets, then VS Code's own open dialog (a quick input holding a path).
                const input = page.locator('.quick-input-widget input');
                await page.locator('.quick-input-list .monaco-list-row', { hasText: 'incidents' }).first().waitFor({ timeout: 15_000 });
                await input.fill('incidents');
                await page.keyboard.press('Enter');
                await waitForValue(() => input.inputValue(), (value) => value.endsWith('/'), { timeoutMs: 15_000, what: 'the open dialog' });
                // The dialog fills in the folder once it has listed it, which on a loaded machine can come after our
                // path and replace it (seen in CI): write the path until it stays, then accept it.
                const file = join(FIXTURE_WORKSPACE, 'managed-hosting/data/incidents-none.csv');
                for (let attempt = 0; attempt < 10; attempt++) {
                    await input.fill(file);
                    await page.waitForTimeout(500);
                    if ((await input.inputValue()) === file) break;
                }
                await page.keyboard.press('Enter');
                await waitForValue(async () => (await objectiveRows(frame, 'WebShop · Availability').catch(() => [])).find((cells) => cells[0] === 'Feb 2026')?.[1],
                    (value) => value === '100 %', { timeoutMs: 60_000, what: 'February at 100 % in the report' });
            });
        });
    } finally {
        rmSync(exported, { force: true });
    }
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    await runStandalone('ui-evaluate', () => runUiEvaluateTest(), `screenshots ${join(TEST_OUTPUT_DIR, 'ui-evaluate.png')}, ui-evaluate-editor.png, ui-evaluate-explain.png`);
}
