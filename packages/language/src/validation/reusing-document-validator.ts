import { AstUtils, interruptAndCheck, WorkspaceCache, type AstNode, type LangiumDocument, type ValidationAcceptor, type ValidationCheck, type ValidationOptions } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SyntaxAwareDocumentValidator } from '../parser/syntax-aware-document-validator.js';
import type { SlaServices } from '../sla-module.js';
import { editDistance } from '@sla/engine';
import { isBucketContainer, type DiagnosticReuse, type DiagnosticReuseReceiver } from '../workspace/diagnostic-reuse.js';
import { qualifiedCode } from './diagnostic-codes.js';
import { isPromiseLike, type SlaValidationRegistry } from './sla-validation-registry.js';
import type { SlaDiagnosticData } from './quick-fix.js';
import { isArgument, isArgumentValue, isItemSelection, isNameReference, isSelection, isTimezoneDeclaration, type Agreement } from '../generated/ast.js';
import type { SlaScopeProvider } from '../scoping/sla-scope-provider.js';
import { pushContents } from '../model/ast-walk.js';
import { argumentText, isClientAgreement, isTemplate, parameterNamed, scheduleParameterOf, templateOf } from '../model/template-parameters.js';
import { resolveClient } from '../model/client-resolution.js';
import { DEFERRED_TO_CLIENT, validateClient } from './templates.js';
import { TemplateCodes } from './client-problems.js';
import { unquotedZone } from './timezones.js';

/** The diagnostics of one validation, per top-level declaration (see workspace/diagnostic-reuse.ts). */
interface Buckets {
    /** The text these diagnostics were found in. */
    text: string;
    categories: string;
    byBucket: Map<AstNode, Diagnostic[]>;
}

const KIND_NAMES: Record<string, string> = {
    Kpi: 'KPI', Calendar: 'calendar', Maintenance: 'maintenance', Field: 'field', Dataset: 'dataset',
    NamedElement: 'KPI, dataset or field', Plan: 'plan', Agreement: 'template', Parameter: 'parameter'
};

/**
 * Langium's validator, checking one top-level declaration at a time so that, after an edit,
 * the diagnostics of declarations the edit cannot affect are kept from the previous run
 * (the incremental update says which: internals/incremental/validation-reuse.ts). It also
 * turns linking errors into `sla/unresolved-reference` diagnostics that say what kind of
 * thing was expected and which names are close.
 */
export class ReusingDocumentValidator extends SyntaxAwareDocumentValidator implements DiagnosticReuseReceiver {
    private readonly slaServices: SlaServices;
    private readonly lastBuckets = new WeakMap<LangiumDocument, Buckets>();
    private readonly plans = new WeakMap<LangiumDocument, DiagnosticReuse>();
    private readonly registry: SlaValidationRegistry;
    private readonly scopeProvider: SlaScopeProvider;
    /**
     * Per template, what it reports itself (client-problems.ts), shared by the validations of its
     * clients until the workspace changes, per set of check categories.
     */
    private readonly templateCodes: WorkspaceCache<Agreement, Map<string, TemplateCodes>>;

    constructor(services: SlaServices) {
        super(services);
        this.slaServices = services;
        this.templateCodes = new WorkspaceCache(services.shared);
        this.registry = services.validation.ValidationRegistry as SlaValidationRegistry;
        this.scopeProvider = services.references.ScopeProvider as SlaScopeProvider;
    }

    planReuse(document: LangiumDocument, reuse: DiagnosticReuse): void {
        this.plans.set(document, reuse);
    }

