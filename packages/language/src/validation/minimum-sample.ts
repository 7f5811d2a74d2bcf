import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { isKpi, isNameReference, isShare, type Expression, type InternalTarget, type Kpi, type MinimumSample, type Objective, type SlaAstType } from '../generated/ast.js';
import { datasetsRead, measuresUptime } from '../model/kpi-reads.js';
import { nearestWord } from '../types/units.js';
import { fix, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * `with at least 20 tickets`: a whole number of rows of a dataset the KPI reads. The count is
 * of the rows behind each window's value, so it must name what the KPI counts. `, else at most
 * 1 failing`: a whole number of failing items, on a share KPI (the only one whose items fail).
 */
export function minimumSampleChecks(): ValidationChecks<SlaAstType> {
    return {
        Objective: checkMinimumSample,
        InternalTarget: checkMinimumSample
    };
}

function checkMinimumSample(node: Objective | InternalTarget, accept: ValidationAcceptor): void {
    const sample = node.minimumSample;
    const kpi = node.kpi?.ref;
    // A half-written sample (`with at least 20` and no dataset yet) is the parser's error to report.
    if (!sample || !kpi || sample.dataset === undefined || sample.rows === undefined) return;
    if (!Number.isInteger(sample.rows) || sample.rows < 1) {
        report(accept, 'minimum-sample',
            `A minimum sample is a whole number of rows, at least 1: 'with at least ${sample.rows} ${sample.dataset}' cannot be counted. Write e.g. 'with at least ${Math.max(1, Math.ceil(sample.rows))} ${sample.dataset}'.`,
            { node: sample, property: 'rows' });
        return;
    }
    if (measuresUptime(kpi)) {
        report(accept, 'minimum-sample',
            `'${kpi.name}' measures uptime: the rows behind it are outages, and fewer outages are not less evidence. Remove 'with at least …'; a window without eligible time is already no data.`,
            { node: sample });
        return;
    }
    checkSmallVolumeRule(sample, kpi, accept);
    const datasets = datasetsRead(kpi).map(dataset => dataset.name);
    if (datasets.includes(sample.dataset)) return;
    const nearest = nearestWord(sample.dataset, datasets, Math.max(2, Math.floor(sample.dataset.length / 3))) ?? (datasets.length === 1 ? datasets[0] : undefined);
    const datasetNode = propertyNode(sample, 'dataset');
    report(accept, 'minimum-sample',
        `'${sample.dataset}' is not a dataset the KPI '${kpi.name}' reads: the minimum sample counts the rows behind its value, which come from ${datasets.length > 0 ? datasets.map(d => `'${d}'`).join(', ') : 'no dataset'}.${nearest ? ` Write 'with at least ${sample.rows} ${nearest}'.` : ''}`,
        { node: sample, property: 'dataset' },
        { fixes: nearest && datasetNode ? [fix(`Write '${nearest}'`, [replaceNode(datasetNode, nearest)], true)] : [] });
}

/**
 * `, else at most 1 failing`: the items of a window are the rows of a share's whole, and those
 * that fail are outside its part (for `>=`) or in it (for `<=`). Another KPI has no failing items.
 */
function checkSmallVolumeRule(sample: MinimumSample, kpi: Kpi, accept: ValidationAcceptor): void {
    if (sample.allowed === undefined) return;
    if (!Number.isInteger(sample.allowed)) {
        report(accept, 'minimum-sample',
            `Failing items are counted whole: 'else at most ${sample.allowed} failing' cannot be met exactly. Write e.g. 'else at most ${Math.floor(sample.allowed)} failing'.`,
            { node: sample, property: 'allowed' });
        return;
    }
    if (shareBehind(kpi)) return;
    report(accept, 'minimum-sample',
        `'${kpi.name}' is not a share: 'else at most ${sample.allowed} failing' counts the items of a window that fail, and only a KPI written as share(part of whole) has them (the rows of whole, failing outside part for '>=', inside it for '<='). Write '${kpi.name}' as a share, or remove ', else at most …'.`,
        { node: sample, property: 'allowed' });
}

/** Whether the KPI's value is a share(…), directly or as another KPI that is one. */
function shareBehind(kpi: Kpi): boolean {
    const seen = new Set<Kpi>();
    for (let current: Kpi | undefined = kpi; current && !seen.has(current); ) {
        seen.add(current);
        const formula: Expression | undefined = current.formula;
        if (isShare(formula)) return true;
        const named: AstNode | undefined = isNameReference(formula) ? formula.target?.ref : undefined;
        current = isKpi(named) ? named : undefined;
    }
    return false;
}
