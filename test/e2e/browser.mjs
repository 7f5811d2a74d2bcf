// Debian's Chromium driven by playwright-core (playwright cannot download its own browsers here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

/** Flags that work as root, headless, without any network of its own. */
const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'
];

/**
 * A fresh browser and one page. Playwright gives it a temporary profile; a scratch HOME
 * keeps Chromium's other files (crash reports, caches) out of the user's ~/.config too.
 */
export async function openBrowserPage({ width = 1400, height = 900 } = {}) {
    const home = mkdtempSync(join(tmpdir(), 'sla-e2e-chromium-'));
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env });
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const close = async () => {
        await browser.close().catch(() => undefined);
        rmSync(home, { recursive: true, force: true });
    };
    return { page, close };
}
