import { statSync } from 'node:fs';
import { HIGH_REJECTED_SHARE, rejectedShare } from '../data/usable-rows.js';
import type { AgreementModel, CreditModel } from '../model.js';
import { planAgreement, withOverride } from './agreement-plan.js';
import type { DatasetReport, ObjectiveReport, OpenItem, Report } from '../report/report-types.js';
import { formatTarget, formatValueAgainst } from '../report/format-values.js';
import { objectiveDurationUnit } from '../report/duration-text.js';
import { keepNoteFacts } from '../report/note-facts.js';
import { datasetCoverage, type DataCoverage } from './data-coverage.js';
import { judgeOpenRow } from './open-judgement.js';
import type { OpenRowJudge } from './open-rows.js';
import { draftCredit, type CreditDraft, type LaterOutcomes } from './credit-evaluation.js';
import { applyAgreementCreditCaps } from './agreement-credit-caps.js';
import { planWithoutTableNotes } from './plan-without-table.js';
import { listCreditedItems } from './credited-items.js';
import type { RowReader } from '../data/scan-context.js';
import { runDatasetPass, type DatasetPassHook, type DatasetPassResult } from './dataset-pass.js';
import type { ParallelPassInputs } from './parallel-csv-pass.js';
import { agreementPeriod, wholeWindowNote, type EvaluationPeriod } from './evaluation-period.js';
import type { EvaluationPlan, DatasetScan } from './evaluation-plan.js';
import { InstantFormatter } from './instant-format.js';
import { KpiEvaluator } from './kpi-evaluator.js';
import { evaluateObjective } from './objective-evaluation.js';
import { evaluateItemObjective } from './item-objective.js';
import type { PauseIndex } from './pause-index.js';
import type { ListedMaintenanceReport, PauseDatasetReport } from '../report/report-types.js';
import { hasListedMaintenance, listedMaintenanceNotes, readListedMaintenance } from './listed-maintenance.js';
import { evaluateTerminations, terminationNotes } from './termination-rights.js';
import { defaultsNote } from './service-level-default.js';
import { improvementNote, weakerInternalTargetNotes } from './continuous-improvement.js';
import { withoutEventTimeNote } from './without-event-time-note.js';
import { fractionPercentWarnings } from './fraction-percent-note.js';
import { notDeployedNote } from './not-deployed-note.js';
import { workingTimeCalendar } from './working-time-kpi.js';
import { clientLookalikeNote, sideDatasetLookalikeNotes, sideDatasetLookalikes, type DatasetLookalikes } from './client-lookalikes.js';
import { clientScopeCoverage, missingScopeNotes, noDataNote, scannedClientRows, unmatchedClientScope } from './missing-scope-note.js';
import { measureWindowHistory, type HistoryRequest, type WindowHistory } from './window-history.js';
import { exclusionReports } from './exclusion-report.js';
import { previousFees, type PreviousFees } from './previous-fees.js';
import type { SharedRowFunctions } from './shared-row-functions.js';

export interface EvaluateOptions {
    /** First day evaluated (YYYY-MM-DD, agreement zone); default: start of validity. */
    from?: string;
    /** Last day evaluated, inclusive; default: end of validity. */
    to?: string;
    /** The present (epoch ms): nothing after it is evaluated. Default Date.now(). */
    now?: number;
    /** Plan only the windows that end by the period's end (the history before a period: historyOptions). */
    endedWindowsOnly?: boolean;
    /** Replacement file paths per dataset name (`--data NAME=PATH`). */
    dataOverrides?: Record<string, string>;
    /** The last day each dataset's data cover (`--data-end NAME=DATE`, YYYY-MM-DD): overrides its `complete to`. */
    dataEnd?: Record<string, string>;
    /** Skip (count and list) rows with invalid values instead of stopping. */
    skipInvalid?: boolean;
    /** Progress in bytes read over all datasets. */
    onProgress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    /** Read CSV files of at least this many bytes on two threads (default 32 MB; Infinity: never). */
    parallelMinBytes?: number;
    /** read size in bytes (tests use tiny sizes) */
    readChunkBytes?: number;
    /** size of the ranges a parallel pass hands out to its threads (default 64 MB; tests use small ones) */
    parallelRangeBytes?: number;
    /** Reads datasets another way (SQL engines, Parquet; see sql/evaluate-with-engines.ts). */
    datasetPass?: DatasetPassHook;
    /** The same for the other readers of a dataset (pause joins, credited items). */
    rowReader?: RowReader;
}

