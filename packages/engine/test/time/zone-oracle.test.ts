/**
 * Every zone the platform knows, checked against Intl.DateTimeFormat used directly
 * (no caching, no bisection): local readings at pseudo-random instants and right
 * around each offset transition of 2026, and the round trip local → instant.
 */
import { describe, expect, it } from 'vitest';
import { canonicalTimeZones, instantToLocal, localToInstant, offsetMinutes } from '../../src/time/index.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
function intlReading(zone: string, t: number): number[] {
    let formatter = formatters.get(zone);
    if (formatter === undefined) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'
        });
        formatters.set(zone, formatter);
    }
    const parts = formatter.formatToParts(t);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

function reading(zone: string, t: number): number[] {
    const l = instantToLocal(zone, t);
    return [l.year, l.month, l.day, l.hour, l.minute, l.second];
}

const zones = canonicalTimeZones();
const FROM = Date.UTC(1990, 0, 1);
const SPAN = Date.UTC(2040, 0, 1) - FROM;

describe('instantToLocal agrees with Intl in every zone', () => {
    it('at pseudo-random instants 1990–2040, and localToInstant inverts it', () => {
        let state = 7;
        for (const zone of zones) {
            for (let k = 0; k < 12; k++) {
                state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
                const t = FROM + Math.floor((state / 2 ** 32) * SPAN);
                const local = reading(zone, t);
                expect(local, `${zone} at ${new Date(t).toISOString()}`).toEqual(intlReading(zone, t));
                const [y, mo, d, h, mi, s] = local as [number, number, number, number, number, number];
                const back = localToInstant(zone, y, mo, d, h, mi, s, ((t % 1000) + 1000) % 1000);
                // the same instant, or (a repeated local time) an earlier one with the same reading
                if (back !== t) {
                    expect(back, `${zone} at ${new Date(t).toISOString()}`).toBeLessThan(t);
                    expect(reading(zone, back)).toEqual(local);
                }
            }
        }
    });

    it('one second either side of every 2026 transition, and the transition instant itself', () => {
        const start = Date.UTC(2026, 0, 1);
        let transitions = 0;
        for (const zone of zones) {
            let previous = offsetMinutes(zone, start);
            // weekly steps: 2026 has no zone changing offset twice within a week
            for (let week = 1; week <= 53; week++) {
                const t = start + week * 7 * 86_400_000;
                const offset = offsetMinutes(zone, t);
                if (offset === previous) continue;
                // find the transition second by bisection on the oracle, independently of the code under test
                let lo = t - 7 * 86_400_000;
                let hi = t;
                const oracleOffset = (x: number) => {
                    const [y, mo, d, h, mi, s] = intlReading(zone, x) as [number, number, number, number, number, number];
                    return (Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(x / 1000) * 1000) / 60_000;
                };
                while (hi - lo > 1000) {
                    const mid = Math.floor((lo + hi) / 2000) * 1000;
                    if (oracleOffset(mid) === previous) lo = mid;
                    else hi = mid;
                }
                transitions++;
                for (const x of [hi - 1000, hi - 1, hi, hi + 1000]) {
                    expect(reading(zone, x), `${zone} at ${new Date(x).toISOString()}`).toEqual(intlReading(zone, x));
                    expect(offsetMinutes(zone, x)).toBe(oracleOffset(x));
                }
                previous = offset;
            }
        }
        // many zones have DST in 2026 (Europe, North America, Oceania, …)
        expect(transitions).toBeGreaterThan(100);
    });
});
