import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

type Token = LexerResult['tokens'][number];

/**
 * How deep parentheses may nest, and how many `not` or `-` may follow each other, in a
 * formula. No real formula comes near it.
 */
export const NESTING_LIMIT = 50;

/**
 * Langium's lexer, keeping formulas that nest absurdly deep from overflowing the parser's stack.
 *
 * Chevrotain parses by recursive descent: every `(` costs some twenty stack frames, so about
 * 200 nested parentheses (or about 1,000 `not` or `-` in a row) overflowed the stack, and the
 * language server died on a text a user can type. After lexing, this drops from the token
 * stream the parentheses nested deeper than {@link NESTING_LIMIT} (with their partners) and
 * the prefix operators beyond that many in a row, and reports the first place of each kind as
 * a lexing error saying what to change. The parser reads the rest, and every offset, line and
 * column stays where it is. Strings and comments are tokens of their own, so their contents
 * never count.
 */
export class NestingLimitLexer extends DefaultLexer {
    /** Tests raise it to reach the stack's own limit. */
    nestingLimit = NESTING_LIMIT;
    /** Per token type index (Chevrotain's `tokenTypeIdx`): a plain array is the fastest lookup on this hot path. */
    private kinds?: Array<TokenKind | undefined>;

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const problems = this.excessNesting(result.tokens);
        if (problems.dropped.size === 0) return result;
        return {
            ...result,
            tokens: result.tokens.filter(token => !problems.dropped.has(token)),
            errors: [...result.errors, ...problems.errors]
        };
    }

    /** How deep `text` nests: the deepest parenthesis, or the longest run of `not` and `-`, whichever is more. */
    deepestNesting(text: string): number {
        const kinds = this.kinds ??= this.tokenKinds();
        let depth = 0;
        let run = 0;
        let deepest = 0;
        for (const token of super.tokenize(text).tokens) {
            const kind = kinds[token.tokenTypeIdx];
            run = kind === 'prefix' ? run + 1 : 0;
            if (kind === 'open') depth++;
            else if (kind === 'close' && depth > 0) depth--;
            deepest = Math.max(deepest, depth, run);
        }
        return deepest;
    }

    private excessNesting(tokens: Token[]): { dropped: Set<Token>; errors: LexerResult['errors'] } {
        const kinds = this.kinds ??= this.tokenKinds();
        const limit = this.nestingLimit;
        const dropped = new Set<Token>();
        const errors: LexerResult['errors'] = [];
        const open: boolean[] = []; // per open parenthesis: whether it was dropped
        let prefixRun = 0;
        let reportedParenthesis = false;
        let reportedRun = false;
        for (const token of tokens) {
            const kind = kinds[token.tokenTypeIdx];
            if (kind === 'prefix') {
                if (++prefixRun > limit) {
                    dropped.add(token);
                    if (!reportedRun) errors.push(lexingError(token, `More than ${limit} 'not' or '-' in a row, too many to read. Remove the repeated operators.`));
                    reportedRun = true;
                }
                continue;
            }
            prefixRun = 0;
            if (kind === 'open') {
                const tooDeep = open.length >= limit;
                open.push(tooDeep);
                if (tooDeep) {
                    dropped.add(token);
                    if (!reportedParenthesis) errors.push(lexingError(token, `Parentheses nest more than ${limit} levels deep here, too deep to read. Split the formula into smaller KPIs.`));
                    reportedParenthesis = true;
                }
            } else if (kind === 'close' && open.pop()) {
                dropped.add(token);
            }
        }
        return { dropped, errors };
    }

    private tokenKinds(): Array<TokenKind | undefined> {
        const kinds: Array<TokenKind | undefined> = [];
        for (const type of Object.values(this.definition)) kinds[type.tokenTypeIdx!] = undefined;
        for (const [name, kind] of Object.entries(TOKEN_KINDS)) {
            const type = this.definition[name];
            if (type) kinds[type.tokenTypeIdx!] = kind;
        }
        return kinds;
    }
}

type TokenKind = 'open' | 'close' | 'prefix';
/** The tokens that nest, by name (Langium names a keyword's token by the keyword). */
const TOKEN_KINDS: Record<string, TokenKind> = { '(': 'open', ')': 'close', '-': 'prefix', not: 'prefix' };

/** A problem at a token, as Langium reports lexing errors: 1-based line and column. */
function lexingError(token: Token, message: string): LexerResult['errors'][number] {
    return { offset: token.startOffset, length: token.image.length, line: token.startLine, column: token.startColumn, message };
}
