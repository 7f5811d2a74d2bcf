/**
 * Templates, parameters and client agreements (docs/language-reference.md § 18). A client
 * agreement is checked as what it resolves to (model/client-resolution.ts): every check of
 * the language runs on the resolved copy, and each problem is reported where the user can
 * fix it — on the client's own line, or, when it arises only from the client's values, at
 * the client's argument or own line with the template's line as related information
 * (validation/client-problems.ts).
 */
import { AstUtils, GrammarAST, type AstNode, type CstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAgreement, isArgument, isBinaryExpression, isCredit, isDataset, isField, isInternalTarget, isListExpression, isNameReference, isObjective,
    isService, isTimezoneDeclaration, type Agreement, type Argument, type Dataset, type Expression, type Field, type NameReference, type Parameter,
    type SlaAstType, type TemplateArguments
} from '../generated/ast.js';
import { resolveClient, type ResolvedClient } from '../model/client-resolution.js';
import { linesReplacingUsesOf, parametersWithoutEffect } from '../model/parameters-without-effect.js';
import {
    PARAMETER_TYPES, argumentText, argumentTypeProblem, argumentsOf, countSlotParameter, countSlotsOf, isParameterTypeName, isTemplate, parameterNamed, parametersOf, templateOf
} from '../model/template-parameters.js';
import { windowKey } from '../model/windows.js';
import { editDistance } from '@sla/engine';
import { qualifiedCode, type SlaCode } from './diagnostic-codes.js';
import { propertyNode, report } from './report.js';
import { reportResolvedProblems, type TemplateCodes } from './client-problems.js';
import { fix, removeLines, removeNode, replaceNode, type FixEdit, type QuickFix, writeFixes } from './quick-fix.js';
import type { SlaServices } from '../sla-module.js';

/** Checks of the template itself: its parameters. */
export function templateChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    let keywords: Set<string> | undefined;
    const isKeyword = (name: string) => (keywords ??= new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(k => k.value))).has(name);
    return {
        Parameter: (parameter, accept) => {
            checkParameter(parameter, accept);
            checkDefaultInEnums(parameter, services, accept);
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
        const typeNode = propertyNode(parameter, 'type');
        report(accept, 'parameter-type-unknown',
            `'${parameter.type}' is not a parameter type.${near.length > 0 ? ` Did you mean '${near[0]}'?` : ''} A parameter is one of: ${PARAMETER_TYPES.join(', ')}.`,
            { node: parameter, property: 'type' },
            { fixes: writeFixes(typeNode, near.slice(0, 1)) });
        return;
    }
    if (parameter.default) {
        const problem = argumentTypeProblem(parameter, parameter.default);
        if (problem) report(accept, 'template-argument-type', `The default does not fit: ${problem}`, { node: parameter, property: 'default' });
    }
}

/**
 * `where priority = urgent` with `parameter urgent text default "P0"` on a field `one of "P1",
 * …`: the template is checked as its default instantiation, so its default must be a value of
 * every enum field the parameter is compared with (a client's argument is checked where it lands).
 */
function checkDefaultInEnums(parameter: Parameter, services: SlaServices, accept: ValidationAcceptor): void {
    const value = parameter.default?.text;
    const template = parameter.$container;
    if (value === undefined || !isTemplate(template)) return;
    const reported = new Set<string>();
    for (const node of AstUtils.streamAst(template)) {
        if (!isNameReference(node) || node.target?.ref !== parameter) continue;
        const compared = comparedWith(node);
        if (!compared) continue;
        const type = services.types.TypeComputer.typeOf(compared);
        if (type.kind !== 'enum' || type.values.includes(value)) continue;
        const comparison = compared.$container?.$cstNode?.text.replace(/\s+/g, ' ') ?? parameter.name;
        if (reported.has(comparison)) continue;
        reported.add(comparison);
        report(accept, 'enum-value-unknown',
            `The default "${value}" is not a value of the field compared with '${parameter.name}' ('${comparison}'), which is one of ${type.values.map(v => `"${v}"`).join(', ')}: the comparison reads a value the data never have. Give '${parameter.name}' one of those as its default.`,
            { node: parameter, property: 'default' });
    }
}

/** The other side of `field = name`, `field != name` or `field in (…, name, …)`, for a name standing on one side. */
function comparedWith(node: NameReference): Expression | undefined {
    const container = node.$container;
    const comparison = isListExpression(container) ? container.$container : container;
    if (!isBinaryExpression(comparison) || !['=', '!=', 'in'].includes(comparison.operator)) return undefined;
    if (comparison.right === node || comparison.right === container) return comparison.left;
    return comparison.operator === 'in' ? undefined : comparison.right;
}

/**
 * The checks of a client agreement, in place of the ordinary checks of its own subtree:
 * `runChecks` runs every registered check on one node of the resolved copy.
 */
