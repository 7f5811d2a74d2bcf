/**
 * Where a problem found in a client agreement's resolved copy (model/client-resolution.ts) is
 * reported (docs/language-reference.md § 18.3). On a node of the client: there. On a node of
 * the template: nowhere when the template with its defaults has it too (the template reports it,
 * once); else it arises from this client, and is reported at what the client wrote that caused it:
 *   - the argument that landed in the node (`with tier1Credit = 30 %`);
 *   - when the client's standard resolution (its own lines, every parameter at its default) has
 *     the problem too, the client's own line it comes from: its allocations or override beside the
 *     member; else, an error only, the validity a window is measured against, the fee an amount of
 *     money is paid in (the argument that gives it, for `fee monthlyFee`: `with monthlyFee = 5000 USD`,
 *     naming the parameters at their default the client can set: `with cap = … USD`), or its `from Template`;
 *   - else the arguments of the member's table or of the promises beside it (a tier against the
 *     other tiers); else, an error only, its `from Template`.
 * Each with the template's line as related information.
 */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { isAgreement, isCredit, isCreditsCap, isFee, isInternalTarget, isObjective, isService, isTermination, isValidity, type Parameter } from '../generated/ast.js';
import { astNodes } from '../model/ast-walk.js';
import { creditAllocations } from '../model/at-risk.js';
import { resolveClientStandard, type ParameterValue, type ResolvedClient } from '../model/client-resolution.js';
import { fixedFeeTerms } from '../model/fees.js';
import { memberName } from '../model/member-comparison.js';
import { argumentTypeProblem } from '../model/template-parameters.js';
import { quantityValue } from '../types/type-computer.js';

type RunChecks = (node: AstNode, accept: ValidationAcceptor) => Promise<void>;
type Info = Parameters<ValidationAcceptor>[2];

/** A problem found on a copy of a template's node. */
interface TemplateProblem {
    severity: Parameters<ValidationAcceptor>[0];
    message: string;
    info: Info;
    /** The node of the resolved copy it was found on. */
    node: AstNode;
    /** The template's node it is a copy of. */
    origin: AstNode;
    /** The node of the resolved copy whose checks found it (an agreement's check reports at a window). */
    checked: AstNode;
    code: string | undefined;
}

/**
 * Runs every check on the client's resolved copy and reports each problem where the client can fix it.
 * `valuesReported`: the client's values are already reported as unusable (a value of the wrong type, a
 * missing one, a dataset field of another type); what they cause elsewhere is not said again.
 */
export async function reportResolvedProblems(
    resolved: ResolvedClient, accept: ValidationAcceptor, runChecks: RunChecks, valuesReported: boolean, templateCodes: TemplateCodes = new TemplateCodes(runChecks)
): Promise<void> {
    const clientDocument = AstUtils.getDocument(resolved.client);
    const fromTemplate: TemplateProblem[] = [];
    let checked: AstNode = resolved.agreement;
    const collect: ValidationAcceptor = (severity, message, info) => {
        const node = info.node as AstNode;
        const origin = originOf(resolved, node);
        if (!origin) return;
        if (AstUtils.getDocument(origin) === clientDocument && isInside(origin, resolved.client)) {
            accept(severity, message, { ...info, node: origin } as never);
            return;
        }
        fromTemplate.push({ severity, message, info, node, origin, checked, code: codeOf(info) });
    };
    // An array of the nodes (ast-walk.ts), not Langium's stream: this runs once per client of a portfolio.
    for (const node of astNodes(resolved.agreement)) {
        checked = node;
        await runChecks(node, collect);
    }
    if (fromTemplate.length === 0) return;
    const template = templateCodes;
    let standard: StandardDiagnostics | undefined;
    const inStandard = (problem: TemplateProblem) => (standard ??= new StandardDiagnostics(resolved, runChecks)).has(problem);
    for (const problem of fromTemplate) {
        if (await template.reports(problem, defaultsIn(resolved, problem.node))) continue;
        await reportAtClient(resolved, problem, accept, inStandard, valuesReported);
    }
}

