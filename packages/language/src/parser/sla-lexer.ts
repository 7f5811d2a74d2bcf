import type { LexerResult, TokenizeOptions } from 'langium';
import { NestingLimitLexer } from '../internals/parser/nesting-limit-lexer.js';
import { FIELD_UNIT, markFieldUnits } from './field-unit-tokens.js';

/** Hidden tokens that stand for a mistake, with what to tell the author. */
const UNCLOSED: Record<string, string> = {
    UNCLOSED_STRING: 'This text has no closing quote on its line. Close it with " before the line ends: a text stays on one line (write \\n for a line break inside it).',
    UNCLOSED_COMMENT: 'This comment is never closed: everything after /* up to the end of the file is ignored. Close it with */.'
};

/**
 * The longest text read, in characters (about 8 MB; a generated agreement of 50,000 lines
 * has 3.3 million). Reading takes about 90 bytes of memory per character, so a 50 MB file
 * would need 4.4 GB: above the limit the file is refused with one error instead.
 * Documented in docs/language-reference.md and docs/editors.md.
 */
export const MAX_DOCUMENT_CHARACTERS = 8_000_000;

/**
 * Langium's lexer, refusing a text above MAX_DOCUMENT_CHARACTERS, marking a duration field's
 * unit (field-unit-tokens.ts) and reporting an unclosed text or comment as one lexing error. The grammar
 * matches the rest of such a line (or file) as one hidden token, so that lexing stays
 * linear and what follows is not read as a cascade of stray names.
 */
export class SlaLexer extends NestingLimitLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        if (text.length > MAX_DOCUMENT_CHARACTERS) return tooLarge(text);
        const result = super.tokenize(text, options);
        markFieldUnits(result.tokens, this.definition.ID, this.definition[FIELD_UNIT]);
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

/** No tokens (an empty document) and one error saying the size and the limit. */
function tooLarge(text: string): LexerResult {
    const size = text.length.toLocaleString('en-US');
    const limit = MAX_DOCUMENT_CHARACTERS.toLocaleString('en-US');
    const message = `This file has ${size} characters; the SLA language reads files of up to ${limit} characters (about 8 MB). `
        + 'Split it into files that import each other (import "other.sla").';
    return { tokens: [], hidden: [], errors: [{ offset: 0, length: 0, line: 1, column: 1, message }] };
}
