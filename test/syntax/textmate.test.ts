// Checks the hand-written TextMate grammar with the same engine VS Code uses
// (vscode-textmate over the Oniguruma regex library compiled to WebAssembly).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const grammarPath = fileURLToPath(new URL('../../syntaxes/sla.tmLanguage.json', import.meta.url));
const grammarJson: unknown = JSON.parse(readFileSync(grammarPath, 'utf8'));

let grammar: textmate.IGrammar;

beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text: string) => new oniguruma.OnigString(text)
        }),
        loadGrammar: async (scopeName) =>
            scopeName === 'source.sla' ? textmate.parseRawGrammar(JSON.stringify(grammarJson), grammarPath) : null
    });
    const loaded = await registry.loadGrammar('source.sla');
    if (!loaded) throw new Error('grammar source.sla did not load');
    grammar = loaded;
});

interface Token { text: string; scopes: string[] }

/** Tokenizes consecutive lines, carrying the rule stack across lines like the editor does. */
function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let ruleStack = textmate.INITIAL;
    for (const line of source.split('\n')) {
        const result = grammar.tokenizeLine(line, ruleStack);
        for (const token of result.tokens) {
            tokens.push({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
        }
        ruleStack = result.ruleStack;
    }
    return tokens;
}

/** The innermost scope of the first token whose text is exactly `text`. */
function scopeOf(source: string, text: string, occurrence = 0): string {
    const matching = tokenize(source).filter((token) => token.text === text);
    const token = matching[occurrence];
    if (!token) throw new Error(`no token "${text}" in ${JSON.stringify(tokenize(source).map((t) => t.text))}`);
    return token.scopes[token.scopes.length - 1]!;
}

/** Every `match`, `begin` and `end` regex anywhere in the grammar. */
function collectRegexes(node: unknown, found: string[] = []): string[] {
    if (Array.isArray(node)) {
        for (const item of node) collectRegexes(item, found);
    } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') found.push(value);
            else collectRegexes(value, found);
        }
    }
    return found;
}

