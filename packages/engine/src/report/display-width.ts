/**
 * How many columns a text takes on a terminal, for the plain-text tables: a Japanese, Chinese or
 * Korean character (East Asian Wide or Fullwidth) takes two, a combining accent, a zero-width
 * joiner or a variation selector none, any other character one (Unicode Standard Annex #11; an
 * ambiguous character counts as narrow, as terminals outside East Asian locales show it).
 * Not string-width: it makes an Intl.Segmenter when loaded, which the CLI's start-up snapshot cannot hold.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;

export function displayWidth(text: string): number {
    let width = 0;
    for (const character of text) {
        if (!ZERO_WIDTH.test(character)) width += eastAsianWidth(character.codePointAt(0)!);
    }
    return width;
}

/** The text followed by spaces up to `width` columns (as String.padEnd does for characters). */
export function padToWidth(text: string, width: number): string {
    return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
