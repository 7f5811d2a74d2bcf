import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

type Token = LexerResult['tokens'][number];

/**
 * How deep parentheses may nest, and how many `not` or `-` may follow each other, in a
 * formula. No real formula comes near it.
 */
export const NESTING_LIMIT = 50;

/**
 * How many operators one formula may have. Every operator adds a level to the formula's tree
 * (a chain `a + b + … ` is a tree as deep as it is long), and the parser, the type computer,
 * the validator and the engine walk that tree recursively: 3,000 terms overflowed the
 * validator's stack, 10,000 Langium's parser. No real formula comes near 500.
 */
export const TERM_LIMIT = 500;

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
    /** Tests raise it to reach the stack's own limit. */
    termLimit = TERM_LIMIT;
    /** Per token type index (Chevrotain's `tokenTypeIdx`): a plain array is the fastest lookup on this hot path. */
    private kinds?: Array<TokenKind | undefined>;

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const nesting = this.excessNesting(result.tokens);
        const tokens = nesting.dropped.size === 0 ? result.tokens : result.tokens.filter(token => !nesting.dropped.has(token));
        const terms = this.excessTerms(tokens);
        if (nesting.dropped.size === 0 && terms.dropped.size === 0) return result;
        return {
            ...result,
            tokens: terms.dropped.size === 0 ? tokens : tokens.filter(token => !terms.dropped.has(token)),
            errors: [...result.errors, ...nesting.errors, ...terms.errors]
        };
    }

    /** Whether `text` has a formula with more operators than {@link TERM_LIMIT}. */
    hasTooManyTerms(text: string): boolean {
        return this.mostOperators(super.tokenize(text).tokens) > TERM_LIMIT;
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

    /**
     * Cuts each formula with more operators than the limit at the first operator beyond it:
     * that operator and the rest of the formula are dropped (the parentheses the rest closes
     * stay, so the formula before the cut still reads), with one error per formula.
     */
    private excessTerms(tokens: Token[]): { dropped: Set<Token>; errors: LexerResult['errors'] } {
        const kinds = this.kinds ??= this.tokenKinds();
        const limit = this.termLimit;
        const dropped = new Set<Token>();
        const errors: LexerResult['errors'] = [];
        let operators = 0;
        let cutDepth = -1; // while cutting: parentheses opened since the cut
        let previous: TokenKind | undefined = 'boundary';
        let beforeFormula = false; // between `kpi` and its `=`, which is no operator
        for (const token of tokens) {
            const kind = kinds[token.tokenTypeIdx];
            if (startsNewFormula(kind, previous)) {
                operators = 0;
                cutDepth = -1;
                beforeFormula = token.image === 'kpi';
            }
            previous = kind;
            if (beforeFormula && token.image === '=') {
                beforeFormula = false;
                continue;
            }
            if (cutDepth < 0) {
                if ((kind === 'binary' || kind === 'prefix') && ++operators > limit) {
                    cutDepth = 0;
                    errors.push(lexingError(token, `This formula has more than ${limit} operators, too many to read. Split it into smaller KPIs.`));
                } else {
                    continue;
                }
            }
            if (kind === 'open') cutDepth++;
            else if (kind === 'close' && cutDepth-- === 0) {
                cutDepth = 0; // closes a parenthesis opened before the cut: keep it
                continue;
            }
            dropped.add(token);
        }
        return { dropped, errors };
    }

    /** The most operators of any one formula in `tokens` (formulas counted as `excessTerms` does). */
    private mostOperators(tokens: Token[]): number {
        const kinds = this.kinds ??= this.tokenKinds();
        let operators = 0;
        let most = 0;
        let previous: TokenKind | undefined = 'boundary';
        let beforeFormula = false;
        for (const token of tokens) {
            const kind = kinds[token.tokenTypeIdx];
            if (startsNewFormula(kind, previous)) {
                operators = 0;
                beforeFormula = token.image === 'kpi';
            }
            previous = kind;
            if (beforeFormula && token.image === '=') beforeFormula = false;
            else if (kind === 'binary' || kind === 'prefix') most = Math.max(most, ++operators);
        }
        return most;
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

/**
 * `block`: a brace, which no formula has; `boundary`: a keyword that starts a declaration; `operand`: a
 * token after which a formula goes on with an operand (so a keyword there is a name).
 */
type TokenKind = 'open' | 'close' | 'prefix' | 'binary' | 'boundary' | 'block' | 'operand';
/** The tokens that nest or chain, by name (Langium names a keyword's token by the keyword). */
const TOKEN_KINDS: Record<string, TokenKind> = {
    '(': 'open', ')': 'close', '-': 'prefix', not: 'prefix',
    ...Object.fromEntries(['*', '/', '+', '<', '<=', '>', '>=', '=', '!=', 'in', 'and', 'or'].map(op => [op, 'binary'])),
    ...Object.fromEntries([',', '.', 'where', 'of', 'from', 'to', 'during', 'excluding'].map(op => [op, 'operand'])),
    '{': 'block', '}': 'block',
    ...Object.fromEntries(['agreement', 'service', 'kpi', 'objective', 'credit', 'internal', 'clause', 'fee', 'valid', 'timezone',
        'party', 'provider', 'customer', 'calendar', 'maintenance', 'dataset', 'import'].map(keyword => [keyword, 'boundary']))
};

/**
 * Whether a token of `kind` after one of kind `previous` starts counting a new formula. Names
 * may be keywords (a field called `service`), so a declaration keyword right after an
 * operator, a parenthesis, a comma or a dot is a name inside the formula, not its end.
 */
function startsNewFormula(kind: TokenKind | undefined, previous: TokenKind | undefined): boolean {
    if (kind === 'block') return true;
    if (kind !== 'boundary') return false;
    return previous !== 'binary' && previous !== 'prefix' && previous !== 'open' && previous !== 'operand';
}

/** A problem at a token, as Langium reports lexing errors: 1-based line and column. */
function lexingError(token: Token, message: string): LexerResult['errors'][number] {
    return { offset: token.startOffset, length: token.image.length, line: token.startLine, column: token.startColumn, message };
}
