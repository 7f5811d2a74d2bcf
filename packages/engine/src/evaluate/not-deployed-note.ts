import type { AgreementModel, DeployedResources, Expr } from '../model.js';
import type { ObjectiveReport } from '../report/report-types.js';
import { formatValue } from '../report/format-values.js';

/** Resources named in the note before "and N more". */
const NAMED_RESOURCES = 5;

/**
 * `uptime(…, deployed in …)`: an outage of a resource the inventory lists no deployment of at the
 * time is no downtime — nothing is dropped silently, so the report says how much outage time
 * that was, in how many windows, and of which resources (an inventory missing a row shows here).
 */
export function notDeployedNote(objective: ObjectiveReport, model: AgreementModel): string | undefined {
    const windows = objective.windows.filter((window) => window.notDeployed !== undefined);
    if (windows.length === 0) return undefined;
    const ms = windows.reduce((total, window) => total + window.notDeployed!.outageMs, 0);
    const resources = [...new Set(windows.flatMap((window) => window.notDeployed!.resources))].sort();
    const named = resources.slice(0, NAMED_RESOURCES).join(', ') + (resources.length > NAMED_RESOURCES ? ` and ${resources.length - NAMED_RESOURCES} more` : '');
    const deployed = deployedOf(model, objective.kpiKey);
    const what = deployed === undefined ? 'resources' : `${deployed.field} ${named}`;
    const inventory = deployed === undefined ? 'the inventory' : `the inventory '${deployed.inventory}'`;
    return `${objective.service ? `${objective.service}.` : ''}${objective.kpi}: ${formatValue(ms, 'ms')} of outages in ${windows.length} window(s) are of ${what} while ${inventory} lists no deployment of ${resources.length === 1 ? 'it' : 'them'}: not downtime, and not in the value. Add the deployment to ${inventory} if it was deployed.`;
}

/** The `deployed in …` option of the uptime a KPI reads (through the KPIs it names), if any. */
function deployedOf(model: AgreementModel, kpiKey: string): DeployedResources | undefined {
    const formulas = new Map(model.kpis.map((kpi) => [kpi.key, kpi.formula]));
    const seen = new Set<string>();
    const find = (expr: Expr | undefined): DeployedResources | undefined => {
        if (expr === undefined) return undefined;
        switch (expr.type) {
            case 'uptime':
                return expr.deployed;
            case 'kpi':
                if (seen.has(expr.key)) return undefined;
                seen.add(expr.key);
                return find(formulas.get(expr.key));
            case 'binary':
                return find(expr.left) ?? find(expr.right);
            case 'not':
            case 'negate':
                return find(expr.operand);
            case 'timeslices':
                return find(expr.value);
            default:
                return undefined;
        }
    };
    return find(formulas.get(kpiKey));
}