/**
 * Evaluates every objective, internal target and credit of one agreement over its
 * evaluation period. Each dataset is read exactly once, whatever the number of KPIs,
 * windows and scopes that read it.
 */
export async function evaluateAgreement(model: AgreementModel, options: EvaluateOptions = {}): Promise<Report> {
    const prepared = await prepareWithSideData(model, options);
    // A pass on two threads plans the agreement again in the worker: with its listed maintenance read.
    const passes = await runPasses(prepared.scans, prepared.period, options, { model: prepared.model, period: prepared.period, dataOverrides: options.dataOverrides });
    return finishAgreement(prepared, passes, options);
}

/** An agreement planned for its evaluation period, before its datasets are read. */
export interface PreparedAgreement {
    model: AgreementModel;
    now: number;
    period: EvaluationPeriod;
    plan: EvaluationPlan;
    /** Its dataset scans, in plan order: `finishAgreement` takes one pass result per scan, in this order. */
    scans: DatasetScan[];
    /** What was read of the maintenance periods datasets list (listed-maintenance.ts). */
    listedMaintenance?: ListedMaintenanceReport[];
    /** The rows of those datasets whose client only looks like the agreement's (client-lookalikes.ts), for the report's warning. */
    listedMaintenanceLookalikes?: DatasetLookalikes[];
}

/**
 * The plan of an agreement, with what must be read before its pass: maintenance periods
 * listed in datasets (first: the plan's eligible time counts them) and pause datasets.
 */
export async function prepareWithSideData(model: AgreementModel, options: EvaluateOptions, shared?: SharedRowFunctions): Promise<PreparedAgreement> {
    let listedMaintenance: ListedMaintenanceReport[] = [];
    let lookalikes: DatasetLookalikes[] = [];
    if (hasListedMaintenance(model)) {
        const period = agreementPeriod(model, { ...options, now: options.now ?? Date.now() });
        ({ model, reports: listedMaintenance, lookalikes } = await readListedMaintenance(model, period, {
            datasetSpec: (name, declared) => withOverride(name, declared, options.dataOverrides),
            ...(options.skipInvalid === undefined ? {} : { skipInvalid: options.skipInvalid }),
            ...(options.signal === undefined ? {} : { signal: options.signal }),
            ...(options.rowReader === undefined ? {} : { rowReader: options.rowReader })
        }));
    }
    const prepared = prepareAgreement(model, options, shared);
    if (listedMaintenance.length > 0) prepared.listedMaintenance = listedMaintenance;
    if (lookalikes.length > 0) prepared.listedMaintenanceLookalikes = lookalikes;
    await loadPauses(prepared, options);
    return prepared;
}

/** The plan of an agreement for its period (no file read yet). */
export function prepareAgreement(model: AgreementModel, options: EvaluateOptions, shared?: SharedRowFunctions): PreparedAgreement {
    const now = options.now ?? Date.now();
    const period = agreementPeriod(model, { ...options, now });
    const plan = planAgreement(model, period, options.dataOverrides, shared);
    return { model, now, period, plan, scans: [...plan.scans.values()] };
}

/** Pause datasets are read into their indexes first: the measured rows look their pauses up. */
async function loadPauses(prepared: PreparedAgreement, options: EvaluateOptions): Promise<void> {
    for (const index of prepared.plan.pauseIndexes.values()) await index.load(prepared.period, options.skipInvalid ?? false, options.signal, options.rowReader);
}

