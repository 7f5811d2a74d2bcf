/**
 * A small seeded generator (mulberry32) for tests that draw random cases: every run and machine
 * draws the same ones, so a failure replays.
 */
export interface SeededRandom {
    /** A number in [0, 1). */
    next: () => number;
    /** A whole number in [0, n). */
    int: (n: number) => number;
    pick: <T>(values: readonly T[]) => T;
    chance: (p: number) => boolean;
}

export function seededRandom(seed: number): SeededRandom {
    let state = seed >>> 0;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number): number => Math.floor(next() * n);
    return { next, int, pick: (values) => values[int(values.length)]!, chance: (p) => next() < p };
}
