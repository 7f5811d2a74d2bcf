import { basename } from 'node:path';
import { windowSpecKey, windowSpecLabel, type AgreementModel } from '../model.js';
import type { DatasetReport, ObjectiveReport } from '../report/report-types.js';
import type { RowReader } from '../data/scan-context.js';
import { scanDataset } from '../data/scan-dataset.js';
import { editDistance } from '../text/edit-distance.js';
import type { EvaluationPlan, DatasetScan } from './evaluation-plan.js';
import type { KpiEvaluator } from './kpi-evaluator.js';
import { scopeFieldMayBeMissing } from './agreement-plan.js';
import { clientKey } from './client-scope.js';
import { kpiDatasets, type DataCoverage } from './data-coverage.js';
import { afterDataEndNote } from './data-end-note.js';

/**
 * Scope values the data do not hold. `for each region`: rows without a region are in no
 * region's windows. Say how many the KPI read (in calendar windows, their total; in rolling
 * windows, which overlap, the most in one) instead of dropping them silently.
 */
export function missingScopeNotes(model: AgreementModel, plan: EvaluationPlan, evaluator: KpiEvaluator): string[] {
    const notes = new Map<string, string>();
    for (const objective of [...model.objectives, ...model.internalTargets]) {
        const field = objective.scopeField;
        if (field === undefined || !scopeFieldMayBeMissing(model, field)) continue;
        const rows = plan.windowPlan(objective.window).windows.map((window) => evaluator.rowsWithoutScope(objective.kpi, objective.window, window, field));
        const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpiName}`;
        const rolling = objective.window.kind === 'rolling';
        const counted = rows.reduce((most, count) => (rolling ? Math.max(most, count) : most + count), 0);
        if (counted === 0) continue;
        const how = rolling ? `up to ${counted.toLocaleString('en-US')} in one ${windowSpecLabel(objective.window)} window` : `${counted.toLocaleString('en-US')} in the evaluation period`;
        notes.set(`${name}|${field}|${windowSpecKey(objective.window)}`, `${name} for each ${field}: rows without a ${field} (${how}) are in no ${field}'s windows; give them a ${field} in the data if they belong to one.`);
    }
    return [...notes.values()];
}

/*
 * A client scope whose value no row holds (`client scope client = "northwnd"` over exports of
 * "northwind"'s rows). Each scoped dataset then has no row of the client, and the client's months
 * read as 100 % uptime, no credit: a misspelt client looked perfect, silently.
 *
 * The decision: when the value matches no row of ANY dataset the agreement reads with its
 * client scope (and some of them hold other clients' rows), the client has no data in those
 * datasets: their coverage is "no rows", whatever `--to`, `complete to` or `--data-end` say of
 * the export, so every window of a KPI reading only them has no data — never met, 100 % or a
 * credit. As SEMANTICS' data-coverage rule says of absent rows, no row of the client at all is
 * evidence of nothing: those statements vouch for the export's completeness, not for a client
 * identifier it never mentions. A value that matches rows in one dataset and none in another
 * (a client without tickets) is left alone: one row anywhere shows the value is the client's
 * identifier in these exports, and a client without tickets is ordinary.
 */

/** A dataset as its pass counted it (a DatasetReport has this shape): the client's rows, and the other clients'. */
export interface ClientScopedRows {
    name: string;
    path: string;
    rows: number;
    clientScope?: { field: string; value: string; otherClientRows: number };
}

/** The scoped datasets of an agreement whose client scope matched no row of any of them. */
export interface UnmatchedClientScope {
    field: string;
    value: string;
    datasets: ClientScopedRows[];
}

/** The agreement's client scope when its value matched no row of any dataset read with it while some hold other clients' rows; else undefined. */
export function unmatchedClientScope(datasets: readonly ClientScopedRows[]): UnmatchedClientScope | undefined {
    const scoped = datasets.filter((dataset) => dataset.clientScope !== undefined);
    if (scoped.length === 0 || scoped.some((dataset) => dataset.rows > 0) || scoped.every((dataset) => dataset.clientScope!.otherClientRows === 0)) return undefined;
    const { field, value } = scoped[0]!.clientScope!;
    return { field, value, datasets: scoped };
}

/** The scans' rows as their passes counted them (rows: every valid row, other clients' included). */
export function scannedClientRows(scans: readonly DatasetScan[], passes: readonly { rows: number; otherClientRows: number }[]): ClientScopedRows[] {
    return scans.map((scan, index) => {
        const pass = passes[index]!;
        const scope = scan.spec.clientScope;
        return { name: scan.name, path: scan.spec.path, rows: pass.rows - pass.otherClientRows, ...(scope === undefined ? {} : { clientScope: { ...scope, otherClientRows: pass.otherClientRows } }) };
    });
}

/** The coverage the agreement is evaluated with: "no rows" for each dataset of a client scope that matched nothing (see above). */
export function clientScopeCoverage(coverage: Map<string, DataCoverage>, unmatched: UnmatchedClientScope | undefined): Map<string, DataCoverage> {
    if (unmatched === undefined) return coverage;
    for (const dataset of unmatched.datasets) {
        const found = coverage.get(dataset.name);
        if (found !== undefined) coverage.set(dataset.name, { ...found, end: -Infinity, basis: 'no rows' });
    }
    return coverage;
}

