/** Durations in hovers and in `sla explain`. */

const UNITS: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1_000]
];

/**
 * A downtime allowance, rounded DOWN to whole seconds and written with every non-zero
 * unit: 2,678,400 ms → `44 min 38 s` (44.64 min = 44 min 38.4 s). Rounding down because
 * the customer must never be promised more downtime than the target permits. Below one
 * second the value is shown in whole milliseconds (rounded down as well).
 */
export function formatAllowance(ms: number): string {
    if (!Number.isFinite(ms) || ms <= 0) return '0 s';
    if (ms < 1_000) return `${Math.floor(ms)} ms`;
    let rest = Math.floor(ms / 1_000) * 1_000;
    const parts: string[] = [];
    for (const [name, size] of UNITS) {
        const count = Math.floor(rest / size);
        rest -= count * size;
        if (count > 0) parts.push(`${count} ${name}`);
    }
    return parts.join(' ');
}
