/**
 * Short text cells as strings without allocating one per row. Text columns in SLA
 * data (service, region, status names) repeat a handful of values millions of
 * times; `Buffer#toString` per cell costs more than parsing a timestamp. A small
 * direct-mapped cache keyed by a hash of the bytes returns the string made the last
 * time the same bytes were seen (compared byte by byte, so never a wrong string).
 * Long or non-repeating values simply miss and are decoded normally. Bytes that are not
 * valid UTF-8 give undefined (and are not cached, so a hit is always valid text).
 */
import { decodeUtf8Strictly } from './utf8.js';

const SLOTS = 4096; // power of two
const MAX_BYTES = 32;
/** FNV-1a, 32 bits: the hash of the bytes (internHashed takes it from a caller that computed it while scanning). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export class TextInterner {
    private readonly keys = new Uint8Array(SLOTS * MAX_BYTES);
    private readonly lengths = new Int32Array(SLOTS).fill(-1);
    private readonly strings: string[] = new Array<string>(SLOTS).fill('');

    intern(bytes: Buffer, start: number, end: number): string | undefined {
        // A long text is not cached (internHashed decodes it; its hash is not needed).
        if (end - start > MAX_BYTES) return this.internHashed(bytes, start, end, 0);
        let hash = FNV_OFFSET;
        for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
        return this.internHashed(bytes, start, end, hash);
    }

    /** As intern, with `hash` the FNV-1a hash of the bytes (from FNV_OFFSET, Math.imul(hash ^ byte, FNV_PRIME) per byte). */
    internHashed(bytes: Buffer, start: number, end: number, hash: number): string | undefined {
        const length = end - start;
        if (length > MAX_BYTES) return decodeUtf8Strictly(bytes, start, end);
        const slot = (hash >>> 0) & (SLOTS - 1);
        const base = slot * MAX_BYTES;
        const keys = this.keys;
        if (this.lengths[slot] === length) {
            let same = true;
            for (let j = 0; j < length; j++) {
                if (keys[base + j] !== bytes[start + j]) {
                    same = false;
                    break;
                }
            }
            if (same) return this.strings[slot]!;
        }
        const text = decodeUtf8Strictly(bytes, start, end);
        if (text === undefined) return undefined;
        bytes.copy(keys, base, start, end);
        this.lengths[slot] = length;
        this.strings[slot] = text;
        return text;
    }
}

/**
 * The texts of an enumeration (`one of "P1", "P2"`): its declared values as a TextInterner
 * gives them, and undefined for any other text, as for bytes that are not UTF-8 — a reader
 * then leaves the cell to the field's decoder, which rejects it with the declared values.
 */
export class MemberInterner extends TextInterner {
    constructor(private readonly members: ReadonlySet<string>) {
        super();
    }

    /** Every text goes through here (intern too). */
    override internHashed(bytes: Buffer, start: number, end: number, hash: number): string | undefined {
        const text = super.internHashed(bytes, start, end, hash);
        return text !== undefined && this.members.has(text) ? text : undefined;
    }
}