    /** The diagnostics a check reports, made as a validation makes them (for a check run on its own: template-portfolio.ts). */
    diagnosticsOf(run: (accept: ValidationAcceptor) => void): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        run((severity, message, info) => diagnostics.push(this.toDiagnostic(severity, message, info)));
        return diagnostics;
    }

    /** The document's diagnostics were changed outside a validation: its next validation keeps none from the last. */
    forgetKept(document: LangiumDocument): void {
        this.lastBuckets.delete(document);
    }

    /** Langium's order of checks (the tree, depth first), one top-level declaration at a time. */
    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken = CancellationToken.None): Promise<Diagnostic[]> {
        const items: Diagnostic[] = [];
        let sink = items;
        const acceptor: ValidationAcceptor = (severity, message, info) => {
            sink.push(this.toDiagnostic(severity, message, info));
        };
        const document = AstUtils.findRootNode(rootNode).$document;
        const plan = document ? this.plans.get(document) : undefined;
        if (document) this.plans.delete(document);
        const categories = JSON.stringify(options.categories ?? null);
        const previous = document ? this.lastBuckets.get(document) : undefined;
        const reusable = plan && previous?.categories === categories && previous.text === plan.oldText ? previous.byBucket : undefined;
        // Kept only if this run completes: a cancelled run leaves nothing to reuse.
        if (document) this.lastBuckets.delete(document);
        const byBucket = new Map<AstNode, Diagnostic[]>();

        await this.validateAstBefore(rootNode, options, acceptor, cancelToken);
        const visitContainer = async (container: AstNode, accept: ValidationAcceptor = acceptor): Promise<void> => {
            // A client agreement is checked as what it resolves to (validation/templates.ts).
            const runChecks = async (node: AstNode, mapped: ValidationAcceptor): Promise<void> => { await this.validateOneNode(node, options, mapped, cancelToken); };
            if (isClientAgreement(container) && await validateClient(container, accept, runChecks, template => {
                const byCategories = this.templateCodes.get(template, () => new Map());
                let codes = byCategories.get(categories);
                if (!codes) byCategories.set(categories, codes = new TemplateCodes(runChecks));
                return codes;
            })) return;
            // A template leaves the zone and the fee to its clients.
            if (isTemplate(container)) {
                const outer = accept;
                accept = (severity, message, info) => { if (!DEFERRED_TO_CLIENT.has(String((info as { code?: unknown }).code))) outer(severity, message, info); };
            }
            await this.validateOneNode(container, options, accept, cancelToken);
            for (const child of AstUtils.streamContents(container)) {
                await interruptAndCheck(cancelToken);
                if (isBucketContainer(child)) {
                    await visitContainer(child, accept);
                    continue;
                }
                const kept = plan ? reusable?.get(child) : undefined;
                if (kept && plan!.mayKeep(child, kept)) {
                    const moved = kept.map(diagnostic => plan!.moved(diagnostic));
                    byBucket.set(child, moved);
                    for (const diagnostic of moved) items.push(diagnostic); // not a spread: 200,000 arguments overflow the stack
                    continue;
                }
                sink = [];
                await this.validateSubtree(child, options, accept, cancelToken);
                byBucket.set(child, sink);
                for (const diagnostic of sink) items.push(diagnostic);
                sink = items;
            }
        };
        if (isBucketContainer(rootNode)) await visitContainer(rootNode);
        else await this.validateSubtree(rootNode, options, acceptor, cancelToken);
        await this.validateAstAfter(rootNode, options, acceptor, cancelToken);
        const text = rootNode.$cstNode?.root.fullText;
        if (document && text !== undefined) this.lastBuckets.set(document, { text, categories, byBucket });
        return items;
    }

    /** The checks of `root` and the nodes below it, in the order of `AstUtils.streamAst` (without its streams: model/ast-walk.ts). */
    private async validateSubtree(root: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> {
        const stack: AstNode[] = [root];
        const contents: AstNode[] = [];
        while (stack.length > 0) {
            const node = stack.pop()!;
            let children = this.validateOneNode(node, options, acceptor, cancelToken);
            if (typeof children !== 'boolean') children = await children;
            if (!children) continue;
            pushContents(node, contents);
            for (let i = contents.length - 1; i >= 0; i--) stack.push(contents[i]!);
            contents.length = 0;
        }
    }

    /**
     * Runs the checks of one node, in order, each finished before the next; false when its
     * children are not to be checked. A promise only when a check returns one: most checks
     * are synchronous, and a promise per node and check is most of a validation's overhead.
     */
    private validateOneNode(node: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: CancellationToken): boolean | Promise<boolean> {
        const nodeOptions = this.validateSingleNodeOptions(node, options);
        if (nodeOptions.validateNode) {
            const checks = this.registry.checksOf(node.$type, options.categories);
            for (let i = 0; i < checks.length; i++) {
                const result = checks[i]!(node, acceptor, cancelToken);
                if (isPromiseLike(result)) return this.finishChecks(result, checks, i + 1, node, acceptor, cancelToken, nodeOptions.validateChildren);
            }
        }
        return nodeOptions.validateChildren;
    }

    /** The rest of a node's checks once one has returned a promise. */
    private async finishChecks(pending: PromiseLike<unknown>, checks: readonly ValidationCheck[], from: number, node: AstNode,
        acceptor: ValidationAcceptor, cancelToken: CancellationToken, validateChildren: boolean): Promise<boolean> {
        await pending;
        for (let i = from; i < checks.length; i++) await checks[i]!(node, acceptor, cancelToken);
        return validateChildren;
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            // An unknown parameter in `with …` is reported by the template checks, with the template's parameters.
            if (isArgument(info.container)) continue;
            // The value of a calendar or maintenance parameter names one of that kind; a name given
            // to another parameter (a text, a number) is reported by the template checks.
            const scheduleParameter = isArgumentValue(info.container) ? scheduleParameterOf(info.container) : undefined;
            if (isArgumentValue(info.container) && !scheduleParameter) continue;
            // A field of a misspelt dataset: the dataset is reported, with the names it may have meant.
            if (isNameReference(info.container) && this.scopeProvider.readsUnknownDataset(info.container)) continue;
            const text = reference.$refText;
            let kind = 'name';
            let nearest: Array<{ name: string; distance: number }> = [];
            try {
                const type = this.slaServices.shared.AstReflection.getReferenceType(info);
                kind = scheduleParameter?.type ?? KIND_NAMES[type] ?? type;
                const rowFilter = inRowFilter(info.container);
                const enclosing = new Set(ancestorsOf(info.container));
                const names = this.slaServices.references.ScopeProvider.getScope(info).getAllElements()
                    .filter(d => !scheduleParameter || d.type.toLowerCase() === scheduleParameter.type)
                    // Only what may stand there: a row filter reads the row's fields (or a template's parameters), no KPI or dataset;
                    // and never the declaration the reference is written in (its own KPI would make a cycle).
                    .filter(d => !rowFilter || ROW_FILTER_KINDS.has(d.type))
                    .filter(d => !d.node || !enclosing.has(d.node))
                    .map(d => d.name).toArray();
                nearest = nearestNames(text, names);
            } catch {
                // a half-written document: no suggestions
            }
            const where = kind === 'field' || kind === 'KPI, dataset or field'
                ? ' Fields are written bare inside an aggregate over their dataset, or as dataset.field.' : '';
            const suggestion = nearest.length > 0 ? ` Did you mean ${nearest.map(n => `'${n.name}'`).join(' or ')}?` : '';
            // A name where a quantity stands is a template's parameter (`below availability`); elsewhere a number is meant.
            const message = info.container.$type === 'Quantity' && nearest.length === 0
                ? quantityNameMessage(info.container, text)
                : scheduleParameter
                    ? `Unknown ${kind} '${text}': '${scheduleParameter.name}' is a ${kind} parameter, and no ${kind} of that name is declared in ${info.container.$container === scheduleParameter
                        ? 'this template, its file or the files it imports' : 'this agreement, its template, their files or the files they import'}.${suggestion}`
                    : `Unknown ${kind} '${text}': nothing of that name is declared here or in an imported file.${suggestion}${where}`;
            // `timezone UTC`: the zone without its quotes, read as a timezone parameter of a template.
            const zone = isTimezoneDeclaration(info.container) && nearest.length === 0 && reference.$refNode
                ? unquotedZone(text, reference.$refNode.range) : undefined;
            const data: SlaDiagnosticData = {
                code: qualifiedCode('unresolved-reference'),
                // The nearest preferred only when no other is as near: 'tier3Credit' is as near to 'tier1Credit' as to 'tier2Credit'.
                fixes: zone ? zone.fixes : reference.$refNode ? nearest.map(({ name, distance }, i) => ({
                    title: `Write '${name}'`,
                    edits: [{ range: reference.$refNode!.range, newText: name }],
                    ...(i === 0 && nearest[1]?.distance !== distance ? { preferred: true } : {})
                })) : []
            };
            diagnostics.push(this.toDiagnostic('error', zone?.message ?? message, {
                node: info.container, range: reference.$refNode?.range, property: info.property, index: info.index,
                code: qualifiedCode('unresolved-reference'), data
            } as never));
        }
    }
}

