// Debian's Chromium driven by playwright-core (playwright cannot download its own browsers here).
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';

/** Flags that work as root, headless, without any network of its own. */
const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'
];

/** A fresh browser (playwright gives it a fresh temporary profile) and one page. */
export async function openBrowserPage({ width = 1400, height = 900 } = {}) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    return { browser, page };
}
