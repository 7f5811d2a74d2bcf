/**
 * Which entry of a document's latest report is an objective's (or internal target's), for its
 * hover. By what the objective is, not where it is: its service, KPI, window, `for each` field
 * and kind, as the evaluation wrote them. The report's line of an objective goes stale as soon
 * as a line above is added or deleted, and in a client built from a template the lines of the
 * template's objectives are the template file's: matched by line (and KPI, comparison and
 * target), a quarterly objective moved to the line of the monthly one on the same KPI showed the
 * monthly one's windows as its own. The line decides only between two entries of the same
 * identity (the same promise written twice). An entry whose comparison or target is no longer
 * the objective's (edited since the evaluation) is none: its windows were judged against another
 * promise. A report is of one agreement: an objective of another agreement of the same file (Alpha
 * and Beta, each with its Web.Availability per calendar month) has the same identity, and showed
 * the figures of whichever agreement was evaluated last. A template's objective shows those of
 * a client of the same file built from it (the client's own objective, as evaluated).
 */
import { windowSpecLabel, type ObjectiveReport, type Report } from '@sla/engine';
import { AstUtils } from 'langium';
import { isAgreement, isDocument, isInternalTarget, isService, type Agreement, type InternalTarget, type Objective } from '../../generated/ast.js';
import { isEachObjective } from '../../model/each-objective.js';
import { windowSpecOf } from '../../model/windows.js';
import { quantityValue } from '../../types/type-computer.js';

export function objectiveReportOf(report: Report, node: Objective | InternalTarget): ObjectiveReport | undefined {
    const kpi = node.kpi?.ref;
    const spec = node.window ? windowSpecOf(node.window) : undefined;
    // A target per plan is one entry per plan: no single entry is this statement's.
    if (!kpi || !spec || !node.comparison || !node.target || node.planTargets) return undefined;
    if (!isReportOfAgreementOf(report, node)) return undefined;
    const kpiService = AstUtils.getContainerOfType(kpi, isService)?.name;
    const identity = {
        service: AstUtils.getContainerOfType(node, isService)?.name,
        kpiKey: kpiService ? `${kpiService}.${kpi.name}` : kpi.name,
        window: windowSpecLabel(spec),
        scope: isEachObjective(node) ? undefined : node.scope?.ref?.name,
        each: isEachObjective(node)
    };
    const candidates = (isInternalTarget(node) ? report.internalTargets : report.objectives).filter(entry =>
        entry.service === identity.service && entry.kpiKey === identity.kpiKey && entry.window === identity.window
        && entry.scope === identity.scope && (entry.each !== undefined) === identity.each && entry.plan === undefined);
    const line = node.$cstNode ? node.$cstNode.range.start.line + 1 : undefined;
    const entry = candidates.length === 1 ? candidates[0] : candidates.find(candidate => candidate.source?.line === line);
    if (!entry || entry.comparison !== node.comparison || Math.abs(entry.target - quantityValue(node.target).value) >= 1e-12) return undefined;
    return entry;
}

/** Whether the report is of the agreement the statement is written in, or of a client in the same file built from that template. */
function isReportOfAgreementOf(report: Report, node: Objective | InternalTarget): boolean {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return false;
    if (!agreement.isTemplate) return report.agreement === agreement.name;
    const root = AstUtils.findRootNode(node);
    const evaluated = isDocument(root) ? root.elements.find((element): element is Agreement => isAgreement(element) && !element.isTemplate && element.name === report.agreement) : undefined;
    return evaluated?.template?.ref === agreement;
}
