/**
 * The engine's run of one agreement model, its data problems turned into the places to
 * fix. Imports nothing of Langium: the language server runs it on a worker thread of its
 * own (lsp/evaluation/evaluation-worker.ts), the CLI on its main thread.
 */
import { DataError, evaluateWithEngines, splitDataErrorLocation, type AgreementModel, type EngineEvaluateOptions, type Report } from '@sla/engine';
import { describeRequestProblem, missingOverrideProblem, periodAfterNowProblem, periodProblem, unknownDataEndProblem, unknownDatasetProblem, type RequestProblem } from './evaluation-request.js';

/** A place to fix before evaluating (1-based line and column); the message does not repeat the place. */
export interface EvaluationProblem {
    file: string;
    line: number;
    column: number;
    message: string;
    /** the diagnostic's code (`sla/window-ambiguous`) when the problem is one of the document's errors */
    code?: string;
}

/** Why an agreement could not be evaluated, with the places to fix. */
export class EvaluationInputError extends Error {
    constructor(
        message: string,
        readonly problems: EvaluationProblem[],
        /** What the caller asked for that cannot be honoured (a period, a data file), for callers that word it with their own options. */
        readonly request?: RequestProblem,
        /** An invalid row stopped the evaluation; skipping invalid rows would have gone past it. */
        readonly invalidRow = false
    ) {
        super(message);
    }
}

export interface EvaluateModelOptions extends EngineEvaluateOptions {
    /**
     * Refuse a replacement file for a dataset the agreement does not have (a misspelt
     * `--data` name would otherwise be ignored and the declared file read). Off for
     * callers whose replacements are shared by several agreements (editor settings).
     */
    refuseUnknownDatasets?: boolean;
    /**
     * Refuse a period that starts at or after the time of evaluation (`now`, else the present):
     * its report would be of nothing, its period backwards. Off for callers that show a report
     * of nothing as it is (the editor, before an agreement's validity begins).
     */
    refuseEmptyPeriod?: boolean;
}

/**
 * Evaluates a model against its data. What cannot be honoured is refused before any data is
 * read (a period that is empty or outside the validity, a replacement file that is missing);
 * an unreadable file or an invalid row is an EvaluationInputError naming file, line and column.
 */
export async function evaluateModel(model: AgreementModel, options: EvaluateModelOptions = {}): Promise<Report> {
    const refuse = (problem: RequestProblem | undefined) => {
        if (problem) throw new EvaluationInputError(describeRequestProblem(problem, model.id), [], problem);
    };
    refuse(periodProblem(model, options.from, options.to));
    if (options.refuseEmptyPeriod) refuse(periodAfterNowProblem(model, options.from, options.now ?? Date.now()));
    const overrides = options.dataOverrides ?? {};
    if (options.refuseUnknownDatasets) {
        refuse(unknownDatasetProblem(model, overrides));
        refuse(unknownDataEndProblem(model, options.dataEnd ?? {}));
    }
    refuse(await missingOverrideProblem(overrides));
    try {
        // Files with the local engine unless a dataset names a table or Parquet (sql/evaluate-with-engines.ts).
        return await evaluateWithEngines(model, options);
    } catch (error) {
        if (error instanceof DataError) {
            const place = splitDataErrorLocation(error);
            throw new EvaluationInputError(error.message,
                [{ file: error.file, line: place.line, column: place.column ?? 1, message: place.message }], undefined, error.skippable);
        }
        throw error;
    }
}
