/**
 * Maps the values of a scope field (`for each region`) to small integers, so the
 * per-row path indexes arrays instead of looking up composed string keys.
 */
export class ScopeInterner {
    private readonly ids = new Map<unknown, number>();
    readonly values: unknown[] = [];
    private lastValue: unknown = undefined;
    private lastId = -1;

    constructor(readonly field: string, readonly fieldIndex: number) {}

    /** The id of a value, -1 for a missing value (such rows belong to no scope). */
    intern(value: unknown): number {
        if (value === null || value === undefined) return -1;
        if (value === this.lastValue) return this.lastId;
        let id = this.ids.get(value);
        if (id === undefined) {
            id = this.values.length;
            this.ids.set(value, id);
            this.values.push(value);
        }
        this.lastValue = value;
        this.lastId = id;
        return id;
    }

    idOf(value: unknown): number {
        return this.ids.get(value) ?? -1;
    }
}
