/**
 * Templates, parameters and client agreements (docs/language-reference.md § 18). A client
 * agreement is checked as what it resolves to (model/client-resolution.ts): every check of
 * the language runs on the resolved copy, and each problem is reported where the user can
 * fix it — on the client's own line, or, when it arises only from the client's values, at
 * the client's argument with the template's line as related information.
 */
import { AstUtils, GrammarAST, type AstNode, type CstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import {
    isAgreement, isArgument, isCredit, isCreditsCap, isDataset, isField, isInternalTarget, isObjective, isService, isTermination, isTimezoneDeclaration, type Agreement,
    type Dataset, type Field, type Parameter,
    type SlaAstType, type TemplateArguments
} from '../generated/ast.js';
import { creditAllocations } from '../model/at-risk.js';
import { resolveClient, type ResolvedClient } from '../model/client-resolution.js';
import {
    PARAMETER_TYPES, argumentText, argumentTypeProblem, argumentsOf, countSlotParameter, countSlotsOf, isParameterTypeName, isTemplate, parameterNamed, parametersOf, templateOf
} from '../model/template-parameters.js';
import { windowKey } from '../model/windows.js';
import { editDistance } from '@sla/engine';
import { qualifiedCode, type SlaCode } from './diagnostic-codes.js';
import { report } from './report.js';
import { fix, removeLines, replaceNode, type QuickFix } from './quick-fix.js';
import type { SlaServices } from '../sla-module.js';

/** Checks of the template itself: its parameters. */
export function templateChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    let keywords: Set<string> | undefined;
    const isKeyword = (name: string) => (keywords ??= new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value))).has(name);
    return {
        Parameter: (parameter, accept) => {
            checkParameter(parameter, accept);
            // `>= availability` reads a plain name; a keyword (`credit`, `target`) would be read as the keyword.
            if (parameter.name && isKeyword(parameter.name)) {
                report(accept, 'parameter-name-keyword',
                    `'${parameter.name}' is a word of the language: a quantity written '${parameter.name}' would be read as that word, not as this parameter. Rename it (e.g. '${parameter.name}Value').`,
                    { node: parameter, property: 'name' });
            }
        },
        Agreement: checkTemplateCycle,
        TemplateArguments: checkArgumentsWithoutTemplate,
        Termination: checkCountSlots,
        DefaultRule: checkCountSlots,
        ContinuousImprovement: checkCountSlots,
        MinimumSample: checkCountSlots,
        EarnBack: checkCountSlots,
        Timeslices: checkCountSlots
    };
}

/** `in breaches consecutive windows`: a parameter standing for a count must be a count. */
function checkCountSlots(node: AstNode, accept: ValidationAcceptor): void {
    for (const slot of countSlotsOf(node)) {
        const parameter = countSlotParameter(node, slot)?.ref;
        if (!parameter || parameter.type === 'count' || !isParameterTypeName(parameter.type)) continue;
        report(accept, 'unit-mismatch',
            `'${parameter.name}' is a ${parameter.type} parameter, but here it stands for the ${slot.counts}: a whole number. Declare it 'parameter ${parameter.name} count' (e.g. with 'default 3').`,
            { node, property: slot.parameterProperty } as never);
    }
}

/**
 * `template TC from TC`, or TA from TB and TB from TA: an agreement built from itself, through
 * one `from` or several. Reported at each `from` of the cycle.
 */
function checkTemplateCycle(agreement: Agreement, accept: ValidationAcceptor): void {
    if (!agreement.template) return;
    const path: Agreement[] = [agreement];
    for (let current = agreement.template.ref; isAgreement(current); current = current.template?.ref) {
        if (current === agreement) {
            const names = [...path, agreement].map(node => node.name).join(' → ');
            report(accept, 'template-cycle',
                `'${agreement.name}' is built from itself (${names}): an agreement or template cannot be its own template. Remove 'from ${agreement.template.$refText}' or name another template.`,
                { node: agreement, property: 'template' });
            return;
        }
        // A cycle that does not pass through this agreement is reported at the agreements in it.
        if (path.includes(current)) return;
        path.push(current);
    }
}