async function reportAtClient(
    resolved: ResolvedClient, problem: TemplateProblem, accept: ValidationAcceptor, inStandard: (problem: TemplateProblem) => Promise<boolean>, valuesReported: boolean
): Promise<void> {
    const { node, origin, code, severity, message, info } = problem;
    const related: DiagnosticRelatedInformation[] = origin.$cstNode
        ? [{ location: { uri: AstUtils.getDocument(origin).uri.toString(), range: origin.$cstNode.range }, message: `in the template '${resolved.template.name}'` }]
        : [];
    const at = (place: AstNode, property: string | undefined, text: string) =>
        accept(severity, text, { node: place, property, code, data: withoutFixes(info), relatedInformation: related } as never);
    const atArguments = (values: ParameterValue[], advice = '') => {
        // A value that does not fit its parameter is reported as such (sla/template-argument-type), not again for each place it lands.
        for (const value of values.filter(fits)) {
            at(value.argument!, 'value', `With ${value.parameter.name} = ${value.argument!.value?.$cstNode?.text ?? ''}: ${message}${advice}`);
        }
    };
    // At a line of the client that is not the template's member: an error only. A warning there is advice on the
    // template's member under this client's terms (a one-year client of a template that improves yearly), not the client's mistake.
    const atClientLine = (line: AstNode | undefined) => {
        if (severity !== 'error' || valuesReported) return;
        const member = memberOf(origin);
        const text = `In the template '${resolved.template.name}'${member ? ` (${member})` : ''}: ${message}`;
        if (line) at(line, undefined, text);
        else at(resolved.client, 'template', text);
    };

    const given = resolved.valuesUsedIn(node).filter(value => value.argument);
    if (given.length > 0) return atArguments(given);
    // A fee given by an argument (`fee monthlyFee`, `with monthlyFee = 5000 USD`): at the argument, with the
    // parameters at their default in the node to give this client's value for (`with cap = … USD`).
    const line = lineRead(resolved, node);
    const ofLine = line ? resolved.valuesUsedIn(line).filter(value => value.argument) : [];
    const advice = ofLine.length > 0 ? defaultsAdvice(resolved, node, line) : '';
    if (await inStandard(problem)) {
        // The client's own lines cause it, with the template's defaults too.
        const own = clientAllocationsOf(resolved, node);
        const beside = own.length > 0 ? own : overridesBeside(resolved, node);
        for (const place of beside) at(place, (isObjective(place) || isInternalTarget(place)) && place.target ? 'target' : undefined, message);
        if (beside.length > 0) return;
        // A fee parameter without a default is the client's own line, written as an argument: an error only there too.
        if (ofLine.length > 0) {
            if (severity === 'error' && !valuesReported) atArguments(ofLine, advice);
            return;
        }
        atClientLine(ownOf(resolved, line));
        return;
    }
    if (ofLine.length > 0) return atArguments(ofLine, advice);
    const others = argumentsBeside(resolved, node);
    if (others.length > 0) return atArguments(others);
    atClientLine(undefined);
}

/** `objective Web.Availability`: the template's member a node belongs to, as deviations name it. */
function memberOf(node: AstNode): string | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (isAgreement(current)) return undefined;
        const name = memberName(current, AstUtils.getContainerOfType(current, isService)?.name);
        if (name) return name;
    }
    return undefined;
}

/**
 * ` '300 EUR' is the default of 'cap': give this client its own ('with cap = … USD').` for a node measured
 * against a line an argument gives (the fee): the parameters it holds at their default, which the client
 * can set; money in the fee's currency. Empty when the node holds none (a literal of the template).
 */
function defaultsAdvice(resolved: ResolvedClient, node: AstNode, line: AstNode | undefined): string {
    const defaults = defaultsIn(resolved, node).filter(parameter => parameter.default !== undefined);
    if (defaults.length === 0) return '';
    const currency = isFee(line) ? fixedFeeTerms(line)?.currency : undefined;
    const example = (parameter: Parameter) => `'with ${parameter.name} = …${parameter.type === 'money' && currency ? ` ${currency}` : ''}'`;
    const names = defaults.map(parameter => `'${parameter.name}'`).join(', ');
    const written = node.$cstNode?.text ? `'${node.$cstNode.text}' is` : 'It is';
    return ` ${written} the default of ${names}: give this client its own (${defaults.map(example).join(', ')}).`;
}

/** A client's value of its parameter's type (one that is not is reported as sla/template-argument-type). */
function fits(value: ParameterValue): boolean {
    return !value.argument?.value || !argumentTypeProblem(value.parameter, value.argument.value);
}

