import { EmptyFileSystem } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { AGREEMENT, AGREEMENT_WITHOUT_EXCLUSIONS } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

const everything = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('inlay hints', () => {
    test('after each percentage objective: what the target allows', async () => {
        const document = await parse(AGREEMENT_WITHOUT_EXCLUSIONS);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        expect(hints?.map(h => h.label)).toEqual([
            // 31 × 1,440 = 44,640 min × 0.001 = 44.64 min → 44 min 38 s (rounded down)
            '≤ 44 min 38 s down per 31-day month',
            // 0.5% = 1/200; `< 0.5%`: a rate of exactly 1 in 200 breaches
            'fewer than 1 in 200 requests',
            // 30 × 1,440 = 43,200 min × 0.001 = 43.2 min = 43 min 12 s
            '≤ 43 min 12 s down per 30 days'
        ]);
        // Placed right after the window of the first objective.
        const first = hints![0]!;
        const line = document.textDocument.getText().split('\n')[first.position.line]!;
        expect(line.slice(0, first.position.character)).toBe('        objective Availability >= 99.9% per calendar month');
    });
});

describe('inlay hints of a strict comparison', () => {
    test('`>` allows less than the budget: failing exactly the budget\'s share breaches', async () => {
        const text = AGREEMENT_WITHOUT_EXCLUSIONS
            .replace('objective Availability >= 99.9% per calendar month', 'objective Availability > 99.9% per calendar month')
            .replace('objective ErrorRate < 0.5% per rolling 7 days', 'objective ErrorRate <= 0.5% per rolling 7 days');
        const document = await parse(text);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        expect(hints?.map(h => h.label)).toEqual([
            // 44,640 min × 0.001 = 44 min 38.4 s: `>` needs less downtime than that
            '< 44 min 38 s down per 31-day month',
            // `<= 0.5%`: 1 in 200 is still met
            '1 in 200 requests',
            '≤ 43 min 12 s down per 30 days'
        ]);
    });
});

