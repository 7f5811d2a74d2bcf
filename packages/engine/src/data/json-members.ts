/**
 * What JSON.parse loses of an object's members, read from its text: a key written twice
 * (JSON.parse silently keeps the last), and a number as the file writes it. JSON.parse reads
 * every number into a double, so account ID 9007199254740993 would become 9007199254740992 —
 * another account —, 12345678901234567891 would become "12345678901234567000", and "1.10"
 * would become "1.1"; a CSV cell keeps its text. The fields read a number from its text, as
 * they read a CSV cell (field-decoder.ts, fromJsonNumber). Only the top-level members of keys
 * some field reads are looked at; one scan of the text finds both.
 */

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, ZERO = 0x30, NINE = 0x39;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

/** The characters a JSON number is written with (digits, sign, point, exponent). */
function isNumberCharacter(c: number): boolean {
    return (c >= ZERO && c <= NINE) || c === MINUS || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/** The top-level members of one object's text: read afresh by `read` for each record (one instance serves a scan). */
export class JsonMembers {
    /** the first key some field reads that the object has twice, or undefined */
    duplicate: string | undefined;
    /** position of each key some field reads */
    private readonly index: Map<string, number>;
    /** per key: the record (its `record` number) that has it; a record's keys are not collected in a set of their own */
    private readonly seenIn: Float64Array;
    /** per key: where its number's text is in `text`, or -1 when its value is no number */
    private readonly numberStart: Int32Array;
    private readonly numberEnd: Int32Array;
    private record = 0;
    private text = '';

    constructor(columns: ReadonlySet<string>) {
        this.index = new Map([...columns].map((column, k) => [column, k]));
        this.seenIn = new Float64Array(columns.size);
        this.numberStart = new Int32Array(columns.size);
        this.numberEnd = new Int32Array(columns.size);
    }

    /** Reads the members of the object written in `text` (valid JSON: JSON.parse accepted it). */
    read(text: string): void {
        const index = this.index;
        const seenIn = this.seenIn;
        const record = ++this.record;
        this.text = text;
        this.duplicate = undefined;
        let depth = 0;
        let expectKey = false;
        /** the position of a key some field reads, whose value comes next; -1 when none */
        let readKey = -1;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === QUOTE) {
                const start = i;
                let escaped = false;
                for (i++; i < text.length; i++) {
                    const d = text.charCodeAt(i);
                    if (d === BACKSLASH) {
                        escaped = true;
                        i++;
                    } else if (d === QUOTE) {
                        break;
                    }
                }
                if (depth === 1 && expectKey) {
                    const key = escaped ? JSON.parse(text.slice(start, i + 1)) as string : text.slice(start + 1, i);
                    const k = index.get(key);
                    if (k !== undefined) {
                        if (seenIn[k] === record) {
                            this.duplicate = key; // the record is rejected: nothing more to read
                            return;
                        }
                        seenIn[k] = record;
                        this.numberStart[k] = -1;
                        readKey = k;
                    }
                    expectKey = false;
                    continue;
                }
                readKey = -1;
            } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                depth++;
                expectKey = depth === 1 && c === OPEN_BRACE;
                readKey = -1;
            } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                depth--;
            } else if (c === COMMA && depth === 1) {
                expectKey = true;
            } else if (readKey >= 0 && (c === MINUS || (c >= ZERO && c <= NINE))) {
                this.numberStart[readKey] = i;
                while (i + 1 < text.length && isNumberCharacter(text.charCodeAt(i + 1))) i++;
                this.numberEnd[readKey] = i + 1;
                readKey = -1;
            } else if (c !== COLON && c > 0x20) {
                readKey = -1; // true, false, null
            }
        }
    }

    /** The text of the number the last object read has at `key` (a key some field reads), as the file writes it. */
    numberText(key: string): string | undefined {
        const k = this.index.get(key);
        if (k === undefined || this.seenIn[k] !== this.record || this.numberStart[k] < 0) return undefined;
        return this.text.slice(this.numberStart[k], this.numberEnd[k]);
    }
}
