/**
 * The seed's rule, portfolio-wide: an internal target must reinforce every promise made. An
 * internal target set once in a template is checked against what each client agreement built
 * from it promises on that KPI (its arguments and overrides in effect): weaker than any of
 * them is a warning on the template's line naming those clients.
 */
import { AstUtils, DocumentState, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isDocument, isInternalTarget, isObjective, isService, type Agreement, type InternalTarget, type SlaAstType } from '../generated/ast.js';
import { resolveClient } from '../model/client-resolution.js';
import { isClientAgreement, isTemplate, templateOf } from '../model/template-parameters.js';
import { windowKey } from '../model/windows.js';
import { strictestTarget } from '../model/objective-term.js';
import type { SlaServices } from '../sla-module.js';
import { quantityValue } from '../types/type-computer.js';
import { qualifiedCode } from './diagnostic-codes.js';
import { report } from './report.js';
import { ReusingDocumentValidator } from './reusing-document-validator.js';

export function templatePortfolioChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    return { InternalTarget: (node, accept) => checkAgainstClients(node, services, accept) };
}

/** The client agreements of the workspace built from this template (through the reference index). */
export function clientsOf(template: Agreement, services: SlaServices): Agreement[] {
    const shared = services.shared.workspace;
    const path = services.workspace.AstNodeLocator.getAstNodePath(template);
    const clients: Agreement[] = [];
    for (const reference of shared.IndexManager.findAllReferences(template, path)) {
        const document = shared.LangiumDocuments.getDocument(reference.sourceUri);
        if (!document) continue;
        const node = services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, reference.sourcePath);
        const client = node && AstUtils.getContainerOfType(node, isAgreement);
        if (client && !client.isTemplate && client.template?.ref === template && !clients.includes(client)) clients.push(client);
    }
    return clients;
}

function checkAgainstClients(node: InternalTarget, services: SlaServices, accept: ValidationAcceptor): void {
    const template = AstUtils.getContainerOfType(node, isAgreement);
    if (!isTemplate(template) || !node.target || !node.comparison || !node.kpi?.ref) return;
    const internal = quantityValue(node.target).value;
    const higherIsBetter = node.comparison.startsWith('>');
    const weakerFor: string[] = [];
    for (const client of clientsOf(template, services)) {
        const promise = promiseChecked(node, client);
        if (!promise) continue;
        if (higherIsBetter ? internal < promise.value : internal > promise.value) weakerFor.push(`${client.name} (${promise.text})`);
    }
    if (weakerFor.length === 0) return;
    report(accept, 'template-internal-weaker',
        `The internal target '${node.kpi.$refText} ${node.comparison} ${node.target.$cstNode?.text}' is looser than what ${weakerFor.length === 1 ? 'a client was' : `${weakerFor.length} clients were`} promised: ${weakerFor.join(', ')}. Staff could meet it while those agreements are breached: tighten it, or give those clients their own internal target.`,
        { node, property: 'target' });
}

/**
 * What a client promises on the internal target's KPI and window, in the same direction (its
 * arguments and overrides in effect); undefined when it promises nothing comparable, or has
 * its own internal target on the KPI (checked on its own: sla/internal-weaker).
 */
function promiseChecked(node: InternalTarget, client: Agreement): { value: number; text: string } | undefined {
    const resolved = resolveClient(client);
    if (!resolved || !node.comparison || !node.kpi) return undefined;
    const service = AstUtils.getContainerOfType(node, isService)?.name;
    const container = service === undefined ? resolved.agreement
        : resolved.agreement.members.find(m => isService(m) && m.name === service);
    const members = (container as { members?: unknown[] } | undefined)?.members ?? [];
    const kpi = node.kpi.$refText;
    if (members.some(m => isInternalTarget(m) && resolved.originOf(m) !== node && m.kpi?.$refText === kpi)) return undefined;
    const key = windowKey(node.window);
    const promise = members.find(m => isObjective(m) && !m.items && m.kpi?.$refText === kpi && windowKey(m.window) === key);
    if (!isObjective(promise) || !promise.target || !promise.comparison || promise.comparison.startsWith('>') !== node.comparison.startsWith('>')) return undefined;
    // A promise over the term: its strictest target (the objective's, or a step's).
    // Only a promise the internal target can be compared with: of its kind, and a valid value (`99.9` without '%', '30 minutes'
    // or '150 %' is reported at the client's argument, and promises nothing comparable).
    const kind = quantityValue(node.target!).type.kind;
    const strictest = strictestTarget(promise, promised => promised.type.kind === kind && promised.value >= 0 && (kind !== 'ratio' || promised.value <= 1));
    return strictest && { value: strictest.value, text: `${strictest.target.$cstNode?.text ?? String(strictest.value)}${strictest.from === undefined ? '' : ` from ${strictest.from}`}` };
}

