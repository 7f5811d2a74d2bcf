/**
 * Formulas nested deeper than the parser's stack allows (internals/parser/nesting-limit-lexer.ts):
 * the lexer drops the excess parentheses and prefix operators from the token stream and
 * reports them; nothing a user can type makes the parser throw.
 *
 * A dropped token is as if its characters were spaces: each case compares the lexer's tokens
 * with the tokens of the text with those characters blanked by hand.
 */
import { DefaultLexer, EmptyFileSystem, LangiumParser, URI, type LexerResult } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import type { Agreement, Document, Kpi, Service } from '../../../src/generated/ast.js';
import { createSlaServices } from '../../../src/sla-module.js';
import { NESTING_LIMIT, TERM_LIMIT, type NestingLimitLexer } from '../../../src/internals/parser/nesting-limit-lexer.js';

const TOO_DEEP = `Parentheses nest more than ${NESTING_LIMIT} levels deep here, too deep to read. Split the formula into smaller KPIs.`;
const TOO_LONG = `This formula has more than ${TERM_LIMIT} operators, too many to read. Split it into smaller KPIs.`;
const TOO_MANY = `More than ${NESTING_LIMIT} 'not' or '-' in a row, too many to read. Remove the repeated operators.`;

const kpi = (formula: string) => `agreement A {\n    service S {\n        kpi K = ${formula}\n    }\n}\n`;
const nested = (depth: number) => `${'('.repeat(depth)}1${')'.repeat(depth)}`;

const { Sla } = createSlaServices(EmptyFileSystem);
const lexer = Sla.parser.Lexer as NestingLimitLexer;
/** Langium's own lexer for the same language, which lets everything through. */
const plainLexer = new DefaultLexer(Sla);

const tokensOf = (result: LexerResult) => result.tokens.map(token => `${token.startOffset}:${token.image}`);
/** The nesting problems found in `text`: where, how long, what. */
const problemsIn = (text: string) => lexer.tokenize(text).errors.map(({ offset, length, message }) => ({ offset, length, message }));

/** The lexer lets `text` through unchanged. */
function expectUnchanged(text: string): void {
    expect(tokensOf(lexer.tokenize(text))).toEqual(tokensOf(plainLexer.tokenize(text)));
    expect(problemsIn(text)).toEqual([]);
}

describe('the nesting limit in the lexer', () => {
    test(`${NESTING_LIMIT} nested parentheses are left alone`, () => {
        expectUnchanged(kpi(nested(NESTING_LIMIT)));
    });

    test('one level more: that parenthesis and its partner are dropped, and the place is reported', () => {
        const text = kpi(nested(NESTING_LIMIT + 1));
        const innermost = text.indexOf('1)');
        const opening = innermost - 1;
        const closing = innermost + 1;
        const blanked = text.slice(0, opening) + ' 1 ' + text.slice(closing + 1);
        expect(tokensOf(lexer.tokenize(text))).toEqual(tokensOf(plainLexer.tokenize(blanked)));
        expect(problemsIn(text)).toEqual([{ offset: opening, length: 1, message: TOO_DEEP }]);
        // Line and column as Langium reports lexing errors: 1-based, on the formula's line.
        const [error] = lexer.tokenize(text).errors;
        expect([error!.line, error!.column]).toEqual([3, opening - text.indexOf('        kpi') + 1]);
    });

    test('parentheses inside strings and comments do not count', () => {
        const many = '('.repeat(NESTING_LIMIT * 2);
        expectUnchanged(`${kpi('1')}// ${many}\n/* ${many} */\nagreement B "${many}" {}\n`);
    });

    test('a long run of not and - is cut to the limit; long binary chains and dates are not runs', () => {
        const run = kpi('not '.repeat(NESTING_LIMIT + 3) + 'true');
        expect(tokensOf(lexer.tokenize(run))).toEqual(tokensOf(plainLexer.tokenize(kpi('not '.repeat(NESTING_LIMIT) + '    '.repeat(3) + 'true'))));
        const formulaStart = kpi('').indexOf('K = ') + 4;
        expect(problemsIn(run)).toEqual([{ offset: formulaStart + 'not '.repeat(NESTING_LIMIT).length, length: 3, message: TOO_MANY }]);

        const negations = kpi('- '.repeat(NESTING_LIMIT + 1) + '1');
        expect(problemsIn(negations).map(p => p.message)).toEqual([TOO_MANY]);

        const chain = kpi(Array.from({ length: 200 }, () => '1').join(' - '));
        const dates = `${kpi('1')}${Array.from({ length: 100 }, (_, i) => `// 2026-01-${String(i % 28 + 1).padStart(2, '0')}`).join('\n')}\n`;
        const names = kpi(Array.from({ length: 100 }, () => 'nothing').join(' + '));
        for (const text of [chain, dates, names]) expectUnchanged(text);
    });
});

