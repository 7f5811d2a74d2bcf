/**
 * Targets per plan (`by plan { Premium: >= 99.9%, Standard: none }`, language reference § 9.2)
 * in OpenSLO, which has one target per SLO (docs/cli.md, "sla export openslo"):
 * - under `plan Premium` (the agreement's or the service's line) the target in force is that
 *   plan's line: one SLO with it; a `none` line promises nothing, so no SLO.
 * - under `plan from F` (each row names its plan) every plan with a target is an objective of
 *   its own, judged on its plan's rows: one SLO per such plan. OpenSLO has no rows per plan, so
 *   the query reads every plan's rows (as for `for each`); `plan from F` travels on the Service.
 * Each SLO carries the whole `by plan { … }` and the plan whose line it is; the import writes
 * the statement back once, each plan's line as its SLO says.
 */
import type { Agreement, InternalTarget, Objective, PlanChoice, Quantity, Service } from '@sla/language';
import { decimalTimes100 } from './decimal-text.js';

type Language = typeof import('@sla/language');

/** A target an SLO is exported with: the statement's own, or one plan's line. */
export interface ExportedTarget {
    comparison: string;
    target: Quantity;
    /** The plan whose line of `by plan { … }` this is. */
    plan?: string;
    /** Under `plan from F`: F, the field naming each row's plan (the target is judged on its plan's rows). */
    planField?: string;
}

/** The targets a statement is exported with, one SLO each, and the `plan …` line that chose them; a string says why none. */
export function targetsToExport(promise: Objective | InternalTarget, service: Service | undefined, agreement: Agreement, sla: Language): { targets: ExportedTarget[]; choice?: PlanChoice } | string {
    if (!promise.planTargets) return promise.target ? { targets: [{ comparison: promise.comparison ?? '>=', target: promise.target }] } : 'no target';
    // The service's own `plan …` line, else the agreement's (language reference § 9.2; as planChoiceFor,
    // but of the agreement being exported: a client's promises may be its template's nodes).
    const choice = service?.members.find(sla.isPlanChoice) ?? agreement.members.find(sla.isPlanChoice);
    if (!choice) return 'a target per plan without a \'plan …\' line saying which plan applies';
    const lines = promise.planTargets.targets;
    if (choice.plan) {
        const plan = choice.plan.$refText;
        const line = lines.find(candidate => candidate.plan?.$refText === plan);
        if (!line) return `no target for the plan in effect, ${plan}`;
        if (line.none || !line.target) return `under the plan in effect, ${plan}, it promises nothing ('${plan}: none')`;
        return { targets: [{ comparison: line.comparison ?? '>=', target: line.target, plan }], choice };
    }
    const planField = choice.field?.$refText;
    const targets = lines.filter(line => !line.none && line.target).map(line => ({ comparison: line.comparison ?? '>=', target: line.target!, plan: line.plan.$refText, planField }));
    return targets.length > 0 ? { targets, choice } : 'every plan\'s line is \'none\'';
}

/**
 * `by plan { … }` as carried in `sla-language/by-plan`, with `plan`'s line as its SLO says
 * (`comparison target`): kept as written when it says the same (`>= 0.999` is `>= 99.9%`),
 * replaced otherwise (the SLO was changed), `changed` then saying what was written. Undefined
 * when the text has no line for the plan.
 */
export function withPlanLine(byPlan: string, plan: string, comparison: string, target: string): { text: string; changed?: string } | undefined {
    const line = new RegExp(`((?:^|[{,\\s])${plan}\\s*:\\s*)([^,}\\n]*?)(\\s*(?:[,}\\n]|$))`);
    const found = line.exec(byPlan);
    if (!found) return undefined;
    const written = found[2]!.trim();
    if (sameTarget(written, comparison, target)) return { text: byPlan };
    const text = byPlan.slice(0, found.index) + found[1] + `${comparison} ${target}` + found[3] + byPlan.slice(found.index + found[0].length);
    return { text, changed: written };
}

/** `>= 99.9%` and `>=99.90 %` say the same; so do a fraction and its percentage (`0.999`, `99.9%`). */
function sameTarget(written: string, comparison: string, target: string): boolean {
    const parts = (text: string) => /^(>=|>|<=|<)?\s*(\d+(?:\.\d+)?)\s*(.*)$/.exec(text.trim());
    const line = parts(written);
    const read = parts(`${comparison} ${target}`);
    if (!line || !read || line[1] !== read[1]) return false;
    const unit = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    if (unit(line[3]) === unit(read[3])) return Number(line[2]) === Number(read[2]);
    return unit(line[3]) === '' && unit(read[3]) === '%' && Number(decimalTimes100(line[2]!)) === Number(read[2]);
}
