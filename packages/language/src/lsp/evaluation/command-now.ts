/**
 * The `now` of `sla.evaluate` and `sla.evaluatePortfolio`: the instant to evaluate as of, as
 * epoch milliseconds or as `sla evaluate --now` takes it — an ISO-8601 timestamp with `Z` or a
 * UTC offset (`2026-04-01T08:00:00+02:00`), read by the engine's timestamp reader, as the CLI
 * reads it. A text was handed to the engine as it was, and the command failed with a bare
 * "Invalid time value"; anything else is now refused with a message saying what to give.
 */
import { parseTimestampBytes, type ParsedTimestamp } from '@sla/engine';

export type CommandNow = { ok: true; now: number | undefined } | { ok: false; message: string };

export function commandNow(value: unknown, command: string): CommandNow {
    if (value === undefined || value === null) return { ok: true, now: undefined };
    if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, now: value };
    if (typeof value === 'string') {
        const bytes = new TextEncoder().encode(value);
        const parsed: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
        const ms = parseTimestampBytes(bytes, 0, bytes.length, parsed);
        if (!Number.isNaN(ms) && !parsed.naive) return { ok: true, now: ms };
    }
    return {
        ok: false,
        message: `${command}: \`now\` must be an ISO-8601 timestamp with Z or a UTC offset (e.g. "2026-04-01T08:00:00+02:00"), as \`sla evaluate --now\` takes it, `
            + `or epoch milliseconds, not ${JSON.stringify(value)}.`
    };
}
