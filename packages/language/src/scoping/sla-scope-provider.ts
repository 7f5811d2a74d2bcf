import {
    AstUtils, type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider,
    type AstReflection, type LangiumDocuments, type ReferenceInfo, type Scope, type ScopeProvider, EMPTY_SCOPE
} from 'langium';
import {
    Agreement as AgreementType, Calendar, Dataset, Field, Kpi, Maintenance, NamedElement, Parameter, Plan, ScheduleDeclaration, isArgument, isArgumentValue,
    isAgreement, isCalendar, isCredit, isDataset, isDocument, isKpi, isMaintenance, isNameReference, isPlanList, isSelection,
    isService, isUptime, isMaintenancePeriods, isItemSelection, isPauseExclusion, isElapsed, isRowKey, type Agreement, type Document, type NameReference,
    type Selection, type Service
} from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { firstNameReference } from '../model/name-references.js';
import { creditInputs, enclosingCreditFormula, isCreditInputName } from '../model/credit-inputs.js';
import { importedDocuments } from '../workspace/imports.js';
import { LayeredScope } from './layered-scope.js';
import { isTemplate, parametersOf, scheduleParameterOf, templateOf } from '../model/template-parameters.js';
import { NameTableScope } from './name-table-scope.js';
import { SlaNodeDescription } from './sla-node-descriptions.js';

/** The node whose declarations a reference sees: an agreement, or a library file's root. */
type Owner = Agreement | Document;

/**
 * Scoping of the SLA language.
 * - KPIs: own service first, then the agreement (bare names of every service's KPIs, and
 *   `Service.Kpi`), then top-level KPIs of this file and of imported files.
 * - Calendars, maintenance, datasets: the agreement, this file's top level, imported files.
 * - Names in formulas: inside an aggregate, the fields of the dataset it reads (bare);
 *   then KPIs; then datasets and `dataset.field`. A credit formula first sees its credit's
 *   inputs (`fee`, `downtime`, `window`: model/credit-inputs.ts).
 * Every layer is built once and cached until the workspace changes; after an edit that
 * re-parsed one block without renaming anything, the layers stay and their descriptions
 * move to the new nodes (carryOver), which spares rebuilding every KPI table per keystroke.
 */
export class SlaScopeProvider implements ScopeProvider {
    private readonly reflection: AstReflection;
    private readonly descriptions: AstNodeDescriptionProvider;
    private readonly documents: LangiumDocuments;
    private readonly layers = new Map<AstNode, Map<string, Scope>>();
    /** The descriptions in layers, by the node they describe (to move them in carryOver). */
    private described = new WeakMap<AstNode, SlaNodeDescription[]>();
    private pendingCarryOver: Array<[AstNode, AstNode]> | undefined;

    constructor(services: SlaServices) {
        this.reflection = services.shared.AstReflection;
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
        this.documents = services.shared.workspace.LangiumDocuments;
        services.shared.workspace.DocumentBuilder.onUpdate(() => this.onWorkspaceUpdate());
    }

    /**
     * The next workspace update replaces these named nodes by these (same names, same order:
     * see internals/incremental/block-reparse.ts), and nothing else changes names: keep the layers, move their
     * descriptions, and forget layers that belong to the replaced nodes.
     */
    carryOver(replaced: Array<[AstNode, AstNode]>): void {
        this.pendingCarryOver = replaced;
    }

    private onWorkspaceUpdate(): void {
        const replaced = this.pendingCarryOver;
        this.pendingCarryOver = undefined;
        if (!replaced) {
            this.layers.clear();
            this.described = new WeakMap();
            return;
        }
        for (const [oldNode, newNode] of replaced) {
            this.layers.delete(oldNode);
            for (const description of this.described.get(oldNode) ?? []) description.moveTo(newNode);
            const moved = this.described.get(oldNode);
            if (moved) this.described.set(newNode, moved);
        }
    }

