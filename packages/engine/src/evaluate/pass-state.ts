/**
 * What a scan worker hands back after reading its part of a dataset: the contents of
 * every accumulator of the scan (row counts, sums, kept values, outage intervals),
 * as plain data and typed arrays that are transferred, not copied. The main thread
 * merges it into its own accumulators, which read the part of the file before.
 *
 * Accumulators are matched by position (groups, channels and outage collectors are
 * created in the same order from the same model; their keys are checked). Scope ids
 * are local to each thread and are matched by scope value. Line numbers in the worker
 * count from its first record and are shifted by the main thread.
 */
import type { DatasetScan, OpenRow } from './evaluation-plan.js';
import { MAX_OPEN_SAMPLES, type OpenOutage } from './outage-collector.js';
import type { RowSink } from './row-sink.js';
import type { ExactSumsState } from './exact-sum.js';
import { ValueBuffer, type ValueChunks } from './value-buffer.js';

interface ChannelScopeState {
    count: Float64Array;
    sums: ExactSumsState;
    min: Float64Array;
    max: Float64Array;
    /** per segment, the kept values (null: none, or not kept) */
    values: (ValueChunks | null)[] | null;
}

interface ChannelState {
    key: string;
    scopes: (ChannelScopeState | null)[];
}

interface GroupState {
    key: string;
    scopes: ({ rows: Float64Array } | null)[];
    channels: ChannelState[];
}

interface OutageState {
    key: string;
    scopes: ({ starts: number[]; ends: number[]; instances: string[]; weights: number[]; resources: string[] } | null)[];
    openCount: number;
    openSamples: OpenOutage[];
}

export interface PassState {
    /** per scope interner, its values in id order */
    scopeValues: unknown[][];
    groups: GroupState[];
    outages: OutageState[];
    /** per inventory collector: its (scope, instance) pairs */
    inventories: { key: string; pairs: [string, string][] }[];
    /** per deployment inventory: its deployments as (scope, resource, from, to) */
    deployments: { key: string; rows: [string, string, number, number][] }[];
    /** rows with an open elapsed(...), in file order (lines counted from the range's first record) */
    openRows: OpenRow[];
    outsidePeriod: number;
    withoutEventTime: number;
    /** rows of other clients (client scope) */
    otherClientRows: number;
    /** of those, the rows whose value only looks like the client's, per value (client-lookalikes.ts) */
    lookalikes: [string, number][];
    /** rows offered to the sink (a portfolio pass offers a sink its client's rows only) */
    rows: number;
    firstTime: number;
    lastTime: number;
}

/** The accumulators of a scan as transferable data, with the buffers to transfer. */
export function exportPassState(scan: DatasetScan, sink: RowSink): { state: PassState; transfer: ArrayBuffer[] } {
    // A set: many chunks of values share one slab (value-buffer.ts).
    const transfer = new Set<ArrayBuffer>();
    const give = <T extends Float64Array | Int32Array>(array: T): T => {
        transfer.add(array.buffer as ArrayBuffer);
        return array;
    };
    const giveSums = (sums: ExactSumsState): ExactSumsState => ({ ...sums, small: give(sums.small) });
    const giveChunks = (values: ValueChunks): ValueChunks => ({ scale: values.scale, chunks: values.chunks.map(give) });
    const groups = scan.groups.map((group): GroupState => ({
        key: group.key,
        scopes: dense(group.scopes).map((scope) => (scope === undefined ? null : { rows: give(scope.rows) })),
        channels: group.channels.map((channel) => ({
            key: channel.key,
            scopes: dense(channel.scopes).map((scope) =>
                scope === undefined
                    ? null
                    : {
                          count: give(scope.count),
                          sums: giveSums(scope.sums.exportState()),
                          min: give(scope.min),
                          max: give(scope.max),
                          values: scope.values === undefined ? null : dense(scope.values).map((buffer) => (buffer === undefined ? null : giveChunks(buffer.exportChunks())))
                      }
            )
        }))
    }));
    const outages = scan.outages.map((collector) => ({
        key: collector.key,
        scopes: dense(collector.scopes).map((scope) => (scope === undefined ? null : { starts: scope.starts, ends: scope.ends, instances: scope.instances, weights: scope.weights, resources: scope.resources })),
        openCount: collector.openCount,
        openSamples: [...collector.openSamples]
    }));
    const state: PassState = {
        scopeValues: scan.interners.map((interner) => [...interner.values]),
        groups,
        outages,
        inventories: scan.inventories.map((inventory) => ({ key: inventory.key, pairs: [...inventory.instances].flatMap(([scope, set]) => [...set].map((instance): [string, string] => [scope, instance])) })),
        deployments: scan.deployments.map((inventory) => ({ key: inventory.key, rows: deploymentRows(inventory.deployments) })),
        openRows: [...scan.openRows],
        outsidePeriod: sink.outsidePeriod,
        withoutEventTime: sink.withoutEventTime,
        otherClientRows: sink.otherClientRows,
        lookalikes: (sink.lookalikes?.entries() ?? []).map((entry): [string, number] => [entry.value, entry.rows]),
        rows: sink.rows,
        firstTime: sink.firstTime,
        lastTime: sink.lastTime
    };
    return { state, transfer: [...transfer] };
}

