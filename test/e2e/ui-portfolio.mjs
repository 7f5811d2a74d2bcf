// User-level test of the portfolio: F1 "SLA: Evaluate Portfolio" on the fixture workspace,
// the portfolio webview's table (sorted, filtered), a client's title that is markup shown as
// text, a click on a client opening its report, and the "SLA Portfolio" tree in the
// Explorer; screenshots into test-output/.
// Expected (by hand, test/e2e/fixtures/workspace/portfolio/globex.sla and the managed-hosting
// example): GlobexHosting BREACHED in January (99.933 % < 99.95 %), €500.00 (10 % of 5,000 EUR);
// AcmeHosting BREACHED in February, €1,200.00 (10 % of 12,000 EUR). Without --from/--to each
// agreement is evaluated over its own validity up to now, so no validity ends within 90 days of
// the portfolio's end (the in-host test checks "expiring" with a period).
// Prerequisite: `npm run build -w packages/vscode`.
// Usage: node test/e2e/ui-portfolio.mjs
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, FIXTURE_WORKSPACE, REPO_ROOT, TEST_OUTPUT_DIR } from './paths.mjs';
import { inBrowserSession, resultRecorder, runStandalone } from './ui-session.mjs';
import { openWorkbench, quickOpen, runCommand, runCommandOnceRegistered, waitForTab, waitForValue } from './workbench.mjs';

const HOSTILE_TITLE = '<img src=x onerror="alert(1)"> & </td><script>alert(2)</script>';

/** The frame of the portfolio page (the report webview is another frame of the same extension). */
async function portfolioFrame(page) {
    return await waitForValue(async () => {
        for (const frame of page.frames()) {
            if (await frame.evaluate(() => document.getElementById('portfolio') !== null).catch(() => false)) return frame;
        }
        return undefined;
    }, (frame) => frame !== undefined, { timeoutMs: 60_000, what: 'the portfolio webview' });
}

/** Client names of the table's rows, top to bottom. */
async function clientColumn(frame) {
    return await frame.locator('table.clients tbody tr td.client button').evaluateAll((buttons) => buttons.map((b) => b.textContent));
}

