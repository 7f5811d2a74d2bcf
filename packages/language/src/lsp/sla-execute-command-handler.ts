import type { Report } from '@sla/engine';
import type { ConnectionConfig } from '@sla/engine';
import type { Cancellation } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor, type LangiumSharedServices } from 'langium/lsp';
import { dataAccessOf } from '../validation/sla-validation-module.js';
import { agreementModelOf, EvaluationInputError, type EvaluationProblem } from '../evaluation/evaluate-document.js';
import { requestedDayMessage } from '../evaluation/evaluation-request.js';
import { explainDocument } from '../explain/explain-document.js';
import { isDocument } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { commandNow } from './evaluation/command-now.js';
import { PortfolioCommand } from './portfolio/portfolio-command.js';
import { requestedDataOverrides, workspaceDatasetNames } from './requested-data-overrides.js';
import { commandDocument, commandUri } from './command-document.js';
import * as path from 'node:path';
import { createSlaServices } from '../sla-module.js';
import { diffMarkdown } from '../diff/diff-markdown.js';
import { revisionFiles, RevisionError, type RevisionFiles } from '../diff/revision-files.js';
import { diffWorkspaces } from '../diff/workspace-diff.js';
import { loadSlaFiles } from '../workspace/load-files.js';
import { SlaNodeFileSystem } from '../workspace/sla-node-file-system.js';

export type { EvaluatePortfolioArguments, EvaluatePortfolioResult } from './portfolio/portfolio-command.js';

/** Arguments of `sla.evaluate`, the server command any LSP client can call. */
export interface EvaluateCommandArguments {
    /** The document's URI, as the client knows it. */
    uri: string;
    /** Which agreement of the file (default: the first). */
    agreement?: string;
    from?: string;
    to?: string;
    /** Replacement file paths per dataset name, for this agreement: a name the agreement has no dataset of is refused (as `sla evaluate --data`). */
    dataOverrides?: Record<string, string>;
    /**
     * Replacement file paths per dataset name shared by every agreement of the workspace (an
     * editor's settings, VS Code's `sla.data.overrides`): each applies when the agreement has
     * the dataset; a name no agreement of the workspace declares is refused. `dataOverrides` win.
     */
    sharedDataOverrides?: Record<string, string>;
    skipInvalid?: boolean;
    /** Evaluate as if it were this instant: epoch ms, or an ISO-8601 timestamp with Z or an offset (as `sla evaluate --now`). */
    now?: number | string;
}

/** Arguments of `sla.diff`: the document, and the git revision to compare it with (default HEAD). */
export interface DiffCommandArguments {
    uri: string;
    base?: string;
}

/** What `sla.diff` answers: the changes in Markdown (diff-markdown.ts) and how many agreements loosen a promise, or why not. */
export type DiffCommandResult = { ok: true; markdown: string; loosening: number } | { ok: false; message: string };

/** What `sla.explain` answers: the document in plain language (Markdown), or why there is none (no such file). */
export type ExplainCommandResult = string | { ok: false; message: string };

/** What `sla.evaluate` answers: a report, or the problems that stopped it (1-based positions). */
export type EvaluateCommandResult =
    | { ok: true; report: Report }
    | { ok: false; message: string; problems: EvaluationProblem[] };

/**
 * `workspace/executeCommand` handler (`sla.evaluate`, `sla.explain`, `sla.evaluatePortfolio`, `sla.diff`): evaluation runs inside the language server, on the
 * document the server already has built, so every LSP client can evaluate. The main thread
 * builds the engine's model; the engine runs on a worker thread (evaluation/model-evaluator.ts),
 * so hovers and edits are answered meanwhile. Cancelling the request stops the evaluation.
 */
