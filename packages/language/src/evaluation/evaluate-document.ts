import type { AgreementModel, Report } from '@sla/engine';
import type { AstNode, LangiumDocument } from 'langium';
import { isAgreement, isDocument, type Agreement } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { ModelError, toAgreementModel } from './agreement-model.js';
import { errorsBeforeEvaluation, type DocumentErrors } from './errors-before-evaluation.js';
import { EvaluationInputError, evaluateModel, type EvaluateModelOptions } from './evaluate-model.js';

export { EvaluationInputError, type EvaluateModelOptions, type EvaluationProblem } from './evaluate-model.js';
export { errorsBeforeEvaluation, isAboutReplacedFile, type DocumentErrors } from './errors-before-evaluation.js';

/** The agreements of a document, by name (templates left out). */
export function agreementsOf(document: LangiumDocument): Agreement[] {
    const root = document.parseResult.value;
    // A template is not evaluated: its clients are.
    return isDocument(root) ? root.elements.filter(isAgreement).filter(agreement => !agreement.isTemplate) : [];
}

/**
 * The engine's model of one agreement of a built document (default: the first). A document
 * with errors, or one it imports (its template's catalogue), is refused with the errors listed,
 * each at its own file, as is an agreement the engine cannot evaluate (EvaluationInputError,
 * 1-based positions). An error about the declared file of a dataset evaluation reads from
 * another file (`replacedDatasets`, from --data) does not stop it: the engine checks the file it reads.
 */
export function agreementModelOf(document: LangiumDocument, services: SlaServices, agreementName?: string, replacedDatasets: readonly string[] = []): AgreementModel {
    const file = document.uri.fsPath;
    const withErrors = errorsBeforeEvaluation(document, services.shared.workspace.LangiumDocuments, replacedDatasets);
    if (withErrors.length > 0) {
        throw new EvaluationInputError(errorsMessage(document, withErrors), withErrors.flatMap(({ document: holder, errors }) => errors.map(d => ({
            file: holder.uri.fsPath, line: d.range.start.line + 1, column: d.range.start.character + 1,
            message: typeof d.message === 'string' ? d.message : d.message.value,
            ...(typeof d.code === 'string' && d.code !== '' ? { code: d.code } : {})
        }))));
    }
    const agreements = agreementsOf(document);
    const agreement = agreementName ? agreements.find(a => a.name === agreementName) : agreements[0];
    if (!agreement) {
        throw new EvaluationInputError(agreementName
            ? `${file} has no agreement called '${agreementName}' (it has ${agreements.map(a => a.name).join(', ') || 'none'}).`
            : hasTemplates(document)
                ? `${file} holds only templates: a template is evaluated through the client agreements built from it ('agreement Name from Template { … }'). Evaluate those files.`
                : `${file} holds no agreement to evaluate (only shared definitions).`, []);
    }
    try {
        return toAgreementModel(agreement, services.types.TypeComputer);
    } catch (error) {
        if (error instanceof ModelError) {
            const start = error.node.$cstNode?.range.start;
            throw new EvaluationInputError(error.message, [{ file: fileOfPlace(error.node) ?? file, line: (start?.line ?? 0) + 1, column: (start?.character ?? 0) + 1, message: error.message }]);
        }
        throw error;
    }
}

/**
 * Evaluates one agreement of a built document against its data, on this thread: the CLI's
 * path (the language server builds the same model and evaluates it on a worker thread, see
 * lsp/evaluation/model-evaluator.ts). An unreadable data file or an invalid row (without
 * skipInvalid) is an EvaluationInputError naming file, line and column.
 */
export async function evaluateDocument(
    document: LangiumDocument, services: SlaServices, options: EvaluateModelOptions & { agreement?: string } = {}
): Promise<Report> {
    return await evaluateModel(agreementModelOf(document, services, options.agreement, Object.keys(options.dataOverrides ?? {})), options);
}

/**
 * The file whose text holds the node's place (its CST node): a template member copied into a
 * client (client-resolution.ts) is a node of the client's tree, but its place is in the
 * template's file, the catalogue.
 */
function fileOfPlace(node: AstNode): string | undefined {
    return node.$cstNode?.root.astNode.$document?.uri.fsPath;
}

/** "x.sla has 2 error(s)", and for an imported document the file that imports it: the errors are not in the file evaluated. */
function errorsMessage(document: LangiumDocument, withErrors: readonly DocumentErrors[]): string {
    const file = document.uri.fsPath;
    const counts = withErrors.map(({ document: holder, errors }) => holder === document
        ? `${file} has ${errors.length} error(s)`
        : `${holder.uri.fsPath}, which ${file} imports, has ${errors.length} error(s)`);
    return `${counts.join('; ')}; fix them before evaluating.`;
}

function hasTemplates(document: LangiumDocument): boolean {
    const root = document.parseResult.value;
    return isDocument(root) && root.elements.some(element => isAgreement(element) && element.isTemplate);
}
