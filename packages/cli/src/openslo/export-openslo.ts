/**
 * An agreement as OpenSLO v1 objects (docs/cli.md, "sla export openslo"): a Service per
 * service, an SLI per KPI, an SLO per objective and internal target, a DataSource per
 * dataset the KPIs read. What OpenSLO has no field for travels in annotations and is
 * listed in the warnings.
 *
 * How a KPI is said in OpenSLO depends on its formula:
 * - `count(A) / count(B)` and `share(A of B)`: a `ratioMetric` with `Occurrences` —
 *   `good`/`total` for a `>=` objective, `bad`/`total` for a `<=` one (an error rate, whose
 *   OpenSLO target is the complement: `< 0.5%` bad is 99.5 % good). Exact.
 * - `percentile(p, X) <= v`: a `thresholdMetric` on the values X with `Occurrences`,
 *   `op: lte`, `value: v`, `target: p/100`. Exact for the nearest-rank percentile the
 *   language uses: the p-th percentile is at most v exactly when at least p % of the
 *   values are at most v.
 * - `uptime(…) >= t`: `Timeslices` of one minute, a slice good when it was up all along
 *   (`op: gte`, `value: 1`, `timeSliceTarget: 1`), `targetPercent: t`. The agreement
 *   measures outages to the millisecond, so this is the meaning in minute steps. An uptime
 *   `deployed in …` (resources' deployed time summed) takes the last form: a minute is not
 *   good or bad for all resources at once.
 * - anything else (an average, a business-time elapsed, a sum): `Timeslices` whose slice
 *   is the whole window, the KPI's value over it compared with `op`/`value`; with one slice
 *   per window any target above 0 requires that slice to be good (`target: 0.5` is written).
 */
import type { Agreement, Calendar, Dataset, Expression, InternalTarget, Kpi, Maintenance, Objective, Quantity, Service, Window } from '@sla/language';
import {
    ANNOTATION_PREFIX, CALENDAR_UNITS, OPENSLO_API_VERSION, OPERATORS, ORDER_ANNOTATION, ROLLING_UNITS, SLA_SOURCE_TYPE, objectName,
    type Comparison, type MetricSource, type OpenSloObject, type SliSpec, type SloObjective, type SloSpec, type TimeWindow
} from './openslo-document.js';
import { decimalTimes100, decimalComplementOf100, isBelow100 } from './decimal-text.js';
import { targetsToExport, type ExportedTarget } from './plan-targets.js';
import { firstMonthOfPeriod } from '@sla/engine';
import { improvementText, levelsText, scheduleText, termText } from '@sla/language';

type Language = typeof import('@sla/language');
/** A node of the agreement's syntax tree, as far as the export reads it. */
interface AstNode { readonly $type: string; readonly $cstNode?: { readonly text: string; readonly range: { start: { character: number } } }; readonly $container?: unknown }

export interface OpenSloExport {
    objects: OpenSloObject[];
    /** What OpenSLO cannot say, one line each (carried in annotations, or left out and said so). */
    warnings: string[];
}

const A = (name: string): string => `${ANNOTATION_PREFIX}${name}`;

/**
 * `template`: for a client agreement, the template it was resolved from (`agreement` is then the
 * resolved agreement: the template's members with the client's values, as `sla evaluate` reads it).
 */
export function exportOpenSlo(agreement: Agreement, sla: Language, template?: Agreement): OpenSloExport {
    return new Exporter(agreement, sla, template).run();
}

class Exporter {
    private readonly objects: OpenSloObject[] = [];
    private readonly warnings = new Set<string>();
    private readonly names = new Set<string>();
    private readonly slis = new Map<string, string>();
    private readonly dataSources = new Map<Dataset, string>();
    /** The credits written into an SLO's annotation (the others had no exported objective to travel with). */
    private readonly carriedCredits = new Set<AstNode>();
    private readonly zone: string;
    private readonly agreementLabel: string;

    constructor(private readonly agreement: Agreement, private readonly sla: Language, private readonly template?: Agreement) {
        this.zone = agreement.members.find(sla.isTimezoneDeclaration)?.zone ?? 'UTC';
        this.agreementLabel = objectName(agreement.name);
    }

    run(): OpenSloExport {
        const { sla, agreement } = this;
        const services = agreement.members.filter(sla.isService);
        const topLevel = agreement.members.filter(m => sla.isObjective(m) || sla.isInternalTarget(m)) as Array<Objective | InternalTarget>;
        if (topLevel.length > 0) this.service(undefined, topLevel);
        for (const service of services) {
            this.service(service, service.members.filter(m => sla.isObjective(m) || sla.isInternalTarget(m)) as Array<Objective | InternalTarget>);
        }
        // Datasets no SLI reads but another term does — a fee from billing data, an exclusion, a maintenance listed in data
        // (`periods(changes, …)`), pauses, `across zone of deployments` — through the maintenances, calendars and KPIs
        // they name: declared too, so that the import declares them again.
        const seen = new Set<AstNode>();
        const declareDatasetsOf = (node: AstNode): void => {
            // `across zone of deployments` and `deployed in deployments …` name their inventory without a reference: found by name, as the language finds it.
            for (const name of inventoriesIn(node)) {
                const inventory = this.datasetNamed(name);
                if (inventory) this.dataSource(inventory);
            }
            for (const used of referencesIn(node)) {
                if (seen.has(used)) continue;
                seen.add(used);
                const dataset = sla.isDataset(used) ? used : sla.isDataset(used.$container) ? used.$container : undefined;
                if (dataset) this.dataSource(dataset);
                else if (sla.isMaintenance(used) || sla.isCalendar(used) || sla.isKpi(used)) declareDatasetsOf(used);
            }
        };
        for (const member of agreement.members) declareDatasetsOf(member);
        this.noteAgreementTerms();
        // A folder of these documents is read back in file-name order: the import restores the order they were written in
        // (services, objectives and so credits: a cap on all credits together pays them in that order).
        this.objects.forEach((object, index) => {
            object.metadata.annotations = { ...object.metadata.annotations, [ORDER_ANNOTATION]: String(index + 1) };
        });
        return { objects: this.objects, warnings: [...this.warnings] };
    }

