/**
 * Units offered right after a number on the cursor's line: those of the quantity expected
 * there (expected-quantity.ts) — `%` for a percentage, the currencies for money — or all of
 * them where that is not known. Duration units are the grammar's keywords (DurationUnit), let
 * through by the completion provider under the same test.
 */
import { AstUtils, type LangiumDocument } from 'langium';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { isDocument, isFee } from '../generated/ast.js';
import type { ExpectedQuantity } from './expected-quantity.js';

/** Currency codes offered after a number; any ISO 4217 code is accepted. */
const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

/** The units of a rolling window's length (validation/windows.ts). */
const WINDOW_UNITS = ['minutes', 'hours', 'days', 'weeks'];

/**
 * The offset of the number the cursor stands right after, on the same line (a unit may be begun:
 * `30 min<|>`); undefined after a date (`2026-12-31`), a time (`04:00`), a name (`tier1`) or on a
 * line without one — a unit at the start of the next line is no unit of the number above.
 */
export function numberBeforeCursor(text: string, offset: number): number | undefined {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset).replace(/[A-Za-z%]*$/, '');
    const match = /\d+(?:\.\d+)?\s*$/.exec(before);
    if (!match) return undefined;
    const previous = before[match.index - 1] ?? '';
    // `2026-12-31`: the `31` of a date; `-5` after an operator or a space is a negative number.
    const partOfDate = previous === '-' && /[\w.]/.test(before[match.index - 2] ?? '');
    if (/[\w.:]/.test(previous) || partOfDate) return undefined;
    return lineStart + match.index;
}

/** Whether the grammar's duration units (and `business days`) fit. */
export function durationUnitsFit(expected: ExpectedQuantity | undefined): boolean {
    return expected === undefined || expected.kind === 'duration';
}

/** The unit items besides the duration keywords: `%`, currencies (the fee's first), window lengths. */
export function unitItems(document: LangiumDocument, expected: ExpectedQuantity | undefined): CompletionItem[] {
    const percent = { label: '%', kind: CompletionItemKind.Unit, detail: 'percentage', sortText: '0%' };
    const currency = (code: string) => ({ label: code, kind: CompletionItemKind.Unit, detail: 'currency (ISO 4217)', sortText: `1${code}` });
    switch (expected?.kind) {
        case undefined: return [percent, ...documentCurrencies(document).map(currency)];
        case 'ratio': return [percent];
        case 'money': return (expected.currency ? [expected.currency] : documentCurrencies(document)).map(currency);
        case 'window': return WINDOW_UNITS.map((unit, i) => ({ label: unit, kind: CompletionItemKind.Unit, detail: 'window length', sortText: `0${i}` }));
        default: return [];
    }
}

/** The common currencies and the fee's (credits and money KPIs usually use it). */
function documentCurrencies(document: LangiumDocument): string[] {
    const currencies = new Set(COMMON_CURRENCIES);
    const root = document.parseResult.value;
    if (isDocument(root)) {
        for (const node of AstUtils.streamAst(root)) {
            if (isFee(node)) {
                const unit = node.amount?.unit;
                if (unit && /^[A-Z]{3}$/.test(unit)) currencies.add(unit);
            }
        }
    }
    return [...currencies];
}
