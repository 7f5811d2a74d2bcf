/**
 * Levenshtein distance between two strings (insertions, deletions and substitutions each
 * count 1), for "did you mean" suggestions: mistyped zone names, units, keywords and
 * names. Case-sensitive; callers lower-case both sides when case should not count.
 * One row of the table is kept: the inputs are short words, called a few hundred times
 * per suggestion. With `max`, a pair whose lengths alone differ by more gives `max + 1` at
 * once: a 180,000-character string typed as a zone name cost 35 s against every zone name
 * (the table is length × length), and no suggestion is that far anyway.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0]!;
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j]!;
            previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return previous[b.length]!;
}