/**
 * Empties the accumulators (after exporting them), so that the same plan reads the next
 * range: its compiled filters and values stay the ones the hot loop was optimized for.
 * Scope ids stay (the interners are kept).
 */
export function resetPassState(scan: DatasetScan, sink: RowSink): void {
    for (const group of scan.groups) {
        group.scopes.length = 0;
        for (const channel of group.channels) channel.scopes.length = 0;
    }
    for (const inventory of scan.inventories) inventory.instances.clear();
    for (const inventory of scan.deployments) inventory.deployments.clear();
    for (const collector of scan.outages) {
        collector.scopes.length = 0;
        collector.openCount = 0;
        collector.openSamples.length = 0;
    }
    scan.openRows.length = 0;
    sink.rows = 0;
    sink.outsidePeriod = 0;
    sink.withoutEventTime = 0;
    sink.otherClientRows = 0;
    sink.lookalikes?.resetCounts();
    sink.firstTime = Infinity;
    sink.lastTime = -Infinity;
}

/** True when the state was made from a scan with the same accumulators (keys, in order). */
export function stateMatches(scan: DatasetScan, state: PassState): boolean {
    return (
        state.scopeValues.length === scan.interners.length &&
        state.groups.length === scan.groups.length &&
        state.groups.every((group, g) => group.key === scan.groups[g]!.key && group.channels.length === scan.groups[g]!.channels.length && group.channels.every((channel, c) => channel.key === scan.groups[g]!.channels[c]!.key)) &&
        state.outages.length === scan.outages.length &&
        state.outages.every((collector, o) => collector.key === scan.outages[o]!.key) &&
        state.inventories.length === scan.inventories.length &&
        state.inventories.every((inventory, i) => inventory.key === scan.inventories[i]!.key) &&
        state.deployments.length === scan.deployments.length &&
        state.deployments.every((inventory, i) => inventory.key === scan.deployments[i]!.key)
    );
}

/**
 * Adds the state of the part of the file after the main thread's part. Lists kept in
 * file order (outage intervals, open-row samples) get the worker's entries after the
 * main thread's; `lineOffset` turns the worker's line numbers into the file's.
 */
