/**
 * The promises a termination right judges (`termination … when K is breached in …`, `when any
 * objective is breached …`, or `when any of K1, K2 is breached …`): one home for the lookup
 * shared by its check and its plain-language text (the model takes the same objectives from the
 * built ones: the one on K with a calendar window, every promise in the right's scope with a
 * calendar window, or the one on each K listed).
 */
import { AstUtils } from 'langium';
import { isAgreement, isObjective, isService, type Kpi, type Objective, type Termination } from '../generated/ast.js';
import { isEachObjective } from './each-objective.js';
import { windowSpecOf } from './windows.js';

/** The objectives on the right's KPI (or on `kpi`, one of `any of …`) in its agreement, its services included (not `objective each`). */
export function promisesOnTerminationKpi(node: Termination, kpi: Kpi | undefined = node.kpi?.ref): Objective[] {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!kpi || !agreement) return [];
    const members = [...agreement.members, ...agreement.members.filter(isService).flatMap(service => service.members)];
    return members.filter((member): member is Objective => isObjective(member) && !isEachObjective(member) && member.kpi?.ref === kpi);
}

/** `when any of A, B is breached`: per KPI listed, the objective on it with a calendar window (undefined: none). */
export function promisesOfAnyOf(node: Termination): Array<{ kpi: string; objective: Objective | undefined }> {
    return node.anyOf.map(reference => ({
        kpi: reference.$refText,
        objective: promisesOnTerminationKpi(node, reference.ref).find(objective => windowKindIs(objective, 'calendar'))
    }));
}

/** Whether an objective's window is of the kind given (`per calendar month`: calendar; absent or ambiguous: neither). */
export function windowKindIs(objective: Objective, kind: 'calendar' | 'rolling'): boolean {
    return objective.window !== undefined && windowSpecOf(objective.window)?.kind === kind;
}

/**
 * The promises a right on `any objective` looks at: every objective of its service, or of the
 * agreement and all its services when written in the agreement (`objective each` included).
 */
export function promisesInTerminationScope(node: Termination): Objective[] {
    const service = AstUtils.getContainerOfType(node, isService);
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return [];
    const members = service ? service.members : [...agreement.members, ...agreement.members.filter(isService).flatMap(inner => inner.members)];
    return members.filter((member): member is Objective => isObjective(member));
}