/** `with name = …` in an agreement without `from Template` (or in a template): there is no parameter to set. */
function checkArgumentsWithoutTemplate(node: TemplateArguments, accept: ValidationAcceptor): void {
    const owner = node.$container;
    if (!isAgreement(owner) || (!owner.isTemplate && owner.template !== undefined)) return;
    const names = node.arguments.map(argument => argument.parameter?.$refText).filter(Boolean).join(', ');
    report(accept, 'template-parameter-unknown',
        owner.isTemplate
            ? `'with' sets the parameters of a client agreement's template; a template declares its values as 'parameter … default …'${names ? ` (here: ${names})` : ''}.`
            : `'with' sets the parameters of a template, but the agreement '${owner.name}' has no template ('agreement ${owner.name} from Template'): ${names ? `'${names}' set${node.arguments.length === 1 ? 's' : ''} nothing` : 'it sets nothing'}. Write the values where they are used, or add 'from' and the template.`,
        { node, keyword: 'with' });
}

/** Codes a template does not raise on its own: the client agreement supplies zone, fee and validity. */
export const DEFERRED_TO_CLIENT: ReadonlySet<string> = new Set(['timezone-missing', 'fee-missing'].map(code => qualifiedCode(code as SlaCode)));

function checkParameter(parameter: Parameter, accept: ValidationAcceptor): void {
    const owner = parameter.$container;
    if (!isTemplate(owner)) {
        report(accept, 'template-parameter-unknown',
            `'parameter' belongs in a template ('template ${(owner as { name?: string } | undefined)?.name ?? 'Name'} { … }'): an agreement's values are written directly.`,
            { node: parameter, keyword: 'parameter' });
        return;
    }
    if (!isParameterTypeName(parameter.type)) {
        const near = PARAMETER_TYPES.filter(type => editDistance(type, (parameter.type ?? '').toLowerCase(), 3) <= 2);
        report(accept, 'parameter-type-unknown',
            `'${parameter.type}' is not a parameter type.${near.length > 0 ? ` Did you mean '${near[0]}'?` : ''} A parameter is one of: ${PARAMETER_TYPES.join(', ')}.`,
            { node: parameter, property: 'type' });
        return;
    }
    if (parameter.default) {
        const problem = argumentTypeProblem(parameter, parameter.default);
        if (problem) report(accept, 'template-argument-type', `The default does not fit: ${problem}`, { node: parameter, property: 'default' });
    }
}

/**
 * The checks of a client agreement, in place of the ordinary checks of its own subtree:
 * `runChecks` runs every registered check on one node of the resolved copy.
 */
