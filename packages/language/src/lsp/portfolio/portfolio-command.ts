import { buildPortfolioReport, type AgreementModel, type PortfolioReport } from '@sla/engine';
import { DocumentState, URI, type Cancellation, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import * as path from 'node:path';
import { agreementModelOf, agreementsOf } from '../../evaluation/evaluate-document.js';
import { EvaluationInputError } from '../../evaluation/evaluate-model.js';
import { agreementCopies, agreementCopiesName, placeText, type AgreementCopies } from '../../evaluation/agreement-copies.js';
import { errorsBeforeEvaluation } from '../../evaluation/errors-before-evaluation.js';
import type { SlaServices } from '../../sla-module.js';
import { dataAccessOf } from '../../validation/sla-validation-module.js';
import { describeRequestProblem, periodProblem } from '../../evaluation/evaluation-request.js';
import { withCustomer } from './customer-party.js';
import { folderInWorkspace } from './folder-in-workspace.js';
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
 * portfolio report. A file with errors (its agreement read or not), an agreement whose validity
 * misses the period asked for, and each copy of one customer's agreement found in two files
 * (agreement-copies.ts) are listed as failures and the others are still evaluated; bad data in
 * a shared file refuses the portfolio with the place to fix.
 */
export class PortfolioCommand {
    constructor(private readonly shared: LangiumSharedServices) {}

    async evaluate(args: EvaluatePortfolioArguments, cancelToken: Cancellation.CancellationToken): Promise<EvaluatePortfolioResult> {
        if (typeof args?.folder !== 'string') return { ok: false, message: 'sla.evaluatePortfolio needs the URI of a folder.' };
        const folder = URI.parse(args.folder);
        const now = commandNow(args.now, 'sla.evaluatePortfolio');
        if (!now.ok) return { ok: false, message: now.message };
        const language = this.shared.ServiceRegistry.all[0] as SlaServices | undefined;
        if (language && !folderInWorkspace(folder.fsPath, dataAccessOf(language).roots)) return { ok: false, message: `${folder.fsPath} is not in the workspace: add it to the workspace to evaluate its agreements.` };
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
        const found = documents.flatMap(document => agreementsOf(document).map(agreement => ({ document, agreement })));
        // One customer's agreement in two files (a copy kept in a subfolder) is not evaluated: each copy would be paid.
        const copyNotes = copiesNotes(agreementCopies(found));
        for (const document of documents) {
            // A file with errors whose agreement was not read (a header that does not parse) is listed too:
            // left out unseen, its client's breaches and credits would be missing from the totals.
            if (agreementsOf(document).length === 0 && hasOwnErrors(document, services, replaced)) {
                try {
                    agreementModelOf(document, services, undefined, replaced);
                } catch (error) {
                    if (!(error instanceof EvaluationInputError)) throw error;
                    failures.push(failureOf(document.uri.fsPath, undefined, error));
                }
            }
        }
        for (const { document, agreement } of found) {
            const file = document.uri.fsPath;
            const copyNote = copyNotes.get(`${file}\u0000${agreement.name}`);
            if (copyNote !== undefined) {
                failures.push({ file, agreement: agreement.name, message: copyNote });
                continue;
            }
            try {
                const model = agreementModelOf(document, services, agreement.name, replaced);
                // An agreement whose validity misses the period asked for is left out, not the whole portfolio refused.
                const period = periodProblem(model, args.from, args.to);
                if (period) throw new EvaluationInputError(describeRequestProblem(period, model.id), []);
                models.push(withCustomer(model, agreement));
            } catch (error) {
                if (!(error instanceof EvaluationInputError)) throw error;
                failures.push(failureOf(file, agreement.name, error));
            }
        }
        failures.sort((a, b) => a.file.localeCompare(b.file));
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

/** Whether the document's own text has errors that keep it from being evaluated. */
function hasOwnErrors(document: LangiumDocument, services: SlaServices, replaced: readonly string[]): boolean {
    return errorsBeforeEvaluation(document, services.shared.workspace.LangiumDocuments, replaced).some(each => each.document === document);
}

/**
 * Each copy's failure message, by `file NUL agreement`: at its name, the other places and what
 * to do — as `sla evaluate`, which refuses the folder, says it.
 */
function copiesNotes(copies: readonly AgreementCopies[]): Map<string, string> {
    const notes = new Map<string, string>();
    for (const each of copies) {
        for (const place of each.places) {
            const others = each.places.filter(other => other !== place).map(other => placeText(other)).join(', ');
            notes.set(`${place.file}\u0000${each.agreement}`, `${place.line}:${place.column}: ${agreementCopiesName(each)} is also in ${others}: not evaluated, as each copy would be evaluated and its credits counted. Rename one (one customer's agreements need different names) or delete the copy, or evaluate a folder that holds only one.`);
        }
    }
    return notes;
}

function failureOf(file: string, agreement: string | undefined, error: EvaluationInputError): PortfolioFailure {
    const first = error.problems[0];
    // The first problem with its place; the file is named beside it already, unless the problem lies in
    // another (the catalogue of a client's template): then that file is named with the place.
    const where = first && first.file !== file ? `${first.file}:` : '';
    const message = first ? `${where}${first.line}:${first.column}: ${first.message}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : ''}` : error.message;
    return agreement === undefined ? { file, message } : { file, agreement, message };
}
