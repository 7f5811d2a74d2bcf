import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { InternalTarget, Objective, PlanTarget, Quantity, SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { scaleOf, type ScoreScale } from '../types/sla-type.js';
import { fix, replaceNode } from './quick-fix.js';
import { quote, report } from './report.js';

/**
 * Targets of score KPIs (`score 1 to 5`): a plain number on the scale. `4.2` is fine on 1–5;
 * `42` (a 1–50 reading?) or `4.2%` (a share?) are not a score: an error with the fixes that
 * land on the scale.
 */
export function scoreChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const types = services.types.TypeComputer;
    const check = (node: Objective | InternalTarget, accept: ValidationAcceptor): void => {
        const kpi = node.kpi?.ref;
        if (!kpi) return;
        const scale = scaleOf(types.kpiType(kpi));
        if (!scale || scale.low > scale.high) return; // an empty scale is reported at the range
        // The statement's target, or each plan's (`by plan { … }`).
        const promises: PromiseNode[] = node.planTargets ? node.planTargets.targets.filter(line => !line.none) : [node];
        for (const promise of promises) {
            if (promise.target) checkScoreTarget(promise, promise.target, kpi.name, scale, accept);
        }
    };
    return { Objective: check, InternalTarget: check };
}

/** Where a comparison and a target are written: the statement, or one plan's line. */
type PromiseNode = Objective | InternalTarget | PlanTarget;

function checkScoreTarget(node: PromiseNode, target: Quantity, kpiName: string, scale: ScoreScale, accept: ValidationAcceptor): void {
    const cst = target.$cstNode;
    const onScale = (value: number): boolean => value >= scale.low && value <= scale.high;
    const scaleText = `${scale.low} to ${scale.high}`;
    if (target.unit !== undefined) {
        const fixes = cst && onScale(target.value) ? [fix(`Write '${target.value}'`, [replaceNode(cst, String(target.value))], true)] : [];
        // `84%` read as a share of the top of the scale: 84% of 5 is 4.2 ("4.2 out of 5").
        const share = Number((scale.high * target.value / 100).toPrecision(12));
        if (cst && target.unit === '%' && onScale(share) && share !== target.value) fixes.push(fix(`Write '${share}' (${target.value}% of ${scale.high})`, [replaceNode(cst, String(share))], fixes.length === 0));
        report(accept, 'score-scale',
            `${quote(target)} is not a score: '${kpiName}' is a score from ${scaleText}, and its target is a plain number on that scale ('${onScale(target.value) ? target.value : scale.high}' reads "${onScale(target.value) ? target.value : scale.high} out of ${scale.high}").`,
            { node, property: 'target' }, { fixes });
        return;
    }
    if (onScale(target.value)) return;
    // 42 read as 4.2 (a misplaced decimal point), or as 42% of the top of the scale (2.1 out of 5).
    const candidates = [target.value / 10, target.value / 100 * scale.high]
        .map(value => Number(value.toPrecision(12)))
        .filter((value, index, all) => onScale(value) && all.indexOf(value) === index);
    const atLeast = node.comparison === undefined || node.comparison.startsWith('>');
    const never = atLeast ? target.value > scale.high : target.value < scale.low;
    report(accept, 'score-scale',
        `${quote(target)} is outside the scale of '${kpiName}' (a score from ${scaleText}): the objective would be ${never ? 'never' : 'always'} met. Write a target between ${scale.low} and ${scale.high}${candidates.length > 0 ? `, e.g. '${candidates[0]}'` : ''}.`,
        { node, property: 'target' },
        { fixes: cst ? candidates.map((value, index) => fix(`Write '${value}'`, [replaceNode(cst, String(value))], index === 0 && candidates.length === 1)) : [] });
}
