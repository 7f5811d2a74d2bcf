import { DefaultLexerErrorMessageProvider } from 'langium';

/** Letters contracts write that names cannot hold, with their usual ASCII spelling. */
const SPELLED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss', æ: 'ae', Æ: 'Ae', ø: 'o', Ø: 'O', å: 'a', Å: 'A', œ: 'oe', Œ: 'Oe' };

/**
 * Characters the lexer cannot read, said for the person editing the contract instead of
 * Chevrotain's "unexpected character: ->ü<- at offset: 14, skipped 1 characters.": a letter
 * outside a–z in a name (`agreement Verfügbarkeit`: names are ASCII, titles in quotes hold any
 * text), typographic quotes, or another character, named with its code point.
 */
export class SlaLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        const first = String.fromCodePoint(text.codePointAt(0) ?? 0x3f);
        if (/^[\u201C\u201D\u201E\u00AB\u00BB]$/u.test(first)) {
            return `'${first}' is a typographic quote: texts are written in straight double quotes ("…"), e.g. a title "Managed hosting".`;
        }
        if (/^\p{L}$/u.test(first)) {
            const word = wordAround(fullText, startOffset);
            return `'${first}' cannot be part of a name: names are written with the letters a–z and A–Z, digits and '_' (write '${asciiSpelling(word)}'); a title in quotes may hold any text ("${word}").`;
        }
        if (/^\s$/u.test(first)) {
            return `The character U+${first.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (a space the language does not read, e.g. a no-break space) is not allowed here: replace it with an ordinary space.`;
        }
        return `The character '${first}' (U+${first.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) is not part of the language here: remove it, or write it inside a quoted text.`;
    }
}

/** The run of letters, digits and '_' around the offset (the name the letter stands in). */
function wordAround(text: string, offset: number): string {
    const isWordChar = (char: string) => /[\p{L}\p{N}_]/u.test(char);
    let start = offset;
    while (start > 0 && isWordChar(text[start - 1]!)) start--;
    let end = offset;
    while (end < text.length && isWordChar(text[end]!)) end++;
    return text.slice(start, end);
}

/** The name in ASCII letters: umlauts spelled out, other accents dropped (`Verfügbarkeit` → `Verfuegbarkeit`, `Café` → `Cafe`). */
function asciiSpelling(word: string): string {
    const spelled = [...word].map(char => SPELLED[char] ?? char).join('');
    const plain = spelled.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_]/g, '_');
    return /^[A-Za-z_]/.test(plain) ? plain : `_${plain}`;
}
