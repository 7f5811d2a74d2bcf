/** Templates, their typed parameters and the client agreements that instantiate them (docs/language-reference.md § 18). */
import { AstUtils, type AstNode, type Reference } from 'langium';
import {
    isAgreement, isArgument, isCalendar, isMaintenance, isParameter, isTemplateArguments, isTimezoneDeclaration, type Agreement, type Argument, type ArgumentValue,
    type Parameter, type Quantity
} from '../generated/ast.js';
import { classifyUnit } from '../types/units.js';
import type { SlaType } from '../types/sla-type.js';

/** The types a parameter may have, as written after its name. */
export const PARAMETER_TYPES = ['percentage', 'duration', 'money', 'count', 'number', 'text', 'calendar', 'maintenance', 'timezone'] as const;
export type ParameterTypeName = typeof PARAMETER_TYPES[number];

export function isParameterTypeName(name: string | undefined): name is ParameterTypeName {
    return (PARAMETER_TYPES as readonly string[]).includes(name ?? '');
}

/**
 * A whole number of the language a `count` parameter may stand for (`in breaches consecutive
 * windows`, `with at least minTickets tickets`): the number is `property`, the parameter
 * `property` + `Parameter`. A client's count is judged with the member it stands in
 * (model/client-resolution.ts: a termination right's N of any M together).
 */
export interface CountSlot {
    readonly property: string;
    readonly parameterProperty: string;
    /** What the number counts, for messages. */
    readonly counts: string;
}

const slot = (property: string, counts: string): CountSlot => ({ property, parameterProperty: `${property}Parameter`, counts });

/** The count slots per node type (sla.langium: `(count=NUMBER | countParameter=[Parameter:ID])`). */
const COUNT_SLOTS: Readonly<Record<string, readonly CountSlot[]>> = {
    Termination: [slot('count', 'breached windows'), slot('span', 'windows looked at')],
    DefaultRule: [slot('count', 'missed windows of the default rule'), slot('span', 'windows looked at by the default rule')],
    ContinuousImprovement: [slot('best', 'best windows averaged')],
    MinimumSample: [slot('rows', 'rows of the minimum sample'), slot('allowed', 'failing items allowed in a window below the minimum sample')],
    EarnBack: [slot('windows', 'met windows to earn a credit back')],
    Timeslices: [slot('minimumRun', 'consecutive bad slices of a run')]
};

/** The count slots of a node's type (none for most). */
export function countSlotsOf(node: AstNode): readonly CountSlot[] {
    return COUNT_SLOTS[node.$type] ?? [];
}

/** The parameter written for a count slot, if one is. */
export function countSlotParameter(node: AstNode, slot: CountSlot): Reference<Parameter> | undefined {
    return Reflect.get(node, slot.parameterProperty) as Reference<Parameter> | undefined;
}

/** The parameter written for a node's count `property`, if one is. */
function countParameterFor(node: AstNode, property: string): Reference<Parameter> | undefined {
    const slot = countSlotsOf(node).find(candidate => candidate.property === property);
    return slot ? countSlotParameter(node, slot) : undefined;
}

/** Is a count written (a number, or a parameter standing for one)? */
export function hasCount(node: AstNode, property: string): boolean {
    return Reflect.get(node, property) !== undefined || countParameterFor(node, property) !== undefined;
}

/**
 * A count as text: its number, else the name of the parameter standing for it (a template's
 * parameter without default), else '…' (not written yet).
 */
export function countText(node: AstNode, property: string, format: (value: number) => string = String): string {
    const value: unknown = Reflect.get(node, property);
    if (typeof value === 'number') return format(value);
    return countParameterFor(node, property)?.$refText || '…';
}

/** A template: `template Name { … }`. */
export function isTemplate(node: unknown): node is Agreement {
    return isAgreement(node) && node.isTemplate;
}

/** A client agreement: `agreement Name from Template { … }`. */
export function isClientAgreement(node: unknown): node is Agreement {
    return isAgreement(node) && !node.isTemplate && node.template !== undefined;
}

