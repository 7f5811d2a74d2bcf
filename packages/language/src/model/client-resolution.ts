/**
 * A client agreement (`agreement Northwind from ManagedHosting { with … }`) resolved into an
 * ordinary agreement: a copy of the template's members with the arguments (else the
 * defaults) in place of the parameters, the client's own members added, and the client's
 * overrides in place of the template members they replace. The copy is what evaluation,
 * `sla explain`, hover and the checks read; every copied node remembers its original, so a
 * problem found in the copy is reported where the user can fix it.
 */
import { AstUtils, isAstNode, type AstNode, type CstNode, type Reference } from 'langium';
import {
    isCalendar, isClause, isCredit, isCreditsCap, isDataset, isExclusion, isTermination, isFee, isFiscalYear, isInternalTarget, isKpi, isMaintenance,
    isObjective, isParameter, isParty, isPlanChoice, isPlanList, isService, isTemplateArguments,
    isTimezoneDeclaration, isValidity, type Agreement, type Argument, type ArgumentValue, type Credit, type CreditsCap, type InternalTarget,
    type Calendar, type Maintenance, type NameReference, type Objective, type Parameter, type Quantity, type Service, type Termination, type TimezoneDeclaration
} from '../generated/ast.js';
import { businessTimeVerdict, calendarText } from './calendar-comparison.js';
import { exclusionChange } from './exclusion-comparison.js';
import { maintenanceChange, maintenanceExcludedIn } from './maintenance-comparison.js';
import { quantityValue } from '../types/type-computer.js';
import { astNodes } from './ast-walk.js';
import { windowKey } from './windows.js';
import { compareCredits } from './credit-comparison.js';
import { compareCreditsCapsThroughFee } from './credits-caps-in-money.js';
import { normalizedText } from './written-text.js';
import { parametersWithoutEffect } from './parameters-without-effect.js';
import {
    asWritten, capsText, compareTargets, compareTerminations, memberName, quantityText, type EffectiveQuantity, type Verdict
} from './member-comparison.js';
import { unitKind } from './unit-kinds.js';
import {
    argumentTypeProblem, argumentsOf, argumentText, countSlotParameter, countSlotsOf, parameterNamed, parametersOf, scheduleKind, templateOf
} from './template-parameters.js';

/** The value a parameter has in a client agreement, and where it comes from. */
export interface ParameterValue {
    parameter: Parameter;
    value: ArgumentValue | undefined;
    /** The client's argument; undefined when the template's default is in effect (or nothing: a missing argument). */
    argument?: Argument;
}

/** A member of the client that differs from the template's (TemplateDeviation, with the nodes). */
export interface Deviation {
    member: string;
    kind: 'tightened' | 'loosened' | 'replaced' | 'added';
    text: string;
    /** The client's node (its override or argument). */
    node: AstNode;
    /** The template's member it departs from. */
    templateNode?: AstNode;
}

export interface ResolvedClient {
    client: Agreement;
    template: Agreement;
    /** The resolved agreement: an ordinary agreement (no `from`, no parameters). */
    agreement: Agreement;
    values: ParameterValue[];
    deviations: Deviation[];
    /** Each copied node's original (a node of the template or of the client). */
    originOf(copy: AstNode): AstNode | undefined;
    /** The parameter values a copied node (or one of its descendants) was given. */
    valuesUsedIn(copy: AstNode): ParameterValue[];
    /** The client's own member that replaces a template member (its own `fee` for the template's); undefined when kept or merged (a service). */
    replacementOf(templateMember: AstNode): AstNode | undefined;
}

/** `$`: the first character of the properties a copy does not take over (`$container`, `$cstNode`…). */
const DOLLAR = 36;

/** A node under construction: its container and properties are set here, once. */
type Mutable = { -readonly [K in keyof AstNode]: AstNode[K] } & Record<string, unknown>;

type Resolutions = WeakMap<Agreement, { template: Agreement; templateText: string | undefined; clientText: string | undefined; resolved: ResolvedClient }>;

const cache: Resolutions = new WeakMap();
const standardCache: Resolutions = new WeakMap();

/**
 * The client agreement resolved, or undefined when it names no template (or one not found).
 * Cached per client until its text or its template's text changes.
 */