describe('inlay hints of a promise over the term', () => {
    test('after the objective its first target\'s budget, after each step the step\'s', async () => {
        const document = await parse(AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2026-07-01'));
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        const lines = document.textDocument.getText().split('\n');
        expect((hints ?? []).slice(0, 2).map(h => [lines[h.position.line]!.slice(0, h.position.character).trim(), h.label])).toEqual([
            ['objective Availability >= 99.9% per calendar month', '≤ 44 min 38 s down per 31-day month'],
            // 44,640 min × 0.0005 = 22.32 min = 22 min 19 s
            ['objective Availability >= 99.9% per calendar month from 2026-04-01, >= 99.95% from 2026-07-01', '≤ 22 min 19 s down per 31-day month']
        ]);
    });

    test('each hint from the windows its target judges: a quarter in force from April names Q2\'s length', async () => {
        const document = await parse(AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar quarter from 2026-04-01, >= 99.95% from 2026-07-01'));
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        expect((hints ?? []).slice(0, 2).map(h => h.label)).toEqual([
            // 99.9 % judges Q2 2026 only: 91 days = 131,040 min × 0.001 = 131.04 min = 2 h 11 min 2 s (not Q3's 92 days)
            '≤ 2 h 11 min 2 s down per 91-day quarter',
            // 99.95 % judges Q3 and Q4: 92 days = 132,480 min × 0.0005 = 66.24 min = 1 h 6 min 14 s
            '≤ 1 h 6 min 14 s down per 92-day quarter'
        ]);
    });
});

describe('inlay hints of a minimum service level', () => {
    test('after the minimum what it allows', async () => {
        const document = await parse(AGREEMENT_WITHOUT_EXCLUSIONS.replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 12 consecutive windows'));
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        const lines = document.textDocument.getText().split('\n');
        expect((hints ?? []).slice(0, 2).map(h => [lines[h.position.line]!.slice(0, h.position.character).trim(), h.label])).toEqual([
            ['objective Availability >= 99.9% per calendar month', '≤ 44 min 38 s down per 31-day month'],
            // 44,640 min × 0.005 = 223.2 min = 3 h 43 min 12 s
            ['objective Availability >= 99.9% per calendar month, minimum 99.5%', '≤ 3 h 43 min 12 s down per 31-day month']
        ]);
    });
});

describe('inlay hints after a share of the at-risk amount', () => {
    /** The fixture (fee 12,000 EUR a month) with an at-risk amount `atRisk` a month and its credit's tiers as 40 % and 33.3 % of it. */
    const allocated = (atRisk: string) => AGREEMENT_WITHOUT_EXCLUSIONS
        .replace('    fee 12000 EUR per calendar month\n', `    fee 12000 EUR per calendar month\n    credits capped at ${atRisk} per calendar month\n`)
        .replace('below 99.9% : 10% of fee', 'below 99.9% : 33.3% of at-risk amount')
        .replace('below 99.0% : 25% of fee', 'below 99.0% : 40% of at-risk amount');

    async function allocationHints(text: string) {
        const document = await parse(text);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        const lines = document.textDocument.getText().split('\n');
        return (hints ?? []).filter(h => String(h.label).startsWith('=')).map(h => [lines[h.position.line]!.slice(0, h.position.character).trim(), h.label]);
    }

    test('the share of the fee and the money: 33.3 % of 12 % is 3.996 % of 12,000 EUR = 479.52 EUR; 40 %: 4.8 %, 576 EUR', async () => {
        expect(await allocationHints(allocated('12% of fee'))).toEqual([
            ['below 99.9% : 33.3% of at-risk amount', '= 3.996% of fee · 479.52 EUR'],
            ['below 99.0% : 40% of at-risk amount', '= 4.8% of fee · 576.00 EUR']
        ]);
    });

    test('an at-risk amount in money: money (40 % of 1,500 EUR = 600 EUR)', async () => {
        expect((await allocationHints(allocated('1500 EUR')))[1]).toEqual(['below 99.0% : 40% of at-risk amount', '= 600.00 EUR']);
    });

    test('none without a cap per the credit\'s period, nor after a share of the fee', async () => {
        expect(await allocationHints(allocated('1500 EUR').replace('credits capped at 1500 EUR per calendar month', 'credits capped at 1500 EUR per calendar year'))).toEqual([]);
        expect(await allocationHints(AGREEMENT_WITHOUT_EXCLUSIONS)).toEqual([]);
    });
});

describe('inlay hints of an uptime with exclusions', () => {
    test('the range of eligible-time allowances over the validity, and the share for rolling windows', async () => {
        const document = await parse(AGREEMENT);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        expect(hints?.map(h => h.label)).toEqual([
            // 2026 in Berlin minus Sunday 02:00–04:00 patching (hover.test.ts has the month-by-month count):
            // least eligible February 39,840 min × 0.001 = 39 min 50.4 s → 39 min 50 s;
            // most eligible January/July/October/December 44,160 min × 0.001 = 44 min 9.6 s → 44 min 9 s
            '≤ 39 min 50 s – 44 min 9 s down per month of eligible time',
            // `< 0.5%`: fewer than 1 in 200
            'fewer than 1 in 200 requests',
            // 1 − 99.9% = 0.1%; a rolling window's eligible time depends on where it lies
            '≤ 0.1% of eligible time down per 30 days'
        ]);
    });

    test('one month: one allowance', async () => {
        // March 2026: 44,040 eligible minutes (hover.test.ts) × 0.005 = 220.2 min = 3 h 40 min 12 s
        const document = await parse(AGREEMENT.replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-03-01 to 2026-03-31')
            .replace('objective Availability >= 99.9% per calendar month', 'objective Availability >= 99.5% per calendar month'));
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: everything });
        expect(hints?.[0]?.label).toBe('≤ 3 h 40 min 12 s down per month of eligible time');
    });
});

describe('signature help', () => {
    async function signatureAt(formula: string) {
        const text = AGREEMENT.replace('count(requests where status >= 500) / count(requests)', formula);
        const offset = text.indexOf('<|>');
        const document = await parse(text.replace('<|>', ''));
        return services.lsp.SignatureHelp!.provideSignatureHelp(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
    }

    test('percentile: the first parameter, then the second after the comma', async () => {
        const first = await signatureAt('percentile(<|>');
        expect(first?.signatures[0]?.label).toBe('percentile(p, dataset.field where condition)');
        expect(first?.activeParameter).toBe(0);
        const second = await signatureAt('percentile(95, requests.latency where status = "x, y" and (status > 1)<|>');
        expect(second?.activeParameter).toBe(1);
    });

    test('the innermost call: elapsed inside percentile', async () => {
        const help = await signatureAt('percentile(90, elapsed(requests.time, <|>');
        expect(help?.signatures[0]?.label).toBe('elapsed(start, end) during Calendar | wall-clock');
        expect(help?.activeParameter).toBe(1);
    });

    test('periods(…) of a maintenance: its three parts, the announcement third', async () => {
        const text = AGREEMENT.replace('        every sunday 02:00 to 04:00\n', '        periods(incidents where severity = "minor", from started to resolved, <|>\n');
        const offset = text.indexOf('<|>');
        const document = await parse(text.replace('<|>', ''));
        const help = await services.lsp.SignatureHelp!.provideSignatureHelp(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
        expect(help?.signatures[0]?.label).toBe('periods(dataset where maintenance, from start to end, announced at announced)');
        expect(help?.activeParameter).toBe(2);
    });

    test('outside any call: nothing', async () => {
        expect(await signatureAt('count(requests) <|>')).toBeUndefined();
    });
});

describe('semantic highlighting', () => {
    test('a field named like a keyword is a property; qualified names are split', async () => {
        const document = await parse(`agreement A {
    dataset requests from "r.csv" {
        service text
        time    timestamp
    }
    kpi N = count(requests where service = "web")
    kpi M = count(requests where requests.service = "web")
}
`);
        const tokens = services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(await tokens, services.lsp.SemanticTokenProvider!.tokenTypes, document);
        const named = decoded.map(t => `${t.text}:${t.tokenType}`);
        expect(named).toEqual([
            'A:namespace', 'requests:class', 'service:property', 'time:property',
            'N:function', 'requests:class', 'service:property',
            'M:function', 'requests:class', 'requests:class', 'service:property'
        ]);
    });

    test('the inputs of a credit formula are variables, its KPIs functions', async () => {
        const document = await parse(`agreement A {
    fee 100 EUR per calendar month
    dataset incidents from "i.csv" {
        started timestamp
        resolved timestamp
    }
    kpi Up = uptime(incidents, from started to resolved)
    credit for Up per calendar month {
        below 100% : 10 * downtime / window * fee + 0 * Up * fee
    }
}
`);
        const tokens = services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(await tokens, services.lsp.SemanticTokenProvider!.tokenTypes, document);
        expect(decoded.map(t => `${t.text}:${t.tokenType}`).slice(-5)).toEqual([
            'downtime:variable', 'window:variable', 'fee:variable', 'Up:function', 'fee:variable'
        ]);
    });
});

describe('semantic highlighting of a template\'s parameters', () => {
    test('declared, in a target, a count, a formula, the zone and an argument: a parameter each time', async () => {
        const document = await parse(`template T "t" {
    parameter availability percentage default 99.9 %
    parameter streak count default 3
    parameter region text default "web"
    parameter zone timezone default "UTC"
    timezone zone
    dataset incidents from "i.csv" {
        service text
        started timestamp
        resolved timestamp
    }
    kpi Up = uptime(incidents where service = region, from started to resolved)
    objective Up >= availability per calendar month
    termination Chronic "c" when Up is breached in streak consecutive windows
}

agreement C from T {
    with streak = 2
}
`);
        const tokens = services.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(await tokens, services.lsp.SemanticTokenProvider!.tokenTypes, document);
        expect(decoded.filter(t => t.tokenType === 'parameter').map(t => `${t.text}@${document.textDocument.positionAt(t.offset).line + 1}`)).toEqual([
            'availability@2', 'streak@3', 'region@4', 'zone@5', 'zone@6',
            'region@12', 'availability@13', 'streak@14', 'streak@18'
        ]);
    });
});

describe('outline and folding', () => {
    test('outline: declarations by name, objectives and credits by what they say', async () => {
        const document = await parse(AGREEMENT);
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        const service = symbols[0]?.children?.find(s => s.name === 'WebShop');
        expect(service?.children?.map(s => s.name)).toEqual([
            'Availability', 'ErrorRate', 'P1Response',
            'objective Availability >= 99.9% per calendar month',
            'objective ErrorRate < 0.5% per rolling 7 days',
            'objective Availability >= 99.9% per rolling 30 days',
            'credit for Availability per calendar month, capped at 50% of fee'
        ]);
    });

    test('outline: a cap on all credits together by what it says', async () => {
        const document = await parse(AGREEMENT.replace('    fee 12000 EUR per calendar month\n', '    fee 12000 EUR per calendar month\n    credits capped at 12% of fee   per calendar month\n'));
        const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
        const cap = symbols[0]?.children?.find(s => s.name.startsWith('credits'));
        expect(cap?.name).toBe('credits capped at 12% of fee per calendar month');
        expect(document.textDocument.getText(cap!.selectionRange)).toBe('credits');
    });

    test('folding: every block folds', async () => {
        const document = await parse(AGREEMENT);
        const ranges = await services.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        const lines = AGREEMENT.split('\n');
        const folded = ranges.map(r => lines[r.startLine]!.trim());
        for (const head of ['agreement Shop "Web shop hosting" {', 'maintenance Patching "Planned maintenance" {', 'service WebShop "Acme web shop" {',
            'credit for Availability per calendar month, capped at 50% of fee {']) {
            expect(folded).toContain(head);
        }
    });
});
