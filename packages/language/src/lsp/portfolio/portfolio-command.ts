import { buildPortfolioReport, type AgreementModel, type PortfolioReport } from '@sla/engine';
import { DocumentState, URI, type Cancellation, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import * as path from 'node:path';
import { agreementModelOf, agreementsOf } from '../../evaluation/evaluate-document.js';
import { EvaluationInputError } from '../../evaluation/evaluate-model.js';
import type { SlaServices } from '../../sla-module.js';
import { dataAccessOf } from '../../validation/sla-validation-module.js';
import { describeRequestProblem, periodProblem } from '../../evaluation/evaluation-request.js';
import { withCustomer } from './customer-party.js';
import { textsOfNowBuilt } from '../texts-of-now.js';
import { commandNow } from '../evaluation/command-now.js';

/** Arguments of `sla.evaluatePortfolio`: every agreement of the .sla files under a folder. */
export interface EvaluatePortfolioArguments {
    /** The folder's URI, as the client knows it. */
    folder: string;
    from?: string;
    to?: string;
    dataOverrides?: Record<string, string>;
    skipInvalid?: boolean;
    /** Evaluate as if it were this instant: epoch ms, or an ISO-8601 timestamp with Z or an offset (as `sla evaluate --now`). */
    now?: number | string;
}

/** What `sla.evaluatePortfolio` answers: the portfolio and the agreements that could not be evaluated (with why). */
export type EvaluatePortfolioResult =
    | { ok: true; portfolio: PortfolioReport; failures: PortfolioFailure[] }
    | { ok: false; message: string };

/**
 * The server's `sla.evaluatePortfolio`: finds the agreements of the documents the workspace
 * holds under the folder and evaluates them together on the server's evaluation worker (the
 * engine's evaluatePortfolio: each data file read once for all; cancellable), and answers the
 * portfolio report. A file with errors, or an agreement whose validity misses the period
 * asked for, is listed as a failure and the others are still evaluated; bad data in a shared
 * file refuses the portfolio with the place to fix.
 */
export class PortfolioCommand {
    constructor(private readonly shared: LangiumSharedServices) {}

    async evaluate(args: EvaluatePortfolioArguments, cancelToken: Cancellation.CancellationToken): Promise<EvaluatePortfolioResult> {
        if (typeof args?.folder !== 'string') return { ok: false, message: 'sla.evaluatePortfolio needs the URI of a folder.' };
        const folder = URI.parse(args.folder);
        const now = commandNow(args.now, 'sla.evaluatePortfolio');
        if (!now.ok) return { ok: false, message: now.message };
        await textsOfNowBuilt(this.shared, cancelToken);
        const documents = this.documentsUnder(folder);
        if (documents.length === 0) return { ok: false, message: `No .sla file under ${folder.fsPath}.` };
        const services = this.shared.ServiceRegistry.getServices(documents[0]!.uri) as SlaServices;
        // An untrusted workspace reads no data files (docs/editors.md), whichever client asks.
        if (!dataAccessOf(services).trusted) return { ok: false, message: 'Evaluation reads data files: trust the workspace to evaluate.' };
        await this.shared.workspace.DocumentBuilder.build(documents, { validation: true }, cancelToken);
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, cancelToken);

        const models: AgreementModel[] = [];
        const failures: PortfolioFailure[] = [];
        const replaced = Object.keys(args.dataOverrides ?? {});
        for (const document of documents) {
            for (const agreement of agreementsOf(document)) {
                try {
                    const model = agreementModelOf(document, services, agreement.name, replaced);
                    // An agreement whose validity misses the period asked for is left out, not the whole portfolio refused.
                    const period = periodProblem(model, args.from, args.to);
                    if (period) throw new EvaluationInputError(describeRequestProblem(period, model.id), []);
                    models.push(withCustomer(model, agreement));
                } catch (error) {
                    if (!(error instanceof EvaluationInputError)) throw error;
                    failures.push(failureOf(document.uri.fsPath, agreement.name, error));
                }
            }
        }
        if (models.length === 0) return { ok: true, portfolio: buildPortfolioReport([], [], { now: now.now ?? Date.now(), dataFiles: [], from: args.from, to: args.to }), failures };
        try {
            // One pass per data file for all the agreements, on the server's evaluation worker.
            const portfolio = await services.evaluation.ModelEvaluator.evaluatePortfolio(models, {
                from: args.from, to: args.to, dataOverrides: args.dataOverrides, skipInvalid: args.skipInvalid, now: now.now
            }, cancelToken);
            for (const entry of portfolio.entries) {
                if (entry.sourceFile) services.evaluation.LatestEvaluations.remember(URI.file(entry.sourceFile), entry.report);
            }
            return { ok: true, portfolio, failures };
        } catch (error) {
            if (!(error instanceof EvaluationInputError)) throw error;
            const first = error.problems[0];
            return { ok: false, message: first ? `${error.message} (${first.file}:${first.line}:${first.column})` : error.message };
        }
    }

    /** The workspace's .sla documents under `folder` (the folder itself included), in path order. */
    private documentsUnder(folder: URI): LangiumDocument[] {
        const root = folder.fsPath.endsWith(path.sep) ? folder.fsPath : folder.fsPath + path.sep;
        return this.shared.workspace.LangiumDocuments.all
            .filter((document) => document.uri.scheme === 'file' && document.uri.fsPath.endsWith('.sla') && document.uri.fsPath.startsWith(root))
            .toArray()
            .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    }
}

type PortfolioFailure = { file: string; agreement?: string; message: string };

function failureOf(file: string, agreement: string, error: EvaluationInputError): PortfolioFailure {
    const first = error.problems[0];
    // The first problem with its place; the file is named beside it already, unless the problem lies in
    // another (the catalogue of a client's template): then that file is named with the place.
    const where = first && first.file !== file ? `${first.file}:` : '';
    const message = first ? `${where}${first.line}:${first.column}: ${first.message}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : ''}` : error.message;
    return { file, agreement, message };
}
