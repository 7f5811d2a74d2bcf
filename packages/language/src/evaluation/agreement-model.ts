import { AstUtils, type AstNode } from 'langium';
import { datasetSourceOf, declaredAtOf } from './dataset-source.js';
import {
    CSV_SEPARATORS, type CsvEncoding as CsvEncodingName, definesDefaults, displayPath, MS_PER_DAY, isCsvEncodingName, DURATION_UNIT_MS, timestampFormatProblem, parseCivilDate, windowSpecKey, type AgreementCreditCapModel, type AgreementModel, type ContinuousImprovement, type CreditAmount, type CreditFee, type CreditModel, type CreditTier, type FixedFee,
    type DatasetModel, type EmptySliceRule, type ExclusionModel, type Expr, type FieldSpec, type ItemObjectiveModel, type KpiModel, type MaintenanceModel, type MaintenanceSchedule, type ObjectiveExclusion, type ObjectiveModel, type PauseJoin, type SliceAggregation, type TerminationModel, type UptimeExpr, type ValueKind,
    type WindowSpec, type WorkingCalendar, type DaysOff, type HolidaySet, type RecurrenceRule
} from '@sla/engine';
import {
    BooleanType, DurationType, EnumType, IntegerType, NumberType, PercentType, ScoreType, TextType, TimestampType,
    isAggregate, isAgreement, isBinaryExpression, isBooleanLiteral, isCredit, isDataset, isElapsed, isExclusion, isField,
    isInternalTarget, isKpi, isListExpression, isLogicalExpression, isNameReference, isNegationExpression, isNotExpression,
    isNumberLiteral, isNthWeekdaySlot, isObjective, isOneOffSlot, isRecurringSlot, isService, isShare, isStringLiteral, isTimezoneDeclaration,
    isAcrossInstances, isDeployedResources, isCreditsCap, isMinimumOutage, isTermination, isTimeslices, isUptime, isValidity, isWeightedDowntime, isWholeMinutes, type Agreement, type Calendar, type Credit, type Field, type PlanTarget, type CreditAmount as CreditAmountNode, type CreditCap, type CreditTier as CreditTierNode, type Dataset, type Service, type Elapsed, type Expression,
    type Exclusion, type Fee, type InternalTarget, type Kpi, type Maintenance, type MaintenanceSlot, type MinimumSample, type Objective, type PauseExclusion, type Quantity, type Selection, type Termination, type Timeslices, type Uptime, type Window
} from '../generated/ast.js';
import { declaredPlans, planChoiceFor } from '../model/plans.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { quantityValue } from '../types/type-computer.js';
import { targetPrecision } from '../model/objective-term.js';
import { scaleOf, type SlaType } from '../types/sla-type.js';
import { isEachObjective, type EachObjective } from '../model/each-objective.js';
import { firstNameReference } from '../model/name-references.js';
import { windowSpecOf } from '../model/windows.js';
import { inventoryDataset } from '../model/inventory.js';
import { exclusionCapOf } from '../model/exclusions.js';
import { fieldRange } from '../types/field-range.js';
import { agreementFee, creditFee, feeCurrency, previousFeePeriod, serviceFee, sumOfServiceFees } from '../model/fees.js';
import { creditClaimTermsOf, creditFormulaOf } from './credit-model.js';
import { creditPlansWithoutTable, creditsPerPlan } from './credit-plans.js';
import { allocatedAmount, atRiskCapOf, isAllocation } from '../model/at-risk.js';
import { creditCapText } from '../model/credits-caps.js';
import { holidayDateKey, removalOf } from '../model/calendar-days.js';
import { clientScopeOf, withClientScope } from './client-scope.js';
import { withTemplateUse } from './template-use.js';
import { resolveClient, type ResolvedClient } from '../model/client-resolution.js';
import { datasetZone } from '../model/dataset-zone.js';
import { WEEKDAYS, weekdayIndexesOf } from '../model/weekday-ranges.js';
import { oneOffEndDate, oneOffEndsBeforeStart } from '../model/one-off-slots.js';

/** A piece of the agreement the engine cannot evaluate, with where it is. */
export class ModelError extends Error {
    constructor(message: string, readonly node: AstNode) {
        super(message);
    }
}

/**
 * Translates a checked agreement into the engine's plain model (canonical units: durations
 * in ms, ratios as fractions). Only called on documents without errors; anything still
 * unresolvable throws a ModelError naming the place.
 */
export function toAgreementModel(agreement: Agreement, types: SlaTypeComputer): AgreementModel {
    const client = resolveClient(agreement); // a client agreement is built from what it resolves to
    return withTemplateUse(withClientScope(new ModelBuilder(client?.agreement ?? agreement, types, client).build(), clientScopeOf(client?.agreement ?? agreement)), agreement, client);
}

/** A KPI's key in the engine's model: `Service.Kpi` inside a service, its name otherwise. */
export function kpiKeyOf(kpi: Kpi): string {
    const service = AstUtils.getContainerOfType(kpi, isService);
    return service ? `${service.name}.${kpi.name}` : kpi.name;
}

class ModelBuilder {
    private readonly calendars = new Map<string, Calendar>();
    private readonly maintenance = new Map<string, Maintenance>();
    private readonly datasets = new Map<string, Dataset>();
    private readonly kpis = new Map<Kpi, KpiModel>();
    /** Per KPI key, the exclusions applied to its formula (its own scope's, and those of the KPIs it uses). */
    private readonly kpiExclusions = new Map<string, ObjectiveExclusion[]>();
    private readonly exclusionModels = new Map<Exclusion, ExclusionModel>();
    /** Hidden KPIs counting the rows each row exclusion marks (keys start with 'exclusion ', which no KPI name can). */
    private readonly exclusionKpis = new Map<string, KpiModel>();
    private readonly feeKpis = new Map<Fee, KpiModel>();
    private readonly zone: string;

    /** `client`: the client the agreement was resolved from; its values reach the template's datasets, which are not copied (dataset-zone.ts). */
    constructor(private readonly agreement: Agreement, private readonly types: SlaTypeComputer, private readonly client?: ResolvedClient) {
        this.zone = agreement.members.find(isTimezoneDeclaration)?.zone ?? 'UTC';
    }

    build(): AgreementModel {
        const agreement = this.agreement;
        const validity = agreement.members.find(isValidity);
        if (!validity?.from || !validity.to) {
            throw new ModelError(`The agreement '${agreement.name}' has no validity period: add 'valid from YYYY-MM-DD to YYYY-MM-DD'.`, agreement);
        }
        const fee = agreementFee(agreement);
        const objectives: ObjectiveModel[] = [];
        const internalTargets: ObjectiveModel[] = [];
        const credits: CreditModel[] = [];
        const plansWithoutTable: NonNullable<AgreementModel['creditPlansWithoutTable']> = [];
        const itemObjectives: ItemObjectiveModel[] = [];
        const collect = (members: AstNode[], service?: string) => {
            for (const member of members) {
                if (isEachObjective(member)) itemObjectives.push(...this.itemObjectives(member, service));
                else if (isObjective(member)) objectives.push(...this.objectives(member, service));
                else if (isInternalTarget(member)) internalTargets.push(...this.objectives(member, service));
                else if (isCredit(member)) {
                    credits.push(...creditsPerPlan(member, (tiers) => this.credit(member, service, tiers)));
                    plansWithoutTable.push(...creditPlansWithoutTable(member, service));
                }
            }
        };
        for (const exclusion of agreement.members.filter(isExclusion)) this.exclusion(exclusion, undefined);
        for (const service of agreement.members.filter(isService)) {
            for (const exclusion of service.members.filter(isExclusion)) this.exclusion(exclusion, service.name);
        }
        collect(agreement.members);
        for (const service of agreement.members.filter(isService)) collect(service.members, service.name);
        const terminations = [
            ...agreement.members.filter(isTermination).map(node => this.termination(node, undefined, objectives, itemObjectives)),
            ...agreement.members.filter(isService).flatMap(service => service.members.filter(isTermination).map(node => this.termination(node, service.name, objectives, itemObjectives)))
        ];
        // The agreement's caps on all credits, then each service's on its own (a tower's at-risk amount).
        const creditCaps = [
            ...agreement.members.filter(isCreditsCap).flatMap(node => node.caps.map(cap => this.agreementCreditCap(cap))),
            ...agreement.members.filter(isService).flatMap(service => service.members.filter(isCreditsCap).flatMap(node => node.caps.map(cap => this.agreementCreditCap(cap, service))))
        ];
        return {
            id: agreement.name,
            title: agreement.title,
            timezone: this.zone,
            validity: { from: validity.from, to: validity.to },
            fee: this.agreementFixedFee(fee),
            calendars: Object.fromEntries([...this.calendars].map(([name, calendar]) => [name, this.calendar(calendar)])),
            // Before `datasets`: a maintenance whose periods a dataset lists registers that dataset.
            maintenance: Object.fromEntries([...this.maintenance].map(([name, m]) => [name, this.maintenanceSchedule(m)])),
            datasets: Object.fromEntries([...this.datasets].map(([name, dataset]) => [name, this.dataset(dataset)])),
            kpis: [...this.kpis.values(), ...this.exclusionKpis.values(), ...this.feeKpis.values()],
            objectives,
            internalTargets,
            credits,
            ...(itemObjectives.length > 0 ? { itemObjectives } : {}),
            ...(this.exclusionModels.size > 0 ? { exclusions: [...this.exclusionModels.values()] } : {}),
            ...(terminations.length > 0 ? { terminations } : {}),
            ...(creditCaps.length > 0 ? { creditCaps } : {}),
            ...(plansWithoutTable.length > 0 ? { creditPlansWithoutTable: plansWithoutTable } : {}),
            sourceFile: AstUtils.getDocument(agreement).uri.fsPath
        };
    }

