import type { AgreementModel, AggregateExpr, DatasetModel, DeployedResources, Expr, ItemObjectiveModel, PauseJoin, TimeslicesExpr, UptimeExpr, WindowSpec } from '../model.js';
import { ItemCollector } from './item-collector.js';
import { PauseIndex } from './pause-index.js';
import { windowSpecKey } from '../model.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { FilterGroup, ValueChannel } from './filter-group.js';
import { OutageCollector } from './outage-collector.js';
import { uptimeEligibility } from './uptime.js';
import { uptimeMaintenancePerScope } from './scoped-maintenance.js';
import { InventoryCollector } from './inventory-collector.js';
import { DeploymentInventory } from './deployment-inventory.js';
import { compileRowExpression, type RowCompileContext } from './row-expression.js';
import type { SharedRowFunctions } from './shared-row-functions.js';
import { elapsedNodes } from './open-judgement.js';
import { ScopeInterner } from './scope-interner.js';
import { alternativesOf, directTextFilter } from './direct-row-path.js';
import { FieldReads } from './field-reads.js';
import { planWindows, type WindowPlan } from './window-plan.js';
import { runMargins, type RunMargins } from './run-margins.js';
import { planSlices, slicePlanKey, type SlicePlan } from './slice-plan.js';
import { percentFieldOf } from './fraction-percent-note.js';

/** Everything one pass over one dataset feeds. */
export interface DatasetScan {
    name: string;
    spec: DatasetModel;
    context: RowCompileContext;
    eventIndex: number;
    /** The field that places rows in windows ('' when the dataset has no timestamp). */
    eventField: string;
    /** Window plans this dataset is bucketed by (local indices used by FilterGroup.planIndex). */
    plans: WindowPlan[];
    interners: ScopeInterner[];
    groups: FilterGroup[];
    outages: OutageCollector[];
    /** Inventories of deployments' instances (`uptime(…, across zone of deployments)`). */
    inventories: InventoryCollector[];
    /** Inventories of resources' deployments (`uptime(…, deployed in deployments by database from created to deleted)`). */
    deployments: DeploymentInventory[];
    /** Unfiltered row counts per plan and scope: tell "no rows at all" from "no matching rows". */
    allRows: Map<string, FilterGroup>;
    /** The fields the pass reads (complete once the plan is built). */
    readFields: ReadonlySet<string>;
    /** Every elapsed(a, b) the scan's filters and values measure: a row with a but not b is open. */
    elapsed: Extract<Expr, { type: 'elapsed' }>[];
    /** Rows in the evaluation period with an open elapsed(...), in file order (copies): judged after the pass. */
    openRows: OpenRow[];
    /** `objective each …` over this dataset: fed row by row. */
    items: ItemCollector[];
    /** Pause indexes joined to this dataset: every row marks its key as seen (unknown pause keys are reported). */
    pauseKeys: { index: PauseIndex; fieldIndex: number }[];
    /** Read on one thread: its accumulators (items, pause joins) are not merged across threads. */
    singleThread: boolean;
}

/** A row kept apart by the pass because an elapsed(...) in it has no end yet. */
export interface OpenRow {
    line: number;
    row: unknown[];
}

export type AggregateSource =
    | { kind: 'count'; scan: DatasetScan; group: FilterGroup; allRows: FilterGroup }
    | { kind: 'value'; fn: 'sum' | 'avg' | 'min' | 'max' | 'percentile'; percentile: number; scan: DatasetScan; group: FilterGroup; channel: ValueChannel; allRows: FilterGroup }
    | { kind: 'uptime'; expr: UptimeExpr; scan: DatasetScan; collector: OutageCollector; inventory?: InventoryCollector; deployments?: DeploymentInventory; scopeField?: string };

/**
 * Compiles the agreement into per-dataset scans: which windows each dataset is
 * bucketed by, which filters run on each row, and which statistics they feed.
 * Identical aggregates (same dataset, filter, value, window, scope) share one
 * accumulator, whichever KPIs use them.
 */
