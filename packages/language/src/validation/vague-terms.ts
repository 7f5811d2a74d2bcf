import { VagueTermMatcher, type VagueTermMatch } from './vague-term-matcher.js';

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

export type { VagueTermMatch } from './vague-term-matcher.js';

/**
 * The list of vague terms in effect: the shipped one plus the user's. One instance per
 * language services; `extend` and `setUserTerms` take effect on the next validation.
 */
export class VagueTerms {
    private userTerms: string[] = [];
    private projectTerms: string[] = [];
    private extraTerms: string[] = [];
    /** Built on the first search after the list changes: its cost is paid once per list, not per text. */
    private matcher: VagueTermMatcher | undefined;

    /** Adds terms for good (the CLI's `--vague-terms` and `.slarc.json`). */
    extend(terms: Iterable<string>): void {
        // Not `push(...terms)`: a list of 150,000 terms overflows the call stack as arguments.
        this.extraTerms = [...this.extraTerms, ...normalize(terms)];
        this.matcher = undefined;
    }

    /** Replaces the terms that come from the editor's settings (they can change at any time). */
    setUserTerms(terms: Iterable<string>): void {
        this.userTerms = normalize(terms);
        this.matcher = undefined;
    }

    /** Replaces the terms of the workspace's `.slarc.json` files (the server re-reads them when they change). */
    setProjectTerms(terms: Iterable<string>): void {
        this.projectTerms = normalize(terms);
        this.matcher = undefined;
    }

    get terms(): readonly string[] {
        return [...new Set([...DEFAULT_VAGUE_TERMS, ...this.extraTerms, ...this.projectTerms, ...this.userTerms])];
    }

    /** Every vague term in `text`, as whole words, longest first where they overlap. */
    find(text: string): VagueTermMatch[] {
        this.matcher ??= new VagueTermMatcher(this.terms);
        return this.matcher.find(text);
    }
}

function normalize(terms: Iterable<string>): string[] {
    return [...terms].map(t => t.trim().toLowerCase()).filter(t => t.length > 0);
}