    /**
     * `termination … when K is breached in N [of any M] consecutive windows[, notice within D]`: the
     * one objective on K with a calendar window is judged (the validator reports the other cases).
     */
    private termination(node: Termination, service: string | undefined, objectives: readonly ObjectiveModel[], itemObjectives: readonly ObjectiveModel[]): TerminationModel {
        const candidates = node.anyObjective ? this.objectivesInScope(node, service, [...objectives, ...itemObjectives])
            : node.anyOf.length > 0 ? this.objectivesOnKpis(node, objectives) : this.objectiveOnKpi(node, objectives);
        const whole = (value: number | undefined): value is number => value !== undefined && Number.isInteger(value) && value >= 1;
        if (!whole(node.count) || (node.span !== undefined && (!whole(node.span) || node.span < node.count))) {
            throw new ModelError(`The termination right '${node.name}' needs a whole number of breached windows, at most the windows looked at.`, node);
        }
        const model: TerminationModel = { name: node.name, text: node.text, objectives: candidates, breached: node.count };
        if (node.anyObjective || node.anyOf.length > 0) model.anyObjective = true;
        if (node.anyOf.length > 0) model.anyOf = node.anyOf.map(reference => this.kpi(this.resolve(reference.ref, node, `KPI '${reference.$refText}'`)).key);
        if (service !== undefined) model.service = service;
        if (node.span !== undefined) model.span = node.span;
        if (node.defaults) {
            // `defaults in …`: Service Level Defaults counted; validation/terminations.ts says the same at the right.
            if (!candidates.some(index => definesDefaults(objectives[index] ?? itemObjectives[index - objectives.length]!))) {
                throw new ModelError(`The termination right '${node.name}' counts Service Level Defaults, but no objective it judges has a minimum or a default rule.`, node);
            }
            model.defaults = true;
        }
        if (node.notice) {
            const notice = quantityValue(node.notice);
            if (notice.type.kind !== 'duration' || notice.value % MS_PER_DAY !== 0) throw new ModelError(`The notice of the termination right '${node.name}' is counted in whole days, e.g. 'notice within 60 days'.`, node.notice);
            model.noticeDays = notice.value / MS_PER_DAY;
        }
        return model;
    }

    /** The one objective on the right's KPI with a calendar window (validation/terminations.ts reports the other cases). */
    /** `any of A, B`: the one objective with a calendar window on each KPI listed, all with one window. */
    private objectivesOnKpis(node: Termination, objectives: readonly ObjectiveModel[]): number[] {
        const candidates = node.anyOf.flatMap(reference => this.objectiveOnKpi(node, objectives, reference));
        const windows = new Set(candidates.map(index => windowSpecKey(objectives[index]!.window)));
        if (windows.size !== 1) throw new ModelError(`The termination right '${node.name}' needs its KPIs promised per one calendar window; they have ${windows.size}.`, node);
        return [...new Set(candidates)];
    }

    private objectiveOnKpi(node: Termination, objectives: readonly ObjectiveModel[], reference = node.kpi): number[] {
        const kpi = this.kpi(this.resolve(reference?.ref, node, `KPI '${reference?.$refText ?? ''}'`));
        const candidates = objectives.flatMap((objective, index) => (objective.kpi === kpi.key && objective.window.kind === 'calendar' ? [index] : []));
        if (candidates.length !== 1) throw new ModelError(`The termination right '${node.name}' needs exactly one objective on '${kpi.key}' with a calendar window; there are ${candidates.length}.`, node);
        return candidates;
    }

    /**
     * `any objective`: every promise of the right's service (of the agreement, when written there)
     * with a calendar window — objectives, then `objective each`, by their place in the report —,
     * all with one window; promises with a rolling window are not counted.
     */
    private objectivesInScope(node: Termination, service: string | undefined, promises: readonly ObjectiveModel[]): number[] {
        const candidates = promises.flatMap((objective, index) => (objective.window.kind === 'calendar' && (service === undefined || objective.service === service) ? [index] : []));
        const windows = new Set(candidates.map(index => windowSpecKey(promises[index]!.window)));
        if (candidates.length === 0 || windows.size !== 1) throw new ModelError(`The termination right '${node.name}' needs promises with one calendar window; they have ${windows.size}.`, node);
        return candidates;
    }

    /**
     * `objective each …` as the engine's item objectives: one, or with `by plan { … }` one per plan
     * line in force (plansInForce), as for objectives; with `plan from F`, each judged on the items
     * whose F names its plan.
     */
    private itemObjectives(node: EachObjective, service: string | undefined): ItemObjectiveModel[] {
        const inForce = this.plansInForce(node);
        if (!inForce) return [this.itemObjective(node, service, node)];
        const { lines, field } = inForce;
        if (field && field.$container !== node.items.dataset?.ref) throw new ModelError(`'objective each ${node.items.dataset?.$refText ?? ''}' has a target per plan from '${field.$container.name}.${field.name}': the plan must be a field of the items' dataset.`, node);
        return lines.map(({ line, plan }) => {
            const model = { ...this.itemObjective(node, service, line), plan };
            if (!field) return model;
            // The plan's items: those whose plan field names it, within the written `where`.
            const ofPlan: Expr = { type: 'binary', op: '=', left: { type: 'field', dataset: model.dataset, field: field.name }, right: { type: 'string', value: plan } };
            return { ...model, planField: field.name, where: model.where === undefined ? ofPlan : { type: 'binary', op: 'and', left: model.where, right: ofPlan } };
        });
    }

    /** `objective each tickets by id where …: Kpi <= 4 hours per …`: the per-row KPI judged on every item; `promise` holds the comparison and target (the statement, or its line for one plan). */
    private itemObjective(node: EachObjective, service: string | undefined, promise: { comparison?: string; target?: Objective['target'] }): ItemObjectiveModel {
        const base = this.objective(node, service, promise);
        const items = node.items;
        const dataset = this.useDataset(this.resolve(items.dataset?.ref, items, `dataset '${items.dataset?.$refText ?? ''}'`));
        const kpiNode = this.resolve(node.kpi?.ref, node, `KPI '${node.kpi?.$refText ?? ''}'`);
        let value = this.expression(kpiNode.formula);
        // `<= 2 business days`: the item's elapsed time is counted in business days, compared exactly.
        if (promise.target && quantityValue(promise.target).type.kind === 'businessDays') {
            if (value.type !== 'elapsed' || value.calendar === undefined) throw new ModelError(`Business days count the working days of a calendar: the KPI '${kpiNode.name}' must be 'elapsed(…) during <calendar>'.`, node);
            value = { ...value, unit: 'businessDays' };
            base.unitKind = 'number';
        }
        const model: ItemObjectiveModel = {
            ...base,
            dataset: dataset.name,
            value,
            check: { type: 'binary', op: base.comparison, left: value, right: { type: 'number', value: base.target, kind: base.unitKind } }
        };
        if (items.idField?.ref) model.idField = items.idField.ref.name;
        if (items.condition) {
            model.where = this.expression(items.condition);
            const text = items.condition.$cstNode?.text;
            if (text !== undefined) model.whereText = text.replace(/\s+/g, ' ');
        }
        return model;
    }