/** The template a client agreement instantiates, once linked and if it is one. */
export function templateOf(client: Agreement): Agreement | undefined {
    const target = client.template?.ref;
    return isTemplate(target) ? target : undefined;
}

/** A template's parameters; one without a name yet (while typing) is none: nothing can set or use it. */
export function parametersOf(template: Agreement): Parameter[] {
    return template.members.filter((member): member is Parameter => isParameter(member) && member.name !== undefined);
}

export function argumentsOf(client: Agreement): Argument[] {
    return client.members.filter(isTemplateArguments).flatMap(list => list.arguments);
}

/** The template a node lies in, if any. */
export function enclosingTemplate(node: AstNode): Agreement | undefined {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    return agreement?.isTemplate ? agreement : undefined;
}

/** The parameter a name in a template names (by name: usable before linking). */
export function parameterNamed(template: Agreement | undefined, name: string | undefined): Parameter | undefined {
    if (!template || !name) return undefined;
    return template.members.find((member): member is Parameter => isParameter(member) && member.name === name);
}

/** A value as written: `99.95 %`, `"Asia/Tokyo"`, `ExtendedHours`. */
export function argumentText(value: ArgumentValue | undefined): string {
    if (!value) return '';
    if (value.text !== undefined) return JSON.stringify(value.text);
    if (value.declaration !== undefined) return value.declaration.$refText;
    if (value.number === undefined) return '';
    return value.unit ? `${value.number} ${value.unit}` : String(value.number);
}

/** The type a parameter's values have, for the unit checks (calendar, maintenance and zone names: text). */
export function parameterSlaType(parameter: Parameter | undefined, currency?: string): SlaType {
    switch (parameter?.type) {
        case 'percentage': return { kind: 'ratio' };
        case 'duration': return { kind: 'duration' };
        case 'money': {
            const unit = currency ?? moneyUnitOf(parameter.default);
            return unit ? { kind: 'money', currency: unit } : { kind: 'unknown' };
        }
        case 'count': return { kind: 'number', integer: true };
        case 'number': return { kind: 'number' };
        case 'text': case 'timezone': return { kind: 'text' };
        default: return { kind: 'unknown' };
    }
}

function moneyUnitOf(value: ArgumentValue | undefined): string | undefined {
    if (!value?.unit) return undefined;
    const unit = classifyUnit(value.unit);
    return unit?.kind === 'money' ? unit.currency : undefined;
}

/** What a value of the parameter's type looks like, for messages. */
export function parameterTypeExample(type: string | undefined): string {
    switch (type) {
        case 'percentage': return 'a percentage such as 99.9 %';
        case 'duration': return 'a duration such as 4 hours';
        case 'money': return 'an amount such as 500 EUR';
        case 'count': return 'a whole number such as 20';
        case 'number': return 'a number such as 2.5';
        case 'text': return 'a text in quotes such as "northwind"';
        case 'timezone': return 'an IANA time zone in quotes such as "Europe/Berlin"';
        case 'calendar': return 'the name of a calendar';
        case 'maintenance': return 'the name of a maintenance';
        default: return 'a value';
    }
}

/** Why a value does not fit a parameter's type, or undefined when it does. */
export function argumentTypeProblem(parameter: Parameter, value: ArgumentValue): string | undefined {
    const type = parameter.type;
    const wanted = `'${parameter.name}' is ${parameter.type}: write ${parameterTypeExample(type)}.`;
    switch (type) {
        case 'percentage': case 'duration': case 'money': case 'count': case 'number': {
            if (value.number === undefined) return wanted;
            const kind = value.unit ? classifyUnit(value.unit)?.kind ?? 'unknown' : 'number';
            const expected = { percentage: 'ratio', duration: 'duration', money: 'money', count: 'number', number: 'number' }[type];
            if (kind !== expected) return `${argumentText(value)} is not ${parameterTypeExample(type).replace(/ such as .*/, '')}: ${wanted}`;
            if (type === 'count' && !Number.isInteger(value.number)) return `${argumentText(value)} is not a whole number: ${wanted}`;
            return undefined;
        }
        case 'text': case 'timezone':
            return value.text === undefined ? wanted : undefined;
        case 'calendar': case 'maintenance': {
            if (value.declaration === undefined) return wanted;
            // A name of the other kind; a name of nothing is an unresolved reference (reported by linking).
            const target = value.declaration.ref;
            if (!target || scheduleKind(target) === type) return undefined;
            return `'${value.declaration.$refText}' is a ${scheduleKind(target)}, not a ${type}: '${parameter.name}' is ${type}: write ${parameterTypeExample(type)}.`;
        }
        default:
            return undefined;
    }
}

