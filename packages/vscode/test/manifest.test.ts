// The extension manifest and the language configuration, checked without starting VS Code.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const extensionDir = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path: string): any => JSON.parse(readFileSync(new URL(path, new URL('../', import.meta.url)), 'utf8'));
const manifest = readJson('package.json');
const languageConfiguration = readJson('language-configuration.json');

describe('extension manifest', () => {
    it('registers the sla language for .sla files with its configuration and icon', () => {
        const [language] = manifest.contributes.languages;
        expect(language.id).toBe('sla');
        expect(language.extensions).toEqual(['.sla']);
        expect(existsSync(`${extensionDir}/${language.configuration}`)).toBe(true);
        expect(existsSync(`${extensionDir}/${language.icon.light}`)).toBe(true);
        expect(existsSync(`${extensionDir}/${manifest.icon}`)).toBe(true);
    });

    it('points at the grammar that build copies from the root syntaxes/ folder', () => {
        const [grammar] = manifest.contributes.grammars;
        expect(grammar.path).toBe('./syntaxes/sla.tmLanguage.json');
        const rootGrammar = JSON.parse(readFileSync(new URL('../../../syntaxes/sla.tmLanguage.json', import.meta.url), 'utf8'));
        expect(grammar.scopeName).toBe(rootGrammar.scopeName);
    });

    it('activates on the language and on workspaces with .sla files, from the CJS bundle', () => {
        expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:sla', 'workspaceContains:**/*.sla']));
        expect(manifest.main).toBe('./out/extension.cjs');
    });

    it('packages every file the manifest refers to', () => {
        const kept = readFileSync(`${extensionDir}/.vscodeignore`, 'utf8').split('\n').filter((line) => line.startsWith('!'));
        // out/typed-csv.wasm: the CSV reader's WebAssembly kernel, beside the server and its evaluation worker (esbuild.mjs copies it there).
        for (const path of ['out/extension.cjs', 'out/server.cjs', 'out/evaluation-worker.cjs', 'out/typed-csv.wasm', 'syntaxes/sla.tmLanguage.json',
            'syntaxes/sla.markdown-injection.tmLanguage.json', 'snippets/sla.json', 'language-configuration.json', 'LICENSE', 'CHANGELOG.md']) {
            expect(kept).toContain(`!${path}`);
        }
        expect(kept).toContain('!icons/**');
        expect(kept).toContain('!schemas/**');
        // Every path the manifest names is in a kept folder or file.
        const named = [...manifest.contributes.grammars.map((g: any) => g.path), ...manifest.contributes.snippets.map((s: any) => s.path),
            ...manifest.contributes.jsonValidation.map((j: any) => j.url), manifest.contributes.walkthroughs?.flatMap((w: any) => w.steps.map((step: any) => step.media?.markdown ?? step.media?.image)) ?? []]
            .flat().filter(Boolean).map((p: string) => p.replace(/^\.\//, ''));
        for (const path of named) expect(kept.some((k) => k === `!${path}` || (k.endsWith('/**') && path.startsWith(k.slice(1, -2)))), path).toBe(true);
    });

    it('is packaged with a licence, a changelog and where the project lives (no --skip-license)', () => {
        expect(manifest.license).toBe('MIT');
        expect(existsSync(`${extensionDir}/../../LICENSE`)).toBe(true);
        expect(existsSync(`${extensionDir}/../../CHANGELOG.md`)).toBe(true);
        expect(manifest.repository.url).toMatch(/^https:\/\//);
        expect(manifest.scripts.vsix).not.toMatch(/--skip-license|--allow-missing-repository/);
    });

    it('contributes a $sla problem matcher that reads the CLI\'s problem lines', () => {
        const [matcher] = manifest.contributes.problemMatchers;
        expect(matcher.name).toBe('sla');
        const pattern = new RegExp(matcher.pattern.regexp);
        const line = 'examples/a b/shop.sla:16:41: error: Ambiguous window: \'monthly\' can mean a calendar month [x]. Write it. [sla/window-ambiguous]';
        const match = pattern.exec(line)!;
        expect([match[matcher.pattern.file], match[matcher.pattern.line], match[matcher.pattern.column], match[matcher.pattern.severity]])
            .toEqual(['examples/a b/shop.sla', '16', '41', 'error']);
        expect(match[matcher.pattern.message]).toBe('Ambiguous window: \'monthly\' can mean a calendar month [x]. Write it.');
        expect(match[matcher.pattern.code]).toBe('sla/window-ambiguous');
        // A Windows path keeps its drive letter; a line without a code still matches.
        expect(pattern.exec('C:\\ws\\shop.sla:2:3: warning: Vague.')!.slice(1, 5)).toEqual(['C:\\ws\\shop.sla', '2', '3', 'warning']);
        expect(pattern.exec('3 errors in 1 file.')).toBeNull();
    });

    it('contributes the task type, the restart command, the trace setting and the .slarc.json schema', () => {
        expect(manifest.contributes.taskDefinitions[0]).toMatchObject({ type: 'sla', required: ['command'] });
        expect(manifest.contributes.commands.map((c: any) => c.command)).toContain('sla.restartServer');
        expect(manifest.contributes.configuration.properties['sla.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '.slarc.json', url: './schemas/slarc.schema.json' }]);
        expect(manifest.capabilities.virtualWorkspaces.supported).toBe('limited');
    });
});

describe('language configuration', () => {
    it('uses // and /* */ comments and pairs braces, parentheses and quotes', () => {
        expect(languageConfiguration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(languageConfiguration.brackets).toEqual([['{', '}'], ['(', ')']]);
        expect(languageConfiguration.surroundingPairs).toContainEqual(['"', '"']);
    });

    it('takes a number with its unit, a date and wall-clock as one word', () => {
        const words = 'objective P95Latency <= 99.9% per rolling 7 days from 2026-01-01 wall-clock'.match(new RegExp(languageConfiguration.wordPattern, 'g'));
        expect(words).toEqual(['objective', 'P95Latency', '99.9%', 'per', 'rolling', '7', 'days', 'from', '2026-01-01', 'wall-clock']);
    });

    it('indents after an opening brace and outdents on a closing one', () => {
        const increase = new RegExp(languageConfiguration.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(languageConfiguration.indentationRules.decreaseIndentPattern);
        expect(increase.test('    service WebShop "Acme web shop" {')).toBe(true);
        expect(increase.test('    credit for Availability per calendar month {  // tiers')).toBe(true);
        expect(increase.test('    objective Availability >= 99.9% per calendar month')).toBe(false);
        expect(increase.test('    // a comment with {')).toBe(false);
        expect(decrease.test('    }')).toBe(true);
    });
});