    /** The agreement's fee as an amount: written, or the sum of its services' fees (model/fees.ts). */
    private agreementFixedFee(fee: Fee | undefined): FixedFee | undefined {
        if (fee) {
            const amount = fee.amount;
            if (fee.source || !amount?.unit) return undefined;
            return { amount: amount.value, currency: amount.unit, period: this.feePeriod(fee) };
        }
        const sum = sumOfServiceFees(this.agreement);
        return sum === undefined ? undefined : { amount: sum.amount, currency: sum.currency, period: this.feePeriod(sum.fees[0]!.fee) };
    }

    private feePeriod(fee: Fee): WindowSpec {
        return fee.window ? this.window(fee.window) : { kind: 'calendar', unit: 'month' };
    }

    /** The fee a credit is paid on when it is not the agreement's fixed fee (model.fee): a service's, or billing data. */
    private creditFee(node: Credit): CreditFee | undefined {
        const fee = creditFee(node);
        if (!fee) return undefined;
        const source = isService(fee.$container) ? 'service' : 'agreement';
        if (fee.source) {
            const currency = feeCurrency(fee, this.types);
            if (!currency) throw new ModelError('The fee from billing data is not an amount of money: sum a field declared \'number in <currency>\'.', fee);
            return { kind: 'data', source, kpi: this.feeKpi(fee, currency).key, currency, ...previousFeePeriod(fee) };
        }
        const amount = fee.amount;
        if (source === 'agreement' || !amount?.unit) return undefined;
        return { kind: 'amount', source, amount: amount.value, currency: amount.unit, period: this.feePeriod(fee) };
    }

    /** A fee from billing data is evaluated like a KPI; its key has a space, so no KPI name can take it. */
    private feeKpi(fee: Fee, currency: string): KpiModel {
        const existing = this.feeKpis.get(fee);
        if (existing) return existing;
        const service = isService(fee.$container) ? fee.$container.name : undefined;
        const model: KpiModel = {
            key: `fee of ${service ?? this.agreement.name}`,
            service,
            name: 'fee',
            unitKind: 'money',
            currency,
            formula: this.expression(fee.source!)
        };
        this.feeKpis.set(fee, model);
        return model;
    }

    /**
     * An objective or internal target as the engine's objectives: one, or with `by plan { … }`
     * one per plan line in force (plansInForce); with `plan from F`, each judged on the rows whose
     * F names its plan.
     */
    private objectives(node: Objective | InternalTarget, service: string | undefined): ObjectiveModel[] {
        const inForce = this.plansInForce(node);
        if (!inForce) return [this.objective(node, service, node)];
        const { lines, field } = inForce;
        if (field && node.scope) throw new ModelError(`The objective on '${node.kpi.$refText}' is per plan from '${field.name}': it cannot also be 'for each ${node.scope.$refText}'.`, node);
        return lines.map(({ line, plan }) => ({
            ...this.objective(node, service, line),
            plan,
            ...(field ? {
                planField: field.name,
                scopeField: field.name,
                scopeValues: [plan],
                knownScopeValues: declaredPlans(AstUtils.getContainerOfType(node, isAgreement)).map(declared => declared.name)
            } : {})
        }));
    }

    /**
     * The lines of a statement's `by plan { … }` that promise something, and the field naming each
     * row's plan: under `plan X` X's line (none when it is `none`), under `plan from F` every plan's
     * line that is not `none`. Undefined for a statement with one target.
     */
    private plansInForce(node: Objective | InternalTarget): { lines: Array<{ line: PlanTarget; plan: string }>; field?: Field } | undefined {
        if (!node.planTargets) return undefined;
        const choice = planChoiceFor(node);
        if (!choice) throw new ModelError(`The objective on '${node.kpi.$refText}' gives a target per plan, but no 'plan …' line says which plan applies.`, node);
        if (choice.field) {
            const field = this.resolve(choice.field.ref, choice, `field '${choice.field.$refText}'`);
            return { field, lines: node.planTargets.targets.filter(line => !line.none && line.plan?.ref).map(line => ({ line, plan: line.plan.ref!.name })) };
        }
        const plan = this.resolve(choice.plan?.ref, choice, `plan '${choice.plan?.$refText ?? ''}'`);
        const line = node.planTargets.targets.find(target => target.plan?.ref === plan);
        if (!line) throw new ModelError(`The objective on '${node.kpi.$refText}' has no target for the plan '${plan.name}'.`, node);
        return { lines: line.none ? [] : [{ line, plan: plan.name }] };
    }

    /** `promise` holds the comparison and target: the statement, or its line for one plan. */
    private objective(node: Objective | InternalTarget, service: string | undefined, promise: { comparison?: string; target?: Objective['target'] }): ObjectiveModel {
        const kpiNode = this.resolve(node.kpi?.ref, node, `KPI '${node.kpi?.$refText ?? ""}'`);
        const kpi = { ...this.kpi(kpiNode), node: kpiNode };
        if (!promise.comparison) throw new ModelError(`The objective on '${node.kpi.$refText}' has no comparison (>=, >, <=, <).`, node);
        if (!promise.target) throw new ModelError(`The objective on '${node.kpi.$refText}' has no target.`, node);
        if (!node.window) throw new ModelError(`The objective on '${node.kpi.$refText}' has no window.`, node);
        const target = quantityValue(promise.target);
        const position = node.$cstNode?.range.start;
        const scale = scaleOf(this.types.kpiType(kpi.node));
        const exclusions = this.kpiExclusions.get(kpi.key) ?? [];
        return {
            ...(exclusions.length > 0 ? { exclusions } : {}),
            service,
            kpi: kpi.key,
            kpiName: kpi.name,
            comparison: promise.comparison as ObjectiveModel['comparison'],
            target: target.value,
            unitKind: kpi.unitKind,
            currency: kpi.currency,
            window: this.window(node.window),
            scopeField: isEachObjective(node) ? undefined : node.scope?.ref?.name,
            owner: isInternalTarget(node) ? node.owner : undefined,
            source: position ? { line: position.line + 1, column: position.character + 1 } : undefined,
            minimumRows: isEachObjective(node) ? undefined : node.minimumSample?.rows,
            ...(isEachObjective(node) || node.minimumSample?.allowed === undefined ? {} : { smallVolumeAllowed: node.minimumSample.allowed }),
            ...(scale === undefined ? {} : { scale }),
            ...(isObjective(node) ? this.term(node, promise.comparison) : {}),
            ...(isObjective(node) ? this.defaults(node, promise.comparison) : {}),
            ...(isObjective(node) && node.improvement ? { improvement: this.improvement(node, promise.target) } : {})
        };
    }

    /**
     * Continuous Improvement: `, improved yearly to the mean of the best 6 windows by at most 0.2%`.
     * The step is the written target's precision in canonical units (99.5% → 0.001).
     * validation/continuous-improvement.ts checks the count, the window, the validity and the limit.
     */
    private improvement(node: Objective, target: Quantity): ContinuousImprovement {
        const rule = node.improvement!;
        if (node.planTargets) throw new ModelError(`The objective on '${node.kpi.$refText}' gives a target per plan: write its improvement in an objective per plan.`, rule);
        if (node.items) throw new ModelError(`'objective each' judges every item against one target: it does not improve yearly.`, rule);
        if (node.steps.length > 0) throw new ModelError(`The objective on '${node.kpi.$refText}' steps up on dates: it cannot also improve yearly.`, rule);
        if (rule.best === undefined || !Number.isInteger(rule.best) || rule.best < 1) throw new ModelError(`The improvement averages a whole number of windows, at least 1: '${rule.$cstNode?.text ?? ''}'.`, rule);
        const improvement: ContinuousImprovement = { best: rule.best, step: targetPrecision(target) };
        if (rule.limit) improvement.limit = quantityValue(rule.limit).value;
        return improvement;
    }