export class SlaExecuteCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super();
    }

    registerCommands(acceptor: ExecuteCommandAcceptor): void {
        acceptor('sla.evaluate', (args, cancelToken) => this.evaluate(args[0] as EvaluateCommandArguments, cancelToken));
        acceptor('sla.explain', args => this.explain(args[0] as { uri: string }));
        acceptor('sla.evaluatePortfolio', (args, cancelToken) => {
            const period = periodMessage(args[0] as { from?: unknown; to?: unknown } | undefined, 'sla.evaluatePortfolio');
            return period === undefined ? new PortfolioCommand(this.shared).evaluate(args[0], cancelToken) : { ok: false, message: period };
        });
        acceptor('sla.diff', args => this.diff(args[0] as DiffCommandArguments));
    }

    /**
     * The document as the editor has it now against its version at a git revision (`sla diff
     * --base`): the changes in Markdown. Git runs only in a trusted workspace (a repository's
     * configuration may name programs to run).
     */
    private async diff(args: DiffCommandArguments): Promise<DiffCommandResult> {
        const given = commandUri(args?.uri, 'sla.diff');
        if (!given.ok) return given;
        const uri = given.uri;
        const services = this.shared.ServiceRegistry.getServices(uri) as SlaServices;
        if (!dataAccessOf(services).trusted) return { ok: false, message: 'Comparing with a git revision runs git: trust the workspace first.' };
        const base = args.base?.trim() || 'HEAD';
        const current = await commandDocument(this.shared, uri, 'sla.diff');
        if (!current.ok) return current;
        const document = current.document;
        await this.shared.workspace.DocumentBuilder.build([document], { validation: false });
        let copy: RevisionFiles;
        try {
            copy = await revisionFiles(base, path.dirname(uri.fsPath));
        } catch (error) {
            if (error instanceof RevisionError) return { ok: false, message: error.message };
            throw error;
        }
        try {
            const old = await copy.pathAt(uri.fsPath);
            // The old version in language services of its own: both versions hold the same names.
            const oldServices = createSlaServices(SlaNodeFileSystem).Sla;
            dataAccessOf(oldServices).roots = [copy.folder];
            const before = old === undefined ? [] : (await loadSlaFiles([old], { services: oldServices, validate: false })).documents;
            const result = diffWorkspaces({ documents: before, root: copy.folder }, { documents: [document], root: copy.top });
            return { ok: true, markdown: diffMarkdown(result, { before: base, after: 'the editor' }), loosening: result.totals.loosening };
        } finally {
            await copy.remove();
        }
    }

    /** The whole document in plain language (Markdown), the same text as `sla explain`. */
    private async explain(args: { uri: string }): Promise<ExplainCommandResult> {
        const given = commandUri(args?.uri, 'sla.explain');
        if (!given.ok) return given;
        const services = this.shared.ServiceRegistry.getServices(given.uri) as SlaServices;
        const current = await commandDocument(this.shared, given.uri, 'sla.explain');
        if (!current.ok) return current;
        const document = current.document;
        await this.shared.workspace.DocumentBuilder.build([document], { validation: false });
        const root = document.parseResult.value;
        return isDocument(root) ? explainDocument(root, services.types.TypeComputer) : '';
    }

    private async evaluate(args: EvaluateCommandArguments, cancelToken: Cancellation.CancellationToken): Promise<EvaluateCommandResult> {
        const given = commandUri(args?.uri, 'sla.evaluate');
        if (!given.ok) return { ...given, problems: [] };
        const uri = given.uri;
        const services = this.shared.ServiceRegistry.getServices(uri) as SlaServices;
        // An untrusted workspace reads no data files (docs/editors.md), whichever client asks.
        if (!dataAccessOf(services).trusted) return { ok: false, message: 'Evaluation reads data files: trust the workspace to evaluate.', problems: [] };
        const now = commandNow(args.now, 'sla.evaluate');
        if (!now.ok) return { ok: false, message: now.message, problems: [] };
        const period = periodMessage(args, 'sla.evaluate');
        if (period !== undefined) return { ok: false, message: period, problems: [] };
        const current = await commandDocument(this.shared, uri, 'sla.evaluate', cancelToken);
        if (!current.ok) return { ...current, problems: [] };
        const document = current.document;
        await this.shared.workspace.DocumentBuilder.build([document], { validation: true });
        try {
            const own = args.dataOverrides ?? {};
            const shared = args.sharedDataOverrides ?? {};
            const model = agreementModelOf(document, services, args.agreement, Object.keys({ ...shared, ...own }));
            // Refused before any data is read: an override naming no dataset of the agreement was ignored, the declared file read.
            const overrides = requestedDataOverrides(model, own, shared, () => workspaceDatasetNames(this.shared.workspace.LangiumDocuments));
            if (!overrides.ok) return { ok: false, message: overrides.message, problems: [] };
            const report = await services.evaluation.ModelEvaluator.evaluate(model, {
                from: args.from, to: args.to, dataOverrides: overrides.overrides, skipInvalid: args.skipInvalid, now: now.now,
                // Tables of the connections the workspace's .slarc.json and the editor's sla.connections name (a trusted workspace only); passwords from the environment.
                ...connectionConfigsOf(dataAccessOf(services).evaluationConnections())
            }, cancelToken);
            services.evaluation.LatestEvaluations.remember(document.uri, report); // hovers show the latest values per window
            return { ok: true, report };
        } catch (error) {
            if (error instanceof EvaluationInputError) return { ok: false, message: error.message, problems: error.problems };
            throw error;
        }
    }
}

/** Why the `from` or `to` of a command is no day (as `sla evaluate --from` refuses it), or undefined. */
function periodMessage(args: { from?: unknown; to?: unknown } | undefined, command: string): string | undefined {
    const message = requestedDayMessage('`from`', args?.from) ?? requestedDayMessage('`to`', args?.to);
    return message === undefined ? undefined : `${command}: ${message}`;
}

/** `.slarc.json` connections as the engine takes them (name, URL, password variable). */
function connectionConfigsOf(configs: Record<string, { url: string; passwordEnv?: string }> | undefined): { connectionConfigs?: Record<string, ConnectionConfig> } {
    if (configs === undefined) return {};
    return { connectionConfigs: Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, { name, ...config }])) };
}
