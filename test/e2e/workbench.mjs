// What a user does in the VS Code workbench, done with playwright on its DOM.

/**
 * Opens `folder` in the workbench served by `server` and waits until it is usable.
 * With `extensionDevelopmentPath`, the extension is loaded from that folder (no .vsix).
 */
export async function openWorkbench(page, server, folder, { extensionDevelopmentPath, timeoutMs = 60_000 } = {}) {
    let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
    if (extensionDevelopmentPath) {
        const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${extensionDevelopmentPath}`]];
        url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    // The explorer lists the folder once the remote file system answers.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
}

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Ctrl+P, type the file name, move the selection to the entry with exactly that name,
 * Enter; resolves when its editor tab is active. `hosting.sla` also fuzzy-matches
 * `acme-hosting.sla`, and the list re-renders as search results arrive, so the selected
 * row is checked before Enter and the whole pick is retried if the wrong file opened.
 */
export async function quickOpen(page, fileName, { timeoutMs = 60_000, attempts = 3 } = {}) {
    const name = exactly(fileName);
    const activeTab = page.locator('.tab.active .label-name', { hasText: name });
    for (let attempt = 1; attempt <= attempts; attempt++) {
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: timeoutMs });
        await input.fill(fileName);
        // Generous: the first Ctrl+P waits for the file search (ripgrep) to index the folder.
        await page.locator('.quick-input-list .monaco-list-row .label-name', { hasText: name }).first().waitFor({ timeout: timeoutMs });
        await page.waitForTimeout(500); // let the file-search results land before choosing
        const focusedName = page.locator('.quick-input-list .monaco-list-row.focused .label-name');
        for (let step = 0; step < 10 && !name.test(((await focusedName.textContent().catch(() => '')) ?? '').trim()); step++) {
            await page.keyboard.press('ArrowDown');
        }
        await page.keyboard.press('Enter');
        try {
            await activeTab.waitFor({ timeout: 15_000 });
            await page.waitForSelector('.monaco-editor .view-lines', { timeout: timeoutMs });
            return;
        } catch (error) {
            if (attempt === attempts) throw new Error(`Ctrl+P did not open ${fileName} in ${attempts} attempts: ${error.message}`);
            await page.keyboard.press('Escape');
        }
    }
}

/** F1, type the command's title as shown in the palette, Enter. */
export async function runCommand(page, title, { timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1_000, deadline - Date.now());
    for (let attempt = 1; ; attempt++) {
        try {
            await page.keyboard.press('F1');
            const input = page.locator('.quick-input-widget input');
            // Each step waits a bounded time, so that a palette closed under the test's hands
            // leaves time for another try (a first try that waited out the whole time never retried).
            await input.waitFor({ state: 'visible', timeout: Math.min(8_000, left()) });
            await input.fill(`>${title}`, { timeout: Math.min(5_000, left()) });
            await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: Math.min(15_000, left()) });
            await page.keyboard.press('Enter');
            return;
        } catch (error) {
            // A view that takes the focus as it opens (a webview tab just clicked open) closes the
            // palette under the test's hands: open it again, up to four times within the time.
            if (attempt >= 4 || Date.now() >= deadline) throw error;
            await page.keyboard.press('Escape').catch(() => undefined);
        }
    }
}

/**
 * Runs an extension's command as soon as the palette lists it: its commands exist only once the
 * extension has activated (onLanguage:sla), so the palette is tried again until `timeoutMs`.
 */
export async function runCommandOnceRegistered(page, title, { timeoutMs = 60_000 } = {}) {
    await waitForValue(async () => {
        try {
            await runCommand(page, title, { timeoutMs: 5_000 });
            return true;
        } catch {
            await page.keyboard.press('Escape');
            return false;
        }
    }, (ran) => ran, { timeoutMs, what: `the command ${title} in the palette` });
}

/** The messages of the notifications on screen (an error a command showed instead of what the test waits for). */
export async function notificationMessages(page) {
    return await page.locator('.notifications-toasts .notification-list-item-message')
        .evaluateAll((items) => items.map((item) => item.textContent.trim()))
        .catch(() => []);
}

/**
 * Waits for the editor tab titled `title` (a command's report or view opening); when it does not
 * open, the error says which notifications were on screen: the command's own explanation.
 */
export async function waitForTab(page, title, { timeoutMs = 60_000 } = {}) {
    try {
        await page.locator('.tab', { hasText: title }).first().waitFor({ timeout: timeoutMs });
    } catch (error) {
        const shown = await notificationMessages(page);
        throw new Error(`the tab "${title}" did not open within ${timeoutMs} ms; notifications on screen: ${shown.length > 0 ? shown.map((m) => JSON.stringify(m)).join(', ') : 'none'} (${error.message.split('\n')[0]})`);
    }
}

/** The text of a status bar entry, e.g. `status.editor.mode` (language) or `status.problems`. */
export async function statusBarText(page, entryId) {
    const entry = page.locator(`[id="${entryId}"]`);
    if ((await entry.count()) === 0) return undefined;
    return (await entry.first().innerText()).trim();
}

/** Polls `read` until `accept(value)` holds; returns the value or throws with the last one seen. */
export async function waitForValue(read, accept, { timeoutMs = 30_000, what = 'value' } = {}) {
    const deadline = Date.now() + timeoutMs;
    let value;
    while (Date.now() < deadline) {
        value = await read();
        if (accept(value)) return value;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
}