    /** A Service object, then the SLOs of its objectives and internal targets. */
    private service(service: Service | undefined, promises: Array<Objective | InternalTarget>): void {
        const name = this.uniqueName(service ? objectName(service.name) : objectName(this.agreement.name, 'agreement'));
        // A service without a title says so: its description is then the agreement's (OpenSLO readers see one), not a title to import.
        const untitled = service !== undefined && service.title === undefined ? { [A('service-untitled')]: 'true' } : {};
        this.objects.push({
            apiVersion: OPENSLO_API_VERSION,
            kind: 'Service',
            metadata: {
                name,
                displayName: service?.name ?? this.agreement.name,
                labels: { 'sla-agreement': this.agreementLabel },
                annotations: { ...this.agreementAnnotations(), ...(service ? { [A('service')]: service.name, ...untitled, ...this.serviceFeeAnnotation(service), ...this.servicePlanAnnotation(service) } : { [A('agreement-level')]: 'true' }) }
            },
            spec: { description: limit(service?.title ?? this.agreement.title ?? `Agreement-level objectives of ${this.agreement.name}`) }
        });
        for (const promise of promises) this.slo(promise, name, service);
    }

    /** A service's own fee (its credits' `% of fee` are shares of it): the import writes it back into the service. */
    private serviceFeeAnnotation(service: Service): Record<string, string> {
        const fee = service.members.find(this.sla.isFee);
        return fee === undefined ? {} : { [A('service-fee')]: text(fee) };
    }

    /** A service's own `plan …` line (the plan its targets per plan are read in): the import writes it back into the service. */
    private servicePlanAnnotation(service: Service): Record<string, string> {
        const choice = service.members.find(this.sla.isPlanChoice);
        return choice === undefined ? {} : { [A('service-plan')]: text(choice) };
    }

    /** What the agreement says beyond its objectives: the import reads it back from here. */
    private agreementAnnotations(): Record<string, string> {
        const { sla, agreement } = this;
        const lines = (nodes: AstNode[]): string => nodes.map(text).join('\n');
        const annotations: Record<string, string> = { [A('agreement')]: agreement.name, [A('timezone')]: this.zone };
        if (agreement.title !== undefined) annotations[A('agreement-title')] = agreement.title;
        const parties = agreement.members.filter(sla.isParty);
        if (parties.length > 0) annotations[A('parties')] = lines(parties);
        const validity = agreement.members.find(sla.isValidity);
        if (validity) annotations[A('validity')] = text(validity);
        const fee = agreement.members.find(sla.isFee);
        if (fee) annotations[A('fee')] = text(fee);
        // `per fiscal quarter` and `per fiscal year` (of objectives, credits, caps) count in it.
        const fiscalYear = agreement.members.find(sla.isFiscalYear) ?? this.template?.members.find(sla.isFiscalYear);
        if (fiscalYear) annotations[A('fiscal-year')] = text(fiscalYear);
        // A client's rows of shared data (`client scope client = "adatum"`): the import scopes its datasets again.
        const scope = agreement.members.find(sla.isClientScope);
        if (scope) annotations[A('client-scope')] = text(scope);
        // The plans and the plan in effect (`plan Premium`, or `plan from F`): which line of each `by plan { … }` is in force.
        const plans = agreement.members.filter(sla.isPlanList);
        if (plans.length > 0) annotations[A('plans')] = lines(plans);
        const plan = agreement.members.find(sla.isPlanChoice);
        if (plan) annotations[A('plan')] = text(plan);
        const clauses = [...agreement.members.filter(sla.isClause), ...agreement.members.filter(sla.isService).flatMap(s => s.members.filter(sla.isClause))];
        if (clauses.length > 0) annotations[A('clauses')] = lines(clauses);
        // Exclusions and termination rights: the agreement's as they are, a service's after its name
        // (`Mail: termination …`), so that the import writes each back where it was.
        const owned = (is: (node: AstNode) => boolean): string[] => [
            ...agreement.members.filter(is).map(text),
            ...agreement.members.filter(sla.isService).flatMap(s => s.members.filter(is).map(node => `${s.name}: ${text(node)}`))
        ];
        const exclusions = owned(sla.isExclusion);
        if (exclusions.length > 0) annotations[A('exclusions')] = exclusions.join('\n');
        // The maintenance an exclusion takes out (`during Scheduled`), and the calendars it runs on: carried with it.
        const excluded = [...agreement.members, ...agreement.members.filter(sla.isService).flatMap(s => s.members)].filter(sla.isExclusion).flatMap(referencesIn);
        for (const used of [...excluded, ...excluded.filter(sla.isMaintenance).flatMap(referencesIn)]) {
            if (sla.isMaintenance(used)) annotations[A(`maintenance.${used.name}`)] = text(used);
            else if (sla.isCalendar(used)) annotations[A(`calendar.${used.name}`)] = text(used);
        }
        const terminations = owned(sla.isTermination);
        if (terminations.length > 0) annotations[A('terminations')] = terminations.join('\n');
        // The agreement's caps on all credits, then each service's on its own credits (`Mail: credits capped at …`).
        const creditsCaps = [
            ...agreement.members.filter(sla.isCreditsCap).map(text),
            ...agreement.members.filter(sla.isService).flatMap(s => s.members.filter(sla.isCreditsCap).map(cap => `${s.name}: ${text(cap)}`))
        ];
        if (creditsCaps.length > 0) annotations[A('credits-cap')] = creditsCaps.join('\n');
        return annotations;
    }

