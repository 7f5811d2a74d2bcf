/**
 * The part of a text an edit replaced: `[start, oldEnd)` of the old text became
 * `[start, newEnd)` of the new one. Found by comparing the texts from both ends, so it does
 * not depend on how the client reported the change (one or many content changes).
 */
export interface ChangedRegion {
    start: number;
    oldEnd: number;
    newEnd: number;
    /** newText.length - oldText.length */
    delta: number;
}

export function changedRegion(oldText: string, newText: string): ChangedRegion | undefined {
    if (oldText === newText) return undefined;
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let oldEnd = oldText.length;
    let newEnd = newText.length;
    while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
        oldEnd--;
        newEnd--;
    }
    return { start, oldEnd, newEnd, delta: newText.length - oldText.length };
}