export function resolveClient(client: Agreement): ResolvedClient | undefined {
    return resolveCached(client, cache, 'client');
}

/**
 * The client agreement with the catalogue's standard values: its own lines (fee, validity, zone,
 * overrides) and every parameter at its default (the client's argument only for a parameter
 * without one). A problem of the client's resolution that this one has too comes from the
 * client's own lines, not from its arguments (validation/client-problems.ts).
 */
export function resolveClientStandard(client: Agreement): ResolvedClient | undefined {
    return resolveCached(client, standardCache, 'standard');
}

function resolveCached(client: Agreement, resolutions: Resolutions, values: 'client' | 'standard'): ResolvedClient | undefined {
    const template = templateOf(client);
    if (!template) return undefined;
    const templateText = template.$cstNode?.text;
    const clientText = client.$cstNode?.text;
    const cached = resolutions.get(client);
    if (cached && cached.template === template && cached.templateText === templateText && cached.clientText === clientText) return cached.resolved;
    const resolved = new ClientResolver(client, template, values).resolve();
    resolutions.set(client, { template, templateText, clientText, resolved });
    return resolved;
}

class ClientResolver {
    /** original → copy (references into the template or the client follow it). */
    private readonly trace = new Map<AstNode, AstNode>();
    private readonly origins = new Map<AstNode, AstNode>();
    private readonly substituted = new Map<AstNode, ParameterValue[]>();
    private readonly values = new Map<Parameter, ParameterValue>();
    private readonly deviations: Deviation[] = [];
    /** Template member → the client's own member in its place. */
    private readonly replacements = new Map<AstNode, AstNode>();
    /** The deviations of the client's members, in the order met, judged once the resolved agreement is whole. */
    private readonly judgements: Array<() => void> = [];
    /** The text replacements made so far, in the order made: a subtree's are the ones made while it was copied. */
    private readonly edits: Array<{ offset: number; end: number; text: string }> = [];
    /** A quantity of the template with this client's parameter values (effectiveQuantity), for the comparisons of member-comparison.ts. */
    private readonly effective: EffectiveQuantity = quantity => this.effectiveQuantity(quantity);

    /**
     * `values`: the client's arguments (else the defaults); `defaults`: the template's defaults in place of
     * every argument; `standard`: the catalogue's standard to compare a client's own member with — each
     * default, the client's argument only where a parameter has none (a required one).
     */
    constructor(private readonly client: Agreement, private readonly template: Agreement, values: 'client' | 'defaults' | 'standard' = 'client') {
        const args = values === 'defaults' ? [] : argumentsOf(client);
        for (const parameter of parametersOf(template)) {
            const argument = values === 'standard' && parameter.default !== undefined ? undefined
                : args.find(a => (a.parameter?.ref ?? parameterNamed(template, a.parameter?.$refText)) === parameter);
            this.values.set(parameter, argument ? { parameter, value: argument.value, argument } : { parameter, value: parameter.default });
        }
    }

    resolve(): ResolvedClient {
        const client = this.client;
        const template = this.template;
        const merged: Mutable = { $type: 'Agreement', name: client.name, title: client.title ?? template.title, isTemplate: false, members: [] };
        (merged as { $container?: AstNode }).$container = client.$container;
        (merged as { $cstNode?: CstNode }).$cstNode = client.$cstNode;
        this.origins.set(merged, client);
        this.trace.set(client, merged);
        this.trace.set(template, merged);
        const own = client.members.filter(m => !isTemplateArguments(m) && !isParameter(m));
        const members = this.mergeMembers(template.members.filter(m => !isParameter(m)), own, merged, undefined);
        merged.members = members;
        for (const member of members) {
            if (this.origins.has(member)) (member as Mutable).$container = merged;
        }
        // Judged once the resolved agreement is whole: a share of the fee is a share of its fee.
        for (const judge of this.judgements) judge();
        this.replaceSharedDeclarations(own);
        this.argumentDeviations();
        const origins = this.origins;
        const substituted = this.substituted;
        const replacements = this.replacements;
        const resolved: ResolvedClient = {
            client, template, agreement: asAgreement(merged),
            values: [...this.values.values()],
            deviations: this.deviations,
            originOf: copy => origins.get(copy),
            valuesUsedIn: copy => {
                const found: ParameterValue[] = [];
                for (const node of AstUtils.streamAst(copy)) {
                    for (const value of substituted.get(node) ?? []) if (!found.includes(value)) found.push(value);
                }
                return found;
            },
            replacementOf: member => replacements.get(member)
        };
        // Once whole: an argument whose every use the client's own lines replace reaches nothing, and is no deviation.
        this.scheduleArgumentDeviations(parametersWithoutEffect(resolved));
        return resolved;
    }