export class EvaluationPlan {
    readonly scans = new Map<string, DatasetScan>();
    readonly plans = new Map<string, WindowPlan>();
    /** One pause index per pause join (`excluding pauses(…)`), loaded before the passes. */
    readonly pauseIndexes = new Map<string, PauseIndex>();
    /** One collector per `objective each …`, in model order. */
    readonly itemCollectors = new Map<ItemObjectiveModel, ItemCollector>();
    private readonly sources = new Map<string, AggregateSource>();
    private readonly sourcesByNode = new WeakMap<object, Map<WindowPlan, Map<string, AggregateSource>>>();
    private readonly nodeIds = new WeakMap<object, number>();
    private nextNodeId = 0;
    private readonly shareCache = new WeakMap<object, { part: CountNode; whole: CountNode }>();
    private readonly kpisByKey: Map<string, Expr>;
    private readonly runMarginsByKey = new Map<string, RunMargins>();

    constructor(
        private readonly model: AgreementModel,
        readonly period: EvaluationPeriod,
        private readonly datasetPaths: (name: string, spec: DatasetModel) => DatasetModel,
        /** Row functions shared with the other agreements of a portfolio (shared-row-functions.ts). */
        private readonly sharedFunctions?: SharedRowFunctions
    ) {
        this.kpisByKey = new Map(model.kpis.map((kpi) => [kpi.key, kpi.formula]));
    }

    windowPlan(spec: WindowSpec): WindowPlan {
        const key = windowSpecKey(spec);
        let plan = this.plans.get(key);
        if (plan === undefined) {
            plan = planWindows(this.model.timezone, spec, this.period);
            this.plans.set(key, plan);
        }
        return plan;
    }

    kpiFormula(key: string): Expr {
        const formula = this.kpisByKey.get(key);
        if (formula === undefined) throw new Error(`unknown KPI '${key}'`);
        return formula;
    }

    /**
     * The slices of a window plan's windows for a `slices(…)` term: a plan of its own
     * (slice-plan.ts), shared by every term with the same windows, length and time field.
     */
    slicePlan(windows: WindowPlan, node: TimeslicesExpr): SlicePlan {
        // A run of `at least N consecutive` bad slices goes on across the period's edges (run-margins.ts).
        const runLimit = node.aggregation === 'avg' ? 0 : (node.minimumRun ?? 1) - 1;
        const marginKey = `${windows.key}|${node.sliceMs}|${runLimit}`;
        let margins = this.runMarginsByKey.get(marginKey);
        if (margins === undefined) this.runMarginsByKey.set(marginKey, (margins = runMargins(windows, this.model.timezone, this.period, node.sliceMs, runLimit)));
        const key = slicePlanKey(windows, node.sliceMs, node.timeField, margins);
        let plan = this.plans.get(key) as SlicePlan | undefined;
        if (plan === undefined) {
            plan = planSlices(windows, node.sliceMs, node.timeField, margins);
            this.plans.set(key, plan);
        }
        return plan;
    }

    /** Registers every aggregate a KPI needs for this window spec and scope field. */
    requireKpi(kpiKey: string, spec: WindowSpec, scopeField: string | undefined): void {
        this.requireFormula(kpiKey, this.windowPlan(spec), scopeField, []);
    }

    private requireFormula(kpiKey: string, plan: WindowPlan, scopeField: string | undefined, visiting: string[]): void {
        if (visiting.includes(kpiKey)) throw new Error(`KPI '${kpiKey}' refers to itself through ${visiting.join(' → ')}`);
        this.requireExpression(this.kpiFormula(kpiKey), plan, scopeField, [...visiting, kpiKey]);
    }

    private requireExpression(expr: Expr, plan: WindowPlan, scopeField: string | undefined, visiting: string[]): void {
        this.walk(expr, (node) => {
            if (node.type === 'kpi') this.requireFormula(node.key, plan, scopeField, visiting);
            else if (node.type === 'timeslices') {
                if ('sliceMs' in plan) throw new Error(`slices(…) cannot be nested in slices(…)`);
                this.requireExpression(node.value, this.slicePlan(plan, node), scopeField, visiting);
            } else this.sourceFor(node, plan, scopeField);
        });
    }

