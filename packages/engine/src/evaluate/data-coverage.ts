import type { AgreementModel, Expr } from '../model.js';
import { localToInstant } from '../time/zone.js';
import { addCivilDays, requireCivilDate } from '../time/civil.js';
import type { EvaluationPeriod } from './evaluation-period.js';

/**
 * How far a dataset's data reach (docs/language-reference.md § 14.10, "Data coverage"). Absence of rows past
 * the end of an export is evidence of nothing: a window that starts at or after the
 * coverage end of every dataset its KPI reads has no data.
 *
 * The end is, first found: the dataset's `--data-end` option, its `complete to` clause
 * (both: the whole day, in the agreement's zone), the end of the evaluation period when
 * `--to` was given, else the instant just after its last event.
 */
export interface DataCoverage {
    /** Exclusive end instant (epoch ms); -Infinity when the dataset has no rows and nothing was declared. */
    end: number;
    basis: CoverageBasis;
    /** The declared last day (YYYY-MM-DD), from `--data-end` or `complete to`. */
    declaredEnd: string | null;
    /**
     * What the data tell about rows whose end is missing: they were still open at this
     * instant (the coverage end or the last event, whichever is later; never after the present).
     */
    knownUntil: number;
    /**
     * How far rows are known to exist: the end, or under `--to` the millisecond after the last
     * event when rows go on past the period (never after the present). A run of bad slices
     * continues into them across the period's end (run-margins.ts).
     */
    rowsUntil: number;
}

export type CoverageBasis = '--data-end' | 'complete to' | '--to' | 'last event' | 'no rows';

export interface CoverageInputs {
    zone: string;
    period: EvaluationPeriod;
    now: number;
    /** `--to` was given: the user states that the data run to the end of the period. */
    toGiven: boolean;
    /** `--data-end NAME=DATE`. */
    dataEnd: Record<string, string> | undefined;
}

export function datasetCoverage(name: string, declared: string | undefined, lastTime: number | null, inputs: CoverageInputs): DataCoverage {
    const option = inputs.dataEnd?.[name];
    const declaredEnd = option ?? declared ?? null;
    let end: number;
    let basis: CoverageBasis;
    if (declaredEnd !== null) {
        const next = addCivilDays(requireCivilDate(declaredEnd), 1);
        end = localToInstant(inputs.zone, next.year, next.month, next.day);
        basis = option !== undefined ? '--data-end' : 'complete to';
    } else if (inputs.toGiven) {
        end = inputs.period.end;
        basis = '--to';
    } else if (lastTime !== null) {
        end = lastTime + 1; // the window holding the last event is evaluated
        basis = 'last event';
    } else {
        end = -Infinity;
        basis = 'no rows';
    }
    const knownUntil = Math.min(inputs.now, Math.max(basis === 'last event' ? end - 1 : end, lastTime === null ? -Infinity : lastTime));
    const rowsUntil = basis === '--to' && lastTime !== null ? Math.max(end, Math.min(inputs.now, lastTime + 1)) : end;
    return { end, basis, declaredEnd, knownUntil, rowsUntil };
}

/** The datasets a KPI reads, through the KPIs it uses. */
export function kpiDatasets(model: AgreementModel, kpiKey: string): Set<string> {
    const formulas = new Map(model.kpis.map((kpi) => [kpi.key, kpi.formula]));
    const names = new Set<string>();
    const seen = new Set<string>();
    const visit = (expr: Expr): void => {
        switch (expr.type) {
            case 'aggregate':
            case 'share':
            case 'uptime':
                names.add(expr.dataset);
                return;
            case 'kpi': {
                if (seen.has(expr.key)) return;
                seen.add(expr.key);
                const formula = formulas.get(expr.key);
                if (formula !== undefined) visit(formula);
                return;
            }
            case 'binary':
                visit(expr.left);
                visit(expr.right);
                return;
            case 'not':
            case 'negate':
                visit(expr.operand);
                return;
            case 'timeslices':
                visit(expr.value);
                return;
            default:
                return;
        }
    };
    visit({ type: 'kpi', key: kpiKey });
    return names;
}