export async function runUiPortfolioTest() {
    const { results, check } = resultRecorder();

    await inBrowserSession({ name: 'ui-portfolio', results, serverOptions: { label: 'ui-portfolio' } }, async (page, server) => {
        await openWorkbench(page, server, FIXTURE_WORKSPACE, { extensionDevelopmentPath: EXTENSION_DIR });
        // Opening an .sla file activates the extension (onLanguage:sla) and starts the server.
        await check('Ctrl+P opens portfolio/globex.sla', () => quickOpen(page, 'globex.sla'));
        let frame;
        await check('F1 "SLA: Evaluate Portfolio" opens the portfolio webview', async () => {
            await runCommandOnceRegistered(page, 'SLA: Evaluate Portfolio');
            await waitForTab(page, 'SLA Portfolio');
            frame = await portfolioFrame(page);
            await frame.locator('table.clients tbody tr').first().waitFor({ timeout: 60_000 });
        });
        await check('breached clients come first: Globex €500.00 and Acme €1,200.00 among them', async () => {
            const rows = await frame.locator('table.clients tbody tr').evaluateAll((trs) => trs.map((tr) => ({
                agreement: tr.dataset.agreement, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())
            })));
            const globex = rows.find((row) => row.agreement === 'GlobexHosting');
            const acme = rows.find((row) => row.agreement === 'AcmeHosting');
            if (!globex || !acme) throw new Error(`rows: ${JSON.stringify(rows)}`);
            // client, template, status, met, breached, no data, worst, credits, at risk, expiring, coverage
            if (globex.cells[2] !== 'BREACHED' || globex.cells[7] !== '€500.00') throw new Error(`Globex: ${JSON.stringify(globex.cells)}`);
            if (acme.cells[2] !== 'BREACHED' || acme.cells[7] !== '€1,200.00') throw new Error(`Acme: ${JSON.stringify(acme.cells)}`);
            const statuses = rows.map((row) => row.cells[2]);
            const firstOther = statuses.findIndex((status) => status !== 'BREACHED');
            if (firstOther !== -1 && statuses.slice(firstOther).includes('BREACHED')) throw new Error(`not breached first: ${JSON.stringify(statuses)}`);
        });
        await check('a title that is markup is shown as text, and nothing of it runs', async () => {
            const subtitle = await frame.locator('tr[data-agreement="MalloryHosting"] .subtitle').textContent();
            if (subtitle !== HOSTILE_TITLE) throw new Error(`subtitle: ${JSON.stringify(subtitle)}`);
            const client = await frame.locator('tr[data-agreement="MalloryHosting"] td.client button').textContent();
            if (client !== '<b>Mallory</b> Ltd') throw new Error(`client: ${JSON.stringify(client)}`);
            const injected = await frame.evaluate(() => document.querySelectorAll('main img, main script, main b').length);
            if (injected !== 0) throw new Error(`${injected} element(s) made from a title`);
        });
        await check('the credits per month chart shows a bar for January and one for February (EUR)', async () => {
            const months = await frame.locator('section.credits[data-currency="EUR"] svg rect.sla-chart-bar').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-month')));
            if (!months.includes('2026-01') || !months.includes('2026-02')) throw new Error(`bars: ${JSON.stringify(months)}`);
        });
        await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-portfolio.png') });
        await check('sorting by client and filtering by a word', async () => {
            await frame.locator('button.sort[data-column="client"]').click();
            const sorted = await clientColumn(frame);
            const expected = [...sorted].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }));
            if (JSON.stringify(sorted) !== JSON.stringify(expected)) throw new Error(`not by client: ${JSON.stringify(sorted)}`);
            await frame.locator('#filter').fill('globex');
            await waitForValue(() => clientColumn(frame), (names) => names.length === 1 && names[0] === 'Globex Corporation', { timeoutMs: 10_000, what: 'only Globex after filtering' });
        });
        await check('Export CSV saves every client\'s windows: Globex\'s January credit, 500 EUR', async () => {
            await frame.locator('button[data-action="export-csv"]').click();
            // code-server's save dialog is VS Code's own: a quick input holding the proposed path.
            const input = page.locator('.quick-input-widget input');
            await input.waitFor({ state: 'visible', timeout: 15_000 });
            const proposed = await waitForValue(() => input.inputValue(), (value) => value.endsWith('-portfolio.csv'), { timeoutMs: 15_000, what: 'the proposed path' });
            const file = proposed.startsWith('/') ? proposed : join(FIXTURE_WORKSPACE, proposed);
            rmSync(file, { force: true });
            await page.keyboard.press('Enter');
            try {
                await waitForValue(() => existsSync(file), (exists) => exists, { timeoutMs: 15_000, what: file });
                const lines = readFileSync(file, 'utf8').split('\r\n');
                if (!lines[0].startsWith('agreement,customer,kind,')) throw new Error(`header: ${lines[0]}`);
                const credit = lines.find((line) => line.startsWith('GlobexHosting,') && line.includes(',credit,') && line.includes(',2026-01-01T00:00:00+01:00,'));
                if (!credit || !credit.includes(',EUR,5000,500,500,')) throw new Error(`Globex's January credit row: ${credit}`);
            } finally {
                rmSync(file, { force: true });
            }
        });
        await check('clicking Globex opens its report', async () => {
            await frame.locator('button.link[data-agreement="GlobexHosting"]').click();
            await waitForTab(page, 'SLA Report: GlobexHosting', { timeoutMs: 30_000 });
        });
        await check('the portfolio page met its strict CSP (no violation counted by its script)', async () => {
            const violations = await frame.locator('body').getAttribute('data-csp-violations');
            if (violations !== null) throw new Error(`${violations} CSP violation(s) in the portfolio webview`);
        });
        await check('the SLA Portfolio view in the Explorer lists the clients with status icons', async () => {
            await runCommand(page, 'Focus on SLA Portfolio View');
            const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'SLA Portfolio' }) });
            const globex = pane.locator('.monaco-list-row', { hasText: 'Globex' }).first();
            await globex.waitFor({ timeout: 30_000 });
            if ((await globex.locator('.codicon-error').count()) !== 1) throw new Error('Globex has no error icon');
            const mallory = pane.locator('.monaco-list-row', { hasText: 'Mallory' }).first();
            if ((await mallory.locator('.codicon-pass').count()) !== 1) throw new Error('Mallory has no pass icon');
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-portfolio-tree.png') });
        });
        await check('examples/portfolio: 12 clients, 8 breached and 4 met, credits €1,500.00, ¥207,500 and $60.00 (its README)', async () => {
            await openWorkbench(page, server, join(REPO_ROOT, 'examples/portfolio'), { extensionDevelopmentPath: EXTENSION_DIR });
            await quickOpen(page, 'catalogue.sla');
            await runCommandOnceRegistered(page, 'SLA: Evaluate Portfolio');
            await waitForTab(page, 'SLA Portfolio: portfolio');
            const example = await portfolioFrame(page);
            await waitForValue(() => example.locator('table.clients tbody tr').count(), (count) => count === 12, { timeoutMs: 60_000, what: '12 rows' });
            const headline = await example.locator('.headline').textContent();
            if (!headline.includes('12 agreements: 8 breached, 0 at risk, 4 met, 0 without data')) throw new Error(`headline: ${headline}`);
            const credits = await example.locator('header .credit-total').textContent();
            if (credits !== 'Credits owed: €1,500.00, ¥207,500, $60.00') throw new Error(`credits: ${credits}`);
            const currencies = await example.locator('section.credits').evaluateAll((sections) => sections.map((s) => s.dataset.currency));
            if (JSON.stringify(currencies) !== '["EUR","JPY","USD"]') throw new Error(`charts: ${JSON.stringify(currencies)}`);
            await runCommand(page, 'Focus on SLA Portfolio View');
            await page.locator('.pane .monaco-list-row', { hasText: 'Coho Winery Japan' }).first().waitFor({ timeout: 30_000 });
            const viewport = page.viewportSize();
            await page.setViewportSize({ width: 1900, height: 1000 });
            await page.waitForTimeout(500);
            await page.screenshot({ path: join(TEST_OUTPUT_DIR, 'ui-portfolio-example.png') });
            await page.setViewportSize(viewport);
        });
    });
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    await runStandalone('ui-portfolio', () => runUiPortfolioTest(), `screenshots ${join(TEST_OUTPUT_DIR, 'ui-portfolio.png')}, ui-portfolio-tree.png, ui-portfolio-example.png`);
}