    /**
     * The members of the template (or of one of its services) with the client's: a client
     * member replaces the template member it matches (same KPI and window for objectives,
     * internal targets and credits; same name for named members; the one fee, validity, zone,
     * plan), a client service of a template service's name merges into it, the rest is added.
     */
    private mergeMembers(templateMembers: AstNode[], clientMembers: AstNode[], container: AstNode, service: string | undefined): AstNode[] {
        const replaced = new Map<AstNode, AstNode>();
        const added: AstNode[] = [];
        for (const member of clientMembers) {
            const match = templateMembers.find(candidate => !replaced.has(candidate) && sameMember(candidate, member));
            if (match) replaced.set(match, member);
            else added.push(member);
        }
        const result: AstNode[] = [];
        for (const member of templateMembers) {
            const replacement = replaced.get(member);
            if (!replacement && isDataset(member)) {
                // Kept as is: its file path is relative to the template's file, which its container says.
                result.push(member);
                continue;
            }
            if (!replacement) {
                result.push(this.copy(member, container));
                continue;
            }
            if (isService(member) && isService(replacement)) {
                result.push(this.mergeService(member, replacement, container));
                continue;
            }
            this.replacements.set(member, replacement);
            const copy = this.copy(replacement, container);
            // References to the template's member (a calendar by name, a KPI) now reach the client's.
            this.trace.set(member, copy);
            this.traceFields(member, copy);
            result.push(copy);
            this.judgements.push(() => this.overrideDeviation(member, replacement, service));
        }
        for (const member of added) {
            result.push(this.copy(member, container));
            if (isCreditsCap(member)) {
                // A limit the catalogue's offering does not have: the customer may get less.
                this.judgements.push(() => this.deviations.push({ member: memberName(member, service)!, kind: 'loosened', text: `${capsText(member, this.effective)}, which the template ${this.template.name} does not cap`, node: member }));
                continue;
            }
            const what = memberName(member, service);
            // A new promise is a deviation; a calendar or dataset the client declares for it is not.
            if (what && (isService(member) || isObjective(member) || isCredit(member) || isInternalTarget(member) || isClause(member) || isExclusion(member) || isTermination(member))) {
                this.judgements.push(() => this.deviations.push({ member: what, kind: 'added', text: `not in the template ${this.template.name}`, node: member }));
            }
        }
        return result;
    }

    /**
     * A calendar or maintenance of the client named like one the template reads from its file
     * (a catalogue's `calendar OfficeHours`) replaces it for this client.
     */
    private replaceSharedDeclarations(own: AstNode[]): void {
        const shared = (this.template.$container as { elements?: AstNode[] } | undefined)?.elements ?? [];
        for (const member of own) {
            // A declaration without its name yet (while typing) replaces nothing: not the catalogue's nameless one either.
            if (!isCalendar(member) && !isMaintenance(member) && !isDataset(member) || member.name === undefined) continue;
            const original = shared.find(element => element.$type === member.$type && (element as { name?: string }).name === member.name);
            const copy = this.trace.get(member);
            if (!original || !copy || this.trace.has(original)) continue;
            this.trace.set(original, copy);
            this.traceFields(original, copy);
            if (isMaintenance(original) && isMaintenance(member)) {
                this.maintenanceDeviation(original, member);
                continue;
            }
            if (isCalendar(original) && isCalendar(member) && this.calendarDeviation(original, member)) continue;
            this.deviations.push({ member: memberName(member, undefined)!, kind: 'replaced', text: `the client's own ${member.$type.toLowerCase()} instead of the catalogue's`, node: member, templateNode: original });
        }
    }

