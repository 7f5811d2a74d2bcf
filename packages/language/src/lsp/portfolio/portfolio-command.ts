import type { PortfolioReport } from '@sla/engine';
import { DocumentState, URI, type Cancellation, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import * as path from 'node:path';
import { agreementModelOf, agreementsOf, EvaluationInputError } from '../../evaluation/evaluate-document.js';
import { isParty, type Agreement } from '../../generated/ast.js';
import type { SlaServices } from '../../sla-module.js';
import { dataAccessOf } from '../../validation/sla-validation-module.js';
import { portfolioOfReports, type EvaluatedAgreement } from './portfolio-of-reports.js';

/** Arguments of `sla.evaluatePortfolio`: every agreement of the .sla files under a folder. */
export interface EvaluatePortfolioArguments {
    /** The folder's URI, as the client knows it. */
    folder: string;
    from?: string;
    to?: string;
    dataOverrides?: Record<string, string>;
    skipInvalid?: boolean;
    /** Evaluate as if it were this instant (epoch ms). */
    now?: number;
}

/** What `sla.evaluatePortfolio` answers: the portfolio and the agreements that could not be evaluated (with why). */
export type EvaluatePortfolioResult =
    | { ok: true; portfolio: PortfolioReport; failures: Array<{ file: string; agreement?: string; message: string }> }
    | { ok: false; message: string };

/**
 * The server's `sla.evaluatePortfolio`: finds the agreements of the documents the workspace
 * holds under the folder, evaluates each on the server's evaluation worker (cancellable
 * between and during evaluations), and answers the portfolio report. A file with errors or
 * an agreement the engine refuses is listed as a failure; the others are still evaluated.
 */
export class PortfolioCommand {
    constructor(private readonly shared: LangiumSharedServices) {}

    async evaluate(args: EvaluatePortfolioArguments, cancelToken: Cancellation.CancellationToken): Promise<EvaluatePortfolioResult> {
        if (typeof args?.folder !== 'string') return { ok: false, message: 'sla.evaluatePortfolio needs the URI of a folder.' };
        const folder = URI.parse(args.folder);
        await this.shared.workspace.WorkspaceManager.ready;
        const documents = this.documentsUnder(folder);
        if (documents.length === 0) return { ok: false, message: `No .sla file under ${folder.fsPath}.` };
        const services = this.shared.ServiceRegistry.getServices(documents[0]!.uri) as SlaServices;
        // An untrusted workspace reads no data files (docs/editors.md), whichever client asks.
        if (!dataAccessOf(services).trusted) return { ok: false, message: 'Evaluation reads data files: trust the workspace to evaluate.' };
        await this.shared.workspace.DocumentBuilder.build(documents, { validation: true }, cancelToken);
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, cancelToken);

        const evaluated: EvaluatedAgreement[] = [];
        const failures: Array<{ file: string; agreement?: string; message: string }> = [];
        const replaced = Object.keys(args.dataOverrides ?? {});
        for (const document of documents) {
            for (const agreement of agreementsOf(document)) {
                try {
                    const model = agreementModelOf(document, services, agreement.name, replaced);
                    const report = await services.evaluation.ModelEvaluator.evaluate(model, {
                        from: args.from, to: args.to, dataOverrides: args.dataOverrides, skipInvalid: args.skipInvalid, now: args.now
                    }, cancelToken);
                    services.evaluation.LatestEvaluations.remember(document.uri, report);
                    evaluated.push({ model, report, sourceFile: document.uri.fsPath, ...clientOf(agreement) });
                } catch (error) {
                    if (!(error instanceof EvaluationInputError)) throw error;
                    const first = error.problems[0];
                    failures.push({
                        file: document.uri.fsPath, agreement: agreement.name,
                        // The first problem with its place; the file is named beside it already.
                        message: first ? `${first.line}:${first.column}: ${first.message}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : ''}` : error.message
                    });
                }
            }
        }
        return { ok: true, portfolio: portfolioOfReports(evaluated, periodOf(evaluated, args), args.now), failures };
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

function clientOf(agreement: Agreement): { client?: string } {
    const customer = agreement.members.find((member) => isParty(member) && member.role === 'customer') as { name?: string } | undefined;
    return customer?.name ? { client: customer.name } : {};
}

/** The period asked for, or the span of the agreements' own periods. */
function periodOf(evaluated: readonly EvaluatedAgreement[], args: EvaluatePortfolioArguments): { from: string; to: string } {
    const froms = evaluated.map((item) => item.report.period.from).sort((a, b) => Date.parse(a) - Date.parse(b));
    const tos = evaluated.map((item) => item.report.period.to).sort((a, b) => Date.parse(a) - Date.parse(b));
    return { from: args.from ?? froms[0] ?? '', to: args.to ?? tos[tos.length - 1] ?? '' };
}
