import type { LexerResult, TokenizeOptions } from 'langium';
import { NestingLimitLexer } from '../internals/parser/nesting-limit-lexer.js';

/** Hidden tokens that stand for a mistake, with what to tell the author. */
const UNCLOSED: Record<string, string> = {
    UNCLOSED_STRING: 'This text has no closing quote on its line. Close it with " before the line ends: a text stays on one line (write \\n for a line break inside it).',
    UNCLOSED_COMMENT: 'This comment is never closed: everything after /* up to the end of the file is ignored. Close it with */.'
};

/**
 * Langium's lexer, reporting an unclosed text or comment as one lexing error. The grammar
 * matches the rest of such a line (or file) as one hidden token, so that lexing stays
 * linear and what follows is not read as a cascade of stray names.
 */
export class SlaLexer extends NestingLimitLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        if (!result.hidden.some(token => token.tokenType.name in UNCLOSED)) return result;
        const hidden = [];
        for (const token of result.hidden) {
            const message = UNCLOSED[token.tokenType.name];
            if (!message) {
                hidden.push(token);
                continue;
            }
            result.errors.push({ offset: token.startOffset, length: token.image.length, line: token.startLine, column: token.startColumn, message });
        }
        result.errors.sort((a, b) => a.offset - b.offset);
        return { ...result, hidden };
    }
}