/** What the template's internal targets see of one client: when it is unchanged, so are their warnings. */
function promisesSignature(template: Agreement, client: Agreement): string {
    const seen: Array<{ value: number; text: string } | undefined> = [];
    for (const node of AstUtils.streamAst(template)) if (isInternalTarget(node)) seen.push(promiseChecked(node, client));
    return JSON.stringify([client.name, seen]);
}

/**
 * The portfolio-wide warning stands on the template but depends on its clients: a client's
 * change (a tighter promise) must reach the template's document, which does not depend on
 * the client and so is not rebuilt with it. After a build that validated client agreements
 * but not the document of their template, the template's internal targets are checked again
 * against the clients (this check alone: cheap, the clients' resolutions are cached), in the
 * same update, after the clients' own diagnostics went out; when the warnings differ, the
 * template document's diagnostics are updated and sent anew.
 */
export function revalidateTemplatesOfChangedClients(services: SlaServices): void {
    const shared = services.shared;
    const code = qualifiedCode('template-internal-weaker');
    // Per client document, what the internal targets of its templates saw of it when last compared.
    const signatures = new Map<string, string>();
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, built => {
        const builtUris = new Set(built.map(document => document.uri.toString()));
        const templates = new Map<LangiumDocument, Set<Agreement>>();
        for (const document of built) {
            const root = document.parseResult.value;
            if (!isDocument(root)) continue;
            // Clients whose template's document is not part of this build (else its own validation sees them).
            const outside: Array<[LangiumDocument, Agreement, Agreement]> = [];
            for (const element of root.elements) {
                if (!isClientAgreement(element)) continue;
                const template = templateOf(element);
                const templateDocument = template && AstUtils.findRootNode(template).$document;
                if (!template || !templateDocument || builtUris.has(templateDocument.uri.toString()) || templateDocument.state !== DocumentState.Validated) continue;
                outside.push([templateDocument, template, element]);
            }
            // What the template's internal targets saw of this document when last compared; an
            // edit that changes no promise they look at (a fee, a clause) changes no warning.
            const key = document.uri.toString();
            if (outside.length === 0) {
                // Checked by its template's own validation (the first build, a template's change): compare afresh next time.
                signatures.delete(key);
                continue;
            }
            const text = JSON.stringify(outside.map(([templateDocument, template, client]) => [templateDocument.uri.toString(), promisesSignature(template, client)]));
            if (signatures.get(key) === text) continue;
            signatures.set(key, text);
            for (const [templateDocument, template] of outside) {
                const known = templates.get(templateDocument) ?? new Set<Agreement>();
                templates.set(templateDocument, known.add(template));
            }
        }
        for (const [document, ofDocument] of templates) {
            const validator = shared.ServiceRegistry.getServices(document.uri).validation.DocumentValidator;
            if (!(validator instanceof ReusingDocumentValidator)) continue;
            // Every template of the document: a changed client may have moved from one to another.
            const all = isDocument(document.parseResult.value) ? document.parseResult.value.elements.filter(isTemplate) : [...ofDocument];
            const fresh = validator.diagnosticsOf(accept => {
                for (const template of all) for (const node of AstUtils.streamAst(template)) if (isInternalTarget(node)) checkAgainstClients(node, services, accept);
            });
            const before = document.diagnostics ?? [];
            const others = before.filter(diagnostic => diagnostic.code !== code);
            if (JSON.stringify(before.filter(diagnostic => diagnostic.code === code)) === JSON.stringify(fresh)) continue;
            document.diagnostics = [...others, ...fresh];
            validator.forgetKept(document);
            shared.lsp.Connection?.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics });
        }
    });
}
