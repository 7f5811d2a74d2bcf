import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What a webview page loads from the extension's `out/` folder, and what it shows until its script has drawn. */
export interface WebviewPage {
    title: string;
    /** The script that draws the page from the posted JSON (`out/NAME`). */
    script: string;
    /** Style sheets after the shared `webview.css` (`out/NAME`). */
    extraStyles?: string[];
    /** The id of the `<main>` element the script fills. */
    mainId: string;
    loadingText: string;
}

/**
 * The shell of every webview page (report, portfolio): one strict Content Security Policy —
 * nothing but the extension's own files, images also as data URIs, one script by nonce — in
 * one place, so that no page can relax it on its own.
 */
export function webviewPageHtml(webview: vscode.Webview, outUri: vscode.Uri, page: WebviewPage): string {
    const nonce = randomBytes(16).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(outUri, name)).toString();
    const csp = [
        "default-src 'none'",
        `img-src ${webview.cspSource} data:`,
        `style-src ${webview.cspSource}`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    const styles = ['webview.css', ...(page.extraStyles ?? [])].map(name => `<link rel="stylesheet" href="${asset(name)}">`).join('\n');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${page.title}</title>
</head>
<body>
<main id="${page.mainId}" aria-live="polite"><p class="loading">${page.loadingText}</p></main>
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}