    getScope(context: ReferenceInfo): Scope {
        const owner = ownerOf(context.container);
        if (!owner) return EMPTY_SCOPE;
        // Completion may ask for a reference of a node the parser had not made yet (a property
        // of the container that is no reference, `kpi` of a Service): nothing is in scope.
        let referenceType: string;
        try {
            referenceType = this.reflection.getReferenceType(context);
        } catch {
            return EMPTY_SCOPE;
        }
        switch (referenceType) {
            case Kpi.$type:
                return this.kpiScope(context.container, owner);
            case Calendar.$type:
                return this.withParameterLayer(owner, 'calendar', this.layer(owner, 'calendars', () => this.describe(this.visible(owner, isCalendar))));
            case Maintenance.$type:
                return this.withParameterLayer(owner, 'maintenance', this.layer(owner, 'maintenance', () => this.describe(this.visible(owner, isMaintenance))));
            case ScheduleDeclaration.$type:
                return this.scheduleScope(context, owner);
            case Parameter.$type: {
                // An argument names a parameter of the client's template; a template's quantity, one of its own.
                const template = isArgument(context.container) && isAgreement(owner) ? templateOf(owner) : isTemplate(owner) ? owner : undefined;
                return template ? this.layer(template, 'parameters', () => this.describe(parametersOf(template))) : EMPTY_SCOPE;
            }
            case AgreementType.$type:
                // `from Template`: the templates of this file and of imported files.
                return this.layer(AstUtils.findRootNode(owner), 'templates', () => this.describe(this.visibleTopLevel(AstUtils.findRootNode(owner), isTemplate)));
            case Field.$type: {
                const dataset = this.fieldOwnerDataset(context, owner);
                if (dataset) return this.layer(dataset, 'fields', () => this.describe(dataset.fields));
                return this.layer(owner, 'all-fields', () =>
                    this.describe(this.visible(owner, isDataset).flatMap(dataset => dataset.fields)));
            }
            case NamedElement.$type:
            case Dataset.$type:
                return this.expressionScope(context, owner);
            case Plan.$type:
                // Plans are the agreement's own (`plans …`): a library file declares none.
                return isAgreement(owner)
                    ? this.layer(owner, 'plans', () => this.describe(owner.members.filter(isPlanList).flatMap(list => list.plans)))
                    : EMPTY_SCOPE;
            default:
                return EMPTY_SCOPE;
        }
    }

    /**
     * The dataset whose fields a field reference names: the `each` dataset for `by id`; the
     * pause dataset for the pause key and interval fields; for the row key `= id` of a pause
     * exclusion, the dataset of the elapsed(…) it belongs to; for `one row per …`, its own dataset.
     */
    private fieldOwnerDataset(context: ReferenceInfo, owner: Owner): Dataset | undefined {
        const container = context.container;
        // Completion may nest its new node in the key the parser made of the next line's name: the dataset around it.
        if (isRowKey(container)) return AstUtils.getContainerOfType(container, isDataset);
        let name: string | undefined;
        if (isItemSelection(container)) name = container.dataset?.$refText;
        else if (isPauseExclusion(container)) {
            if (context.property === 'rowKey') {
                const elapsed = container.$container;
                // While typing, `elapsed(` may have no start yet.
                const source = isElapsed(elapsed) && elapsed.start ? firstNameReference(elapsed.start) : undefined;
                const written = source?.target?.$refText ?? '';
                // `tickets.opened` names its dataset; a bare `opened` is a field of the enclosing aggregate's dataset.
                if (written.includes('.')) name = written.split('.')[0];
                else if (source) return this.datasetInContext(source, owner);
            } else {
                name = container.dataset?.$refText;
            }
        }
        if (!name) return undefined;
        const node = this.datasetLayer(owner).getElement(name)?.node;
        return isDataset(node) ? node : undefined;
    }

    /** Names inside formulas: fields of the aggregate's dataset, KPIs, datasets. */
    private expressionScope(context: ReferenceInfo, owner: Owner): Scope {
        const layers: Scope[] = [];
        // A credit formula reads `fee`, `downtime` and `window` before any KPI of those names
        // (other names skip the walk up the formula: a 500-term chain would walk it per name).
        const creditFormula = isCreditInputName(context.reference.$refText) ? enclosingCreditFormula(context.container) : undefined;
        const credit = creditFormula ? AstUtils.getContainerOfType(creditFormula, isCredit) : undefined;
        if (credit) layers.push(this.layer(credit, 'credit-inputs', () => this.describe(creditInputs(credit))));
        const dataset = isNameReference(context.container) ? this.datasetInContext(context.container, owner) : undefined;
        if (dataset) {
            layers.push(this.layer(dataset, 'fields', () => this.describe(dataset.fields)));
        }
        // In a template, its parameters (`where client = clientName`) before KPIs and datasets.
        if (isTemplate(owner)) layers.push(this.layer(owner, 'parameters', () => this.describe(parametersOf(owner))));
        layers.push(...this.kpiLayers(context.container, owner));
        layers.push(this.datasetLayer(owner));
        return new LayeredScope(layers);
    }