    /**
     * The accumulator behind an aggregate node (registered on first use). Looked up per
     * node, plan and scope field without building a key: slices look their sources up once
     * per slice (44,640 times a month for one-minute slices).
     */
    sourceFor(node: AggregateExpr | UptimeExpr | CountNode, plan: WindowPlan, scopeField: string | undefined): AggregateSource {
        let byPlan = this.sourcesByNode.get(node);
        if (byPlan === undefined) this.sourcesByNode.set(node, (byPlan = new Map()));
        let byScope = byPlan.get(plan);
        if (byScope === undefined) byPlan.set(plan, (byScope = new Map()));
        let source = byScope.get(scopeField ?? '');
        if (source === undefined) {
            const cacheKey = `${this.nodeId(node)}|${plan.key}|${scopeField ?? ''}`;
            source = this.sources.get(cacheKey);
            if (source === undefined) {
                source = this.createSource(node, plan, scopeField);
                this.sources.set(cacheKey, source);
            }
            byScope.set(scopeField ?? '', source);
        }
        return source;
    }

    /** share(ds where part of ds where whole) = count(whole and part) / count(whole). */
    shareNodes(node: Extract<Expr, { type: 'share' }>): { part: CountNode; whole: CountNode } {
        let cached = this.shareCache.get(node);
        if (cached === undefined) {
            const whole = node.whole;
            const partWhere: Expr | undefined =
                node.part === undefined ? whole : whole === undefined ? node.part : { type: 'binary', op: 'and', left: whole, right: node.part };
            cached = {
                part: { type: 'count', dataset: node.dataset, where: partWhere },
                whole: { type: 'count', dataset: node.dataset, where: whole }
            };
            this.shareCache.set(node, cached);
        }
        return cached;
    }
    private nodeId(node: object): number {
        let id = this.nodeIds.get(node);
        if (id === undefined) {
            id = this.nextNodeId++;
            this.nodeIds.set(node, id);
        }
        return id;
    }

    private walk(expr: Expr, visit: (node: AggregateExpr | UptimeExpr | CountNode | TimeslicesExpr | { type: 'kpi'; key: string }) => void): void {
        switch (expr.type) {
            case 'aggregate':
            case 'uptime':
            case 'timeslices':
            case 'kpi':
                visit(expr);
                return;
            case 'share': {
                const { part, whole } = this.shareNodes(expr);
                visit(part);
                visit(whole);
                return;
            }
            case 'binary':
                this.walk(expr.left, visit);
                this.walk(expr.right, visit);
                return;
            case 'not':
            case 'negate':
                this.walk(expr.operand, visit);
                return;
            case 'in':
                this.walk(expr.value, visit);
                for (const item of expr.list) this.walk(item, visit);
                return;
            default:
                return;
        }
    }

    /** Registers an `objective each …`: its collector on the dataset's scan. */
    requireItems(objective: ItemObjectiveModel): ItemCollector {
        let collector = this.itemCollectors.get(objective);
        if (collector !== undefined) return collector;
        const scan = this.scanFor(objective.dataset);
        if (scan.eventIndex < 0) throw new Error(`dataset '${scan.name}' has no timestamp field to place its items in windows`);
        const plan = this.windowPlan(objective.window);
        const planIndex = this.planIndex(scan, plan);
        const where = objective.where === undefined ? undefined : compileRowExpression(objective.where, scan.context);
        const idIndex = objective.idField === undefined ? -1 : scan.context.fieldIndex.get(objective.idField) ?? -1;
        if (objective.idField !== undefined && idIndex < 0) throw new Error(`dataset '${scan.name}' has no field '${objective.idField}'`);
        collector = new ItemCollector(objective, planIndex, plan.segmentCount, where, compileRowExpression(objective.value, scan.context), compileRowExpression(objective.check, scan.context), idIndex);
        this.noteElapsed(scan, objective.where);
        this.noteElapsed(scan, objective.value);
        this.noteElapsed(scan, objective.check);
        scan.items.push(collector);
        scan.singleThread = true;
        this.itemCollectors.set(objective, collector);
        return collector;
    }

