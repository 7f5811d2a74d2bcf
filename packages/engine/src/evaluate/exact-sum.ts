/**
 * Exact per-segment sums of the values of one aggregate (docs/language-reference.md
 * § 14.8, exact arithmetic): each value is read as its decimal (see exact-value.ts) and added as a
 * scaled integer, value × 10^scale, so 1.10 + 2.20 is 330 hundredths, never
 * 3.3000000000000003.
 *
 * Hand-written for the hot path (one call per row): while the scaled value and the
 * running sum stay within ±2^50, everything is a double holding an integer, and the
 * addition is exact. The check `round(v × 10^s) / 10^s === v` proves that v is the
 * double of that decimal (one correctly rounded division); within 2^50 the rounding
 * cannot pick a neighbour, and two decimals of ≤ 15 significant digits never share a
 * double. A value with more decimals than the scale raises the scale (sums are
 * multiplied up); a sum leaving ±2^50 moves into a BigInt beside it. Both are rare.
 */
import { decimalOf, exactRatio, powerOfTen, type Exact } from './exact-value.js';

/** Scaled values and sums stay within this bound in doubles (exact, with room for one addition). */
const LIMIT = 2 ** 50;
/** Powers of ten that are exact doubles. */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** The sums as plain data (a scan worker hands them over). */
export interface ExactSumsState {
    scale: number;
    small: Float64Array;
    big: (bigint | null)[] | null;
}

export class ExactSegmentSums {
    /** per segment, the part of the scaled sum held in a double (an integer within ±2^50) */
    small: Float64Array;
    /** per segment, the part beyond (BigInt), when a sum ever left ±2^50 */
    big: (bigint | undefined)[] | undefined;
    /** values are scaled by 10^scale */
    scale = 0;
    /** 10^scale as a double, NaN past 10^22 (then every value takes the careful path) */
    private power = 1;

    constructor(segments: number) {
        this.small = new Float64Array(segments);
    }

    add(segment: number, value: number): void {
        const power = this.power;
        const scaled = power === 1 ? value : Math.round(value * power);
        // At scale 0 a whole number is its own scaled value (no division needed to prove it).
        if ((power === 1 ? Math.round(value) === value : scaled / power === value) && scaled <= LIMIT && scaled >= -LIMIT) {
            const next = this.small[segment]! + scaled;
            if (next <= LIMIT && next >= -LIMIT) this.small[segment] = next;
            else this.carry(segment, next);
            return;
        }
        this.addCarefully(segment, value);
    }

    /**
     * add(segment, value) for a value whose scaled form at `power` (a power of ten) is already
     * known: `scaled` = round(value × power), an integer within ±(2³¹ − 1) with scaled / power
     * === value (ValueBuffer.pushScaled proved it). At this sum's own power that is exactly what
     * add() would compute and check, so the sum takes it as it is; at another power, add().
     */
    addKnown(segment: number, value: number, scaled: number, power: number): void {
        if (power !== this.power) {
            this.add(segment, value);
            return;
        }
        const next = this.small[segment]! + scaled;
        if (next <= LIMIT && next >= -LIMIT) this.small[segment] = next;
        else this.carry(segment, next);
    }

    /** Adds an exact decimal given as text (`-1234.5600`, a SQL engine's DECIMAL sum): no double in between. */
    addDecimalText(segment: number, text: string): void {
        const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
        if (match === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
        const fraction = match[3] ?? '';
        if (fraction.length > this.scale) this.rescale(fraction.length);
        const digits = BigInt(`${match[2] || '0'}${fraction}`) * powerOfTen(this.scale - fraction.length);
        this.addScaled(segment, match[1] === '-' ? -digits : digits);
    }

    /** The exact sum over segments [first, end). */
    range(first: number, end: number): Exact {
        let total = 0n;
        for (let s = first; s < end; s++) {
            total += BigInt(this.small[s]!);
            const big = this.big?.[s];
            if (big !== undefined) total += big;
        }
        return exactRatio(total, powerOfTen(this.scale));
    }

    exportState(): ExactSumsState {
        return { scale: this.scale, small: this.small, big: this.big === undefined ? null : Array.from(this.big, (b) => b ?? null) };
    }

    /** Adds another thread's sums for the same segments. */
    addState(state: ExactSumsState): void {
        if (state.scale > this.scale) this.rescale(state.scale);
        const factor = powerOfTen(this.scale - state.scale);
        for (let s = 0; s < this.small.length; s++) {
            const incoming = BigInt(state.small[s]!) + (state.big?.[s] ?? 0n);
            if (incoming !== 0n) this.addScaled(s, incoming * factor);
        }
    }

    /** A value with more decimals than the scale, a large one, or one past 10^22 in scale. */
    private addCarefully(segment: number, value: number): void {
        const { digits, exponent } = decimalOf(value);
        if (-exponent > this.scale) this.rescale(-exponent);
        this.addScaled(segment, digits * powerOfTen(exponent + this.scale));
    }

    private addScaled(segment: number, scaled: bigint): void {
        const total = BigInt(this.small[segment]!) + (this.big?.[segment] ?? 0n) + scaled;
        this.store(segment, total);
    }

    private carry(segment: number, next: number): void {
        this.small[segment] = 0;
        this.addScaled(segment, BigInt(next));
    }

    private store(segment: number, total: bigint): void {
        if (total <= BIG_LIMIT && total >= -BIG_LIMIT) {
            this.small[segment] = Number(total);
            if (this.big !== undefined) this.big[segment] = undefined;
        } else {
            this.small[segment] = 0;
            this.big ??= new Array<bigint | undefined>(this.small.length).fill(undefined);
            this.big[segment] = total;
        }
    }

    private rescale(scale: number): void {
        const factor = powerOfTen(scale - this.scale);
        this.scale = scale;
        this.power = scale < POWERS.length ? POWERS[scale]! : NaN;
        for (let s = 0; s < this.small.length; s++) {
            const total = BigInt(this.small[s]!) + (this.big?.[s] ?? 0n);
            if (total !== 0n) this.store(s, total * factor);
        }
    }
}

const BIG_LIMIT = BigInt(LIMIT);
