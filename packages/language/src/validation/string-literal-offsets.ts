/**
 * Where each character of a string's value stands in the literal as written: an escape
 * (`\n`, `\"`) is one character of the value and two of the source, so a match found in
 * the value (what the reader means) must be moved to be ranged on the source.
 *
 * Entry i is the offset, in `literal` (quotes included), of the value's character i; one
 * more entry, the offset of the closing quote, ends a match that runs to the value's end.
 * The escapes are those of Langium's string value converter (`ValueConverter.convertString`).
 */
export function valueOffsetsInLiteral(literal: string): number[] {
    const offsets: number[] = [];
    for (let i = 1; i < literal.length - 1; i++) {
        offsets.push(i);
        if (literal[i] === '\\') i++;
    }
    offsets.push(Math.max(literal.length - 1, 0));
    return offsets;
}