/** The parameters a copied node holds at their default: a problem of a default is the template's, reported at the default. */
function defaultsIn(resolved: ResolvedClient, node: AstNode): Parameter[] {
    return resolved.valuesUsedIn(node).filter(value => !value.argument).map(value => value.parameter);
}

/**
 * What the template reports itself, checked as its default instantiation: the codes the checks of a
 * template's node report, those the checks of its member (a credit, an objective) report at the node
 * (a credit's check reports a problem of one of its tiers), and those at a parameter's default.
 * Found once per node: they depend on the template alone, so one instance may serve every client of
 * a template until the workspace changes (reusing-document-validator.ts keeps one per template and
 * build: a portfolio's 400 clients ran the same template checks 400 times).
 */
export class TemplateCodes {
    private readonly codes = new Map<AstNode, Set<string | undefined>>();
    private readonly byMember = new Map<AstNode, Map<AstNode, Set<string | undefined>>>();

    constructor(private readonly runChecks: RunChecks) {}

    async reports(problem: TemplateProblem, defaults: Parameter[]): Promise<boolean> {
        if ((await this.codesOf(problem.origin)).has(problem.code)) return true;
        const member = AstUtils.getContainerOfType(problem.origin, isPromise);
        if (member && (await this.reportedIn(member)).get(problem.origin)?.has(problem.code)) return true;
        for (const parameter of defaults) if ((await this.codesOf(parameter)).has(problem.code)) return true;
        return false;
    }

    private async codesOf(node: AstNode): Promise<Set<string | undefined>> {
        let codes = this.codes.get(node);
        if (!codes) {
            const found = new Set<string | undefined>();
            await this.runChecks(node, (_severity, _message, info) => { found.add(codeOf(info)); });
            this.codes.set(node, codes = found);
        }
        return codes;
    }

    private async reportedIn(member: AstNode): Promise<Map<AstNode, Set<string | undefined>>> {
        let found = this.byMember.get(member);
        if (!found) {
            const byNode = new Map<AstNode, Set<string | undefined>>();
            for (const node of AstUtils.streamAst(member)) {
                await this.runChecks(node, (_severity, _message, info) => {
                    const at = info.node as AstNode;
                    byNode.set(at, (byNode.get(at) ?? new Set()).add(codeOf(info)));
                });
            }
            this.byMember.set(member, found = byNode);
        }
        return found;
    }
}

/**
 * What the client's standard resolution (model/client-resolution.ts: its own lines, the template's
 * defaults) reports: a problem it has too comes from the client's own lines, not from its arguments.
 * Only the checks of the node that found the problem run again, on that node's standard copy.
 */
class StandardDiagnostics {
    private readonly standard: ResolvedClient | undefined;
    /** Each node of the resolved copy by its original, in the standard resolution. */
    private copies: Map<AstNode, AstNode> | undefined;
    /** Per checked node of the standard resolution: the codes found, by the original of the node they are reported at. */
    private readonly found = new Map<AstNode, Map<AstNode, Set<string | undefined>>>();

    constructor(private readonly resolved: ResolvedClient, private readonly runChecks: RunChecks) {
        this.standard = resolveClientStandard(resolved.client);
    }

    async has(problem: TemplateProblem): Promise<boolean> {
        const standard = this.standard;
        const original = this.resolved.originOf(problem.checked);
        if (!standard || !original) return false;
        if (!this.copies) {
            this.copies = new Map();
            for (const node of AstUtils.streamAst(standard.agreement)) {
                const from = standard.originOf(node);
                if (from && !this.copies.has(from)) this.copies.set(from, node);
            }
        }
        const copy = this.copies.get(original);
        if (!copy) return false;
        let byOrigin = this.found.get(copy);
        if (!byOrigin) {
            const codes = new Map<AstNode, Set<string | undefined>>();
            await this.runChecks(copy, (_severity, _message, info) => {
                const origin = originOf(standard, info.node as AstNode);
                if (origin) codes.set(origin, (codes.get(origin) ?? new Set()).add(codeOf(info)));
            });
            this.found.set(copy, byOrigin = codes);
        }
        return byOrigin.get(problem.origin)?.has(problem.code) ?? false;
    }
}

