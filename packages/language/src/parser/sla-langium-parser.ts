import { createParser, type CstNodeBuilder, LangiumParser, type AstNode, type LangiumCoreServices, type ParseResult, type ParserOptions } from 'langium';
import { compactCst } from './cst-compaction.js';
import { OffsetLeafCstNodeBuilder } from './offset-leaf-nodes.js';

/**
 * Langium's parser, with a leaner CST: leaves that store only offsets (see offset-leaf-nodes)
 * and no pass-through composites (see cst-compaction).
 */
export class SlaLangiumParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium keeps its CST builder private and makes it itself: swap in the leaner one.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new OffsetLeafCstNodeBuilder();
    }

    override parse<T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> {
        const result = super.parse<T>(input, options);
        compactCst(result.value);
        return result;
    }
}

/** Builds the parser as Langium's `createLangiumParser` does, from the subclass above. */
export function createSlaLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new SlaLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