    /**
     * Service Level Defaults: `, minimum 99.5%` (the Minimum Service Level) and `, default when
     * breached in 3 of any 12 consecutive windows`. validation/service-level-defaults.ts checks
     * the minimum against every target, the counts and the window.
     */
    private defaults(node: Objective, comparison: string): Pick<ObjectiveModel, 'minimum' | 'defaultRule'> {
        const result: Pick<ObjectiveModel, 'minimum' | 'defaultRule'> = {};
        if (!node.minimum && !node.defaultRule) return result;
        const at = node.minimum ?? node.defaultRule!;
        if (node.planTargets) throw new ModelError(`The objective on '${node.kpi.$refText}' gives a target per plan: write its Service Level Defaults in an objective per plan.`, at);
        if (node.items) throw new ModelError(`'objective each' judges every item against one target: it has no Service Level Defaults.`, at);
        if (node.minimum) {
            if (node.minimum.comparison !== undefined && node.minimum.comparison !== comparison) throw new ModelError(`The minimum compares with '${node.minimum.comparison}', the objective with '${comparison}'.`, node.minimum);
            if (!node.minimum.target) throw new ModelError(`The minimum of the objective on '${node.kpi.$refText}' has no value.`, node.minimum);
            result.minimum = quantityValue(node.minimum.target).value;
        }
        const rule = node.defaultRule;
        if (rule) {
            const whole = (count: number | undefined): count is number => count !== undefined && Number.isInteger(count) && count >= 1;
            if (!whole(rule.count) || (rule.span !== undefined && (!whole(rule.span) || rule.span < rule.count))) throw new ModelError(`The default rule counts whole windows, 1 ≤ N ≤ M: '${rule.$cstNode?.text ?? ''}'.`, rule);
            result.defaultRule = rule.span === undefined ? { breached: rule.count } : { breached: rule.count, span: rule.span };
        }
        return result;
    }

    /**
     * A promise over the term: `from 2026-04-01` (in force from that day) and `, >= 99.7% from
     * 2027-01-01` (the target from that day on). validation/objective-term.ts checks the dates
     * (ascending, window starts, within the validity) and the steps' comparisons and units.
     */
    private term(node: Objective, comparison: string): Pick<ObjectiveModel, 'inForceFrom' | 'targetSteps'> {
        const term: Pick<ObjectiveModel, 'inForceFrom' | 'targetSteps'> = {};
        if (node.inForceFrom !== undefined) term.inForceFrom = node.inForceFrom;
        if (node.steps.length === 0) return term;
        if (node.planTargets) throw new ModelError(`The objective on '${node.kpi.$refText}' gives a target per plan: its target cannot also step over the term.`, node.steps[0]!);
        if (node.items) throw new ModelError(`'objective each' takes one target over the term: write one 'objective each' per period instead of steps.`, node.steps[0]!);
        term.targetSteps = node.steps.map(step => {
            if (step.comparison !== undefined && step.comparison !== comparison) throw new ModelError(`The step from ${step.from} compares with '${step.comparison}', the objective with '${comparison}'.`, step);
            if (step.from === undefined) throw new ModelError(`A step of the objective on '${node.kpi.$refText}' has no date.`, step);
            if (!step.target) throw new ModelError(`The step from ${step.from} has no target.`, step);
            return { from: step.from, target: quantityValue(step.target).value };
        });
        return term;
    }

    /** A credit block as the engine's credit, with `tierNodes` its tiers (the block's, or one plan's: credit-plans.ts). */
    private credit(node: Credit, service: string | undefined, tierNodes: CreditTierNode[] = node.tiers): CreditModel {
        const kpi = this.kpi(this.resolve(node.kpi?.ref, node, `KPI '${node.kpi?.$refText ?? ""}'`));
        if (!node.window) throw new ModelError(`The credit for '${node.kpi.$refText}' has no window.`, node);
        const tiers: CreditTier[] = tierNodes.map(tier => {
            const label = tier.$cstNode?.text.split(':')[0].trim() ?? '';
            const result: CreditTier = tier.amount?.ofAtRisk ? this.allocatedTier(tier.amount, node, label) : { amount: this.creditAmount(tier.amount), label };
            const condition = tier.condition;
            // `missed`: bounded per window by the objective's target (engine: tiersAgainstTarget).
            if (condition.missed) result.missed = true;
            // `default`: upon a Service Level Default of the objective (engine: service-level-default.ts).
            if (condition.default) result.default = true;
            if (condition.between && condition.low && condition.high) {
                // `between` is flagged as ambiguous; it is read as [low, high): low counts, high does not.
                result.lower = { value: quantityValue(condition.low).value, inclusive: true };
                result.upper = { value: quantityValue(condition.high).value, inclusive: false };
            }
            for (const bound of condition.bounds) {
                const value = quantityValue(bound.value).value;
                switch (bound.operator) {
                    case 'below': result.upper = { value, inclusive: false }; break;
                    case 'most': result.upper = { value, inclusive: true }; break;
                    case 'above': result.lower = { value, inclusive: false }; break;
                    case 'least': result.lower = { value, inclusive: true }; break;
                }
            }
            return result;
        });
        const model: CreditModel = { service, kpi: kpi.key, window: this.window(node.window), tiers };
        if (tiers.some(tier => tier.missed)) {
            const objective = this.creditObjective(node);
            if (objective === undefined) throw new ModelError(`The credit for '${node.kpi.$refText}' pays when its objective is missed ('missed'), but no objective on it has the window ${node.window.$cstNode?.text ?? ''}.`, node);
            // validation/credits.ts: a target per plan read from the rows needs the tiers per plan.
            if (objective.planTargets && node.planTiers.length === 0 && planChoiceFor(node)?.field) throw new ModelError(`The credit for '${node.kpi.$refText}' pays when its objective is missed, whose target is per plan: write its tiers per plan.`, node);
        }
        if (tiers.some(tier => tier.default)) {
            // validation/service-level-defaults.ts says the same at the tier.
            const objective = this.creditObjective(node, o => o.minimum !== undefined || o.defaultRule !== undefined);
            if (objective === undefined) throw new ModelError(`The credit for '${node.kpi.$refText}' pays upon a Service Level Default ('default'), but no objective on it with the window ${node.window.$cstNode?.text ?? ''} has a minimum or a default rule.`, node);
            if (objective.scope?.ref !== node.scope?.field?.ref) throw new ModelError(`The credit for '${node.kpi.$refText}' pays upon a Service Level Default: its 'for each' must be its objective's.`, node);
        }
        if (node.payableFrom !== undefined) model.payableFrom = node.payableFrom;
        const scopeField = node.scope?.field?.ref?.name;
        if (node.scope && !scopeField) throw new ModelError(`The field '${node.scope.field?.$refText ?? ''}' of 'for each' is not declared.`, node.scope);
        if (scopeField) model.scopeField = scopeField;
        const fee = this.creditFee(node);
        if (fee) model.fee = fee;
        for (const cap of node.caps) {
            const amount = this.creditAmount(cap.amount);
            const window = cap.window ? this.window(cap.window) : undefined;
            // `per calendar year` / `per fiscal year`: the credits of a year; else each window (validation/credits.ts refuses other periods).
            if (window?.kind === 'calendar' && window.unit === 'year') {
                model.capPerYear = amount;
                if (window.yearStartMonth !== undefined && window.yearStartMonth !== 1) model.capYearStartMonth = window.yearStartMonth;
            } else {
                model.capPerWindow = amount;
            }
        }
        const position = node.$cstNode?.range.start;
        if (position) model.source = { line: position.line + 1, column: position.character + 1 };
        const sample = this.objectiveMinimumSample(node);
        if (sample?.rows !== undefined) model.minimumRows = sample.rows;
        if (sample?.rows !== undefined && sample.allowed !== undefined) model.smallVolumeAllowed = sample.allowed;
        const claimTerms = creditClaimTermsOf(node);
        if (claimTerms !== undefined) model.claimTerms = claimTerms;
        return model;
    }