export function mergePassState(scan: DatasetScan, sink: RowSink, state: PassState, lineOffset: number): void {
    // Worker scope id → main thread scope id, per interner.
    const idMaps = state.scopeValues.map((values, slot) => values.map((value) => scan.interners[slot]!.intern(value)));
    const mapId = (slot: number, id: number): number => (slot < 0 ? id : idMaps[slot]![id]!);
    const shift = <T extends { line: number }>(samples: T[], incoming: T[]): void => {
        for (const sample of incoming) {
            if (samples.length >= MAX_OPEN_SAMPLES) break;
            samples.push({ ...sample, line: sample.line + lineOffset });
        }
    };

    state.groups.forEach((groupState, g) => {
        const group = scan.groups[g]!;
        groupState.scopes.forEach((incoming, id) => {
            if (incoming === null) return;
            const scope = group.scopeOrNew(mapId(group.scopeSlot, id));
            addInto(scope.rows, incoming.rows);
        });
        groupState.channels.forEach((channelState, c) => {
            const channel = group.channels[c]!;
            channelState.scopes.forEach((incoming, id) => {
                if (incoming === null) return;
                const scope = channel.scopeOrNew(mapId(group.scopeSlot, id));
                addInto(scope.count, incoming.count);
                scope.sums.addState(incoming.sums);
                for (let s = 0; s < scope.count.length; s++) {
                    if (incoming.min[s]! < scope.min[s]!) scope.min[s] = incoming.min[s]!;
                    if (incoming.max[s]! > scope.max[s]!) scope.max[s] = incoming.max[s]!;
                }
                if (scope.values !== undefined && incoming.values !== null) {
                    incoming.values.forEach((chunks, s) => {
                        if (chunks === null) return;
                        let buffer = scope.values![s];
                        if (buffer === undefined) {
                            buffer = new ValueBuffer();
                            scope.values![s] = buffer;
                        }
                        buffer.appendChunks(chunks);
                    });
                }
            });
        });
    });

    state.outages.forEach((outageState, o) => {
        const collector = scan.outages[o]!;
        outageState.scopes.forEach((incoming, id) => {
            if (incoming === null) return;
            const scope = collector.scopeOrNew(mapId(collector.scopeSlot, id));
            for (let i = 0; i < incoming.starts.length; i++) {
                scope.starts.push(incoming.starts[i]!);
                scope.ends.push(incoming.ends[i]!);
            }
            for (const instance of incoming.instances) scope.instances.push(instance);
            for (const weight of incoming.weights) scope.weights.push(weight);
            for (const resource of incoming.resources) scope.resources.push(resource);
        });
        collector.openCount += outageState.openCount;
        shift(collector.openSamples, outageState.openSamples);
    });
    state.inventories.forEach((inventoryState, i) => {
        const inventory = scan.inventories[i]!;
        for (const [scope, instance] of inventoryState.pairs) {
            let set = inventory.instances.get(scope);
            if (set === undefined) inventory.instances.set(scope, (set = new Set()));
            set.add(instance);
        }
    });
    state.deployments.forEach((inventoryState, i) => {
        const inventory = scan.deployments[i]!;
        for (const [scope, resource, from, to] of inventoryState.rows) inventory.add(scope, resource, from, to);
    });
    // Every open row is kept (each is judged), not only the first ones.
    for (const open of state.openRows) scan.openRows.push({ line: open.line + lineOffset, row: open.row });

    sink.outsidePeriod += state.outsidePeriod;
    sink.withoutEventTime += state.withoutEventTime;
    sink.otherClientRows += state.otherClientRows;
    for (const [value, rows] of state.lookalikes) sink.lookalikes?.add(value, rows);
    sink.rows += state.rows;
    if (state.firstTime < sink.firstTime) sink.firstTime = state.firstTime;
    if (state.lastTime > sink.lastTime) sink.lastTime = state.lastTime;
}

/** A deployment inventory's contents as (scope, resource, from, to) rows. */
function deploymentRows(deployments: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>): [string, string, number, number][] {
    const rows: [string, string, number, number][] = [];
    for (const [scope, resources] of deployments) {
        for (const [resource, flat] of resources) for (let i = 0; i < flat.length; i += 2) rows.push([scope, resource, flat[i]!, flat[i + 1]!]);
    }
    return rows;
}

function addInto(target: Float64Array, source: Float64Array): void {
    for (let i = 0; i < target.length; i++) target[i]! += source[i]!;
}

/** A sparse array with its holes as undefined (holes do not survive structured cloning as such). */
function dense<T>(array: readonly (T | undefined)[]): (T | undefined)[] {
    return Array.from(array);
}