/** The distinct values a client scope is compared with are kept up to this many (a client field has far fewer). */
const MAX_CLIENT_VALUES = 100_000;
/** How many values the note names at most, when several are equally near. */
const NEAREST_VALUES = 3;

/**
 * The line under the report's headline (`dataEndNote`): a client scope that matched no row,
 * loudly, with the values of the data nearest it; then the windows left without data because
 * they start after the end of the other datasets' data. Undefined when there is neither.
 */
export async function noDataNote(
    model: AgreementModel,
    scans: readonly DatasetScan[],
    report: { objectives: readonly ObjectiveReport[]; internalTargets: readonly ObjectiveReport[]; datasets: readonly DatasetReport[] },
    read: { skipInvalid: boolean; rowReader?: RowReader | undefined }
): Promise<string | undefined> {
    const unmatched = unmatchedClientScope(report.datasets);
    if (unmatched === undefined) return afterDataEndNote(report.objectives, report.internalTargets, report.datasets);
    const names = new Set(unmatched.datasets.map((dataset) => dataset.name));
    // The windows the client scope explains: those of KPIs reading only its datasets.
    const explained = (objective: ObjectiveReport): boolean => [...kpiDatasets(model, objective.kpiKey)].every((name) => names.has(name));
    const windows = (list: readonly ObjectiveReport[]): number => list.filter(explained).reduce((sum, objective) => sum + objective.windows.filter((window) => window.status === 'no data').length, 0);
    const nearest = await nearestClientValues(unmatched, scans, read);
    const files = unmatched.datasets.map((dataset) => `${basename(dataset.path)} (${dataset.clientScope!.otherClientRows.toLocaleString('en-US')} rows of other clients)`);
    const objectiveWindows = windows(report.objectives);
    const targetWindows = windows(report.internalTargets);
    const reading = names.size === 1 ? 'it' : 'them';
    const counted = objectiveWindows + targetWindows === 0 ? ''
        : ` A client no row names is evidence of nothing: the ${objectiveWindows} window(s) reading ${reading} have no data${targetWindows > 0 ? ` (and ${targetWindows} window(s) of internal targets)` : ''}, never met, 100 % or a credit.`;
    const shown = nearest.values.length === 0 ? ''
        : `; the value${nearest.values.length > 1 ? 's' : ''} nearest it${unmatched.datasets.length > 1 ? ` in ${basename(nearest.path)}` : ''}: ${nearest.values.map((value) => `"${value}"`).join(', ')}`;
    const note = `client scope ${unmatched.field} = "${unmatched.value}" matched no row of ${files.join(' nor of ')}${shown}.${counted} Correct the value if it is misspelt.`;
    const rest = afterDataEndNote(report.objectives.filter((objective) => !explained(objective)), report.internalTargets.filter((objective) => !explained(objective)), report.datasets.filter((dataset) => !names.has(dataset.name)));
    return rest === undefined ? note : `${note} ${rest}`;
}

/**
 * The values of the scope field nearest the client's (edit distance, case ignored; ties all named,
 * up to NEAREST_VALUES), read from the smallest of its datasets holding other clients' rows: a
 * second read of that file, made only when the scope matched nothing, and only of a file read here.
 */
async function nearestClientValues(unmatched: UnmatchedClientScope, scans: readonly DatasetScan[], read: { skipInvalid: boolean; rowReader?: RowReader | undefined }): Promise<{ path: string; values: string[] }> {
    const holding = unmatched.datasets.filter((dataset) => dataset.clientScope!.otherClientRows > 0).sort((a, b) => a.clientScope!.otherClientRows - b.clientScope!.otherClientRows)[0]!;
    // Read through a database (a table, a Parquet file): the values would be a pull of the whole scope column
    // (every row of a shared table, for one suggestion); the note goes without them.
    if (read.rowReader !== undefined) return { path: holding.path, values: [] };
    const scan = scans.find((candidate) => candidate.name === holding.name);
    const index = scan?.context.fieldIndex.get(unmatched.field);
    if (scan === undefined || index === undefined) return { path: holding.path, values: [] };
    const values = new Set<string>();
    await scanDataset(scan.spec, (row) => {
        const value = clientKey(row[index]);
        if (value !== null && values.size < MAX_CLIENT_VALUES) values.add(value);
    }, { skipInvalid: read.skipInvalid, readFields: new Set([unmatched.field]), ...(read.rowReader === undefined ? {} : { rowReader: read.rowReader }) });
    const wanted = unmatched.value.toLowerCase();
    const ranked = [...values].map((value) => ({ value, distance: editDistance(wanted, value.toLowerCase()) }))
        .sort((a, b) => a.distance - b.distance || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    // The nearest, and those as near (a few): what the values look like, without a list of every client.
    const nearest = ranked[0]?.distance;
    return { path: holding.path, values: ranked.filter(({ distance }) => distance === nearest).slice(0, NEAREST_VALUES).map(({ value }) => value) };
}
