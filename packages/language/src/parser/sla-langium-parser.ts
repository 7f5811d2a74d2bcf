import { createParser, LangiumParser, type CstNodeBuilder, type LangiumCoreServices } from 'langium';
import { LeanCstNodeBuilder } from './lean-cst-node-builder.js';

/** Langium's parser, building a leaner CST (see lean-cst-node-builder). */
export class SlaLangiumParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium keeps its CST builder private and makes it itself: swap in the leaner one.
        (this as unknown as { nodeBuilder: CstNodeBuilder }).nodeBuilder = new LeanCstNodeBuilder();
    }
}

/** Builds the parser as Langium's `createLangiumParser` does, from the subclass above. */
export function createSlaLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new SlaLangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