    /**
     * A client's dataset in place of the template's (or the catalogue's): the template's KPIs name
     * its fields (`requests.status`, `where status < 500`), which must reach the client's fields of
     * the same names. A field the client's dataset lacks keeps the template's (sla/template-dataset-field
     * reports it at the client's dataset).
     */
    private traceFields(original: AstNode, copy: AstNode): void {
        if (!isDataset(original) || !isDataset(copy)) return;
        for (const field of original.fields) {
            const own = copy.fields.find(candidate => candidate.name === field.name);
            if (own) this.trace.set(field, own);
        }
    }

    private mergeService(templateService: Service, clientService: Service, container: AstNode): AstNode {
        const merged: Mutable = { $type: 'Service', name: templateService.name, title: clientService.title ?? templateService.title, members: [] };
        (merged as { $container?: AstNode }).$container = container;
        (merged as { $cstNode?: CstNode }).$cstNode = templateService.$cstNode;
        this.origins.set(merged, templateService);
        this.trace.set(templateService, merged);
        this.trace.set(clientService, merged);
        const members = this.mergeMembers(templateService.members, clientService.members, merged, templateService.name);
        merged.members = members;
        return merged;
    }

    /** A deep copy whose references follow the trace, with parameters replaced by their values. */
    private copy<T extends AstNode>(node: T, container: AstNode): T {
        const copy = this.copyNode(node);
        (copy as Mutable).$container = container;
        return copy;
    }

    private copyNode<T extends AstNode>(node: T): T {
        const substitute = this.substitute(node);
        if (substitute) return substitute as T;
        const copy: Mutable = { $type: node.$type };
        const before = this.edits.length;
        this.trace.set(node, copy);
        this.origins.set(copy, node);
        // A loop over the keys and `$type` compares below, not Object.entries and the reflection's
        // type checks: a portfolio copies its template once per client (measured: copies were a
        // fifth of resolving 400 clients).
        for (const name in node) {
            if (name.charCodeAt(0) === DOLLAR) continue;
            const value: unknown = (node as Record<string, unknown>)[name];
            if (isAstNode(value)) copy[name] = this.child(value, copy, name);
            else if (isReferenceLike(value)) copy[name] = this.reference(value);
            else if (Array.isArray(value)) {
                copy[name] = value.map((item, index) => isAstNode(item) ? this.child(item, copy, name, index)
                    : isReferenceLike(item) ? this.reference(item) : item);
            } else copy[name] = value;
        }
        const zoneParameter = node.$type === 'TimezoneDeclaration' ? (node as AstNode as TimezoneDeclaration).parameter : undefined;
        if (zoneParameter) {
            // `timezone zone`: the client's zone (or the default).
            const value = this.values.get(parameterNamed(this.template, zoneParameter.$refText)!);
            copy.zone = value?.value?.text ?? 'UTC';
            delete copy.parameter;
            const at = zoneParameter.$refNode;
            if (value) this.substitutedIn(copy, value);
            if (value && at) this.edits.push({ offset: at.offset, end: at.end, text: argumentText(value.value) });
        }
        for (const slot of countSlotsOf(node)) {
            // `in breaches consecutive windows`: the client's number (or the default).
            const reference = countSlotParameter(node, slot);
            if (!reference) continue;
            const parameter = parameterNamed(this.template, reference.$refText);
            const value = parameter ? this.values.get(parameter) : undefined;
            copy[slot.property] = value?.value?.number;
            delete copy[slot.parameterProperty];
            if (!value) continue;
            this.substitutedIn(copy, value);
            const at = reference.$refNode;
            if (at) this.edits.push({ offset: at.offset, end: at.end, text: argumentText(value.value) });
        }
        // The original's position; its text with the values in effect (`below 99.95 %`, not
        // `below availability`): messages and report labels read it.
        (copy as { $cstNode?: CstNode }).$cstNode = this.edits.length === before ? node.$cstNode : this.substitutedCst(this.edits.slice(before), node.$cstNode);
        return copy as T;
    }

    /** Remembers that a copied node was given a parameter's value (valuesUsedIn). */
    private substitutedIn(copy: AstNode, value: ParameterValue): void {
        const values = this.substituted.get(copy);
        if (values) values.push(value);
        else this.substituted.set(copy, [value]);
    }