    private noteAgreementTerms(): void {
        const { sla, agreement } = this;
        const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
        if (agreement.members.some(sla.isParty)) this.warnings.add(`parties: OpenSLO has no parties; carried in the Service annotation ${A('parties')}`);
        this.warnings.add(`validity: OpenSLO has no validity period; carried in ${A('validity')} (calendar windows start at the calendar period containing its first day)`);
        if (agreement.members.some(sla.isFee)) this.warnings.add(`fee: carried in ${A('fee')}`);
        if (this.template) this.warnings.add(`template: OpenSLO has no templates; ${agreement.name} is exported as it resolves from ${this.template.name} (the template's promises with the client's values), and imports as an agreement of its own`);
        const plans = agreement.members.filter(sla.isPlanList).flatMap(list => list.plans.map(plan => plan.name));
        const planChoices = [
            ...agreement.members.filter(sla.isPlanChoice).map(choice => `'${text(choice)}' in ${A('plan')}`),
            ...agreement.members.filter(sla.isService).flatMap(s => s.members.filter(sla.isPlanChoice).map(choice => `${s.name}'s '${text(choice)}' in ${A('service-plan')}`))
        ];
        if (plans.length > 0) this.warnings.add(`plans (${plans.join(', ')}): OpenSLO has no plans; carried in ${A('plans')}${planChoices.length > 0 ? `, the plan in effect: ${planChoices.join(', ')}` : ''}`);
        const scope = agreement.members.find(sla.isClientScope);
        if (scope) this.warnings.add(`${text(scope)}: OpenSLO has no client scope (the queries read every client's rows); carried in ${A('client-scope')}`);
        const credits = this.allCredits();
        // A credit travels with the SLO of its objective (same KPI and window): without that SLO it is lost, and said so.
        const carried = credits.filter(credit => this.carriedCredits.has(credit));
        if (carried.length > 0) this.warnings.add(`credits and caps (${count(carried.length, 'credit block')}): OpenSLO has no service credits; carried in the SLO annotation ${A('credit')}`);
        for (const credit of credits) {
            if (!this.carriedCredits.has(credit)) this.warnings.add(`credit for ${credit.kpi.$refText}${credit.window ? ` ${text(credit.window)}` : ''}: not exported: no exported objective on ${credit.kpi.$refText}${credit.window ? ` ${text(credit.window)}` : ''} to carry it`);
        }
        const clauses = agreement.members.filter(sla.isClause).length + agreement.members.filter(sla.isService).reduce((n, s) => n + s.members.filter(sla.isClause).length, 0);
        if (clauses > 0) this.warnings.add(`clauses (${clauses}): carried in ${A('clauses')}`);
        const all = (is: (node: unknown) => boolean): number => agreement.members.filter(is).length + agreement.members.filter(sla.isService).reduce((n, s) => n + s.members.filter(is).length, 0);
        const exclusions = all(sla.isExclusion);
        if (exclusions > 0) this.warnings.add(`exclusions (${exclusions}): OpenSLO has no exclusions; carried in ${A('exclusions')}, not applied to the exported SLIs`);
        const terminations = all(sla.isTermination);
        if (terminations > 0) this.warnings.add(`termination rights (${terminations}): OpenSLO has none; carried in ${A('terminations')}`);
        if (all(sla.isCreditsCap) > 0) this.warnings.add(`the cap on all credits together: OpenSLO has no service credits; carried in ${A('credits-cap')}`);
    }

    private slo(promise: Objective | InternalTarget, serviceName: string, service: Service | undefined): void {
        const kpi = promise.kpi.ref;
        const window = promise.window;
        if (!kpi || !window || window.adverb !== undefined || !window.unit) {
            this.warnings.add(`${text(promise)}: not exported (no KPI or no unambiguous window)`);
            return;
        }
        const exported = targetsToExport(promise, service, this.agreement, this.sla);
        if (typeof exported === 'string') {
            this.warnings.add(`${text(promise)}: not exported: ${exported}`);
            return;
        }
        if (promise.planTargets && exported.choice) {
            const where = `${service ? `${service.name}.` : ''}${kpi.name} per ${windowWords(window)}`;
            const plans = exported.targets.map(target => `${target.plan} ${target.comparison} ${text(target.target)}`).join(', ');
            this.warnings.add(exported.choice.plan
                ? `${where} by plan { … }: an OpenSLO SLO has one target; exported with the line of the plan in effect (${plans}), the targets per plan carried in ${A('by-plan')}`
                : `${where} by plan { … } with ${text(exported.choice)}: an OpenSLO SLO has one target; one SLO per plan with a target (${plans}), its plan in ${A('target-plan')}; OpenSLO has no rows per plan: the queries read every plan's rows, the plan's rows are chosen again on import`);
        }
        for (const target of exported.targets) this.sloWithTarget(promise, serviceName, service, kpi, window, target);
    }

