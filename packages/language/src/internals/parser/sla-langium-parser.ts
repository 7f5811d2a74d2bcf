import { createCompletionParser, createParser, LangiumParser, type AstNode, type LangiumCompletionParser, type LangiumCoreServices, type Lexer, type ParseResult, type ParserOptions } from 'langium';
import { installCstNodeBuilder, rememberNoViableAltPaths, rememberRecoveryFollows, resetParserAfterThrow } from '../langium-private.js';
import { LeanCstNodeBuilder } from './lean-cst-node-builder.js';
import { NESTING_LIMIT, NestingLimitLexer } from './nesting-limit-lexer.js';
import { setRootText } from './offset-leaf-nodes.js';

/**
 * Langium's parser, building a leaner CST (see lean-cst-node-builder.ts), that never throws on
 * deep nesting. The lexer (nesting-limit-lexer.ts) keeps the nesting a formula can have
 * within the parser's stack; should a text still overflow it, the parse gives an empty tree
 * and an error instead of taking the language server down.
 */
class SlaLangiumParser extends LangiumParser {
    private readonly lexerService: Lexer;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.lexerService = services.parser.Lexer;
        installCstNodeBuilder(this, new LeanCstNodeBuilder());
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        try {
            return super.parse<T>(input, options);
        } catch (error) {
            if (!this.isStackOverflow(error, input)) throw error;
            resetParserAfterThrow(this);
            const result = super.parse<T>('', options);
            // The empty tree stands for the user's text: positions asked of it are in that text.
            const root = result.value.$cstNode?.root;
            if (root) setRootText(root, input);
            // What the lexer found in the text (the nesting it cut short) still holds.
            result.lexerErrors.push(...this.lexerService.tokenize(input).errors);
            result.lexerErrors.push({ offset: 0, length: 0, line: 1, column: 1, message: 'This text nests too deeply to be read. Look for a formula with very many parentheses or operators.' });
            return result;
        }
    }

    /**
     * A stack overflow shows as a RangeError, or as another error when Langium's clean-up
     * after it (the `finally` blocks of its rule calls) fails in turn: which of the two depends
     * on where the stack ran out. An error on a text that nests deeper, or chains more
     * operators, than the lexer lets through by default is taken as an overflow; on any other
     * text it is a bug, and thrown.
     */
    private isStackOverflow(error: unknown, input: string): boolean {
        if (error instanceof RangeError) return true;
        return this.lexerService instanceof NestingLimitLexer
            && (this.lexerService.deepestNesting(input) > NESTING_LIMIT || this.lexerService.hasTooManyTerms(input));
    }
}

/** Builds the parser as Langium's `createLangiumParser` does, from the subclass above. */
export function createSlaLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new SlaLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    // Error recovery at each stray token walked the grammar afresh (issue 13, item 4).
    rememberRecoveryFollows(parser);
    rememberNoViableAltPaths(parser);
    return parser;
}

/** Langium's completion parser (it parses the text before the cursor at each completion), with the same remembered follows and error paths. */
export function createSlaCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createCompletionParser(services);
    // It recovers from errors as the parser does: an 8 KB fuzzed document's completions took 2 s.
    rememberRecoveryFollows(parser);
    rememberNoViableAltPaths(parser);
    return parser;
}