    private substitutedCst(edits: Array<{ offset: number; end: number; text: string }>, original: CstNode | undefined): CstNode | undefined {
        if (!original) return undefined;
        if (edits.length === 0) return original;
        let text = original.text;
        for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
            const from = edit.offset - original.offset;
            const to = edit.end - original.offset;
            if (from < 0 || to > text.length) continue;
            text = text.slice(0, from) + edit.text + text.slice(to);
        }
        return Object.create(original, { text: { value: text } }) as CstNode;
    }

    private child(node: AstNode, container: Mutable, property: string, index?: number): AstNode {
        const copy = this.copyNode(node) as Mutable;
        copy.$container = container;
        copy.$containerProperty = property;
        if (index !== undefined) copy.$containerIndex = index;
        return copy;
    }

    /** A reference of the copy: to the copy of its target when the target was copied, else to the target itself. */
    private reference(original: Reference): Reference {
        const trace = this.trace;
        const named = this.scheduleArgument(original);
        return {
            $refText: named ? named.name : original.$refText,
            $refNode: original.$refNode,
            get ref() {
                if (named) {
                    const target = named.declaration();
                    return target ? trace.get(target) ?? target : undefined;
                }
                const target = original.ref;
                return target ? trace.get(target) ?? target : undefined;
            },
            get error() { return original.error; }
        } as Reference;
    }

    /**
     * `during supportHours`, `excluding patching`: a calendar or maintenance parameter names
     * the declaration of the client's argument (or the default). A name that is no declaration
     * of the parameter's kind (reported at the argument or the default) names nothing here:
     * never the default's declaration in its place.
     */
    private scheduleArgument(reference: Reference): { name: string; declaration: () => AstNode | undefined } | undefined {
        const parameter = parameterNamed(this.template, reference.$refText);
        if (!parameter || (parameter.type !== 'calendar' && parameter.type !== 'maintenance')) return undefined;
        const written = this.values.get(parameter)?.value?.declaration;
        if (!written) return undefined;
        return {
            name: written.$refText,
            declaration: () => {
                const target = written.ref;
                return scheduleKind(target) === parameter.type ? target : undefined;
            }
        };
    }

    /** A parameter quantity or a parameter named in a formula, as the value in effect. */
    private substitute(node: AstNode): AstNode | undefined {
        let parameter: Parameter | undefined;
        if (node.$type === 'Quantity' && (node as Quantity).parameter) {
            parameter = parameterNamed(this.template, (node as Quantity).parameter!.$refText);
        } else if (node.$type === 'NameReference') {
            const target = (node as AstNode as NameReference).target?.ref;
            if (isParameter(target)) parameter = target;
        }
        if (!parameter) return undefined;
        const value = this.values.get(parameter) ?? { parameter, value: undefined };
        const written = value.value;
        let copy: Mutable;
        if (node.$type === 'Quantity') {
            copy = { $type: 'Quantity', value: written?.number ?? Number.NaN, unit: written?.unit };
        } else if (written?.text !== undefined) {
            copy = { $type: 'StringLiteral', value: written.text };
        } else {
            copy = { $type: 'NumberLiteral', value: written?.number ?? Number.NaN, unit: written?.unit };
        }
        this.origins.set(copy, node);
        this.substitutedIn(copy, value);
        if (node.$cstNode) this.edits.push({ offset: node.$cstNode.offset, end: node.$cstNode.end, text: argumentText(written) });
        (copy as { $cstNode?: CstNode }).$cstNode = node.$cstNode && Object.create(node.$cstNode, { text: { value: argumentText(written) } }) as CstNode;
        return copy;
    }

    /**
     * The client's own maintenance in place of the template's (or its catalogue's): where the
     * template takes time out of a promise with it, more time or a shorter notice loosens the
     * standard (sla diff judges versions the same way: model/maintenance-comparison.ts); the same
     * slots and notice are no deviation.
     */
    private maintenanceDeviation(standard: Maintenance, own: Maintenance): void {
        const change = maintenanceChange(standard, own);
        if (change === undefined) return;
        const kind = maintenanceExcludedIn(this.template, standard.name) ? change.kind : 'replaced';
        this.deviations.push({ member: memberName(own, undefined)!, kind, text: change.parts.join('; '), node: own, templateNode: standard });
    }

    /**
     * The client's own working hours in place of the template's calendar: where the template measures
     * only business time with it, fewer hours loosen the standard (a limit expires later), more
     * tighten it, as `sla diff` judges versions (model/calendar-comparison.ts); false when the hours
     * and days off are the same (another zone or title: the caller's replacement stands).
     */
    private calendarDeviation(standard: Calendar, own: Calendar): boolean {
        const text = calendarText(standard, own);
        if (text === undefined) return false;
        const kind = businessTimeVerdict(standard, own, this.template) ?? 'replaced';
        this.deviations.push({ member: memberName(own, undefined)!, kind, text, node: own, templateNode: standard });
        return true;
    }

    /** How a client's member departs from the template's: tighter or looser target, or another table or calendar. */
    private overrideDeviation(templateMember: AstNode, clientMember: AstNode, service: string | undefined): void {
        const member = memberName(clientMember, service) ?? clientMember.$type;
        if (isParty(clientMember) || isValidity(clientMember) || isTimezoneDeclaration(clientMember) || isFiscalYear(clientMember) || isFee(clientMember) || clientMember.$type === 'ClientScope') return;
        if (isMaintenance(templateMember) && isMaintenance(clientMember)) {
            this.maintenanceDeviation(templateMember, clientMember);
            return;
        }
        if (isCalendar(templateMember) && isCalendar(clientMember) && this.calendarDeviation(templateMember, clientMember)) return;
        // An exclusion of the client's own: a higher cap (or none) takes more time out of the promises, as `sla diff` judges it.
        if (isExclusion(templateMember) && isExclusion(clientMember)) {
            const change = exclusionChange(templateMember, clientMember);
            // Its wording alone is another text of the contract: replaced, as before; the same exclusion is no deviation.
            if (change !== undefined) this.deviations.push({ member, kind: change.kind === 'changed' ? 'replaced' : change.kind, text: change.parts.join('; '), node: clientMember, templateNode: templateMember });
            return;
        }
        if (!isJudgedPromise(templateMember) || templateMember.$type !== clientMember.$type) {
            this.deviations.push({ member, kind: 'replaced', text: `replaced by the client's own ${clientMember.$type.toLowerCase()}`, node: clientMember, templateNode: templateMember });
            return;
        }
        // Against the catalogue's standard, not this client's arguments: a loose argument and a slightly less loose
        // objective of the client's own are still looser than the standard. The client's member as resolved: in the
        // resolved agreement, whose fee a share of the fee is paid on.
        const resolved = this.trace.get(clientMember) ?? clientMember;
        const replaced = isCredit(clientMember) ? `tier table replaced: ${clientMember.tiers.map(t => t.$cstNode?.text.replace(/\s+/g, ' ')).join('; ')}` : undefined;
        const verdict = judgePromise(this.standardOf(templateMember), resolved, replaced);
        if (verdict) this.deviations.push({ member, ...verdict, node: clientMember, templateNode: templateMember });
    }

    /**
     * The template's member as the catalogue's standard (each parameter's default; see the constructor's
     * `standard`), a copy made apart, placed where the member stands in the resolved agreement: a share of
     * the fee is a share of the client's fee.
     */
    private standardOf<T extends AstNode>(member: T): T {
        const container = this.trace.get(member)?.$container ?? member.$container!;
        return new ClientResolver(this.client, this.template, 'standard').copy(member, container);
    }

    /** A quantity of the template with this client's parameter values (written, or a parameter); `unit` as written. */
    private effectiveQuantity(quantity: Quantity): { value: number; unit: string | undefined; text: string } | undefined {
        if (quantity.parameter) {
            const parameter = parameterNamed(this.template, quantity.parameter.$refText);
            const value = parameter ? this.values.get(parameter)?.value : undefined;
            if (value?.number === undefined) return undefined;
            return { value: quantityValue({ value: value.number, unit: value.unit }).value, unit: value.unit, text: argumentText(value) };
        }
        return { value: quantityValue(quantity).value, unit: quantity.unit, text: quantityText(quantity) };
    }

    /**
     * The template's promises (objectives, internal targets, credits, caps on all credits, termination
     * rights) the client does not replace but gives arguments other than the defaults: each, with this
     * client's values, against the catalogue's standard of it, judged as an override is (a termination
     * right's `breaches` and `lookback` together, by its N of any M), at the first of those arguments.
     * An argument an objective's target takes too (`below availability`) is reported at the objective.
     */
    private argumentDeviations(): void {
        // Only the promises holding a value of an argument other than its default can depart from
        // the standard: found from those values up, not by walking every promise of the template
        // (a portfolio resolves its template once per client).
        const departing = new Set<AstNode>();
        for (const [node, values] of this.substituted) {
            if (!values.some(value => value.argument !== undefined && departsFromDefault(value))) continue;
            for (let at: AstNode | undefined = node; at; at = at.$container) {
                const origin = this.origins.get(at);
                if (origin && isJudgedPromise(origin)) departing.add(origin);
            }
        }
        if (departing.size === 0) return;
        const { targetParameters, promises } = templatePromises(this.template);
        for (const member of promises) {
            if (!departing.has(member)) continue;
            const copy = this.trace.get(member);
            if (!copy || this.origins.get(copy) !== member) continue; // replaced by the client's own
            const given = [...new Set(astNodes(copy).flatMap(node => this.substituted.get(node) ?? [])
                .filter(value => value.argument !== undefined && departsFromDefault(value))
                .filter(value => !isCredit(member) || !targetParameters.has(value.parameter.name)))];
            if (given.length === 0) continue;
            const standard = this.standardOf(member);
            const verdict = judgePromise(standard, copy, `${normalizedText(copy)} instead of ${normalizedText(standard)}`);
            // A template's termination right without its name yet (while typing) is no member a deviation can name.
            const name = memberName(member, AstUtils.getContainerOfType(member, isService)?.name);
            if (!verdict || name === undefined) continue;
            this.deviations.push({
                member: name,
                kind: verdict.kind,
                text: `${verdict.text} (${given.map(value => value.parameter.name).join(', ')})`,
                node: given[0]!.argument!,
                templateNode: member
            });
        }
    }

    /**
     * `with supportHours = ExtendedHours`: another calendar (or maintenance) than the default the
     * template measures with. Neither looser nor tighter (more hours can make a target easier or
     * harder to meet): replaced, named by the default's declaration, as a client's own calendar is.
     * Not when the client's own lines replace every line that uses it (`withoutEffect`): it measures nothing.
     */
    private scheduleArgumentDeviations(withoutEffect: ReadonlySet<Parameter>): void {
        for (const value of this.values.values()) {
            const chosen = value.value?.declaration;
            const standard = value.parameter.default?.declaration;
            if (!value.argument || !chosen || !standard || !departsFromDefault(value) || withoutEffect.has(value.parameter)) continue;
            this.deviations.push({
                member: `${value.parameter.type} ${standard.$refText}`,
                kind: 'replaced',
                text: `${chosen.$refText} instead of ${standard.$refText} (${value.parameter.name})`,
                node: value.argument,
                templateNode: value.parameter
            });
        }
    }
}