/** The report, once every scan of the agreement has been fed by a pass (`passes[i]` for `prepared.scans[i]`). */
export async function finishAgreement(prepared: PreparedAgreement, passes: DatasetPassResult[], options: EvaluateOptions, measured?: { history: WindowHistory | undefined }): Promise<Report> {
    const { model, now, period, plan, scans } = prepared;
    const zone = model.timezone;
    const coverage = coverageOf(prepared, passes, options);
    const evaluator = new KpiEvaluator(plan, model, period, coverage);
    const kpis = new Map(model.kpis.map((kpi) => [kpi.key, kpi]));
    const feeCurrency = model.fee?.currency;
    const notes: string[] = [];
    const times = new InstantFormatter(zone);
    if (period.asked !== undefined) notes.push(wholeWindowNote(period, times));
    // Evaluated from a later day than the validity's first: the windows before it that Continuous Improvement, a default
    // rule or a termination right counts, measured on their own (window-history.ts).
    // (A portfolio measures them for all its agreements in one pass per file: `measured`.)
    const history = measured !== undefined ? measured.history
        : await measureWindowHistory(model, period, coverage, (request, historyCoverage) => measureWindows(request.model, historyOptions(request, options), historyCoverage));
    const objectives = model.objectives.map((objective) => evaluateObjective(objective, kpis.get(objective.kpi), plan, evaluator, times, feeCurrency, model, history));
    for (const itemObjective of model.itemObjectives ?? []) objectives.push(evaluateItemObjective(itemObjective, kpis.get(itemObjective.kpi), plan, evaluator.openRows, times, feeCurrency));
    const internalTargets = model.internalTargets.map((target) => evaluateObjective(target, kpis.get(target.kpi), plan, evaluator, times, feeCurrency, model));
    // Durations of working time: readers show them in hours, never in 24-hour days.
    for (const objective of [...objectives, ...internalTargets]) {
        const calendar = workingTimeCalendar(model, objective.kpiKey);
        if (calendar !== undefined) objective.during = calendar;
    }
    // `fee from … of previous month`: the charges of the period before each credit window, evaluated on their own.
    const feesOf = (feeModel: AgreementModel, feePeriod: EvaluationPeriod, credits: readonly CreditModel[]) =>
        previousFees(feeModel, feePeriod, now, (evaluated, range) => evaluateAgreement(evaluated, { ...options, ...range, onProgress: undefined }), credits);
    const previous = await feesOf(model, period, model.credits);
    // The credits whose caps or runs of breaches the windows before `--from` count: their drafts over the history (window-history.ts).
    // (A credit with earn-back: its windows' outcomes, which may earn the last earlier credits back, from a first draft without them.)
    const draftHere = (credit: CreditModel, earlierDraft?: CreditDraft): CreditDraft =>
        draftCredit(credit, model, plan, evaluator, period, times, { previous: previous.get(credit), history, ...(earlierDraft === undefined ? {} : { earlier: earlierDraft }) });
    const earlier = await earlierCreditDrafts(history, times, feesOf, (credit) => (credit.claimTerms?.earnBackWindows === undefined ? undefined : draftHere(credit).earnBackOutcome));
    const drafts = model.credits.map((credit) => draftHere(credit, earlier.get(credit)));
    // `credits capped at …`: all credits together, before each credit's totals are made.
    const capNotes: string[] = [];
    const creditCaps = applyAgreementCreditCaps(model, drafts, period, times, capNotes, [...earlier.values()]);
    const credits = drafts.map((draft) => draft.finish(notes));
    // A plan its credit block gives no table: no credit line, but a breach under it is said to earn nothing.
    notes.push(...planWithoutTableNotes(model, objectives));
    for (const credit of credits) {
        const calendar = workingTimeCalendar(model, credit.kpiKey);
        if (calendar !== undefined) credit.during = calendar;
    }
    notes.push(...capNotes);
    await listCreditedItems(model, plan, model.credits, credits, times, options.skipInvalid ?? false, (dataset) => coverage.get(dataset)?.knownUntil ?? period.end, options.rowReader);
    for (const objective of [...objectives, ...internalTargets]) {
        const insufficient = objective.windows.filter((window) => window.insufficientData !== undefined);
        if (insufficient.length > 0) {
            notes.push(`${objective.service ? `${objective.service}.` : ''}${objective.kpi}: ${insufficient.length} window(s) had fewer rows than the minimum sample of ${insufficient[0]!.insufficientData!.minimum} and are reported as insufficient data (no data), never met.`);
        }
        const single = objective.windows.filter((window) => window.notReplicated !== undefined);
        if (single.length > 0) {
            const scopes = [...new Set(single.map((window) => window.scopeValue).filter((value): value is string => value !== undefined))];
            notes.push(`${objective.service ? `${objective.service}.` : ''}${objective.kpi}: ${single.length} window(s)${scopes.length > 0 ? ` (${scopes.join(', ')})` : ''} have a deployment with fewer than ${single.some((window) => window.notReplicated!.needed !== undefined) ? `the ${Math.max(...single.map((window) => window.notReplicated!.needed ?? 2))} instances its 'at least N down' needs` : 'two instances'}: not replicated, reported as no data, never met.`);
        }
        // Two objectives on one KPI (all databases, each database) would say the same twice.
        const notDeployed = notDeployedNote(objective, model);
        if (notDeployed !== undefined && !notes.includes(notDeployed)) notes.push(notDeployed);
        const upcoming = upcomingTermNote(objective);
        if (upcoming !== undefined) notes.push(upcoming);
        const defaults = defaultsNote(objective);
        if (defaults !== undefined) notes.push(defaults);
        const improved = improvementNote(objective);
        if (improved !== undefined) notes.push(improved);
    }
    notes.push(...weakerInternalTargetNotes(objectives, internalTargets));

    const datasets = scans.map((scan, index) => datasetReport(scan, passes[index]!, coverage.get(scan.name)!, times));
    for (const dataset of datasets) {
        if (dataset.rejected > 0) notes.push(`${dataset.rejected} invalid row(s) of dataset '${dataset.name}' were skipped (--skip-invalid); the first ones are listed.`);
        const spec = scans.find((scan) => scan.name === dataset.name)!.spec;
        if (dataset.superseded !== undefined) {
            const key = (spec.oneRowPer ?? []).join(', ');
            notes.push(`${dataset.superseded} row(s) of dataset '${dataset.name}' were superseded by a later version of the same ${key} (one row per ${key}, latest by ${spec.latestBy ?? ''}): only the latest row of each ${key} is counted.`);
        }
        const undated = withoutEventTimeNote(dataset, spec);
        if (undated !== undefined) notes.push(undated);
        if (dataset.rejectedShare > HIGH_REJECTED_SHARE) {
            notes.push(`Warning: ${formatShare(dataset.rejectedShare)} of the records of dataset '${dataset.name}' were rejected (more than ${formatShare(HIGH_REJECTED_SHARE)}): the results rest on a part of the data; check the file's format.`);
        }
    }
    // Other clients' rows whose value only looks like the client's (`Northwind` for "northwind"): not counted, said loudly.
    const lookalikeNote = clientLookalikeNote(datasets);
    if (lookalikeNote !== undefined) notes.push(lookalikeNote);
    // And in the pause lists and change logs read beside them, once per dataset (not again for a measured one).
    const sideLookalikes = sideDatasetLookalikes([...(prepared.listedMaintenanceLookalikes ?? []), ...[...plan.pauseIndexes.values()].flatMap((index) => index.lookalikes ?? [])], datasets);
    notes.push(...sideDatasetLookalikeNotes(sideLookalikes));
    // Percent fields whose file writes shares (0.995 for 99.5 %): read as 0.995 %, said here from the pass's minima and maxima (fraction-percent-note.ts).
    const fractionPercent = fractionPercentWarnings(scans);
    notes.push(...fractionPercent.map((warning) => warning.note));
    const totals = { windows: 0, met: 0, breached: 0, noData: 0 };
    for (const objective of objectives) {
        for (const window of objective.windows) {
            totals.windows++;
            if (window.status === 'met') totals.met++;
            else if (window.status === 'breached') totals.breached++;
            else totals.noData++;
        }
    }
    const report: Report = {
        schemaVersion: 1,
        agreement: model.id,
        timezone: zone,
        period: { from: times.format(period.start), to: times.format(period.end), ...(period.asked === undefined ? {} : { requestedFrom: times.format(period.asked.start) }) },
        generatedAt: times.format(now),
        datasets,
        objectives,
        internalTargets,
        credits,
        ...(creditCaps.length > 0 ? { creditCaps } : {}),
        ...(model.exclusions !== undefined && model.exclusions.length > 0 ? { exclusions: exclusionReports(model) } : {}),
        openItems: openItems(plan, evaluator.openRows, times),
        notes,
        totals
    };
    // What those warnings say, as data, for a portfolio's notes once per file (note-facts.ts).
    keepNoteFacts(report, { fractionPercentFields: fractionPercent.map((warning) => warning.subject), sideDatasetLookalikes: sideLookalikes });
    if (model.terminations !== undefined && model.terminations.length > 0) {
        // The windows before `--from` that the rights count, measured on their own (window-history.ts).
        // (By index of the report: the objectives, then the `objective each` promises.)
        const judged = new Set(model.terminations.flatMap((termination) => termination.objectives));
        const earlier = history === undefined ? undefined : {
            plan: history.plan,
            objectives: [
                ...model.objectives.map((objective, index) => (judged.has(index) ? evaluateObjective(objective, kpis.get(objective.kpi), history.plan, history.evaluator, times, feeCurrency, model) : undefined)),
                ...(model.itemObjectives ?? []).map((objective, index) => (judged.has(model.objectives.length + index)
                    ? evaluateItemObjective(objective, kpis.get(objective.kpi), history.plan, history.evaluator.openRows, times, feeCurrency) : undefined))
            ]
        };
        report.terminations = evaluateTerminations(model, objectives, plan, period, times, earlier);
        notes.push(...terminationNotes(report.terminations));
    }
    if (prepared.listedMaintenance !== undefined) {
        report.listedMaintenance = prepared.listedMaintenance;
        notes.push(...prepared.listedMaintenance.flatMap(listedMaintenanceNotes));
    }
    if (plan.pauseIndexes.size > 0) {
        report.pauses = [...plan.pauseIndexes.values()].map(pauseReport);
        for (const pauses of report.pauses) {
            if (pauses.unknownKeys > 0) notes.push(`${pauses.unknownKeys} pause row(s) of dataset '${pauses.name}' name a ${pauses.key.split(' = ')[0]} that no row of '${pauses.joinedTo}' has (first: ${pauses.unknownKeySamples.map((sample) => `"${sample.key}" at line ${sample.line}`).join(', ')}); they stop no clock.`);
            if (pauses.rejected > 0) notes.push(`${pauses.rejected} invalid pause row(s) of dataset '${pauses.name}' were skipped (--skip-invalid); the first ones are listed.`);
        }
    }
    notes.push(...unknownPlanNotes([...model.objectives, ...model.internalTargets], evaluator));
    notes.push(...missingScopeNotes(model, plan, evaluator));
    for (const exclusion of model.exclusions ?? []) {
        if (exclusion.rows === undefined && exclusion.maintenance === undefined) {
            notes.push(`Exclusion ${exclusion.name} ("${exclusion.text}") is a declared term the data cannot show: no row or time was taken out for it; a claim invoking it is judged outside this report.`);
        }
    }
    // Windows without data, under the headline: a client scope that matched no row first, then those after the data end.
    const dataEndNote = await noDataNote(model, scans, { objectives, internalTargets, datasets }, { skipInvalid: options.skipInvalid ?? false, rowReader: options.rowReader });
    if (dataEndNote !== undefined) {
        report.dataEndNote = dataEndNote;
        notes.unshift(dataEndNote);
    }
    if (model.title !== undefined) report.title = model.title;
    if (model.customer !== undefined) report.customer = model.customer.title ?? model.customer.name;
    if (model.sourceFile !== undefined) report.sourceFile = model.sourceFile;
    return report;
}