    /** Datasets by name and their fields as `dataset.field` (a bare name only ever finds a dataset). */
    private datasetLayer(owner: Owner): Scope {
        return this.layer(owner, 'datasets', () => {
            const datasets = this.visible(owner, isDataset);
            // A dataset or field without a name yet (while typing) has no qualified name ('undefined.x').
            const qualifiedFields = datasets.filter(ds => ds.name !== undefined).flatMap(ds =>
                ds.fields.filter(field => field.name !== undefined).map(field => this.description(field, `${ds.name}.${field.name}`)));
            return [...this.describe(datasets), ...qualifiedFields];
        });
    }

    private kpiScope(node: AstNode, owner: Owner): Scope {
        return new LayeredScope(this.kpiLayers(node, owner));
    }

    /** `walked`: the agreements whose KPIs are already layered (a template built from itself, sla/template-cycle, is walked once). */
    private kpiLayers(node: AstNode, owner: Owner, walked: Set<AstNode> = new Set()): Scope[] {
        const layers: Scope[] = [];
        walked.add(owner);
        const service = AstUtils.getContainerOfType(node, isService);
        if (service) {
            layers.push(this.layer(service, 'kpis', () => this.describe(serviceKpis(service))));
        }
        if (isAgreement(owner)) {
            layers.push(this.layer(owner, 'kpis', () => {
                const agreementKpis = owner.members.filter(isKpi);
                const services = owner.members.filter(isService);
                const qualified = services.filter(s => s.name !== undefined).flatMap(s =>
                    serviceKpis(s).filter(kpi => kpi.name !== undefined).map(kpi => this.description(kpi, `${s.name}.${kpi.name}`)));
                // Bare names of other services' KPIs come last: a name two services define
                // links to the first and the validator reports it (sla/kpi-name-ambiguous).
                const bare = services.flatMap(s => serviceKpis(s));
                return [...this.describe(agreementKpis), ...qualified, ...this.describe(bare)];
            }));
        }
        // A client agreement sees its template's KPIs (`objective Availability >= 99.95 %` overrides one).
        const template = isAgreement(owner) ? templateOf(owner) : undefined;
        if (template && !walked.has(template)) layers.push(...this.kpiLayers(template, template, walked));
        const root = isDocument(owner) ? owner : AstUtils.findRootNode(owner) as Document;
        layers.push(this.layer(root, 'top-kpis', () => this.describe(this.visible(root, isKpi))));
        return layers;
    }

    /**
     * Whether a bare name is read in an aggregate (or `each`) whose dataset is written but names
     * none: `priority` in `count(ticket where priority = "P1")`. Which fields it has is unknown,
     * so the name is not to be reported: the dataset is, with the names it may have meant.
     */
    readsUnknownDataset(reference: NameReference): boolean {
        const owner = ownerOf(reference);
        if (!owner || reference.target?.$refText.includes('.')) return false;
        const each = AstUtils.getContainerOfType(reference, isItemSelection);
        const selection = each ? undefined : enclosingSelection(reference);
        const source = selection?.value ? firstNameReference(selection.value) : undefined;
        const written = each ? each.dataset : source !== reference ? source?.target : undefined;
        return written?.error !== undefined && this.datasetInContext(reference, owner) === undefined;
    }

    /**
     * The dataset an aggregate reads, found from the text of the first name in its selection
     * (`requests.latency` → `requests`), so that bare field names in `where` resolve without
     * linking anything else first.
     */
    private datasetInContext(reference: NameReference, owner: Owner): Dataset | undefined {
        const each = AstUtils.getContainerOfType(reference, isItemSelection);
        if (each) {
            // `objective each tickets where priority = "P1": …`: the condition reads the fields of the items.
            const node = this.datasetLayer(owner).getElement(each.dataset?.$refText ?? '')?.node;
            return isDataset(node) ? node : undefined;
        }
        const selection = enclosingSelection(reference);
        if (!selection?.value) return undefined;
        const source = firstNameReference(selection.value);
        if (!source || source === reference) return undefined;
        const datasetName = (source.target?.$refText ?? "").split('.')[0];
        const node = this.datasetLayer(owner).getElement(datasetName)?.node;
        return isDataset(node) ? node : undefined;
    }

