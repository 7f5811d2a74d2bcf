/**
 * The engine's run of one agreement model, its data problems turned into the places to
 * fix. Imports nothing of Langium: the language server runs it on a worker thread of its
 * own (lsp/evaluation/evaluation-worker.ts), the CLI on its main thread.
 */
import { DataError, displayPath, evaluateAgreement, type AgreementModel, type EvaluateOptions, type Report } from '@sla/engine';

/** A place to fix before evaluating (1-based line and column). */
export interface EvaluationProblem {
    file: string;
    line: number;
    column: number;
    message: string;
}

/** Why an agreement could not be evaluated, with the places to fix. */
export class EvaluationInputError extends Error {
    constructor(message: string, readonly problems: EvaluationProblem[]) {
        super(message);
    }
}

/** Evaluates a model against its data; an unreadable file or an invalid row is an EvaluationInputError naming file, line and column. */
export async function evaluateModel(model: AgreementModel, options: EvaluateOptions = {}): Promise<Report> {
    try {
        return await evaluateAgreement(model, options);
    } catch (error) {
        if (error instanceof DataError) {
            throw new EvaluationInputError(error.message, [{ file: error.file, line: error.line, column: error.column ?? 1, message: withoutLocation(error) }]);
        }
        throw error;
    }
}

/**
 * The message of a data error without its leading `file:line[:column]: `: a problem
 * carries the place, and tools print it before the message (the path once, not twice).
 */
function withoutLocation(error: DataError): string {
    const shown = displayPath(error.file);
    return error.message.startsWith(`${shown}:`) ? error.message.slice(shown.length).replace(/^:\d+(?::\d+)?:? */, '') : error.message;
}
