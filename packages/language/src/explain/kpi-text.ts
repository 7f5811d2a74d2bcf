/** A KPI explained: description, formula in plain language, unit, data read, owner. */
import { escapeMarkdown as md, markdownCode } from '@sla/engine';
import { AstUtils } from 'langium';
import { isService, type Dataset, type Kpi } from '../generated/ast.js';
import { deploymentInventories } from '../model/inventory.js';
import { datasetsRead } from '../model/kpi-reads.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import type { SlaType } from '../types/sla-type.js';
import { expressionText, joinList } from './expression-text.js';

/** The KPI's unit for a reader: `a percentage`, `a duration`. */
function kpiUnitText(type: SlaType, declared: string | undefined): string {
    const base = (() => {
        switch (type.kind) {
            case 'duration': return 'a duration';
            case 'ratio': return 'a percentage';
            case 'count': return 'a count';
            case 'number': return type.scale ? `a score from ${type.scale.low} to ${type.scale.high} (values read "… out of ${type.scale.high}")` : 'a number';
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

export function kpiMarkdown(kpi: Kpi, types: SlaTypeComputer, reads: (kpi: Kpi) => Dataset[] = datasetsRead): string {
    const lines: string[] = [];
    lines.push(`**KPI ${kpiTitle(kpi)}**${kpi.description ? ` — ${md(kpi.description)}` : ''}`);
    lines.push('');
    lines.push(`Measured as ${expressionText(kpi.formula)}.`);
    lines.push('');
    lines.push(`- Unit: ${kpiUnitText(types.kpiType(kpi), kpi.unit)}`);
    // `deployed in <inventory> …` in its formula: the inventory of the resources' deployments is read too
    // (the formula's own: explaining each KPI of a chain of thousands walks each formula once).
    const datasets = [...reads(kpi)];
    for (const inventory of deploymentInventories(kpi, false)) if (!datasets.includes(inventory)) datasets.push(inventory);
    lines.push(`- Reads: ${datasets.length > 0 ? joinList(datasets.map(d => `${d.name} (${markdownCode(d.path ?? '')})`)) : 'no dataset'}`);
    lines.push(`- Owner: ${kpi.owner !== undefined ? md(kpi.owner) : 'not named (add `owner "…"`)'}`);
    return lines.join('\n');
}
