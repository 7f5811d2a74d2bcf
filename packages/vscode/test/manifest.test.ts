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
        for (const path of ['out/extension.cjs', 'out/server.cjs', 'out/evaluation-worker.cjs', 'syntaxes/sla.tmLanguage.json', 'language-configuration.json']) {
            expect(kept).toContain(`!${path}`);
        }
        expect(kept).toContain('!icons/**');
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
