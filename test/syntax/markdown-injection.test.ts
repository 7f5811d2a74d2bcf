// ```sla blocks in Markdown are highlighted with the SLA grammar: the injection grammar the
// extension contributes (syntaxes/sla.markdown-injection.tmLanguage.json), run by the same
// engine VS Code uses, injected into a stand-in for VS Code's Markdown grammar (which is
// built into VS Code; only its scope name matters to an injection).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const slaPath = fileURLToPath(new URL('../../syntaxes/sla.tmLanguage.json', import.meta.url));
const injectionPath = fileURLToPath(new URL('../../syntaxes/sla.markdown-injection.tmLanguage.json', import.meta.url));
const MARKDOWN_STAND_IN = JSON.stringify({ scopeName: 'text.html.markdown', patterns: [{ match: '^#+ .*$', name: 'markup.heading.markdown' }] });

let markdown: textmate.IGrammar;

beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text: string) => new oniguruma.OnigString(text)
        }),
        loadGrammar: async (scopeName) => {
            if (scopeName === 'source.sla') return textmate.parseRawGrammar(readFileSync(slaPath, 'utf8'), slaPath);
            if (scopeName === 'markdown.sla.codeblock') return textmate.parseRawGrammar(readFileSync(injectionPath, 'utf8'), injectionPath);
            if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(MARKDOWN_STAND_IN, 'markdown.json');
            return null;
        },
        // What `injectTo: ["text.html.markdown"]` in the extension's manifest does.
        getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? ['markdown.sla.codeblock'] : undefined)
    });
    const loaded = await registry.loadGrammar('text.html.markdown');
    if (!loaded) throw new Error('markdown stand-in did not load');
    markdown = loaded;
});

/** Scopes of every token, line by line, as `text → innermost scope`. */
function scopes(source: string): Array<{ text: string; scopes: string[] }> {
    const tokens: Array<{ text: string; scopes: string[] }> = [];
    let stack = textmate.INITIAL;
    for (const line of source.split('\n')) {
        const result = markdown.tokenizeLine(line, stack);
        for (const token of result.tokens) tokens.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
        stack = result.ruleStack;
    }
    return tokens;
}

describe('```sla blocks in Markdown', () => {
    it('highlights the block with the SLA grammar, embedded as the sla language', () => {
        const tokens = scopes('# Terms\n\n```sla\nobjective Availability >= 99.9% per calendar month\n```\nobjective outside\n');
        const keyword = tokens.find((t) => t.text === 'objective')!;
        expect(keyword.scopes).toContain('meta.embedded.block.sla');
        expect(keyword.scopes.at(-1)).toMatch(/\.sla$/);
        expect(tokens.find((t) => t.text === '99.9')?.scopes.at(-1)).toMatch(/^constant\.numeric/);
        // After the closing fence, Markdown again.
        const outside = tokens.filter((t) => t.text.includes('objective')).at(-1)!;
        expect(outside.scopes).not.toContain('meta.embedded.block.sla');
    });

    it('accepts ~~~ fences, upper case and attributes; leaves other languages alone', () => {
        expect(scopes('~~~SLA title="x"\nkpi A = count(x)\n~~~').find((t) => t.text === 'kpi')?.scopes.at(-1)).toMatch(/\.sla$/);
        expect(scopes('```slang\nkpi A = count(x)\n```').some((t) => t.scopes.includes('meta.embedded.block.sla'))).toBe(false);
        expect(scopes('```json\n{"kpi": 1}\n```').some((t) => t.scopes.includes('meta.embedded.block.sla'))).toBe(false);
    });
});
