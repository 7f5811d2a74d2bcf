/**
 * Finds the terms of one vague-term list in texts, in time that does not grow with the list.
 *
 * The findings are those of one regular expression over the whole list (whole words, any case,
 * any spacing, longest term first), but a list of 50,000 terms makes that expression slow to
 * compile and slow to run. So the terms are indexed by their words: a text's words pick the few
 * terms that could occur in it, and only those go into the expression (cached per set).
 * Leaving out terms that match nowhere in the text does not change what the expression finds.
 */

export interface VagueTermMatch {
    term: string;
    /** Offset of the match in the searched text. */
    offset: number;
    length: number;
}

/** Characters of a word, as the expression's boundaries see them (`iu`: the class is closed under case folding). */
const WORD_CHARACTERS = '[\\p{L}\\p{N}_-]';
const WORD_RUN = new RegExp(`${WORD_CHARACTERS}+`, 'giu');
/** Distinct candidate sets seen in texts; past this many the cache starts over. */
const MAX_CACHED_PATTERNS = 256;

export class VagueTermMatcher {
    /** The terms in the order the expression tries them: longest first. */
    private readonly ordered: readonly string[];
    /** Positions in `ordered` of the terms, under the word of each that the fewest terms share. */
    private readonly byRarestWord = new Map<string, number[]>();
    /** The case-folded words of each term (by position in `ordered`). */
    private readonly wordsOf: Array<readonly string[]> = [];
    /** Terms of punctuation alone: candidates in every text. */
    private readonly withoutWords: number[] = [];
    private readonly patterns = new Map<string, RegExp>();

    /** `terms`: lower-cased, trimmed, without duplicates. */
    constructor(terms: readonly string[]) {
        this.ordered = [...terms].sort((a, b) => b.length - a.length);
        const termsWith = new Map<string, number>();
        for (const term of this.ordered) {
            const words = [...new Set(Array.from(term.matchAll(WORD_RUN), ([word]) => foldCase(word)))];
            this.wordsOf.push(words);
            for (const word of words) termsWith.set(word, (termsWith.get(word) ?? 0) + 1);
        }
        // Not the first word: "the" may start thousands of terms and occur in every text.
        this.wordsOf.forEach((words, position) => {
            if (words.length === 0) {
                this.withoutWords.push(position);
                return;
            }
            const rarest = words.reduce((rarer, word) => (termsWith.get(word) ?? 0) < (termsWith.get(rarer) ?? 0) ? word : rarer);
            const positions = this.byRarestWord.get(rarest);
            if (positions) positions.push(position);
            else this.byRarestWord.set(rarest, [position]);
        });
    }

    /** Every term in `text`, as whole words, longest first where they overlap. */
    find(text: string): VagueTermMatch[] {
        const candidates = this.candidatesIn(text);
        if (candidates.length === 0) return [];
        const pattern = this.patternOf(candidates);
        const matches: VagueTermMatch[] = [];
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
            matches.push({ term: match[0], offset: match.index, length: match[0].length });
            if (match[0].length === 0) pattern.lastIndex++;
        }
        return matches;
    }

    /**
     * The terms that may occur in `text`, in the expression's order. Where a term matches, each
     * of its words is a whole word of the text: next to it, in the term or the expression's
     * look-around, is no word character. So a term with a word the text lacks cannot match.
     */
    private candidatesIn(text: string): number[] {
        const words = new Set<string>();
        for (const [word] of text.matchAll(WORD_RUN)) words.add(foldCase(word));
        const found = [...this.withoutWords];
        for (const word of words) {
            for (const position of this.byRarestWord.get(word) ?? []) {
                if (this.wordsOf[position].every(other => words.has(other))) found.push(position);
            }
        }
        return found.sort((a, b) => a - b);
    }

    private patternOf(candidates: number[]): RegExp {
        const key = candidates.join(',');
        let pattern = this.patterns.get(key);
        if (pattern === undefined) {
            if (this.patterns.size >= MAX_CACHED_PATTERNS) this.patterns.clear();
            pattern = buildPattern(candidates.map(position => this.ordered[position]));
            this.patterns.set(key, pattern);
        }
        return pattern;
    }
}

/**
 * A key equal for any two words the expression's `i` flag treats as equal (Unicode simple case
 * folding, character by character): "ſ" and "s", "K" (Kelvin) and "k", "ẞ" and "ß", "ς" and "σ",
 * "ΐ" and "ΐ". It is also equal for some words the flag tells apart ("ß" and "ss", "ı" and "i");
 * the expression decides those.
 */
export function foldCase(word: string): string {
    // eslint-disable-next-line no-control-regex
    if (/^[\u0000-\u007f]*$/.test(word)) return word.toLowerCase();
    let key = '';
    for (const character of word) key += foldCharacter(character);
    return key;
}

/** Lower, upper, lower: upper case joins "ſ", "ς", "ϑ" and "ΐ" to their letters, lower case first joins "ẞ" to "ß". */
function foldCharacter(character: string): string {
    return character.toLowerCase().toUpperCase().toLowerCase();
}

function buildPattern(terms: readonly string[]): RegExp {
    const alternatives = terms.map(term => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    return new RegExp(`(?<!${WORD_CHARACTERS})(?:${alternatives.join('|')})(?!${WORD_CHARACTERS})`, 'giu');
}
