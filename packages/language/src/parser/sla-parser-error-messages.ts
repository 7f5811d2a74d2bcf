import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import { nearestWord } from '../types/units.js';

/** What may start a line inside each block, for messages that say what was expected. */
const BLOCK_MEMBERS: Record<string, { what: string; keywords: string[] }> = {
    Agreement: {
        what: 'the agreement',
        keywords: ['provider', 'customer', 'party', 'valid', 'timezone', 'fee', 'calendar', 'maintenance', 'dataset',
            'clause', 'service', 'kpi', 'objective', 'credit', 'internal', 'procedural', 'exclusion', 'plans', 'plan']
    },
    Service: { what: 'the service', keywords: ['kpi', 'objective', 'credit', 'internal', 'clause', 'procedural', 'exclusion', 'plan'] },
    Calendar: { what: 'the calendar', keywords: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'except', 'holidays', 'timezone'] },
    Maintenance: { what: 'the maintenance', keywords: ['every', 'on', 'first', 'second', 'third', 'fourth', 'last', 'notice', 'as', 'timezone'] },
    Dataset: { what: 'the dataset', keywords: ['format', 'timezone', 'complete', 'separator', 'decimal'] },
    Credit: { what: 'the credit', keywords: ['below', 'above', 'at', 'between'] },
    Document: { what: 'the file', keywords: ['import', 'agreement', 'calendar', 'maintenance', 'dataset', 'kpi'] }
};

/**
 * Parser messages written for the person editing the contract: what was found, what may
 * stand there, and the keyword a typo was probably meant to be.
 */
export class SlaParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        if (ruleName(options.ruleName) === 'PlanTargets' && (options.expected.name === '}' || options.expected.name === ',')) {
            return `Expected ',' or '}' here but found ${found(options.actual)}: separate the plans' lines of 'by plan { … }' with commas (a target without unit, '<= 3', would otherwise take the next plan's name for its unit).`;
        }
        const block = BLOCK_MEMBERS[ruleName(options.ruleName)];
        if (block && options.expected.name === '}') {
            return unexpectedInBlock(options.actual, block);
        }
        const expected = tokenDescription(options.expected);
        return `Expected ${expected} here but found ${found(options.actual)}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return unexpectedInBlock(options.firstRedundant, BLOCK_MEMBERS.Document);
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        return divergenceMessage(options.expectedPathsPerAlt.flat(), options.actual);
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        return divergenceMessage(options.expectedIterationPaths, options.actual);
    }
}

/**
 * The parser looks several tokens ahead: the expected paths (`of fee`, `of previous …`) may begin
 * with the token found (`of`) and part only later (`10% of date`). Say where they part — the
 * token after what matched, and what may stand there — not "Unexpected 'of': expected 'of'".
 */
function divergenceMessage(paths: TokenType[][], actual: IToken[]): string {
    const matched = (path: TokenType[]): number => {
        let count = 0;
        while (count < path.length && count < actual.length && actual[count]?.tokenType === path[count]) count++;
        return count;
    };
    const longest = Math.max(0, ...paths.map(matched));
    const next = new Set<string>();
    for (const path of paths) if (matched(path) === longest && path[longest]) next.add(tokenDescription(path[longest]!));
    if (longest === 0 || next.size === 0) return `${unexpected(actual[0])}: expected ${describeExpected(next.size > 0 ? next : new Set(paths.map(path => path[0]).filter(Boolean).map(type => tokenDescription(type!))))}.`;
    const after = actual.slice(0, longest).map(token => token.image).join(' ');
    return `${unexpected(actual[longest])} after '${after}': expected ${describeExpected(next)}.`;
}

/** Where a formula value must stand, say so instead of listing thirty tokens. */
function describeExpected(firsts: Set<string>): string {
    if (firsts.has('a number') && firsts.has("'count'")) {
        return 'a value: a number with its unit, a quoted text, a name (KPI, dataset or field) or a function such as count(…)';
    }
    return listOf([...firsts]);
}

function unexpectedInBlock(actual: IToken, block: { what: string; keywords: string[] }): string {
    const suggestion = nearestKeyword(actual.image, block.keywords);
    return `${unexpected(actual)} in ${block.what}: a line here starts with ${listOf(block.keywords.map(k => `'${k}'`))}` +
        (block.what === 'the file' ? '.' : `, or '}' ends ${block.what}.`) +
        (suggestion ? ` Did you mean '${suggestion}'?` : '');
}

/**
 * The keyword a parser message suggests (`… Did you mean 'objective'?`, written by unexpectedInBlock
 * above), read back by the validator to offer it as a quick fix: chevrotain's errors carry only
 * their message text.
 */
export function suggestedKeyword(message: string): string | undefined {
    return /(?:^|\s)Did you mean '([A-Za-z_]\w*)'\?$/.exec(message)?.[1];
}

function nearestKeyword(word: string, keywords: string[]): string | undefined {
    if (!/^[A-Za-z_]\w*$/.test(word) || keywords.includes(word)) return undefined;
    return nearestWord(word, keywords, 2);
}

/** `Unexpected 'x'`, or `Unexpected end of the file` (not "Unexpected the end of the file"). */
function unexpected(token: IToken | undefined): string {
    return !token || token.tokenType?.name === 'EOF' ? 'Unexpected end of the file' : `Unexpected '${token.image}'`;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF') return 'the end of the file';
    return `'${token.image}'`;
}

function tokenDescription(type: TokenType): string {
    switch (type.name) {
        case 'ID': return 'a name';
        case 'FIELD_UNIT': return 'a unit';
        case 'STRING': return 'a quoted text';
        case 'NUMBER': return 'a number';
        case 'DATE': return 'a date (YYYY-MM-DD)';
        case 'TIME': return 'a time (HH:MM)';
        case 'EOF': return 'the end of the file';
        default: return `'${type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name}'`;
    }
}

function listOf(items: string[]): string {
    if (items.length <= 1) return items.join('');
    if (items.length > 20) return `${items.slice(0, 20).join(', ')}, …`;
    return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Langium marks rule names with a trailing zero-width space; keep the grammar's name. */
function ruleName(name: string): string {
    return name.replace(/\W+$/u, '');
}