type JudgedPromise = Objective | InternalTarget | Credit | CreditsCap | Termination;

/** The members whose two versions are judged tighter or looser (member-comparison.ts, credit-comparison.ts). */
function isJudgedPromise(node: AstNode): node is JudgedPromise {
    return isObjective(node) || isInternalTarget(node) || isCredit(node) || isCreditsCap(node) || isTermination(node);
}

/**
 * A template's promises in document order and the parameters its objectives' targets name, found once
 * per version of the template for all its clients. Keyed by its text too: an edit inside one of its
 * blocks (a service) re-parses that block alone and keeps the template's node (internals/incremental).
 */
const templatePromisesCache = new WeakMap<Agreement, { text: string | undefined; targetParameters: Set<string>; promises: JudgedPromise[] }>();

function templatePromises(template: Agreement): { targetParameters: Set<string>; promises: JudgedPromise[] } {
    const text = template.$cstNode?.text;
    let found = templatePromisesCache.get(template);
    if (!found || found.text !== text) {
        const targetParameters = new Set(AstUtils.streamAst(template).filter(isObjective)
            .flatMap(objective => [objective.target, ...objective.steps.map(step => step.target)])
            .map(target => target?.parameter?.$refText).filter((name): name is string => name !== undefined));
        found = { text, targetParameters, promises: AstUtils.streamAst(template).filter(isJudgedPromise).toArray() };
        templatePromisesCache.set(template, found);
    }
    return found;
}

