import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvaluateOptions } from '@sla/engine';
import type { LangiumDocument } from 'langium';
import { isAgreement, type Agreement, type Document } from '../../src/generated/ast.js';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';

/**
 * A catalogue of one template, Hosting: the outages of every client (\`incidents.csv\`: client,
 * started, resolved), the KPI Uptime over them, and \`members\` after it (objectives, rights),
 * indented as given. Shared by the tests of clients' promises over the term, Service Level
 * Defaults and termination rights.
 */
export function hostingCatalogue(members: string): string {
    return `template Hosting "Managed hosting" {
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
${members}}
`;
}

/**
 * Northwind, a client of the catalogue `catalogue` (UTC, valid `validity`, writing `own` —
 * its objective, or nothing — and scoped to `client = "northwind"`), over the outages
 * `incidents` (`client,started,resolved` rows after the header), written into a fresh folder,
 * loaded and validated.
 */
export async function loadCatalogueClient(catalogue: string, own: string, incidents: string, validity: string) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-catalogue-client-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), catalogue);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved\n${incidents}`);
    fs.writeFileSync(path.join(folder, 'northwind.sla'), clientText('Northwind', own, validity));
    const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla')], { validate: true });
    return { document: documents.find(d => d.uri.fsPath.endsWith('northwind.sla'))!, services };
}

/** A client of the catalogue as loadCatalogueClient writes it: `Northwind`, scoped to `client = "northwind"`. */
function clientText(name: string, own: string, validity: string): string {
    return `import "catalogue.sla"
agreement ${name} from Hosting {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from ${validity}
    timezone "UTC"
    ${own}
    client scope client = "${name.toLowerCase()}"
}
`;
}

/** Several clients of the catalogue (`names`, each taking the template as it is), evaluated as one portfolio with `options`. */
export async function catalogueClients(catalogue: string, names: string[], incidents: string, validity: string, options: EvaluateOptions) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-catalogue-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), catalogue);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved\n${incidents}`);
    for (const name of names) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), clientText(name, '', validity));
    const { documents, services } = await loadSlaFiles(names.map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    return await evaluatePortfolioDocuments(portfolioAgreements(documents), services, options);
}

/** Northwind as `loadCatalogueClient` writes it, evaluated as a portfolio of one with `options`. */
export async function catalogueClient(catalogue: string, own: string, incidents: string, validity: string, options: EvaluateOptions) {
    const { document, services } = await loadCatalogueClient(catalogue, own, incidents, validity);
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements([document]), services, options);
    return { document, portfolio };
}

/**
 * A client agreement of the template `template` imported from catalogue.sla: UTC, 2026, provider
 * P, customer "NAME AG", a fee when given (`1000 EUR` a month), scoped to `client = "name"`, then
 * `lines` (its arguments and own members, indented as given). The `with` line, when `args` are
 * given, is line 8 without a fee, 9 with one.
 */
export function catalogueClientText(name: string, { template = 'Hosting', fee, args, lines = '' }: { template?: string; fee?: string; args?: string; lines?: string } = {}): string {
    return `import "catalogue.sla"
agreement ${name} from ${template} {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
${fee ? `    fee ${fee} per calendar month\n` : ''}    client scope client = "${name.toLowerCase()}"
${args ? `    with ${args}\n` : ''}${lines}}
`;
}

/** The (first) agreement a loaded client file declares. */
export function agreementOf(document: LangiumDocument): Agreement {
    return (document.parseResult.value as Document).elements.find(isAgreement)!;
}