    private sloWithTarget(promise: Objective | InternalTarget, serviceName: string, service: Service | undefined, kpi: Kpi, window: Window, target: ExportedTarget): void {
        const { sla } = this;
        const internal = sla.isInternalTarget(promise);
        const comparison = target.comparison as Comparison;
        const timeWindow = this.timeWindow(window);
        if (!timeWindow) {
            this.warnings.add(`${text(promise)}: not exported: OpenSLO has no window '${text(window)}'`);
            return;
        }
        const shape = this.shape(kpi, comparison, target.target, timeWindow.duration);
        if (typeof shape === 'string') {
            this.warnings.add(`${text(promise)}: not exported${target.plan !== undefined ? ` for the plan ${target.plan}` : ''}: ${shape}`);
            return;
        }
        const where = `${service ? `${service.name}.` : ''}${kpi.name}`;
        const annotations: Record<string, string> = {};
        if (shape.comparisonLost) {
            annotations[A('comparison')] = comparison;
            this.warnings.add(`${where} ${comparison}: OpenSLO targets are 'at least'; the strict comparison is carried in ${A('comparison')}`);
        }
        if (shape.unit !== undefined) annotations[A('unit')] = shape.unit;
        if (shape.note !== undefined) {
            annotations[A('reading')] = shape.note;
            this.warnings.add(`${where}: ${shape.note}`);
        }
        if (shape.slices !== undefined) {
            annotations[A('slices')] = shape.slices.formula;
            annotations[A('promise')] = shape.slices.promise;
        }
        if (promise.scope?.ref) {
            annotations[A('for-each')] = promise.scope.ref.name;
            this.warnings.add(`${where} for each ${promise.scope.ref.name}: OpenSLO has no per-value objectives; carried in ${A('for-each')}`);
        }
        // `objective each tickets by id where …: P1Resolution <= 4 hours`: a promise on every item, which OpenSLO cannot say.
        if (sla.isObjective(promise) && promise.items) {
            annotations[A('each')] = text(promise.items);
            this.warnings.add(`${where} ${text(promise.items)} OpenSLO has no promise on every item (the SLO compares the KPI per window); carried in ${A('each')}`);
        }
        // A target per plan: the statement's lines as written, and the plan whose line this SLO's target is (plan-targets.ts).
        if (promise.planTargets && target.plan !== undefined) {
            annotations[A('by-plan')] = textFrom(promise.planTargets, promise.$cstNode?.range.start.character ?? 0);
            annotations[A('target-plan')] = target.plan;
        }
        if (promise.minimumSample) {
            annotations[A('minimum-sample')] = text(promise.minimumSample);
            this.warnings.add(`${where} ${text(promise.minimumSample)}: OpenSLO has no minimum sample; carried in ${A('minimum-sample')}`);
        }
        // A promise over the term: an OpenSLO SLO has one target for all time; the first is exported, the term annotated.
        // Service Level Defaults (a minimum, a default rule) and Continuous Improvement: OpenSLO has none; annotated with the term.
        if (sla.isObjective(promise) && (promise.inForceFrom !== undefined || promise.steps.length > 0 || promise.minimum || promise.defaultRule || promise.improvement)) {
            // As written after the window (`from 2026-04-01, >= 99.7% from 2027-01-01, minimum 99.5%`): the import writes it back there.
            annotations[A('term')] = termText(promise).trim().replace(/^, /, '');
            const schedule = scheduleText(promise).trim().replace(/^, /, '');
            if (schedule !== '') this.warnings.add(`${where} ${schedule}: an OpenSLO SLO has one target for all time; exported with ${comparison} ${text(target.target)}, the term carried in ${A('term')}`);
            const levels = levelsText(promise).replace(/^, /, '');
            if (levels !== '') this.warnings.add(`${where} ${levels}: OpenSLO has no minimum service level or Service Level Defaults; carried in ${A('term')}`);
            const improvement = improvementText(promise).replace(/^, /, '');
            if (improvement !== '') this.warnings.add(`${where} ${improvement}: an OpenSLO SLO has one target for all time; exported with ${comparison} ${text(target.target)}, the improvement carried in ${A('term')}`);
        }
        if (internal && (promise as InternalTarget).owner !== undefined) annotations[A('owner')] = (promise as InternalTarget).owner!;
        // A fiscal quarter whose fiscal year starts with a calendar quarter has a start time the import would read as calendar.
        if (window.fiscal) annotations[A('window')] = text(window);
        if (!internal) {
            // Each credit once, on the first objective with its KPI and window (the others on them would pay it again),
            // with its place among the agreement's credits (the order a cap on all credits together pays them in).
            const credits = this.creditsFor(kpi, window).filter(credit => !this.carriedCredits.has(credit));
            if (credits.length > 0) {
                annotations[A('credit')] = credits.map(credit => text(credit)).join('\n\n');
                annotations[A('credit-order')] = credits.map(credit => String(this.allCredits().indexOf(credit) + 1)).join(', ');
            }
            for (const credit of credits) this.carriedCredits.add(credit);
        }
        const kpiService = this.sla.isService(kpi.$container) ? kpi.$container : undefined;
        const sliName = this.sli(kpi, shape.sli, kpiService);
        const slug = objectName(window.rolling ? `rolling-${window.length ?? 1}-${window.unit}` : `${window.unit}`);
        // Under `plan from F` one SLO per plan: its name says which.
        const name = this.uniqueName(objectName(...(internal ? ['internal'] : []), service?.name ?? this.agreement.name, kpi.name, slug, ...(target.planField !== undefined ? [target.plan!] : [])));
        const ofPlan = target.plan !== undefined ? ` (plan ${target.plan})` : '';
        const spec: SloSpec = {
            description: limit(text(promise)),
            service: serviceName,
            indicatorRef: sliName,
            timeWindow: [timeWindow],
            budgetingMethod: shape.budgetingMethod,
            objectives: [{ displayName: `${kpi.name} ${comparison} ${text(target.target)}`, ...shape.objective }]
        };
        this.objects.push({
            apiVersion: OPENSLO_API_VERSION,
            kind: 'SLO',
            metadata: {
                name,
                displayName: `${where} ${comparison} ${text(target.target)} per ${windowWords(window)}${ofPlan}${internal ? ' (internal target)' : ''}`,
                labels: { 'sla-commitment': internal ? 'internal' : 'contractual', 'sla-agreement': this.agreementLabel },
                ...(Object.keys(annotations).length > 0 ? { annotations } : {})
            },
            spec: spec as unknown as Record<string, unknown>
        });
    }

    /** The agreement's credits in the order the evaluation counts them: the agreement's, then each service's. */
    private allCredits() {
        const { sla, agreement } = this;
        return [...agreement.members.filter(sla.isCredit), ...agreement.members.filter(sla.isService).flatMap(s => s.members.filter(sla.isCredit))];
    }

    private creditsFor(kpi: Kpi, window: Window) {
        return this.allCredits().filter(credit => credit.kpi.ref === kpi && credit.window !== undefined && text(credit.window) === text(window));
    }

