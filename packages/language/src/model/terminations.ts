/**
 * The promises a termination right judges (`termination … when K is breached in …`): one home
 * for the lookup shared by its check and its plain-language text (the model takes the same
 * objective from the built objectives: the one on K with a calendar window).
 */
import { AstUtils } from 'langium';
import { isAgreement, isObjective, isService, type Objective, type Termination } from '../generated/ast.js';
import { isEachObjective } from './each-objective.js';
import { windowSpecOf } from './windows.js';

/** The objectives on the right's KPI in its agreement, its services included (not `objective each`). */
export function promisesOnTerminationKpi(node: Termination): Objective[] {
    const kpi = node.kpi?.ref;
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!kpi || !agreement) return [];
    const members = [...agreement.members, ...agreement.members.filter(isService).flatMap(service => service.members)];
    return members.filter((member): member is Objective => isObjective(member) && !isEachObjective(member) && member.kpi?.ref === kpi);
}

/** Whether an objective's window is of the kind given (`per calendar month`: calendar; absent or ambiguous: neither). */
export function windowKindIs(objective: Objective, kind: 'calendar' | 'rolling'): boolean {
    return objective.window !== undefined && windowSpecOf(objective.window)?.kind === kind;
}
