import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, TextDocument } from 'langium';
import { clearDocuments, expectFormatting, parseDocument } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { formatSlaText } from '../../src/lsp/format-text.js';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

const examplesRoot = path.resolve(__dirname, '../../../../examples');
const examples = fs.readdirSync(examplesRoot, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.sla')).sort();

describe('formatting', () => {
    test('there are examples to check', () => {
        expect(examples.length).toBeGreaterThan(0);
    });

    test.each(examples)('examples/%s is already formatted (formatting changes nothing)', async (file) => {
        const text = fs.readFileSync(path.join(examplesRoot, file), 'utf8');
        await formatting({ before: text, after: text });
    });

    test('the test fixture is already formatted', async () => {
        await formatting({ before: AGREEMENT, after: AGREEMENT });
    });

    test('a messy agreement: indentation, one space between words, 99.9% glued, blank lines kept, formula layout kept', async () => {
        const before = [
            'agreement   Shop {',
            'timezone    "Europe/Berlin"',
            '      valid from 2026-01-01   to 2026-12-31',
            '',
            '  dataset requests from "r.csv" {',
            '     time      timestamp',
            '        status    integer',
            '  }',
            '  service WebShop{',
            '    kpi ErrorRate "Share of requests that failed"   =',
            '            count(requests where status >= 500)',
            '              / count(requests)',
            '  objective ErrorRate   <    0.5 %   per rolling 7 days',
            '  credit for ErrorRate per calendar month ,capped at 50 % of fee {',
            'above 0.5% : 10% of fee',
            '}',
            '}',
            '}',
            ''
        ].join('\n');
        const after = [
            'agreement Shop {',
            '    timezone "Europe/Berlin"',
            '    valid from 2026-01-01 to 2026-12-31',
            '',
            '    dataset requests from "r.csv" {',
            '        time      timestamp',
            '        status    integer',
            '    }',
            '    service WebShop {',
            '        kpi ErrorRate "Share of requests that failed" =',
            '            count(requests where status >= 500)',
            '              / count(requests)',
            '        objective ErrorRate < 0.5% per rolling 7 days',
            '        credit for ErrorRate per calendar month, capped at 50% of fee {',
            '            above 0.5% : 10% of fee',
            '        }',
            '    }',
            '}',
            ''
        ].join('\n');
        await formatting({ before, after });
        // Idempotent: formatting the result again changes nothing.
        await formatting({ before: after, after });
    });

    test('a promise over the term and a missed tier: one space between words, commas glued to the word before', async () => {
        const term = (objective: string, tier: string) => AGREEMENT
            .replace('        objective Availability >= 99.9% per calendar month\n', `        ${objective}\n`)
            .replace('            below 99.9% : 10% of fee\n', `            ${tier}\n`);
        await formatting({
            before: term('objective Availability >= 99.9% per calendar month   from  2026-04-01 ,>=  99.95%   from 2027-01-01', 'missed   :  10% of fee'),
            after: term('objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2027-01-01', 'missed : 10% of fee')
        });
        const payable = (head: string) => AGREEMENT.replace('        credit for Availability per calendar month, capped at 50% of fee {', `        ${head} {`);
        await formatting({
            before: payable('credit for Availability per calendar month   from   2026-04-01 ,  capped at 50% of fee'),
            after: payable('credit for Availability per calendar month from 2026-04-01, capped at 50% of fee')
        });
    });

    test('one row per: one space between words, commas glued to the field before', async () => {
        const keyed = (line: string) => AGREEMENT.replace('dataset incidents "Incident register" from "data/incidents.csv" {', `$&\n${line}`);
        await formatting({ before: keyed('      one   row  per started ,severity'), after: keyed('        one row per started, severity') });
    });

    test('a formula credit and claim terms: one space between words, none inside parentheses', async () => {
        const credit = (tier: string, claim: string, minimum: string) => AGREEMENT.replace('            below 99.0% : 25% of fee\n',
            `            below 99.0% : ${tier}\n            ${claim}\n            ${minimum}\n`);
        await formatting({
            before: credit('25   *  ( 100% -   Availability )  * fee', 'claim    within   15 days', 'no  credit below   10 EUR'),
            after: credit('25 * (100% - Availability) * fee', 'claim within 15 days', 'no credit below 10 EUR')
        });
    });

    describe('line endings: the file\'s own (CRLF stays CRLF)', () => {
        const crlf = (text: string) => text.replace(/\n/g, '\r\n');
        const messy = ['agreement F "F" {', 'provider P "P"', '      customer C "C"', '    valid from 2026-01-01 to 2026-12-31', '    timezone "UTC"', '}', ''].join('\n');
        const tidy = ['agreement F "F" {', '    provider P "P"', '    customer C "C"', '    valid from 2026-01-01 to 2026-12-31', '    timezone "UTC"', '}', ''].join('\n');

        /** The editor's formatting of `text`, line endings as they come (expectFormatting compares with line endings normalised). */
        const formatted = async (text: string): Promise<string> => {
            const document = await parseDocument(services, text);
            const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { insertSpaces: true, tabSize: 4 } });
            return TextDocument.applyEdits(document.textDocument, edits);
        };

        test('the lines re-indented in a CRLF document end in CRLF, as the others', async () => {
            expect(await formatted(crlf(messy))).toBe(crlf(tidy));
            expect(await formatted(messy)).toBe(tidy);
        });

        test('a line ending in LF among CRLF lines is a change to make (and made), not taken as formatted', async () => {
            expect(await formatted(crlf(tidy).replace('"F" {\r\n', '"F" {\n'))).toBe(crlf(tidy));
            expect(await formatted(crlf(tidy))).toBe(crlf(tidy));
        });

        test('sla format\'s text: every line break in the file\'s style, those inside a formula and a comment too', async () => {
            const formula = crlf(AGREEMENT.replace('        objective Availability >= 99.9% per calendar month\n', '        /* two\n           lines */\n        objective Availability >= 99.9% per calendar month\n'));
            const mixed = formula.replace('/* two\r\n', '/* two\n');
            const result = await formatSlaText(mixed);
            expect(result).toEqual({ ok: true, text: formula });
        });
    });

    describe('a block comment of several lines is moved as a whole', () => {
        const agreement = (comment: string[]) => [
            'agreement F "F" {',
            '    provider P "P"',
            '    customer C "C"',
            '    valid from 2026-01-01 to 2026-12-31',
            ...comment,
            '    timezone "UTC"',
            '}',
            ''
        ].join('\n');
        /** The comment's words, whatever the layout. */
        const commentWords = (text: string) => /\/\*[\s\S]*?\*\//.exec(text)![0].split(/\s+/).filter(Boolean);

        test('under-indented: every line shifted right by the same columns, words unchanged, twice the same', async () => {
            const before = agreement(['  /* block', '     comment */']);
            const after = agreement(['    /* block', '       comment */']);
            await formatting({ before, after });
            await formatting({ before: after, after });
            // What `sla format` runs: its guard (only whitespace changed) accepts the move.
            const once = await formatSlaText(before);
            expect(once).toEqual({ ok: true, text: after });
            expect(await formatSlaText(after)).toEqual({ ok: true, text: after });
            expect(commentWords(after)).toEqual(commentWords(before));
        });

        test('over-indented: shifted left, the alignment of its lines kept, none past column 0, blank lines left alone', async () => {
            const before = agreement(['          /*', '           * aligned stars', '', '  * short', '           */']);
            const after = agreement(['    /*', '     * aligned stars', '', '* short', '     */']);
            await formatting({ before, after });
            await formatting({ before: after, after });
            expect(await formatSlaText(before)).toEqual({ ok: true, text: after });
        });

        test('indented with tabs: measured in columns, rewritten with the spaces of the options', async () => {
            const before = agreement(['\t\t/* block', '\t\t   comment */']);
            const after = agreement(['    /* block', '       comment */']);
            await formatting({ before, after });
            expect(await formatSlaText(before)).toEqual({ ok: true, text: after });
        });

        test('formatted with tabs (tab size 4): comments indented as the statements, a block comment moved as a whole', async () => {
            // Two levels in: two tabs (8 columns). The line comment was at 8 spaces (8 columns: in
            // place, written with tabs); the block comment's first line at 8 spaces, its second at
            // 11 (3 columns further, kept: two tabs and three spaces). Langium took 2 tabs for 2
            // columns: the block comment went to column 2, its second line to `\t ` (5 columns).
            const before = [
                'agreement T "T" {',
                '    provider P "P"',
                '    customer C "C"',
                '    valid from 2026-01-01 to 2026-12-31',
                '    timezone "UTC"',
                '    service Web "Web" {',
                '        // a comment on its own line',
                '        kpi N "n" = 1',
                '        /* a block comment',
                '           of two lines */',
                '        objective N <= 5 per calendar month',
                '    }',
                '}',
                ''
            ].join('\n');
            const after = [
                'agreement T "T" {',
                '\tprovider P "P"',
                '\tcustomer C "C"',
                '\tvalid from 2026-01-01 to 2026-12-31',
                '\ttimezone "UTC"',
                '\tservice Web "Web" {',
                '\t\t// a comment on its own line',
                '\t\tkpi N "n" = 1',
                '\t\t/* a block comment',
                '\t\t   of two lines */',
                '\t\tobjective N <= 5 per calendar month',
                '\t}',
                '}',
                ''
            ].join('\n');
            const options = { tabSize: 4, insertSpaces: false };
            await formatting({ before, after, options });
            await formatting({ before: after, after, options });
            // Back to spaces: every comment where the statements are.
            await formatting({ before: after, after: before });
        });

        test('a comment already in place, or after a word on its line, is left as it is', async () => {
            const placed = agreement(['    /* block', '  comment */']);
            await formatting({ before: placed, after: placed });
            const trailing = agreement([]).replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 2026-12-31 /* block\n comment */');
            await formatting({ before: trailing, after: trailing });
        });
    });

    describe('by plan { … }: each plan line one level inside its statement, `}` at the statement\'s indentation', () => {
        const agreement = (lines: string[]) => [
            'agreement A "A" {',
            '    plans Basic, Pro',
            '    dataset cases from "cases.csv" {',
            '        id        string',
            '        opened    timestamp',
            '        answered  timestamp',
            '    }',
            '    service S "s" {',
            '        kpi Resp "r" = max(elapsed(cases.opened, cases.answered) wall-clock)',
            ...lines,
            '    }',
            '}',
            ''
        ].join('\n');
        const tidy = (head: string, tail = '} per calendar month') => agreement([
            `        ${head} by plan {`,
            '            Basic: < 1 hour,',
            '            Pro: < 2 hours',
            `        ${tail}`
        ]);

        test('a plan line less indented than the block goes one level in', async () => {
            const before = agreement(['        objective Resp by plan {', '        Basic: < 1 hour,', '            Pro: < 2 hours', '        } per calendar month']);
            await formatting({ before, after: tidy('objective Resp') });
        });

        test('a plan line more indented than the block, and a misplaced `}`, come back to the block\'s indentation', async () => {
            const before = agreement(['        objective Resp by plan {', '                  Basic: < 1 hour,', '  Pro: < 2 hours', '            } per calendar month']);
            await formatting({ before, after: tidy('objective Resp') });
        });

        test('objective each …: Kpi by plan { … } alike', async () => {
            const head = 'objective each cases by id where opened > answered: Resp';
            const before = agreement([`        ${head} by plan {`, 'Basic: < 1 hour,', '      Pro: < 2 hours', '    } per calendar month']);
            await formatting({ before, after: tidy(head) });
        });

        test('an internal target by plan alike', async () => {
            const before = agreement(['        internal target Resp by plan {', '    Basic: < 1 hour,', '               Pro: < 2 hours', '} per calendar month owner "ops"']);
            await formatting({ before, after: tidy('internal target Resp', '} per calendar month owner "ops"') });
        });

        test('a comment on its own line goes with the plan line after it', async () => {
            const before = agreement(['        objective Resp by plan {', '  // the cheap plan', '  Basic: < 1 hour,', '            Pro: < 2 hours', '        } per calendar month']);
            const after = agreement(['        objective Resp by plan {', '            // the cheap plan', '            Basic: < 1 hour,', '            Pro: < 2 hours', '        } per calendar month']);
            await formatting({ before, after });
            const sameLine = agreement(['        objective Resp by plan {', '            Basic: < 1 hour, // cheap', '  /* dear */ Pro: < 2 hours', '    // end', '        } per calendar month']);
            await formatting({ before: sameLine, after: sameLine.replace('  /* dear', '            /* dear').replace('    // end', '            // end') });
        });

        test('indented with tabs when the options say so', async () => {
            const tabs = (text: string) => text.replace(/^((?:    )+)/gm, indent => '\t'.repeat(indent.length / 4));
            const before = agreement(['        objective Resp by plan {', '    Basic: < 1 hour,', '\t\t\t\tPro: < 2 hours', '\t} per calendar month']);
            await formatting({ before, after: tabs(tidy('objective Resp')), options: { insertSpaces: false, tabSize: 4 } });
        });

        test('already formatted text, on several lines or on one, is unchanged', async () => {
            for (const text of [
                tidy('objective Resp'),
                tidy('objective each cases by id where opened > answered: Resp'),
                tidy('internal target Resp', '} per calendar month owner "ops"'),
                agreement(['        objective Resp by plan { Basic: < 1 hour, Pro: < 2 hours } per calendar month']),
                agreement(['        objective Resp by plan {', '            Basic: < 1 hour,', '', '            Pro: < 2 hours,', '        } per calendar month'])
            ]) {
                await formatting({ before: text, after: text });
            }
        });
    });
});