    /** `credits capped at 12% of fee per calendar month`: one cap on all credits together (validation/credits-caps.ts checks what is accepted here). */
    /** A cap on all credits of the agreement, or with `service` of that service (a share of the fee: of the service's own). */
    private agreementCreditCap(cap: CreditCap, service?: Service): AgreementCreditCapModel {
        const amount = this.creditAmount(cap.amount);
        const window = cap.window ? this.window(cap.window) : undefined;
        if (amount.kind !== 'money' && amount.kind !== 'percentOfFee') throw new ModelError('A cap on all credits together is an amount of money or a share of the fee.', cap);
        if (window?.kind !== 'calendar' || !['month', 'quarter', 'year'].includes(window.unit)) throw new ModelError("A cap on all credits together is per calendar (or fiscal) month, quarter or year: write e.g. 'per calendar month'.", cap);
        const model: AgreementCreditCapModel = { amount, window, text: creditCapText(cap) ?? '' };
        if (service) {
            model.service = service.name;
            const fee = serviceFee(service);
            if (amount.kind === 'percentOfFee') {
                if (!fee?.amount?.unit || fee.source) throw new ModelError(`A cap on all credits of the service ${service.name} as a share of its fee needs the service's own fee written as an amount: add e.g. 'fee 4000 EUR per calendar month' to the service.`, cap);
                model.fee = { amount: fee.amount.value, currency: fee.amount.unit, period: this.feePeriod(fee) };
            }
        }
        const position = cap.$cstNode?.range.start;
        if (position) model.source = { line: position.line + 1, column: position.character + 1 };
        return model;
    }

    /**
     * A credit pays on the objective's windows: one with too few rows earns nothing, as it is not
     * breached — unless `else at most M failing` judges it (met: nothing; breached: its tier).
     */
    private objectiveMinimumSample(credit: Credit): MinimumSample | undefined {
        return this.creditObjective(credit, o => o.minimumSample !== undefined)?.minimumSample;
    }

    /** An objective on the credit's KPI with its window (in its service, or the agreement), with `also` if given. */
    private creditObjective(credit: Credit, also: (objective: Objective) => boolean = () => true): Objective | undefined {
        const members = [...(credit.$container as { members: AstNode[] }).members, ...(isService(credit.$container) ? this.agreement.members : [])];
        const window = credit.window ? windowSpecKey(this.window(credit.window)) : undefined;
        return members.filter(isObjective).find(o => o.kpi.ref === credit.kpi.ref && o.window !== undefined
            && windowSpecKey(this.window(o.window)) === window && also(o));
    }

    /** `40% of at-risk amount`: that share of the agreement's cap on all credits per the credit's period (model/at-risk.ts), exactly. */
    private allocatedTier(node: CreditAmountNode, credit: Credit, label: string): CreditTier {
        const cap = atRiskCapOf(credit);
        if (!isAllocation(node)) throw new ModelError("A share of the at-risk amount is a percentage: write e.g. '40% of at-risk amount'.", node);
        if (!cap) throw new ModelError(`The credit for '${credit.kpi?.$refText ?? ''}' allocates a share of the at-risk amount, but no cap on all credits together is per its period: add e.g. 'credits capped at 12% of fee ${credit.window?.$cstNode?.text ?? 'per calendar month'}'.`, node);
        const amount = allocatedAmount(node.amount.value, cap);
        if (!amount) throw new ModelError('The at-risk amount is not money or a share of the fee.', cap);
        return { amount, label, allocation: node.amount.value };
    }

    private creditAmount(node: CreditAmountNode): CreditAmount {
        if (node.ofAtRisk) throw new ModelError("A share of the at-risk amount is the amount of a credit tier ('below 99.8% : 40% of at-risk amount'), not a cap.", node);
        if (node.formula) {
            const type = this.types.typeOf(node.formula);
            if (type.kind !== 'money') throw new ModelError(`This credit formula is not an amount of money: '${node.formula.$cstNode?.text ?? ''}'.`, node);
            return { kind: 'formula', formula: creditFormulaOf(node.formula, kpi => this.kpi(kpi).key), text: node.formula.$cstNode?.text ?? '', currency: type.currency };
        }
        if (!node.amount) throw new ModelError('A credit amount is missing.', node);
        if (node.ofFee || node.amount.unit === '%') return { kind: 'percentOfFee', percent: node.amount.value };
        // Validated as whole days (validation/credits.ts).
        if (node.ofService) return { kind: 'daysOfService', days: Math.round(quantityValue(node.amount).value / MS_PER_DAY) };
        return { kind: 'money', amount: node.amount.value, currency: node.amount.unit ?? '' };
    }

    private window(window: Window): WindowSpec {
        const spec = windowSpecOf(window);
        if (spec) return spec;
        throw new ModelError(`The window '${window.$cstNode?.text ?? ''}' is not 'per calendar <unit>' or 'per rolling <n> <unit>'.`, window);
    }

    private kpi(kpi: Kpi): KpiModel {
        const existing = this.kpis.get(kpi);
        if (existing) return existing;
        const service = AstUtils.getContainerOfType(kpi, isService);
        const type = this.types.kpiType(kpi);
        const model: KpiModel = {
            key: kpiKeyOf(kpi),
            service: service?.name,
            name: kpi.name,
            unitKind: valueKind(type),
            currency: type.kind === 'money' ? type.currency : undefined,
            formula: { type: 'number', value: 0, kind: 'number' },
            owner: kpi.owner
        };
        this.kpis.set(kpi, model); // before the formula, so that a cycle ends here (the validator reports it)
        model.formula = this.expression(kpi.formula);
        this.applyExclusions(model, service?.name);
        return model;
    }

    /** A named exclusion as the engine's, once: its rows' condition or its maintenance, with its cap. */
    private exclusion(node: Exclusion, service: string | undefined): ExclusionModel {
        const existing = this.exclusionModels.get(node);
        if (existing) return existing;
        const position = node.$cstNode?.range.start;
        const model: ExclusionModel = { name: node.name, text: node.text, ...(service === undefined ? {} : { service }) };
        if (position) model.source = { line: position.line + 1, column: position.character + 1 };
        if (node.selection) {
            const dataset = this.selectionDataset(node.selection);
            if (!node.selection.condition) throw new ModelError(`The exclusion '${node.name}' names the dataset '${dataset.name}' but no condition: add 'where …' saying which rows it excludes.`, node);
            model.rows = { dataset: dataset.name, where: this.expression(node.selection.condition) };
        } else if (node.maintenance) {
            const maintenance = this.useMaintenance(this.resolve(node.maintenance.ref, node, `maintenance '${node.maintenance.$refText}'`));
            model.maintenance = { maintenance: maintenance.name };
            if (node.cap) {
                const cap = exclusionCapOf(node.cap);
                if (!cap) {
                    throw new ModelError(`The cap of the exclusion '${node.name}' must be a duration per calendar window, e.g. 'at most 10 hours per calendar year'.`, node.cap);
                }
                model.maintenance.cap = cap;
            }
            if (node.countedAsAvailable) model.maintenance.countedAsAvailable = true;
        }
        this.exclusionModels.set(node, model);
        return model;
    }

    /**
     * Applies the exclusions in a KPI's scope (the agreement's, and its service's) to its
     * formula: rows an exclusion marks leave every aggregate over its dataset (`and not (…)`),
     * and maintenance exclusions leave the eligible time of every uptime.
     */
    private applyExclusions(kpi: KpiModel, service: string | undefined): void {
        const inScope = [...this.exclusionModels.values()].filter(exclusion => exclusion.service === undefined || exclusion.service === service);
        const applied = new Map<string, ObjectiveExclusion>();
        const apply = (expr: Expr): void => {
            switch (expr.type) {
                case 'aggregate': case 'share': case 'uptime': {
                    for (const exclusion of inScope) {
                        if (exclusion.rows && exclusion.rows.dataset === expr.dataset) {
                            const not: Expr = { type: 'not', operand: exclusion.rows.where };
                            if (expr.type === 'share') expr.whole = expr.whole ? { type: 'binary', op: 'and', left: expr.whole, right: not } : not;
                            else expr.where = expr.where ? { type: 'binary', op: 'and', left: expr.where, right: not } : not;
                            applied.set(exclusion.name, { name: exclusion.name, rowsKpi: this.exclusionCountKpi(exclusion) });
                        } else if (exclusion.maintenance && expr.type === 'uptime') {
                            const { maintenance, cap, countedAsAvailable } = exclusion.maintenance;
                            const available = expr.available ?? [];
                            if (cap) (expr.cappedExcluding ??= []).push({ maintenance, cap, ...(countedAsAvailable ? { countedAsAvailable } : {}) });
                            // The uptime's own `excluding M` or `counting M as available` stays as written (a contradiction is
                            // reported by validation/exclusions.ts).
                            else if (!expr.excluding.includes(maintenance) && !available.includes(maintenance)) {
                                if (countedAsAvailable) expr.available = [...available, maintenance];
                                else expr.excluding.push(maintenance);
                            }
                            // What the uptime already takes out (excluded or available): the exclusion's time is counted beside it.
                            const excluding = [...expr.excluding, ...(expr.available ?? [])].filter(name => name !== maintenance || cap !== undefined);
                            applied.set(exclusion.name, {
                                name: exclusion.name,
                                maintenance: { ...exclusion.maintenance, ...(expr.during === undefined ? {} : { during: expr.during }), excluding }
                            });
                        }
                    }
                    if (expr.type === 'aggregate' && expr.value) apply(expr.value);
                    return;
                }
                case 'binary': apply(expr.left); apply(expr.right); return;
                case 'not': case 'negate': apply(expr.operand); return;
                case 'kpi':
                    for (const used of this.kpiExclusions.get(expr.key) ?? []) if (!applied.has(used.name)) applied.set(used.name, used);
                    return;
                default: return;
            }
        };
        apply(kpi.formula);
        if (applied.size > 0) this.kpiExclusions.set(kpi.key, [...applied.values()]);
    }