describe('TextMate grammar source.sla', () => {
    it('has the scope name VS Code registers', () => {
        expect((grammarJson as { scopeName: string }).scopeName).toBe('source.sla');
    });

    it('compiles every regex with Oniguruma', () => {
        const regexes = collectRegexes(grammarJson);
        expect(regexes.length).toBeGreaterThan(20);
        for (const regex of regexes) {
            expect(() => new oniguruma.OnigScanner([regex]).dispose(), regex).not.toThrow();
        }
    });

    it('scopes line, block and doc comments, across lines', () => {
        expect(scopeOf('// a note', ' a note')).toBe('comment.line.double-slash.sla');
        expect(scopeOf('/* a\nblock */ kpi', 'block ')).toBe('comment.block.sla');
        expect(scopeOf('/** the doc */', ' the doc ')).toBe('comment.block.documentation.sla');
        // `/` outside comments is division
        expect(scopeOf('a / b', '/')).toBe('keyword.operator.arithmetic.sla');
    });

    it('scopes strings with escaped quotes as one string', () => {
        const source = 'title "say \\"hi\\" now" kpi';
        expect(scopeOf(source, '\\"')).toBe('constant.character.escape.sla');
        expect(scopeOf(source, ' now')).toBe('string.quoted.double.sla');
        expect(scopeOf(source, 'kpi')).toBe('storage.type.declaration.sla');
    });

    it('scopes dates, times and weekdays', () => {
        expect(scopeOf('valid from 2026-01-01 to 2026-12-31', '2026-01-01')).toBe('constant.numeric.date.sla');
        expect(scopeOf('valid from 2026-01-01 to 2026-12-31', 'from')).toBe('keyword.other.sla');
        const hours = 'monday to friday 08:00 to 18:00';
        expect(scopeOf(hours, 'monday')).toBe('constant.language.weekday.sla');
        expect(scopeOf(hours, '08:00')).toBe('constant.numeric.time.sla');
    });

    it('scopes numbers and their attached units', () => {
        const cases: Array<[string, string, string]> = [
            ['objective P95Latency <= 300 ms per calendar month', '300', 'ms'],
            ['objective Availability >= 99.9% per calendar month', '99.9', '%'],
            ['fee 12000 EUR per calendar month', '12000', 'EUR'],
            ['objective P1Response <= 30 minutes per calendar month', '30', 'minutes'],
            ['objective ErrorRate < 0.5% per rolling 7 days', '7', 'days'],
            ['share(t where elapsed(a, b) during Office <= 2 business days of t)', '2', 'business days']
        ];
        for (const [source, number, unit] of cases) {
            expect(scopeOf(source, number), source).toBe('constant.numeric.sla');
            expect(scopeOf(source, unit), source).toBe('keyword.other.unit.sla');
        }
        expect(scopeOf('percentile(95, x)', '95')).toBe('constant.numeric.sla');
    });

    it('scopes windows and comparison operators', () => {
        const source = 'objective Availability >= 99.9% per calendar month';
        expect(scopeOf(source, 'objective')).toBe('storage.type.declaration.sla');
        expect(scopeOf(source, '>=')).toBe('keyword.operator.comparison.sla');
        expect(scopeOf(source, 'per')).toBe('keyword.other.window.sla');
        expect(scopeOf(source, 'calendar')).toBe('keyword.other.window.sla');
        expect(scopeOf('objective Uptime >= 99.99% per fiscal quarter', 'fiscal')).toBe('keyword.other.window.sla');
        expect(scopeOf('objective X >= 1 monthly', 'monthly')).toBe('keyword.other.window.sla');
    });

    it('names the declared entity after a declaration keyword', () => {
        expect(scopeOf('agreement AcmeHosting "Managed hosting" {', 'AcmeHosting')).toBe('entity.name.type.agreement.sla');
        expect(scopeOf('    kpi Availability "Share" =', 'Availability')).toBe('entity.name.type.kpi.sla');
        expect(scopeOf('calendar SupportHours "Service desk hours" {', 'SupportHours')).toBe('entity.name.type.calendar.sla');
        expect(scopeOf('dataset requests "Log" from "data/requests.csv" {', 'requests')).toBe('entity.name.type.dataset.sla');
        // `per calendar month` is a window, not a calendar named "month"
        expect(scopeOf('fee 12000 EUR per calendar month', 'month')).toBe('keyword.other.window.sla');
    });

    it('treats keyword-like field names as names where a field is meant', () => {
        // A dataset field may be called `service` or `time` (real columns are): before its type it is a field.
        expect(scopeOf('    service   text', 'service')).toBe('variable.other.field.sla');
        expect(scopeOf('    service   text', 'text')).toBe('support.type.sla');
        expect(scopeOf('    time      timestamp', 'time')).toBe('variable.other.field.sla');
        // ... and in a filter comparison it is the field, not the `service` declaration.
        expect(scopeOf('count(requests where service = "webshop")', 'service')).toBe('variable.other.sla');
        expect(scopeOf('    service WebShop "Acme web shop" {', 'service')).toBe('storage.type.declaration.sla');
        expect(scopeOf('    unit percent', 'unit')).toBe('keyword.other.sla');
    });

    it('scopes the unit of a duration field', () => {
        const source = '    latency   duration ms column "latency_ms"';
        expect(scopeOf(source, 'duration')).toBe('support.type.sla');
        expect(scopeOf(source, 'ms')).toBe('keyword.other.unit.sla');
    });

    it('scopes built-in functions only when called', () => {
        const source = 'percentile(95, requests.latency where service = "webshop" and status < 500)';
        expect(scopeOf(source, 'percentile')).toBe('support.function.builtin.sla');
        expect(scopeOf(source, 'where')).toBe('keyword.control.formula.sla');
        expect(scopeOf(source, 'and')).toBe('keyword.operator.logical.sla');
        expect(scopeOf('count(requests) where count = 1', 'count')).toBe('support.function.builtin.sla');
        expect(scopeOf('count(requests) where count = 1', 'count', 1)).toBe('variable.other.sla');
        expect(scopeOf('elapsed(a, b) wall-clock', 'wall-clock')).toBe('keyword.control.formula.sla');
        expect(scopeOf('objective OnTime >= 90% per calendar month with at least 20 tickets', 'with')).toBe('keyword.other.sla');
        const smallVolume = 'objective OnTime >= 95% per calendar month with at least 20 tickets, else at most 1 failing';
        expect(scopeOf(smallVolume, 'else')).toBe('keyword.other.sla');
        expect(scopeOf(smallVolume, 'failing')).toBe('keyword.other.sla');
        const levels = 'objective Uptime >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 12 consecutive windows';
        expect(scopeOf(levels, 'minimum')).toBe('keyword.other.sla');
        expect(scopeOf(levels, 'default')).toBe('keyword.other.sla');
        expect(scopeOf('    default : 50% of at-risk amount', 'default')).toBe('keyword.other.sla');
        expect(scopeOf('termination Critical "Terminate" when Availability defaults in 3 of any 12 consecutive windows', 'defaults')).toBe('keyword.other.sla');
        const improved = 'objective Uptime >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.2%';
        for (const word of ['improved', 'the', 'mean', 'best']) expect(scopeOf(improved, word)).toBe('keyword.other.sla');
    });

    it('scopes field types, enums and formats', () => {
        expect(scopeOf('severity  one of "outage", "minor"', 'one of')).toBe('support.type.sla');
        expect(scopeOf('latency   duration ms column "latency_ms"', 'duration')).toBe('support.type.sla');
        expect(scopeOf('latency   duration ms column "latency_ms"', 'column')).toBe('keyword.other.sla');
        expect(scopeOf('    separator ";"', 'separator')).toBe('keyword.other.sla');
        expect(scopeOf('    decimal ","', 'decimal')).toBe('keyword.other.sla');
        expect(scopeOf('    encoding "windows-1252"', 'encoding')).toBe('keyword.other.sla');
        expect(scopeOf('    requested by customer', 'requested')).toBe('keyword.other.sla');
        expect(scopeOf('    created timestamp format "DD/MMM/YY h:mm A"', 'format')).toBe('keyword.other.sla');
        // A dataset of a connection's table, and Parquet files.
        expect(scopeOf('dataset requests from table "public"."requests" of connection warehouse {', 'table')).toBe('keyword.other.sla');
        expect(scopeOf('dataset requests from table "public"."requests" of connection warehouse {', 'connection')).toBe('keyword.other.sla');
        expect(scopeOf('    format parquet', 'parquet')).toBe('support.constant.format.sla');
        expect(scopeOf('format ndjson', 'ndjson')).toBe('support.constant.format.sla');
        expect(scopeOf('optional true', 'true')).toBe('constant.language.boolean.sla');
        // The fields that tell a dataset's rows apart: one keyword phrase, the fields plain names.
        expect(scopeOf('    one row per system, ticket_id', 'one row per')).toBe('keyword.other.sla');
        expect(scopeOf('    one row per system, ticket_id', ' system')).toBe('source.sla');
        expect(scopeOf('    row integer', 'row')).not.toBe('keyword.other.sla');
        expect(scopeOf('    one row per id, latest by updated', 'latest')).toBe('keyword.other.sla');
    });

    it('scopes scores, pause exclusions, listed maintenance periods, termination rights, caps on all credits and each promises', () => {
        // A field called `score` of type `score 1 to 5`: the name, then the type.
        expect(scopeOf('    score     score 1 to 5', 'score')).toBe('variable.other.field.sla');
        expect(scopeOf('    score     score 1 to 5', 'score', 1)).toBe('support.type.sla');
        const pauses = 'elapsed(opened, resolved) during SupportHours excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)';
        expect(scopeOf(pauses, 'excluding')).toBe('keyword.control.formula.sla');
        expect(scopeOf(pauses, 'pauses')).toBe('support.function.builtin.sla');
        expect(scopeOf(pauses, 'by')).toBe('keyword.other.sla');
        const listed = '        periods(changes where kind = "maintenance", from start to end, announced at notifiedAt)';
        expect(scopeOf(listed, 'periods')).toBe('support.function.builtin.sla');
        expect(scopeOf(listed, 'where')).toBe('keyword.control.formula.sla');
        expect(scopeOf(listed, 'announced')).toBe('keyword.control.formula.sla');
        const termination = '    termination Chronic "Terminate" when Availability is breached in 4 of any 12 consecutive windows, notice within 60 days';
        expect(scopeOf(termination, 'termination')).toBe('storage.type.declaration.sla');
        for (const word of ['when', 'is', 'breached', 'any']) expect(scopeOf(termination, word)).toBe('keyword.other.sla');
        expect(scopeOf(termination, 'consecutive')).toBe('keyword.control.formula.sla');
        const anyObjective = '    termination Chronic "Terminate" when any objective is breached in 3 consecutive windows';
        expect(scopeOf(anyObjective, 'any objective')).toBe('keyword.other.sla');
        expect(scopeOf('    objective Availability >= 99.9% per calendar month', 'objective')).toBe('storage.type.declaration.sla');
        const atRisk = '    credits capped at 12% of fee per calendar month, capped at 60000 EUR per calendar year';
        expect(scopeOf(atRisk, 'credits')).toBe('storage.type.declaration.sla');
        expect(scopeOf(atRisk, 'capped')).toBe('keyword.other.sla');
        // The pool after a cap and an allocation's words; `pool` and `amount` elsewhere are names (fields).
        const pool = '    credits capped at 12% of fee per calendar month, pool 250%';
        expect(scopeOf(pool, 'pool')).toBe('keyword.other.sla');
        expect(scopeOf('        below 99.8% : 40% of at-risk amount', 'at-risk amount')).toBe('keyword.other.sla');
        for (const word of ['raised', 'breach']) expect(scopeOf('        raised by 50% per consecutive breach, at most 200%', word)).toBe('keyword.other.sla');
        // A tier on a missed objective; a promise over the term (its dates are dates, `from` a keyword).
        expect(scopeOf('        missed : 5% of fee', 'missed')).toBe('keyword.other.sla');
        const term = '    objective Availability >= 99.5% per calendar month from 2026-04-01, >= 99.7% from 2027-01-01';
        expect(scopeOf(term, 'from')).toBe('keyword.other.sla');
        expect(scopeOf(term, '2027-01-01')).toBe(scopeOf('    valid from 2026-01-01 to 2026-12-31', '2026-01-01'));
        expect(scopeOf('    kpi Billed = sum(billing where pool = "A")', 'pool')).not.toBe('keyword.other.sla');
        expect(scopeOf('    kpi Billed = sum(billing.amount)', 'amount')).not.toBe('keyword.other.sla');
        const each = 'objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month';
        expect(scopeOf(each, 'objective')).toBe('storage.type.declaration.sla');
        expect(scopeOf(each, 'each')).toBe('keyword.other.sla');
    });

    it('highlights slices(…) and the uptime options like the other formula words', () => {
        const slices = 'kpi D = slices(every 1 minute: count where ErrorRate > 5%, at least 5 consecutive, empty as good)';
        expect(scopeOf(slices, 'slices')).toBe('support.function.builtin.sla');
        expect(scopeOf('below 99.9% : 5% * ceil(downtime / 30 minutes) * fee', 'ceil')).toBe('support.function.builtin.sla');
        expect(scopeOf(slices, 'consecutive')).toBe('keyword.control.formula.sla');
        const uptime = 'kpi U = uptime(outages, from started to ended, across zone of deployments, weighted by affected)';
        expect(scopeOf(uptime, 'across')).toBe('keyword.control.formula.sla');
        expect(scopeOf(uptime, 'weighted')).toBe('keyword.control.formula.sla');
        expect(scopeOf('kpi R = uptime(outages, from started to ended, across zone of deployments at least 2 down)', 'down')).toBe('keyword.control.formula.sla');
        expect(scopeOf('kpi M = uptime(outages, from started to ended, weighted by affected summed)', 'summed')).toBe('keyword.control.formula.sla');
        expect(scopeOf('kpi D = uptime(outages, from started to ended, deployed in deployments by database from created to deleted)', 'deployed')).toBe('keyword.control.formula.sla');
        expect(scopeOf('kpi W = uptime(outages, from started to ended, at least 1 minute, whole minutes)', 'whole')).toBe('keyword.control.formula.sla');
        // A column called like a word of slices(…) stays a name where it is not a call.
        expect(scopeOf('    slices integer', 'slices')).not.toBe('support.function.builtin.sla');
    });
});
