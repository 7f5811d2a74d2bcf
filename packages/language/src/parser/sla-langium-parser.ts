import { createParser, LangiumParser, type AstNode, type CstNodeBuilder, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';
import { LeanCstNodeBuilder } from './lean-cst-node-builder.js';
import { defuseDeepNesting, NESTING_LIMIT, type NestingProblem } from './nesting-guard.js';
import { setRootText } from './offset-leaf-nodes.js';

/**
 * Langium's parser, building a leaner CST (see lean-cst-node-builder), and safe from texts
 * that nest deeper than its stack (see nesting-guard).
 */
export class SlaLangiumParser extends LangiumParser {
    /** How deep parentheses and prefix operators may nest; tests raise it to reach the stack's own limit. */
    nestingLimit = NESTING_LIMIT;

    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium keeps its CST builder private and makes it itself: swap in the leaner one.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new LeanCstNodeBuilder();
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const defused = defuseDeepNesting(input, this.nestingLimit);
        let result: ParseResult<T>;
        try {
            result = super.parse<T>(defused.text, options);
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            // Nesting the guard does not know of: read nothing rather than take the server down.
            // Langium resets its other state when a parse starts; these two it resets only when one ends.
            (this as unknown as { stack: unknown[] }).stack = [];
            this.unorderedGroups.clear();
            result = super.parse<T>('', options);
            defused.problems.push({ offset: 0, length: 0, message: 'This text nests too deeply to be read. Look for a formula with very many parentheses or operators.' });
        }
        if (defused.text !== input || defused.problems.length > 0) {
            // Blanking kept every offset: the tree's positions hold for the text the user wrote.
            const root = result.value.$cstNode?.root;
            if (root) setRootText(root, input);
            result.lexerErrors.push(...defused.problems.map(problem => lexingError(input, problem)));
        }
        return result;
    }
}

/** A nesting problem as Langium reports lexing errors: 1-based line and column. */
function lexingError(input: string, problem: NestingProblem): ParseResult['lexerErrors'][number] {
    const before = input.slice(0, problem.offset);
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    const line = before.split(/\r\n|\r|\n/).length;
    return { offset: problem.offset, length: problem.length, line, column: problem.offset - lineStart + 1, message: problem.message };
}

/** Builds the parser as Langium's `createLangiumParser` does, from the subclass above. */
export function createSlaLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new SlaLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
