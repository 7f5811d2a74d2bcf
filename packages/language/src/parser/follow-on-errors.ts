import type { IRecognitionException } from 'chevrotain';

/**
 * Drops parser errors that only follow from an earlier one. After an error the parser skips
 * ahead to a token that can start a new declaration and may land inside the broken line
 * (`per calendar month` holds the keyword `calendar`), then complains about what follows.
 * An error whose preceding token sits on the line of an earlier error is such a follow-on
 * error: the reader gets one message per broken line, at the place they must fix.
 * `lexedLines`: the (1-based) lines of the lexer's errors, broken lines too — the lexer drops
 * what it reports (a parenthesis nested too deep: nesting-limit-lexer.ts), and the parser's
 * complaint about the gap it leaves (`count requests`: "Expected '('") follows from it.
 */
export function withoutFollowOnErrors<T extends IRecognitionException>(errors: readonly T[], lexedLines: Iterable<number> = []): T[] {
    const errorLines = new Set<number>(lexedLines);
    const kept: T[] = [];
    for (const error of errors) {
        const previous = (error as { previousToken?: { startLine?: number } }).previousToken;
        const anchorLine = previous?.startLine;
        if (anchorLine !== undefined && !Number.isNaN(anchorLine) && errorLines.has(anchorLine)) continue;
        kept.push(error);
        const line = error.token?.startLine;
        if (line !== undefined && !Number.isNaN(line)) errorLines.add(line);
        if (anchorLine !== undefined && !Number.isNaN(anchorLine)) errorLines.add(anchorLine);
    }
    return kept;
}