    /** The pause index of a join, registered on first use by the scan of the measured dataset. */
    private pauseIndex(join: PauseJoin, measured: string): PauseIndex {
        const key = `${JSON.stringify(join)}|${measured}`;
        let index = this.pauseIndexes.get(key);
        if (index === undefined) {
            const declared = this.model.datasets[join.dataset];
            if (declared === undefined) throw new Error(`unknown pause dataset '${join.dataset}'`);
            index = new PauseIndex(join, this.datasetPaths(join.dataset, declared), measured);
            this.pauseIndexes.set(key, index);
            const scan = this.scanFor(measured);
            const fieldIndex = scan.context.fieldIndex.get(join.rowKey);
            if (fieldIndex === undefined) throw new Error(`dataset '${measured}' has no field '${join.rowKey}'`);
            scan.pauseKeys.push({ index, fieldIndex });
            scan.singleThread = true;
        }
        return index;
    }

    scanFor(name: string): DatasetScan {
        let scan = this.scans.get(name);
        if (scan !== undefined) return scan;
        const declared = this.model.datasets[name];
        if (declared === undefined) throw new Error(`unknown dataset '${name}'`);
        const spec = this.datasetPaths(name, declared);
        const fieldIndex = new FieldReads(spec.fields.map((field, index) => [field.name, index]));
        const eventField = spec.eventTimeField ?? spec.fields.find((field) => field.kind === 'timestamp')?.name;
        const eventIndex = eventField === undefined ? -1 : fieldIndex.get(eventField) ?? -1;
        if (spec.eventTimeField !== undefined && eventIndex < 0) throw new Error(`dataset '${name}' has no field '${spec.eventTimeField}' to take event times from`);
        scan = {
            name,
            spec,
            context: { dataset: name, fieldIndex, calendars: this.model.calendars, pauses: (join) => this.pauseIndex(join, name), ...(this.sharedFunctions === undefined ? {} : { shared: this.sharedFunctions }) },
            readFields: fieldIndex.read,
            eventIndex,
            eventField: eventField ?? '',
            plans: [],
            interners: [],
            groups: [],
            outages: [],
            inventories: [],
            deployments: [],
            allRows: new Map(),
            elapsed: [],
            openRows: [],
            items: [],
            pauseKeys: [],
            singleThread: false
        };
        this.scans.set(name, scan);
        return scan;
    }

    private createSource(node: AggregateExpr | UptimeExpr | CountNode, plan: WindowPlan, scopeField: string | undefined): AggregateSource {
        const scan = this.scanFor(node.dataset);
        const scopeSlot = scopeField !== undefined && scan.context.fieldIndex.has(scopeField) ? this.scopeSlot(scan, scopeField) : -1;
        if (node.type === 'uptime') {
            const inventory = node.across?.inventory === undefined ? undefined : this.inventoryCollector(node.across.inventory, node.across.field, scopeField);
            const deployments = node.deployed === undefined ? undefined : this.deploymentInventory(node.deployed, scopeField);
            const collector = this.outageCollector(scan, node, scopeSlot);
            const perScope = uptimeMaintenancePerScope(node, this.model.maintenance, scopeField);
            collector.uses.push({ expr: node, plan, counting: () => uptimeEligibility(node, this.period, this.model.timezone, this.model.calendars, this.model.maintenance).counting, ...(perScope ? { maintenancePerScope: true } : {}) });
            return { kind: 'uptime', expr: node, scan, collector, inventory, ...(deployments === undefined ? {} : { deployments }), ...(scopeField === undefined ? {} : { scopeField }) };
        }
        if (scan.eventIndex < 0) throw new Error(`dataset '${scan.name}' has no timestamp field to place its rows in windows`);
        const planIndex = this.planIndex(scan, plan);
        const allRows = this.allRowsGroup(scan, planIndex, scopeSlot);
        const group = this.group(scan, node.where, planIndex, scopeSlot);
        if (node.type === 'count' || node.fn === 'count') return { kind: 'count', scan, group, allRows };
        if (node.value === undefined) throw new Error(`${node.fn}() needs a value`);
        const value = node.value;
        const channel = group.channel(JSON.stringify(value), () => {
            this.noteElapsed(scan, value);
            return new ValueChannel(JSON.stringify(value), plan.segmentCount, compileRowExpression(value, scan.context), value);
        });
        if (node.fn !== 'percentile') channel.keepStats = true;
        // A percent field's extremes, whatever reads it: values all between 0 and 1 are likely shares (fraction-percent-note.ts).
        if (node.fn === 'min' || node.fn === 'max' || percentFieldOf(value, scan) !== undefined) channel.keepExtremes = true;
        if (node.fn === 'percentile') {
            channel.keepValues = true;
            const p = node.percentile ?? 50;
            if (!channel.percentiles.includes(p)) channel.percentiles.push(p);
        }
        return { kind: 'value', fn: node.fn, percentile: node.percentile ?? 50, scan, group, channel, allRows };
    }

