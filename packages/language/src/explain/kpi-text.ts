/** A KPI explained: description, formula in plain language, unit, data read, owner. */
import { AstUtils } from 'langium';
import { isDataset, isField, isKpi, isNameReference, isService, isUptime, type Dataset, type Kpi } from '../generated/ast.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import type { SlaType } from '../types/sla-type.js';
import { expressionText, joinList } from './expression-text.js';

/** Datasets a KPI reads, through the KPIs it refers to as well, in order of first use. */
export function datasetsRead(kpi: Kpi, seen = new Set<Kpi>()): Dataset[] {
    if (seen.has(kpi)) return [];
    seen.add(kpi);
    const result: Dataset[] = [];
    const add = (dataset: Dataset | undefined) => { if (dataset && !result.includes(dataset)) result.push(dataset); };
    if (!kpi.formula) return result;
    for (const node of AstUtils.streamAst(kpi.formula)) {
        if (!isNameReference(node)) continue;
        const target = node.target?.ref;
        if (isDataset(target)) add(target);
        else if (isField(target)) add(AstUtils.getContainerOfType(target, isDataset));
        else if (isKpi(target)) datasetsRead(target, seen).forEach(add);
    }
    return result;
}

/** True when the KPI is a time-weighted availability (its budget is time, not events). */
export function measuresUptime(kpi: Kpi, seen = new Set<Kpi>()): boolean {
    if (seen.has(kpi) || !kpi.formula) return false;
    seen.add(kpi);
    for (const node of AstUtils.streamAst(kpi.formula)) {
        if (isUptime(node)) return true;
        if (isNameReference(node) && isKpi(node.target?.ref) && measuresUptime(node.target.ref, seen)) return true;
    }
    return false;
}

/** The KPI's unit for a reader: `a percentage`, `a duration`. */
function kpiUnitText(type: SlaType, declared: string | undefined): string {
    const base = (() => {
        switch (type.kind) {
            case 'duration': return 'a duration';
            case 'ratio': return 'a percentage';
            case 'count': return 'a count';
            case 'number': return 'a number';
            case 'money': return `an amount in ${type.currency}`;
            case 'unknown': return 'not known (see the problems in the formula)';
            default: return type.kind;
        }
    })();
    return declared ? `${base} (declared as ${declared})` : base;
}

/** `Service.Kpi` or `Kpi`. */
function kpiTitle(kpi: Kpi): string {
    const service = AstUtils.getContainerOfType(kpi.$container, isService);
    return service ? `${service.name}.${kpi.name}` : kpi.name;
}

export function kpiMarkdown(kpi: Kpi, types: SlaTypeComputer): string {
    const lines: string[] = [];
    lines.push(`**KPI ${kpiTitle(kpi)}**${kpi.description ? ` — ${kpi.description}` : ''}`);
    lines.push('');
    lines.push(`Measured as ${expressionText(kpi.formula)}.`);
    lines.push('');
    lines.push(`- Unit: ${kpiUnitText(types.kpiType(kpi), kpi.unit)}`);
    const datasets = datasetsRead(kpi);
    lines.push(`- Reads: ${datasets.length > 0 ? joinList(datasets.map(d => `${d.name} (\`${d.path}\`)`)) : 'no dataset'}`);
    lines.push(`- Owner: ${kpi.owner ?? 'not named (add `owner "…"`)'}`);
    return lines.join('\n');
}