/**
 * The history's credits (creditsCountingEarlier) drafted over its windows, by the credit they are
 * of: their amounts and runs of breaches count in the period's credits and caps. `laterOf` gives
 * the outcomes of the period's windows for a credit that they may earn back.
 */
async function earlierCreditDrafts(
    history: WindowHistory | undefined,
    times: InstantFormatter,
    feesOf: (model: AgreementModel, period: EvaluationPeriod, credits: readonly CreditModel[]) => Promise<Map<CreditModel, PreviousFees>>,
    laterOf: (credit: CreditModel) => LaterOutcomes | undefined
): Promise<Map<CreditModel, CreditDraft>> {
    const drafts = new Map<CreditModel, CreditDraft>();
    if (history === undefined || history.model.credits.length === 0) return drafts;
    const { model, plan, evaluator, period } = history;
    const previous = await feesOf(model, period, model.credits);
    for (const credit of model.credits) {
        const later = laterOf(credit);
        drafts.set(credit, draftCredit(credit, model, plan, evaluator, period, times, { previous: previous.get(credit), ...(later === undefined ? {} : { later }) }));
    }
    return drafts;
}

/** How far each dataset of a prepared agreement reaches, from its passes (data-coverage.ts). */
export function coverageOf(prepared: PreparedAgreement, passes: readonly DatasetPassResult[], options: EvaluateOptions): Map<string, DataCoverage> {
    const { model, now, period, scans } = prepared;
    const coverage = new Map(scans.map((scan, index) => [scan.name, datasetCoverage(scan.name, scan.spec.completeTo, passes[index]!.lastTime, { zone: model.timezone, period, now, toGiven: options.to !== undefined, dataEnd: options.dataEnd })]));
    // A client scope that matched no row of any of its datasets: the client has no data there (missing-scope-note.ts).
    return clientScopeCoverage(coverage, unmatchedClientScope(scannedClientRows(scans, passes)));
}