    /** The hidden KPI that counts the rows an exclusion marks, per window and scope, for the report. */
    private exclusionCountKpi(exclusion: ExclusionModel): string {
        const key = `exclusion ${exclusion.service ? `${exclusion.service}.` : ''}${exclusion.name}`;
        if (!this.exclusionKpis.has(key) && exclusion.rows) {
            this.exclusionKpis.set(key, {
                key, name: exclusion.name, unitKind: 'count',
                formula: { type: 'aggregate', fn: 'count', dataset: exclusion.rows.dataset, where: exclusion.rows.where },
                ...(exclusion.service === undefined ? {} : { service: exclusion.service })
            });
        }
        return key;
    }

    private expression(e: Expression): Expr {
        if (isNumberLiteral(e)) {
            const { value, type } = quantityValue(e);
            return { type: 'number', value, kind: valueKind(type) };
        }
        if (isStringLiteral(e)) return { type: 'string', value: e.value };
        if (isBooleanLiteral(e)) return { type: 'boolean', value: e.value };
        if (isNameReference(e)) {
            const target = this.resolve(e.target?.ref, e, `'${e.target?.$refText ?? ''}'`);
            if (isKpi(target)) return { type: 'kpi', key: this.kpi(target).key };
            if (isField(target)) return { type: 'field', dataset: this.useDataset(target.$container).name, field: target.name };
            throw new ModelError(`The dataset '${e.target.$refText}' stands where a value is needed: aggregate it, e.g. count(${e.target.$refText}).`, e);
        }
        if (isBinaryExpression(e)) {
            if (e.operator === 'in') {
                const list = isListExpression(e.right) ? e.right.items : [e.right];
                return { type: 'in', value: this.expression(e.left), list: list.map(item => this.expression(item)) };
            }
            const businessDays = this.businessDayComparison(e.left, e.right) ?? this.businessDayComparison(e.right, e.left);
            if (businessDays) {
                // The elapsed time is then measured in business days; the engine compares exactly.
                const [elapsed] = businessDays;
                const side = (operand: Expression): Expr => operand === elapsed ? this.businessDayElapsed(elapsed) : this.expression(operand);
                return { type: 'binary', op: e.operator, left: side(e.left), right: side(e.right) };
            }
            return { type: 'binary', op: e.operator, left: this.expression(e.left), right: this.expression(e.right) };
        }
        if (isLogicalExpression(e)) return { type: 'binary', op: e.operator as 'and' | 'or', left: this.expression(e.left), right: this.expression(e.right) };
        if (isNotExpression(e)) return { type: 'not', operand: this.expression(e.operand) };
        if (isNegationExpression(e)) return { type: 'negate', operand: this.expression(e.operand) };
        if (isAggregate(e)) {
            const dataset = this.selectionDataset(e.selection);
            const percentile = e.function === 'percentile' && e.parameter && isNumberLiteral(e.parameter) ? e.parameter.value : undefined;
            if (e.function === 'percentile' && percentile === undefined) throw new ModelError('The percentile rank must be a number, e.g. percentile(95, …).', e);
            return {
                type: 'aggregate',
                fn: e.function,
                dataset: dataset.name,
                value: e.function === 'count' ? undefined : this.expression(e.selection.value),
                percentile,
                where: e.selection.condition ? this.expression(e.selection.condition) : undefined
            };
        }
        if (isShare(e)) {
            const dataset = this.selectionDataset(e.whole);
            return {
                type: 'share',
                dataset: dataset.name,
                part: e.part.condition ? this.expression(e.part.condition) : undefined,
                whole: e.whole.condition ? this.expression(e.whole.condition) : undefined
            };
        }
        if (isUptime(e)) {
            const dataset = this.selectionDataset(e.selection);
            return {
                type: 'uptime',
                dataset: dataset.name,
                where: e.selection.condition ? this.expression(e.selection.condition) : undefined,
                from: this.fieldName(e.start),
                to: this.fieldName(e.end),
                excluding: e.exclusions.map(ref => this.useMaintenance(this.resolve(ref.ref, e, `maintenance '${ref.$refText}'`)).name),
                ...(e.available.length > 0
                    ? { available: e.available.map(ref => this.useMaintenance(this.resolve(ref.ref, e, `maintenance '${ref.$refText}'`)).name) }
                    : {}),
                during: e.calendar ? this.useCalendar(this.resolve(e.calendar.ref, e, `calendar '${e.calendar.$refText}'`)).name : undefined,
                ...this.uptimeOptions(e)
            };
        }
        if (isTimeslices(e)) return this.timeslices(e);
        if (isElapsed(e)) {
            const elapsed: Expr = {
                type: 'elapsed',
                start: this.expression(e.start),
                end: this.expression(e.end),
                calendar: e.calendar ? this.useCalendar(this.resolve(e.calendar.ref, e, `calendar '${e.calendar.$refText}'`)).name : undefined
            };
            if (e.pauses) elapsed.pauses = this.pauseJoin(e.pauses);
            return elapsed;
        }
        throw new ModelError(`This part of the formula cannot be evaluated: '${(e as AstNode).$cstNode?.text ?? ''}'.`, e);
    }

    /** `across …`, `weighted by …`, `at least …`, `whole minutes`, `deployed in …` of an uptime (checked by validation/uptime-options.ts). */
    private uptimeOptions(e: Uptime): Partial<UptimeExpr> {
        const options: Partial<UptimeExpr> = {};
        for (const option of e.options) {
            if (isAcrossInstances(option)) {
                if (option.inventory !== undefined) {
                    const inventory = inventoryDataset(this.agreement, option.inventory);
                    if (!inventory) throw new ModelError(`The inventory '${option.inventory}' is not a dataset of the agreement.`, option);
                    this.useDataset(inventory);
                }
                options.across = option.inventory !== undefined ? { field: option.field, inventory: option.inventory } : { field: option.field, instances: [...option.instances] };
                if (option.atLeast !== undefined) options.across.atLeast = option.atLeast;
            } else if (isWeightedDowntime(option)) {
                options.weightedBy = option.field;
                if (option.summed) options.weightsSummed = true;
            } else if (isMinimumOutage(option)) {
                const { value, type } = quantityValue(option.length);
                if (type.kind !== 'duration') throw new ModelError(`'at least' in an uptime is a duration, e.g. 'at least 5 minutes'.`, option);
                options.minimumOutageMs = value;
            } else if (isWholeMinutes(option)) {
                options.wholeMinutes = true;
            } else if (isDeployedResources(option)) {
                const inventory = inventoryDataset(this.agreement, option.inventory);
                if (!inventory) throw new ModelError(`The inventory '${option.inventory}' is not a dataset of the agreement.`, option);
                this.useDataset(inventory);
                options.deployed = { inventory: option.inventory, field: option.field, from: option.from, to: option.to };
            }
        }
        return options;
    }