/**
 * A promise against the catalogue's standard of it, from the customer's side; undefined when they
 * promise the same. `replacedBy`: what a promise that cannot be judged is said to be replaced by.
 */
function judgePromise(standard: JudgedPromise, member: AstNode, replacedBy: string | undefined): Verdict | undefined {
    if ((isObjective(standard) && isObjective(member)) || (isInternalTarget(standard) && isInternalTarget(member))) {
        return compareTargets(standard.target ? asWritten(standard.target) : undefined, standard, member.target, member, replacedBy);
    }
    if (isCredit(standard) && isCredit(member)) return compareCredits(standard, member, replacedBy ?? normalizedText(member));
    if (isCreditsCap(standard) && isCreditsCap(member)) {
        // A share of the fee against money: in money, as `sla diff` compares them — both caps stand in the resolved
        // client (standardOf), so the share is of the client's fee. The same money written another way is no deviation.
        const verdict = compareCreditsCapsThroughFee(standard, member);
        return verdict === 'same money' ? undefined : verdict;
    }
    if (isTermination(standard) && isTermination(member)) return compareTerminations(standard, member);
    return { kind: 'replaced', text: replacedBy ?? normalizedText(member) };
}

/** A client's value other than its parameter's default (`99.90 %` is the default `99.9 %`); false without a default. */
function departsFromDefault(value: ParameterValue): boolean {
    const [chosen, standard] = [value.value, value.parameter.default];
    if (!chosen || !standard) return false;
    if (argumentTypeProblem(value.parameter, chosen)) return false; // reported as such (sla/template-argument-type)
    if (chosen.number !== undefined && standard.number !== undefined) {
        return quantityValue({ value: chosen.number, unit: chosen.unit }).value !== quantityValue({ value: standard.number, unit: standard.unit }).value
            || unitKind(chosen) !== unitKind(standard);
    }
    return argumentText(chosen) !== argumentText(standard);
}

