import { DataError, evaluateAgreement, type EvaluateOptions, type Report } from '@sla/engine';
import type { LangiumDocument } from 'langium';
import { isAgreement, isDocument, type Agreement } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { ModelError, toAgreementModel } from './agreement-model.js';

/** Why an agreement could not be evaluated, with the places to fix (1-based positions). */
export class EvaluationInputError extends Error {
    constructor(message: string, readonly problems: Array<{ file: string; line: number; column: number; message: string }>) {
        super(message);
    }
}

/** The agreements of a document, by name. */
export function agreementsOf(document: LangiumDocument): Agreement[] {
    const root = document.parseResult.value;
    return isDocument(root) ? root.elements.filter(isAgreement) : [];
}

/**
 * Evaluates one agreement of a built document against its data: the single path the CLI
 * and the language server share. A document with errors is refused with the errors listed;
 * an unreadable data file or an invalid row (without skipInvalid) is an EvaluationInputError
 * naming file, line and column.
 */
export async function evaluateDocument(
    document: LangiumDocument, services: SlaServices, options: EvaluateOptions & { agreement?: string } = {}
): Promise<Report> {
    const file = document.uri.fsPath;
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    if (errors.length > 0) {
        throw new EvaluationInputError(
            `${file} has ${errors.length} error(s); fix them before evaluating.`,
            errors.map(d => ({ file, line: d.range.start.line + 1, column: d.range.start.character + 1, message: typeof d.message === 'string' ? d.message : d.message.value })));
    }
    const agreements = agreementsOf(document);
    const agreement = options.agreement ? agreements.find(a => a.name === options.agreement) : agreements[0];
    if (!agreement) {
        throw new EvaluationInputError(options.agreement
            ? `${file} has no agreement called '${options.agreement}' (it has ${agreements.map(a => a.name).join(', ') || 'none'}).`
            : `${file} holds no agreement to evaluate (only shared definitions).`, []);
    }
    let model;
    try {
        model = toAgreementModel(agreement, services.types.TypeComputer);
    } catch (error) {
        if (error instanceof ModelError) {
            const start = error.node.$cstNode?.range.start;
            throw new EvaluationInputError(error.message, [{ file, line: (start?.line ?? 0) + 1, column: (start?.character ?? 0) + 1, message: error.message }]);
        }
        throw error;
    }
    try {
        return await evaluateAgreement(model, options);
    } catch (error) {
        if (error instanceof DataError) {
            throw new EvaluationInputError(error.message, [{ file: error.file, line: error.line, column: error.column ?? 1, message: error.message }]);
        }
        throw error;
    }
}