/** 'calendar' or 'maintenance': what a declaration an argument names is. */
export function scheduleKind(node: unknown): 'calendar' | 'maintenance' | undefined {
    return isCalendar(node) ? 'calendar' : isMaintenance(node) ? 'maintenance' : undefined;
}

/**
 * The parameter whose value an argument or a default is (`with supportHours = …`,
 * `parameter supportHours calendar default …`), if it is a calendar or maintenance parameter.
 */
export function scheduleParameterOf(value: ArgumentValue): Parameter | undefined {
    const owner = value.$container;
    let parameter: Parameter | undefined;
    if (isParameter(owner)) parameter = owner;
    else if (isArgument(owner)) {
        const client = AstUtils.getContainerOfType(owner, isAgreement);
        parameter = parameterNamed(client ? templateOf(client) : undefined, owner.parameter?.$refText);
    }
    return parameter?.type === 'calendar' || parameter?.type === 'maintenance' ? parameter : undefined;
}

/**
 * In a template, `during supportHours` / `excluding patching` names a calendar (maintenance)
 * parameter, though it links to the parameter's default declaration (scoping): the parameter,
 * for find references, rename and go to definition. Undefined for a name of a declaration itself.
 */
export function parameterBehindReference(container: AstNode, reference: Reference): Parameter | undefined {
    const kind = scheduleKind(reference.ref);
    if (!kind || (reference.ref as { name?: string }).name === reference.$refText) return undefined;
    const parameter = parameterNamed(enclosingTemplate(container), reference.$refText);
    return parameter?.type === kind ? parameter : undefined;
}

/**
 * Gives each parameter quantity of a template (`>= availability`) the value and unit of the
 * parameter's default (and each count slot, `in breaches consecutive windows`, its number), so
 * that every check reading quantities checks the template as its
 * default instantiation; without a default, NaN with the type's unit (`%`, `ms`); a `timezone`
 * parameter's declaration likewise takes the default zone. Run once
 * per parse (scoping/sla-scope-computation.ts), before linking: parameters are found by name.
 */
export function fillParameterQuantities(root: AstNode): void {
    const elements = (root as { elements?: AstNode[] }).elements ?? [];
    for (const element of elements) {
        if (!isTemplate(element)) continue;
        for (const node of AstUtils.streamAst(element)) {
            if (isTimezoneDeclaration(node) && node.parameter) {
                // `timezone zone`: the default zone, else UTC until a client gives one.
                node.zone = parameterNamed(element, node.parameter.$refText)?.default?.text ?? 'UTC';
                continue;
            }
            for (const slot of countSlotsOf(node)) {
                // `best windows windows`: the default's number; without a default, none (a check
                // reading the number sees it unwritten, as while it is being typed).
                const parameter = countSlotParameter(node, slot);
                if (!parameter) continue;
                Reflect.set(node, slot.property, parameterNamed(element, parameter.$refText)?.default?.number);
            }
            if (node.$type !== 'Quantity') continue;
            const quantity = node as Quantity;
            if (!quantity.parameter) continue;
            const parameter = parameterNamed(element, quantity.parameter.$refText);
            const value = parameter?.default;
            if (value?.number !== undefined) {
                quantity.value = value.number;
                quantity.unit = value.unit;
            } else {
                quantity.value = Number.NaN;
                quantity.unit = defaultUnit(parameter?.type);
            }
        }
    }
}

function defaultUnit(type: string | undefined): string | undefined {
    switch (type) {
        case 'percentage': return '%';
        case 'duration': return 'ms';
        default: return undefined;
    }
}
