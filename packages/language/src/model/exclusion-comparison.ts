/**
 * What a new version of an exclusion changes (`sla diff`; a client's own against its template's,
 * model/client-resolution.ts), judged from the customer's side: an
 * exclusion `during` a maintenance takes its time out of the promises, up to its cap (`at most
 * 10 hours per calendar year`), so a higher cap, or none, gives the customer less — Slack's
 * "at most 10 hours a year" raised to 20 must not pass a review gate as a mere replacement.
 */
import type { Exclusion } from '../generated/ast.js';
import { exclusionCapOf } from './exclusions.js';
import { normalizedText } from './written-text.js';

export interface ExclusionChange {
    kind: 'tightened' | 'loosened' | 'replaced' | 'changed';
    parts: string[];
}

/** The change from `before` to `after`; undefined when nothing but layout differs. */
export function exclusionChange(before: Exclusion, after: Exclusion): ExclusionChange | undefined {
    const parts: string[] = [];
    let replaced = false;
    let more = false;
    let less = false;
    const differs = (of: (exclusion: Exclusion) => string, none: string): boolean => {
        const [was, is] = [of(before), of(after)];
        if (was === is) return false;
        parts.push(`${is || none} instead of ${was || none}`);
        return true;
    };
    // Which rows or time it takes out: another condition or maintenance is another exclusion.
    if (differs(exclusion => (exclusion.selection ? `= ${normalizedText(exclusion.selection)}` : ''), 'no condition')) replaced = true;
    if (differs(exclusion => (exclusion.maintenance ? `during ${exclusion.maintenance.$refText}` : ''), 'no maintenance')) replaced = true;
    // Counted as available or taken out of the window: another way of counting the same time.
    if (differs(exclusion => (exclusion.countedAsAvailable ? 'counted as available' : ''), 'not counted as available')) replaced = true;
    // The cap: more time excluded a period (or no cap) gives the customer less.
    const [oldCap, newCap] = [before.cap ? exclusionCapOf(before.cap) : undefined, after.cap ? exclusionCapOf(after.cap) : undefined];
    if (differs(exclusion => (exclusion.cap ? normalizedText(exclusion.cap) : ''), 'no cap')) {
        if (before.cap && !after.cap) more = true;
        else if (!before.cap && after.cap) less = true;
        else if (oldCap && newCap && oldCap.per === newCap.per && oldCap.yearStartMonth === newCap.yearStartMonth && oldCap.ms !== newCap.ms) {
            if (newCap.ms > oldCap.ms) more = true;
            else less = true;
        } else if (!(oldCap && newCap && oldCap.per === newCap.per && oldCap.ms === newCap.ms)) {
            replaced = true; // per another period, or a cap that is no duration
        } else {
            parts.pop(); // `10 hours` for `600 minutes`: the same cap
        }
    }
    const promiseParts = parts.length;
    // Its wording: a term of the contract, not a promise.
    if (before.text !== after.text) parts.push(`${JSON.stringify(after.text ?? '')} instead of ${JSON.stringify(before.text ?? '')}`);
    if (parts.length === 0) return undefined;
    const kind = promiseParts === 0 ? 'changed' : replaced || (more && less) ? 'replaced' : more ? 'loosened' : less ? 'tightened' : 'changed';
    return { kind, parts };
}
