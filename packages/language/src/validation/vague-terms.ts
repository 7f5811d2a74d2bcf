/**
 * Words that let two readers disagree about what was promised. Shipped with the language;
 * users extend the list (editor setting `sla.vagueTerms`, CLI `--vague-terms`, `.slarc.json` for both).
 */
export const DEFAULT_VAGUE_TERMS: readonly string[] = [
    'promptly', 'prompt', 'timely', 'in a timely manner', 'reasonable', 'reasonably', 'best effort', 'best efforts',
    'commercially reasonable', 'as soon as possible', 'asap', 'as soon as practicable', 'high availability',
    'highly available', 'minimal', 'minimum downtime', 'adequate', 'adequately', 'regularly', 'regular', 'periodically',
    'industry standard', 'industry-standard', 'fast', 'quickly', 'quick', 'rapidly', 'appropriate', 'appropriately',
    'significant', 'significantly', 'sufficient', 'acceptable', 'normally', 'usually', 'generally', 'typically',
    'without undue delay', 'immediately', 'expeditiously', 'good faith', 'high quality', 'state of the art',
    'robust', 'reliable', 'seamless', 'optimal', 'where possible', 'if possible', 'as required', 'as needed',
    // Written with hyphens as often as with spaces.
    'best-effort', 'best-efforts', 'commercially-reasonable', 'high-availability', 'highly-available', 'high-quality', 'state-of-the-art'
];

export interface VagueTermMatch {
    term: string;
    /** Offset of the match in the searched text. */
    offset: number;
    length: number;
}

/**
 * The list of vague terms in effect: the shipped one plus the user's. One instance per
 * language services; `extend` and `setUserTerms` take effect on the next validation.
 */
export class VagueTerms {
    private userTerms: string[] = [];
    private projectTerms: string[] = [];
    private extraTerms: string[] = [];
    private pattern: RegExp | undefined;
    /** First word of every term: a cheap test that rules out most texts before the regex runs. */
    private firstWords: string[] | undefined;

    /** Adds terms for good (the CLI's `--vague-terms` and `.slarc.json`). */
    extend(terms: Iterable<string>): void {
        this.extraTerms.push(...normalize(terms));
        this.pattern = undefined;
        this.firstWords = undefined;
    }

    /** Replaces the terms that come from the editor's settings (they can change at any time). */
    setUserTerms(terms: Iterable<string>): void {
        this.userTerms = normalize(terms);
        this.pattern = undefined;
        this.firstWords = undefined;
    }

    /** Replaces the terms of the workspace's `.slarc.json` files (the server re-reads them when they change). */
    setProjectTerms(terms: Iterable<string>): void {
        this.projectTerms = normalize(terms);
        this.pattern = undefined;
        this.firstWords = undefined;
    }

    get terms(): readonly string[] {
        return [...new Set([...DEFAULT_VAGUE_TERMS, ...this.extraTerms, ...this.projectTerms, ...this.userTerms])];
    }

    /** Every vague term in `text`, as whole words, longest first where they overlap. */
    find(text: string): VagueTermMatch[] {
        this.firstWords ??= [...new Set(this.terms.map(term => term.split(/\s+/)[0]))];
        const lower = text.toLowerCase();
        if (!this.firstWords.some(word => containsWord(lower, word))) return [];
        this.pattern ??= buildPattern(this.terms);
        const matches: VagueTermMatch[] = [];
        this.pattern.lastIndex = 0;
        for (let match = this.pattern.exec(text); match; match = this.pattern.exec(text)) {
            matches.push({ term: match[0], offset: match.index, length: match[0].length });
            if (match[0].length === 0) this.pattern.lastIndex++;
        }
        return matches;
    }
}

const WORD_CHARACTER = /[\p{L}\p{N}_-]/u;

/** `word` occurs in `text` as a whole word (not inside "steadfast" for "fast"). */
function containsWord(text: string, word: string): boolean {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const before = at > 0 ? text[at - 1] : ' ';
        const after = at + word.length < text.length ? text[at + word.length] : ' ';
        if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
    }
    return false;
}

function normalize(terms: Iterable<string>): string[] {
    return [...terms].map(t => t.trim().toLowerCase()).filter(t => t.length > 0);
}

function buildPattern(terms: readonly string[]): RegExp {
    const alternatives = [...terms]
        .sort((a, b) => b.length - a.length)
        .map(term => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    return new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');
}