/** The options of the evaluation of a history: from the validity's first day to the day before the period, quietly. */
export function historyOptions(request: HistoryRequest, options: EvaluateOptions): EvaluateOptions {
    // Only the windows ending by then: the one `--from` falls inside is the period's (judged whole there).
    return { ...options, from: undefined, to: request.to, endedWindowsOnly: true, onProgress: undefined };
}

/** `model` planned and read over its period, its windows measured with the given data coverage (window-history.ts). */
async function measureWindows(model: AgreementModel, options: EvaluateOptions, coverage: ReadonlyMap<string, DataCoverage>): Promise<{ plan: EvaluationPlan; evaluator: KpiEvaluator; period: EvaluationPeriod }> {
    const prepared = await prepareWithSideData(model, options);
    await runPasses(prepared.scans, prepared.period, options, { model: prepared.model, period: prepared.period, dataOverrides: options.dataOverrides });
    return { plan: prepared.plan, evaluator: new KpiEvaluator(prepared.plan, prepared.model, prepared.period, coverage), period: prepared.period };
}

async function runPasses(scans: DatasetScan[], period: EvaluationPeriod, options: EvaluateOptions, parallelInputs: ParallelPassInputs): Promise<DatasetPassResult[]> {
    const sizes = scans.map((scan) => fileSize(scan.spec.path));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    let finished = 0;
    const results: DatasetPassResult[] = [];
    for (const [index, scan] of scans.entries()) {
        const passOptions: Parameters<typeof runDatasetPass>[2] = {
            skipInvalid: options.skipInvalid ?? false,
            onBytes: (bytesRead) => options.onProgress?.(finished + bytesRead, total),
            parallelInputs
        };
        if (options.datasetPass !== undefined) passOptions.datasetPass = options.datasetPass;
        if (options.parallelMinBytes !== undefined) passOptions.parallelMinBytes = options.parallelMinBytes;
        if (options.readChunkBytes !== undefined) passOptions.readChunkBytes = options.readChunkBytes;
        if (options.parallelRangeBytes !== undefined) passOptions.parallelRangeBytes = options.parallelRangeBytes;
        if (options.signal !== undefined) passOptions.signal = options.signal;
        results.push(await runDatasetPass(scan, period, passOptions));
        finished += sizes[index]!;
        options.onProgress?.(finished, total);
    }
    return results;
}

