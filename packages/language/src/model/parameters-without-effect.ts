/**
 * The template's parameters a client agreement leaves without effect: every line that uses one
 * is a template member the client replaces with its own (`fee 4000 EUR per calendar month` for
 * the template's `fee monthlyFee per calendar month`), so neither its default nor an argument
 * reaches the resolved agreement. The defaults inlay hint and `sla explain` leave them out: a
 * reader would take `monthlyFee = 5000 EUR` for the fee, which is 4,000 EUR.
 */
import { AstUtils, type AstNode } from 'langium';
import { isNameReference, isParameter, isTemplateArguments, isTimezoneDeclaration, type Agreement, type Parameter, type Quantity } from '../generated/ast.js';
import { walkAst } from './ast-walk.js';
import type { ResolvedClient } from './client-resolution.js';
import { countSlotParameter, countSlotsOf, parameterNamed } from './template-parameters.js';

const cache = new WeakMap<ResolvedClient, Set<Parameter>>();

/**
 * The parameters used somewhere (in the template or the client's own lines) of which no use is in the
 * resolved agreement. A parameter used nowhere is not one of them: nothing was replaced.
 */
export function parametersWithoutEffect(resolved: ResolvedClient): Set<Parameter> {
    const cached = cache.get(resolved);
    if (cached) return cached;
    // A template line is in the resolved agreement unless the client replaces it or a member around it
    // (a service merges: its members are replaced one by one); the client's own lines all are (each
    // replaces or adds). Found up from the uses, not by walking the resolved agreement: a portfolio
    // resolves its template once per client.
    const used = new Set<Parameter>();
    const inEffect = new Set<Parameter>();
    for (const { node, parameters } of templateUses(resolved.template)) {
        const reached = !replacedLine(resolved, node);
        for (const parameter of parameters) {
            used.add(parameter);
            if (reached) inEffect.add(parameter);
        }
    }
    for (const { parameters } of usesIn(resolved.client, resolved.template)) {
        for (const parameter of parameters) {
            used.add(parameter);
            inEffect.add(parameter);
        }
    }
    const withoutEffect = new Set([...used].filter(parameter => !inEffect.has(parameter)));
    cache.set(resolved, withoutEffect);
    return withoutEffect;
}

/**
 * The client's own members that replace the template's lines using `parameter` (its `fee 4000 EUR
 * per calendar month` for `fee monthlyFee per calendar month`), in the template's order: what a
 * message about an argument without effect names.
 */
export function linesReplacingUsesOf(resolved: ResolvedClient, parameter: Parameter): AstNode[] {
    const lines: AstNode[] = [];
    for (const { node, parameters } of templateUses(resolved.template)) {
        if (!parameters.includes(parameter)) continue;
        const replacement = replacedLine(resolved, node);
        if (replacement && !lines.includes(replacement)) lines.push(replacement);
    }
    return lines;
}

/** The client's own member that replaces the template line holding `node` (the line or a member around it); undefined when the line is kept. */
function replacedLine(resolved: ResolvedClient, node: AstNode): AstNode | undefined {
    for (let at: AstNode | undefined = node; at && at !== resolved.template; at = at.$container) {
        const replacement = resolved.replacementOf(at);
        if (replacement) return replacement;
    }
    return undefined;
}

/** A node that names parameters, and those it names. */
interface ParameterUse {
    node: AstNode;
    parameters: Parameter[];
}

/**
 * The template's uses of its parameters, found once per version of the template for all its clients: a
 * portfolio of 400 clients would otherwise walk the template 400 times. Keyed by its text too: an edit
 * inside one of its blocks (a service) re-parses that block alone and keeps the template's node
 * (internals/incremental).
 */
const templateUsesCache = new WeakMap<Agreement, { text: string | undefined; uses: ParameterUse[] }>();

function templateUses(template: Agreement): ParameterUse[] {
    const text = template.$cstNode?.text;
    let cached = templateUsesCache.get(template);
    if (!cached || cached.text !== text) templateUsesCache.set(template, (cached = { text, uses: usesIn(template, template) }));
    return cached.uses;
}

/** The nodes of `agreement` that name parameters of `template`. */
function usesIn(agreement: Agreement, template: Agreement): ParameterUse[] {
    return streamOutsideParameters(agreement).map(node => ({ node, parameters: parametersUsedBy(node, template) })).filter(use => use.parameters.length > 0);
}

/**
 * The nodes of an agreement but its parameter declarations (a default names a calendar, not a parameter)
 * and a client's `with` (an argument gives a value; it does not use one).
 */
function streamOutsideParameters(agreement: Agreement): AstNode[] {
    const nodes: AstNode[] = [];
    walkAst(agreement, node => {
        if (isParameter(node) || isTemplateArguments(node)) return false;
        nodes.push(node);
        return true;
    });
    return nodes;
}

/**
 * The parameters a node names where the resolution puts a value (model/client-resolution.ts): a
 * quantity (`>= availability`), a name in a formula, `timezone zone`, a count (`in breaches
 * consecutive windows`), a calendar or maintenance (`during supportHours`).
 */
function parametersUsedBy(node: AstNode, template: Agreement): Parameter[] {
    const found: Array<Parameter | undefined> = [];
    if (node.$type === 'Quantity') found.push(parameterNamed(template, (node as Quantity).parameter?.$refText));
    if (isNameReference(node) && isParameter(node.target?.ref)) found.push(node.target.ref);
    if (isTimezoneDeclaration(node)) found.push(parameterNamed(template, node.parameter?.$refText));
    for (const slot of countSlotsOf(node)) found.push(parameterNamed(template, countSlotParameter(node, slot)?.$refText));
    for (const { reference } of AstUtils.streamReferences(node)) {
        const parameter = parameterNamed(template, reference.$refText);
        if (parameter?.type === 'calendar' || parameter?.type === 'maintenance') found.push(parameter);
    }
    return found.filter((parameter): parameter is Parameter => parameter !== undefined);
}