    /** `slices(every 5 minutes: …, empty as …)` (the validator has checked the length, the rule and the time field). */
    private timeslices(e: Timeslices): Expr {
        const length = e.length ? quantityValue(e.length) : undefined;
        if (!length || length.type.kind !== 'duration' || !(length.value > 0)) throw new ModelError(`slices(…) needs a positive slice length with a duration unit, e.g. 'every 5 minutes'.`, e);
        if (!e.empty) throw new ModelError(`slices(…) needs a rule for slices without rows: add ', empty as no data', ', empty as good' or ', empty as bad' (for an average, ', empty as 0%').`, e);
        const empty: EmptySliceRule = e.empty.noData ? { kind: 'noData' }
            : e.empty.rule === 'good' || e.empty.rule === 'bad' ? { kind: e.empty.rule }
            : { kind: 'value', value: e.empty.value ? quantityValue(e.empty.value).value : 0 };
        return {
            type: 'timeslices',
            sliceMs: length.value,
            timeField: e.timeField,
            aggregation: e.aggregation as SliceAggregation,
            value: this.expression(e.value),
            minimumRun: e.minimumRun,
            empty
        };
    }

    /** `elapsed(…) during C` against a `N business days` literal: the pair, else undefined. */
    private businessDayComparison(side: Expression, other: Expression): [Elapsed, Expression] | undefined {
        if (!isElapsed(side) || !isNumberLiteral(other) || quantityValue(other).type.kind !== 'businessDays') return undefined;
        return [side, other];
    }

    /** `excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)`. */
    private pauseJoin(node: PauseExclusion): PauseJoin {
        const dataset = this.useDataset(this.resolve(node.dataset?.ref, node, `dataset '${node.dataset?.$refText ?? ''}'`));
        const field = (reference: { ref?: { name: string }; $refText: string } | undefined, what: string): string =>
            this.resolve(reference?.ref as (AstNode & { name: string }) | undefined, node, `${what} '${reference?.$refText ?? ''}'`).name;
        return {
            dataset: dataset.name,
            key: field(node.key, 'pause key field'),
            rowKey: field(node.rowKey, 'key field'),
            from: field(node.start, 'pause start field'),
            to: field(node.end, 'pause end field')
        };
    }

    private businessDayElapsed(e: Elapsed): Expr {
        if (!e.calendar) throw new ModelError(`Business days count the working days of a calendar: add 'during <calendar>' to this elapsed(…).`, e);
        const elapsed: Expr = {
            type: 'elapsed',
            start: this.expression(e.start),
            end: this.expression(e.end),
            calendar: this.useCalendar(this.resolve(e.calendar.ref, e, `calendar '${e.calendar.$refText}'`)).name,
            unit: 'businessDays'
        };
        // `excluding pauses(…)`: the business days of the pauses are taken off, exactly (the engine's calendar.ts).
        if (e.pauses) elapsed.pauses = this.pauseJoin(e.pauses);
        return elapsed;
    }

    private selectionDataset(selection: Selection): Dataset {
        const source = selection?.value ? firstNameReference(selection.value) : undefined;
        const target = source?.target?.ref;
        if (isDataset(target)) return this.useDataset(target);
        if (isField(target)) return this.useDataset(target.$container);
        throw new ModelError('An aggregate must read a dataset, e.g. count(tickets where …) or avg(requests.latency).', selection ?? this.agreement);
    }

    private fieldName(e: Expression): string {
        if (isNameReference(e) && isField(e.target?.ref)) return e.target.ref.name;
        throw new ModelError(`uptime(…) needs timestamp fields for 'from' and 'to'.`, e);
    }

    private useDataset(dataset: Dataset): Dataset {
        this.register(this.datasets, dataset, 'dataset');
        return dataset;
    }

    private useCalendar(calendar: Calendar): Calendar {
        this.register(this.calendars, calendar, 'calendar');
        return calendar;
    }

    private useMaintenance(maintenance: Maintenance): Maintenance {
        this.register(this.maintenance, maintenance, 'maintenance');
        return maintenance;
    }

    private register<T extends { name: string }>(map: Map<string, T>, node: T & AstNode, kind: string): void {
        const existing = map.get(node.name);
        if (existing && existing !== node) throw new ModelError(`Two different ${kind} declarations are called '${node.name}'.`, node);
        map.set(node.name, node);
    }

    private resolve<T extends AstNode>(target: T | undefined, node: AstNode, what: string): T {
        if (!target) throw new ModelError(`Unknown ${what}.`, node);
        return target;
    }

    private dataset(dataset: Dataset): DatasetModel {
        const slaFile = AstUtils.getDocument(dataset).uri.fsPath;
        const source = datasetSourceOf(dataset, slaFile);
        // The file as messages show it, once per dataset (not per field: a path relative to the working directory each time).
        const shownFile = displayPath(slaFile);
        return {
            name: dataset.name,
            ...source,
            declaredAt: declaredAtOf(source),
            timezone: datasetZone(dataset, this.client),
            ...(dataset.completeTo[0] === undefined ? {} : { completeTo: dataset.completeTo[0].date }),
            ...rowKeyOf(dataset),
            ...csvDialectOf(dataset),
            agreementTimezone: this.zone,
            fields: dataset.fields.map((field): FieldSpec => {
                const type = field.type;
                const spec: FieldSpec = {
                    name: field.name, column: field.column ?? field.name, kind: 'text', optional: field.optional,
                    declaredAt: `${shownFile}:${(field.$cstNode?.range.start.line ?? 0) + 1}`
                };
                switch (type.$type) {
                    case TimestampType.$type:
                        spec.kind = 'timestamp';
                        if (type.format !== undefined) {
                            // Validation reports a layout that cannot be read (sla/timestamp-format); never read as ISO instead.
                            const problem = timestampFormatProblem(type.format);
                            if (problem !== undefined) throw new ModelError(`The timestamp format "${type.format}" of the field '${field.name}' cannot be read: ${problem}.`, type);
                            spec.timestampFormat = type.format;
                        }
                        break;
                    case DurationType.$type: spec.kind = 'duration'; spec.durationUnitMs = DURATION_UNIT_MS[type.unit ?? 'ms'] ?? 1; break;
                    case NumberType.$type: spec.kind = 'number'; break;
                    case IntegerType.$type: spec.kind = 'integer'; break;
                    case PercentType.$type: spec.kind = 'percent'; break;
                    case TextType.$type: spec.kind = 'text'; break;
                    case BooleanType.$type: spec.kind = 'boolean'; break;
                    case EnumType.$type: spec.kind = 'enum'; spec.enumValues = [...type.values]; break;
                    case ScoreType.$type: spec.kind = 'number'; spec.score = true; break;
                    default: throw new ModelError(`The field '${field.name}' has an unknown type.`, field);
                }
                const range = fieldRange(type);
                if (range) spec.range = range;
                return spec;
            })
        };
    }

    private calendar(calendar: Calendar): WorkingCalendar {
        return workingCalendarOf(calendar, this.zone);
    }

    /** The schedule, and the dataset rows `periods(…)` lists (its dataset registered: built before `datasets`). */
    private maintenanceSchedule(maintenance: Maintenance): MaintenanceModel {
        const schedule: MaintenanceModel = maintenanceScheduleOf(maintenance);
        const listed = maintenance.periods[0];
        if (listed === undefined) return schedule;
        if (maintenance.periods.length > 1) throw new ModelError(`The maintenance '${maintenance.name}' lists periods twice: keep one 'periods(…)'.`, maintenance.periods[1]!);
        const dataset = this.selectionDataset(listed.selection);
        const field = (e: Expression | undefined, what: string): string => {
            if (isNameReference(e) && isField(e.target?.ref)) return e.target.ref.name;
            throw new ModelError(`periods(…) needs a timestamp field of '${dataset.name}' ${what}.`, e ?? listed);
        };
        const notice = maintenance.notices[0]?.period;
        const noticeMs = notice && listed.announced ? quantityValue(notice) : undefined;
        if (noticeMs !== undefined && noticeMs.type.kind !== 'duration') throw new ModelError(`The notice of the maintenance '${maintenance.name}' is a duration, e.g. 'notice 48 hours'.`, notice!);
        schedule.listedIn = dataset.name;
        schedule.periods = {
            dataset: dataset.name,
            ...(listed.selection.condition ? { where: this.expression(listed.selection.condition) } : {}),
            from: field(listed.start, `after 'from'`),
            to: field(listed.end, `after 'to'`),
            ...(listed.announced ? { announced: field(listed.announced, `after 'announced at'`) } : {}),
            ...(noticeMs === undefined ? {} : { noticeMs: noticeMs.value, ...(notice!.$cstNode ? { noticeText: notice!.$cstNode.text } : {}) })
        };
        return schedule;
    }
}

