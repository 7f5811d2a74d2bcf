import type { LangiumDocument } from 'langium';

/**
 * Text that prints a name, number or date the parser could not read: a node it recovered has
 * none, and a message or hover built from it shows 'undefined' or NaN ("the service
 * 'undefined'", "the fees add up to 6,000 EUR (undefined 4,000 + Desk 2,000)", "Write 'NaN% of
 * fee'", "**Fee**: undefined per calendar month"). It describes the recovery, not what the
 * author wrote, and comes back, with the name, once the line is complete. No message or hover
 * says either word otherwise.
 */
export function printsUnreadText(text: string): boolean {
    return /\bundefined\b|\bNaN\b/.test(text);
}

/** The document's text has a lexer or parser error (some of its nodes are the parser's recovery). */
export function hasSyntaxError(document: LangiumDocument): boolean {
    const { lexerErrors, parserErrors } = document.parseResult;
    return lexerErrors.length > 0 || parserErrors.length > 0;
}
