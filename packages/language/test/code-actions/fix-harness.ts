import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { createSlaServices } from '../../src/sla-module.js';
import { dataAccessOf } from '../../src/validation/sla-validation-module.js';

// Documents live next to the validation corpus so that `data/…` paths resolve to its files.
const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'validation', 'corpus');
const services = createSlaServices(NodeFileSystem).Sla;
let counter = 0;

export async function validate(text: string): Promise<{ document: LangiumDocument; diagnostics: Diagnostic[] }> {
    const uri = URI.file(path.join(folder, `quick-fix-test-${counter++}.sla`));
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    services.shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        return { document, diagnostics: document.diagnostics ?? [] };
    } finally {
        services.shared.workspace.LangiumDocuments.deleteDocument(uri);
    }
}

/** Runs `run` with the project configuration naming `connections` (as .slarc.json does), then forgets them. */
export async function withConnections<T>(connections: string[], run: () => Promise<T>): Promise<T> {
    const access = dataAccessOf(services);
    const before = access.connections;
    access.connections = new Set(connections);
    try {
        return await run();
    } finally {
        access.connections = before;
    }
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code ?? 'parse-error')).sort();
}

/** The quick fixes offered for the one diagnostic with `code`. */
export async function fixesFor(text: string, code: string): Promise<{ actions: CodeAction[]; apply: (title: string) => string }> {
    const { document, diagnostics } = await validate(text);
    const matching = diagnostics.filter(d => d.code === code);
    if (matching.length !== 1) throw new Error(`expected one ${code}, got ${matching.length}: ${diagnostics.map(d => `${String(d.code)} ${d.message}`).join('\n')}`);
    const diagnostic = matching[0];
    const result = await services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    });
    const actions = (result ?? []).filter((a): a is CodeAction => 'edit' in a || 'kind' in a);
    const apply = (title: string): string => {
        const action = actions.find(a => a.title === title);
        if (!action) throw new Error(`no fix '${title}'; offered: ${actions.map(a => a.title).join(', ')}`);
        const edits = Object.values(action.edit?.changes ?? {})[0] ?? [];
        return TextDocument.applyEdits(TextDocument.create('file:///x.sla', 'sla', 1, text), edits);
    };
    return { actions, apply };
}

/** An agreement (UTC, 2026–2027) with one objective on availability over the corpus's incidents; `objective` is the rest of its line. */
export function hostingWithObjective(objective: string): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2027-12-31
    timezone "UTC"

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Uptime" = uptime(incidents, from started to resolved)
    objective Availability ${objective}
}
`;
}