    /**
     * In a template, a `calendar` (`maintenance`) parameter is a name for one: `during supportHours`
     * links to the parameter's default declaration (so the template checks as its default
     * instantiation), or to the parameter itself when it has none.
     */
    private withParameterLayer(owner: Owner, type: 'calendar' | 'maintenance', scope: Scope): Scope {
        if (!isTemplate(owner)) return scope;
        const parameters = parametersOf(owner).filter(parameter => parameter.type === type);
        if (parameters.length === 0) return scope;
        const byName = this.layer(owner, `${type}-parameters`, () => parameters.map(parameter => {
            const written = parameter.default?.declaration?.$refText;
            const fallback = written ? scope.getElement(written)?.node : undefined;
            return this.description(fallback ?? parameter, parameter.name);
        }));
        return new LayeredScope([byName, scope]);
    }

    /**
     * The value of a calendar (maintenance) parameter, `with supportHours = ExtendedHours` or
     * `default OfficeHours`: the calendars (maintenances) the client or the template sees, then
     * those of the other kind (a name of the wrong kind links, and the template checks report
     * it: sla/template-argument-type). A value of another parameter (a text, a number) names
     * nothing: the template checks say what to write.
     */
    private scheduleScope(context: ReferenceInfo, owner: Owner): Scope {
        const parameter = isArgumentValue(context.container) ? scheduleParameterOf(context.container) : undefined;
        if (!parameter || !isAgreement(owner)) return EMPTY_SCOPE;
        const calendars = this.layer(owner, 'calendars', () => this.describe(this.visible(owner, isCalendar)));
        const maintenance = this.layer(owner, 'maintenance', () => this.describe(this.visible(owner, isMaintenance)));
        return new LayeredScope(parameter.type === 'calendar' ? [calendars, maintenance] : [maintenance, calendars]);
    }

    /** Declarations of one kind the owner sees: its own, its file's top level, then imports; a client also its template's. */
    private visible<T extends AstNode>(owner: Owner, is: (node: unknown) => node is T): T[] {
        const result: T[] = [];
        if (isAgreement(owner)) for (const member of owner.members) if (is(member)) result.push(member);
        const template = isAgreement(owner) ? templateOf(owner) : undefined;
        if (template) {
            for (const member of template.members) if (is(member)) result.push(member);
            result.push(...this.visibleTopLevel(AstUtils.findRootNode(template), is));
        }
        result.push(...this.visibleTopLevel(isDocument(owner) ? owner : AstUtils.findRootNode(owner), is));
        return [...new Set(result)];
    }

    /** Declarations of one kind at the top level of a file and of the files it imports. */
    private visibleTopLevel<T extends AstNode>(root: AstNode, is: (node: unknown) => node is T): T[] {
        const result: T[] = [];
        if (isDocument(root)) {
            for (const element of root.elements) if (is(element)) result.push(element);
            const document = AstUtils.getDocument(root);
            for (const imported of importedDocuments(document, this.documents)) {
                const importedRoot = imported.parseResult.value;
                if (!isDocument(importedRoot)) continue;
                for (const element of importedRoot.elements) if (is(element)) result.push(element);
            }
        }
        return result;
    }

    private describe(nodes: Iterable<AstNode & { name?: string }>): AstNodeDescription[] {
        const result: AstNodeDescription[] = [];
        for (const node of nodes) {
            if (node.name) result.push(this.description(node, node.name));
        }
        return result;
    }

    private description(node: AstNode, name: string): AstNodeDescription {
        const description = this.descriptions.createDescription(node, name);
        if (description instanceof SlaNodeDescription) {
            const list = this.described.get(node);
            if (list) list.push(description);
            else this.described.set(node, [description]);
        }
        return description;
    }

    private layer(node: AstNode, key: string, build: () => AstNodeDescription[]): Scope {
        let layers = this.layers.get(node);
        if (!layers) {
            layers = new Map();
            this.layers.set(node, layers);
        }
        let scope = layers.get(key);
        if (!scope) {
            scope = new NameTableScope(build());
            layers.set(key, scope);
        }
        return scope;
    }
}

function ownerOf(node: AstNode): Owner | undefined {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (agreement) return agreement;
    const root = AstUtils.findRootNode(node);
    return isDocument(root) ? root : undefined;
}

function serviceKpis(service: Service): Kpi[] {
    return service.members.filter(isKpi);
}

/** The selection whose dataset a name sees: its own, or the one of the `uptime` or maintenance `periods` it is an argument of. */
function enclosingSelection(node: AstNode): Selection | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (isSelection(current)) return current;
        if (isUptime(current) || isMaintenancePeriods(current)) return current.selection;
    }
    return undefined;
}