    /** How the KPI and the promise are said in OpenSLO, or why they cannot be. */
    private shape(kpi: Kpi, comparison: Comparison, target: Quantity, windowDuration: string): Shape | string {
        const { sla } = this;
        const formula = kpi.formula;
        const atLeast = comparison === '>=' || comparison === '>';
        const percent = percentOf(target);
        const sliced = this.sliceShape(kpi, comparison, target);
        if (sliced !== undefined) return sliced;
        const ratio = this.ratioQueries(formula);
        // A ratio KPI's target may be written as a fraction (`>= 0.999`).
        const ratioPercent = percent ?? (target.unit === undefined ? decimalTimes100(numberText(target)) : undefined);
        if (ratio && ratioPercent !== undefined) {
            const percent = ratioPercent;
            const goodPercent = atLeast ? percent : decimalComplementOf100(percent);
            if (!isBelow100(goodPercent)) return `a target of ${goodPercent} % good cannot be written: OpenSLO targets are below 100 %`;
            const numerator = { metricSource: this.metricSource(ratio.numerator.node, ratio.numerator.query) };
            const sli: SliSpec = {
                ratioMetric: {
                    counter: false,
                    ...(atLeast ? { good: numerator } : { bad: numerator }),
                    total: { metricSource: this.metricSource(ratio.total.node, ratio.total.query) }
                }
            };
            return {
                sli: { spec: sli, formula: ratio.formula },
                budgetingMethod: 'Occurrences',
                objective: { targetPercent: Number(goodPercent) },
                comparisonLost: comparison === '>' || comparison === '<'
            };
        }
        if (sla.isAggregate(formula) && formula.function === 'percentile' && !atLeast && sla.isNumberLiteral(formula.parameter) && formula.parameter.unit === undefined) {
            const p = numberText(formula.parameter);
            if (isBelow100(p)) {
                return {
                    sli: { spec: { thresholdMetric: { metricSource: this.metricSource(formula.selection, text(formula.selection)) } } },
                    budgetingMethod: 'Occurrences',
                    objective: { op: OPERATORS[comparison], value: Number(numberText(target)), target: Number(`${p}e-2`) },
                    unit: target.unit,
                    comparisonLost: false
                };
            }
        }
        // `deployed in …` sums each resource's deployed time: one-minute slices of "the service up" would judge every
        // resource together (one database down of ten makes the minute bad). Its value over the window is compared below.
        const deployed = sla.isUptime(formula) && formula.options.some(sla.isDeployedResources);
        if (sla.isUptime(formula) && atLeast && percent !== undefined && !deployed) {
            if (!isBelow100(percent)) return `a target of ${percent} % cannot be written: OpenSLO targets are below 100 %`;
            return {
                sli: { spec: { thresholdMetric: { metricSource: this.metricSource(formula, text(formula)) } } },
                budgetingMethod: 'Timeslices',
                objective: { op: 'gte', value: 1, timeSliceTarget: 1, timeSliceWindow: '1m', targetPercent: Number(percent) },
                comparisonLost: comparison === '>',
                note: 'uptime as Timeslices of 1 minute, a minute good when the service was up all of it; the agreement measures outages to the millisecond'
            };
        }
        return {
            sli: { spec: { thresholdMetric: { metricSource: this.metricSource(formula, text(formula)) } } },
            budgetingMethod: 'Timeslices',
            objective: {
                op: OPERATORS[comparison],
                value: Number(percent !== undefined ? `${percent}e-2` : numberText(target)),
                timeSliceTarget: 1,
                timeSliceWindow: windowDuration,
                target: 0.5
            },
            unit: percent !== undefined ? '%' : target.unit,
            comparisonLost: false,
            note: (deployed ? 'uptime(…, deployed in …) sums the deployed time of every resource, which minute slices cannot say; ' : '')
                + 'the KPI\'s value over the whole window is compared: one time slice per window (timeSliceWindow = the window), which must be good (any target above 0 says so; 0.5 is written)'
        };
    }