/**
 * A name where a quantity stands that names nothing (`below availability`). Only a template's own
 * lines may name its parameters: a client agreement gives them values with `with`, and its own
 * lines (which replace the template's) write values — the parameter's in effect is offered.
 */
function quantityNameMessage(quantity: AstNode, text: string): string {
    const client = AstUtils.getContainerOfType(quantity, isClientAgreement);
    const template = client ? templateOf(client) : undefined;
    if (!client || !template) {
        return `'${text}' stands where a quantity (such as 99.9 % or 500 EUR) is expected. Only a template's parameter may stand there; a credit computed from a KPI is a formula, e.g. '1 * ${text}'.`;
    }
    const parameter = parameterNamed(template, text);
    if (!parameter) {
        return `'${text}' stands where a quantity (such as 99.9 % or 500 EUR) is expected. Write a value here: a client agreement's own lines cannot name parameters (its template '${template.name}' has no '${text}' either); a credit computed from a KPI is a formula, e.g. '1 * ${text}'.`;
    }
    const value = argumentText(resolveClient(client)?.values.find(candidate => candidate.parameter === parameter)?.value);
    return `'${text}' is a parameter of the template '${template.name}': it stands only in the template's lines, which 'with ${text} = …' sets, not in this agreement's own lines. Write the value here${value ? ` (${value}, what '${text}' is in this agreement)` : ''}.`;
}

/** Names within a few edits of `text`, nearest first. */
function nearestNames(text: string, names: string[], max = 3): Array<{ name: string; distance: number }> {
    const wanted = text.toLowerCase();
    const limit = Math.max(2, Math.floor(text.length / 3));
    return [...new Set(names)]
        .map(name => ({ name, distance: editDistance(wanted, name.toLowerCase(), limit) }))
        .filter(entry => entry.distance <= limit)
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
        .slice(0, max);
}

/** What a `where` filter, checked row by row, may name: the row's fields, and in a template its parameters. */
const ROW_FILTER_KINDS: ReadonlySet<string> = new Set(['Field', 'Parameter']);

/** Whether the node is inside the `where` condition of an aggregate or of `objective each …`. */
function inRowFilter(node: AstNode): boolean {
    for (let current: AstNode | undefined = node; current?.$container; current = current.$container) {
        if (current.$containerProperty === 'condition' && (isSelection(current.$container) || isItemSelection(current.$container))) return true;
    }
    return false;
}

function ancestorsOf(node: AstNode): AstNode[] {
    const ancestors: AstNode[] = [];
    for (let current = node.$container; current; current = current.$container) ancestors.push(current);
    return ancestors;
}
