import type { LangiumDocument, LangiumDocuments } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { importedDocuments } from '../workspace/imports.js';

/** A document with errors that keep an agreement from being evaluated, and those errors. */
export interface DocumentErrors {
    document: LangiumDocument;
    errors: Diagnostic[];
}

/**
 * The errors that keep the agreements of `document` from being evaluated: its own, then those
 * of each document it imports, directly or not — the catalogue its `from Template` resolves
 * into among them. A client is never measured with a broken template in its place (a default
 * of the wrong type, a parameter that does not parse): each error is given with the document
 * that holds it, to be reported at its own file. Documents without errors are left out.
 */
export function errorsBeforeEvaluation(
    document: LangiumDocument, documents: LangiumDocuments, replacedDatasets: readonly string[] = []
): DocumentErrors[] {
    const result: DocumentErrors[] = [];
    for (const each of [document, ...importedDocuments(document, documents)]) {
        const errors = (each.diagnostics ?? []).filter(d => d.severity === 1 && !isAboutReplacedFile(d.data, replacedDatasets));
        if (errors.length > 0) result.push({ document: each, errors });
    }
    return result;
}

/**
 * Whether a diagnostic (its `data`) is about the declared file of one of `replacedDatasets`, which
 * evaluation reads from another file (--data): the engine checks the file it reads instead.
 * `data.dataset` is set by the dataset checks (SlaDiagnosticData); read structurally, as evaluation
 * does not import validation.
 */
export function isAboutReplacedFile(data: unknown, replacedDatasets: readonly string[]): boolean {
    const dataset = (data as { dataset?: unknown } | undefined)?.dataset;
    return typeof dataset === 'string' && replacedDatasets.includes(dataset);
}