    /**
     * A KPI measured in slices (`slices(every 5 minutes: …)`, language reference § 8.5.1), as
     * OpenSLO's slice budgeting — undefined when the form has no OpenSLO counterpart (the generic
     * one-slice-per-window reading then applies):
     * - the share of good slices, `100% - slices(every L: share where X > v) >= t` (or the bad
     *   share `slices(…: share where X > v) <= t`): `Timeslices` of L, a slice good when the
     *   condition does not hold, `targetPercent` the share of good slices. When X is a ratio
     *   (`count/count`, `share`, `sum/sum`, or a KPI that is one) the SLI is that ratio
     *   (`ratioMetric`) and a slice is good when its good ratio reaches `timeSliceTarget`
     *   (X > 5 % bad ⇔ good ratio ≥ 95 %, exactly); otherwise the SLI is X itself
     *   (`thresholdMetric` with `op`/`value`, `timeSliceTarget: 1`).
     * - the average of slice ratios, `100% - slices(every L: avg of bad ratio) >= t` (or
     *   `slices(…: avg of good ratio) >= t`): `RatioTimeslices` of L, the average of the slices'
     *   good ratios at least `targetPercent`.
     * What OpenSLO cannot say — the rule for a slice without data, runs of at least N
     * consecutive bad slices — is carried in annotations and warned about.
     */
    private sliceShape(kpi: Kpi, comparison: Comparison, target: Quantity): Shape | string | undefined {
        const { sla } = this;
        let formula: Expression = kpi.formula;
        let complement = false;
        if (sla.isBinaryExpression(formula) && formula.operator === '-' && sla.isNumberLiteral(formula.left) && formula.left.unit === '%'
            && numberText(formula.left) === '100' && sla.isTimeslices(formula.right)) {
            complement = true;
            formula = formula.right;
        }
        if (!sla.isTimeslices(formula)) return undefined;
        const slices = formula;
        const sliceWindow = sliceDuration(slices.length);
        const percent = percentOf(target);
        if (sliceWindow === undefined || percent === undefined) return undefined;
        const atLeast = comparison === '>=' || comparison === '>';
        const notes: string[] = [];
        if (slices.empty !== undefined) notes.push(`a slice without data counts as ${text(slices.empty)} (OpenSLO has no rule for it)`);
        if (slices.minimumRun !== undefined) notes.push(`only runs of at least ${slices.minimumRun} consecutive bad slices count (OpenSLO counts every bad slice)`);
        const reading = (what: string): string => [`${text(slices)} as OpenSLO ${what}`, ...notes].join('; ');
        if (slices.aggregation === 'share') {
            // The share of good slices at least t, or the share of bad ones at most t.
            if (complement !== atLeast) return undefined;
            const goodPercent = complement ? percent : decimalComplementOf100(percent);
            if (!isBelow100(goodPercent)) return `a target of ${goodPercent} % good slices cannot be written: OpenSLO targets are below 100 %`;
            const condition = slices.value;
            if (!sla.isBinaryExpression(condition) || !(condition.operator in BAD_TO_GOOD) || !sla.isNumberLiteral(condition.right)) return undefined;
            const badOp = condition.operator as Comparison;
            const threshold = condition.right;
            const ratio = threshold.unit === '%' ? this.ratioOf(condition.left) : undefined;
            const strict = comparison === '>' || comparison === '<';
            if (ratio) {
                // Bad when X > v (X a bad ratio): good when the good ratio 1 − X ≥ 1 − v. Bad when X < v (X a good ratio): good when X ≥ v.
                const badNumerator = badOp === '>' || badOp === '>=';
                const sliceTarget = badNumerator ? decimalComplementOf100(numberText(threshold)) : numberText(threshold);
                const numerator = { metricSource: this.metricSource(ratio.numerator.node, ratio.numerator.query) };
                return {
                    sli: { spec: { ratioMetric: { counter: false, ...(badNumerator ? { bad: numerator } : { good: numerator }), total: { metricSource: this.metricSource(ratio.total.node, ratio.total.query) } } }, formula: text(kpi.formula) },
                    budgetingMethod: 'Timeslices',
                    objective: { timeSliceTarget: Number(`${sliceTarget}e-2`), timeSliceWindow: sliceWindow, targetPercent: Number(goodPercent) },
                    comparisonLost: strict || badOp === '>=' || badOp === '<=',
                    note: reading(`Timeslices of ${sliceWindow}, a slice good when its good ratio is at least ${sliceTarget} %`),
                    slices: { formula: text(kpi.formula), promise: `${comparison} ${text(target)}` }
                };
            }
            const value = threshold.unit === '%' ? Number(`${numberText(threshold)}e-2`) : Number(numberText(threshold));
            return {
                sli: { spec: { thresholdMetric: { metricSource: this.metricSource(condition.left, text(condition.left)) } }, formula: text(kpi.formula) },
                budgetingMethod: 'Timeslices',
                objective: { op: OPERATORS[BAD_TO_GOOD[badOp]], value, timeSliceTarget: 1, timeSliceWindow: sliceWindow, targetPercent: Number(goodPercent) },
                unit: threshold.unit,
                comparisonLost: strict,
                note: reading(`Timeslices of ${sliceWindow}, a slice good when ${text(condition.left)} ${BAD_TO_GOOD[badOp]} ${text(threshold)}`),
                slices: { formula: text(kpi.formula), promise: `${comparison} ${text(target)}` }
            };
        }
        if (slices.aggregation === 'avg') {
            // 100% − avg(bad ratio) ≥ t, avg(good ratio) ≥ t, or avg(bad ratio) ≤ t.
            if (complement && !atLeast) return undefined;
            const ratio = this.ratioOf(slices.value);
            if (!ratio) return undefined;
            const badNumerator = complement || !atLeast;
            const goodPercent = complement || atLeast ? percent : decimalComplementOf100(percent);
            if (!isBelow100(goodPercent)) return `a target of ${goodPercent} % cannot be written: OpenSLO targets are below 100 %`;
            const numerator = { metricSource: this.metricSource(ratio.numerator.node, ratio.numerator.query) };
            return {
                sli: { spec: { ratioMetric: { counter: false, ...(badNumerator ? { bad: numerator } : { good: numerator }), total: { metricSource: this.metricSource(ratio.total.node, ratio.total.query) } } }, formula: text(kpi.formula) },
                budgetingMethod: 'RatioTimeslices',
                objective: { timeSliceWindow: sliceWindow, targetPercent: Number(goodPercent) },
                comparisonLost: comparison === '>' || comparison === '<',
                note: reading(`RatioTimeslices of ${sliceWindow}: the average of the slices' good ratios`),
                slices: { formula: text(kpi.formula), promise: `${comparison} ${text(target)}` }
            };
        }
        return undefined;
    }

    /** A ratio written as `count/count`, `share(…)` or `sum/sum`, directly or as the KPI a name refers to. */
    private ratioOf(expression: Expression | undefined): { numerator: { node: AstNode; query: string }; total: { node: AstNode; query: string } } | undefined {
        const { sla } = this;
        if (!expression) return undefined;
        if (sla.isNameReference(expression)) {
            const target = expression.target.ref;
            return sla.isKpi(target) ? this.ratioOf(target.formula) : undefined;
        }
        if (sla.isBinaryExpression(expression) && expression.operator === '/' && sla.isAggregate(expression.left) && sla.isAggregate(expression.right)
            && expression.left.function === 'sum' && expression.right.function === 'sum') {
            return { numerator: { node: expression.left, query: text(expression.left) }, total: { node: expression.right, query: text(expression.right) } };
        }
        return this.ratioQueries(expression);
    }

    /** `count(A) / count(B)` or `share(A of B)`: the numerator's and the total's queries. */
    private ratioQueries(formula: Expression): { numerator: { node: AstNode; query: string }; total: { node: AstNode; query: string }; formula?: string } | undefined {
        const { sla } = this;
        if (sla.isBinaryExpression(formula) && formula.operator === '/'
            && sla.isAggregate(formula.left) && formula.left.function === 'count'
            && sla.isAggregate(formula.right) && formula.right.function === 'count') {
            return { numerator: { node: formula.left, query: text(formula.left) }, total: { node: formula.right, query: text(formula.right) } };
        }
        if (sla.isShare(formula)) {
            return {
                numerator: { node: formula.part, query: `count(${text(formula.part)})` },
                total: { node: formula.whole, query: `count(${text(formula.whole)})` },
                // `share(…)` is not `count(…) / count(…)` as written: the import restores the original.
                formula: text(formula)
            };
        }
        return undefined;
    }

    private metricSource(node: AstNode, query: string): MetricSource {
        const datasets = this.datasetsOf(node);
        const first = datasets[0];
        return {
            ...(first ? { metricSourceRef: this.dataSource(first) } : {}),
            type: SLA_SOURCE_TYPE,
            spec: { query, ...(datasets.length > 1 ? { datasets: datasets.map(d => d.name) } : {}) }
        };
    }