    private planIndex(scan: DatasetScan, plan: WindowPlan): number {
        let index = scan.plans.indexOf(plan);
        if (index < 0) {
            if (plan.timeField !== undefined && !scan.spec.fields.some((field) => field.name === plan.timeField && field.kind === 'timestamp')) {
                throw new Error(`dataset '${scan.name}' has no timestamp field '${plan.timeField}' to place its rows in slices`);
            }
            if (plan.timeField !== undefined) scan.context.fieldIndex.get(plan.timeField); // noted as read: the pass converts it
            index = scan.plans.length;
            scan.plans.push(plan);
        }
        return index;
    }

    private scopeSlot(scan: DatasetScan, field: string): number {
        let slot = scan.interners.findIndex((interner) => interner.field === field);
        if (slot < 0) {
            slot = scan.interners.length;
            scan.interners.push(new ScopeInterner(field, scan.context.fieldIndex.get(field)!));
        }
        return slot;
    }

    private allRowsGroup(scan: DatasetScan, planIndex: number, scopeSlot: number): FilterGroup {
        const key = `${planIndex}|${scopeSlot}`;
        let group = scan.allRows.get(key);
        if (group === undefined) {
            group = this.group(scan, undefined, planIndex, scopeSlot);
            scan.allRows.set(key, group);
        }
        return group;
    }

    private group(scan: DatasetScan, where: Expr | undefined, planIndex: number, scopeSlot: number): FilterGroup {
        const key = `${JSON.stringify(where ?? null)}|${planIndex}|${scopeSlot}`;
        let group = scan.groups.find((candidate) => candidate.key === key);
        if (group === undefined) {
            const filter = where === undefined ? undefined : compileRowExpression(where, scan.context);
            group = new FilterGroup(key, planIndex, scopeSlot, scan.plans[planIndex]!.segmentCount, filter, where);
            // A text condition the direct path reads by id (`region = "eu"`): its field gets an interner, so every row carries its id.
            for (const condition of (alternativesOf(where) ?? []).flat()) {
                const text = directTextFilter(condition, scan.name, scan.spec.fields);
                if (text !== undefined && scan.context.fieldIndex.has(text.field)) this.scopeSlot(scan, text.field);
            }
            this.noteElapsed(scan, where);
            scan.groups.push(group);
        }
        return group;
    }

    private noteElapsed(scan: DatasetScan, expr: Expr | undefined): void {
        for (const node of elapsedNodes(expr)) {
            const key = JSON.stringify(node);
            if (!scan.elapsed.some((known) => JSON.stringify(known) === key)) scan.elapsed.push(node);
        }
    }