/** Does the client's member stand for this template member? */
function sameMember(templateMember: AstNode, clientMember: AstNode): boolean {
    if (templateMember.$type !== clientMember.$type) return false;
    if (isObjective(templateMember) || isInternalTarget(templateMember) || isCredit(templateMember)) {
        const other = clientMember as Objective | InternalTarget | Credit;
        if ((templateMember as Objective).items !== undefined || (other as Objective).items !== undefined) return false;
        const kpi = templateMember.kpi?.ref;
        return kpi !== undefined && kpi === other.kpi?.ref && windowKey(templateMember.window) === windowKey(other.window);
    }
    if (isParty(templateMember) && isParty(clientMember)) return templateMember.role === clientMember.role && templateMember.customRole === clientMember.customRole;
    if (isValidity(templateMember) || isTimezoneDeclaration(templateMember) || isFiscalYear(templateMember) || isFee(templateMember) || isPlanChoice(templateMember) || isPlanList(templateMember)) return true;
    if (clientMember.$type === 'ClientScope' || isCreditsCap(templateMember)) return true;
    const name = (templateMember as { name?: string }).name;
    return name !== undefined && name === (clientMember as { name?: string }).name
        && (isService(templateMember) || isKpi(templateMember) || isCalendar(templateMember) || isMaintenance(templateMember)
            || isDataset(templateMember) || isClause(templateMember) || isExclusion(templateMember) || isTermination(templateMember));
}

function isReferenceLike(value: unknown): value is Reference {
    return typeof value === 'object' && value !== null && typeof (value as { $refText?: unknown }).$refText === 'string';
}

/** The resolved copy is built as a plain object with the shape of an agreement. */
function asAgreement(node: AstNode): Agreement {
    return node as Agreement;
}