/**
 * The line of the resolved agreement a template's node is measured against: a window against the
 * validity (sla/validity-range), an amount of money against the fee it is paid from (its currency).
 */
function lineRead(resolved: ResolvedClient, node: AstNode): AstNode | undefined {
    if (AstUtils.getContainerOfType(node, (n): n is AstNode => n.$type === 'Window')) return resolved.agreement.members.find(isValidity);
    if (node.$type !== 'Quantity' || quantityValue(node as never).type.kind !== 'money') return undefined;
    // The fee of the node's service, else the agreement's.
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const fee = (isService(current) || isAgreement(current)) ? current.members.find(isFee) : undefined;
        if (fee) return fee;
    }
    return undefined;
}

/** The client's node a copy stands for, when it is the client's. */
function ownOf(resolved: ResolvedClient, copy: AstNode | undefined): AstNode | undefined {
    const origin = copy && resolved.originOf(copy);
    return origin && isInside(origin, resolved.client) ? origin : undefined;
}

/**
 * The client's arguments beside a copied node, for a problem that its arguments cause: those of
 * the pool and the allocations it bounds; those of the node's tier table (a tier paying less for a
 * worse breach, two tiers on one threshold); else those of the promises on the same KPI beside it
 * (an internal target weaker than an objective whose target is an argument).
 */
function argumentsBeside(resolved: ResolvedClient, node: AstNode): ParameterValue[] {
    const given = (copies: AstNode[]) => copies.flatMap(copy => resolved.valuesUsedIn(copy))
        .filter((value, index, all) => value.argument !== undefined && all.indexOf(value) === index);
    const allocations = poolAllocationsOf(node);
    if (allocations.length > 0) return given(allocations);
    const credit = AstUtils.getContainerOfType(node, isCredit);
    const table = credit ? given([credit]) : [];
    if (table.length > 0) return table;
    const member = AstUtils.getContainerOfType(node, isMeasuredPromise);
    return member ? given(promisesBeside(member)) : [];
}

/** The client's own allocations (`40% of at-risk amount`) a template's pool bounds. */
function clientAllocationsOf(resolved: ResolvedClient, node: AstNode): AstNode[] {
    return poolAllocationsOf(node).map(amount => originOf(resolved, amount)).filter((place): place is AstNode => place !== undefined && isInside(place, resolved.client));
}

/**
 * The client's own promises beside a template's member on the same KPI (its objective that
 * replaced the template's), for a problem of the template's member that no argument causes.
 */
function overridesBeside(resolved: ResolvedClient, node: AstNode): AstNode[] {
    const member = AstUtils.getContainerOfType(node, isMeasuredPromise);
    return (member ? promisesBeside(member) : [])
        .map(sibling => resolved.originOf(sibling))
        .filter((origin): origin is AstNode => origin !== undefined && isInside(origin, resolved.client));
}

/** The other objectives, internal targets and credits on the member's KPI in its container (not a termination right: it compares with no target). */
function promisesBeside(member: AstNode): AstNode[] {
    const kpi = (member as { kpi?: { ref?: unknown } }).kpi?.ref;
    const container = member.$container as { members?: AstNode[] } | undefined;
    if (!kpi || !container?.members) return [];
    return container.members.filter(sibling => sibling !== member && isMeasuredPromise(sibling) && (sibling as { kpi?: { ref?: unknown } }).kpi?.ref === kpi);
}

function isMeasuredPromise(node: AstNode): node is AstNode {
    return isObjective(node) || isInternalTarget(node) || isCredit(node);
}

function isPromise(node: AstNode): node is AstNode {
    return isMeasuredPromise(node) || isTermination(node);
}

/** For a node of a pool (`, pool 250%`): the allocations it bounds (`40% of at-risk amount`), else none. */
function poolAllocationsOf(node: AstNode): AstNode[] {
    const statement = AstUtils.getContainerOfType(node, isCreditsCap);
    if (!statement?.pool || !(isAgreement(statement.$container) || isService(statement.$container))) return [];
    return creditAllocations(statement.$container).map(allocation => allocation.amount);
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

function codeOf(info: Info): string | undefined {
    return (info as { code?: string }).code;
}

function originOf(resolved: Pick<ResolvedClient, 'originOf'>, node: AstNode): AstNode | undefined {
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
