/**
 * What the tests of the direct row path's forms share (text-filters, boolean-filters,
 * field-differences, direct-path-differential): an agreement of KPIs over one dataset, each with
 * an objective per calendar month; its values per scope and window; and the same KPIs read typed
 * and by the general reader, on one thread and on two.
 */
import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { evaluateAgreement, type AgreementModel, type Expr, type FieldSpec, type Report } from '../../src/index.js';
import { recordsReadByKernel } from '../../src/data/csv-typed-kernel.js';
import { agreement, dataset, MONTH } from './fixtures.js';

/** An agreement with one KPI per entry of `kpis` over `dataset` (a CSV at `path`), each with an objective `>= 0` per calendar month, for each `scopeField` when given. */
export function kpiAgreement(name: string, path: string, fields: FieldSpec[], kpis: Record<string, Expr>, options: { scopeField?: string } & Partial<AgreementModel> = {}): AgreementModel {
    const { scopeField, ...parts } = options;
    return agreement({
        ...parts,
        datasets: { [name]: dataset(name, path, fields) },
        kpis: Object.entries(kpis).map(([key, formula]) => ({ key, name: key, unitKind: 'number' as const, formula })),
        objectives: Object.keys(kpis).map((key) => ({ kpi: key, kpiName: key, comparison: '>=' as const, target: 0, unitKind: 'number' as const, window: MONTH, ...(scopeField === undefined ? {} : { scopeField }) }))
    });
}

/** Each KPI's values keyed by scope value ('*' without a scope: for reports of one window per scope), or with `window: true` by scope value and window start. */
export function valuesByScope(report: Report, options: { window?: boolean } = {}): Record<string, Record<string, number | null>> {
    return Object.fromEntries(report.objectives.map((objective) => [objective.kpi, Object.fromEntries(objective.windows.map((w) => [options.window ? `${w.scopeValue} ${w.start}` : w.scopeValue ?? '*', w.value as number | null]))]));
}

/**
 * The agreement's JSON report (generatedAt left out) over the file written `quoted` (every record
 * the general reader's) and written `plain` (its common records typed), on one thread and on two:
 * the typed reports must be the general ones, byte for byte, and the plain file read by the kernel
 * (more than `minTyped` records on one thread). Returns the general report.
 */
export async function expectTypedAsGeneral(model: AgreementModel, path: string, plain: string[], quoted: string[], period: { from: string; to: string; now: number }, minTyped: number): Promise<string> {
    const report = async (twoThreads: boolean): Promise<string> => {
        const result = await evaluateAgreement(model, { ...period, ...(twoThreads ? { parallelMinBytes: 1, parallelRangeBytes: 64 * 1024 } : { parallelMinBytes: Infinity }) });
        return JSON.stringify({ ...result, generatedAt: '' });
    };
    writeFileSync(path, quoted.join('\n') + '\n');
    let before = recordsReadByKernel();
    const general = await report(false);
    expect(recordsReadByKernel() - before).toBe(0);
    const twoGeneral = await report(true);

    writeFileSync(path, plain.join('\n') + '\n');
    before = recordsReadByKernel();
    const typed = await report(false);
    expect(typed).toBe(general);
    expect(recordsReadByKernel() - before).toBeGreaterThan(minTyped);
    expect(await report(true)).toBe(twoGeneral);
    return general;
}