/** 0.351 → "35.1 %". */
function formatShare(share: number): string {
    return `${Number((share * 100).toFixed(1))} %`;
}

function fileSize(path: string): number {
    try {
        return statSync(path).size;
    } catch {
        return 0; // the scan reports the unreadable file
    }
}

function datasetReport(scan: DatasetScan, pass: DatasetPassResult, coverage: DataCoverage, times: InstantFormatter): DatasetReport {
    const report: DatasetReport = {
        name: scan.name,
        path: scan.spec.path,
        timeField: scan.eventField,
        // A shared file read for one client: its rows are the client's; the others are counted apart.
        rows: pass.rows - pass.otherClientRows,
        rejected: pass.rejected,
        ...(pass.superseded === undefined ? {} : { superseded: pass.superseded }),
        rejectedShare: rejectedShare(pass.rows, pass.rejected),
        outsidePeriod: pass.outsidePeriod,
        ...(pass.withoutEventTime > 0 ? { withoutEventTime: pass.withoutEventTime } : {}),
        firstTime: pass.firstTime === null ? null : times.format(pass.firstTime),
        lastTime: pass.lastTime === null ? null : times.format(pass.lastTime),
        unresolved: scan.openRows.length,
        openIncidents: Math.max(0, ...scan.outages.map((collector) => collector.openCount)),
        coverage: {
            declaredEnd: coverage.declaredEnd,
            // For 'last event': that event's time (windows starting after it have no data).
            end: !Number.isFinite(coverage.end) ? null : times.format(coverage.basis === 'last event' ? coverage.end - 1 : coverage.end),
            basis: coverage.basis,
            knownUntil: Number.isFinite(coverage.knownUntil) ? times.format(coverage.knownUntil) : null
        },
        rejectedSamples: pass.rejectedSamples.map((error) => ({
            line: error.line,
            column: error.column,
            field: error.field,
            value: error.value,
            message: error.message
        }))
    };
    if (scan.spec.clientScope !== undefined) {
        const lookalikes = pass.lookalikes ?? [];
        report.clientScope = { ...scan.spec.clientScope, otherClientRows: pass.otherClientRows, ...(lookalikes.length > 0 ? { lookalikes } : {}) };
    }
    return report;
}