export async function validateClient(
    client: Agreement, accept: ValidationAcceptor, runChecks: (node: AstNode, accept: ValidationAcceptor) => Promise<void>
): Promise<boolean> {
    const resolved = resolveClient(client);
    if (!resolved) return false;
    checkArguments(resolved, accept);
    checkOverrides(resolved, accept);
    checkDatasetReplacements(resolved, accept);
    checkZoneArgument(resolved, accept);
    for (const deviation of resolved.deviations) {
        // A promise, the customer's right to terminate on chronic failure (harder to fire or to use), what all credits together may
        // reach, or a credit's terms (earned back sooner).
        const right = deviation.member.startsWith('termination');
        const cap = deviation.member.startsWith('credits cap');
        const credit = deviation.member.startsWith('credit ');
        if (deviation.kind !== 'loosened' || !(deviation.member.startsWith('objective') || right || cap || credit)) continue;
        report(accept, 'template-loosened',
            `This loosens the template's ${right ? 'termination right' : cap ? 'cap on all credits together' : credit ? 'credit' : 'promise'} (${deviation.member}: ${deviation.text}). If that is the negotiated value, keep it: the portfolio report lists it as a deviation.`,
            { node: deviation.node }, { severity: 'warning', fixes: loosenedFixes(deviation.node) });
    }
    const fromTemplate: Array<{ origin: AstNode; code: string | undefined; emit: () => void }> = [];
    const mapped = mappingAcceptor(resolved, accept, (origin, code, emit) => fromTemplate.push({ origin, code, emit }));
    for (const node of AstUtils.streamAst(resolved.agreement)) await runChecks(node, mapped);
    // Only what the template with its defaults does not already have: that, the template reports.
    // The codes the checks of the origin report, and those the checks of its member (a credit, an
    // objective) report at the origin: a credit's check reports a problem of one of its tiers.
    const ownCodes = new Map<AstNode, Set<string | undefined>>();
    const reportedAt = new Map<AstNode, Map<AstNode, Set<string | undefined>>>();
    for (const candidate of fromTemplate) {
        let codes = ownCodes.get(candidate.origin);
        if (!codes) {
            const found = new Set<string | undefined>();
            await runChecks(candidate.origin, (_severity, _message, info) => { found.add((info as { code?: string }).code); });
            ownCodes.set(candidate.origin, codes = found);
        }
        const member = AstUtils.getContainerOfType(candidate.origin, isPromise);
        let byNode = member ? reportedAt.get(member) : undefined;
        if (member && !byNode) {
            const found = new Map<AstNode, Set<string | undefined>>();
            for (const node of AstUtils.streamAst(member)) {
                await runChecks(node, (_severity, _message, info) => {
                    const at = info.node as AstNode;
                    found.set(at, (found.get(at) ?? new Set()).add((info as { code?: string }).code));
                });
            }
            reportedAt.set(member, byNode = found);
        }
        if (!codes.has(candidate.code) && !byNode?.get(candidate.origin)?.has(candidate.code)) candidate.emit();
    }
    return true;
}

function isPromise(node: AstNode): node is AstNode {
    return isObjective(node) || isInternalTarget(node) || isCredit(node) || isTermination(node);
}

/**
 * `with zone = "Europe/Paris"` for a template whose zone is `timezone zone`, while the client
 * states its own `timezone`: the client's replaces the template's, and the argument sets nothing.
 * Two time zones: which one applies?
 */
function checkZoneArgument(resolved: ResolvedClient, accept: ValidationAcceptor): void {
    const own = resolved.client.members.find(isTimezoneDeclaration);
    if (!own) return;
    for (const declaration of resolved.template.members.filter(isTimezoneDeclaration)) {
        const name = declaration.parameter?.$refText;
        const value = resolved.values.find(candidate => candidate.parameter.name === name && candidate.argument);
        if (!value?.argument) continue;
        report(accept, 'duplicate-entry',
            `'${name}' is the template's time zone ('timezone ${name}'), but this agreement also states its own ('${own.$cstNode?.text ?? 'timezone'}'), which replaces the template's: two time zones, and the argument sets nothing. Keep one: remove the agreement's 'timezone' or this argument.`,
            { node: value.argument });
    }
}

/**
 * Back to the catalogue's standard: an argument takes the template's default; the client's own
 * member, on lines of its own, is removed (the template's applies again).
 */
function loosenedFixes(node: AstNode): QuickFix[] {
    if (isArgument(node)) {
        const standard = node.parameter?.ref?.default;
        const value = node.value?.$cstNode;
        return standard && value ? [fix(`Write the template's ${argumentText(standard)}`, [replaceNode(value, argumentText(standard))])] : [];
    }
    const cst = node.$cstNode;
    if (!cst || !onLinesOfItsOwn(cst)) return [];
    return [fix('Remove this override: the template\'s applies', [removeLines(cst)])];
}

/** Nothing but blanks (or a comment after it) shares the node's first and last lines. */
function onLinesOfItsOwn(cst: CstNode): boolean {
    const text = cst.root.fullText;
    const lineStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
    const lineEnd = text.indexOf('\n', cst.end);
    const after = text.slice(cst.end, lineEnd < 0 ? text.length : lineEnd);
    return text.slice(lineStart, cst.offset).trim() === '' && (after.trim() === '' || after.trim().startsWith('//'));
}

