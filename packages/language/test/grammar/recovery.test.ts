import { afterEach, describe, expect, it } from 'vitest';
import { isAgreement, isKpi, isService } from '../../src/generated/ast.js';
import { agreement, createTestServices } from '../test-services.js';

const { validate, clear } = createTestServices();
afterEach(clear);

const DATA = `    dataset r "Requests" from "r.csv" { time timestamp status integer }`;

/** Errors as `line:column message` (1-based). */
async function errorsOf(text: string): Promise<{ errors: string[]; kpis: string[] }> {
    const document = await validate(text);
    const errors = (document.diagnostics ?? [])
        .filter(d => d.severity === 1)
        .map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    const root = document.parseResult.value.elements.find(isAgreement);
    return { errors, kpis: root ? root.members.filter(isKpi).map(k => k.name) : [] };
}

describe('syntax errors: one clear message at the right place, and the rest of the file survives', () => {
    it('a broken KPI formula gives one error inside the formula; the following KPIs still parse', async () => {
        const { errors, kpis } = await errorsOf(agreement(`${DATA}
    kpi A = count(r where status >= )
    kpi B = count(r)
    kpi C = count(r where status > 1)`));
        expect(errors).toEqual([
            "4:37 Unexpected ')': expected a value: a number with its unit, a quoted text, a name (KPI, dataset or field) or a function such as count(…)."
        ]);
        expect(kpis).toEqual(['A', 'B', 'C']);
    });

    it('where the expected paths share the token found, the message names the token where they part', async () => {
        // `10% of fee`, `of service fee`, `of at-risk amount` all start with `of`: the fault is the word after it.
        const { errors } = await errorsOf(agreement(`${DATA}
    fee 100 EUR per calendar month
    kpi B = count(r)
    objective B >= 1 per calendar month
    credit for B per calendar month {
        below 1 : 10% of date
    }`));
        expect(errors).toEqual(["8:23 Unexpected 'date' after 'of': expected 'fee', 'service' or 'at-risk'."]);
    });

    it('a character the language does not read is named, with what to write instead', async () => {
        const umlaut = await validate('agreement Verfügbarkeit "V" {\n}\n');
        expect(umlaut.diagnostics!.map(d => d.message)[0]).toBe("'ü' cannot be part of a name: names are written with the letters a–z and A–Z, digits and '_' (write 'Verfuegbarkeit'); a title in quotes may hold any text (\"Verfügbarkeit\").");
        const accent = await validate('agreement Café {\n}\n');
        expect(accent.diagnostics![0]!.message).toContain("(write 'Cafe')");
        const quotes = await validate('agreement A \u201CTitle\u201D {\n}\n');
        expect(quotes.diagnostics![0]!.message).toBe('\'\u201C\' is a typographic quote: texts are written in straight double quotes ("…"), e.g. a title "Managed hosting".');
        const symbol = await validate('agreement A § {\n}\n');
        expect(symbol.diagnostics![0]!.message).toBe("The character '§' (U+00A7) is not part of the language here: remove it, or write it inside a quoted text.");
        // Not Chevrotain's own wording.
        for (const document of [umlaut, accent, quotes, symbol]) expect(document.diagnostics!.some(d => d.message.includes('unexpected character: ->'))).toBe(false);
    });

    it('the end of the file is said as such', async () => {
        const { errors } = await errorsOf('agreement A "a" {\n    provider P "P"\n');
        expect(errors[0]).toMatch(/^\d+:\d+ Unexpected end of the file in the agreement: /);
    });

    it('a misspelt keyword is named with the keyword it was probably meant to be', async () => {
        const { errors, kpis } = await errorsOf(agreement(`${DATA}
    objectve B >= 1% per calendar month
    kpi B = count(r)`));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^4:5 Unexpected 'objectve' in the agreement: a line here starts with .*'objective'.*Did you mean 'objective'\?$/);
        expect(kpis).toEqual(['B']);
    });

    it('a misspelt keyword on the agreement\'s last line is one error, not also "Unexpected end of the file"', async () => {
        // The parser's recovery swallows the agreement's closing brace; the braces balance, so no brace is missing.
        const last = await errorsOf(agreement(`${DATA}
    kpi B = count(r)
    objectve B >= 1% per calendar month`));
        expect(last.errors).toHaveLength(1);
        expect(last.errors[0]).toMatch(/^5:5 Unexpected 'objectve' in the agreement: .*Did you mean 'objective'\?$/);
        // A brace really missing (the "}" in a quoted text is no brace): the end of the file is reported too, after `count(r)`.
        const cut = await errorsOf(`agreement A "A" {\n    clause X "see }"\n    objectve B >= 1% per calendar month\n    kpi B = count(r)\n`);
        expect(cut.errors.filter(error => error.includes('Unexpected')).map(error => error.split(' ').slice(0, 3).join(' '))).toEqual(["3:5 Unexpected 'objectve'", '4:21 Unexpected end']);
    });

    it('a misspelt field type gets one error naming the right type', async () => {
        const { errors } = await errorsOf(agreement(`    dataset r "Requests" from "r.csv" { time timestamp status integr }
    kpi B = count(r)`));
        expect(errors).toEqual([
            `3:63 Unknown field type 'integr': use timestamp, duration <unit>, number, integer, percent, text, boolean or one of "a", "b". Did you mean 'integer'?`
        ]);
    });

    it('a misspelt function gets one error naming the right function', async () => {
        const { errors, kpis } = await errorsOf(agreement(`${DATA}
    kpi A = cout(r where status >= 500)
    kpi B = count(r)`));
        expect(errors).toEqual([
            "4:13 Unknown function 'cout': formulas can use count, sum, avg, min, max, percentile, share, uptime, elapsed. Did you mean 'count'?"
        ]);
        expect(kpis).toEqual(['A', 'B']);
    });

    it('two broken lines give one error each, without follow-on errors', async () => {
        const { errors, kpis } = await errorsOf(agreement(`${DATA}
    kpi B = count(r where status >= 5 and)
    objective B >= 99.9%% per calendar month
    kpi C = count(r)`));
        expect(errors.map(e => e.split(' ')[0])).toEqual(['4:42', '5:25']);
        expect(errors[1]).toContain("Unexpected '%' in the agreement");
        expect(kpis).toEqual(['B', 'C']);
    });

    it('a document cut in the middle of a declaration reports the end of the file', async () => {
        const { errors } = await errorsOf(`agreement A "A" {\n    kpi B = count(`);
        expect(errors.length).toBeGreaterThanOrEqual(1);
        expect(errors[0]).toMatch(/^2:\d+ .*end of the file/);
    });
    // A fee inside a service is now the service's own fee; a validity stands for the agreement-level lines that are misplaced there.
    it('a validity written inside a service is one error saying where it belongs; the rest of the file is intact', async () => {
        // Before, the parser left the service at `fee` and read `per calendar month` as a
        // calendar called 'month': 28 errors, among them "A calendar named 'month' is already declared".
        const text = `agreement A "A" {
    timezone "UTC"
    valid from 2026-01-01 to 2026-12-31
    fee 1000 EUR per calendar month
${DATA}
    service S "Shop" {
        valid from 2026-01-01 to 2026-06-30
        kpi Errors = count(r where status >= 500) / count(r)
        objective Errors <= 1% per calendar month
    }
    service T "Desk" {
        kpi Load = count(r)
        objective Load <= 1000 per calendar month
    }
}
`;
        const document = await validate(text);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        expect(errors.map(e => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`)).toEqual([
            "7:9 The validity period belongs to the agreement, not to a service: the service 'S' cannot have its own. The agreement already states 'valid from 2026-01-01 to 2026-12-31': remove 'valid from 2026-01-01 to 2026-06-30' from the service, or change the agreement's if this one is meant."
        ]);
        const root = document.parseResult.value.elements.find(isAgreement)!;
        const services = root.members.filter(isService);
        expect(services.map(s => [s.name, s.members.filter(isKpi).map(k => k.name)])).toEqual([['S', ['Errors']], ['T', ['Load']]]);
    });
});

describe('a formula nested too deep: the lexer\'s message alone', () => {
    it('51 nested calls give the nesting error only, not a second "Expected \'(\'" at the call whose parenthesis was dropped', async () => {
        // The lexer drops the 51st `(` and its `)` (internals/parser/nesting-limit-lexer.ts): the parser then reads
        // `count requests` and complained about the gap, on the same line.
        const depth = 51;
        const formula = `${'count('.repeat(depth)}r${')'.repeat(depth)}`;
        const { errors } = await errorsOf(agreement(`${DATA}\n    kpi K = ${formula}`));
        const column = '    kpi K = '.length + 'count('.repeat(depth - 1).length + 'count'.length + 1;
        expect(errors).toEqual([`4:${column} Parentheses nest more than 50 levels deep here, too deep to read. Split the formula into smaller KPIs.`]);
    });

    it('a syntax error on another line is still reported', async () => {
        const formula = `${'count('.repeat(51)}r${')'.repeat(51)}`;
        const { errors } = await errorsOf(agreement(`${DATA}\n    kpi K = ${formula}\n    kpi L = count(r where status >= )`));
        expect(errors).toHaveLength(2);
        expect(errors[1]).toMatch(/^5:\d+ Unexpected '\)'/);
    });
});
