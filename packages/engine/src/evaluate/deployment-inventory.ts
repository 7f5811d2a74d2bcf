import { DataError, formatRowLocation } from '../data/data-error.js';
import { mergeIntervals, type Interval } from '../time/intervals.js';
import type { Row } from './row-expression.js';

/** The inventory file and the fields a deployment row is read from, to name them when a row is invalid. */
export interface DeploymentFields {
    file: string;
    resource: string;
    from: string;
    to: string;
}

/**
 * The deployments of resources, read from an inventory dataset for `uptime(…, deployed in
 * deployments by database from created to deleted)`: every row, whatever its time, is one
 * deployment [from, to) of one resource (its `database`), in one scope (its value of the
 * objective's `for each` field; '' when unscoped). An empty end is a resource still deployed.
 * Small by nature (one row per deployment), so kept as text and numbers.
 */
export class DeploymentInventory {
    /** Scope value as text → resource as text → its deployments as flat [from, to, from, to, …] (to NaN: still deployed). */
    readonly deployments = new Map<string, Map<string, number[]>>();

    constructor(
        readonly key: string,
        private readonly resourceIndex: number,
        private readonly fromIndex: number,
        private readonly toIndex: number,
        private readonly scopeIndex: number,
        private readonly fields: DeploymentFields
    ) {}

    accept(row: Row, line: number): void {
        const resource = row[this.resourceIndex];
        const from = row[this.fromIndex];
        const to = row[this.toIndex];
        // A deployment without its resource or its start cannot be placed: counting it as nothing would hide eligible time.
        if (resource === null || resource === undefined || resource === '') throw this.invalid(line, `the deployment names no ${this.fields.resource}`, this.fields.resource);
        if (typeof from !== 'number') throw this.invalid(line, `the deployment of ${this.fields.resource} ${String(resource)} has no start (${this.fields.from} is empty)`, this.fields.from);
        const end = typeof to === 'number' ? to : NaN;
        if (end < from) {
            throw this.invalid(line, `the deployment ends before it starts (${this.fields.to} ${new Date(end).toISOString()} is before ${this.fields.from} ${new Date(from).toISOString()}); correct the row (swapped columns? a wrong time zone?)`, this.fields.to);
        }
        const scope = this.scopeIndex < 0 ? '' : String(row[this.scopeIndex] ?? '');
        this.add(scope, String(resource), from, end);
    }

    /** One deployment (also how a worker's deployments are merged: pass-state.ts). */
    add(scope: string, resource: string, from: number, to: number): void {
        let resources = this.deployments.get(scope);
        if (resources === undefined) this.deployments.set(scope, (resources = new Map()));
        let list = resources.get(resource);
        if (list === undefined) resources.set(resource, (list = []));
        list.push(from, to);
    }

    /**
     * The resources of one scope value (all rows when the inventory is not scoped), each with its
     * deployments merged; a resource still deployed is deployed until `openEnd` (the end of the evaluation period).
     */
    resourcesOf(scopeValue: unknown, openEnd: number): Map<string, Interval[]> {
        const resources = this.deployments.get(this.scopeIndex < 0 ? '' : String(scopeValue ?? '')) ?? new Map<string, number[]>();
        const result = new Map<string, Interval[]>();
        for (const [resource, flat] of resources) {
            const intervals: Interval[] = [];
            for (let i = 0; i < flat.length; i += 2) {
                const from = flat[i]!;
                const to = flat[i + 1]!;
                intervals.push([from, Number.isNaN(to) ? Math.max(from, openEnd) : to]);
            }
            result.set(resource, mergeIntervals(intervals));
        }
        return result;
    }

    /** Every scope value the inventory names (as text). */
    scopeValues(): string[] {
        return this.scopeIndex < 0 ? [] : [...this.deployments.keys()];
    }

    private invalid(line: number, what: string, field: string): DataError {
        return new DataError(`${formatRowLocation(this.fields.file, line)}: invalid row: ${what}`, { file: this.fields.file, line, field });
    }
}