/** `terms` operands joined by `operator`: a chain of `terms - 1` operators. */
const chain = (terms: number, operator = '+', operand = '1') => Array.from({ length: terms }, () => operand).join(` ${operator} `);

describe('the limit on operators per formula', () => {
    test(`${TERM_LIMIT} operators are left alone, the kpi's own '=' not counted; more than one formula may each have as many`, () => {
        expectUnchanged(kpi(chain(TERM_LIMIT + 1)));
        expectUnchanged(kpi(chain(TERM_LIMIT + 1, 'and', 'true')) + kpi(chain(TERM_LIMIT + 1, '*')));
        // Comparisons and minus count as well: 100 `(1 - 1) < 1` joined by `and` are 299 operators, `or` one more, 199 `/`: 499.
        expectUnchanged(kpi(chain(100, 'and', '(1 - 1) < 1') + ' or ' + chain(TERM_LIMIT - 300, '/')));
    });

    test('one operator more: it and the rest of the formula are dropped, with one error there; the next declaration reads', () => {
        const text = `${kpi(chain(TERM_LIMIT + 5))}agreement B {}\n`;
        const formulaStart = text.indexOf('K = ') + 4;
        const cut = formulaStart + `${chain(TERM_LIMIT + 1)} `.length; // the 501st '+'
        const formulaEnd = text.indexOf('\n', cut);
        const blanked = text.slice(0, cut) + ' '.repeat(formulaEnd - cut) + text.slice(formulaEnd);
        expect(tokensOf(lexer.tokenize(text))).toEqual(tokensOf(plainLexer.tokenize(blanked)));
        expect(problemsIn(text)).toEqual([{ offset: cut, length: 1, message: TOO_LONG }]);
    });

    test('a cut inside parentheses keeps the ones that close what was opened before it', () => {
        const text = kpi(`(((${chain(TERM_LIMIT + 2)}) + (1 + 1)))`);
        const cut = text.indexOf('K = ') + 4 + `(((${chain(TERM_LIMIT + 1)} `.length;
        const closing = text.indexOf(')', cut);
        // Dropped: from the cut to the first ')', then ' + (1 + 1)' (its parenthesis opened after the cut); kept: '))'.
        const inner = text.indexOf('(1 + 1)');
        const blanked = text.slice(0, cut) + ' '.repeat(closing - cut) + ')' + ' '.repeat(inner + '(1 + 1)'.length - closing - 1) + text.slice(inner + '(1 + 1)'.length);
        expect(tokensOf(lexer.tokenize(text))).toEqual(tokensOf(plainLexer.tokenize(blanked)));
        expect(problemsIn(text).map(p => p.message)).toEqual([TOO_LONG]);
    });

    test('a declaration keyword used as a name inside the formula does not start a new count; one after an operand does', () => {
        // `service` and `kpi` are names here (fields may be called like keywords): still one formula of 501 operators.
        expect(problemsIn(kpi(chain(TERM_LIMIT + 1, '+', 'service') + ' + kpi')).map(p => p.message)).toEqual([TOO_LONG]);
        expect(problemsIn(kpi(`count(a where ${chain(TERM_LIMIT + 2, 'and', 'kpi')})`)).map(p => p.message)).toEqual([TOO_LONG]);
        // Objectives after a KPI are not part of its formula: 1,000 comparisons in 1,000 objectives.
        const objectives = Array.from({ length: 1000 }, () => 'objective K >= 99.9% per calendar month').join('\n');
        expectUnchanged(kpi(`${chain(TERM_LIMIT)}\n${objectives}`));
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

    test('10,000 and 100,000 terms of + or and: one error on the formula\'s line, no overflow anywhere, and the next KPI is read', async () => {
        for (const formula of [chain(10_000), chain(10_000, 'and', 'true'), chain(100_000), chain(100_000, 'or', 'true')]) {
            const { shared } = createSlaServices(EmptyFileSystem);
            const text = kpi(`${formula}\n        kpi L = 1 + ${chain(TERM_LIMIT)}`);
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///long.sla'));
            shared.workspace.LangiumDocuments.addDocument(document);
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            const errors = document.diagnostics!.filter(d => d.severity === 1);
            expect(errors.map(d => [d.message, d.range.start.line]), formula.slice(0, 20)).toEqual([[TOO_LONG, 2]]);
            const agreement = (document.parseResult.value as Document).elements[0] as Agreement;
            expect((agreement.members[0] as Service).members.map(member => (member as Kpi).name)).toEqual(['K', 'L']);
        }
    });

    test('a formula at the limit, nested as deep as allowed, validates without overflowing the stack', async () => {
        const deepest = `${'('.repeat(NESTING_LIMIT)}${chain(TERM_LIMIT + 1, '*')}${')'.repeat(NESTING_LIMIT)}`;
        for (const formula of [chain(TERM_LIMIT + 1), chain(TERM_LIMIT / 2, 'and', 'not true'), deepest]) {
            const { shared } = createSlaServices(EmptyFileSystem);
            const document = shared.workspace.LangiumDocumentFactory.fromString(kpi(formula), URI.parse('file:///limit.sla'));
            shared.workspace.LangiumDocuments.addDocument(document);
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            expect(document.diagnostics!.filter(d => d.severity === 1).map(d => d.message), formula.slice(0, 20)).toEqual([]);
        }
    });

    test('beyond what the limit knows, a stack overflow gives an empty tree and an error, not an exception', () => {
        const { Sla } = createSlaServices(EmptyFileSystem);
        const parser = Sla.parser.LangiumParser;
        const deepLexer = Sla.parser.Lexer as NestingLimitLexer;
        deepLexer.nestingLimit = 1_000_000;
        const result = parser.parse(kpi(nested(5000)));
        expect(result.lexerErrors.map(e => e.message)).toContain('This text nests too deeply to be read. Look for a formula with very many parentheses or operators.');
        // The parser is fine afterwards.
        deepLexer.nestingLimit = NESTING_LIMIT;
        const next = parser.parse(kpi('1 + 2'));
        expect([...next.lexerErrors, ...next.parserErrors]).toEqual([]);
        expect(next.value.$cstNode!.root.fullText).toBe(kpi('1 + 2'));
    });

    test('an overflow that surfaces as another error (Langium\'s clean-up failing in turn) is caught on a deep text only', () => {
        const { Sla } = createSlaServices(EmptyFileSystem);
        const parser = Sla.parser.LangiumParser;
        const cleanUpFailure = () => { throw new TypeError("Cannot read properties of undefined (reading 'elements')"); };
        // 100 nested parentheses: deeper than the default limit of 50, so taken as an overflow.
        vi.spyOn(LangiumParser.prototype, 'parse').mockImplementationOnce(cleanUpFailure);
        const deep = parser.parse(kpi(nested(100)));
        expect(deep.lexerErrors.map(e => e.message)).toEqual([TOO_DEEP, 'This text nests too deeply to be read. Look for a formula with very many parentheses or operators.']);
        // Within the limit the same error is a bug, and is thrown.
        vi.spyOn(LangiumParser.prototype, 'parse').mockImplementationOnce(cleanUpFailure);
        expect(() => parser.parse(kpi(nested(10)))).toThrow(TypeError);
        vi.restoreAllMocks();
    });
});
