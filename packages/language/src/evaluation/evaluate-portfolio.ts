/**
 * The CLI's portfolio path: every agreement of the documents given, evaluated in one pass
 * per data file (the engine's evaluatePortfolio), with the same refusals and the same
 * error places as one agreement (evaluate-model.ts).
 */
import { buildPortfolioReport, DataError, evaluatePortfolio, evaluatePortfolioWithEngines, needsEngines, splitDataErrorLocation, type AgreementModel, type PortfolioReport, type Report } from '@sla/engine';
import type { LangiumDocument } from 'langium';
import { isParty, type Agreement } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { agreementModelOf, agreementsOf } from './evaluate-document.js';
import { EvaluationInputError, type EvaluateModelOptions } from './evaluate-model.js';
import { describeRequestProblem, missingOverrideProblem, unknownDataEndProblem, unknownDatasetProblem, type RequestProblem } from './evaluation-request.js';
import { portfolioSelection } from './portfolio-period.js';

export { agreementCopies, agreementCopiesName, placeText, type AgreementCopies, type AgreementPlace } from './agreement-copies.js';

/** Every agreement of the documents, in document order, with the document that holds it. */
export function portfolioAgreements(documents: readonly LangiumDocument[]): Array<{ document: LangiumDocument; agreement: Agreement }> {
    return documents.flatMap(document => agreementsOf(document).map(agreement => ({ document, agreement })));
}

/** Evaluates the agreements (models built from their documents) as one portfolio. */
export async function evaluatePortfolioDocuments(
    selected: ReadonlyArray<{ document: LangiumDocument; agreement: Agreement }>, services: SlaServices, options: EvaluateModelOptions = {}
): Promise<PortfolioReport> {
    return await evaluatePortfolioModels(portfolioModels(selected, services, options), options);
}

/**
 * The models of the agreements, for evaluatePortfolioModels. They hold no syntax tree: a caller
 * done with the documents (the CLI) can let them go before the evaluation's pass.
 */
export function portfolioModels(
    selected: ReadonlyArray<{ document: LangiumDocument; agreement: Agreement }>, services: SlaServices, options: EvaluateModelOptions = {}
): AgreementModel[] {
    const replaced = Object.keys(options.dataOverrides ?? {});
    return selected.map(({ document, agreement }) => {
        const model = agreementModelOf(document, services, agreement.name, replaced);
        // The portfolio's client column: the customer party, unless the translation already set it.
        model.customer ??= customerOf(agreement);
        return model;
    });
}

export async function evaluatePortfolioModels(models: AgreementModel[], options: EvaluateModelOptions = {}): Promise<PortfolioReport> {
    const refuse = (problem: RequestProblem | undefined, agreement: string) => {
        if (problem) throw new EvaluationInputError(describeRequestProblem(problem, agreement), [], problem);
    };
    // One period and one time of evaluation for all: the agreements not in force then are left out, named in the notes.
    const selection = portfolioSelection(models, { from: options.from, to: options.to, now: options.now ?? Date.now(), leaveOutNotInForce: options.refuseEmptyPeriod === true });
    if ('problem' in selection) throw new EvaluationInputError(describeRequestProblem(selection.problem, selection.agreement), [], selection.problem);
    models = selection.models;
    const notes = selection.notes;
    const overrides = options.dataOverrides ?? {};
    // A replacement file (or a data end) names a dataset of at least one agreement (it replaces it in each that has it).
    if (options.refuseUnknownDatasets && models.length > 0) {
        const union: AgreementModel = { ...models[0]!, datasets: Object.assign({}, ...models.map(model => model.datasets)) };
        refuse(unknownDatasetProblem(union, overrides), 'No agreement');
        refuse(unknownDataEndProblem(union, options.dataEnd ?? {}), 'No agreement');
    }
    refuse(await missingOverrideProblem(overrides), 'the portfolio');
    try {
        // The one shared pass reads files with the local readers; agreements on tables, Parquet
        // or `--engine duckdb` are evaluated on their engines (each file read per agreement;
        // agreements over one table with client scopes share one push-down), and the report says so.
        if (models.some(model => needsEngines(model, options.engine, overrides))) {
            // Agreements reading one table with their client scopes share one push-down (one set of queries for all of them).
            const reports: Report[] = await evaluatePortfolioWithEngines(models, options);
            const report = buildPortfolioReport(models, reports, {
                now: options.now ?? Date.now(), dataFiles: [],
                ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }),
                notes: ['Agreements on database tables, Parquet files or --engine duckdb were evaluated on their engines, not in one shared pass over files: dataFiles is empty.'
                    + (reports.some(report => report.engines?.datasets.some(dataset => dataset.sharedBy !== undefined)) ? ' Agreements reading one table with their client scopes shared one push-down (report.engines.datasets[].sharedBy).' : '')]
            });
            report.notes.push(...notes);
            return report;
        }
        const report = await evaluatePortfolio(models, options);
        report.notes.push(...notes);
        return report;
    } catch (error) {
        if (error instanceof DataError) {
            const place = splitDataErrorLocation(error);
            throw new EvaluationInputError(error.message,
                [{ file: error.file, line: place.line, column: place.column ?? 1, message: place.message }], undefined, error.skippable);
        }
        throw error;
    }
}

/** The agreement's `customer Name "Title"` party. */
function customerOf(agreement: Agreement): AgreementModel['customer'] {
    const party = agreement.members.find(member => isParty(member) && member.role === 'customer');
    if (party === undefined || !isParty(party)) return undefined;
    return party.title === undefined ? { name: party.name } : { name: party.name, title: party.title };
}