/** `one row per ticket_id[, latest by updated]` as the engine reads it: the key's field names (validation reports the rest: row-keys.ts). */
function rowKeyOf(dataset: Dataset): { oneRowPer?: string[]; latestBy?: string } {
    const key = dataset.rowKeys[0];
    if (key === undefined) return {};
    if (dataset.rowKeys.length > 1) throw new ModelError(`The dataset '${dataset.name}' says twice which fields tell its rows apart: keep one 'one row per …'.`, dataset.rowKeys[1]!);
    const names = key.fields.map(reference => {
        const field = reference.ref;
        if (field === undefined) throw new ModelError(`Unknown field '${reference.$refText}' in 'one row per'.`, key);
        if (field.optional) throw new ModelError(`The field '${field.name}' that tells the rows of '${dataset.name}' apart is optional: make it required.`, key);
        return field.name;
    });
    if (names.length === 0) return {};
    if (key.latestBy.length > 1) throw new ModelError(`The dataset '${dataset.name}' says twice which row of a key is the latest: keep one 'latest by'.`, key);
    const latest = key.latestBy[0];
    if (latest === undefined) return { oneRowPer: [...new Set(names)] };
    const by = latest.ref;
    if (by === undefined) throw new ModelError(`Unknown field '${latest.$refText}' after 'latest by'.`, key);
    if (by.optional) throw new ModelError(`The field '${by.name}' that tells the latest row of each key of '${dataset.name}' is optional: make it required.`, key);
    return { oneRowPer: [...new Set(names)], latestBy: by.name };
}

/** `separator ";"`, `decimal ","` and `encoding "windows-1252"` as the engine reads them; a value validation refuses is refused here too (never read as a comma, or as UTF-8). */
function csvDialectOf(dataset: Dataset): { separator?: string; decimalComma?: boolean; encoding?: CsvEncodingName } {
    const separator = dataset.separators[0];
    if (separator !== undefined && !CSV_SEPARATORS.includes(separator.value)) throw new ModelError(`The separator ${JSON.stringify(separator.value)} of the dataset '${dataset.name}' is not one a CSV file can have.`, separator);
    const mark = dataset.decimalMarks[0];
    if (mark !== undefined && mark.value !== ',' && mark.value !== '.') throw new ModelError(`The decimal mark ${JSON.stringify(mark.value)} of the dataset '${dataset.name}' is neither "," nor ".".`, mark);
    const encoding = dataset.encodings[0]?.value;
    if (encoding !== undefined && !isCsvEncodingName(encoding)) throw new ModelError(`The encoding ${JSON.stringify(encoding)} of the dataset '${dataset.name}' is not one the readers know ("utf-8", "windows-1252", "utf-16").`, dataset.encodings[0]!);
    return {
        ...(separator === undefined ? {} : { separator: separator.value }),
        ...(mark?.value === ',' ? { decimalComma: true } : {}),
        ...(encoding === undefined || encoding === 'utf-8' ? {} : { encoding })
    };
}

/** A `calendar` declaration as the engine's working calendar; `zone` is the agreement's, used unless the calendar names its own. */
export function workingCalendarOf(calendar: Calendar, zone: string): WorkingCalendar {
    return {
        zone: calendar.timezones[0]?.zone ?? zone,
        rules: calendar.rules.flatMap(rule => {
            const weekdays = weekdayIndexesOf(rule).map(index => index + 1);
            return rule.ranges.map(range => ({ weekdays, startMinute: minutes(range.start), endMinute: minutes(range.end) }));
        }),
        ...daysOffOf(calendar)
    };
}

/**
 * A `maintenance` declaration as the engine's schedule. `lenient` (hovers, which run on
 * documents with errors) leaves out slots by rule that cannot be evaluated as written, and
 * one-off slots that end before they start, instead of throwing; the validator reports them.
 */
export function maintenanceScheduleOf(maintenance: Maintenance, lenient = false): MaintenanceSchedule {
    const byRule = maintenance.slots.flatMap(slot => {
        try {
            const rule = recurrenceRuleOf(slot);
            return rule === undefined ? [] : [rule];
        } catch (error) {
            if (lenient && error instanceof ModelError) return [];
            throw error;
        }
    });
    return {
        ...(byRule.length > 0 ? { byRule } : {}),
        recurring: maintenance.slots.filter(isRecurringSlot).filter(slot => !slot.other && !slot.second).map(slot => ({
            weekdays: slot.day === 'day' ? [1, 2, 3, 4, 5, 6, 7] : [WEEKDAYS.indexOf(slot.day) + 1],
            startMinute: minutes(slot.range.start),
            endMinute: minutes(slot.range.end)
        })),
        oneOff: maintenance.slots.filter(isOneOffSlot).flatMap(slot => {
            if (oneOffEndsBeforeStart(slot)) {
                if (lenient) return [];
                throw new ModelError(`The maintenance slot 'on ${slot.startDate} ${slot.startTime} to ${slot.endDate} ${slot.endTime}' ends before it starts: write an end after its start.`, slot);
            }
            return [{
                start: { date: slot.startDate, minute: minutes(slot.startTime) },
                end: { date: oneOffEndDate(slot), minute: minutes(slot.endTime) }
            }];
        }),
        zone: maintenance.timezones[0]?.zone
    };
}

/** A slot by rule (`first sunday of each month`, `every other tuesday starting …`) as the engine's rule; undefined for weekly and one-off slots. */
export function recurrenceRuleOf(slot: MaintenanceSlot): RecurrenceRule | undefined {
    if (isNthWeekdaySlot(slot)) {
        const period = slot.period?.toLowerCase();
        if (period !== 'month' && period !== 'quarter' && period !== 'year') {
            throw new ModelError(`'of each ${slot.period}': write 'of each month', 'of each quarter' or 'of each year'.`, slot);
        }
        return {
            kind: 'nth-weekday', ordinal: ORDINALS[slot.ordinal], weekday: WEEKDAYS.indexOf(slot.day) + 1, period,
            startMinute: minutes(slot.range.start), endMinute: minutes(slot.range.end)
        };
    }
    if (isRecurringSlot(slot) && slot.second) {
        throw new ModelError(`'every second ${slot.day}' can mean every other ${slot.day} or the second ${slot.day} of each month: write which.`, slot);
    }
    if (isRecurringSlot(slot) && slot.other) {
        if (!slot.anchor) throw new ModelError(`'every other ${slot.day}' needs its first date: add 'starting YYYY-MM-DD'.`, slot);
        if (parseCivilDate(slot.anchor) === undefined) throw new ModelError(`'${slot.anchor}' is not a real date.`, slot);
        return {
            kind: 'every-other', weekday: slot.day === 'day' ? 0 : WEEKDAYS.indexOf(slot.day) + 1, anchor: slot.anchor,
            startMinute: minutes(slot.range.start), endMinute: minutes(slot.range.end)
        };
    }
    return undefined;
}

/** `first` … `fourth` as 1 … 4, `last` as −1. */
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 };

/** A calendar's days off, holiday sets and half days as the engine reads them. */
function daysOffOf(calendar: Calendar): DaysOff {
    const holidays: string[] = [];
    const earlyClosings: { date: string; fromMinute: number }[] = [];
    for (const holiday of calendar.exceptions.flatMap(exception => exception.holidays)) {
        const key = holidayDateKey(holiday);
        if (key === undefined) continue;
        if (holiday.from !== undefined) earlyClosings.push({ date: key, fromMinute: minutes(holiday.from) });
        else holidays.push(key);
    }
    const holidaySets: HolidaySet[] = calendar.holidaySets.map(set => ({
        region: set.region,
        removed: set.removed.map(removalOf)
    }));
    return { holidays, ...(holidaySets.length > 0 ? { holidaySets } : {}), ...(earlyClosings.length > 0 ? { earlyClosings } : {}) };
}

function minutes(time: string): number {
    const [hours, mins] = time.split(':').map(Number);
    return hours * 60 + mins;
}

function valueKind(type: SlaType): ValueKind {
    switch (type.kind) {
        case 'ratio': case 'duration': case 'count': case 'number': case 'money': case 'timestamp': case 'text': case 'boolean':
            return type.kind;
        case 'enum': return 'text';
        default: return 'number';
    }
}


