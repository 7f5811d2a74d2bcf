import type { Row } from './row-expression.js';

/**
 * The instances of a deployment, read from an inventory dataset for `uptime(…, across zone
 * of deployments)`: every row, whatever its time, gives one instance (its `zone`) of one
 * scope (its value of the objective's `for each` field, when the dataset has that field).
 * Small by nature (one row per instance), so kept as sets of text.
 */
export class InventoryCollector {
    /** Scope value as text ('' when unscoped) → instances. */
    readonly instances = new Map<string, Set<string>>();

    constructor(
        readonly key: string,
        private readonly instanceIndex: number,
        private readonly scopeIndex: number
    ) {}

    accept(row: Row): void {
        const instance = row[this.instanceIndex];
        if (instance === null || instance === undefined) return;
        const scope = this.scopeIndex < 0 ? '' : String(row[this.scopeIndex] ?? '');
        let set = this.instances.get(scope);
        if (set === undefined) this.instances.set(scope, (set = new Set()));
        set.add(String(instance));
    }

    /** The instances of one scope value (all rows when the inventory is not scoped). */
    instancesOf(scopeValue: unknown): ReadonlySet<string> {
        return this.instances.get(this.scopeIndex < 0 ? '' : String(scopeValue ?? '')) ?? new Set();
    }

    /** Every scope value the inventory names (as text). */
    scopeValues(): string[] {
        return this.scopeIndex < 0 ? [] : [...this.instances.keys()];
    }
}