/** Open incidents, and the open rows some KPI left pending or decided on their elapsed time so far, once per row. */
function openItems(plan: EvaluationPlan, judge: OpenRowJudge, times: InstantFormatter): OpenItem[] {
    const items = new Map<string, OpenItem>();
    const add = (kind: OpenItem['kind'], dataset: string, line: number, start: number | null): OpenItem | undefined => {
        const key = `${kind}|${dataset}|${line}`;
        if (items.has(key)) return undefined;
        const item: OpenItem = { kind, dataset, line, start: start === null ? null : times.format(start) };
        items.set(key, item);
        return item;
    };
    for (const scan of plan.scans.values()) {
        for (const collector of scan.outages) for (const open of collector.openSamples) add('open incident', scan.name, open.line, open.start);
        for (const [index, state] of judge.states.get(scan) ?? []) {
            const open = scan.openRows[index]!;
            const { start, emptyFields } = openEnds(scan, open.row);
            const item = add('unresolved row', scan.name, open.line, start);
            if (item === undefined) continue;
            item.state = state;
            if (emptyFields.length > 0) item.emptyFields = emptyFields;
        }
    }
    return [...items.values()].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.line - b.line);
}

/**
 * The elapsed(…)s of the dataset that have a start but no end in the row: the first one's start,
 * and the end fields left empty (a ticket resolved but never escalated: `escalated`, not "unresolved").
 */
