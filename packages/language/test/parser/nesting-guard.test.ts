/**
 * Formulas nested deeper than the parser's stack allows (parser/nesting-guard.ts): the
 * excess parentheses and prefix operators are blanked before parsing and reported; nothing
 * a user can type makes the parser throw.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { defuseDeepNesting, NESTING_LIMIT } from '../../src/parser/nesting-guard.js';
import type { SlaLangiumParser } from '../../src/parser/sla-langium-parser.js';

const TOO_DEEP = `Parentheses nest more than ${NESTING_LIMIT} levels deep here, too deep to read. Split the formula into smaller KPIs.`;
const TOO_MANY = `More than ${NESTING_LIMIT} 'not' or '-' in a row, too many to read. Remove the repeated operators.`;

const kpi = (formula: string) => `agreement A {\n    service S {\n        kpi K = ${formula}\n    }\n}\n`;
const nested = (depth: number) => `${'('.repeat(depth)}1${')'.repeat(depth)}`;

describe('defuseDeepNesting', () => {
    test(`${NESTING_LIMIT} nested parentheses are left alone`, () => {
        const text = kpi(nested(NESTING_LIMIT));
        expect(defuseDeepNesting(text)).toEqual({ text, problems: [] });
    });

    test('one level more: that parenthesis and its partner become spaces, and the place is reported', () => {
        const text = kpi(nested(NESTING_LIMIT + 1));
        const { text: defused, problems } = defuseDeepNesting(text);
        const innermost = text.indexOf('1)');
        const opening = innermost - 1;
        const closing = innermost + 1;
        expect(defused).toBe(text.slice(0, opening) + ' 1 ' + text.slice(closing + 1));
        expect(defused.length).toBe(text.length);
        expect(problems).toEqual([{ offset: opening, length: 1, message: TOO_DEEP }]);
    });

    test('parentheses inside strings and comments do not count', () => {
        const many = '('.repeat(NESTING_LIMIT * 2);
        const text = `${kpi('1')}// ${many}\n/* ${many} */\nagreement B "${many}" {}\n`;
        expect(defuseDeepNesting(text)).toEqual({ text, problems: [] });
    });

    test('a long run of not and - is cut to the limit; long binary chains and dates are not runs', () => {
        const run = 'not '.repeat(NESTING_LIMIT + 3) + 'true';
        const { text: defused, problems } = defuseDeepNesting(kpi(run));
        expect(defused).toBe(kpi('not '.repeat(NESTING_LIMIT) + '    '.repeat(3) + 'true'));
        const formulaStart = kpi('').indexOf('K = ') + 4;
        expect(problems).toEqual([{ offset: formulaStart + 'not '.repeat(NESTING_LIMIT).length, length: 3, message: TOO_MANY }]);

        const negations = kpi('- '.repeat(NESTING_LIMIT + 1) + '1');
        expect(defuseDeepNesting(negations).problems.map(p => p.message)).toEqual([TOO_MANY]);

        const chain = kpi(Array.from({ length: 200 }, () => '1').join(' - '));
        const dates = `${kpi('1')}${Array.from({ length: 100 }, (_, i) => `// 2026-01-${String(i % 28 + 1).padStart(2, '0')}`).join('\n')}\n`;
        const names = kpi(Array.from({ length: 100 }, () => 'nothing').join(' + '));
        for (const text of [chain, dates, names]) expect(defuseDeepNesting(text)).toEqual({ text, problems: [] });
    });
});

describe('the parser on texts nested too deep', () => {
    test('builds and validates, with an error where the nesting goes too deep, for any depth', async () => {
        for (const formula of [nested(400), nested(5000), 'not '.repeat(3000) + 'true', '- '.repeat(3000) + '1', '-('.repeat(2000) + '1' + ')'.repeat(2000)]) {
            const { shared } = createSlaServices(EmptyFileSystem);
            const text = kpi(formula);
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///deep.sla'));
            shared.workspace.LangiumDocuments.addDocument(document);
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            const nesting = document.diagnostics!.filter(d => d.message === TOO_DEEP || d.message === TOO_MANY);
            expect(nesting, formula.slice(0, 20)).toHaveLength(1);
            // The error sits on the line of the formula, and the tree still reads the user's text.
            expect(nesting[0]!.range.start.line).toBe(2);
            expect(document.parseResult.value.$cstNode!.root.fullText).toBe(text);
        }
    });

    test('beyond what the guard knows, a stack overflow gives an empty tree and an error, not an exception', () => {
        const { Sla } = createSlaServices(EmptyFileSystem);
        const parser = Sla.parser.LangiumParser as SlaLangiumParser;
        parser.nestingLimit = 1_000_000;
        const result = parser.parse(kpi(nested(5000)));
        expect(result.lexerErrors.map(e => e.message)).toContain('This text nests too deeply to be read. Look for a formula with very many parentheses or operators.');
        // The parser is fine afterwards.
        parser.nestingLimit = NESTING_LIMIT;
        const next = parser.parse(kpi('1 + 2'));
        expect([...next.lexerErrors, ...next.parserErrors]).toEqual([]);
        expect(next.value.$cstNode!.root.fullText).toBe(kpi('1 + 2'));
    });
});