    /** The instances per scope of an inventory dataset (scoped when it has the objective's scope field). */
    private inventoryCollector(dataset: string, field: string, scopeField: string | undefined): InventoryCollector {
        const scan = this.scanFor(dataset);
        const instanceIndex = scan.context.fieldIndex.get(field);
        if (instanceIndex === undefined) throw new Error(`the inventory dataset '${dataset}' has no field '${field}'`);
        const scopeIndex = scopeField === undefined ? -1 : scan.context.fieldIndex.get(scopeField) ?? -1;
        const key = `${field}|${scopeIndex}`;
        let collector = scan.inventories.find((candidate) => candidate.key === key);
        if (collector === undefined) {
            collector = new InventoryCollector(key, instanceIndex, scopeIndex);
            scan.inventories.push(collector);
        }
        return collector;
    }

    /**
     * The deployments per scope of a resource inventory. With `for each F` the inventory must say
     * each deployment's F (the validator's sla/scope-field-missing): otherwise every scope value
     * would be measured over the deployed time of all resources.
     */
    private deploymentInventory(deployed: DeployedResources, scopeField: string | undefined): DeploymentInventory {
        const scan = this.scanFor(deployed.inventory);
        const index = (name: string): number => {
            const found = scan.context.fieldIndex.get(name);
            if (found === undefined) throw new Error(`the inventory dataset '${deployed.inventory}' has no field '${name}'`);
            return found;
        };
        const scopeIndex = scopeField === undefined ? -1 : index(scopeField);
        const key = JSON.stringify([deployed.field, deployed.from, deployed.to, scopeIndex]);
        let inventory = scan.deployments.find((candidate) => candidate.key === key);
        if (inventory === undefined) {
            inventory = new DeploymentInventory(key, index(deployed.field), index(deployed.from), index(deployed.to), scopeIndex, { file: scan.spec.path, resource: deployed.field, from: deployed.from, to: deployed.to });
            scan.deployments.push(inventory);
        }
        return inventory;
    }

    private outageCollector(scan: DatasetScan, node: UptimeExpr, scopeSlot: number): OutageCollector {
        const key = `${JSON.stringify([node.where ?? null, node.from, node.to, node.across?.field ?? null, node.weightedBy ?? null, node.deployed?.field ?? null])}|${scopeSlot}`;
        let collector = scan.outages.find((candidate) => candidate.key === key);
        if (collector === undefined) {
            const fromIndex = scan.context.fieldIndex.get(node.from);
            const toIndex = scan.context.fieldIndex.get(node.to);
            if (fromIndex === undefined || toIndex === undefined) throw new Error(`dataset '${scan.name}' has no field '${fromIndex === undefined ? node.from : node.to}'`);
            const filter = node.where === undefined ? undefined : compileRowExpression(node.where, scan.context);
            const instanceIndex = node.across === undefined ? undefined : scan.context.fieldIndex.get(node.across.field);
            const weightIndex = node.weightedBy === undefined ? undefined : scan.context.fieldIndex.get(node.weightedBy);
            const resourceIndex = node.deployed === undefined ? undefined : scan.context.fieldIndex.get(node.deployed.field);
            if (node.deployed !== undefined && resourceIndex === undefined) throw new Error(`dataset '${scan.name}' has no field '${node.deployed.field}' naming the resource of an outage`);
            if (node.across !== undefined && instanceIndex === undefined) throw new Error(`dataset '${scan.name}' has no field '${node.across.field}'`);
            if (node.weightedBy !== undefined && weightIndex === undefined) throw new Error(`dataset '${scan.name}' has no field '${node.weightedBy}'`);
            collector = new OutageCollector(key, scopeSlot, filter, fromIndex, toIndex, this.period.start, { file: scan.spec.path, from: node.from, to: node.to, weight: node.weightedBy }, { instanceIndex, weightIndex, resourceIndex });
            scan.outages.push(collector);
        }
        return collector;
    }
}

/** A count over a dataset under a condition (what share() is made of). */
export interface CountNode {
    type: 'count';
    dataset: string;
    where?: Expr;
}