    /** One SLI per KPI reading; objectives and internal targets on the same KPI share it. */
    private sli(kpi: Kpi, shape: { spec: SliSpec; formula?: string }, service: Service | undefined): string {
        const key = JSON.stringify([service?.name, kpi.name, shape.spec]);
        const known = this.slis.get(key);
        if (known) return known;
        const name = this.uniqueName(objectName(service?.name ?? this.agreement.name, kpi.name));
        // Where the KPI is declared: its service, or the agreement's level (shared by the objectives of any service),
        // which the import would otherwise take to be the objective's service.
        const annotations: Record<string, string> = { [A('kpi')]: kpi.name, ...(service ? { [A('kpi-service')]: service.name } : { [A('kpi-agreement-level')]: 'true' }) };
        if (shape.formula !== undefined) annotations[A('formula')] = shape.formula;
        if (kpi.unit !== undefined) annotations[A('kpi-unit')] = kpi.unit;
        if (kpi.owner !== undefined) annotations[A('kpi-owner')] = kpi.owner;
        for (const used of this.usedDefinitions(kpi)) {
            if (this.sla.isCalendar(used)) {
                annotations[A(`calendar.${used.name}`)] = text(used);
                this.warnings.add(`business calendar ${used.name}: OpenSLO has no business hours; carried in ${A(`calendar.${used.name}`)}`);
            } else if (this.sla.isMaintenance(used)) {
                annotations[A(`maintenance.${used.name}`)] = text(used);
                this.warnings.add(`maintenance ${used.name}: OpenSLO has no maintenance windows; carried in ${A(`maintenance.${used.name}`)}`);
            } else if (this.sla.isKpi(used) && used !== kpi) {
                // A service's KPI after the service's name (`Datastore: kpi ErrorRate …`), as exclusions are: the import declares it there.
                const owner = this.sla.isService(used.$container) ? `${used.$container.name}: ` : '';
                annotations[A(`kpi-definition.${used.name}`)] = `${owner}${text(used)}`;
            }
        }
        this.objects.push({
            apiVersion: OPENSLO_API_VERSION,
            kind: 'SLI',
            metadata: { name, displayName: kpi.name, annotations },
            spec: { ...(kpi.description !== undefined ? { description: limit(kpi.description) } : {}), ...shape.spec } as Record<string, unknown>
        });
        this.slis.set(key, name);
        return name;
    }

    private dataSource(dataset: Dataset): string {
        const known = this.dataSources.get(dataset);
        if (known) return known;
        const name = this.uniqueName(objectName(dataset.name, 'data'));
        this.objects.push({
            apiVersion: OPENSLO_API_VERSION,
            kind: 'DataSource',
            metadata: { name, displayName: dataset.name },
            spec: {
                ...(dataset.description !== undefined ? { description: limit(dataset.description) } : {}),
                type: SLA_SOURCE_TYPE,
                connectionDetails: {
                    path: dataset.path,
                    ...(dataset.formats[0] !== undefined ? { format: dataset.formats[0] } : {}),
                    // The declaration as written (fields, types, columns): what the import declares again.
                    declaration: text(dataset)
                }
            }
        });
        this.dataSources.set(dataset, name);
        return name;
    }

    /** Datasets a formula reads, in order of first use (through KPIs it names, too). */
    private datasetsOf(node: AstNode, seen = new Set<AstNode>()): Dataset[] {
        const found: Dataset[] = [];
        for (const target of referencesIn(node)) {
            if (seen.has(target)) continue;
            seen.add(target);
            if (this.sla.isDataset(target)) found.push(target);
            else if (this.sla.isField(target) && this.sla.isDataset(target.$container)) found.push(target.$container);
            else if (this.sla.isKpi(target)) found.push(...this.datasetsOf(target.formula, seen));
        }
        return [...new Set(found)];
    }

    /** Calendars, maintenance and other KPIs a KPI uses, recursively. */
    private usedDefinitions(kpi: Kpi, seen = new Set<AstNode>()): Array<Calendar | Maintenance | Kpi> {
        const found: Array<Calendar | Maintenance | Kpi> = [];
        for (const target of referencesIn(kpi.formula)) {
            if (seen.has(target)) continue;
            seen.add(target);
            if (this.sla.isCalendar(target) || this.sla.isMaintenance(target)) found.push(target);
            else if (this.sla.isKpi(target)) found.push(...this.usedDefinitions(target, seen), target);
        }
        return found;
    }

    private timeWindow(window: Window): TimeWindow | undefined {
        const unit = singular(window.unit ?? '');
        if (window.rolling) {
            const postfix = ROLLING_UNITS[unit];
            return postfix ? { duration: `${window.length ?? 1}${postfix}`, isRolling: true } : undefined;
        }
        // A fiscal quarter or year is a calendar-aligned window whose start time is a fiscal period's.
        const yearStartMonth = window.fiscal && (unit === 'quarter' || unit === 'year') ? this.sla.fiscalYearStartMonth(this.sla.fiscalYearOf(window)) : 1;
        const postfix = window.calendar || (window.fiscal && yearStartMonth !== undefined) ? CALENDAR_UNITS[unit] : undefined;
        if (!postfix) return undefined;
        const validity = this.agreement.members.find(this.sla.isValidity);
        return { duration: `1${postfix}`, isRolling: false, calendar: { startTime: `${periodStart(validity?.from ?? '2000-01-01', unit, yearStartMonth ?? 1)} 00:00:00`, timeZone: this.zone } };
    }

    /** A dataset of the agreement, or of its file (or its template's file), by name: `across zone of <name>` reads it. */
    private datasetNamed(name: string): Dataset | undefined {
        const { sla, agreement } = this;
        const roots = [agreement, agreement.$container, this.template, this.template?.$container] as Array<{ members?: AstNode[]; elements?: AstNode[] } | undefined>;
        for (const root of roots) {
            const found = [...(root?.members ?? []), ...(root?.elements ?? [])].find((node): node is Dataset => sla.isDataset(node) && node.name === name);
            if (found) return found;
        }
        return undefined;
    }

    private uniqueName(base: string): string {
        let name = base;
        for (let n = 2; this.names.has(name); n++) name = objectName(base.slice(0, 58), String(n));
        this.names.add(name);
        return name;
    }
}

