import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { DefaultTokenBuilder, type GrammarAST } from 'langium';

/**
 * `latency duration msec`: a word right after `duration` on its line is the field's unit,
 * whatever it is, so that a misspelt unit is reported as one (validation/fallback-syntax.ts)
 * instead of becoming the name of a next field and a cascade of errors after it. On the next
 * line, a word is the next field's name (`latency duration`, no unit, then `status integer`).
 * The grammar does not see line breaks, so the lexer tells the two apart: it retypes such a
 * word from ID to FIELD_UNIT, a token type the grammar accepts only there.
 */
export const FIELD_UNIT = 'FIELD_UNIT';

/** Langium's token builder, with FIELD_UNIT never matched by a pattern (markFieldUnits makes it). */
export class SlaTokenBuilder extends DefaultTokenBuilder {
    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        if (terminal.name === FIELD_UNIT) return { name: FIELD_UNIT, PATTERN: Lexer.NA };
        return super.buildTerminalToken(terminal);
    }
}

/** Retypes each ID that follows the keyword `duration` on the same line as FIELD_UNIT. */
export function markFieldUnits(tokens: IToken[], id: TokenType | undefined, fieldUnit: TokenType | undefined): void {
    if (!id || !fieldUnit || id.tokenTypeIdx === undefined || fieldUnit.tokenTypeIdx === undefined) return;
    for (let i = 1; i < tokens.length; i++) {
        const token = tokens[i]!;
        if (token.tokenTypeIdx !== id.tokenTypeIdx) continue;
        const previous = tokens[i - 1]!;
        if (previous.image !== 'duration' || previous.endLine !== token.startLine) continue;
        token.tokenType = fieldUnit;
        token.tokenTypeIdx = fieldUnit.tokenTypeIdx;
    }
}
