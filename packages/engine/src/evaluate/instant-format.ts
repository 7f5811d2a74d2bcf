import { formatInstant } from '../time/zone.js';

/**
 * ISO-8601 text of instants in the agreement's zone, memoised: a report repeats the
 * same window bounds for every objective, scope and credit.
 */
export class InstantFormatter {
    private readonly cache = new Map<number, string>();

    constructor(readonly zone: string) {}

    format(t: number): string {
        let text = this.cache.get(t);
        if (text === undefined) {
            text = formatInstant(this.zone, t);
            this.cache.set(t, text);
        }
        return text;
    }
}