function checkArguments(resolved: ResolvedClient, accept: ValidationAcceptor): void {
    const { client, template } = resolved;
    const seen = new Map<Parameter, true>();
    for (const argument of argumentsOf(client)) {
        const parameter = argument.parameter?.ref ?? parameterNamed(template, argument.parameter?.$refText);
        if (!parameter) {
            // A parameter still being typed may have no name yet.
            const names = parametersOf(template).flatMap(p => (p.name ? [p.name] : []));
            const written = argument.parameter?.$refText ?? '';
            const near = names.filter(name => editDistance(name.toLowerCase(), written.toLowerCase(), 3) <= 2);
            const refNode = argument.parameter?.$refNode;
            report(accept, 'template-parameter-unknown',
                `The template '${template.name}' has no parameter '${written}'.${near.length > 0 ? ` Did you mean '${near[0]}'?` : ''} Its parameters: ${names.join(', ') || 'none'}.`,
                { node: argument, property: 'parameter' },
                { fixes: refNode ? near.slice(0, 3).map(name => fix(`Write '${name}'`, [replaceNode(refNode, name)])) : [] });
            continue;
        }
        if (seen.has(parameter)) {
            report(accept, 'duplicate-entry', `'${parameter.name}' is set a second time: which value applies? Keep one.`, { node: argument, property: 'parameter' });
        }
        seen.set(parameter, true);
        const problem = argument.value ? argumentTypeProblem(parameter, argument.value) : undefined;
        // `with availability = availability`: a parameter's name stands for no value here.
        const named = argument.value?.declaration?.$refText;
        const ofParameter = problem && named !== undefined && parameterNamed(template, named) ? `'${named}' names a parameter, not a value: ` : '';
        if (problem) report(accept, 'template-argument-type', `${ofParameter}${problem}`, { node: argument, property: 'value' });
    }
    const missing = parametersOf(template).filter(parameter => !parameter.default && !seen.has(parameter));
    if (missing.length > 0) {
        report(accept, 'template-argument-missing',
            `The template '${template.name}' needs a value for ${missing.map(p => `'${p.name}' (${p.type})`).join(', ')}: add 'with ${missing.map(p => `${p.name} = …`).join(', ')}'.`,
            { node: client, property: 'template' });
    }
}

/**
 * In a service of the template's name, an objective, internal target or credit on a KPI the
 * template has one of that kind for, but in another window, replaces nothing: the template
 * lacks that member (a typo in the window, most often).
 */
function checkOverrides(resolved: ResolvedClient, accept: ValidationAcceptor): void {
    const { client, template } = resolved;
    for (const service of client.members.filter(isService)) {
        const templateService = template.members.find(m => isService(m) && m.name === service.name);
        if (!isService(templateService)) continue;
        for (const member of service.members) {
            if (!(isObjective(member) || isInternalTarget(member) || isCredit(member)) || (isObjective(member) && member.items)) continue;
            const kpi = member.kpi?.ref;
            const sameKind = templateService.members.filter(m => m.$type === member.$type && (m as { kpi?: { ref?: unknown } }).kpi?.ref === kpi);
            if (sameKind.length === 0) continue;
            const window = windowKey(member.window);
            if (sameKind.some(m => windowKey((m as { window?: Parameters<typeof windowKey>[0] }).window) === window)) continue;
            const kind = isCredit(member) ? 'credit for' : isObjective(member) ? 'objective on' : 'internal target on';
            const theirs = sameKind.map(m => (m as { window?: { $cstNode?: { text: string } } }).window?.$cstNode?.text ?? 'no window').join(', ');
            report(accept, 'template-override-unknown',
                `The template '${template.name}' has no ${kind} '${member.kpi?.$refText}' with this window (it has ${theirs}): this overrides nothing. Use the template's window to replace its ${kind.split(' ')[0]}.`,
                { node: member, property: 'window' });
        }
    }
}

/**
 * A client's dataset named like the template's (or like one of the template's file) replaces
 * it: the template's KPIs then read the client's fields of the same names. A field the template
 * reads that the client's dataset lacks, or declares with another type, would measure nothing
 * (or fail at evaluation): reported at the client's dataset.
 */