function openEnds(scan: DatasetScan, row: readonly unknown[]): { start: number | null; emptyFields: string[] } {
    let first: number | null = null;
    const emptyFields: string[] = [];
    for (const node of scan.elapsed) {
        const start = judgeOpenRow(node.start, row, scan.context, 0, 'known');
        const end = judgeOpenRow(node.end, row, scan.context, 0, 'known');
        if (typeof start !== 'number' || end !== null) continue;
        first ??= start;
        if (node.end.type === 'field' && !emptyFields.includes(node.end.field)) emptyFields.push(node.end.field);
    }
    return { start: first, emptyFields };
}

function pauseReport(index: PauseIndex): PauseDatasetReport {
    const unknown = index.unknownKeys();
    return {
        name: index.spec.name,
        path: index.spec.path,
        joinedTo: index.measuredDataset,
        key: `${index.join.key} = ${index.join.rowKey}`,
        rows: index.loaded.rows,
        rejected: index.loaded.rejected,
        rejectedSamples: index.loaded.rejectedSamples.map((error) => ({ line: error.line, column: error.column, field: error.field, value: error.value, message: error.message })),
        kept: index.kept,
        open: index.open,
        unknownKeys: unknown.rows,
        unknownKeySamples: unknown.samples
    };
}

/** `plan from F`: rows whose F names no declared plan are in no plan's objective; say so instead of dropping them silently. */
function unknownPlanNotes(objectives: AgreementModel['objectives'], evaluator: KpiEvaluator): string[] {
    const notes = new Map<string, string>();
    for (const objective of objectives) {
        if (objective.knownScopeValues === undefined || objective.scopeField === undefined) continue;
        for (const value of evaluator.scopeValues(objective.kpi, objective.window, objective.scopeField)) {
            const text = String(value);
            if (objective.knownScopeValues.includes(text)) continue;
            notes.set(`${objective.kpi}|${text}`, `${objective.kpi}: rows whose ${objective.scopeField} is '${text}' name no declared plan (${objective.knownScopeValues.join(', ')}): no plan's target judges them.`);
        }
    }
    return [...notes.values()];
}

/**
 * A promise that comes into force or steps up soon after the evaluation period: when, the new
 * target, and whether the latest windows would meet it — the step a service manager must see coming.
 */
function upcomingTermNote(objective: ObjectiveReport): string | undefined {
    const upcoming = objective.upcoming;
    if (upcoming === undefined) return undefined;
    const name = `${objective.service ? `${objective.service}.` : ''}${objective.kpi}`;
    const largest = objectiveDurationUnit(objective);
    const target = `${objective.comparison} ${formatTarget(upcoming.target, objective.unit, largest)}`;
    const when = `on ${upcoming.from} (in ${upcoming.days} day${upcoming.days === 1 ? '' : 's'})`;
    if (upcoming.inForce === true) return `${name} comes into force ${when}: ${target} per ${objective.window}.`;
    const misses = upcoming.wouldMiss ?? [];
    if (misses.length === 0) return `${name} steps up to ${target} ${when}: its latest window${objective.scope !== undefined ? 's' : ''} would meet it.`;
    const listed = misses.map((window) => `${window.scopeValue !== undefined ? `${window.scopeValue} ` : ''}${window.start.slice(0, 10)}: ${formatValueAgainst(window.value, upcoming.target, objective.unit, largest)}`).join(', ');
    return `${name} steps up to ${target} ${when}: ${misses.length === 1 && objective.scope === undefined ? 'its latest window would miss it' : `${misses.length} latest window(s) would miss it`} (${listed}).`;
}
