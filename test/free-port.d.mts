export function freePort(): Promise<number>;
export function ephemeralLow(): number;