function checkDatasetReplacements(resolved: ResolvedClient, accept: ValidationAcceptor): void {
    const { client, template } = resolved;
    const shared = (template.$container as { elements?: AstNode[] } | undefined)?.elements ?? [];
    for (const dataset of client.members.filter(isDataset)) {
        const original = [...template.members, ...shared].find((member): member is Dataset => isDataset(member) && member !== dataset && member.name === dataset.name);
        if (!original) continue;
        for (const field of fieldsRead(template, original)) {
            const own = dataset.fields.find(candidate => candidate.name === field.name);
            const written = field.$cstNode?.text.replace(/\s+/g, ' ') ?? field.name;
            if (!own) {
                report(accept, 'template-dataset-field',
                    `The template '${template.name}' reads the field '${field.name}' of '${original.name}', which this dataset replaces: declare it here ('${written}'), or the template's KPIs cannot be measured on this data.`,
                    { node: dataset, property: 'name' });
            } else if (own.type?.$type !== field.type?.$type) {
                report(accept, 'template-dataset-field',
                    `The template '${template.name}' reads '${field.name}' as declared in its dataset '${original.name}' ('${written}'); here it is '${own.$cstNode?.text.replace(/\s+/g, ' ') ?? own.name}': declare it with the template's type.`,
                    { node: own, property: 'type' });
            }
        }
    }
}

/** The fields of `dataset` that the template's members name (in a formula, a `where`, `from … to …`), in order of first use. */
function fieldsRead(template: AstNode, dataset: Dataset): Field[] {
    const read = new Set<Field>();
    for (const node of AstUtils.streamAst(template)) {
        for (const { reference } of AstUtils.streamReferences(node)) {
            const target = 'ref' in reference ? reference.ref : undefined;
            if (isField(target) && target.$container === dataset) read.add(target);
        }
    }
    return [...read];
}

/**
 * Where a problem of the resolved copy goes: on a node of the client, there; on a node of the
 * template given this client's values, at the client's argument (the template's line as
 * related information); on a node of the template alone, nowhere — the template reports it.
 */
function mappingAcceptor(
    resolved: ResolvedClient, accept: ValidationAcceptor, fromTemplate: (origin: AstNode, code: string | undefined, emit: () => void) => void
): ValidationAcceptor {
    const clientDocument = AstUtils.getDocument(resolved.client);
    return (severity, message, info) => {
        const node = info.node as AstNode;
        const origin = originOf(resolved, node);
        if (!origin) return;
        if (AstUtils.getDocument(origin) === clientDocument && isInside(origin, resolved.client)) {
            accept(severity, message, { ...info, node: origin } as never);
            return;
        }
        // A value that does not fit its parameter is reported as such (sla/template-argument-type), not again for each place it lands.
        const values = valuesBehind(resolved, node).filter(value => value.argument);
        const fitting = values.filter(value => !value.argument!.value || !argumentTypeProblem(value.parameter, value.argument!.value));
        if (values.length > 0 && fitting.length === 0) return;
        const templateUri = AstUtils.getDocument(origin).uri.toString();
        const related: DiagnosticRelatedInformation[] = origin.$cstNode
            ? [{ location: { uri: templateUri, range: origin.$cstNode.range }, message: `in the template '${resolved.template.name}'` }]
            : [];
        const code = (info as { code?: string }).code;
        if (values.length === 0) {
            // The template's pool against allocations the client writes itself: reported at those; a template's
            // member against the client's override beside it (an internal target weaker than the client's objective): at that.
            const allocations = poolAllocationsOf(node).map(amount => originOf(resolved, amount)).filter((place): place is AstNode => place !== undefined && isInside(place, resolved.client));
            const own = allocations.length > 0 ? allocations : overridesBeside(resolved, node);
            if (own.length === 0) return;
            fromTemplate(origin, code, () => {
                for (const place of own) {
                    const property = (isObjective(place) || isInternalTarget(place)) && place.target ? 'target' : undefined;
                    accept(severity, message, { node: place, property, code, data: withoutFixes(info), relatedInformation: related } as never);
                }
            });
            return;
        }
        fromTemplate(origin, code, () => {
            for (const value of fitting) {
                accept(severity, `With ${value.parameter.name} = ${value.argument!.value?.$cstNode?.text ?? ''}: ${message}`, {
                    node: value.argument!, property: 'value', code, data: withoutFixes(info), relatedInformation: related
                } as never);
            }
        });
    };
}