interface Shape {
    sli: { spec: SliSpec; formula?: string };
    budgetingMethod: SloSpec['budgetingMethod'];
    objective: SloObjective;
    /** The unit of `value` as written in the agreement (`ms`, `minutes`): OpenSLO values have none. */
    unit?: string;
    comparisonLost: boolean;
    note?: string;
    /** A KPI measured in slices: its formula and the promise as written (the import reads them back). */
    slices?: { formula: string; promise: string };
}

/** The condition that makes a slice bad, turned into the one that makes it good. */
const BAD_TO_GOOD: Record<string, Comparison> = { '>': '<=', '>=': '<', '<': '>=', '<=': '>' };

/** A slice length as an OpenSLO duration (`5 minutes` → `5m`); undefined for lengths OpenSLO cannot write (seconds, ms). */
function sliceDuration(length: Quantity | undefined): string | undefined {
    if (!length) return undefined;
    const postfix = ROLLING_UNITS[singular(length.unit ?? '')];
    const amount = numberText(length);
    return postfix && /^\d+$/.test(amount) ? `${amount}${postfix}` : undefined;
}

/** Every node a formula refers to: KPIs, datasets, fields, calendars, maintenance. */
function referencesIn(node: AstNode): AstNode[] {
    const found: AstNode[] = [];
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value && typeof value === 'object') {
            const reference = value as { ref?: AstNode; $refText?: string };
            if ('$refText' in reference) {
                if (reference.ref) found.push(reference.ref);
                return;
            }
            for (const [key, child] of Object.entries(value)) if (!key.startsWith('$')) visit(child);
        }
    };
    visit(node);
    return found;
}

/** The inventories `uptime(…, across zone of <name>)` and `uptime(…, deployed in <name> …)` name under a node (a name, not a reference). */
function inventoriesIn(node: AstNode): string[] {
    const found: string[] = [];
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value && typeof value === 'object' && !('$refText' in value)) {
            const across = value as { $type?: string; inventory?: unknown };
            if ((across.$type === 'AcrossInstances' || across.$type === 'DeployedResources') && typeof across.inventory === 'string') found.push(across.inventory);
            for (const [key, child] of Object.entries(value)) if (!key.startsWith('$')) visit(child);
        }
    };
    visit(node);
    return found;
}

/**
 * A node's text as written, its continuation lines moved left by the column the node
 * starts at: a block or a formula spread over lines keeps its own layout, at column 0.
 * A resolved client agreement's node reads with the client's values (the resolution writes
 * them into its text), and with the calendar or maintenance a parameter names (`during
 * supportHours` of the template is `during OfficeHours` for this client).
 */
function text(node: AstNode | undefined): string {
    return textFrom(node, node?.$cstNode?.range.start.character ?? 0);
}

/** A node's text as `text` gives it, its continuation lines moved left by `column` (its statement's: a part keeps its place in the statement's layout). */
function textFrom(node: AstNode | undefined, column: number): string {
    const cst = node?.$cstNode;
    if (!cst) return '';
    const [first, ...rest] = cst.text.split(/\r?\n/);
    return withNamesResolved(node!, [first, ...rest.map(line => line.slice(Math.min(column, line.length - line.trimStart().length)))].join('\n'));
}

/** `written` with each name a reference under `node` was written with replaced by the name it resolves to, where they differ (strings left alone). */
function withNamesResolved(node: AstNode, written: string): string {
    const renamed = new Map<string, string>();
    const visit = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value && typeof value === 'object') {
            const reference = value as { $refText?: string; $refNode?: { text: string } };
            if ('$refText' in reference) {
                const as = reference.$refNode?.text;
                const is = reference.$refText;
                if (as !== undefined && is !== undefined && as !== is && /^\w+$/.test(as) && /^\w+$/.test(is)) renamed.set(as, is);
                return;
            }
            for (const [key, child] of Object.entries(value)) if (!key.startsWith('$')) visit(child);
        }
    };
    visit(node);
    if (renamed.size === 0) return written;
    const names = new RegExp(`(?<![\\w.])(${[...renamed.keys()].join('|')})(?!\\w)`, 'g');
    // Outside string literals only: a title may say the word.
    return written.split(/("(?:[^"\\]|\\.)*")/).map((part, i) => i % 2 === 1 ? part : part.replace(names, name => renamed.get(name)!)).join('');
}

function numberText(quantity: { $cstNode?: { text: string } }): string {
    return /^\d+(\.\d+)?/.exec(quantity.$cstNode?.text ?? '')?.[0] ?? '0';
}

/** A target written in percent, as decimal text (`99.9%` → `99.9`); undefined for other units. */
function percentOf(target: Quantity): string | undefined {
    return target.unit === '%' ? numberText(target) : undefined;
}

function singular(unit: string): string {
    return unit.endsWith('s') ? unit.slice(0, -1) : unit;
}

function windowWords(window: Window): string {
    return window.rolling ? `rolling ${window.length ?? 1} ${window.unit}` : `calendar ${window.unit}`;
}

/** The first day of the calendar period (agreement zone) containing `date`: ISO weeks start on Monday. */
function periodStart(date: string, unit: string, yearStartMonth = 1): string {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const pad = (n: number): string => String(n).padStart(2, '0');
    switch (unit) {
        case 'year':
        case 'quarter': {
            const first = firstMonthOfPeriod(month, unit, yearStartMonth);
            return first >= 1 ? `${year}-${pad(first)}-01` : `${year - 1}-${pad(first + 12)}-01`;
        }
        case 'month': return `${year}-${pad(month)}-01`;
        case 'week': {
            const utc = new Date(Date.UTC(year, month - 1, day));
            utc.setUTCDate(utc.getUTCDate() - ((utc.getUTCDay() + 6) % 7));
            return utc.toISOString().slice(0, 10);
        }
        default: return date;
    }
}

/** OpenSLO descriptions hold at most 1050 characters. */
function limit(description: string): string {
    return description.length <= 1050 ? description : `${description.slice(0, 1049)}…`;
}