export async function validateClient(
    client: Agreement, accept: ValidationAcceptor, runChecks: (node: AstNode, accept: ValidationAcceptor) => Promise<void>,
    templateCodes?: (template: Agreement) => TemplateCodes
): Promise<boolean> {
    const resolved = resolveClient(client);
    if (!resolved) return false;
    // Values the client gives that cannot be used (of the wrong type, missing, a dataset field of another type): said once, here.
    let valuesReported = false;
    const saying: ValidationAcceptor = (severity, message, info) => {
        valuesReported ||= severity === 'error';
        accept(severity, message, info);
    };
    checkArguments(resolved, saying);
    checkOverrides(resolved, accept);
    checkDatasetReplacements(resolved, saying);
    checkArgumentsWithoutEffect(resolved, accept);
    for (const deviation of resolved.deviations) {
        // A promise, the customer's right to terminate on chronic failure (harder to fire or to use), what all credits together may
        // reach, or a credit's terms (earned back sooner).
        const right = deviation.member.startsWith('termination');
        const cap = deviation.member.startsWith('credits cap');
        const credit = deviation.member.startsWith('credit ');
        // A maintenance a promise excludes: more of it, or a shorter notice, takes more time out of the promise.
        const maintenance = deviation.member.startsWith('maintenance ');
        const exclusion = deviation.member.startsWith('exclusion ');
        // Working hours that only business time is measured with: fewer of them, a later deadline.
        const hours = deviation.member.startsWith('calendar ');
        if (deviation.kind !== 'loosened' || !(deviation.member.startsWith('objective') || right || cap || credit || maintenance || exclusion || hours)) continue;
        report(accept, 'template-loosened',
            `This loosens the template's ${right ? 'termination right' : cap ? 'cap on all credits together' : credit ? 'credit' : maintenance ? 'maintenance window' : exclusion ? 'exclusion' : hours ? 'working hours' : 'promise'} (${deviation.member}: ${deviation.text}). If that is the negotiated value, keep it: the portfolio report lists it as a deviation.`,
            { node: deviation.node }, { severity: 'warning', fixes: loosenedFixes(deviation.node) });
    }
    await reportResolvedProblems(resolved, accept, runChecks, valuesReported, templateCodes?.(resolved.template));
    return true;
}

/**
 * An argument whose every use the client's own lines replace (model/parameters-without-effect.ts):
 * `with monthlyFee = 3000 EUR` beside its own `fee 4000 EUR per calendar month` reaches nothing, and
 * a reader cannot tell which fee holds (sla/template-argument-unused, with a fix removing it). The
 * template's zone beside the client's own `timezone` is the same rule; it keeps its code: two time
 * zones, an error (sla/duplicate-entry) — not when the zone reaches something else too (a calendar's
 * `timezone zone`): then the argument sets that.
 */
function checkArgumentsWithoutEffect(resolved: ResolvedClient, accept: ValidationAcceptor): void {
    // No argument, nothing to warn of: the walk of the resolved agreement is not needed.
    if (!resolved.values.some(value => value.argument)) return;
    const withoutEffect = parametersWithoutEffect(resolved);
    for (const { parameter, argument } of resolved.values) {
        if (!argument || !withoutEffect.has(parameter)) continue;
        const lines = linesReplacingUsesOf(resolved, parameter);
        const own = lines.find(isTimezoneDeclaration);
        if (own && lines.length === 1) {
            report(accept, 'duplicate-entry',
                `'${parameter.name}' is the template's time zone ('timezone ${parameter.name}'), but this agreement also states its own ('${own.$cstNode?.text ?? 'timezone'}'), which replaces the template's: two time zones, and the argument sets nothing. Keep one: remove the agreement's 'timezone' or this argument.`,
                { node: argument });
            continue;
        }
        const written = lines.map(line => `'${firstLine(line)}'`).join(', ');
        const value = argument.value ? argumentText(argument.value) : undefined;
        const removal = removeArgument(argument);
        report(accept, 'template-argument-unused',
            `'${parameter.name}'${value ? ` = ${value}` : ''} sets nothing: every line of the template '${resolved.template.name}' that uses it is replaced by this agreement's own (${written || 'its own lines'}), which applies. Remove the argument, or remove the agreement's own line to let the template's use it.`,
            { node: argument }, { fixes: removal ? [fix(`Remove the argument '${parameter.name}'`, [removal], true)] : [] });
    }
}

/** A member's first line, blanks collapsed, without a block's `{`: `fee 4000 EUR per calendar month`. */
function firstLine(node: AstNode): string {
    const text = node.$cstNode?.text ?? node.$type;
    return text.split(/\r?\n/)[0]!.replace(/\s*\{\s*$/, '').replace(/\s+/g, ' ').trim();
}

/**
 * The edit that removes an argument: from `with a = 1, b = 2` with the comma beside it (the first
 * with the comma after it, another with the comma before it); the only one, the whole `with`.
 */
function removeArgument(argument: Argument): FixEdit | undefined {
    const list = argument.$container;
    const items = list.arguments;
    const index = items.indexOf(argument);
    const cst = argument.$cstNode;
    if (!cst || index < 0) return undefined;
    if (items.length === 1) return list.$cstNode ? removeNode(list.$cstNode) : undefined;
    const neighbour = items[index > 0 ? index - 1 : 1]?.$cstNode;
    if (!neighbour) return undefined;
    const range = index > 0 ? { start: neighbour.range.end, end: cst.range.end } : { start: cst.range.start, end: neighbour.range.start };
    return { range, newText: '' };
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
            // Nearest first: the one the message names, preferred unless another is as near.
            const near = names.map(name => ({ name, distance: editDistance(name.toLowerCase(), written.toLowerCase(), 3) }))
                .filter(({ distance }) => distance <= 2).sort((a, b) => a.distance - b.distance).slice(0, 3);
            const refNode = argument.parameter?.$refNode;
            report(accept, 'template-parameter-unknown',
                `The template '${template.name}' has no parameter '${written}'.${near.length > 0 ? ` Did you mean '${near[0]!.name}'?` : ''} Its parameters: ${names.join(', ') || 'none'}.`,
                { node: argument, property: 'parameter' },
                { fixes: writeFixes(refNode, near.map(({ name }) => name), near[1]?.distance !== near[0]?.distance) });
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

/** The template of a client, for the portfolio checks. */
export { templateOf };