/**
 * The parameter values behind a problem of a copied node: those in the node, else those of
 * the promises on the same KPI beside it (an internal target weaker than an objective whose
 * target is a parameter; a credit tier above it).
 */
function valuesBehind(resolved: ResolvedClient, node: AstNode) {
    const own = resolved.valuesUsedIn(node);
    const allocations = poolAllocationsOf(node);
    // The pool against the credits' allocations: the values of the pool and of each allocation.
    if (allocations.length > 0) return [...own, ...allocations.flatMap(amount => resolved.valuesUsedIn(amount))].filter((value, index, all) => all.indexOf(value) === index);
    if (own.length > 0) return own;
    // A tier against the other tiers of its table (a tier paying less for a worse breach, two of one threshold): the values of the table.
    const credit = AstUtils.getContainerOfType(node, isCredit);
    const table = credit ? resolved.valuesUsedIn(credit) : [];
    if (table.some(value => value.argument)) return table;
    const member = AstUtils.getContainerOfType(node, (n): n is AstNode => isObjective(n) || isInternalTarget(n) || isCredit(n));
    const kpi = (member as { kpi?: { ref?: unknown } } | undefined)?.kpi?.ref;
    const container = member?.$container as { members?: AstNode[] } | undefined;
    if (!kpi || !container?.members) return own;
    // The promises beside it (not a termination right on the KPI: a right compares with no target).
    return container.members
        .filter(sibling => sibling !== member && (isObjective(sibling) || isInternalTarget(sibling) || isCredit(sibling)) && sibling.kpi?.ref === kpi)
        .flatMap(sibling => resolved.valuesUsedIn(sibling))
        .filter((value, index, all) => all.indexOf(value) === index);
}

/**
 * The client's own promises beside a template's member on the same KPI (its objective that
 * replaced the template's), for a problem of the template's member that no argument causes.
 */
function overridesBeside(resolved: ResolvedClient, node: AstNode): AstNode[] {
    const member = AstUtils.getContainerOfType(node, (n): n is AstNode => isObjective(n) || isInternalTarget(n) || isCredit(n));
    const kpi = (member as { kpi?: { ref?: unknown } } | undefined)?.kpi?.ref;
    const container = member?.$container as { members?: AstNode[] } | undefined;
    if (!member || !kpi || !container?.members) return [];
    return container.members
        .filter(sibling => sibling !== member && (isObjective(sibling) || isInternalTarget(sibling) || isCredit(sibling)) && sibling.kpi?.ref === kpi)
        .map(sibling => resolved.originOf(sibling))
        .filter((origin): origin is AstNode => origin !== undefined && isInside(origin, resolved.client));
}

/**
 * A template's problem reported in a client's file: its quick fixes edit the template's text (the
 * resolved copy keeps the template's positions), so in the client's file they would edit the
 * wrong lines. The client fixes its value; the fixes stay with the template's own diagnostics.
 */
function withoutFixes(info: unknown): unknown {
    const data = (info as { data?: { fixes?: unknown } }).data;
    if (!data || data.fixes === undefined) return data;
    const { fixes: _fixes, ...rest } = data;
    return rest;
}

/** For a node of a pool (`, pool 250%`): the allocations it bounds (`40% of at-risk amount`), else none. */
function poolAllocationsOf(node: AstNode): AstNode[] {
    const statement = AstUtils.getContainerOfType(node, isCreditsCap);
    if (!statement?.pool || !(isAgreement(statement.$container) || isService(statement.$container))) return [];
    return creditAllocations(statement.$container).map(allocation => allocation.amount);
}

function originOf(resolved: ResolvedClient, node: AstNode): AstNode | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const origin = resolved.originOf(current);
        if (origin) return origin;
    }
    return undefined;
}

function isInside(node: AstNode, ancestor: AstNode): boolean {
    for (let current: AstNode | undefined = node; current; current = current.$container) if (current === ancestor) return true;
    return false;
}

/** The template of a client, for the portfolio checks. */
export { templateOf };
